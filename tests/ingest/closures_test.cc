// Closed periods (src/ingest/closures.h): marked missing, never filled.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "invplan/ingest.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

// `skus` SKUs selling 3 + sku units a day in January 2024; on `shut` every SKU
// has a row with 0 (holiday = `shut_holiday`), on `gap` no SKU has a row, and
// SKU 0 alone sells nothing on day 20.
std::string Shop(int skus, int shut, int shut_holiday, int gap) {
  std::string text = "date,sku,quantity,holiday\n";
  for (int d = 1; d <= 31; ++d) {
    if (d == gap) continue;
    for (int k = 0; k < skus; ++k) {
      const int q = d == shut || (d == 20 && k == 0) ? 0 : 3 + k;
      const int h = d == shut ? shut_holiday : 0;
      text += "2024-01-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + ",S" +
              std::to_string(k) + "," + std::to_string(q) + "," + std::to_string(h) + "\n";
    }
  }
  return text;
}

Panel Load(const std::string& path, IngestReport* rep,
           ClosurePolicy policy = ClosurePolicy::kAuto) {
  IngestOptions o;
  o.input = path;
  o.closures = policy;
  return LoadPanel(o, CleanOptions{}, 0, rep);
}

TEST(Closures, HolidayWithZeroSalesEverywhereIsClosed) {
  TempDir dir;
  IngestReport rep;
  Panel p = Load(dir.Write("s.csv", Shop(5, 25, 1, 0)), &rep);
  ASSERT_EQ(p.extra_names, (std::vector<std::string>{"holiday", "closed"}));
  EXPECT_EQ(rep.closed_shop_periods, 1u);
  for (const Series& s : p.series) {
    EXPECT_TRUE(std::isnan(s.quantity[24])) << s.sku;  // the 25th: missing, not 0
    EXPECT_EQ(s.extras[1][24], 1.0);
    EXPECT_EQ(s.extras[1][23], 0.0);
    EXPECT_EQ(rep.series[&s - p.series.data()].closed, 1u);
    EXPECT_EQ(rep.series[&s - p.series.data()].filled, 0u);
  }
  EXPECT_EQ(p.series[0].quantity[19], 0.0);  // one SKU without sales: a zero
}

TEST(Closures, ANormalDayNeedsTwentySkus) {
  TempDir dir;
  IngestReport rep;
  Panel p = Load(dir.Write("few.csv", Shop(5, 25, 0, 0)), &rep);
  EXPECT_EQ(rep.closed_shop_periods, 0u);
  EXPECT_LT(p.ExtraIndex("closed"), 0);
  EXPECT_EQ(p.series[0].quantity[24], 0.0);
  // 25 SKUs, a day without any row: closed, not a gap filled with zeros.
  p = Load(dir.Write("many.csv", Shop(25, 0, 0, 12)), &rep);
  EXPECT_EQ(rep.closed_shop_periods, 1u);
  for (const Series& s : p.series) EXPECT_TRUE(std::isnan(s.quantity[11])) << s.sku;
  for (const SeriesReport& r : rep.series) EXPECT_EQ(r.filled, 0u);
}

TEST(Closures, NoneKeepsZeroSales) {
  TempDir dir;
  IngestReport rep;
  Panel p = Load(dir.Write("s.csv", Shop(5, 25, 1, 0)), &rep, ClosurePolicy::kNone);
  EXPECT_EQ(p.extra_names, std::vector<std::string>{"holiday"});
  EXPECT_EQ(p.series[0].quantity[24], 0.0);
}

TEST(Closures, OpenColumnMarksEachSeries) {
  // Rossmann-style: Store, Sales, Open; store 2 is shut on the 3rd and 4th.
  std::string text = "Date,Store,Sales,Open\n";
  for (int d = 1; d <= 6; ++d) {
    for (int k = 1; k <= 3; ++k) {
      const bool open = !(k == 2 && (d == 3 || d == 4));
      text += "2015-07-0" + std::to_string(d) + "," + std::to_string(k) + "," +
              (open ? std::to_string(100 * k + d) : "0") + "," + (open ? "1" : "0") + "\n";
    }
  }
  TempDir dir;
  IngestOptions o;
  o.input = dir.Write("r.csv", text);
  o.date_col = "Date";
  o.sku_col = "Store";
  o.qty_col = "Sales";
  IngestReport rep;
  Panel p = LoadPanel(o, CleanOptions{}, 0, &rep);
  ASSERT_EQ(p.extra_names, (std::vector<std::string>{"Open", "closed"}));
  EXPECT_EQ(rep.closed_shop_periods, 0u);
  EXPECT_TRUE(std::isnan(p.series[1].quantity[2]));
  EXPECT_TRUE(std::isnan(p.series[1].quantity[3]));
  EXPECT_EQ(p.series[1].quantity[4], 205.0);
  EXPECT_EQ(rep.series[1].closed, 2u);
  EXPECT_EQ(rep.series[0].closed, 0u);
}

TEST(Closures, CleanedCsvAndReport) {
  TempDir dir;
  CleanStageOptions o;
  o.ingest.input = dir.Write("s.csv", Shop(5, 25, 1, 0));
  o.output = dir.File("clean.csv");
  o.report_path = dir.File("r.json");
  RunContext ctx;
  CleanResult r = RunClean(o, ctx);
  EXPECT_EQ(r.report["totals"]["closed"], 5);
  EXPECT_EQ(r.report["totals"]["closed_shop_periods"], 1);
  EXPECT_EQ(r.report["totals"]["filled"], 0);
  EXPECT_NE(r.Summary().find("5 closed (1 whole-shop)"), std::string::npos) << r.Summary();
  const std::string csv = testing::ReadFile(o.output);
  EXPECT_NE(csv.find("2024-01-25,S0,0,1,1\n"), std::string::npos);
  EXPECT_NE(csv.find("2024-01-24,S0,3,0,0\n"), std::string::npos);
  // Read back, the closed column keeps them closed.
  IngestReport rep;
  Panel p = Load(o.output, &rep);
  EXPECT_EQ(p.extra_names, (std::vector<std::string>{"holiday", "closed"}));
  EXPECT_TRUE(std::isnan(p.series[3].quantity[24]));
}

}  // namespace
}  // namespace invplan
