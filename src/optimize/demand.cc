#include "optimize/demand.h"

#include <algorithm>
#include <cmath>

namespace invplan::optimize {

DemandCurve::DemandCurve(double mean, double variance, double max_stock)
    : mean_(std::max(0.0, mean)) {
  const long n = static_cast<long>(std::ceil(std::max(0.0, max_stock))) + 1;
  sales_.assign(n + 1, 0.0);
  tail_.assign(n + 1, 0.0);
  if (mean_ <= 0) return;
  // log P(D = k) by recursion, summed in a cumulative distribution.
  double log_p, log_ratio_const, r = 0.0;
  nb_ = variance > mean_ * (1.0 + 1e-9);
  if (nb_) {
    r = mean_ * mean_ / (variance - mean_);
    log_p = r * std::log(r / (r + mean_));
    log_ratio_const = std::log(mean_ / (r + mean_));
  } else {
    log_p = -mean_;
    log_ratio_const = std::log(mean_);
  }
  double cdf = 0.0;
  for (long k = 0; k <= n; ++k) {
    cdf += std::exp(log_p);
    tail_[k] = std::max(0.0, 1.0 - cdf);
    if (k < n) sales_[k + 1] = sales_[k] + tail_[k];
    log_p +=
        nb_ ? std::log((k + r) / (k + 1.0)) + log_ratio_const : log_ratio_const - std::log(k + 1.0);
  }
}

double DemandCurve::ExpectedSales(double y) const {
  if (y <= 0 || mean_ <= 0) return 0.0;
  double f = std::floor(y);
  std::size_t i = static_cast<std::size_t>(f);
  if (i >= sales_.size()) i = sales_.size() - 1, f = static_cast<double>(i);
  return std::min(mean_, sales_[i] + (y - f) * tail_[i]);
}

double NormalQuantile(double p) {
  // Acklam's rational approximation refined by one Halley step.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

}  // namespace invplan::optimize
