// Accuracy of a forecast against held-out actuals.
//
//   MASE   mean|a − f| / scale, scale = in-sample mean|y_t − y_{t−m}| (seasonal
//          naive; lag 1 when the history is not longer than m); null when the
//          scale is 0 (a constant history)
//   RMSSE  √(mean(a − f)² / in-sample mean(y_t − y_{t−m})²), same lag; null
//          when that scale is 0
//   pinball_qU  scaled pinball loss of the quantile forecast Q at level U (the
//          M5 definition, with MASE's scale): mean over the holdout of
//          U·(a − Q) when a >= Q, (1 − U)·(Q − a) otherwise, divided by the
//          MASE scale; null when the scale is 0
//   coverage_qU  share of actuals <= Q (ideally U)
//   sMAPE  mean 200|a − f|/(|a| + |f|), terms with a = f = 0 count as 0
//   RMSE   √mean(a − f)²
//   bias   mean(f − a): positive = over-forecast
//   coverage per level: share of actuals inside [lo, hi]
#pragma once

#include <vector>

#include "invplan/artifact.h"

namespace invplan::forecast {

struct Accuracy {
  double mase = 0, rmsse = 0, smape = 0, rmse = 0, bias = 0;  // mase, rmsse NaN when undefined
  std::vector<double> coverage;                               // one per level
  std::vector<double> pinball, below;  // one per quantile level: scaled pinball loss, coverage
  std::size_t points = 0;
};

double MaseScale(const std::vector<double>& history, int season);
// In-sample mean (y_t − y_{t−m})², the lag as MaseScale.
double RmsseScale(const std::vector<double>& history, int season);

// Pinball (quantile) loss of forecast q at level u for actual a.
double PinballLoss(double a, double q, double u);

// Quantile forecasts to score: levels u_k in (0, 1), values[k][i] at step i.
struct QuantileForecast {
  std::vector<double> levels;
  std::vector<std::vector<double>> values;
};

// lo[k][i], hi[k][i]: bound of level k at step i.
Accuracy Evaluate(const std::vector<double>& history, int season, const std::vector<double>& actual,
                  const std::vector<double>& mean, const std::vector<std::vector<double>>& lo,
                  const std::vector<std::vector<double>>& hi, const QuantileForecast& q = {});

// {mase, rmsse, smape, rmse, bias, coverage80, coverage95, ..., pinball_q0.9,
// coverage_q0.9, ...}; NaN → null.
Json AccuracyToJson(const Accuracy& a, const std::vector<double>& levels,
                    const std::vector<double>& quantiles = {});

// Aggregates per-SKU accuracies: means of MASE, RMSSE and the scaled pinball
// losses (each over the SKUs where defined), sMAPE, RMSE and bias; coverage
// (of intervals and of quantiles) pooled over all points.
class AccuracySummary {
 public:
  explicit AccuracySummary(std::size_t levels = 0, std::size_t quantiles = 0)
      : covered_(levels, 0.0),
        pinball_(quantiles, 0.0),
        n_pinball_(quantiles, 0),
        below_(quantiles, 0.0) {}
  void Add(const Accuracy& a);
  Accuracy Mean() const;
  std::size_t series() const { return n_; }

 private:
  std::size_t n_ = 0, n_mase_ = 0, n_rmsse_ = 0, points_ = 0;
  double mase_ = 0, rmsse_ = 0, smape_ = 0, rmse_ = 0, bias_ = 0;
  std::vector<double> covered_, pinball_;
  std::vector<std::size_t> n_pinball_;
  std::vector<double> below_;
};

}  // namespace invplan::forecast
