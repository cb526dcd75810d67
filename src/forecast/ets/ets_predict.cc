// Point forecasts and forecast variances of a fitted ETS model (Hyndman et al.
// 2008, chapter 6).
#include <cmath>
#include <cstdint>
#include <random>

#include "forecast/ets/ets.h"
#include "forecast/fit_error.h"
#include "forecast/model_forecast.h"

namespace invplan::forecast {
namespace {

std::vector<double> PointForecasts(const EtsModel& fit, std::vector<double> x, int h) {
  std::vector<double> f;
  for (int i = 0; i < h; ++i) {
    f.push_back(detail::EtsOneStep(fit.spec, fit.m, fit.par, x));
    // Observing the forecast itself leaves a zero innovation.
    detail::EtsUpdate(fit.spec, fit.m, fit.par, f.back(), &x);
  }
  return f;
}

// c_j of the linear state equations: how much a unit innovation moves the
// forecast j periods later (Hyndman et al. 2008, table 6.2, read off the
// recursion rather than written out per model).
std::vector<double> ImpulseWeights(const EtsModel& fit, const std::vector<double>& base, int h) {
  std::vector<double> x = fit.state;
  detail::EtsUpdate(fit.spec, fit.m, fit.par, base[0] + 1.0, &x);
  const std::vector<double> shocked = PointForecasts(fit, x, h);
  std::vector<double> c(h, 0.0);  // c[j] for j = 1 .. h-1
  for (int j = 1; j < h; ++j) c[j] = shocked[j - 1] - base[j];
  return c;
}

// Standard normal draws from our own Box–Muller, so that the simulated
// variances are the same with every standard library.
class Normals {
 public:
  explicit Normals(std::uint64_t seed) : engine_(seed) {}
  double Next() {
    if (have_) {
      have_ = false;
      return spare_;
    }
    const double scale = 1.0 / 18446744073709551616.0;  // 2^-64
    double u1 = (static_cast<double>(engine_()) + 0.5) * scale;
    double u2 = (static_cast<double>(engine_()) + 0.5) * scale;
    const double r = std::sqrt(-2.0 * std::log(u1)), a = 2.0 * M_PI * u2;
    spare_ = r * std::sin(a);
    have_ = true;
    return r * std::cos(a);
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool have_ = false;
};

// Per step, the simulated variance of the value and of the running sum of
// values 1..step.
struct Simulated {
  std::vector<double> var, sum_var;
};

Simulated SimulatedVariance(const EtsModel& fit, int h) {
  constexpr int kPaths = 5000;
  constexpr std::uint64_t kSeed = 0x5eed2008;
  Normals normal(kSeed);
  const double sigma = std::sqrt(fit.sigma2);
  const bool mult_error = fit.spec.error == EtsComponent::kMultiplicative;
  std::vector<double> mean(h, 0.0), m2(h, 0.0), sum_mean(h, 0.0), sum_m2(h, 0.0);
  for (int path = 0; path < kPaths; ++path) {
    std::vector<double> x = fit.state;
    double total = 0.0;
    for (int i = 0; i < h; ++i) {
      const double f = detail::EtsOneStep(fit.spec, fit.m, fit.par, x);
      const double e = sigma * normal.Next();
      const double y = mult_error ? f * (1.0 + e) : f + e;
      detail::EtsUpdate(fit.spec, fit.m, fit.par, y, &x);
      // Welford's running variance per step.
      const double d = y - mean[i];
      mean[i] += d / (path + 1);
      m2[i] += d * (y - mean[i]);
      total += y;
      const double ds = total - sum_mean[i];
      sum_mean[i] += ds / (path + 1);
      sum_m2[i] += ds * (total - sum_mean[i]);
    }
  }
  for (double& v : m2) v /= kPaths - 1;
  for (double& v : sum_m2) v /= kPaths - 1;
  return {m2, sum_m2};
}

}  // namespace

EtsPrediction PredictEts(const EtsModel& fit, int h) {
  EtsPrediction p;
  if (h <= 0) return p;
  p.mean = PointForecasts(fit, fit.state, h);
  const double s2 = fit.sigma2;
  std::vector<double> var(h);
  const bool linear_states = fit.spec.season != EtsComponent::kMultiplicative;
  // Var of the running sums; empty: from the simulated widening below.
  std::vector<double> sum_se;
  Simulated sim;
  if (linear_states && fit.spec.error == EtsComponent::kAdditive) {
    // Class 1: v_h = sigma^2 (1 + sum_{j<h} c_j^2).
    std::vector<double> c = ImpulseWeights(fit, p.mean, h);
    double acc = 1.0;
    for (int i = 0; i < h; ++i) {
      if (i > 0) acc += c[i] * c[i];
      var[i] = s2 * acc;
    }
    // The sum of steps: the psi-weight formula with psi_0 = 1, psi_j = c_j.
    c[0] = 1.0;
    sum_se = PsiSumSe(c, s2);
  } else if (linear_states) {
    // Class 2: theta_1 = mu_1^2, theta_h = mu_h^2 + sigma^2 sum_{j<h} c_j^2
    // theta_{h-j}, v_h = (1 + sigma^2) theta_h - mu_h^2.
    const std::vector<double> c = ImpulseWeights(fit, p.mean, h);
    std::vector<double> theta(h);
    for (int i = 0; i < h; ++i) {
      double t = p.mean[i] * p.mean[i];
      for (int j = 1; j <= i; ++j) t += s2 * c[j] * c[j] * theta[i - j];
      theta[i] = t;
      var[i] = (1.0 + s2) * t - p.mean[i] * p.mean[i];
    }
    sim = SimulatedVariance(fit, h);
  } else {
    sim = SimulatedVariance(fit, h);
    var = sim.var;
  }
  for (int i = 0; i < h; ++i) {
    if (!std::isfinite(var[i]) || var[i] < 0) throw ModelFitError("ETS: forecast variance");
    p.se.push_back(std::sqrt(var[i]));
  }
  if (sum_se.empty()) {
    // Multiplicative error or season: the simulated paths' widening of the
    // sum, Var(Σ)/ΣVar, applied to the (analytic or simulated) step variances.
    double independent = 0.0, sim_independent = 0.0;
    for (int i = 0; i < h; ++i) {
      independent += var[i];
      sim_independent += sim.var[i];
      const double w = sim_independent > 0.0 ? sim.sum_var[i] / sim_independent : 1.0;
      sum_se.push_back(std::sqrt(std::max(0.0, independent * w)));
    }
  }
  p.sum_se = std::move(sum_se);
  return p;
}

}  // namespace invplan::forecast
