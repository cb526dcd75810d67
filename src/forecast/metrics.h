// Accuracy of a forecast against held-out actuals.
//
//   MASE   mean|a − f| / scale, scale = in-sample mean|y_t − y_{t−m}| (seasonal
//          naive; lag 1 when the history is not longer than m); null when the
//          scale is 0 (a constant history)
//   sMAPE  mean 200|a − f|/(|a| + |f|), terms with a = f = 0 count as 0
//   RMSE   √mean(a − f)²
//   bias   mean(f − a): positive = over-forecast
//   coverage per level: share of actuals inside [lo, hi]
#pragma once

#include <vector>

#include "invplan/artifact.h"

namespace invplan::forecast {

struct Accuracy {
  double mase = 0, smape = 0, rmse = 0, bias = 0;  // mase NaN when undefined
  std::vector<double> coverage;                    // one per level
  std::size_t points = 0;
};

double MaseScale(const std::vector<double>& history, int season);

// lo[k][i], hi[k][i]: bound of level k at step i.
Accuracy Evaluate(const std::vector<double>& history, int season, const std::vector<double>& actual,
                  const std::vector<double>& mean, const std::vector<std::vector<double>>& lo,
                  const std::vector<std::vector<double>>& hi);

// {mase, smape, rmse, bias, coverage80, coverage95, ...}; NaN → null.
Json AccuracyToJson(const Accuracy& a, const std::vector<double>& levels);

// Aggregates per-SKU accuracies: means of MASE (over SKUs where defined), sMAPE,
// RMSE and bias; coverage pooled over all points.
class AccuracySummary {
 public:
  explicit AccuracySummary(std::size_t levels = 0) : covered_(levels, 0.0) {}
  void Add(const Accuracy& a);
  Accuracy Mean() const;
  std::size_t series() const { return n_; }

 private:
  std::size_t n_ = 0, n_mase_ = 0, points_ = 0;
  double mase_ = 0, smape_ = 0, rmse_ = 0, bias_ = 0;
  std::vector<double> covered_;
};

}  // namespace invplan::forecast
