#include "common/forecast_distribution.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "common/normal.h"
#include "invplan/error.h"

namespace invplan {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kNone = 0, kLog = 1, kLog1p = 2, kBoxCox = 3;

double NormalCdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}
double NormalDensity(double z) {
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
}

}  // namespace

DemandDistribution DemandDistribution::Count(const CountDistribution& c) {
  DemandDistribution d;
  d.count_ = c;
  d.mean_ = c.mean();
  d.variance_ = c.variance();
  return d;
}

DemandDistribution DemandDistribution::Normal(double mu, double sigma, const std::string& transform,
                                              double scale, double shift) {
  if (!(scale > 0.0) || !std::isfinite(scale) || !std::isfinite(shift)) {
    throw ArtifactError("forecast distribution: bad scale or shift");
  }
  DemandDistribution d;
  d.discrete_ = false;
  d.mu_ = mu;
  d.sigma_ = std::max(0.0, sigma);
  d.scale_ = scale;
  d.shift_ = shift;
  if (transform == "log") {
    d.transform_ = kLog;
  } else if (transform == "log1p") {
    d.transform_ = kLog1p;
  } else if (transform.rfind("boxcox:", 0) == 0) {
    const std::string arg = transform.substr(7);
    char* end = nullptr;
    d.lambda_ = std::strtod(arg.c_str(), &end);
    if (arg.empty() || *end != '\0' || !std::isfinite(d.lambda_)) {
      throw ArtifactError("forecast distribution: bad Box-Cox transform \"" + transform + "\"");
    }
    d.transform_ = kBoxCox;
  } else if (!transform.empty()) {
    throw ArtifactError("forecast distribution: unknown transform \"" + transform + "\"");
  } else {
    // Without a transform scale and shift are a linear map of the normal.
    d.mu_ = scale * (mu - shift);
    d.sigma_ = scale * d.sigma_;
    d.scale_ = 1.0;
    d.shift_ = 0.0;
  }
  d.SetMoments();
  return d;
}

