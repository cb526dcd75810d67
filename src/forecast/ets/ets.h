// Exponential smoothing in innovations state-space form (ETS; Hyndman, Koehler,
// Snyder & Grose 2002; Hyndman, Koehler, Ord & Snyder 2008), as R's
// forecast::ets fits it: error A|M, trend N|A|Ad, season N|A|M; smoothing
// parameters and initial states by maximum likelihood within the usual and
// the admissible bounds (R's default, bounds = "both"), found from R's start
// by R's simplex so that the optimum is R's; the model chosen by AICc.
//
// State vector: level l, trend b (with a trend), seasonal s[0..m-1] where s[0]
// is the newest seasonal state and s[m-1] the one the next period uses.
#pragma once

#include <string>
#include <vector>

#include "invplan/artifact.h"

namespace invplan::forecast {

enum class EtsComponent { kNone, kAdditive, kMultiplicative };

struct EtsSpec {
  EtsComponent error = EtsComponent::kAdditive;  // kAdditive | kMultiplicative
  EtsComponent trend = EtsComponent::kNone;      // kNone | kAdditive
  bool damped = false;                           // with trend kAdditive
  EtsComponent season = EtsComponent::kNone;     // any
  std::string Name() const;                      // "ETS(M,Ad,N)"
  std::string Code() const;                      // "MAdN"
};

// The requested model: each component a letter, Z = choose, as --ets-model
// ("ZZZ", "AAdN", "MNM", "AZN", "ZZdZ" ...). Trend letters N, A, Ad, Z (Z
// tries damped and undamped; "Zd" only damped). Returns false when `text`
// is not of that form.
struct EtsRequest {
  char error = 'Z', trend = 'Z', season = 'Z';
  char damped = 'Z';  // 'Z' both, 'Y' damped only, 'N' undamped only
  // Z chooses among additive components only (R's additive.only, as with a
  // Box-Cox transform).
  bool additive_only = false;
};
bool ParseEtsRequest(const std::string& text, EtsRequest* out);

// The usual bounds: lower < alpha < upper, lower < beta < alpha,
// lower < gamma < 1 - alpha, 0.8 <= phi <= 0.98; the fit also requires the
// admissible region (forecastability, Hyndman et al. 2008 ch. 10), as R's
// default bounds = "both".
struct EtsBounds {
  double lower = 1e-4, upper = 0.9999, phi_lower = 0.8, phi_upper = 0.98;
};

struct EtsParams {
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
};

struct EtsModel {
  EtsSpec spec;
  int m = 1;  // seasonal period (1 without season)
  EtsParams par;
  std::vector<double> initial;    // l0 [b0] [s0 .. s(m-1)]
  std::vector<double> state;      // the same after the last observation
  std::vector<double> residuals;  // innovations: y - yhat, or relative for M errors
  int n = 0;                      // observations
  int nparams = 0;                // estimated parameters, sigma counted
  double lik = 0;                 // n log(SSE) + 2 sum log|yhat|, minimised
  double loglik = 0;              // -lik / 2, as R reports it
  double aic = 0, aicc = 0, bic = 0;
  double sigma2 = 0;  // SSE / (n - nparams + 1): sigma not counted, as R
  Json ToJson() const;
};

// Fits `spec` to y (period m) by maximum likelihood. Throws ModelFitError when
// the data do not allow it (multiplicative components with non-positive data,
// too short, no finite likelihood).
EtsModel FitEts(const std::vector<double>& y, int m, const EtsSpec& spec,
                const EtsBounds& bounds = {});

// Fits every model `request` allows on this series and returns the best by
// AICc (R's rules: multiplicative error and season only for positive data,
// season only for 1 < m <= 24 with two full seasons, no additive error with a
// multiplicative season). Throws ModelFitError when no candidate fits.
EtsModel AutoEts(const std::vector<double>& y, int m, const EtsRequest& request = {});

// Point forecasts (the state recursion without noise) and their standard
// errors: exact for the linear models (additive error, no multiplicative
// season), exact (Hyndman et al. 2008, class 2) for multiplicative error with
// linear states, and by seeded simulation otherwise.
struct EtsPrediction {
  std::vector<double> mean, se;
  std::vector<double> sum_se;  // standard error of the sum of steps 1..j+1
};
EtsPrediction PredictEts(const EtsModel& model, int h);

namespace detail {
// One pass of the model over y from `initial`: fills the final state and the
// innovations and returns lik (n log SSE + 2 sum log|yhat| for M errors), or
// +inf when a fitted value is not usable.
double EtsPass(const std::vector<double>& y, const EtsSpec& spec, int m, const EtsParams& p,
               const std::vector<double>& initial, std::vector<double>* state,
               std::vector<double>* residuals);
// Whether the parameters lie in the admissible region of the linear model
// with the same components (R's admissible()).
bool EtsAdmissible(const EtsSpec& spec, int m, const EtsParams& p);
// The one-step fitted value from a state, and the state update given y.
double EtsOneStep(const EtsSpec& spec, int m, const EtsParams& p, const std::vector<double>& x);
void EtsUpdate(const EtsSpec& spec, int m, const EtsParams& p, double y, std::vector<double>* x);
// Initial states as R's ets starts from: seasonal states from a classical
// decomposition of the series (a line plus one Fourier pair with fewer than 3
// seasons), level and trend from a line through the first max(10, 2m)
// seasonally adjusted values.
std::vector<double> EtsInitialStates(const std::vector<double>& y, int m, const EtsSpec& spec);
}  // namespace detail

}  // namespace invplan::forecast
