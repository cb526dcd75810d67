#include "forecast/local/intermittent.h"

#include <cmath>

#include "forecast/fit_error.h"

namespace invplan::forecast {
namespace {

struct CrostonFit {
  double level = 0;  // last forecast per period
  CrostonState state;
};

// Runs Croston's recursions; one-step errors are counted from the period after
// the first demand (before it there is no forecast).
CrostonFit RunCroston(const std::vector<double>& y, double alpha, double factor) {
  CrostonFit fit;
  std::size_t first = 0;
  while (first < y.size() && !(y[first] > 0)) ++first;
  if (first == y.size()) throw ModelFitError("croston: no demand in the history");
  CrostonState& st = fit.state;
  st.alpha = alpha;
  st.factor = factor;
  st.z = y[first];
  st.p = static_cast<double>(first + 1);
  for (std::size_t t = first + 1; t < y.size(); ++t) CrostonStep(y[t], &st);
  fit.level = factor * st.z / st.p;
  return fit;
}

struct TsbFit {
  double level = 0;
  TsbState state;
};

TsbFit RunTsb(const std::vector<double>& y, double alpha, double beta) {
  TsbFit fit;
  std::size_t first = 0;
  while (first < y.size() && !(y[first] > 0)) ++first;
  if (first == y.size()) throw ModelFitError("tsb: no demand in the history");
  TsbState& st = fit.state;
  st.alpha = alpha;
  st.beta = beta;
  st.z = y[first];
  st.prob = 1.0 / static_cast<double>(first + 1);
  for (std::size_t t = first + 1; t < y.size(); ++t) TsbStep(y[t], &st);
  fit.level = st.prob * st.z;
  return fit;
}

constexpr double kGrid[] = {0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3};

double Sigma2(double sse, std::size_t errors, double level) {
  // A single demand leaves no errors; the variance of a Poisson count with the
  // forecast rate is a reasonable stand-in then.
  return errors > 0 ? sse / static_cast<double>(errors) : level;
}

}  // namespace

ModelForecast CrostonForecast(const std::vector<double>& y, int h, CrostonVariant variant,
                              double alpha) {
  const bool sba = variant == CrostonVariant::kSba;
  auto factor = [&](double a) { return sba ? 1.0 - a / 2.0 : 1.0; };
  CrostonFit best;
  if (alpha > 0) {
    best = RunCroston(y, alpha, factor(alpha));
  } else {
    double best_sse = INFINITY;
    for (double a : kGrid) {
      CrostonFit fit = RunCroston(y, a, factor(a));
      if (fit.state.sse < best_sse - 1e-12) {
        best_sse = fit.state.sse;
        best = fit;
        alpha = a;
      }
    }
  }
  best.state.sba = sba;
  return CrostonFromState(best.state, h);
}

double CrostonStep(double y, CrostonState* st) {
  const double f = st->factor * st->z / st->p;
  const double d = y > 0 ? y : 0.0;
  st->sse += (d - f) * (d - f);
  ++st->errors;
  ++st->since;
  if (d > 0) {
    st->z += st->alpha * (d - st->z);
    st->p += st->alpha * (static_cast<double>(st->since) - st->p);
    st->since = 0;
  }
  return d - f;
}

ModelForecast CrostonFromState(const CrostonState& st, int h) {
  const double alpha = st.alpha;
  const double level = st.factor * st.z / st.p;
  double sigma2 = Sigma2(st.sse, st.errors, level);
  ModelForecast f;
  f.name = "croston";
  char spec[96];
  std::snprintf(spec, sizeof spec, "%s(alpha=%g)", st.sba ? "Croston-SBA" : "Croston", alpha);
  f.spec = spec;
  f.model = {{"variant", st.sba ? "sba" : "classic"},
             {"alpha", alpha},
             {"size", st.z},
             {"interval", st.p},
             {"sigma2", sigma2}};
  f.model["state"] = {{"alpha", alpha},      {"factor", st.factor}, {"size", st.z},
                      {"interval", st.p},    {"since", st.since},   {"sse", st.sse},
                      {"errors", st.errors}, {"sba", st.sba}};
  for (int i = 1; i <= h; ++i) {
    f.mean.push_back(level);
    f.se.push_back(std::sqrt(sigma2 * (1.0 + (i - 1) * alpha * alpha)));
  }
  return f;
}

ModelForecast TsbForecast(const std::vector<double>& y, int h, double alpha, double beta) {
  TsbFit best;
  if (alpha > 0 && beta > 0) {
    best = RunTsb(y, alpha, beta);
  } else {
    double best_sse = INFINITY;
    double a0 = alpha, b0 = beta;
    for (double a : kGrid) {
      if (a0 > 0 && a != a0) continue;
      for (double b : kGrid) {
        if (b0 > 0 && b != b0) continue;
        TsbFit fit = RunTsb(y, a0 > 0 ? a0 : a, b0 > 0 ? b0 : b);
        if (fit.state.sse < best_sse - 1e-12) {
          best_sse = fit.state.sse;
          best = fit;
          alpha = a0 > 0 ? a0 : a;
          beta = b0 > 0 ? b0 : b;
        }
      }
    }
  }
  return TsbFromState(best.state, h);
}

double TsbStep(double y, TsbState* st) {
  const double f = st->prob * st->z;
  const double d = y > 0 ? y : 0.0;
  st->sse += (d - f) * (d - f);
  ++st->errors;
  st->prob += st->beta * ((d > 0 ? 1.0 : 0.0) - st->prob);
  if (d > 0) st->z += st->alpha * (d - st->z);
  return d - f;
}

ModelForecast TsbFromState(const TsbState& st, int h) {
  const double alpha = st.alpha, beta = st.beta;
  const double level = st.prob * st.z;
  double sigma2 = Sigma2(st.sse, st.errors, level);
  ModelForecast f;
  f.name = "tsb";
  char spec[96];
  std::snprintf(spec, sizeof spec, "TSB(alpha=%g,beta=%g)", alpha, beta);
  f.spec = spec;
  f.model = {{"alpha", alpha},
             {"beta", beta},
             {"probability", st.prob},
             {"size", st.z},
             {"sigma2", sigma2}};
  f.model["state"] = {{"alpha", alpha}, {"beta", beta},  {"probability", st.prob},
                      {"size", st.z},   {"sse", st.sse}, {"errors", st.errors}};
  const double a = std::max(alpha, beta);
  for (int i = 1; i <= h; ++i) {
    f.mean.push_back(level);
    f.se.push_back(std::sqrt(sigma2 * (1.0 + (i - 1) * a * a)));
  }
  return f;
}

DemandClass ClassifyDemand(const std::vector<double>& y) {
  DemandClass c;
  std::size_t n = 0, nz = 0;
  double sum = 0, sum2 = 0;
  for (double v : y) {
    if (std::isnan(v)) continue;
    ++n;
    if (v > 0) {
      ++nz;
      sum += v;
      sum2 += v * v;
    }
  }
  if (nz == 0) {
    c.name = "none";
    return c;
  }
  c.adi = static_cast<double>(n) / static_cast<double>(nz);
  double mean = sum / nz;
  double var = nz > 1 ? (sum2 - nz * mean * mean) / static_cast<double>(nz - 1) : 0.0;
  c.cv2 = std::max(0.0, var) / (mean * mean);
  const bool frequent = c.adi < 1.32, stable = c.cv2 < 0.49;
  c.name = frequent ? (stable ? "smooth" : "erratic") : (stable ? "intermittent" : "lumpy");
  return c;
}

std::size_t TrailingZeros(const std::vector<double>& y) {
  std::size_t k = 0;
  for (auto it = y.rbegin(); it != y.rend() && !(*it > 0); ++it) ++k;
  return k;
}

}  // namespace invplan::forecast
