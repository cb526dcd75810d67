#include "forecast/negbin.h"

#include <algorithm>
#include <cmath>

#include "common/normal.h"

namespace invplan::forecast {

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
  return std::lgamma(y + r) - std::lgamma(r) - std::lgamma(y + 1.0) - r * std::log1p(mu / r) +
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
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1.0 - front * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

double NegBinCdf(double k, double mu, double alpha) {
  if (k < 0) return 0.0;
  const double r = 1.0 / alpha;
  return RegularizedIncompleteBeta(r, std::floor(k) + 1.0, r / (r + mu));
}

double NegBinQuantile(double p, double mu, double alpha) {
  if (!(mu > 0)) return 0.0;
  const double r = 1.0 / alpha;
  const double log_p0 = -r * std::log1p(mu / r);
  const double sd = std::sqrt(mu + alpha * mu * mu);
  // Small counts (slow movers, the common case): sum the probabilities up.
  if (log_p0 > -600.0 && mu + 10 * sd < 2000.0) {
    double pk = std::exp(log_p0), cdf = pk;
    const double q = mu / (r + mu);
    double k = 0.0;
    while (cdf < p) {
      pk *= (k + r) / (k + 1.0) * q;
      k += 1.0;
      cdf += pk;
      // Rounding can leave the sum just short of p in the far tail.
      if (pk < 1e-300 && k > mu) break;
    }
    return k;
  }
  // Large counts: bracket the quantile around the normal approximation and
  // bisect on the CDF (an incomplete beta function), a few dozen evaluations
  // however large the mean.
  auto below = [&](double k) { return NegBinCdf(k, mu, alpha) < p; };
  double guess = std::max(0.0, std::floor(mu + NormalQuantile(p) * sd));
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
}  // namespace invplan::forecast
