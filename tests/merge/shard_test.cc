// The shard hash (fixed values any reimplementation must give), the sharding
// options, and ingest's shard filter: the N pieces of a panel are disjoint and
// their union is the unsharded panel, series for series, closed periods included.
#include "invplan/shard.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "invplan/error.h"
#include "invplan/ingest.h"
#include "test_util.h"

namespace invplan {
namespace {

TEST(ShardHash, FnvOneA64OfSkuUnitSeparatorLocation) {
  // FNV-1a 64 computed independently (Python) for these keys.
  EXPECT_EQ(ShardHash("", ""), 0xaf63d24c8601db8eULL);
  EXPECT_EQ(ShardHash("SKU-001", ""), 0x835024a5051f0c21ULL);
  EXPECT_EQ(ShardHash("SKU-001", "Store 7"), 0x0d1f67236817305bULL);
  EXPECT_EQ(ShardHash("A", "B"), 0xfb19e319a13aa891ULL);
  EXPECT_EQ(ShardOf("SKU-001", "", 8), 1);
  EXPECT_EQ(ShardOf("SKU-001", "Store 7", 8), 3);
  // The separator keeps ("AB", "") and ("A", "B") apart.
  EXPECT_NE(ShardHash("AB", ""), ShardHash("A", "B"));
}

TEST(ShardHash, SpreadsKeysOverEveryShard) {
  std::map<int, int> counts;
  for (int i = 0; i < 8000; ++i) ++counts[ShardOf("SKU-" + std::to_string(i), "", 8)];
  ASSERT_EQ(counts.size(), 8u);
  for (const auto& [k, n] : counts) {
    EXPECT_GT(n, 850) << k;
    EXPECT_LT(n, 1150) << k;
  }
}

TEST(ShardOptions, ParsedAndChecked) {
  const auto& t = ShardOptionTable();
  ShardOptions o;
  t.Set(o, "shard", "3/8");
  EXPECT_EQ(o.index, 3);
  EXPECT_EQ(o.count, 8);
  EXPECT_EQ(o.Text(), "3/8");
  EXPECT_NO_THROW(t.Validate(o));
  ShardOptions bad;
  t.Set(bad, "shard", "8/8");
  EXPECT_THROW(t.Validate(bad), Error);
  ShardOptions word;
  EXPECT_THROW(t.Set(word, "shard", "3"), Error);
  EXPECT_THROW(t.Set(word, "shard", "a/8"), Error);
  EXPECT_THROW(t.Set(word, "shard", "1/0"), Error);

  ::setenv("INVPLAN_TEST_SHARD_INDEX", "5", 1);
  ShardOptions env;
  t.Set(env, "shard-from-env", "INVPLAN_TEST_SHARD_INDEX");
  EXPECT_THROW(t.Validate(env), Error);  // no --shards yet
  t.Set(env, "shards", "6");
  EXPECT_NO_THROW(t.Validate(env));
  EXPECT_EQ(env.Text(), "5/6");
  EXPECT_EQ(t.Resolved(env)["shard-from-env"], "INVPLAN_TEST_SHARD_INDEX");
  ::unsetenv("INVPLAN_TEST_SHARD_INDEX");
  ShardOptions unset;
  try {
    t.Set(unset, "shard-from-env", "INVPLAN_TEST_SHARD_INDEX");
    FAIL() << "an unset variable is accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("INVPLAN_TEST_SHARD_INDEX"), std::string::npos);
  }
}

// 40 SKUs at two locations over 60 days; day 20 every SKU sells nothing (a shop-wide
// closed day that only the whole panel can tell); rows in date order. With
// `holiday`, a holiday column (the census then keeps cells, else bits).
std::string PanelCsv(bool holiday) {
  std::string csv =
      std::string("date,sku,location,quantity,price") + (holiday ? ",holiday" : "") + "\n";
  for (int d = 0; d < 60; ++d) {
    char date[32];  // room for any int (-Wformat-truncation)
    std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + d / 31, 1 + d % 31);
    for (int s = 0; s < 40; ++s) {
      if ((s * 7 + d) % 11 == 0 && d != 0) continue;  // gaps
      const int q = d == 20 ? 0 : 1 + (s * 13 + d * 7) % 9;
      csv += std::string(date) + ",SKU-" + std::to_string(s) + "," + (s % 2 ? "North" : "South") +
             "," + std::to_string(q) + "," + std::to_string(1 + s % 5) +
             (holiday ? (d == 20 ? ",1" : ",0") : "") + "\n";
    }
  }
  return csv;
}

bool SameValues(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) != std::isnan(b[i])) return false;
    if (!std::isnan(a[i]) && a[i] != b[i]) return false;
  }
  return true;
}

class ShardFilter : public ::testing::TestWithParam<bool> {};

TEST_P(ShardFilter, PiecesAreDisjointAndTheirUnionIsThePanel) {
  testing::TempDir dir;
  IngestOptions o;
  o.input = dir.Write("sales.csv", PanelCsv(GetParam()));
  o.location_col = "location";
  IngestReport whole_report;
  const Panel whole = ReadPanel(o, &whole_report);
  ASSERT_EQ(whole.series.size(), 40u);
  ASSERT_GT(whole_report.closed_shop_periods, 0u);  // day 20 is found closed
  std::map<std::pair<std::string, std::string>, const Series*> by_key;
  for (const Series& s : whole.series) by_key[{s.sku, s.location}] = &s;

  std::set<std::pair<std::string, std::string>> seen;
  std::uint64_t rows_used = 0;
  for (int k = 0; k < 3; ++k) {
    IngestOptions piece = o;
    piece.shard.index = k;
    piece.shard.count = 3;
    IngestReport report;
    const Panel p = ReadPanel(piece, &report);
    EXPECT_EQ(p.frequency, whole.frequency);
    EXPECT_EQ(p.extra_names, whole.extra_names);
    EXPECT_EQ(report.rows_read, whole_report.rows_read);
    EXPECT_EQ(report.closed_shop_periods, whole_report.closed_shop_periods);
    rows_used += report.rows_used;
    EXPECT_LT(p.series.size(), whole.series.size());
    for (const Series& s : p.series) {
      EXPECT_EQ(ShardOf(s.sku, s.location, 3), k) << s.sku;
      EXPECT_TRUE(seen.insert({s.sku, s.location}).second) << s.sku << " in two shards";
      const Series& w = *by_key.at({s.sku, s.location});
      EXPECT_EQ(s.start, w.start) << s.sku;
      EXPECT_TRUE(SameValues(s.quantity, w.quantity)) << s.sku;
      ASSERT_EQ(s.extras.size(), w.extras.size());
      for (std::size_t j = 0; j < s.extras.size(); ++j) {
        EXPECT_TRUE(SameValues(s.extras[j], w.extras[j])) << s.sku << " " << p.extra_names[j];
      }
    }
  }
  EXPECT_EQ(seen.size(), whole.series.size());
  EXPECT_EQ(rows_used, whole_report.rows_used);
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutClosureColumns, ShardFilter, ::testing::Bool());

}  // namespace
}  // namespace invplan
