// Complex exponential smoothing (CES) of Svetunkov, Kourentzes & Ord (2022,
// Naval Research Logistics), in its state-space form with the information
// potential equal to the error: with complex smoothing parameter a0 + i a1,
//   y_t = l_{t-1} + e_t
//   l_t = l_{t-1} - (1 - a1) c_{t-1} + (a0 - a1) e_t
//   c_t = l_{t-1} + (1 - a0) c_{t-1} + (a0 + a1) e_t
// i.e. measurement w = (1, 0), transition F = [[1, a1 - 1], [1, 1 - a0]],
// persistence g = (a0 - a1, a0 + a1). Seasonal types (period m > 1):
//   N  none: the above;
//   S  simple: the same pair of states at lag m (y_t = l_{t-m} + e_t, ...);
//   P  partial: N plus a real additive seasonal state, s_t = s_{t-m} + b e_t;
//   F  full: N plus a second complex pair at lag m with parameter b0 + i b1,
//      y_t = l_{t-1} + ls_{t-m} + e_t.
// Parameters by maximum likelihood (Gaussian errors, Nash's simplex); the type
// by AICc among the admissible fits.
#pragma once

#include <string>
#include <vector>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

enum class CesType { kNone, kSimple, kPartial, kFull };

// 'N', 'S', 'P' or 'F'.
char CesTypeLetter(CesType type);

// The parameters as the recursion uses them: a0, a1 (types N, P, F: the
// level pair; S: the lag-m pair); b0 (P: the real seasonal weight b; F: the
// seasonal pair's real part) and b1 (F: its imaginary part).
struct CesParams {
  double a0 = 1.3, a1 = 1.0, b0 = 0.0, b1 = 0.0;
};

// The states of one CES model and its recursion. l, c: the level pair (unused
// by S); sl, sc: per position of the season (t % m), the lag-m states (S and F:
// a complex pair; P: sl is the additive seasonal state, sc unused). pos: the
// position of the next period.
struct CesState {
  CesType type = CesType::kNone;
  int m = 1;
  CesParams p;
  double l = 0, c = 0;
  std::vector<double> sl, sc;
  int pos = 0;

  // The one-step forecast of the next period.
  double Predict() const;
  // Moves to the next period given its one-step error e (0 when forecasting).
  void Update(double e);
};

// The discount matrix D = F - g w' of the pair with parameter a0 + i a1 has
// both eigenvalues strictly inside the unit circle (Jury's conditions on its
// trace and determinant): old observations' weights decay.
bool CesPairStable(double a0, double a1);

// The admissible region: every component's discount matrix has its
// eigenvalues strictly inside the unit circle. N and S: the pair's
// (CesPairStable(a0, a1)); P: the level pair's and the seasonal state's,
// 1 - b, so 0 < b < 2; F: the level pair's and the seasonal pair's
// (CesPairStable(b0, b1)). The coupled system of P and F is not required to
// shrink as a whole: like additive-season ETS its level and seasonal states
// are redundant (a constant moved from the seasonal states to the level leaves
// every forecast unchanged), which with a1 = 1 is an eigenvalue of exactly 1
// and near it one close to 1. CesDiscountRadius reports it.
bool CesStable(CesType type, const CesParams& p);

// The spectral radius of the whole model's discount map over one season (the
// states' response to themselves with y = 0, the maps of positions 0..m-1
// composed; for N one period): old observations' weights decay like
// radius^(periods / m). For N and S it is the pair's own spectral radius (S
// updates each position's pair once a season).
double CesDiscountRadius(CesType type, int m, const CesParams& p);

// One fitted CES model.
struct CesFit {
  CesState initial;  // the states before the first period (scale of the data)
  CesState final;    // after the last period
  int n = 0;
  int k = 0;  // parameters counted by the AICc: smoothing, initial states, sigma
  double sse = 0, sigma2 = 0, loglik = 0, aicc = 0;
};

// Fits one type to y (finite). Throws ModelFitError when the series is too
// short for it (AICc undefined, or for seasonal types fewer than two seasons)
// or no admissible parameters are found.
CesFit FitCes(const std::vector<double>& y, int m, CesType type);

// AutoCES: every type the series supports (N always; S, P, F when m > 1 and
// there are two full seasons), the one of least AICc; `aiccs` (optional)
// receives "N"/"S"/"P"/"F" -> AICc of each admissible candidate.
CesFit FitAutoCes(const std::vector<double>& y, int m, std::vector<std::pair<char, double>>* aiccs);

// The forecast of a fitted model, h steps: the recursion with zero errors for
// the means; standard errors from the linear model's impulse weights psi_j
// (the response of y_{t+j} to e_t, psi_0 = 1): se_i = sigma sqrt(sum_{j<=i}
// psi_j^2), and sum_se from the same weights (PsiSumSe).
ModelForecast CesForecastFrom(const CesFit& fit, int h);

// FitAutoCes then CesForecastFrom, with the candidates' AICc in the model JSON.
ModelForecast CesForecast(const std::vector<double>& y, int m, int h);

}  // namespace invplan::forecast
