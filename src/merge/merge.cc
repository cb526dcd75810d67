// `invplan merge`: the shards' artifacts joined into the unsharded run's. The
// entries come in the unsharded order; the summaries are recomputed with the
// stages' own functions (ForecastTrailer, DetectSummary::ToJson,
// CleanReportTotals), so that the result does not depend on how a run was cut.
#include "invplan/merge.h"

#include <map>

#include "common/file_io.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "invplan/forecast_artifact.h"
#include "invplan/ingest.h"
#include "invplan/rl.h"
#include "merge/parts.h"

namespace invplan {
namespace {

using merge::Key;
using merge::Part;

const char* kEnvelope[] = {"format",  "schema_version", "invplan_version", "created_at",
                           "command", "config",         "inputs"};
bool IsEnvelope(const std::string& key) {
  for (const char* k : kEnvelope) {
    if (key == k) return true;
  }
  return false;
}

std::uint64_t Count(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

Json EntriesArray(std::vector<std::pair<Key, Json>>&& entries) {
  Json a = Json::array();
  for (auto& e : entries) a.push_back(std::move(e.second));
  return a;
}

// Forecast: series; summary and backtest from ForecastTrailer.
Json MergeForecast(std::vector<Part>& parts, std::size_t* n) {
  for (const char* f :
       {"frequency", "horizon", "levels", "clipped_at_zero", "season", "model", "holdout"}) {
    merge::CheckSame(parts, f);
  }
  Json series = EntriesArray(merge::MergedEntries(parts, "series", true));
  *n = series.size();
  const Json& first = parts[0].doc;
  std::vector<double> levels;
  for (const Json& l : first.value("levels", Json::array())) {
    if (l.is_number()) levels.push_back(l.get<double>());
  }
  std::vector<double> quantiles;
  for (const Json& q : first.value("quantiles", Json::array())) {
    if (q.is_number()) quantiles.push_back(q.get<double>());
  }
  const int holdout = first.contains("holdout") && first["holdout"].is_number_integer()
                          ? first["holdout"].get<int>()
                          : 0;
  Json training;
  if (first.contains("backtest") && first["backtest"].contains("training")) {
    training = first["backtest"]["training"];
  }
  Json trailer = ForecastTrailer(series, levels, quantiles, holdout, training);
  Json body = Json::object();
  for (const auto& [k, v] : first.items()) {
    if (IsEnvelope(k)) continue;
    if (k == "series") {
      body[k] = std::move(series);
    } else if (trailer.contains(k)) {
      body[k] = trailer[k];
    } else {
      body[k] = v;
    }
  }
  return body;
}

// Anomalies: records with rows renumbered in the whole panel; the summary from
// the parts' counts through DetectSummary.
Json MergeAnomalies(std::vector<Part>& parts, std::size_t* n) {
  for (const char* f : {"mode", "features", "model", "threshold", "threshold_rule", "all_rows"}) {
    merge::CheckSame(parts, f);
  }
  // Each series' first row in its shard's panel and in the whole one.
  std::map<Key, std::pair<std::uint64_t, const Part*>> local;
  std::map<Key, std::uint64_t> rows;
  for (const Part& p : parts) {
    if (!p.doc.contains("shard_series_rows") || !p.doc["shard_series_rows"].is_array()) {
      throw ArtifactError(p.name + ": no shard_series_rows (written by detect --shard)");
    }
    std::uint64_t at = 0;
    for (const Json& r : p.doc["shard_series_rows"]) {
      if (!r.is_array() || r.size() != 3 || !r[0].is_string() || !r[1].is_string() ||
          !r[2].is_number_unsigned()) {
        throw ArtifactError(p.name + ": shard_series_rows: expected [sku, location, rows]");
      }
      const Key k{r[0].get<std::string>(), r[1].get<std::string>()};
      if (!local.emplace(k, std::make_pair(at, &p)).second) {
        throw ArtifactError("SKU '" + k.sku + "' is in " + local[k].second->name + " and in " +
                            p.name + ": a SKU belongs to one shard");
      }
      rows[k] = r[2].get<std::uint64_t>();
      at += r[2].get<std::uint64_t>();
    }
  }
  std::map<Key, std::uint64_t> global;
  std::uint64_t at = 0;
  for (const auto& [k, count] : rows) {
    global[k] = at;
    at += count;
  }
  auto records = merge::MergedEntries(parts, "records", false);
  for (auto& [k, r] : records) {
    const auto it = local.find(k);
    if (it == local.end() || !r.contains("row") || !r["row"].is_number_unsigned()) {
      throw ArtifactError(it == local.end() ? "SKU '" + k.sku + "' has records but no rows"
                                            : "SKU '" + k.sku + "': a record without a row");
    }
    r["row"] = r["row"].get<std::uint64_t>() - it->second.first + global[k];
  }
  *n = records.size();

  DetectSummary summary;
  const Json& first = parts[0].doc;
  summary.mode = first.value("mode", "inventory");
  const Json& s0 = first.at("summary");
  summary.training_rows = Count(s0, "training_rows");
  summary.threshold = s0.value("threshold", 0.5);
  summary.threshold_rule = s0.value("threshold_rule", "");
  for (const Part& p : parts) {
    const Json& s = p.doc.at("summary");
    summary.rows_scored += Count(s, "rows_scored");
    summary.anomalies += Count(s, "anomalies");
    summary.forecast_periods += Count(s, "forecast_periods");
    summary.closed_periods += Count(s, "closed_periods");
    const std::string from = s.value("scored_from", "");
    if (!from.empty() && (summary.scored_from.empty() || from < summary.scored_from)) {
      summary.scored_from = from;
    }
    const Json by_type = s.value("by_type", Json::object());
    for (const auto& [type, count] : by_type.items()) {
      if (count.is_number_unsigned()) summary.by_type[type] += count.get<std::uint64_t>();
    }
  }
  Json body = Json::object();
  for (const auto& [k, v] : first.items()) {
    if (k == "shard_series_rows" || (IsEnvelope(k) && k != "inputs")) continue;
    if (k == "records") {
      body[k] = EntriesArray(std::move(records));
    } else if (k == "summary") {
      body[k] = summary.ToJson();
    } else if (k == "inputs") {
      continue;  // written by the envelope; the stage repeats it after the records
    } else {
      body[k] = v;
    }
  }
  if (first.contains("inputs")) body["inputs"] = first["inputs"];
  return body;
}

// Policies: one per SKU, in the forecast's order.
Json MergePolicies(std::vector<Part>& parts, std::size_t* n) {
  Json body = Json::object();
  for (const auto& [k, v] : parts[0].doc.items()) {
    if (IsEnvelope(k)) continue;
    if (k == "policies") {
      body[k] = EntriesArray(merge::MergedEntries(parts, "policies", true));
      *n = body[k].size();
    } else {
      merge::CheckSame(parts, k.c_str());
      body[k] = v;
    }
  }
  return body;
}

// Clean report: series; the file-wide counts are those every shard read, the
// per-series ones add up, and the totals come from CleanReportTotals.
Json MergeCleanReport(std::vector<Part>& parts, std::size_t* n) {
  for (const char* f : {"frequency", "frequency_inferred", "season", "extra_columns",
                        "ignored_columns", "ignored_column_reasons"}) {
    merge::CheckSame(parts, f);
  }
  Json series = EntriesArray(merge::MergedEntries(parts, "series", true));
  *n = series.size();
  const Json& first = parts[0].doc;
  Json rows = first.at("rows");
  std::uint64_t used = 0, dropped = 0;
  for (const Part& p : parts) {
    const Json& r = p.doc.at("rows");
    if (Count(r, "read") != Count(rows, "read") || Count(r, "skipped") != Count(rows, "skipped")) {
      throw ArtifactError(p.name + ": read " + std::to_string(Count(r, "read")) + " rows, but " +
                          parts[0].name + " read " + std::to_string(Count(rows, "read")) +
                          ": not the same input");
    }
    used += Count(r, "used");
    dropped += Count(r, "dropped_negative");
  }
  rows["used"] = used;
  rows["dropped_negative"] = dropped;
  // Every shard decides shop-wide closures from the census of the whole file.
  const std::uint64_t closed_shop = Count(first.at("totals"), "closed_shop_periods");
  for (const Part& p : parts) {
    if (Count(p.doc.at("totals"), "closed_shop_periods") != closed_shop) {
      throw ArtifactError(p.name + ": closed_shop_periods differs from " + parts[0].name +
                          "'s: not the same input and options");
    }
  }
  Json body = Json::object();
  for (const auto& [k, v] : first.items()) {
    if (IsEnvelope(k)) continue;
    if (k == "rows") {
      body[k] = rows;
    } else if (k == "totals") {
      body[k] = CleanReportTotals(series, closed_shop);
    } else if (k == "series") {
      body[k] = series;
    } else {
      body[k] = v;
    }
  }
  return body;
}

}  // namespace

MergeResult RunMerge(const MergeOptions& o, RunContext& ctx) {
  MergeOptionTable().Validate(o);
  std::vector<Part> parts = merge::ReadParts(o.parts);
  const std::string format = parts[0].doc["format"].get<std::string>();
  MergeResult result;
  result.format = format;
  result.parts = parts.size();
  result.output = o.output;
  Json body;
  try {
    if (format == kForecastFormat) {
      body = MergeForecast(parts, &result.entries);
    } else if (format == kAnomaliesFormat) {
      body = MergeAnomalies(parts, &result.entries);
    } else if (format == kPolicyFormat) {
      body = MergePolicies(parts, &result.entries);
    } else {
      body = MergeCleanReport(parts, &result.entries);
    }
  } catch (const Json::exception& e) {
    throw ArtifactError("merge: a part of format " + format + " is malformed: " + e.what());
  }

  // The unsharded run's envelope: its configuration (no shard), the parts'
  // inputs, and this command.
  RunInfo run = ctx.run;
  run.config = parts[0].doc["config"];
  for (const char* k : {"shard", "shards", "shard-from-env"}) {
    if (!run.config.contains(k)) continue;
    run.config[k] = ShardOptionTable().Find(k)->show(ShardOptions{});
  }
  if (run.config.contains("output")) run.config["output"] = o.output;
  Json envelope = MakeEnvelope(format, parts[0].doc["schema_version"].get<int>(), run);
  // Inputs made by the shards themselves (tonight's anomalies of each piece) have
  // no single checksum for the whole run: the merged artifact lists the shared ones.
  envelope["inputs"] = SharedInputs(parts[0]);
  // The fields in the parts' order (detect writes its inputs after the records).
  Json doc = Json::object();
  for (const auto& [k, v] : parts[0].doc.items()) {
    if (IsEnvelope(k) && !body.contains(k)) {
      doc[k] = std::move(envelope[k]);
    } else if (body.contains(k)) {
      doc[k] = std::move(body[k]);
    }
  }
  WriteJsonArtifact(o.output, doc);
  return result;
}

std::string MergeResult::Summary() const {
  return "merge: " + std::to_string(parts) + " shards of " + format + ", " +
         std::to_string(entries) + " entries" +
         (output.empty() || output == "-" ? "" : " -> " + output);
}

}  // namespace invplan
