#include <gtest/gtest.h>

#include <cmath>

#include "invplan/error.h"
#include "invplan/ingest.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

Panel Read(const std::string& path, IngestOptions o, IngestReport* rep = nullptr) {
  o.input = path;
  IngestReport local;
  return ReadPanel(o, rep ? rep : &local);
}

TEST(ReadPanel, SumsRowsOfTheSamePeriodAndSortsSeries) {
  TempDir dir;
  std::string path = dir.Write("s.csv",
                               "date,sku,quantity\n"
                               "2024-01-02,B,1\n"
                               "2024-01-01,A,2\n"
                               "2024-01-01,A,3\n"
                               "2024-01-04,A,1\n");
  IngestReport rep;
  Panel p = Read(path, {}, &rep);
  EXPECT_EQ(p.frequency, Frequency::kDay);
  EXPECT_TRUE(rep.frequency_inferred);
  ASSERT_EQ(p.series.size(), 2u);
  EXPECT_EQ(p.series[0].sku, "A");
  ASSERT_EQ(p.series[0].quantity.size(), 4u);
  EXPECT_EQ(p.series[0].quantity[0], 5.0);
  EXPECT_TRUE(std::isnan(p.series[0].quantity[1]));  // a gap until cleaning fills it
  EXPECT_EQ(p.series[0].source_line[0], 3u);         // first line of that period
  EXPECT_EQ(p.series[0].source_line[1], 0u);
  EXPECT_EQ(p.series[0].source_line[3], 5u);
  EXPECT_EQ(rep.rows_read, 4u);
  EXPECT_EQ(rep.series[0].rows, 3u);
}

TEST(ReadPanel, InfersMonthlyAndWeekly) {
  TempDir dir;
  std::string monthly = dir.Write("m.csv",
                                  "date,sku,quantity\n2024-01,A,1\n2024-02,A,2\n2024-04,A,4\n"
                                  "2024-05,A,5\n");
  Panel m = Read(monthly, {});
  EXPECT_EQ(m.frequency, Frequency::kMonth);
  ASSERT_EQ(m.series[0].quantity.size(), 5u);
  EXPECT_EQ(m.series[0].quantity[3], 4.0);
  std::string weekly = dir.Write("w.csv",
                                 "date,sku,quantity\n2024-01-01,A,1\n2024-01-08,A,2\n"
                                 "2024-01-15,A,4\n2024-01-29,A,5\n");
  Panel w = Read(weekly, {});
  EXPECT_EQ(w.frequency, Frequency::kWeek);
  EXPECT_EQ(w.series[0].quantity.size(), 5u);
}

TEST(ReadPanel, AggregatesToAGivenFrequencyWithExtras) {
  TempDir dir;
  std::string path = dir.Write("x.csv",
                               "date,sku,quantity,price,on_hand,receipts,note\n"
                               "2024-01-01,A,2,10,50,0,a\n"
                               "2024-01-03,A,3,20,45,5,b\n"
                               "2024-01-08,A,1,,44,,c\n");
  IngestOptions o;
  o.frequency = "W";
  IngestReport rep;
  Panel p = Read(path, o, &rep);
  ASSERT_EQ(p.extra_names, (std::vector<std::string>{"price", "on_hand", "receipts"}));
  EXPECT_EQ(rep.ignored_columns, std::vector<std::string>{"note"});
  const Series& s = p.series[0];
  ASSERT_EQ(s.quantity.size(), 2u);
  EXPECT_EQ(s.quantity[0], 5.0);
  EXPECT_EQ(s.extras[0][0], 15.0);  // price: mean
  EXPECT_EQ(s.extras[1][0], 45.0);  // on_hand: last
  EXPECT_EQ(s.extras[2][0], 5.0);   // receipts: sum
  EXPECT_TRUE(std::isnan(s.extras[0][1]));
  EXPECT_FALSE(rep.frequency_inferred);
}

TEST(ReadPanel, LocationsAndColumnMapping) {
  TempDir dir;
  std::string path = dir.Write("l.csv",
                               "InvoiceDate,StockCode,Quantity,Store\n"
                               "2024-01-01 10:00:00,A,1,S1\n"
                               "2024-01-01 11:00:00,A,2,S2\n"
                               "2024-01-01 12:00:00,A,3,S1\n");
  IngestOptions o;
  o.date_col = "InvoiceDate";
  o.sku_col = "StockCode";
  o.qty_col = "Quantity";
  o.location_col = "Store";
  Panel p = Read(path, o);
  EXPECT_TRUE(p.has_location);
  ASSERT_EQ(p.series.size(), 2u);
  EXPECT_EQ(p.series[0].location, "S1");
  EXPECT_EQ(p.series[0].quantity[0], 4.0);
  EXPECT_EQ(p.series[1].quantity[0], 2.0);
}

TEST(ReadPanel, NegativePolicies) {
  TempDir dir;
  std::string path = dir.Write("n.csv",
                               "date,sku,quantity\n2024-01-01,A,5\n2024-01-01,A,-2\n"
                               "2024-01-02,A,-1\n2024-01-03,A,4\n");
  IngestOptions o;
  o.negatives = NegativePolicy::kKeep;
  Panel keep = Read(path, o);
  EXPECT_EQ(keep.series[0].quantity[0], 3.0);
  EXPECT_EQ(keep.series[0].quantity[1], -1.0);
  o.negatives = NegativePolicy::kZero;
  IngestReport rep;
  Panel zero = Read(path, o, &rep);
  EXPECT_EQ(zero.series[0].quantity[0], 5.0);
  EXPECT_EQ(zero.series[0].quantity[1], 0.0);  // active period, zero sales
  EXPECT_EQ(rep.series[0].negatives, 2u);
  o.negatives = NegativePolicy::kDrop;
  Panel drop = Read(path, o, &rep);
  EXPECT_TRUE(std::isnan(drop.series[0].quantity[1]));  // as if the row were absent
  EXPECT_EQ(rep.rows_dropped_negative, 2u);
}

