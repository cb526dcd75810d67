// The overview: run and data window, SKUs, stages, warnings, spend against
// budget, capacity, anomalies by type and the backtest against seasonal naive.
#include <algorithm>
#include <cmath>
#include <map>

#include "invplan/artifact.h"
#include "invplan/panel.h"
#include "report/charts.h"
#include "report/page.h"

namespace invplan::report {
namespace {

std::string Figure(const std::string& label, const std::string& value,
                   const std::string& note = "") {
  return "<div class=\"figure\"><div class=\"label\">" + Escape(label) +
         "</div><div class=\"value\">" + Escape(value) + "</div>" +
         (note.empty() ? "" : "<div class=\"note\">" + Escape(note) + "</div>") + "</div>\n";
}

// A small gauge: the used share of a limit (red above it).
std::string Meter(double used, double limit) {
  const double share = limit > 0 ? used / limit : 0;
  Svg svg(200, 14, "used " + Percent(share) + " of the limit", "meter");
  svg.Rect(0, 2, 200, 10, color::kGrid);
  svg.Rect(0, 2, 200 * std::min(share, 1.0), 10, share > 1.0 ? color::kBad : color::kForecast);
  return svg.Finish();
}

std::string Date(std::int64_t day) {
  return FormatDay(day);
}

}  // namespace

std::string OverviewSection(const ReportData& d, ChartSink& charts) {
  std::string s = "<section id=\"overview\">\n<h2>Overview</h2>\n<dl class=\"facts\">\n";
  auto fact = [&](const std::string& k, const std::string& v) {
    s += "<dt>" + Escape(k) + "</dt><dd>" + Escape(v) + "</dd>\n";
  };
  if (d.has_manifest) {
    fact("Run", d.run_name.empty() ? d.run_created : d.run_name);
    fact("Run date", d.run_created);
    fact("Run status", d.run_status + " in " + Seconds(d.run_seconds));
  } else {
    fact("Forecast made", d.forecast_created);
  }
  std::int64_t end = 0, fc_first = 0, fc_last = 0;
  bool any = false;
  for (const SkuForecast& f : d.series) {
    if (f.days.empty()) continue;
    if (!any || f.history_end_day > end) end = f.history_end_day;
    if (!any || f.days.front() < fc_first) fc_first = f.days.front();
    if (!any || f.days.back() > fc_last) fc_last = f.days.back();
    any = true;
  }
  if (d.has_sales) {
    fact("Data window", Date(d.data_first_day) + " to " + Date(d.data_last_day) + " (" +
                            FrequencyCode(d.frequency) + ")");
  } else if (any) {
    fact("History ends", Date(end));
  }
  if (any) {
    fact("Forecast window",
         Date(fc_first) + " to " + Date(fc_last) + ", " + std::to_string(d.horizon) + " periods");
  }
  s += "</dl>\n<div class=\"figures\">\n";

  std::map<std::string, std::uint64_t> fallbacks;
  for (const SkuForecast& f : d.series) {
    if (f.status != "ok") ++fallbacks[f.reason.empty() ? f.status : f.reason];
  }
  std::uint64_t n_fallback = 0;
  for (const auto& [r, n] : fallbacks) n_fallback += n;
  s += Figure("SKUs", Count(d.series.size()), Count(n_fallback) + " with a fallback forecast");
  if (d.has_anomalies) {
    s += Figure("Anomalies", Count(d.anomalies_total),
                "score threshold " + FormatDecimals(d.anomaly_threshold, 3));
  }
  if (d.has_orders) {
    s += Figure("Order lines", Count(d.lines.size()),
                "solver status " + d.orders_status +
                    (d.objective ? ", expected profit " + Money(*d.objective) : std::string()));
    std::string spend = Money(d.budget_used);
    if (d.budget) spend += " of " + Money(*d.budget);
    s += "<div class=\"figure\"><div class=\"label\">Spend</div><div class=\"value\">" +
         Escape(spend) + "</div>";
    if (d.budget)
      s += Meter(d.budget_used, *d.budget) + "<div class=\"note\">" +
           Percent(d.budget_used / *d.budget) + " of the budget</div>";
    s += "</div>\n";
    std::string cap = FormatDecimals(d.capacity_used, 2);
    if (d.capacity) cap += " of " + FormatDecimals(*d.capacity, 2);
    s += "<div class=\"figure\"><div class=\"label\">Capacity used</div><div class=\"value\">" +
         Escape(cap) + "</div>";
    if (d.capacity)
      s += Meter(d.capacity_used, *d.capacity) + "<div class=\"note\">" +
           Percent(d.capacity_used / *d.capacity) + " of the capacity</div>";
    s += "</div>\n";
  }
  // Backtest: mean MASE of the models against seasonal naive.
  double mase = 0, snaive = 0;
  std::size_t n_bt = 0, better = 0;
  for (const SkuForecast& f : d.series) {
    if (!f.has_backtest || !std::isfinite(f.mase) || !std::isfinite(f.snaive_mase)) continue;
    mase += f.mase;
    snaive += f.snaive_mase;
    ++n_bt;
    better += f.mase < f.snaive_mase;
  }
  if (n_bt > 0) {
    s += Figure("Backtest MASE",
                FormatDecimals(mase / n_bt, 3) + " vs " + FormatDecimals(snaive / n_bt, 3),
                "seasonal naive; ratio " + FormatDecimals(mase / snaive, 3) + ", better on " +
                    Count(better) + " of " + Count(n_bt) + " SKUs");
  }
  s += "</div>\n";

  if (!d.stages.empty()) {
    s += "<h3>Stages</h3>\n<table class=\"sortable\"><thead><tr><th>stage</th><th>status</th>"
         "<th class=\"num\">wall</th><th class=\"num\">CPU</th><th class=\"num\">peak memory</th>"
         "<th>summary</th></tr></thead><tbody>\n";
    for (const StageRow& r : d.stages) {
      s += "<tr class=\"status-" + std::string(r.status == "failed" ? "failed" : "ok") + "\"><td>" +
           Escape(r.stage) + "</td><td>" + Escape(r.status) + "</td><td class=\"num\" data-v=\"" +
           FormatDouble(r.wall_seconds) + "\">" + Seconds(r.wall_seconds) +
           "</td><td class=\"num\" data-v=\"" + FormatDouble(r.cpu_seconds) + "\">" +
           Seconds(r.cpu_seconds) + "</td><td class=\"num\" data-v=\"" +
           std::to_string(r.peak_rss_bytes) + "\">" +
           FormatDecimals(static_cast<double>(r.peak_rss_bytes) / (1 << 20), 0) + " MiB</td><td>" +
           Escape(r.error.empty() ? r.summary : r.error) + "</td></tr>\n";
    }
    s += "</tbody></table>\n";
  }

  s += "<h3>Warnings and fallbacks</h3>\n";
  if (fallbacks.empty() && d.notes.empty() && d.orders_reason.empty()) {
    s += "<p>None: every SKU has its own model's forecast.</p>\n";
  } else {
    s += "<table class=\"sortable\"><thead><tr><th>source</th><th>reason</th>"
         "<th class=\"num\">SKUs</th></tr></thead><tbody>\n";
    for (const auto& [reason, n] : fallbacks) {
      s += "<tr><td>forecast fallback</td><td>" + Escape(reason) + "</td><td class=\"num\">" +
           Count(n) + "</td></tr>\n";
    }
    if (!d.orders_reason.empty()) {
      s += "<tr><td>optimize</td><td>" + Escape(d.orders_reason) + "</td><td></td></tr>\n";
    }
    for (const std::string& note : d.notes) {
      s += "<tr><td>optimize note</td><td>" + Escape(note) + "</td><td></td></tr>\n";
    }
    s += "</tbody></table>\n";
  }

  if (d.has_anomalies) {
    s += "<h3>Anomalies by type</h3>\n";
    if (d.anomalies_by_type.empty()) {
      s += "<p>No anomalies were flagged.</p>\n";
    } else {
      std::vector<Bar> bars;
      for (const auto& [type, n] : d.anomalies_by_type) {
        bars.push_back({type, static_cast<double>(n), -1, CategoryColor(type),
                        type + ": " + Count(n) + " records"});
      }
      s += "<figure>" +
           charts.Inline("anomalies-by-type", BarChart("Anomalies by type", bars, "records")) +
           "</figure>\n";
    }
  }
  s += "</section>\n";
  return s;
}

}  // namespace invplan::report
