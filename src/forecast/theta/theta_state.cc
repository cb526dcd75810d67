#include "forecast/theta/theta_state.h"

#include <algorithm>
#include <cmath>

#include "forecast/ets/ets.h"
#include "forecast/theta/theta.h"

namespace invplan::forecast {

namespace {

// A model of theta_models.h: its recursions run over the new periods.
ModelForecast ContinueFittedTheta(const Json& s, const StateInput& in, OneStepErrors* errors) {
  FittedTheta fit;
  fit.state = ThetaModelStateFromJson(s);
  fit.method = s["method"].get<std::string>();
  fit.m = StateInt(s, "m");
  fit.sigma2 = StateNumber(s, "sigma2");
  fit.figure = StateNumbers(s, "figure");
  if (fit.m < 1 || (!fit.figure.empty() && fit.figure.size() != static_cast<std::size_t>(fit.m)))
    throw ModelFitError("model state: Theta seasonal indexes");
  const auto n = static_cast<std::size_t>(fit.state.n);
  if (in.new_periods > in.y.size() || in.y.size() - in.new_periods != n)
    throw ModelFitError("model state: Theta periods do not match the history");
  for (std::size_t t = n; t < in.y.size(); ++t) {
    double v = in.y[t];
    if (!fit.figure.empty()) v /= fit.figure[t % static_cast<std::size_t>(fit.m)];
    errors->Add(v - ThetaModelStep(&fit.state, v), fit.sigma2);
  }
  if (!std::isfinite(fit.state.level) || !std::isfinite(fit.state.b))
    throw ModelFitError("Theta state not finite");
  return FittedThetaForecast(fit, in.h);
}

}  // namespace

ModelForecast ContinueThetaForecast(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  if (s.contains("method") && s["method"].is_string()) return ContinueFittedTheta(s, in, errors);
  ThetaState st;
  st.ses_alpha = StateNumber(s, "ses_alpha");
  st.drift = StateNumber(s, "drift");
  st.level = StateNumber(s, "level");
  st.level0 = StateNumber(s, "level0");
  st.n = StateInt(s, "n");
  st.m = StateInt(s, "m");
  st.sigma2 = StateNumber(s, "sigma2");
  st.figure = StateNumbers(s, "figure");
  if (st.m < 1 || st.n < 1) throw ModelFitError("model state: Theta counts");
  if (!st.figure.empty() && st.figure.size() != static_cast<std::size_t>(st.m))
    throw ModelFitError("model state: Theta seasonal indexes");
  if (in.new_periods > in.y.size() ||
      in.y.size() - in.new_periods != static_cast<std::size_t>(st.n))
    throw ModelFitError("model state: Theta periods do not match the history");
  const EtsSpec ses{EtsComponent::kAdditive, EtsComponent::kNone, false, EtsComponent::kNone};
  EtsParams par;
  par.alpha = st.ses_alpha;
  std::vector<double> x{st.level};
  const double alpha = std::max(1e-10, st.ses_alpha);
  for (std::size_t t = static_cast<std::size_t>(st.n); t < in.y.size(); ++t) {
    double v = in.y[t];
    if (!st.figure.empty()) v /= st.figure[t % static_cast<std::size_t>(st.m)];
    const double n = static_cast<double>(t);
    const double theta = x[0] + st.drift * (1.0 - std::pow(1.0 - alpha, n)) / alpha;
    errors->Add(v - theta, st.sigma2);
    detail::EtsUpdate(ses, 1, par, v, &x);
  }
  if (!std::isfinite(x[0])) throw ModelFitError("Theta level not finite");
  st.level = x[0];
  st.n = static_cast<int>(in.y.size());
  return ThetaFromState(st, in.h);
}

}  // namespace invplan::forecast
