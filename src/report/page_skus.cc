// The per-SKU sections with their searchable index, the policy section and the
// accuracy section.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "invplan/artifact.h"
#include "report/charts.h"
#include "report/page.h"

namespace invplan::report {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Tag(const std::string& reason) {
  return "<span class=\"tag tag-" + Escape(reason) + "\">" + Escape(reason) + "</span>";
}

}  // namespace

std::string SkuSection(const ReportData& d, const std::vector<SkuPick>& picks, ChartSink& charts) {
  std::string s = "<section id=\"skus\">\n<h2>SKUs</h2>\n";
  bool any_reason = false;
  for (const SkuPick& p : picks) any_reason = any_reason || !p.reasons.empty();
  s += "<p>" + Count(picks.size()) + " of " + Count(d.series.size()) + " SKUs: " +
       (any_reason || picks.empty()
            ? std::string("those ordered, with anomalies or with the worst backtests")
            : std::string("no orders, anomalies or backtests to choose by, so the first by code")) +
       " (at most " + Count(static_cast<std::uint64_t>(std::max(d.options.max_skus, 0))) + ").";
  if (!d.has_sales) s += " No sales history was given (--sales), so charts show the forecast only.";
  s += "</p>\n";
  if (picks.empty()) return s + "</section>\n";

  std::map<std::string, double> ordered;
  for (const OrderLine& l : d.lines) ordered[l.sku] += l.quantity;

  s += "<div class=\"controls js-only\"><label>Search SKU <input id=\"sku-search\" "
       "type=\"search\" autocomplete=\"off\"></label> <span id=\"skus-shown\"></span></div>\n";
  s += "<ul class=\"index\" id=\"sku-index\">\n";
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const SkuForecast& f = d.series[picks[i].series];
    s += "<li data-sku=\"" + Escape(Lower(f.key)) + "\"><a href=\"#" + SkuAnchor(i) + "\">" +
         Escape(f.key) + "</a>";
    for (const std::string& r : picks[i].reasons) s += " " + Tag(r);
    s += "</li>\n";
  }
  s += "</ul>\n";

  for (std::size_t i = 0; i < picks.size(); ++i) {
    const SkuForecast& f = d.series[picks[i].series];
    auto h = d.history.find(f.key);
    auto a = d.anomalies.find(f.key);
    const History* history = h == d.history.end() ? nullptr : &h->second;
    const std::vector<AnomalyMark>* marks = a == d.anomalies.end() ? nullptr : &a->second;
    s += "<section class=\"sku\" id=\"" + SkuAnchor(i) + "\" data-sku=\"" + Escape(Lower(f.key)) +
         "\">\n<h3>" + Escape(f.key);
    for (const std::string& r : picks[i].reasons) s += " " + Tag(r);
    s += "</h3>\n<p class=\"meta\">model <b>" + Escape(f.model) + "</b>";
    if (!f.spec.empty() && f.spec != f.model) s += " " + Escape(f.spec);
    s +=
        "; demand class <b>" + Escape(f.demand_class.empty() ? "unknown" : f.demand_class) + "</b>";
    if (f.status != "ok")
      s += "; <span class=\"warn\">" + Escape(f.status) + ": " + Escape(f.reason) + "</span>";
    if (f.has_backtest) {
      s += "; backtest MASE " + FormatDecimals(f.mase, 3) + " (seasonal naive " +
           FormatDecimals(f.snaive_mase, 3) + ", " + std::to_string(f.holdout) + " periods)";
    }
    if (auto o = ordered.find(f.key); o != ordered.end()) {
      s += "; order " + FormatDecimals(o->second, 2);
    }
    if (marks != nullptr) {
      // Anomalies before the charted history are counted, not drawn.
      std::size_t before = 0;
      const std::int64_t from =
          history && !history->days.empty() ? history->days.front() : f.history_end_day;
      for (const AnomalyMark& m : *marks) before += m.day < from;
      s += "; " + Count(marks->size()) + " anomalies";
      if (before > 0) s += " (" + Count(before) + " before the charted history)";
      if (marks->size() - before > 50) s += ", the 50 highest scores drawn";
    }
    s += "</p>\n<figure>" + charts.Inline("sku-" + f.key, SkuChart(f, d.levels, history, marks)) +
         "</figure>\n";
    s += "</section>\n";
  }
  s += "</section>\n";
  return s;
}

