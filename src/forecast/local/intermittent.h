// Intermittent-demand methods and the Syntetos–Boylan demand classification.
//
// Croston (1972): exponential smoothing, with the same alpha, of the non-zero
// demand sizes z and of the intervals p between them, updated only in periods
// with demand; forecast z/p. SBA (Syntetos & Boylan 2005) multiplies by
// (1 − alpha/2) to remove Croston's bias. TSB (Teunter, Syntetos & Babai 2011)
// smooths the demand probability every period (beta) and the size on demand
// (alpha); forecast prob·z, which decays through long runs of zeros.
// Initial states: the first demand size, its interval (periods up to and
// including it), and for TSB a probability of 1/interval.
//
// Intervals: Gaussian around the flat forecast with the variance of the
// in-sample one-step errors (from the first demand on), widened with the
// horizon as for simple exponential smoothing: se_h² = σ²(1 + (h−1)α²).
// Lower bounds are clipped at zero by the caller.
//
// Negative values count as no demand. Smoothing constants <= 0 are chosen by a
// grid search (0.05..0.30) minimising the in-sample one-step squared error.
#pragma once

#include <string>
#include <vector>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

enum class CrostonVariant { kClassic, kSba };

// Throws ModelFitError if y has no demand.
ModelForecast CrostonForecast(const std::vector<double>& y, int h, CrostonVariant variant,
                              double alpha = 0.0);
ModelForecast TsbForecast(const std::vector<double>& y, int h, double alpha = 0.0,
                          double beta = 0.0);

// What Croston's and TSB's recursions carry from period to period (the model
// JSON's "state"), with the in-sample squared one-step errors behind sigma2.
// The fit and a continuation over new periods (local_state.h) run the same
// step, so a continued model forecasts exactly as one fitted to the whole
// history with the same smoothing constants.
struct CrostonState {
  double alpha = 0, factor = 1;  // factor: 1 - alpha/2 for SBA, else 1
  double z = 0, p = 0;           // smoothed size and interval
  std::size_t since = 0;         // periods since the last demand
  double sse = 0;
  std::size_t errors = 0;
  bool sba = true;
};
struct TsbState {
  double alpha = 0, beta = 0, prob = 0, z = 0, sse = 0;
  std::size_t errors = 0;
};
// One period's step; returns the one-step error (demand minus forecast).
double CrostonStep(double y, CrostonState* state);
double TsbStep(double y, TsbState* state);
ModelForecast CrostonFromState(const CrostonState& state, int h);
ModelForecast TsbFromState(const TsbState& state, int h);

struct DemandClass {
  std::string name;  // smooth|erratic|intermittent|lumpy|none (no demand)
  double adi = 0;    // average inter-demand interval: periods / demand periods
  double cv2 = 0;    // squared coefficient of variation of the non-zero sizes
};

// Syntetos–Boylan–Croston cut-offs: ADI 1.32, CV² 0.49.
DemandClass ClassifyDemand(const std::vector<double>& y);

// Periods with no demand at the end of y.
std::size_t TrailingZeros(const std::vector<double>& y);

}  // namespace invplan::forecast
