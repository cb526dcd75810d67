#include "forecast/theta/theta.h"

#include <algorithm>
#include <cmath>

#include "forecast/ets/decompose.h"
#include "forecast/ets/ets.h"
#include "forecast/fit_error.h"

namespace invplan::forecast {

bool ThetaSeasonal(const std::vector<double>& y, int m) {
  const int n = static_cast<int>(y.size());
  if (m <= 1 || n <= 2 * m) return false;
  if (std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); })) return false;
  double mean = 0;
  for (double v : y) mean += v / n;
  double c0 = 0;
  for (double v : y) c0 += (v - mean) * (v - mean);
  std::vector<double> r(m + 1, 0.0);
  for (int k = 1; k <= m; ++k) {
    double c = 0;
    for (int t = k; t < n; ++t) c += (y[t] - mean) * (y[t - k] - mean);
    r[k] = c / c0;
  }
  double sum = 0;
  for (int k = 1; k < m; ++k) sum += r[k] * r[k];
  const double se = std::sqrt((1.0 + 2.0 * sum) / n);
  return std::abs(r[m]) / se > 1.6448536269514722;  // the normal's 95% quantile
}

ModelForecast FittedThetaForecast(const FittedTheta& fit, int h) {
  const ThetaModelState& s = fit.state;
  const bool seasonal = !fit.figure.empty();
  const std::string paper = ThetaPaperName(s.dynamic, s.optimised);
  ModelForecast f = ThetaModelForecast(s, fit.sigma2, h, fit.figure, fit.m);
  f.spec = "Theta-" + paper + (seasonal ? "[" + std::to_string(fit.m) + "]" : "");
  f.model = {{"method", fit.method}, {"model", paper},      {"alpha", s.alpha}, {"theta", s.theta},
             {"level", s.level},     {"level0", s.level0},  {"a", s.a},         {"b", s.b},
             {"sigma2", fit.sigma2}, {"seasonal", seasonal}};
  if (!fit.candidates.is_null()) f.model["candidates_mse"] = fit.candidates;
  if (seasonal) {
    f.model["season"] = fit.m;
    f.model["seasonal_indexes"] = fit.figure;
  }
  Json state = ThetaModelStateJson(s);
  state["method"] = fit.method;
  state["m"] = fit.m;
  state["sigma2"] = fit.sigma2;
  state["figure"] = fit.figure;
  f.model["state"] = std::move(state);
  return f;
}

namespace {

ModelForecast FitAndForecastTheta(const std::vector<double>& x, const std::vector<double>& figure,
                                  int m, int h, ThetaMethod method) {
  const ThetaModelFit model = FitThetaModel(x, method);
  FittedTheta fit;
  fit.state = model.state;
  fit.sigma2 = model.mse;
  fit.figure = figure;
  fit.m = m;
  fit.method = ThetaMethodName(method);
  if (!model.candidates.empty()) {
    fit.candidates = Json::object();
    for (const auto& [name, mse] : model.candidates)
      fit.candidates[name] = std::isfinite(mse) ? Json(mse) : Json();
  }
  return FittedThetaForecast(fit, h);
}

}  // namespace

std::vector<double> ThetaAdjust(const std::vector<double>& y, int m, std::vector<double>* figure) {
  const int n = static_cast<int>(y.size());
  const bool positive = std::all_of(y.begin(), y.end(), [](double v) { return v > 0; });
  figure->clear();
  std::vector<double> x = y;
  if (!positive || !ThetaSeasonal(y, m)) return x;
  *figure = SeasonalFigure(y, m, true);
  // Indexes near zero would blow the adjusted series up.
  if (std::any_of(figure->begin(), figure->end(), [](double f) { return std::abs(f) < 1e-4; })) {
    figure->clear();
    return x;
  }
  for (int t = 0; t < n; ++t) x[t] /= (*figure)[t % m];
  return x;
}

ModelForecast ThetaForecast(const std::vector<double>& y, int m, int h, ThetaMethod method) {
  const int n = static_cast<int>(y.size());
  std::vector<double> figure;
  const std::vector<double> x = ThetaAdjust(y, m, &figure);
  const bool seasonal = !figure.empty();
  if (method != ThetaMethod::kStandard) return FitAndForecastTheta(x, figure, m, h, method);
  const EtsSpec ses{EtsComponent::kAdditive, EtsComponent::kNone, false, EtsComponent::kNone};
  const EtsModel fit = FitEts(x, 1, ses);
  // Slope of the least-squares line through (t, x_t), t = 0 .. n-1.
  double st = 0, sx = 0, stt = 0, stx = 0;
  for (int t = 0; t < n; ++t) {
    st += t;
    sx += x[t];
    stt += static_cast<double>(t) * t;
    stx += t * x[t];
  }
  ThetaState state;
  state.ses_alpha = fit.par.alpha;
  state.drift = 0.5 * (n * stx - st * sx) / (n * stt - st * st);
  state.level = fit.state[0];
  state.level0 = fit.initial[0];
  state.n = n;
  state.sigma2 = fit.sigma2;
  state.m = m;
  if (seasonal) state.figure = figure;
  ModelForecast f = ThetaFromState(state, h);
  f.model["loglik"] = fit.loglik;
  return f;
}

ModelForecast ThetaFromState(const ThetaState& state, int h) {
  const bool seasonal = !state.figure.empty();
  const int m = state.m, n = state.n;
  const std::vector<double>& figure = state.figure;
  const double drift = state.drift, level = state.level;
  const double alpha = std::max(1e-10, state.ses_alpha);
  const double sigma = std::sqrt(state.sigma2);
  ModelForecast f;
  f.name = "theta";
  f.spec = seasonal ? "Theta[" + std::to_string(m) + "]" : "Theta";
  for (int i = 0; i < h; ++i) {
    double mean = level + drift * (i + (1.0 - std::pow(1.0 - alpha, n)) / alpha);
    if (seasonal) mean *= figure[(n + i) % m];
    f.mean.push_back(mean);
    f.se.push_back(sigma * std::sqrt(1.0 + i * alpha * alpha));
  }
  f.model = {{"alpha", alpha},
             {"drift", drift},
             {"level", level},
             {"sigma2", state.sigma2},
             {"seasonal", seasonal}};
  // SES errors: ψ_j = α for j >= 1 (as the step variances above).
  f.sum_se = PsiSumSe(SesPsi(alpha, h), state.sigma2);
  if (seasonal) {
    f.model["season"] = m;
    f.model["seasonal_indexes"] = figure;
  }
  f.model["state"] = {{"ses_alpha", state.ses_alpha}, {"drift", drift},  {"level", level},
                      {"level0", state.level0},       {"n", n},          {"m", m},
                      {"sigma2", state.sigma2},       {"figure", figure}};
  return f;
}

}  // namespace invplan::forecast
