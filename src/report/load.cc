// Reading the artifacts into ReportData (see data.h).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>

#include "common/artifact_envelope.h"
#include "common/csv_reader.h"
#include "common/file_io.h"
#include "common/policy_table.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/optimize.h"
#include "invplan/plan.h"
#include "invplan/rl.h"
#include "report/data.h"

namespace invplan::report {
namespace {

namespace fs = std::filesystem;

double NumberOr(const Json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}
std::optional<double> OptionalNumber(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it != j.end() && it->is_number()) return it->get<double>();
  return std::nullopt;
}
std::string TextOr(const Json& j, const char* key, const std::string& fallback = "") {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
std::int64_t DayOf(const std::string& text, const std::string& where) {
  std::int64_t day = 0;
  if (!ParseIsoDay(text, &day)) throw ArtifactError(where + ": not a date: \"" + text + "\"");
  return day;
}

// Level keys of the forecast points ("lo80", "hi80", "coverage80", ...).
struct LevelKeys {
  std::vector<std::string> lo, hi, coverage;
  explicit LevelKeys(const std::vector<double>& levels) {
    for (double l : levels) {
      lo.push_back(LevelKey("lo", l));
      hi.push_back(LevelKey("hi", l));
      coverage.push_back(LevelKey("coverage", l));
    }
  }
};

SkuForecast SeriesFromJson(const Json& s, const LevelKeys& keys, const std::string& path) {
  SkuForecast f;
  f.sku = TextOr(s, "sku");
  f.location = TextOr(s, "location");
  f.key = f.location.empty() ? f.sku : f.sku + " @ " + f.location;
  const std::string where = path + ": series '" + f.key + "'";
  if (auto m = s.find("model"); m != s.end() && m->is_object()) {
    f.model = TextOr(*m, "name");
    f.spec = TextOr(*m, "spec");
  }
  f.demand_class = TextOr(s, "demand_class");
  f.status = TextOr(s, "status", "ok");
  f.reason = TextOr(s, "reason");
  f.history_end_day = DayOf(TextOr(s, "history_end"), where);
  const std::size_t levels = keys.lo.size();
  f.lo.assign(levels, {});
  f.hi.assign(levels, {});
  if (auto pts = s.find("forecast"); pts != s.end() && pts->is_array()) {
    for (const Json& p : *pts) {
      f.days.push_back(DayOf(TextOr(p, "date"), where));
      f.mean.push_back(NumberOr(p, "mean", NAN));
      for (std::size_t k = 0; k < levels; ++k) {
        f.lo[k].push_back(NumberOr(p, keys.lo[k].c_str(), NAN));
        f.hi[k].push_back(NumberOr(p, keys.hi[k].c_str(), NAN));
      }
    }
  }
  if (auto bt = s.find("backtest"); bt != s.end() && bt->is_object() && bt->contains("model")) {
    f.has_backtest = true;
    f.holdout = static_cast<int>(NumberOr(*bt, "holdout", 0));
    const Json& m = (*bt)["model"];
    f.mase = NumberOr(m, "mase", NAN);
    if (auto sn = bt->find("snaive"); sn != bt->end()) f.snaive_mase = NumberOr(*sn, "mase", NAN);
    for (const auto& key : keys.coverage) f.coverage.push_back(NumberOr(m, key.c_str(), NAN));
  }
  return f;
}

// The forecast artifact is parsed with a callback that converts each series as
// soon as it is complete and drops its JSON, so a catalogue of 100,000 SKUs
// needs memory for the compact structs, not for the whole document tree.
void LoadForecast(const std::string& path, ReportData* d, RunContext& ctx) {
  InputInfo info;
  const std::string text = ReadArtifactText(path, &info);
  const std::string name = DisplayName(path);
  std::string top_key;
  std::vector<double> levels{80.0, 95.0};
  bool levels_seen = false;
  std::unique_ptr<LevelKeys> keys;
  std::string first_error;
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 1 && event == Json::parse_event_t::key) {
      top_key = parsed.get<std::string>();
    } else if (depth == 1 && event == Json::parse_event_t::array_end && top_key == "levels") {
      levels.clear();
      for (const Json& l : parsed) levels.push_back(l.is_number() ? l.get<double>() : NAN);
      levels_seen = true;
    } else if (depth == 2 && event == Json::parse_event_t::object_end && top_key == "series" &&
               levels_seen) {
      if (!keys) keys = std::make_unique<LevelKeys>(levels);
      try {
        d->series.push_back(SeriesFromJson(parsed, *keys, name));
      } catch (const Error& e) {
        if (first_error.empty()) first_error = e.what();
      }
      return false;  // converted: not kept in the document
    }
    return true;
  };
  const Json doc = ParseArtifactText(text, name, callback);
  CheckArtifactEnvelope(doc, name, kForecastFormat, kForecastSchema);
  if (!first_error.empty()) throw ArtifactError(first_error);
  ctx.run.inputs.push_back(info);
  d->forecast_path = path;
  d->forecast_created = TextOr(doc, "created_at");
  if (!ParseFrequency(TextOr(doc, "frequency", "D"), &d->frequency)) {
    throw ArtifactError(name + ": unknown frequency");
  }
  d->horizon = static_cast<int>(NumberOr(doc, "horizon", 0));
  d->levels = levels;
  auto series = doc.find("series");
  if (series == doc.end() || !series->is_array()) throw ArtifactError(name + ": no series");
  // Series not converted while parsing (levels written after them).
  const LevelKeys late(levels);
  for (const Json& s : *series) d->series.push_back(SeriesFromJson(s, late, name));
}

