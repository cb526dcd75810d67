// The Theta models of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler
// (2016), "Models for optimising the theta method and their relationship to
// state space models" (IJF 32:1151-1161), on a (seasonally adjusted) series
// x_1..x_n:
//
//   mu_t = l_{t-1} + (1 - 1/theta) ((1-alpha)^{t-1} A + (1 - (1-alpha)^t) / alpha B)
//   l_t  = alpha x_t + (1 - alpha) l_{t-1}
//
// mu_t is the one-step forecast of x_t, e_t = x_t - mu_t its error. The
// static models (STM theta = 2, OTM theta >= 1 fitted) keep A, B at the
// least-squares line of x on t = 1..n. The dynamic ones (DSTM, DOTM) use
// A_{t-1}, B_{t-1}, the line of x_1..x_{t-1}, updated each period:
//
//   xbar_t = ((t-1) xbar_{t-1} + x_t) / t
//   B_t    = ((t-2) B_{t-1} + 6 (x_t - xbar_{t-1}) / t) / (t+1)
//   A_t    = xbar_t - (t+1) / 2 B_t           (A_1 = x_1, B_1 = 0; A_0 = B_0 = 0)
//
// The h-step forecast after n periods is
//   l_n + (1 - 1/theta) ((1-alpha)^n A_n + (h - 1 + (1 - (1-alpha)^{n+1}) / alpha) B_n).
// The parameters l_0, alpha (and theta for OTM, DOTM) minimise the in-sample
// MSE of the one-step errors.
#pragma once

#include <string>
#include <vector>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

// --theta-method: standard is thetaf's fit (theta.h); auto fits STM, OTM,
// DSTM and DOTM and keeps the one of least in-sample MSE.
enum class ThetaMethod { kStandard, kOptimised, kDynamic, kDynamicOptimised, kAuto };
// The option's word of each method, and back (unknown words: kStandard).
const char* ThetaMethodName(ThetaMethod method);
ThetaMethod ThetaMethodFromName(const std::string& name);
// The paper's name of a fitted model: STM, OTM, DSTM, DOTM.
const char* ThetaPaperName(bool dynamic, bool optimised);

// The parameters and the state after n periods.
struct ThetaModelState {
  double alpha = 0.5, theta = 2.0, level0 = 0.0;
  bool dynamic = false, optimised = false;
  double level = 0.0, mean = 0.0, a = 0.0, b = 0.0;  // l_n, xbar_n, A_n, B_n
  int n = 0;
};

// The state before x_1: l_0 = level0; A, B the least-squares line of x on
// t = 1..n for a static model, 0 for a dynamic one.
ThetaModelState ThetaModelStart(const std::vector<double>& x, double alpha, double theta,
                                double level0, bool dynamic);
// One period: returns mu (the forecast of y made before it), then updates.
double ThetaModelStep(ThetaModelState* s, double y);
// The forecast `step` (>= 1) periods after the state.
double ThetaModelMean(const ThetaModelState& s, int step);

struct ThetaModelFit {
  ThetaModelState state;  // after the last period
  double mse = 0.0;
  // With ThetaMethod::kAuto: each candidate's paper name and MSE.
  std::vector<std::pair<std::string, double>> candidates;
};
// Fits `method` (not kStandard; kAuto: STM, OTM, DSTM and DOTM, the least MSE
// kept, ties to the simpler) by Nelder-Mead over l_0 / mean|x|, alpha in
// [0.001, 0.999] and theta in [1, 1000]. Throws ModelFitError for fewer than
// 3 values or a non-finite fit.
ThetaModelFit FitThetaModel(const std::vector<double>& x, ThetaMethod method);

// The forecast of x h steps ahead of `s` with one-step variance sigma2,
// multiplied by figure[(s.n + i) % m] per step when figure is not empty.
// Standard errors from the model's impulse responses psi_{k,j} (the change of
// mu_{n+k} per unit error at n+j, by running the recursions, which are linear
// in x): Var = sigma2 (1 + sum_j psi_{k,j}^2). For the static models this is
// SES's sigma2 (1 + (k-1) alpha^2), exactly; for the dynamic ones it adds the
// errors' effect on A and B. sum_se exact from the same responses.
ModelForecast ThetaModelForecast(const ThetaModelState& s, double sigma2, int h,
                                 const std::vector<double>& figure, int m);

// The model JSON's "state" of a fitted model and back (ModelFitError when a
// field is missing or wrong).
Json ThetaModelStateJson(const ThetaModelState& s);
ThetaModelState ThetaModelStateFromJson(const Json& state);

}  // namespace invplan::forecast
