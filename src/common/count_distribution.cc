#include "common/count_distribution.h"

#include <algorithm>
#include <cmath>

#include "common/log_gamma.h"
#include "common/normal.h"

namespace invplan {

double Digamma(double x) {
  // Recurrence up to x >= 10, then the asymptotic series (error < 1e-14 there).
  double result = 0.0;
  while (x < 10.0) {
    result -= 1.0 / x;
    x += 1.0;
  }
  const double f = 1.0 / (x * x);
  result += std::log(x) - 0.5 / x -
            f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
  return result;
}

double NegBinLogPmf(double y, double mu, double alpha) {
  const double r = 1.0 / alpha;
  // r·log(r/(r+μ)) as −r·log1p(μ/r): no cancellation when r is large (near Poisson).
  return LogGamma(y + r) - LogGamma(r) - LogGamma(y + 1.0) - r * std::log1p(mu / r) +
         y * (std::log(mu) - std::log(r + mu));
}

void NegBinLogPmfGradient(double y, double mu, double alpha, double* d_mu, double* d_alpha) {
  const double r = 1.0 / alpha;
  *d_mu = y / mu - (r + y) / (r + mu);
  const double d_r = Digamma(y + r) - Digamma(r) - std::log1p(mu / r) + (mu - y) / (r + mu);
  *d_alpha = -d_r * r * r;  // dr/dα = −1/α² = −r²
}

namespace {

// The continued fraction of the incomplete beta function (modified Lentz's
// method); converges fast for x < (a + 1) / (a + b + 2).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-15;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d;
    c = 1.0 + aa / c;
    if (std::fabs(d) < kTiny) d = kTiny;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d;
    c = 1.0 + aa / c;
    if (std::fabs(d) < kTiny) d = kTiny;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEps) break;
  }
  return h;
}

}  // namespace

double RegularizedIncompleteBeta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double front =
      std::exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1.0 - front * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

namespace {

// The series of P(a, x) (x < a + 1) and the continued fraction of Q(a, x) = 1 −
// P(a, x) (x >= a + 1), each where it converges fast.
double GammaSeries(double a, double x) {
  double term = 1.0 / a, sum = term;
  for (int n = 1; n <= 100000; ++n) {
    term *= x / (a + n);
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * 1e-16) break;
  }
  return sum * std::exp(-x + a * std::log(x) - LogGamma(a));
}

double GammaContinuedFraction(double a, double x) {
  constexpr double kTiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
  for (int i = 1; i <= 100000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < 1e-16) break;
  }
  return std::exp(-x + a * std::log(x) - LogGamma(a)) * h;
}

}  // namespace

double RegularizedGammaP(double a, double x) {
  if (x <= 0.0) return 0.0;
  if (x < a + 1.0) return GammaSeries(a, x);
  return 1.0 - GammaContinuedFraction(a, x);
}

double NegBinCdf(double k, double mu, double alpha) {
  return CountDistribution::NegBin(mu, 1.0 / alpha).Cdf(k);
}

double NegBinQuantile(double p, double mu, double alpha) {
  return CountDistribution::NegBin(mu, 1.0 / alpha).Quantile(p);
}

CountDistribution CountDistribution::Poisson(double mean) {
  CountDistribution d;
  d.mean_ = mean > 0.0 ? mean : 0.0;
  return d;
}

CountDistribution CountDistribution::NegBin(double mean, double size) {
  CountDistribution d = Poisson(mean);
  if (size > 0.0 && d.mean_ > 0.0) d.size_ = size;
  return d;
}

CountDistribution CountDistribution::FromMoments(double mean, double variance) {
  if (!(mean > 0.0) || !(variance > mean * (1.0 + 1e-9))) return Poisson(mean);
  return NegBin(mean, mean * mean / (variance - mean));
}

double CountDistribution::LogPmf(double k) const {
  if (mean_ <= 0.0) return k == 0.0 ? 0.0 : -kInf;
  if (poisson()) return k * std::log(mean_) - mean_ - LogGamma(k + 1.0);
  const double r = size_;
  // r·log(r/(r+μ)) as −r·log1p(μ/r): no cancellation when r is large (near Poisson).
  return LogGamma(k + r) - LogGamma(r) - LogGamma(k + 1.0) - r * std::log1p(mean_ / r) +
         k * (std::log(mean_) - std::log(r + mean_));
}

double CountDistribution::Cdf(double k) const {
  if (k < 0) return 0.0;
  if (mean_ <= 0.0) return 1.0;
  const double whole = std::floor(k);
  if (poisson()) return 1.0 - RegularizedGammaP(whole + 1.0, mean_);
  const double r = size_;
  return RegularizedIncompleteBeta(r, whole + 1.0, r / (r + mean_));
}

