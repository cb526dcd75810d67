// What the report shows, read from the artifacts into plain structs: only the
// fields the page uses, so the artifacts' JSON is not kept in memory.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "invplan/orders.h"
#include "invplan/panel.h"
#include "invplan/report.h"
#include "invplan/run_context.h"

namespace invplan::report {

struct SkuForecast {
  std::string key;  // sku, or "sku @ location" when the input has locations
  std::string sku, location, model, spec, demand_class, status, reason;
  std::int64_t history_end_day = 0;  // first day of the last history period
  std::vector<std::int64_t> days;    // first day of each forecast period
  std::vector<double> mean;
  std::vector<std::vector<double>> lo, hi;  // [level][point]
  // Backtest (forecast --holdout); mase NaN where undefined.
  bool has_backtest = false;
  int holdout = 0;
  double mase = 0, snaive_mase = 0;
  std::vector<double> coverage;  // per level, NaN when absent
};

struct History {
  std::vector<std::int64_t> days;  // first day of each period (the last `history` periods)
  std::vector<double> quantity;
};

struct AnomalyMark {
  std::int64_t day = 0;
  double score = 0;
  std::string type, explanation;
};

// An orders line (invplan/orders.h) with what the report adds to it.
struct OrderLine : OrdersLine {
  std::optional<double> demand_mean, fill_rate;
  std::string change;                       // from changes.csv ("" unchanged)
  std::optional<double> previous_quantity;  // from changes.csv
};

struct SupplierSpend {
  std::string name;
  double spend = 0;
  std::optional<double> minimum;
  std::uint64_t skus = 0;
};

struct StageRow {
  std::string stage, status, summary, error;
  double wall_seconds = 0, cpu_seconds = 0;
  std::uint64_t peak_rss_bytes = 0;
};

// One policy of a train-rl artifact: the order for each state it reaches.
struct PolicyView {
  std::string sku;
  int lead_time = 0;
  std::string method;    // "q-learning", "optimal", "s-S", "base-stock"; "" (older artifacts)
  std::string replaced;  // why the asked method's policy was not used ("" none)
  double recommended = -1, position = 0;  // tonight's order and position; -1: none
  // The simulated outcome of each policy the evaluation compared (learned,
  // base-stock, (s,S), optimal, or the chosen one), in the artifact's order.
  struct Outcome {
    std::string name;
    double reward = 0, fill_rate = 0, average_stock = 0;
    double exact = NAN;  // exact average reward when known
  };
  std::vector<Outcome> outcomes;
  struct State {
    double on_hand = 0, pipeline = 0, order = 0;  // pipeline: sum of the orders in transit
  };
  std::vector<State> states;
};

struct ReportData {
  ReportOptions options;
  // Forecast.
  std::string forecast_path, forecast_created;
  Frequency frequency = Frequency::kDay;
  int horizon = 0;
  std::vector<double> levels;
  std::vector<SkuForecast> series;  // in the artifact's order
  // Sales history (the clean CSV), by key.
  bool has_sales = false;
  std::map<std::string, History> history;
  std::int64_t data_first_day = 0, data_last_day = 0;
  // Anomalies, by key.
  bool has_anomalies = false;
  std::map<std::string, std::vector<AnomalyMark>> anomalies;
  std::map<std::string, std::uint64_t> anomalies_by_type;
  std::uint64_t anomalies_total = 0;
  double anomaly_threshold = 0;
  // Orders.
  bool has_orders = false, has_changes = false;
  std::string orders_status, orders_mode, orders_reason;
  std::optional<double> budget, capacity, objective;
  double budget_used = 0, capacity_used = 0;
  std::vector<OrderLine> lines;
  std::vector<SupplierSpend> suppliers;
  std::vector<std::string> notes;
  // Manifest.
  bool has_manifest = false;
  std::string run_name, run_status, run_created;
  double run_seconds = 0;
  std::vector<StageRow> stages;
  // Policies.
  std::vector<PolicyView> policies;
};

// The artifact paths after resolving --run: explicit paths win, then the run
// directory's files that exist. Throws Error(kUsage) without a forecast.
ReportOptions ResolvePaths(const ReportOptions& options);

// Reads every artifact named in `resolved`; appends them to ctx.run.inputs.
ReportData LoadReportData(const ReportOptions& resolved, RunContext& ctx);

// Reads the clean sales CSV (options.sales; nothing when empty): the data
// window over all rows, and the last `history` periods of the series in `keys`
// (a series' rows in date order, as clean writes them).
void LoadHistory(const std::set<std::string>& keys, ReportData* d, RunContext& ctx);

}  // namespace invplan::report
