// End-to-end tests of `invplan report` through the binary: a report of a run
// directory, exit codes and messages for missing or wrong inputs, hostile SKU
// and supplier names, determinism and --svg-dir.
#include <gtest/gtest.h>

#include <filesystem>

#include "plan_fixture.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::ReadFile;
using testing::RunInvplan;
using testing::TempDir;

std::size_t Occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// The page without its one generation-time line.
std::string WithoutGeneratedLine(const std::string& html) {
  const std::size_t at = html.find("<p class=\"generated\">");
  if (at == std::string::npos) return html;
  return html.substr(0, at) + html.substr(html.find('\n', at));
}

TEST(ReportCli, ReportsARunDirectory) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir, "", "holdout = 7\n");
  auto r = RunInvplan("run --config " + config + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = dir.File("report.html");
  r = RunInvplan("report --run " + dir.File("out") + " -o " + page + " --svg-dir " +
                 dir.File("svg"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("report: " + page), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("of 3 SKUs with a section"), std::string::npos) << r.err;
  const std::string html = ReadFile(page);
  for (const char* id : {"id=\"overview\"", "id=\"orders\"", "id=\"skus\"", "id=\"accuracy\"",
                         "id=\"orders-table\"", "MASE ratio to seasonal naive"}) {
    EXPECT_NE(html.find(id), std::string::npos) << id;
  }
  // Stage table from the manifest, the history from clean.csv.
  EXPECT_NE(html.find("<td>forecast</td><td>ran</td>"), std::string::npos);
  EXPECT_NE(html.find("Data window</dt><dd>2025-01-01 to 2025-03-11"), std::string::npos);
  // Self-contained: nothing refers to another file or host.
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // Every chart also as an SVG file.
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.File("svg"))) {
    EXPECT_EQ(e.path().extension(), ".svg");
    EXPECT_EQ(ReadFile(e.path().string()).find("<svg xmlns=\"http://www.w3.org/2000/svg\""),
              ReadFile(e.path().string()).find("<svg"));
    ++files;
  }
  EXPECT_EQ(files, Occurrences(html, "<svg class=\"chart\""));
  // Run folder given directly: the same page.
  const std::string run_dir = std::filesystem::canonical(dir.File("out/latest")).string();
  r = RunInvplan("report --run " + run_dir + " -o " + dir.File("again.html") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(WithoutGeneratedLine(ReadFile(dir.File("again.html"))), WithoutGeneratedLine(html));
}

TEST(ReportCli, PolicySectionAndLimits) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  auto r = RunInvplan("run --config " + config + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A policy with a lead time of two periods: a heat map over on hand x pipeline.
  r = RunInvplan(
      "train-rl --demand poisson:4 --lead-time 2 --price 10 --unit-cost 4 --episodes 20 "
      "--eval-periods 2000 --no-search -o " +
      dir.File("policy.json") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunInvplan("report --run " + dir.File("out") + " --policies " + dir.File("policy.json") +
                 " --max-skus 1 --max-rows 1 --title 'Night & day' -o " + dir.File("r.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(": 1 of 3 SKUs with a section"), std::string::npos) << r.err;
  const std::string html = ReadFile(dir.File("r.html"));
  EXPECT_NE(html.find("<title>Night &amp; day</title>"), std::string::npos);
  EXPECT_NE(html.find("id=\"policy\""), std::string::npos);
  EXPECT_NE(html.find("order by on hand and pipeline"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "<section class=\"sku\""), 1u);
  EXPECT_EQ(Occurrences(html, "<tr data-supplier="), 1u);
  // Without a backtest the accuracy section says how to get one.
  EXPECT_NE(html.find("run forecast with --holdout N"), std::string::npos);
}

TEST(ReportCli, MissingAndWrongInputsHaveClearErrors) {
  TempDir dir;
  auto r = RunInvplan("report -o " + dir.File("r.html"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("give --run DIR or --forecast FILE"), std::string::npos) << r.err;
  r = RunInvplan("report --run " + dir.File("nowhere") + " -o " + dir.File("r.html"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not a directory"), std::string::npos) << r.err;
  r = RunInvplan("report --run " + dir.path().string() + " -o " + dir.File("r.html"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no forecast.json"), std::string::npos) << r.err;
  r = RunInvplan("report --forecast " + dir.File("missing.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--output is required"), std::string::npos) << r.err;
  r = RunInvplan("report --forecast " + dir.File("missing.json") + " -o " + dir.File("r.html"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
  const std::string other = dir.Write("other.json", "{\"format\": \"invplan.orders\"}");
  r = RunInvplan("report --forecast " + other + " -o " + dir.File("r.html"));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("other.json"), std::string::npos) << r.err;
  r = RunInvplan("report --forecast x.json -o r.html --max-skus -1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--max-skus"), std::string::npos) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("r.html")));
}

TEST(ReportCli, HostileNamesShowAsText) {
  TempDir dir;
  const std::string script = "<script>alert(1)</script>";
  const std::string img = "\"><img src=x onerror=alert(1)>";
  // Sales of two SKUs with those names (CSV-quoted), an items master whose
  // supplier is hostile too, and a changes.csv beside the orders.
  std::string sales = "date,sku,quantity\n";
  for (int d = 1; d <= 28; ++d) {
    char date[32];
    std::snprintf(date, sizeof date, "2025-02-%02d", d);
    sales += std::string(date) + ",\"" + script + "\"," + std::to_string(10 + d % 7) + "\n";
    sales += std::string(date) + ",\"\"\"><img src=x onerror=alert(1)>\"," +
             std::to_string(20 + d % 5) + "\n";
  }
  const std::string in = dir.Write("sales.csv", sales);
  const std::string items = dir.Write(
      "items.csv",
      "sku,unit_cost,price,holding_cost,pack_size,moq,lead_time,volume,supplier,on_hand\n\"" +
          script + "\",5,9,0.01,1,1,3,0.1,\"\"\"><img src=y onerror=alert(2)>\",0\n");
  auto r = RunInvplan("clean -i " + in + " -o " + dir.File("clean.csv") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunInvplan("forecast -i " + in + " -m snaive --holdout 7 -o " + dir.File("f.json") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunInvplan("optimize --forecast " + dir.File("f.json") + " --items " + items +
                 " --budget 1000 -o " + dir.File("orders.json") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  dir.Write("changes.csv", "sku,change,previous_quantity\n\"" + script + "\",increased,3\n");
  r = RunInvplan("report --forecast " + dir.File("f.json") + " --sales " + dir.File("clean.csv") +
                 " --orders " + dir.File("orders.json") + " -o " + dir.File("r.html") +
                 " --svg-dir " + dir.File("svg") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = ReadFile(dir.File("r.html"));
  EXPECT_EQ(Occurrences(html, "<script"), 2u);  // the page's own two
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("onerror=alert(1)>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=y onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_NE(html.find("<tr data-supplier=\"&quot;&gt;&lt;img src=y onerror=alert(2)&gt;\" "
                      "class=\"changed\">"),
            std::string::npos);
  EXPECT_NE(html.find("increased (was 3)"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "<section class=\"sku\""), 2u);
  for (const auto& e : std::filesystem::directory_iterator(dir.File("svg"))) {
    const std::string svg = ReadFile(e.path().string());
    EXPECT_EQ(svg.find("<script"), std::string::npos) << e.path();
    EXPECT_EQ(svg.find("<img"), std::string::npos) << e.path();
  }
}

}  // namespace
}  // namespace invplan
