#include "ingest/clean.h"

#include <gtest/gtest.h>

#include <cmath>

namespace invplan {
namespace {

const double kNaN = std::nan("");

TEST(FillGaps, Methods) {
  std::vector<double> base = {1, kNaN, kNaN, 7, kNaN, 3};
  auto x = base;
  EXPECT_EQ(FillGaps(&x, FillMethod::kZero), 3u);
  EXPECT_EQ(x, (std::vector<double>{1, 0, 0, 7, 0, 3}));
  x = base;
  FillGaps(&x, FillMethod::kInterpolate);
  EXPECT_EQ(x, (std::vector<double>{1, 3, 5, 7, 5, 3}));
  x = base;
  FillGaps(&x, FillMethod::kMean);
  for (double v : {x[1], x[2], x[4]}) EXPECT_DOUBLE_EQ(v, 11.0 / 3.0);
  x = base;
  EXPECT_EQ(FillGaps(&x, FillMethod::kNone), 3u);
  EXPECT_TRUE(std::isnan(x[1]));
}

TEST(CarryForward, FillsBothWays) {
  std::vector<double> x = {kNaN, 2, kNaN, kNaN, 5, kNaN};
  CarryForward(&x);
  EXPECT_EQ(x, (std::vector<double>{2, 2, 2, 2, 5, 5}));
}

std::vector<double> WeeklyPattern(int weeks) {
  std::vector<double> x;
  const double pattern[7] = {10, 12, 11, 13, 15, 30, 25};
  for (int w = 0; w < weeks; ++w) {
    for (int d = 0; d < 7; ++d) x.push_back(pattern[d] + ((w * 7 + d) % 3) - 1);
  }
  return x;
}

TEST(Outliers, SeasonalPeaksAreNotOutliersButSpikesAre) {
  auto x = WeeklyPattern(10);
  auto clean = x;
  EXPECT_EQ(TreatOutliers(&clean, OutlierMethod::kClip, 5.0, 7), 0u);  // weekends stay
  EXPECT_EQ(clean, x);
  x[30] = 400;  // a spike on a weekday
  x[40] = 0;    // and a sudden zero on a Saturday (usually ~30)
  auto clipped = x;
  EXPECT_EQ(TreatOutliers(&clipped, OutlierMethod::kClip, 5.0, 7), 2u);
  EXPECT_LT(clipped[30], 30.0);
  EXPECT_GT(clipped[30], 13.0);
  EXPECT_GT(clipped[40], 20.0);
  auto interp = x;
  EXPECT_EQ(TreatOutliers(&interp, OutlierMethod::kInterpolate, 5.0, 7), 2u);
  EXPECT_DOUBLE_EQ(interp[30], 0.5 * (x[29] + x[31]));
  auto untouched = x;
  EXPECT_EQ(TreatOutliers(&untouched, OutlierMethod::kNone, 5.0, 7), 0u);
  EXPECT_EQ(untouched[30], 400);
}

TEST(Outliers, IntermittentSeriesLookAtSizesOnly) {
  std::vector<double> x(60, 0.0);
  for (int t = 0; t < 60; t += 5) x[static_cast<std::size_t>(t)] = 2 + (t % 3);
  auto same = x;
  EXPECT_EQ(TreatOutliers(&same, OutlierMethod::kClip, 5.0, 7), 0u);  // zeros are normal
  x[25] = 200;
  EXPECT_EQ(TreatOutliers(&x, OutlierMethod::kClip, 5.0, 7), 1u);
  EXPECT_LT(x[25], 20);
  EXPECT_EQ(x[26], 0.0);
}

TEST(Outliers, ThresholdMatters) {
  auto x = WeeklyPattern(10);
  x[30] = 25;  // moderately high
  auto loose = x, tight = x;
  EXPECT_EQ(TreatOutliers(&loose, OutlierMethod::kClip, 20.0, 7), 0u);
  EXPECT_GE(TreatOutliers(&tight, OutlierMethod::kClip, 3.0, 7), 1u);
}

TEST(CleanPanel, CountsAndThreadIndependence) {
  Panel p;
  p.frequency = Frequency::kDay;
  for (int i = 0; i < 40; ++i) {
    Series s;
    s.sku = "S" + std::to_string(i);
    s.quantity = WeeklyPattern(8);
    s.quantity[10] = kNaN;
    s.quantity[20] = 500 + i;
    s.extras = {std::vector<double>(s.quantity.size(), 1.0)};
    s.extras[0][5] = kNaN;
    p.series.push_back(s);
  }
  Panel q = p;
  CleanOptions o;
  o.outliers = OutlierMethod::kClip;
  IngestReport r1, r2;
  CleanPanel(&p, o, 1, &r1);
  CleanPanel(&q, o, 4, &r2);
  for (std::size_t i = 0; i < p.series.size(); ++i) {
    EXPECT_EQ(p.series[i].quantity, q.series[i].quantity);
    EXPECT_EQ(r1.series[i].filled, 1u);
    EXPECT_EQ(r1.series[i].outliers, 1u);
    EXPECT_EQ(p.series[i].extras[0][5], 1.0);
  }
}

}  // namespace
}  // namespace invplan
