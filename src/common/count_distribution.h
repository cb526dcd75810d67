// Count distributions of demand in whole units: Poisson and negative binomial,
// the one implementation every stage uses (the forecast network's count head,
// the plan values of optimize, the demand tables of train-rl and simulate).
//
// The negative binomial is written with its mean μ and size r (variance
// μ + μ²/r); the forecast network uses the dispersion α = 1/r, so the free
// functions below take α. r → ∞ (α → 0) is Poisson.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace invplan {

// ψ(x), the derivative of log Γ, for x > 0.
double Digamma(double x);

// I_x(a, b), the regularized incomplete beta function, for a, b > 0.
double RegularizedIncompleteBeta(double a, double b, double x);

// P(a, x), the regularized lower incomplete gamma function, for a > 0, x >= 0.
double RegularizedGammaP(double a, double x);

// log P(Y = y) of a negative binomial with mean μ > 0 and dispersion α > 0, for
// y >= 0 (non-integer y is allowed: the continuous extension through Γ, so
// fractional quantities still give a smooth loss).
double NegBinLogPmf(double y, double mu, double alpha);

// Derivatives of NegBinLogPmf with respect to μ and α.
void NegBinLogPmfGradient(double y, double mu, double alpha, double* d_mu, double* d_alpha);

// P(Y <= k) = I_{r/(r+μ)}(r, floor(k) + 1) with r = 1/α.
double NegBinCdf(double k, double mu, double alpha);

// The smallest integer k with P(Y <= k) >= p, for p in (0, 1) (see
// CountDistribution::Quantile).
double NegBinQuantile(double p, double mu, double alpha);

class CountDistribution {
 public:
  // All mass at 0.
  CountDistribution() = default;
  // Poisson with mean `mean` (<= 0: all mass at 0).
  static CountDistribution Poisson(double mean);
  // Negative binomial with mean `mean` and size `size` > 0 (variance mean +
  // mean²/size); an infinite size is Poisson, mean <= 0 all mass at 0.
  static CountDistribution NegBin(double mean, double size);
  // By moments: negative binomial with that mean and variance when variance >
  // mean·(1 + 1e-9), otherwise Poisson with that mean (under-dispersion is not
  // modelled); mean <= 0 is all mass at 0.
  static CountDistribution FromMoments(double mean, double variance);

  double mean() const { return mean_; }
  double size() const { return size_; }  // +inf for Poisson
  bool poisson() const { return !(size_ < kInf); }
  double variance() const { return poisson() ? mean_ : mean_ + mean_ * mean_ / size_; }

  // log P(D = k) for k >= 0 (the continuous extension for non-integer k).
  double LogPmf(double k) const;
  // P(D <= k) = P(D <= floor(k)), exact for any count (incomplete beta or gamma).
  double Cdf(double k) const;
  // The smallest whole k with P(D <= k) >= p, p in (0, 1): by summing the
  // probabilities for small counts, by bisection on Cdf for large ones (a few
  // dozen evaluations whatever the mean).
  double Quantile(double p) const;

  // P(D = k) for k = 0..n, by the ratio recursion in log space (no underflow
  // for large means).
  std::vector<double> PmfTable(std::size_t n) const;
  // P(D = k) for k = 0..K, where K is the first count past which less than
  // `tail` of the mass lies; that remainder is folded into P(D = K) and the
  // table sums to 1. K is at most `max_support`.
  std::vector<double> TruncatedPmf(double tail = 1e-12, std::size_t max_support = 100000) const;

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  double mean_ = 0.0, size_ = kInf;
};

// Cuts a probability table where the remaining tail is below `tail` of the
// total, folds that tail into the last entry and rescales the table to sum to 1.
void TrimPmf(std::vector<double>* pmf, double tail = 1e-12);

// Expected sales E[min(D, y)] of a demand D in whole units, from its
// probabilities P(D = k), k = 0..n: S(m) = Σ_{k<m} P(D > k) for whole m, linear
// in between (exact for whole y), at most `mean`; stock beyond n sells what it
// sells at n plus nothing more than the mean allows.
class ExpectedSales {
 public:
  ExpectedSales(const std::vector<double>& pmf, double mean);
  double operator()(double y) const;
  double mean() const { return mean_; }

 private:
  double mean_;
  std::vector<double> sales_;  // S(m)
  std::vector<double> tail_;   // P(D > m)
};

}  // namespace invplan
