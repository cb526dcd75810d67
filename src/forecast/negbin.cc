#include "forecast/negbin.h"

#include <cmath>
#include <limits>

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

double NegBinQuantile(double p, double mu, double alpha) {
  if (!(mu > 0)) return 0.0;
  const double r = 1.0 / alpha;
  const double log_p0 = -r * std::log1p(mu / r);
  const double sd = std::sqrt(mu + alpha * mu * mu);
  // Past ~1e6 terms or where P(0) underflows the mean is many standard
  // deviations from zero and the normal approximation is accurate.
  if (log_p0 < -600.0 || mu + 10 * sd > 1e6) {
    return std::max(0.0, std::ceil(mu + NormalQuantile(p) * sd - 0.5));
  }
  double pk = std::exp(log_p0), cdf = pk;
  const double q = mu / (r + mu);
  double k = 0.0;
  while (cdf < p && pk >= 0.0) {
    pk *= (k + r) / (k + 1.0) * q;
    k += 1.0;
    cdf += pk;
    // Rounding can leave the sum just short of p in the far tail.
    if (pk < 1e-300 && k > mu) break;
  }
  return k;
}

}  // namespace invplan::forecast
