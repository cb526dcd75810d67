// Maximum-likelihood fitting of one ETS model and the AICc choice among them.
#include <algorithm>
#include <cmath>
#include <limits>

#include "forecast/ets/ets.h"
#include "forecast/fit_error.h"
#include "forecast/nelder_mead.h"

namespace invplan::forecast {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool Positive(const std::vector<double>& y) {
  return std::all_of(y.begin(), y.end(), [](double v) { return v > 0; });
}

// The vector the optimiser moves, in R's order: alpha [beta] [gamma] [phi],
// then the initial states l0 [b0] s0 .. s(m-2). The oldest seasonal state is
// not free: it makes the seasonal states sum to 0 (additive) or m.
struct Layout {
  EtsSpec spec;
  int m = 1;
  EtsBounds bounds;
  bool trend = false, season = false, damped = false, mult_season = false;

  int SmoothingCount() const { return 1 + trend + season + damped; }
  int StateCount() const { return 1 + trend + (season ? m - 1 : 0); }

  EtsParams Params(const std::vector<double>& z) const {
    EtsParams p;
    int i = 0;
    p.alpha = z[i++];
    if (trend) p.beta = z[i++];
    if (season) p.gamma = z[i++];
    if (damped) p.phi = z[i++];
    return p;
  }

  std::vector<double> States(const std::vector<double>& z) const {
    std::vector<double> x(z.begin() + SmoothingCount(), z.end());
    if (season) {
      double sum = 0;
      for (std::size_t j = 1 + trend; j < x.size(); ++j) sum += x[j];
      x.push_back((mult_season ? m : 0.0) - sum);
    }
    return x;
  }

  // R's usual bounds: lower <= alpha <= upper, lower <= beta <= alpha,
  // lower <= gamma <= 1 - alpha, phi_lower <= phi <= phi_upper.
  bool InBounds(const EtsParams& p) const {
    const double lo = bounds.lower, hi = bounds.upper;
    if (p.alpha < lo || p.alpha > hi) return false;
    if (trend && (p.beta < lo || p.beta > p.alpha || p.beta > hi)) return false;
    if (season && (p.gamma < lo || p.gamma > 1 - p.alpha || p.gamma > hi)) return false;
    if (damped && (p.phi < bounds.phi_lower || p.phi > bounds.phi_upper)) return false;
    return true;
  }

  // R's starting values: alpha a fifth of its range over m, beta a tenth of
  // its range, gamma a twentieth, phi near its top; then the initial states.
  std::vector<double> Start(const std::vector<double>& init) const {
    const double lo = bounds.lower, hi = bounds.upper;
    std::vector<double> z;
    double alpha = lo + 0.2 * (hi - lo) / m;
    if (alpha > 1 || alpha < 0) alpha = lo + 2e-3;
    z.push_back(alpha);
    if (trend) {
      double beta = lo + 0.1 * (std::min(hi, alpha) - lo);
      if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
      z.push_back(beta);
    }
    if (season) {
      double gamma = lo + 0.05 * (std::min(hi, 1 - alpha) - lo);
      if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
      z.push_back(gamma);
    }
    if (damped) {
      double phi = bounds.phi_lower + 0.99 * (bounds.phi_upper - bounds.phi_lower);
      if (phi < 0 || phi > 1) phi = bounds.phi_upper - 1e-3;
      z.push_back(phi);
    }
    z.insert(z.end(), init.begin(), init.end());
    return z;
  }
};

}  // namespace

EtsModel FitEts(const std::vector<double>& y, int m, const EtsSpec& spec, const EtsBounds& bounds) {
  const bool season = spec.season != EtsComponent::kNone;
  if (!season) m = 1;
  if (season && m < 2) throw ModelFitError("ETS: a seasonal model needs a period above 1");
  if ((spec.error == EtsComponent::kMultiplicative ||
       spec.season == EtsComponent::kMultiplicative) &&
      !Positive(y)) {
    throw ModelFitError("ETS: multiplicative components need positive data");
  }
  Layout lay;
  lay.spec = spec;
  lay.m = m;
  lay.bounds = bounds;
  lay.trend = spec.trend != EtsComponent::kNone;
  lay.damped = lay.trend && spec.damped;
  lay.season = season;
  lay.mult_season = spec.season == EtsComponent::kMultiplicative;
  const int n = static_cast<int>(y.size());
  const int np = lay.SmoothingCount() + lay.StateCount() + 1;  // sigma counted
  // R's ets gives up where the parameters leave fewer than two degrees of
  // freedom.
  if (np - 1 >= n - 1 || (season && n < 2 * m)) {
    throw ModelFitError("ETS: " + std::to_string(n) + " observations are too few for " +
                        spec.Name());
  }
  auto objective = [&](const std::vector<double>& z) {
    const EtsParams p = lay.Params(z);
    if (!lay.InBounds(p) || !detail::EtsAdmissible(spec, m, p)) return kInf;
    const std::vector<double> x = lay.States(z);
    if (lay.mult_season) {
      for (std::size_t j = 1 + lay.trend; j < x.size(); ++j) {
        if (x[j] < 0) return kInf;
      }
    }
    // A perfect fit would run to -inf; R caps it.
    return std::max(detail::EtsPass(y, spec, m, p, x, nullptr, nullptr), -1e10);
  };
  std::vector<double> z = lay.Start(detail::EtsInitialStates(y, m, spec));
  if (!std::isfinite(objective(z))) throw ModelFitError("ETS: no finite likelihood at the start");
  // R's procedure exactly: Nash's simplex from R's start, 2000 evaluations,
  // relative tolerance sqrt(machine epsilon). The likelihood has several
  // local optima and other searches find others; this one makes the choice
  // among models the one R makes.
  detail::MinimiseNash(objective, &z, 2000, 1.490116119384765625e-8);

  EtsModel model;
  model.spec = spec;
  model.m = m;
  model.par = lay.Params(z);
  model.initial = lay.States(z);
  model.n = n;
  model.nparams = np;
  model.lik = detail::EtsPass(y, spec, m, model.par, model.initial, &model.state, &model.residuals);
  if (!std::isfinite(model.lik)) throw ModelFitError("ETS: the likelihood is not finite");
  double sse = 0;
  for (double e : model.residuals) sse += e * e;
  model.loglik = -0.5 * model.lik;
  model.aic = model.lik + 2.0 * np;
  model.bic = model.lik + std::log(static_cast<double>(n)) * np;
  model.aicc = model.aic + 2.0 * np * (np + 1.0) / (n - np - 1.0);
  model.sigma2 = sse / (n - np + 1);  // as R: sigma itself not counted
  return model;
}