double CountDistribution::Quantile(double p) const {
  if (!(mean_ > 0)) return 0.0;
  const double sd = std::sqrt(variance());
  // Small counts (slow movers, the common case): sum the probabilities up.
  const double log_p0 = LogPmf(0.0);
  if (log_p0 > -600.0 && mean_ + 10 * sd < 2000.0) {
    double pk = std::exp(log_p0), cdf = pk;
    const bool nb = !poisson();
    const double q = nb ? mean_ / (size_ + mean_) : mean_;
    double k = 0.0;
    while (cdf < p) {
      pk *= nb ? (k + size_) / (k + 1.0) * q : q / (k + 1.0);
      k += 1.0;
      cdf += pk;
      // Rounding can leave the sum just short of p in the far tail.
      if (pk < 1e-300 && k > mean_) break;
    }
    return k;
  }
  // Large counts: bracket the quantile around the normal approximation and
  // bisect on the CDF (an incomplete beta or gamma function), a few dozen
  // evaluations however large the mean.
  auto below = [&](double k) { return Cdf(k) < p; };
  const double guess = std::max(0.0, std::floor(mean_ + NormalQuantile(p) * sd));
  double step = std::max(1.0, std::floor(sd));
  double lo, hi;  // below(lo) (or lo = −1) and !below(hi)
  if (below(guess)) {
    lo = guess;
    hi = guess + step;
    while (below(hi)) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
  } else {
    hi = guess;
    lo = guess - step;
    while (lo >= 0 && !below(lo)) {
      hi = lo;
      step *= 2;
      lo = hi - step;
    }
    lo = std::max(lo, -1.0);
  }
  while (hi - lo > 1.0) {
    const double mid = std::floor(lo + (hi - lo) / 2);
    if (below(mid)) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

std::vector<double> CountDistribution::PmfTable(std::size_t n) const {
  std::vector<double> pmf(n + 1, 0.0);
  if (mean_ <= 0.0) {
    pmf[0] = 1.0;
    return pmf;
  }
  // log P(D = k) by the ratio P(k+1)/P(k), which stays finite where P(0)
  // underflows.
  const bool nb = !poisson();
  const double r = size_;
  double log_p = nb ? r * std::log(r / (r + mean_)) : -mean_;
  const double log_ratio = nb ? std::log(mean_ / (r + mean_)) : std::log(mean_);
  for (std::size_t k = 0; k <= n; ++k) {
    pmf[k] = std::exp(log_p);
    const double kk = static_cast<double>(k);
    log_p += nb ? std::log((kk + r) / (kk + 1.0)) + log_ratio : log_ratio - std::log(kk + 1.0);
  }
  return pmf;
}

std::vector<double> CountDistribution::TruncatedPmf(double tail, std::size_t max_support) const {
  if (mean_ <= 0.0) return {1.0};
  // A support that holds all but a negligible tail (Chebyshev-safe for the
  // negative binomial), then trimmed to `tail`.
  const double sd = std::sqrt(variance());
  const double reach = poisson() ? mean_ + 12.0 * sd + 20.0 : mean_ + 40.0 * sd + 20.0;
  const std::size_t hi = static_cast<std::size_t>(std::min(reach, double(max_support)));
  std::vector<double> pmf(hi + 1);
  for (std::size_t k = 0; k <= hi; ++k) pmf[k] = std::exp(LogPmf(static_cast<double>(k)));
  TrimPmf(&pmf, tail);
  return pmf;
}

void TrimPmf(std::vector<double>* pmf, double tail) {
  double total = 0.0;
  for (double p : *pmf) total += p;
  double cut = 0.0;
  std::size_t n = pmf->size();
  while (n > 1 && cut + (*pmf)[n - 1] < tail * total) cut += (*pmf)[--n];
  pmf->resize(n);
  pmf->back() += cut;
  for (double& p : *pmf) p /= total;
}

ExpectedSales::ExpectedSales(const std::vector<double>& pmf, double mean)
    : mean_(std::max(0.0, mean)) {
  const std::size_t n = std::max<std::size_t>(pmf.size(), 1);
  sales_.assign(n, 0.0);
  tail_.assign(n, 0.0);
  double cdf = 0.0;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    cdf += pmf[k];
    tail_[k] = std::max(0.0, 1.0 - cdf);
    if (k + 1 < n) sales_[k + 1] = sales_[k] + tail_[k];
  }
}

double ExpectedSales::operator()(double y) const {
  if (y <= 0 || mean_ <= 0) return 0.0;
  double f = std::floor(y);
  std::size_t i = static_cast<std::size_t>(f);
  if (i >= sales_.size()) i = sales_.size() - 1, f = static_cast<double>(i);
  return std::min(mean_, sales_[i] + (y - f) * tail_[i]);
}

}  // namespace invplan