std::string Explain(const Json& explanation) {
  std::string text;
  if (!explanation.is_array()) return text;
  for (const Json& c : explanation) {
    if (!text.empty()) text += "; ";
    text += TextOr(c, "feature") + " = " + FormatDecimals(NumberOr(c, "value", NAN), 2);
    const double expected = NumberOr(c, "expected", NAN);
    if (std::isfinite(expected)) text += " (expected " + FormatDecimals(expected, 2) + ")";
    const double share = NumberOr(c, "share", NAN);
    if (std::isfinite(share)) text += ", " + FormatDecimals(100 * share, 0) + "% of the score";
  }
  return text;
}

void LoadAnomalies(const std::string& path, ReportData* d, RunContext& ctx) {
  InputInfo info;
  const Json doc = ReadJsonArtifact(path, kAnomaliesFormat, kAnomaliesSchema, &info);
  ctx.run.inputs.push_back(info);
  d->has_anomalies = true;
  d->anomaly_threshold = NumberOr(doc, "threshold", 0);
  auto records = doc.find("records");
  if (records == doc.end() || !records->is_array()) return;
  constexpr std::size_t kMarksPerSku = 500;  // enough for a chart, bounded
  for (const Json& r : *records) {
    if (!r.value("anomaly", false)) continue;
    const std::string type = TextOr(r, "type", "unknown");
    ++d->anomalies_total;
    ++d->anomalies_by_type[type];
    const std::string sku = TextOr(r, "sku");
    std::int64_t day = 0;
    if (sku.empty() || !ParseIsoDay(TextOr(r, "date"), &day)) continue;
    const std::string location = TextOr(r, "location");
    auto& marks = d->anomalies[location.empty() ? sku : sku + " @ " + location];
    if (marks.size() < kMarksPerSku) {
      marks.push_back(
          {day, NumberOr(r, "score", 0), type, Explain(r.value("explanation", Json()))});
    }
  }
}

// changes.csv beside the orders, as invplan run writes it
// (sku,last_quantity,quantity,change,reason: the reason is shown, "unchanged"
// rows are not highlighted), or sku[,change][,previous_quantity].
void LoadChanges(const std::string& path, ReportData* d, RunContext& ctx) {
  CsvReader csv(path);
  const int sku = csv.RequireColumn("sku");
  const int reason = csv.FindColumn("reason");
  const int change = reason >= 0 ? reason : csv.FindColumn("change");
  const int last = csv.FindColumn("last_quantity");
  const int previous = last >= 0 ? last : csv.FindColumn("previous_quantity");
  std::map<std::string, std::pair<std::string, std::optional<double>>> by_sku;
  while (csv.Next()) {
    auto field = [&](int c) {
      return c >= 0 && static_cast<std::size_t>(c) < csv.size() ? std::string(csv.field(c))
                                                                : std::string();
    };
    std::optional<double> prev;
    const std::string p = field(previous);
    double v = 0;
    if (!p.empty() && std::from_chars(p.data(), p.data() + p.size(), v).ec == std::errc()) {
      prev = v;
    }
    const std::string what = field(change);
    if (what == "unchanged") continue;
    by_sku[field(sku)] = {what.empty() ? "changed" : what, prev};
  }
  ctx.run.inputs.push_back(csv.Info());
  d->has_changes = true;
  for (OrderLine& l : d->lines) {
    auto it = by_sku.find(l.sku);
    if (it == by_sku.end()) continue;
    l.change = it->second.first;
    l.previous_quantity = it->second.second;
  }
}

