// Totals of demand over forecast periods: the cumulative demand a forecast
// records (AddQuantilesAndTotals) and the parts a consumer sums
// (AppendPeriods, SumDemand). See common/forecast_distribution.h.
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/forecast_distribution.h"

namespace invplan {

DemandDistribution TotalDemand(double mean, double variance, bool counts) {
  if (counts) return DemandDistribution::Count(CountDistribution::FromMoments(mean, variance));
  return DemandDistribution::LogNormal(mean, variance);
}

void AddQuantilesAndTotals(const ForecastSet& set, const std::vector<double>& widening,
                           SeriesForecast* series) {
  constexpr double kLargest = std::numeric_limits<double>::max();
  series->cumulative.clear();
  double mean = 0.0, independent = 0.0;
  bool counts = true;
  for (std::size_t h = 0; h < series->points.size(); ++h) {
    ForecastPoint& p = series->points[h];
    const DemandDistribution d = PointDemand(p, set);
    p.quantiles.clear();
    for (double q : set.quantiles) p.quantiles.push_back(d.Quantile(q));
    mean += p.mean;
    independent += d.variance();
    counts = counts && d.count() != nullptr;
    double w = h < widening.size() ? widening[h] : 1.0;
    if (!std::isfinite(w) || w < 0.0) w = 1.0;
    CumulativePoint c;
    // Finite whatever the inputs: the artifact's readers refuse a total without
    // a finite mean and variance.
    c.mean = std::min(mean, kLargest);
    c.variance = std::min(independent * w, kLargest);
    c.counts = counts;
    if (h == 0) {
      c.quantiles = p.quantiles;  // one period is its own total
    } else if (!set.quantiles.empty()) {
      const DemandDistribution total = TotalDemand(c.mean, c.variance, c.counts);
      for (double q : set.quantiles) c.quantiles.push_back(total.Quantile(q));
    }
    series->cumulative.push_back(std::move(c));
  }
}

bool AppendPeriods(const SeriesForecast& series, const ForecastSet& set, double periods,
                   std::vector<WeightedDemand>* parts) {
  bool extrapolated = false;
  if (series.points.empty()) return false;
  const int whole = static_cast<int>(std::ceil(periods));
  const int recorded = static_cast<int>(std::min(series.cumulative.size(), series.points.size()));
  int t = 0;
  if (whole >= 2 && recorded >= 2) {
    // The recorded total over the periods it covers (correlated errors included).
    const double covered = std::min(periods, static_cast<double>(recorded));
    const int k = static_cast<int>(std::floor(covered));
    const double frac = covered - k;
    const CumulativePoint& below = series.cumulative[k - 1];
    double mean = below.mean, variance = below.variance;
    bool counts = below.counts;
    if (frac > 0.0) {
      const CumulativePoint& above = series.cumulative[k];
      mean += frac * (above.mean - below.mean);
      variance += frac * (above.variance - below.variance);
      counts = counts && above.counts;
    }
    parts->push_back({TotalDemand(mean, std::max(0.0, variance), counts), 1.0});
    t = recorded;
  }
  for (; t < whole; ++t) {
    if (t >= static_cast<int>(series.points.size())) extrapolated = true;
    const ForecastPoint& p = series.points[std::min<std::size_t>(t, series.points.size() - 1)];
    parts->push_back({PointDemand(p, set), std::min(1.0, periods - t)});
  }
  return extrapolated;
}

DemandDistribution SumDemand(const std::vector<WeightedDemand>& parts) {
  if (parts.size() == 1 && parts[0].weight == 1.0) return parts[0].demand;
  double mean = 0.0, variance = 0.0;
  bool counts = true;
  for (const WeightedDemand& p : parts) {
    mean += p.weight * p.demand.mean();
    variance += p.weight * p.demand.variance();
    counts = counts && p.demand.count() != nullptr;
  }
  return TotalDemand(mean, variance, counts);
}

}  // namespace invplan
