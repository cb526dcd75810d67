#include "forecast/theta/theta_models.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "forecast/fit_error.h"
#include "forecast/model_state.h"
#include "forecast/nelder_mead.h"

namespace invplan::forecast {
namespace {

constexpr double kThetaAlphaMin = 0.1, kThetaAlphaMax = 0.99;
constexpr double kThetaMax = 1000.0;

// (1 - (1-alpha)^k) / alpha, accurate for small alpha.
double GeometricSum(double alpha, double k) {
  return -std::expm1(k * std::log1p(-alpha)) / alpha;
}

// One model fitted from the paper's starting point (l_0 = x_1 / 2, as the
// level of the theta line divided by theta = 2; alpha = 0.5; theta = 2).
ThetaModelFit FitOneTheta(const std::vector<double>& x, bool dynamic, bool optimised) {
  double scale = 0.0;
  for (double v : x) scale += std::abs(v) / static_cast<double>(x.size());
  if (!(scale > 0) || !std::isfinite(scale)) scale = 1.0;
  // The static line is the same for every parameter value: fit it once.
  const ThetaModelState line = ThetaModelStart(x, 0.5, 2.0, 0.0, dynamic);
  auto run = [&](const std::vector<double>& p, ThetaModelState* end) -> double {
    const double alpha = p[1], theta = optimised ? p[2] : 2.0;
    if (!(alpha >= kThetaAlphaMin && alpha <= kThetaAlphaMax)) return INFINITY;
    if (!(theta >= 1.0 && theta <= kThetaMax)) return INFINITY;
    ThetaModelState s = line;
    s.alpha = alpha;
    s.theta = theta;
    s.level0 = s.level = p[0] * scale;
    double sse = 0.0;
    for (double v : x) {
      const double e = v - ThetaModelStep(&s, v);
      sse += e * e;
    }
    if (end) *end = s;
    return sse / static_cast<double>(x.size());
  };
  std::vector<double> p{x.front() / 2.0 / scale, 0.5};
  if (optimised) p.push_back(2.0);
  // Nash's simplex starts with an edge of a tenth of the largest |p_i|: keep
  // l_0 / scale from dominating it.
  if (std::abs(p[0]) > 2.0) p[0] = std::copysign(2.0, p[0]);
  detail::MinimiseNash([&](const std::vector<double>& q) { return run(q, nullptr); }, &p, 2000,
                       1e-10);
  ThetaModelFit fit;
  fit.mse = run(p, &fit.state);
  if (!std::isfinite(fit.mse)) throw ModelFitError("Theta model fit not finite");
  fit.state.optimised = optimised;
  return fit;
}

}  // namespace

const char* ThetaMethodName(ThetaMethod method) {
  switch (method) {
    case ThetaMethod::kOptimised:
      return "optimised";
    case ThetaMethod::kDynamic:
      return "dynamic";
    case ThetaMethod::kDynamicOptimised:
      return "dynamic-optimised";
    case ThetaMethod::kAuto:
      return "auto";
    case ThetaMethod::kStandard:
      break;
  }
  return "standard";
}

ThetaMethod ThetaMethodFromName(const std::string& name) {
  for (ThetaMethod m : {ThetaMethod::kOptimised, ThetaMethod::kDynamic,
                        ThetaMethod::kDynamicOptimised, ThetaMethod::kAuto}) {
    if (name == ThetaMethodName(m)) return m;
  }
  return ThetaMethod::kStandard;
}

const char* ThetaPaperName(bool dynamic, bool optimised) {
  if (dynamic) return optimised ? "DOTM" : "DSTM";
  return optimised ? "OTM" : "STM";
}

ThetaModelState ThetaModelStart(const std::vector<double>& x, double alpha, double theta,
                                double level0, bool dynamic) {
  ThetaModelState s;
  s.alpha = alpha;
  s.theta = theta;
  s.level0 = s.level = level0;
  s.dynamic = dynamic;
  if (!dynamic && !x.empty()) {
    // Least squares on t = 1..n: B = S_tx / S_tt, A = xbar - tbar B.
    const double n = static_cast<double>(x.size()), tbar = (n + 1.0) / 2.0;
    double xbar = 0.0;
    for (double v : x) xbar += v / n;
    double stx = 0.0, stt = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double dt = static_cast<double>(i + 1) - tbar;
      stx += dt * (x[i] - xbar);
      stt += dt * dt;
    }
    s.b = stt > 0 ? stx / stt : 0.0;
    s.a = xbar - tbar * s.b;
    s.mean = xbar;
  }
  return s;
}

double ThetaModelStep(ThetaModelState* s, double y) {
  const double mu = ThetaModelMean(*s, 1);
  s->level = s->alpha * y + (1.0 - s->alpha) * s->level;
  const int t = ++s->n;
  if (s->dynamic) {
    const double old_mean = s->mean;
    s->mean = ((t - 1) * old_mean + y) / t;
    if (t == 1) {
      s->b = 0.0;
      s->a = y;
    } else {
      s->b = ((t - 2) * s->b + 6.0 * (y - old_mean) / t) / (t + 1);
      s->a = s->mean - (t + 1) / 2.0 * s->b;
    }
  }
  return mu;
}

