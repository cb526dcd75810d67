// The report page from hand-made data: hostile strings stay text, SKU picking,
// one chart per SKU section and deterministic output.
#include "report/page.h"

#include <gtest/gtest.h>

#include "invplan/panel.h"
#include "report/select.h"

namespace invplan::report {
namespace {

const char* kScriptSku = "<script>alert(1)</script>";
const char* kImgSupplier = "\"><img src=x onerror=alert(1)>";

SkuForecast Series(const std::string& sku, double mase = NAN, double snaive = NAN) {
  SkuForecast f;
  f.sku = f.key = sku;
  f.model = "arima";
  f.spec = "ARIMA(1,0,0)";
  f.demand_class = "smooth";
  f.history_end_day = DaysFromCivil(2024, 3, 31);
  f.lo.assign(2, {});
  f.hi.assign(2, {});
  for (int i = 1; i <= 14; ++i) {
    f.days.push_back(f.history_end_day + i);
    f.mean.push_back(10);
    f.lo[0].push_back(7), f.hi[0].push_back(13);
    f.lo[1].push_back(5), f.hi[1].push_back(15);
  }
  if (std::isfinite(mase)) {
    f.has_backtest = true;
    f.holdout = 7;
    f.mase = mase;
    f.snaive_mase = snaive;
    f.coverage = {0.8, 0.9};
  }
  return f;
}

ReportData HostileData() {
  ReportData d;
  d.options.title = "Plan <i>tonight</i>";
  d.levels = {80, 95};
  d.horizon = 14;
  d.series = {Series(kScriptSku, 1.2, 1.0), Series("B", 0.5, 1.0), Series("C", 0.9, 1.0)};
  History h;
  for (int i = 0; i < 60; ++i) {
    h.days.push_back(DaysFromCivil(2024, 2, 1) + i);
    h.quantity.push_back(8 + i % 5);
  }
  d.has_sales = true;
  d.history[kScriptSku] = h;
  d.data_first_day = h.days.front();
  d.data_last_day = h.days.back();
  d.has_anomalies = true;
  d.anomalies[kScriptSku].push_back({DaysFromCivil(2024, 3, 10), 0.71,
                                     "spike</title><script>x()</script>",
                                     "quantity = 50 (expected 10) <img src=y onerror=z>"});
  d.anomalies_by_type["spike</title><script>x()</script>"] = 1;
  d.anomalies_total = 1;
  d.has_orders = true;
  d.budget = 100;
  d.budget_used = 40;
  OrderLine l;
  l.sku = kScriptSku;
  l.supplier = kImgSupplier;
  l.quantity = 4;
  l.cost = 40;
  d.lines.push_back(l);
  l.sku = "B";
  l.supplier = "ACME & Co";
  l.cost = 10;
  d.lines.push_back(l);
  d.suppliers.push_back({kImgSupplier, 40, 50.0, 1});
  d.notes.push_back("<b>note</b>");
  return d;
}

std::size_t Occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ReportPage, HostileStringsStayText) {
  const ReportData d = HostileData();
  const auto picks = SelectSkus(d, 300);
  const Page page = BuildPage(d, picks, "Generated <now>", true);
  const std::string& h = page.html;
  // Only the page's own two scripts, no injected element or attribute.
  EXPECT_EQ(Occurrences(h, "<script"), 2u);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(h.find("<i>"), std::string::npos);
  EXPECT_EQ(h.find("<b>note"), std::string::npos);
  EXPECT_EQ(h.find("onerror=alert(1)>"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(h.find("data-supplier=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""),
            std::string::npos);
  EXPECT_NE(h.find("Generated &lt;now&gt;"), std::string::npos);
  for (const auto& [name, svg] : page.svg_files) {
    EXPECT_EQ(svg.find("<script"), std::string::npos) << name;
    EXPECT_EQ(svg.find("<img"), std::string::npos) << name;
    EXPECT_EQ(name.find('<'), std::string::npos);
    EXPECT_EQ(name.find('/'), std::string::npos);
  }
}

TEST(ReportPage, OneChartPerSkuSectionAndDeterministic) {
  const ReportData d = HostileData();
  const auto picks = SelectSkus(d, 300);
  const Page a = BuildPage(d, picks, "g", false);
  const Page b = BuildPage(d, picks, "g", false);
  EXPECT_EQ(a.html, b.html);
  EXPECT_EQ(Occurrences(a.html, "<section class=\"sku\""), picks.size());
  EXPECT_TRUE(a.svg_files.empty());
  // Charts: anomalies by type, supplier spend, one per SKU, MASE histogram, coverage.
  EXPECT_EQ(a.charts, 2 + picks.size() + 2);
}

TEST(ReportPage, AnomalyMarkersPerChartAreBounded) {
  ReportData d = HostileData();
  auto& marks = d.anomalies["B"];
  for (int i = 0; i < 60; ++i) {
    marks.push_back(
        {DaysFromCivil(2024, 2, 1) + i, 0.5 + i / 1000.0, "stockout", std::string(1000, 'x')});
  }
  History h = d.history[kScriptSku];
  d.history["B"] = h;
  const auto picks = SelectSkus(d, 300);
  const Page page = BuildPage(d, picks, "g", false);
  const std::size_t at = page.html.find("<h3>B");
  ASSERT_NE(at, std::string::npos);
  const std::string section = page.html.substr(at, page.html.find("</section>", at) - at);
  EXPECT_EQ(Occurrences(section, "<circle"), 50u);
  EXPECT_NE(section.find("60 anomalies, the 50 highest scores drawn"), std::string::npos);
  EXPECT_EQ(section.find(std::string(500, 'x')), std::string::npos);  // tooltips are cut
  // The lowest scores (the first days) are the ones left out.
  EXPECT_EQ(section.find("on 2024-02-01 "), std::string::npos);
  EXPECT_NE(section.find("on 2024-03-01 "), std::string::npos);
}

TEST(ReportSelect, TakesOrderedAnomalousAndWorstBacktestsInTurn) {
  ReportData d = HostileData();
  // The script SKU is ordered, anomalous and has the worst backtest; B is
  // ordered; C's backtest is the second worst.
  auto picks = SelectSkus(d, 300);
  ASSERT_EQ(picks.size(), 3u);
  EXPECT_EQ(d.series[picks[0].series].key, kScriptSku);  // sorted by key: '<' < 'B'
  EXPECT_EQ(picks[0].reasons, (std::vector<std::string>{"ordered", "anomalies", "backtest"}));
  EXPECT_EQ(d.series[picks[1].series].key, "B");
  EXPECT_EQ(picks[1].reasons, (std::vector<std::string>{"ordered"}));
  EXPECT_EQ(picks[2].reasons, (std::vector<std::string>{"backtest"}));
  // Two at most: the largest order, then the worst backtest not yet picked.
  picks = SelectSkus(d, 2);
  ASSERT_EQ(picks.size(), 2u);
  EXPECT_EQ(d.series[picks[0].series].key, kScriptSku);
  EXPECT_EQ(d.series[picks[1].series].key, "C");
  EXPECT_TRUE(SelectSkus(d, 0).empty());
  // A forecast alone: the first SKUs by key.
  ReportData bare;
  bare.series = {Series("Z"), Series("A"), Series("M")};
  picks = SelectSkus(bare, 2);
  ASSERT_EQ(picks.size(), 2u);
  EXPECT_EQ(bare.series[picks[0].series].key, "A");
  EXPECT_EQ(bare.series[picks[1].series].key, "M");
  EXPECT_TRUE(picks[0].reasons.empty());
}

}  // namespace
}  // namespace invplan::report