TEST(ReadPanel, BadRowsErrorOrSkip) {
  TempDir dir;
  std::string path = dir.Write("b.csv",
                               "date,sku,quantity\n2024-01-01,A,1\n2024-01-02,A,\"12,5\"\n"
                               "2024-13-01,A,1\n2024-01-04,,1\n2024-01-05,A\n2024-01-06,A,2\n");
  try {
    Read(path, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_EQ(std::string(e.what()), path +
                                         ":3: column 'quantity': expected a number, got \"12,5\" "
                                         "(use --on-bad-row skip to skip such rows)");
  }
  IngestOptions o;
  o.on_bad_row = BadRowPolicy::kSkip;
  o.frequency = "D";  // two good days five apart would otherwise look weekly
  IngestReport rep;
  Panel p = Read(path, o, &rep);
  EXPECT_EQ(rep.rows_read, 6u);
  EXPECT_EQ(rep.rows_skipped, 4u);
  ASSERT_EQ(rep.skipped_examples.size(), 4u);
  EXPECT_NE(rep.skipped_examples[1].find(":4: column 'date'"), std::string::npos);
  EXPECT_NE(rep.skipped_examples[2].find("non-empty SKU"), std::string::npos);
  EXPECT_NE(rep.skipped_examples[3].find("expected 3 fields"), std::string::npos);
  EXPECT_EQ(p.series[0].quantity.size(), 6u);
}

TEST(ReadPanel, DateFormatOptionAndErrors) {
  TempDir dir;
  std::string path = dir.Write("f.csv", "date,sku,quantity\n1/2/24,A,1\n1/3/24,A,2\n");
  EXPECT_THROW(Read(path, {}), Error);
  IngestOptions o;
  o.date_format = "%m/%d/%y";
  Panel p = Read(path, o);
  EXPECT_EQ(FormatPeriod(p.series[0].start, p.frequency), "2024-01-02");
  o.date_format = "%Q";
  try {
    Read(path, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
}

TEST(ReadPanel, HeaderOnlyAndMissingColumns) {
  TempDir dir;
  Panel p = Read(dir.Write("h.csv", "date,sku,quantity\r\n"), {});
  EXPECT_TRUE(p.series.empty());
  try {
    Read(dir.Write("c.csv", "day,sku,quantity\n"), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("missing column 'date' (named by --date-col)"),
              std::string::npos);
  }
}

TEST(ReadPanel, VeryLongSkuCodes) {
  TempDir dir;
  std::string sku(5000, 'x');
  Panel p = Read(dir.Write("long.csv", "date,sku,quantity\n2024-01-01," + sku + ",1\n"), {});
  ASSERT_EQ(p.series.size(), 1u);
  EXPECT_EQ(p.series[0].sku, sku);
}

// The real, dirty UCI Online Retail II export: cancellations (negative quantities),
// adjustments, fee codes, timestamps, free-text columns.
TEST(ReadPanel, OnlineRetailExport) {
  std::string path = testing::SharedData("online_retail/online_retail_II_2009_2010.csv");
  if (path.empty()) GTEST_SKIP() << "../shared/data not present";
  IngestOptions o;
  o.input = path;
  o.date_col = "InvoiceDate";
  o.sku_col = "StockCode";
  o.qty_col = "Quantity";
  IngestReport rep;
  CleanOptions c;
  Panel p = LoadPanel(o, c, 0, &rep);
  EXPECT_EQ(rep.rows_read, 525461u);
  EXPECT_EQ(rep.rows_skipped, 0u);
  EXPECT_EQ(p.frequency, Frequency::kDay);  // timestamps, shop closed on some days
  EXPECT_GT(p.series.size(), 4000u);
  EXPECT_LT(p.series.size(), 5000u);
  // Price is numeric and carried; Customer ID and Invoice are identifiers and the
  // text columns are not numeric.
  EXPECT_GE(p.ExtraIndex("Price"), 0);
  EXPECT_LT(p.ExtraIndex("Customer ID"), 0);
  EXPECT_LT(p.ExtraIndex("Description"), 0);
  EXPECT_LT(p.ExtraIndex("Invoice"), 0);
  std::uint64_t negatives = 0;
  for (const auto& s : rep.series) negatives += s.negatives;
  EXPECT_GT(negatives, 10000u);  // cancellations
  // Days the shop was shut (no sales at all) are closed: missing, not zero.
  EXPECT_GT(rep.closed_shop_periods, 20u);
  EXPECT_LT(rep.closed_shop_periods, 120u);
  EXPECT_EQ(p.extra_names, (std::vector<std::string>{"Price", "closed"}));
  const std::size_t closed = static_cast<std::size_t>(p.ExtraIndex("closed"));
  for (const Series& s : p.series) {
    for (std::size_t t = 0; t < s.quantity.size(); ++t) {
      if (s.extras[closed][t] > 0) {
        ASSERT_TRUE(std::isnan(s.quantity[t])) << s.sku;
      } else {
        ASSERT_GE(s.quantity[t], 0.0) << s.sku;  // zeroed by default
      }
    }
  }
  // The postage code is there as an ordinary series.
  bool post = false;
  for (const Series& s : p.series) post |= s.sku == "POST";
  EXPECT_TRUE(post);
}

}  // namespace
}  // namespace invplan
