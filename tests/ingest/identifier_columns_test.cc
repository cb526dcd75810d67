// Identifier columns are not carried as extras (src/ingest/column_roles.h).
#include <gtest/gtest.h>

#include <string>

#include "ingest/column_roles.h"
#include "ingest/read_panel.h"
#include "invplan/ingest.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

TEST(IdentifierColumns, Names) {
  for (const char* name : {"id", "ID", "store_id", "Customer ID", "customerId", "CustomerID",
                           "customer", "Invoice", "invoice_no", "InvoiceNo", "item-id"}) {
    EXPECT_TRUE(IsIdentifierName(name)) << name;
  }
  for (const char* name :
       {"price", "Customers", "paid", "grid", "invoiced_amount", "holiday", "on_hand", "valid"}) {
    EXPECT_FALSE(IsIdentifierName(name)) << name;
  }
}

// `n` daily rows of one SKU with a key-like column, a repeating integer column
// and a price.
std::string KeyCsv(int n) {
  std::string text = "date,sku,quantity,ticket,size,price,Customer ID\n";
  for (int i = 0; i < n; ++i) {
    char line[128];
    std::snprintf(line, sizeof line, "2024-%02d-%02d,A,%d,%d,%d,%d.5,%d\n", 1 + i / 28, 1 + i % 28,
                  i % 5, 100000 + 7 * i, i % 4, 3 + i % 2, 12000 + i % 3);
    text += line;
  }
  return text;
}

TEST(IdentifierColumns, ByNameAndByValuesAndReported) {
  TempDir dir;
  IngestOptions o;
  o.input = dir.Write("k.csv", KeyCsv(120));
  IngestReport rep;
  Panel p = ReadPanel(o, &rep);
  EXPECT_EQ(p.extra_names, (std::vector<std::string>{"size", "price"}));
  ASSERT_EQ(rep.ignored_columns, (std::vector<std::string>{"Customer ID", "ticket"}));
  ASSERT_EQ(rep.ignored_reasons.size(), 2u);
  EXPECT_NE(rep.ignored_reasons[0].find("by its name"), std::string::npos);
  EXPECT_NE(rep.ignored_reasons[1].find("100% distinct in the first 120 rows"), std::string::npos)
      << rep.ignored_reasons[1];
  // The same verdict whatever the chunks and threads.
  for (std::size_t chunk : {std::size_t(64), std::size_t(300)}) {
    IngestReport r2;
    Panel q = ReadPanelThreaded(o, 3, &r2, nullptr, chunk);
    EXPECT_EQ(q.extra_names, p.extra_names);
    EXPECT_EQ(r2.ignored_columns, rep.ignored_columns);
  }
}

TEST(IdentifierColumns, FewRowsAreNotJudgedAndExtraColsCarryThem) {
  TempDir dir;
  IngestOptions o;
  o.input = dir.Write("few.csv", KeyCsv(30));  // under 50 rows: not judged by values
  IngestReport rep;
  Panel p = ReadPanel(o, &rep);
  EXPECT_EQ(p.extra_names, (std::vector<std::string>{"ticket", "size", "price"}));
  o.input = dir.Write("k.csv", KeyCsv(120));
  o.extra_cols = {"ticket", "Customer ID"};
  p = ReadPanel(o, &rep);
  EXPECT_EQ(p.extra_names, (std::vector<std::string>{"ticket", "Customer ID"}));
  EXPECT_TRUE(rep.ignored_columns.empty());
}

TEST(IdentifierColumns, CleanReportListsThem) {
  TempDir dir;
  CleanStageOptions o;
  o.ingest.input = dir.Write("k.csv", KeyCsv(120));
  o.report_path = dir.File("r.json");
  RunContext ctx;
  CleanResult r = RunClean(o, ctx);
  EXPECT_EQ(r.report["ignored_columns"], Json::array({"Customer ID", "ticket"}));
  EXPECT_NE(r.report["ignored_column_reasons"]["ticket"].get<std::string>().find("identifier"),
            std::string::npos);
  EXPECT_NE(r.Summary().find("not carried: Customer ID (identifier), ticket (identifier)"),
            std::string::npos)
      << r.Summary();
}

}  // namespace
}  // namespace invplan
