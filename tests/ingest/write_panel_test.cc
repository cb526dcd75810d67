// The panel writer formats numbers itself (no allocation per value): its text must
// be what FormatDouble gives, for every kind of value and key. The clean stage
// writes series as they stream by: its output must be the whole panel's.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "common/csv_reader.h"
#include "invplan/artifact.h"
#include "invplan/ingest.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

TEST(WritePanelCsv, NumbersAsFormatDoubleAndKeysEscaped) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> values = {0.0, -0.0, 7.0,     -3.0,   99999.0, 100000.0, -100000.0,
                                      1e6, 0.1,  1.0 / 3, 2.5e-8, 1e300,   -4.75,    123456.5,
                                      1.5, 1.5,  1.5,     nan,    42.0,    5e-324};
  Panel p;
  p.frequency = Frequency::kWeek;
  p.has_location = true;
  p.extra_names = {"price", "on,hand"};
  Series a;
  a.sku = std::string(300, 'x') + ",\"q\"";  // long, with a comma and quotes
  a.location = "S1";
  a.start = 2800;
  a.quantity = values;
  a.extras = {values, std::vector<double>(values.rbegin(), values.rend())};
  a.source_line.assign(values.size(), 0);
  Series b;
  b.sku = "B";
  b.location = "line\nbreak";
  b.start = 2790;
  b.quantity = {1.0, nan};
  b.extras = {{nan, 2.0}, {3.0, 3.0}};
  b.source_line = {0, 0};
  p.series = {a, b};

  std::string expected = "date,sku,location,quantity,price,\"on,hand\"\n";
  for (const Series& s : p.series) {
    for (std::size_t t = 0; t < s.quantity.size(); ++t) {
      expected += FormatPeriod(s.start + static_cast<std::int64_t>(t), p.frequency) + ',' +
                  CsvEscape(s.sku) + ',' + CsvEscape(s.location) + ',';
      if (!std::isnan(s.quantity[t])) expected += FormatDouble(s.quantity[t]);
      for (const auto& e : s.extras) {
        expected += ',';
        if (!std::isnan(e[t])) expected += FormatDouble(e[t]);
      }
      expected += '\n';
    }
  }
  TempDir dir;
  std::string path = dir.File("out.csv");
  WritePanelCsv(p, path);
  EXPECT_EQ(testing::ReadFile(path), expected);
  EXPECT_NE(expected.find(",-0,"), std::string::npos);     // the sign of zero is kept
  EXPECT_NE(expected.find(",1e+05,"), std::string::npos);  // shortest form, not 100000
}

// `invplan clean` streams series from the cells to the CSV in batches instead of
// building the panel: its output and report must be those of loading the whole
// panel, cleaning it and writing it. 150 SKUs (over two batches of 64), dates out
// of order, gaps, outliers, a negative, a location and two carried columns.
TEST(RunClean, StreamingMatchesTheWholePanel) {
  TempDir dir;
  std::string csv = "date,sku,store,quantity,price,on_hand\n";
  for (int d = 27; d >= 0; --d) {  // newest first, as some exports come
    for (int k = 0; k < 150; ++k) {
      if ((d * 7 + k) % 5 == 0 || d < k % 9) continue;  // gaps, late starts
      const int q = (d * 13 + k * 7) % 11 - (d == 3 && k == 4 ? 20 : 0) + (d == 9 ? 90 : 0);
      csv += "2024-02-" + std::string(d + 1 < 10 ? "0" : "") + std::to_string(d + 1) + ",SKU" +
             std::to_string(k) + ",S" + std::to_string(k % 2) + "," + std::to_string(q) + "," +
             std::to_string(2.5 + k % 4) + "," + std::to_string(100 - d) + "\n";
    }
  }
  CleanStageOptions o;
  o.ingest.input = dir.Write("sales.csv", csv);
  o.ingest.location_col = "store";
  o.clean.outliers = OutlierMethod::kClip;
  o.clean.fill = FillMethod::kInterpolate;
  o.output = dir.File("streamed.csv");
  RunContext run;
  run.threads = 2;
  const Json doc = RunClean(o, run).report;

  IngestReport rep;
  Panel whole = LoadPanel(o.ingest, o.clean, 2, &rep);
  WritePanelCsv(whole, dir.File("whole.csv"));
  ASSERT_EQ(whole.series.size(), 150u);  // one store per SKU
  EXPECT_EQ(testing::ReadFile(dir.File("streamed.csv")), testing::ReadFile(dir.File("whole.csv")));
  ASSERT_EQ(doc["series"].size(), whole.series.size());
  std::uint64_t outliers = 0;
  for (std::size_t i = 0; i < whole.series.size(); ++i) {
    EXPECT_EQ(doc["series"][i]["sku"], whole.series[i].sku);
    EXPECT_EQ(doc["series"][i]["periods"], whole.series[i].quantity.size());
    EXPECT_EQ(doc["series"][i]["filled"], rep.series[i].filled);
    EXPECT_EQ(doc["series"][i]["outliers"], rep.series[i].outliers);
    outliers += rep.series[i].outliers;
  }
  EXPECT_GT(outliers, 0u);  // the rule had something to clip
  EXPECT_EQ(doc["totals"]["outliers"], outliers);
}

}  // namespace
}  // namespace invplan
