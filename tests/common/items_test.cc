// The items master reader: columns, "not given" cells, required columns, and
// the error messages for bad values, duplicates and min_qty above max_qty.
#include "common/items.h"

#include <gtest/gtest.h>

#include <string>

#include "invplan/error.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

// The message of the error reading `text` throws ("" when it reads).
std::string ReadError(const std::string& text, const std::vector<std::string>& required = {}) {
  TempDir dir;
  try {
    ReadItems(dir.Write("items.csv", text), required);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    const std::string message = e.what(), prefix = dir.path().string() + "/";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
  }
  return "";
}

TEST(Items, ReadsEveryColumnInFileOrder) {
  TempDir dir;
  InputInfo info;
  const std::vector<Item> items =
      ReadItems(dir.Write("items.csv",
                          "sku,unit_cost,price,holding_cost,pack_size,moq,max_qty,lead_time,volume,"
                          "supplier,on_hand,on_order,min_qty,description\n"
                          "B,2.5,5,0.1,12,24,480,3,0.02,ACME,7,12,24,blue widget\n"
                          "A,1,2,,,,,,,,,,,\n"),
                {"unit_cost", "price"}, &info);
  ASSERT_EQ(items.size(), 2u);
  const Item& b = items[0];
  EXPECT_EQ(b.sku, "B");
  EXPECT_EQ(b.line, 2u);
  EXPECT_EQ(b.unit_cost, 2.5);
  EXPECT_EQ(b.price, 5);
  EXPECT_EQ(b.holding_cost, 0.1);
  EXPECT_EQ(b.pack_size, 12);
  EXPECT_EQ(b.moq, 24);
  EXPECT_EQ(b.max_qty, 480);
  EXPECT_EQ(b.lead_time, 3);
  EXPECT_EQ(b.volume, 0.02);
  EXPECT_EQ(b.supplier, "ACME");
  EXPECT_EQ(b.on_hand, 7);
  EXPECT_EQ(b.on_order, 12);
  EXPECT_EQ(b.min_qty, 24);
  const Item& a = items[1];
  EXPECT_EQ(a.sku, "A");
  EXPECT_FALSE(Item::Given(a.pack_size));
  EXPECT_EQ(Item::Or(a.pack_size, 1.0), 1.0);
  EXPECT_EQ(Item::Or(a.unit_cost, 9.0), 1.0);
  EXPECT_EQ(a.supplier, "");
  EXPECT_GT(info.bytes, 0u);
  EXPECT_EQ(info.sha256.size(), 64u);
}

TEST(Items, OnlySkuIsRequiredUnlessTheCallerSaysSo) {
  TempDir dir;
  const std::vector<Item> items = ReadItems(dir.Write("items.csv", "sku,lead_time\nA,2\n"), {});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].lead_time, 2);
  EXPECT_FALSE(Item::Given(items[0].unit_cost));
  EXPECT_NE(ReadError("sku,lead_time\nA,2\n", {"unit_cost"}).find("unit_cost"), std::string::npos);
  EXPECT_NE(ReadError("lead_time\n2\n").find("sku"), std::string::npos);
  // A required column needs a value on every row.
  EXPECT_EQ(ReadError("sku,unit_cost\nA,\n", {"unit_cost"}),
            "items.csv:2: column 'unit_cost': expected a number, got \"\"");
  EXPECT_EQ(ReadError("sku,unit_cost\nA,\n"), "");
}

TEST(Items, MessagesNameFileLineAndColumn) {
  EXPECT_EQ(ReadError("sku,unit_cost\nA,1\nB,x\n"),
            "items.csv:3: column 'unit_cost': expected a number, got \"x\"");
  EXPECT_EQ(ReadError("sku,moq\nA,-2\n"),
            "items.csv:2: column 'moq': expected a non-negative number, got \"-2\"");
  EXPECT_EQ(ReadError("sku,pack_size\nA,0\n"),
            "items.csv:2: column 'pack_size': expected a positive number, got \"0\"");
  EXPECT_EQ(ReadError("sku,price\n,3\n"), "items.csv:2: column 'sku': expected a SKU, got \"\"");
  EXPECT_EQ(ReadError("sku,price\nA,3\nB,4\nA,5\n"),
            "items.csv:4: SKU 'A' is listed twice (first on line 2)");
  EXPECT_EQ(ReadError("sku,min_qty,max_qty\nA,50,40\n"),
            "items.csv:2: SKU 'A': min_qty 50 is above max_qty 40");
  // max_qty 0 is no cap, so any minimum fits.
  EXPECT_EQ(ReadError("sku,min_qty,max_qty\nA,50,0\n"), "");
  EXPECT_NE(ReadError("sku,price\nA,3,4\n"), "");  // field count
  EXPECT_EQ(
      ReadError("sku,service_level\nA,95\n"),
      "items.csv:2: column 'service_level': expected a fill rate between 0 and 1, got \"95\"");
}

