// Demand distributions on whole units: a probability table P(D = d), d = 0..dmax,
// with the far tail (below 1e-12) folded into dmax, and O(1) sampling by the
// alias method. Every demand source (Poisson, negative binomial, an empirical
// history, a forecast horizon) becomes one of these.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/forecast_distribution.h"
#include "common/random.h"

namespace invplan::rl {

struct Demand {
  std::vector<double> pmf;  // sums to 1
  std::string description;  // e.g. "poisson(5)"

  int max() const { return static_cast<int>(pmf.size()) - 1; }
  double Mean() const;
  double Variance() const;
  // Smallest d with P(D <= d) >= p.
  int Quantile(double p) const;
  // Distribution of the sum of n independent copies (n >= 1).
  Demand Sum(int n) const;
};

// The whole-unit table of a demand distribution (tail below 1e-12 folded in,
// at most 100000 units).
Demand TableDemand(const DemandDistribution& d, const std::string& description);
Demand PoissonDemand(double lambda);
// Negative binomial with the given mean and variance (> mean); Poisson when the
// variance is not above the mean.
Demand NegBinomialDemand(double mean, double variance);
// Bootstrap distribution of a history: values rounded to whole units, negatives
// and missing values (NaN) ignored. Throws Error(kBadInput) if nothing is left.
Demand EmpiricalDemand(const std::vector<double>& history, const std::string& name);
// Equal-weight mixture.
Demand MixtureDemand(const std::vector<Demand>& parts, const std::string& description);

// Alias-method sampler (Vose): one 64-bit random number per draw.
class DemandSampler {
 public:
  explicit DemandSampler(const Demand& demand);
  int operator()(Rng& rng) const {
    const std::uint64_t u = rng();
    const std::uint64_t i = ((u >> 32) * n_) >> 32;  // high half picks the column
    const std::uint32_t frac = static_cast<std::uint32_t>(u);
    return frac < threshold_[i] ? static_cast<int>(i) : alias_[i];
  }

 private:
  std::uint64_t n_;
  std::vector<std::uint32_t> threshold_;  // P(keep i) scaled to 2^32
  std::vector<int> alias_;
};

}  // namespace invplan::rl