DemandDistribution DemandDistribution::Quantiles(
    const std::vector<std::pair<double, double>>& quantiles) {
  DemandDistribution d;
  d.discrete_ = false;
  d.shape_ = Shape::kTable;
  for (const auto& [p, v] : quantiles) {
    if (p > 0.0 && p < 1.0 && std::isfinite(v)) d.table_.emplace_back(NormalQuantile(p), v);
  }
  if (d.table_.empty()) d.table_.emplace_back(0.0, 0.0);
  std::sort(d.table_.begin(), d.table_.end());
  // One value per probability (the segments need a width).
  d.table_.erase(std::unique(d.table_.begin(), d.table_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 d.table_.end());
  // Quantiles never decrease with p, whatever rounding did to them.
  for (std::size_t i = 1; i < d.table_.size(); ++i) {
    d.table_[i].second = std::max(d.table_[i].second, d.table_[i - 1].second);
  }
  d.SetMoments();
  return d;
}

DemandDistribution DemandDistribution::LogNormal(double mean, double variance) {
  if (!(mean > 0.0)) return DemandDistribution();
  if (!(variance > 0.0)) return Normal(mean, 0.0);
  const double s2 = std::log1p(variance / (mean * mean));
  DemandDistribution d = Normal(std::log(mean) - s2 / 2, std::sqrt(s2), "log");
  d.mean_ = mean;  // exact, not as rounded through the parameters
  d.variance_ = variance;
  return d;
}

double DemandDistribution::Map(double z) const {
  if (shape_ == Shape::kTable) {
    const auto& t = table_;
    if (t.size() == 1) return t[0].second;
    // The segment holding z, or the outermost one to extend.
    std::size_t i = 0;
    while (i + 2 < t.size() && z > t[i + 1].first) ++i;
    const double slope = (t[i + 1].second - t[i].second) / (t[i + 1].first - t[i].first);
    return t[i].second + slope * (z - t[i].first);
  }
  const double y = mu_ + sigma_ * z;
  double x;
  switch (transform_) {
    case kLog:
      x = std::exp(y);
      break;
    case kLog1p:
      x = std::expm1(y);
      break;
    case kBoxCox: {
      if (lambda_ == 0.0) {
        x = std::exp(y);
        break;
      }
      const double base = lambda_ * y + 1.0;
      if (base <= 0.0) {
        x = lambda_ > 0.0 ? 0.0 : kInf;
        break;
      }
      x = std::pow(base, 1.0 / lambda_);
      break;
    }
    default:
      x = y;
  }
  return scale_ * (x - shift_);
}

double DemandDistribution::InverseMap(double x) const {
  if (shape_ == Shape::kTable) {
    const auto& t = table_;
    if (t.size() == 1) return x >= t[0].second ? kInf : -kInf;
    if (x < t[0].second) {
      const double slope = (t[1].second - t[0].second) / (t[1].first - t[0].first);
      return slope > 0.0 ? t[0].first + (x - t[0].second) / slope : -kInf;
    }
    std::size_t i = 0;  // the last knot at or below x
    while (i + 1 < t.size() && t[i + 1].second <= x) ++i;
    const std::size_t a = i + 1 < t.size() ? i : i - 1;  // the segment to use
    const double slope = (t[a + 1].second - t[a].second) / (t[a + 1].first - t[a].first);
    if (!(slope > 0.0)) return kInf;  // only past the last knot: flat tail
    return t[a].first + (x - t[a].second) / slope;
  }
  if (sigma_ <= 0.0) return x >= Map(0.0) ? kInf : -kInf;
  x = x / scale_ + shift_;
  double y;
  switch (transform_) {
    case kLog:
      y = std::log(x);
      break;
    case kLog1p:
      y = std::log1p(x);
      break;
    case kBoxCox:
      y = lambda_ == 0.0 ? std::log(x) : (std::pow(x, lambda_) - 1.0) / lambda_;
      break;
    default:
      y = x;
  }
  return (y - mu_) / sigma_;
}

void DemandDistribution::SetMoments() {
  if (shape_ == Shape::kNormal && sigma_ <= 0.0) {
    mean_ = std::max(0.0, Map(0.0));
    variance_ = 0.0;
    return;
  }
  if (shape_ == Shape::kNormal && transform_ == kNone) {
    // The normal censored at 0.
    const double a = mu_ / sigma_, below = NormalCdf(a), density = NormalDensity(a);
    mean_ = mu_ * below + sigma_ * density;
    const double second = (mu_ * mu_ + sigma_ * sigma_) * below + mu_ * sigma_ * density;
    variance_ = std::max(0.0, second - mean_ * mean_);
    return;
  }
  if (shape_ == Shape::kNormal && transform_ == kLog && scale_ == 1.0 && shift_ == 0.0) {
    const double s2 = sigma_ * sigma_;
    mean_ = std::exp(mu_ + s2 / 2);
    variance_ = std::expm1(s2) * std::exp(2 * mu_ + s2);
    return;
  }
  // Simpson's rule over the normal score; beyond ±10 lies less than 1e-23.
  constexpr int kSteps = 2000;
  constexpr double kReach = 10.0, h = 2 * kReach / kSteps;
  double m1 = 0.0, m2 = 0.0;
  for (int i = 0; i <= kSteps; ++i) {
    const double z = -kReach + i * h;
    const double w = (i == 0 || i == kSteps ? 1.0 : i % 2 ? 4.0 : 2.0) * NormalDensity(z);
    const double x = std::max(0.0, Map(z));
    m1 += w * x;
    m2 += w * x * x;
  }
  mean_ = m1 * h / 3;
  variance_ = std::max(0.0, m2 * h / 3 - mean_ * mean_);
}

double DemandDistribution::Quantile(double p) const {
  if (discrete_) return count_.Quantile(p);
  return std::max(0.0, Map(NormalQuantile(p)));
}

double DemandDistribution::Cdf(double x) const {
  if (discrete_) return count_.Cdf(x);
  if (x < 0.0) return 0.0;
  return NormalCdf(InverseMap(x));
}

std::vector<double> DemandDistribution::PmfTable(std::size_t n) const {
  if (discrete_) return count_.PmfTable(n);
  std::vector<double> pmf(n + 1);
  double below = 0.0;
  for (std::size_t k = 0; k <= n; ++k) {
    const double upto = Cdf(static_cast<double>(k) + 0.5);
    pmf[k] = std::max(0.0, upto - below);
    below = std::max(below, upto);
  }
  return pmf;
}

std::vector<double> DemandDistribution::TruncatedPmf(double tail, std::size_t max_support) const {
  if (discrete_) return count_.TruncatedPmf(tail, max_support);
  const double reach = std::ceil(Quantile(1.0 - tail)) + 1.0;
  const auto n = static_cast<std::size_t>(std::min(reach, static_cast<double>(max_support)));
  std::vector<double> pmf = PmfTable(n);
  double total = 0.0;
  for (double p : pmf) total += p;
  pmf.back() += std::max(0.0, 1.0 - total);  // what lies beyond n
  TrimPmf(&pmf, tail);
  return pmf;
}

DemandDistribution PointDemand(const ForecastPoint& point, const ForecastSet& set) {
  const PointDistribution& d = point.distribution;
  switch (d.family) {
    case DistributionFamily::kNegBin:
      return DemandDistribution::Count(CountDistribution::NegBin(d.mu, d.size));
    case DistributionFamily::kPoisson:
      return DemandDistribution::Count(CountDistribution::Poisson(d.mu));
    case DistributionFamily::kNormal:
      if (d.transform.empty()) {
        // A normal on the scale of the data: moving its mass below zero to zero
        // would raise the mean far above the model's forecast whenever sigma is
        // several times mu (erratic SKUs), so demand keeps the model's mean and
        // spread, as a count distribution (the schema-1 rule with the exact sigma).
        const double mean = std::max(0.0, d.scale * (d.mu - d.shift));
        const double sd = d.scale * d.sigma;
        return DemandDistribution::Count(
            CountDistribution::FromMoments(mean, std::max(mean, sd * sd)));
      }
      return DemandDistribution::Normal(d.mu, d.sigma, d.transform, d.scale, d.shift);
    case DistributionFamily::kQuantiles:
      return DemandDistribution::Quantiles(d.quantiles);
    case DistributionFamily::kNone:
      break;
  }
  // Schema 1: the rule of the header, from the widest interval.
  const double mean = std::isfinite(point.mean) ? std::max(0.0, point.mean) : 0.0;
  double sd = 0.0;
  std::size_t widest = set.levels.size();
  for (std::size_t k = 0; k < set.levels.size() && k < point.lo.size() && k < point.hi.size();
       ++k) {
    if (widest == set.levels.size() || set.levels[k] > set.levels[widest]) widest = k;
  }
  if (widest < set.levels.size()) {
    const double z = NormalQuantile(0.5 + set.levels[widest] / 200.0);
    const double lo = point.lo[widest], hi = point.hi[widest];
    const double half = std::max((hi - lo) / (2.0 * z), (hi - point.mean) / z);
    if (z > 0.0 && std::isfinite(half) && half > 0.0) sd = half;
  }
  return DemandDistribution::Count(CountDistribution::FromMoments(mean, std::max(mean, sd * sd)));
}

}  // namespace invplan
