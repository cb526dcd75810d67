#include "rl/demand.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/count_distribution.h"
#include "invplan/error.h"

namespace invplan::rl {
namespace {

constexpr double kTail = 1e-12;
constexpr int kMaxSupport = 100000;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

double Demand::Mean() const {
  double m = 0.0;
  for (std::size_t d = 0; d < pmf.size(); ++d) m += static_cast<double>(d) * pmf[d];
  return m;
}

double Demand::Variance() const {
  const double m = Mean();
  double v = 0.0;
  for (std::size_t d = 0; d < pmf.size(); ++d) v += (d - m) * (d - m) * pmf[d];
  return v;
}

int Demand::Quantile(double p) const {
  double c = 0.0;
  for (std::size_t d = 0; d < pmf.size(); ++d) {
    c += pmf[d];
    if (c >= p - 1e-12) return static_cast<int>(d);
  }
  return max();
}

Demand Demand::Sum(int n) const {
  Demand out;
  out.pmf = {1.0};
  for (int k = 0; k < n; ++k) {
    std::vector<double> next(out.pmf.size() + pmf.size() - 1, 0.0);
    for (std::size_t i = 0; i < out.pmf.size(); ++i) {
      for (std::size_t j = 0; j < pmf.size(); ++j) next[i + j] += out.pmf[i] * pmf[j];
    }
    TrimPmf(&next, kTail);
    out.pmf = std::move(next);
  }
  out.description = description + " x" + std::to_string(n);
  return out;
}

Demand TableDemand(const DemandDistribution& d, const std::string& description) {
  return {d.TruncatedPmf(kTail, kMaxSupport), description};
}

Demand PoissonDemand(double lambda) {
  if (!(lambda >= 0.0) || !std::isfinite(lambda) || lambda > 10000.0) {
    throw UsageError("poisson demand: the mean must be in [0, 10000], got " + Num(lambda));
  }
  return TableDemand(DemandDistribution::Count(CountDistribution::Poisson(lambda)),
                     "poisson(" + Num(lambda) + ")");
}

Demand NegBinomialDemand(double mean, double variance) {
  if (!(mean >= 0.0) || !std::isfinite(mean) || mean > 10000.0 || !std::isfinite(variance)) {
    throw UsageError("negbin demand: need a mean in [0, 10000] and a finite variance, got " +
                     Num(mean) + "," + Num(variance));
  }
  const CountDistribution c = CountDistribution::FromMoments(mean, variance);
  if (c.poisson()) return PoissonDemand(mean);
  return TableDemand(DemandDistribution::Count(c),
                     "negbin(mean " + Num(mean) + ", var " + Num(variance) + ")");
}

Demand EmpiricalDemand(const std::vector<double>& history, const std::string& name) {
  std::vector<double> counts;
  std::size_t used = 0;
  for (double v : history) {
    if (!std::isfinite(v) || v < 0.0) continue;
    const double r = std::round(v);
    if (r > kMaxSupport) {
      throw InputError(name + ": demand of " + Num(v) + " units in one period is too large");
    }
    const auto k = static_cast<std::size_t>(r);
    if (counts.size() <= k) counts.resize(k + 1, 0.0);
    counts[k] += 1.0;
    ++used;
  }
  if (used == 0) throw InputError(name + ": no usable demand history (no non-negative values)");
  Demand d;
  d.pmf = std::move(counts);
  for (double& p : d.pmf) p /= static_cast<double>(used);
  d.description = "empirical(" + name + ", " + std::to_string(used) + " periods)";
  return d;
}

Demand MixtureDemand(const std::vector<Demand>& parts, const std::string& description) {
  Demand d;
  d.description = description;
  if (parts.empty()) {
    d.pmf = {1.0};
    return d;
  }
  for (const Demand& p : parts) {
    if (d.pmf.size() < p.pmf.size()) d.pmf.resize(p.pmf.size(), 0.0);
    for (std::size_t k = 0; k < p.pmf.size(); ++k) d.pmf[k] += p.pmf[k] / parts.size();
  }
  TrimPmf(&d.pmf, kTail);
  return d;
}

DemandSampler::DemandSampler(const Demand& demand) : n_(demand.pmf.size()) {
  const std::size_t n = demand.pmf.size();
  threshold_.assign(n, 0);
  alias_.assign(n, 0);
  std::vector<double> scaled(n);
  std::vector<std::size_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = demand.pmf[i] * static_cast<double>(n);
    alias_[i] = static_cast<int>(i);
    (scaled[i] < 1.0 ? small : large).push_back(i);
  }
  auto to_threshold = [](double p) -> std::uint32_t {
    if (p >= 1.0) return 0xffffffffu;
    return static_cast<std::uint32_t>(p * 4294967296.0);
  };
  while (!small.empty() && !large.empty()) {
    const std::size_t s = small.back(), l = large.back();
    small.pop_back();
    threshold_[s] = to_threshold(scaled[s]);
    alias_[s] = static_cast<int>(l);
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left has probability 1 up to rounding: always keep it.
  for (std::size_t i : large) threshold_[i] = 0xffffffffu, alias_[i] = static_cast<int>(i);
  for (std::size_t i : small) threshold_[i] = 0xffffffffu, alias_[i] = static_cast<int>(i);
}

}  // namespace invplan::rl