EtsModel AutoEts(const std::vector<double>& y, int m, const EtsRequest& request) {
  const bool positive = Positive(y);
  const int n = static_cast<int>(y.size());
  std::vector<EtsComponent> errors, trends, seasons;
  std::vector<bool> dampings;
  if (request.error == 'Z' || request.error == 'A') errors.push_back(EtsComponent::kAdditive);
  if ((request.error == 'Z' && positive && !request.additive_only) || request.error == 'M') {
    errors.push_back(EtsComponent::kMultiplicative);
  }
  if (request.trend == 'Z' || request.trend == 'N') trends.push_back(EtsComponent::kNone);
  if (request.trend == 'Z' || request.trend == 'A') trends.push_back(EtsComponent::kAdditive);
  if (request.damped != 'Y') dampings.push_back(false);
  if (request.damped != 'N') dampings.push_back(true);
  // R's rules: a season needs 1 < m <= 24 and two full seasons of data.
  const bool seasonal_ok = m > 1 && m <= 24 && n >= 2 * m;
  if (request.season == 'Z' || request.season == 'N') seasons.push_back(EtsComponent::kNone);
  if (seasonal_ok && (request.season == 'Z' || request.season == 'A')) {
    seasons.push_back(EtsComponent::kAdditive);
  }
  if (seasonal_ok &&
      ((request.season == 'Z' && positive && !request.additive_only) || request.season == 'M')) {
    seasons.push_back(EtsComponent::kMultiplicative);
  }
  if (seasons.empty()) {
    throw ModelFitError("ETS: a seasonal model needs 1 < m <= 24 and two full seasons");
  }
  EtsModel best;
  double best_ic = kInf;
  std::string last_error = "no candidate model";
  for (EtsComponent e : errors) {
    for (EtsComponent t : trends) {
      for (EtsComponent s : seasons) {
        for (bool d : dampings) {
          if (t == EtsComponent::kNone && d) continue;
          if (t == EtsComponent::kNone && request.damped == 'Y') continue;
          // Additive errors with a multiplicative season: infinite variance.
          if (e == EtsComponent::kAdditive && s == EtsComponent::kMultiplicative) continue;
          EtsSpec spec{e, t, d, s};
          try {
            EtsModel fit = FitEts(y, m, spec);
            if (std::isfinite(fit.aicc) && fit.aicc < best_ic) {
              best_ic = fit.aicc;
              best = std::move(fit);
            }
          } catch (const ModelFitError& err) {
            last_error = err.what();
          }
        }
      }
    }
  }
  if (!std::isfinite(best_ic)) throw ModelFitError(last_error);
  return best;
}

Json EtsModel::ToJson() const {
  Json j;
  j["ets"] = spec.Code();
  j["alpha"] = par.alpha;
  const bool trend = spec.trend != EtsComponent::kNone;
  const bool season = spec.season != EtsComponent::kNone;
  if (trend) j["beta"] = par.beta;
  if (season) j["gamma"] = par.gamma;
  if (trend && spec.damped) j["phi"] = par.phi;
  if (season) j["season"] = m;
  auto states = [&](const std::vector<double>& x) {
    Json s;
    s["level"] = x[0];
    if (trend) s["trend"] = x[1];
    // Newest first: element 0 is the season of the last period.
    if (season) s["season"] = std::vector<double>(x.begin() + 1 + trend, x.end());
    return s;
  };
  j["initial_states"] = states(initial);
  j["final_states"] = states(state);
  j["sigma2"] = sigma2;
  j["loglik"] = loglik;
  j["aic"] = aic;
  j["aicc"] = aicc;
  j["bic"] = bic;
  j["nobs"] = n;
  return j;
}

}  // namespace invplan::forecast
