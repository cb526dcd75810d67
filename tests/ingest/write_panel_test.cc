// The panel writer formats numbers itself (no allocation per value): its text must
// be what FormatDouble gives, for every kind of value and key.
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

}  // namespace
}  // namespace invplan