std::string PolicySection(const ReportData& d, ChartSink& charts) {
  std::string s = "<section id=\"policy\">\n<h2>Policy</h2>\n";
  for (const PolicyView& p : d.policies) {
    const std::string name = p.sku.empty() ? std::string("(single SKU)") : p.sku;
    const std::string method = p.method.empty() || p.method == "q-learning" ? "Learned (Q-learning)"
                               : p.method == "optimal"                      ? "Exactly optimal"
                               : p.method == "s-S"                          ? "Best (s,S)"
                                                                            : "Best base-stock";
    s += "<h3>" + Escape(name) + "</h3>\n<p>" + method +
         " replenishment policy: " + Count(p.states.size()) + " states reached, lead time " +
         std::to_string(p.lead_time) + ".";
    if (p.recommended >= 0) {
      s += " Tonight: position " + Escape(FormatDecimals(p.position, 2)) + ", recommended order " +
           Escape(FormatDecimals(p.recommended, 2)) + ".";
    }
    if (!p.replaced.empty()) s += " " + Escape(p.replaced) + ".";
    s += "</p>\n";
    if (!p.outcomes.empty()) {
      s += "<table class=\"outcomes\"><caption>Simulated outcome (same demand path)</caption>"
           "<tr><th>policy</th><th>reward per period</th><th>exact</th><th>fill rate</th>"
           "<th>average stock</th></tr>\n";
      for (const PolicyView::Outcome& o : p.outcomes) {
        auto cell = [](double v, int digits) {
          return std::isfinite(v) ? Escape(FormatDecimals(v, digits)) : std::string("&ndash;");
        };
        s += "<tr><td>" + Escape(o.name) + "</td><td>" + cell(o.reward, 2) + "</td><td>" +
             cell(o.exact, 2) + "</td><td>" +
             (std::isfinite(o.fill_rate) ? cell(100.0 * o.fill_rate, 1) + "%" : cell(NAN, 0)) +
             "</td><td>" + cell(o.average_stock, 1) + "</td></tr>\n";
      }
      s += "</table>\n";
    }
    if (p.states.empty()) {
      s += "<p>The artifact has no policy table.</p>\n";
      continue;
    }
    s += "<figure>" + charts.Inline("policy-" + name, PolicyChart(p)) + "</figure>\n";
  }
  return s + "</section>\n";
}

std::string AccuracySection(const ReportData& d, ChartSink& charts) {
  std::string s = "<section id=\"accuracy\">\n<h2>Accuracy</h2>\n";
  std::vector<double> ratios;
  std::vector<double> coverage(d.levels.size(), 0.0);
  std::vector<std::size_t> coverage_n(d.levels.size(), 0);
  std::size_t backtests = 0;
  for (const SkuForecast& f : d.series) {
    if (!f.has_backtest) continue;
    ++backtests;
    if (std::isfinite(f.mase) && std::isfinite(f.snaive_mase) && f.snaive_mase > 0) {
      ratios.push_back(f.mase / f.snaive_mase);
    }
    for (std::size_t k = 0; k < f.coverage.size() && k < coverage.size(); ++k) {
      if (std::isfinite(f.coverage[k])) coverage[k] += f.coverage[k], ++coverage_n[k];
    }
  }
  if (backtests == 0) {
    s += "<p>The forecast has no backtest (run forecast with --holdout N to measure its "
         "accuracy).</p>\n</section>\n";
    return s;
  }
  std::size_t better = 0;
  for (double r : ratios) better += r < 1.0;
  s += "<p>Backtests of " + Count(backtests) + " SKUs; " + Count(ratios.size()) +
       " with a MASE ratio to seasonal naive, of which " + Count(better) +
       " are below 1 (better than the benchmark).</p>\n";
  if (!ratios.empty()) {
    s += "<figure>" +
         charts.Inline("mase-ratio", Histogram("MASE ratio to seasonal naive", ratios, 1.0,
                                               "MASE of the model / MASE of seasonal naive")) +
         "</figure>\n";
  }
  for (std::size_t k = 0; k < coverage.size(); ++k) {
    coverage[k] = coverage_n[k] ? coverage[k] / static_cast<double>(coverage_n[k]) : NAN;
  }
  bool any = false;
  for (double c : coverage) any = any || std::isfinite(c);
  if (any) {
    s += "<h3>Interval coverage</h3>\n<figure>" +
         charts.Inline("coverage", CoverageChart(d.levels, coverage)) + "</figure>\n";
  }
  return s + "</section>\n";
}

}  // namespace invplan::report