TEST(Items, ServiceLevelAndClass) {
  TempDir dir;
  const std::vector<Item> items = ReadItems(
      dir.Write("items.csv", "sku,service_class,service_level\nA,fast,0.97\nB,slow,\nC,,\n"), {});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_DOUBLE_EQ(items[0].service_level, 0.97);
  EXPECT_EQ(items[0].service_class, "fast");
  EXPECT_FALSE(Item::Given(items[1].service_level));
  EXPECT_EQ(items[1].service_class, "slow");
  EXPECT_EQ(items[2].service_class, "");
}

TEST(Items, LocationRowsOverrideTheSkuDefaults) {
  TempDir dir;
  InputInfo info;
  const ItemsMaster m = ReadItemsMaster(dir.Write("items.csv",
                                                  "sku,location,unit_cost,lead_time,pack_size,"
                                                  "supplier,service_level\n"
                                                  "A,,2,5,12,ACME,0.9\n"
                                                  "A,S1,,2,,,0.99\n"
                                                  "B,S2,3,1,6,BOLT,\n"
                                                  "B,,4,,,,\n"),
                                        {"unit_cost"}, &info);
  ASSERT_EQ(m.defaults.size(), 2u);
  const Item* a = m.Find("A", "S1");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->location, "S1");
  EXPECT_EQ(a->line, 3u);
  EXPECT_EQ(a->unit_cost, 2);  // inherited although required
  EXPECT_EQ(a->lead_time, 2);
  EXPECT_EQ(a->pack_size, 12);
  EXPECT_EQ(a->supplier, "ACME");
  EXPECT_DOUBLE_EQ(a->service_level, 0.99);
  // Elsewhere the default row; the row as read keeps what it gave only.
  EXPECT_EQ(m.Find("A", "S9")->lead_time, 5);
  EXPECT_EQ(m.Find("A", "")->location, "");
  EXPECT_FALSE(Item::Given(m.location_rows.at({"A", "S1"}).unit_cost));
  // A default row after its location row still fills the gaps.
  EXPECT_EQ(m.Find("B", "S2")->unit_cost, 3);
  EXPECT_EQ(m.Find("B", "S3")->unit_cost, 4);
  EXPECT_EQ(m.Find("C", ""), nullptr);
  // Stages planning one location per SKU see the default rows only.
  const std::vector<Item> defaults = ReadItems(info.path, {"unit_cost"});
  ASSERT_EQ(defaults.size(), 2u);
  EXPECT_EQ(defaults[1].sku, "B");
}

TEST(Items, LocationRowErrorsNameTheLine) {
  EXPECT_EQ(ReadError("sku,location,price\nA,,3\nA,S1,4\nA,S1,5\n"),
            "items.csv:4: SKU 'A' at location 'S1' is listed twice (first on line 3)");
  // A location row alone is allowed, but it must then give the required values.
  EXPECT_EQ(ReadError("sku,location,price\nA,S1,4\n", {"price"}), "");
  EXPECT_EQ(ReadError("sku,location,price\nA,S1,\n", {"price"}),
            "items.csv:2: column 'price': SKU 'A' at location 'S1' has no value and no default "
            "row to take it from");
  EXPECT_EQ(ReadError("sku,location,price\nA,,\n", {"price"}),
            "items.csv:2: column 'price': expected a number, got \"\"");
  EXPECT_EQ(ReadError("sku,location,min_qty,max_qty\nA,,5,40\nA,S1,50,\n"),
            "items.csv:3: SKU 'A' at location 'S1': min_qty 50 is above max_qty 40");
}

}  // namespace
}  // namespace invplan
