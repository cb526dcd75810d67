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

}  // namespace invplan::optimize
