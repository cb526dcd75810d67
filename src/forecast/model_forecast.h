// What every forecasting method returns, and the normal quantiles behind the
// intervals.
#pragma once

#include <string>
#include <vector>

#include "common/normal.h"
#include "invplan/artifact.h"

namespace invplan::forecast {

// A Gaussian forecast on the scale the model was fitted on (after any
// transform): the mean and standard error of each step ahead. Intervals are
// mean ± z·se, transformed back by the caller.
//
// sum_se[j]: the standard error of the SUM of steps 1..j+1 on the same scale,
// with the model's correlated errors. Empty: the model treats the steps as
// independent (the sum's variance is the sum of the variances). Per model:
//   arima     exact from the state-space form used for the forecast (incl.
//             differencing and seasonal differencing): Var(Σ) = Σ_t Var(e_t) +
//             2 Σ_{s<t} Cov(e_s, e_t), the covariances propagated through the
//             transition matrix; with a known state this is the psi-weight
//             formula σ² Σ_{k<h} (Σ_{i<=k} ψ_i)².
//   ets       additive error, additive/no season: the same formula with the
//             ETS impulse weights c_j (ψ_0 = 1); multiplicative error or season:
//             5000 simulated sample paths (fixed seed) give the widening
//             Var(Σ)/ΣVar(e_t), applied to the analytic step variances.
//   theta     standard: SES with drift, ψ_j = α (j >= 1); the models of
//             theta_models.h: exact from their impulse responses.
//   ces       the linear model's impulse weights (ces.h).
//   naive     random walk, ψ_j = 1; snaive ψ_j = 1 at multiples of the season,
//             0 otherwise; mean: independent noise plus the estimated mean's
//             error shared by all steps, Var(Σ) = s²(h + h²/n); drift: the
//             random walk plus the estimated drift's error, σ²(Σ_{k<=h} k² +
//             (h(h+1)/2)²/T).
//   combo     the mean of the members' sum_se (as its se is the mean of theirs).
//   croston, tsb, zero: independent (empty). Croston's method has no
//             stochastic model behind it (Shenstone & Hyndman 2005); reading its
//             SES-like step variances as SES errors (ψ_j = alpha) made 28-day
//             totals of the demo data's intermittent SKUs so skewed that their
//             median and 0.9 quantile covered worse than the independent sum.
//             The recurrent network draws no sample paths: independent too.
struct ModelForecast {
  std::string name;             // "naive", "croston", "arima", ...
  std::string spec;             // readable, e.g. "Naive", "Croston-SBA(alpha=0.1)"
  Json model = Json::object();  // coefficients and fit statistics
  std::vector<double> mean, se;
  std::vector<double> sum_se;  // empty or one per step (see above)
};

// sum_se of errors e_t = Σ_{i<t} ψ_i a_{t-i} with Var(a) = sigma2:
// sqrt(sigma2 Σ_{k<=j} (Σ_{i<=k} ψ_i)²) for j = 0..psi.size()-1 (psi[0] = 1).
std::vector<double> PsiSumSe(const std::vector<double>& psi, double sigma2);

// The psi-weights of simple exponential smoothing with weight alpha, steps
// 0..h-1: 1, alpha, alpha, ...
std::vector<double> SesPsi(double alpha, int h);

// The widening of each step's sum by correlated errors: w_j = sum_se[j]² /
// Σ_{t<=j} se[t]² (1 when sum_se is empty or the variances are 0).
std::vector<double> SumWidening(const ModelForecast& f);

using invplan::NormalQuantile;  // common/normal.h
// z such that a central interval mean ± z·se covers `level` percent.
double LevelZ(double level);

}  // namespace invplan::forecast