void LoadOrders(const std::string& path, ReportData* d, RunContext& ctx) {
  InputInfo info;
  const Json doc = ReadJsonArtifact(path, kOrdersFormat, kOrdersSchema, &info);
  ctx.run.inputs.push_back(info);
  d->has_orders = true;
  d->orders_status = TextOr(doc, "status");
  d->orders_mode = TextOr(doc, "mode");
  d->orders_reason = TextOr(doc, "reason");
  d->objective = OptionalNumber(doc, "objective");
  d->budget = OptionalNumber(doc, "budget");
  d->capacity = OptionalNumber(doc, "capacity");
  d->budget_used = NumberOr(doc, "budget_used", 0);
  d->capacity_used = NumberOr(doc, "capacity_used", 0);
  if (auto notes = doc.find("notes"); notes != doc.end() && notes->is_array()) {
    for (const Json& n : *notes) {
      if (n.is_string()) d->notes.push_back(n.get<std::string>());
    }
  }
  if (auto sup = doc.find("suppliers"); sup != doc.end() && sup->is_array()) {
    for (const Json& s : *sup) {
      d->suppliers.push_back({TextOr(s, "supplier"), NumberOr(s, "spend", 0),
                              OptionalNumber(s, "min_value"),
                              static_cast<std::uint64_t>(NumberOr(s, "skus", 0))});
    }
  }
  if (auto lines = doc.find("lines"); lines != doc.end() && lines->is_array()) {
    for (const Json& l : *lines) {
      OrderLine o;
      static_cast<OrdersLine&>(o) = ReadOrdersLine(l);
      o.demand_mean = OptionalNumber(l, "demand_mean");
      o.fill_rate = OptionalNumber(l, "fill_rate");
      d->lines.push_back(std::move(o));
    }
  }
  const fs::path changes = fs::path(path).parent_path() / "changes.csv";
  if (path != "-" && fs::exists(changes)) LoadChanges(changes.string(), d, ctx);
}

void LoadManifest(const std::string& path, ReportData* d, RunContext& ctx) {
  InputInfo info;
  const Json doc = ReadJsonArtifact(path, kRunManifestFormat, kRunManifestSchema, &info);
  ctx.run.inputs.push_back(info);
  d->has_manifest = true;
  d->run_created = TextOr(doc, "created_at");
  d->run_status = TextOr(doc, "status");
  d->run_seconds = NumberOr(doc, "seconds", 0);
  if (auto run = doc.find("run"); run != doc.end()) {
    d->run_name = run->is_string() ? run->get<std::string>() : TextOr(*run, "dir");
  }
  if (auto stages = doc.find("stages"); stages != doc.end() && stages->is_array()) {
    for (const Json& s : *stages) {
      StageRow r;
      r.stage = TextOr(s, "stage");
      r.status = TextOr(s, "status");
      r.summary = TextOr(s, "summary");
      r.error = TextOr(s, "error");
      r.wall_seconds = NumberOr(s, "wall_seconds", 0);
      r.cpu_seconds = NumberOr(s, "cpu_seconds", 0);
      r.peak_rss_bytes = static_cast<std::uint64_t>(NumberOr(s, "peak_rss_bytes", 0));
      d->stages.push_back(std::move(r));
    }
  }
}