double ThetaModelMean(const ThetaModelState& s, int step) {
  const double n = s.n;
  const double decay = std::pow(1.0 - s.alpha, n);
  return s.level +
         (1.0 - 1.0 / s.theta) * (decay * s.a + (step - 1 + GeometricSum(s.alpha, n + 1.0)) * s.b);
}

ThetaModelFit FitThetaModel(const std::vector<double>& x, ThetaMethod method) {
  if (x.size() < 3) throw ModelFitError("Theta model needs at least 3 values");
  switch (method) {
    case ThetaMethod::kOptimised:
      return FitOneTheta(x, false, true);
    case ThetaMethod::kDynamic:
      return FitOneTheta(x, true, false);
    case ThetaMethod::kDynamicOptimised:
      return FitOneTheta(x, true, true);
    case ThetaMethod::kStandard:
    case ThetaMethod::kAuto:
      break;
  }
  // Auto (kStandard here: the paper's STM, fitted as the others). Candidates
  // from the simplest: a later one must be strictly better.
  ThetaModelFit best;
  best.mse = INFINITY;
  std::vector<std::pair<std::string, double>> candidates;
  for (const auto& [dynamic, optimised] :
       {std::pair{false, false}, {false, true}, {true, false}, {true, true}}) {
    if (method == ThetaMethod::kStandard && (dynamic || optimised)) continue;
    try {
      ThetaModelFit f = FitOneTheta(x, dynamic, optimised);
      candidates.emplace_back(ThetaPaperName(dynamic, optimised), f.mse);
      if (f.mse < best.mse) best = std::move(f);
    } catch (const ModelFitError&) {
      candidates.emplace_back(ThetaPaperName(dynamic, optimised), INFINITY);
    }
  }
  if (!std::isfinite(best.mse)) throw ModelFitError("no Theta model could be fitted");
  best.candidates = std::move(candidates);
  return best;
}

ModelForecast ThetaModelForecast(const ThetaModelState& s, double sigma2, int h,
                                 const std::vector<double>& figure, int m) {
  ModelForecast f;
  f.name = "theta";
  auto factor = [&](int i) {
    return figure.empty() ? 1.0 : figure[static_cast<std::size_t>((s.n + i) % m)];
  };
  // psi[k][j]: the change of the forecast of step k per unit error at step
  // j < k (0-based), from running the recursions with and without it.
  std::vector<double> base(h);
  {
    ThetaModelState z = s;
    for (int k = 0; k < h; ++k) base[k] = ThetaModelStep(&z, ThetaModelMean(z, 1));
  }
  std::vector<std::vector<double>> psi(h, std::vector<double>(h, 0.0));
  for (int j = 0; j < h; ++j) {
    psi[j][j] = 1.0;
    ThetaModelState z = s;
    for (int k = 0; k < h; ++k) {
      const double mu = ThetaModelStep(&z, ThetaModelMean(z, 1) + (k == j ? 1.0 : 0.0));
      if (k > j) psi[k][j] = mu - base[k];
    }
  }
  f.mean.resize(h);
  f.se.resize(h);
  f.sum_se.resize(h);
  std::vector<double> total(h, 0.0);  // per error j: its coefficient in the sum so far
  for (int k = 0; k < h; ++k) {
    f.mean[k] = ThetaModelMean(s, k + 1) * factor(k);
    double var = 0.0, sum_var = 0.0;
    for (int j = 0; j <= k; ++j) {
      const double c = psi[k][j] * factor(k);
      var += c * c;
      total[j] += c;
      sum_var += total[j] * total[j];
    }
    f.se[k] = std::sqrt(sigma2 * var);
    f.sum_se[k] = std::sqrt(sigma2 * sum_var);
  }
  return f;
}

Json ThetaModelStateJson(const ThetaModelState& s) {
  return {{"alpha", s.alpha},
          {"theta", s.theta},
          {"level0", s.level0},
          {"dynamic", s.dynamic},
          {"optimised", s.optimised},
          {"level", s.level},
          {"mean", s.mean},
          {"a", s.a},
          {"b", s.b},
          {"n", s.n}};
}

ThetaModelState ThetaModelStateFromJson(const Json& state) {
  ThetaModelState s;
  s.alpha = StateNumber(state, "alpha");
  s.theta = StateNumber(state, "theta");
  s.level0 = StateNumber(state, "level0");
  s.level = StateNumber(state, "level");
  s.mean = StateNumber(state, "mean");
  s.a = StateNumber(state, "a");
  s.b = StateNumber(state, "b");
  s.n = StateInt(state, "n");
  s.dynamic = StateBool(state, "dynamic");
  s.optimised = StateBool(state, "optimised");
  if (!(s.alpha >= kThetaAlphaMin && s.alpha <= kThetaAlphaMax) ||
      !(s.theta >= 1.0 && s.theta <= kThetaMax) || s.n < 1)
    throw ModelFitError("model state: Theta parameters out of range");
  return s;
}

}  // namespace invplan::forecast