PolicyView ViewOf(const Json& p, const std::string& sku, const std::string& where) {
  PolicyView v;
  v.sku = sku;
  if (auto env = p.find("environment"); env != p.end()) {
    v.lead_time = static_cast<int>(NumberOr(*env, "lead_time", 0));
  }
  v.method = TextOr(p, "method");
  v.replaced = TextOr(p, "replaced");
  if (auto ev = p.find("evaluation"); ev != p.end() && ev->is_object()) {
    const std::pair<const char*, const char*> kNames[] = {{"policy", "chosen policy"},
                                                          {"learned", "learned (Q-learning)"},
                                                          {"base_stock", "best base-stock"},
                                                          {"s_S", "best (s,S)"},
                                                          {"optimal", "exact optimum"}};
    for (const auto& [key, label] : kNames) {
      const auto e = ev->find(key);
      if (e == ev->end() || !e->is_object()) continue;
      PolicyView::Outcome o;
      o.name = label;
      o.reward = NumberOr(*e, "average_reward", NAN);
      o.fill_rate = NumberOr(*e, "fill_rate", NAN);
      o.average_stock = NumberOr(*e, "average_stock", NAN);
      o.exact = NumberOr(*e, "exact_average_reward", NAN);
      v.outcomes.push_back(o);
    }
  }
  if (auto today = p.find("today"); today != p.end() && today->is_object()) {
    v.recommended = NumberOr(*today, "recommended", -1);
    if (auto st = today->find("state"); st != today->end()) {
      v.position = NumberOr(*st, "position", 0);
    }
  }
  const Json* table = nullptr;
  if (auto pol = p.find("policy"); pol != p.end() && pol->contains("table")) {
    table = &(*pol)["table"];
  }
  if (table == nullptr || !table->is_array()) return v;
  PolicyTableRow row;
  for (const Json& json : *table) {
    ReadPolicyRow(json, where, &row);
    PolicyView::State st;
    st.on_hand = row.on_hand;
    st.order = row.order;
    for (int q : row.pipeline) st.pipeline += q;
    v.states.push_back(st);
  }
  return v;
}

void LoadPolicies(const std::string& path, ReportData* d, RunContext& ctx) {
  InputInfo info;
  const Json doc = ReadJsonArtifact(path, kPolicyFormat, kPolicySchema, &info);
  ctx.run.inputs.push_back(info);
  constexpr std::size_t kShown = 2;
  if (auto many = doc.find("policies"); many != doc.end() && many->is_array()) {
    for (const Json& p : *many) {
      if (d->policies.size() >= kShown) break;
      if (TextOr(p, "status", "ok") != "ok") continue;
      d->policies.push_back(ViewOf(p, TextOr(p, "sku"), DisplayName(path)));
    }
  } else {
    std::string sku;
    if (auto c = doc.find("config"); c != doc.end()) sku = TextOr(*c, "sku");
    d->policies.push_back(ViewOf(doc, sku, DisplayName(path)));
  }
}

}  // namespace

ReportOptions ResolvePaths(const ReportOptions& options) {
  ReportOptions o = options;
  if (!o.run_dir.empty()) {
    fs::path dir(o.run_dir);
    if (!fs::is_directory(dir)) {
      throw UsageError("--run: '" + o.run_dir + "' is not a directory");
    }
    // OUT (with latest) or one run folder.
    if (fs::exists(dir / "latest")) dir = dir / "latest";
    auto pick = [&](std::string* field, const char* name) {
      if (field->empty() && fs::exists(dir / name)) *field = (dir / name).string();
    };
    pick(&o.forecast, "forecast.json");
    pick(&o.anomalies, "anomalies.json");
    pick(&o.orders, "orders.json");
    pick(&o.sales, "clean.csv");
    pick(&o.manifest, "manifest.json");
    pick(&o.policies, "policies.json");
    if (o.forecast.empty()) {
      throw UsageError("--run: no forecast.json in '" + dir.string() +
                       "' (a run directory of `invplan run`, or give --forecast)");
    }
  }
  if (o.forecast.empty()) throw UsageError("report: give --run DIR or --forecast FILE");
  return o;
}

ReportData LoadReportData(const ReportOptions& resolved, RunContext& ctx) {
  ReportData d;
  d.options = resolved;
  LoadForecast(resolved.forecast, &d, ctx);
  if (!resolved.anomalies.empty()) LoadAnomalies(resolved.anomalies, &d, ctx);
  if (!resolved.orders.empty()) LoadOrders(resolved.orders, &d, ctx);
  if (!resolved.manifest.empty()) LoadManifest(resolved.manifest, &d, ctx);
  if (!resolved.policies.empty()) LoadPolicies(resolved.policies, &d, ctx);
  return d;
}

}  // namespace invplan::report
