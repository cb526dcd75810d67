#include "plan/stages.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "invplan/ingest.h"
#include "invplan/network.h"
#include "invplan/optimize.h"
#include "invplan/plan.h"
#include "invplan/report.h"
#include "invplan/rl.h"
#include "invplan/shard.h"

namespace invplan::plan {
namespace {

using Names = std::set<std::string>;

// The keys a stage's section may not set: the run sets them to chain the stages.
const Names& ChainedKeys(const std::string& stage) {
  static const std::map<std::string, Names> kKeys = {
      {"clean", {"input", "output", "report"}},
      {"forecast", {"input", "output", "future", "anomalies", "csv", "format"}},
      {"detect", {"input", "forecast", "output", "csv", "format"}},
      {"policy", {"forecast", "items", "stock", "output", "demand", "sku"}},
      {"network",
       {"network", "forecast", "stock", "items", "supplier-minimums", "anomalies", "output"}},
      {"optimize",
       {"forecast", "policies", "items", "supplier-min", "candidates", "cover", "output", "format",
        "csv"}},
      {"report",
       {"run", "forecast", "anomalies", "policies", "orders", "sales", "manifest", "output"}}};
  return kKeys.at(stage);
}

// The ingest and cleaning keys: [clean] holds them for every stage that reads the
// sales, so that forecast and detect see the panel clean writes.
Names SalesKeys() {
  Names names;
  for (const auto& e : IngestOptionTable().entries()) names.insert(e.info.name);
  for (const auto& e : CleanOptionTable().entries()) names.insert(e.info.name);
  return names;
}

// Keys of a section that belong to the plan, not to the stage's options.
const Names& PlanKeys(const std::string& stage) {
  static const std::map<std::string, Names> kKeys = {{"optimize", {"value-from"}}};
  static const Names kNone;
  const auto it = kKeys.find(stage);
  return it == kKeys.end() ? kNone : it->second;
}

// The value of a plan key of a section ("" when not set).
std::string PlanKey(const PlanFile& file, const std::string& section, const std::string& key) {
  const auto it = file.sections.find(section);
  if (it == file.sections.end()) return "";
  for (const SectionKey& k : it->second) {
    if (k.key == key) return k.value;
  }
  return "";
}

// Sets the section's keys through the stage's option table.
template <class T>
void ApplySection(const PlanFile& file, const std::string& section, const OptionTable<T>& table,
                  const Names& from_clean, T* o) {
  const Names& chained = ChainedKeys(section);
  const auto it = file.sections.find(section);
  if (it == file.sections.end()) return;
  for (const SectionKey& k : it->second) {
    if (PlanKeys(section).count(k.key)) continue;
    if (chained.count(k.key)) {
      throw SectionError(file, section,
                         "'" + k.key + "' is set by invplan run (it chains the stages); remove it");
    }
    if (from_clean.count(k.key)) {
      throw SectionError(
          file, section,
          "'" + k.key + "' is read from [clean], so every stage reads the sales alike");
    }
    if (table.Find(k.key) == nullptr) {
      throw SectionError(file, section, "no option '" + k.key + "'");
    }
    try {
      table.Set(*o, k.key, k.value);
    } catch (const Error& e) {
      throw SectionError(file, section, e.what());
    }
  }
}

bool Enabled(const RunSection& run, const std::string& stage) {
  if (run.stages.empty()) return stage != "network" || !run.network.empty();
  return std::find(run.stages.begin(), run.stages.end(), stage) != run.stages.end();
}

// The options of a stage that reads the sales: its section's keys, then the
// ingest and cleaning options of [clean] (which the section may not set).
template <class T>
T SalesStageOptions(const PlanFile& file, const std::string& section, const OptionTable<T>& table,
                    const CleanStageOptions& sales) {
  T o;
  ApplySection(file, section, table, SalesKeys(), &o);
  o.ingest = sales.ingest;
  o.clean = sales.clean;
  return o;
}

// An enabled stage has its external inputs and the stages it reads from.
void CheckInputs(const PlanFile& file, const StageJob& job) {
  for (const StageInput& in : job.inputs) {
    if (in.path.empty()) {
      throw SectionError(file, "run",
                         "'" + in.role + "' is required by the " + job.name + " stage");
    }
    if (in.chained && !Enabled(file.run, in.role)) {
      throw SectionError(
          file, "run",
          "stages: " + job.name + " reads the " + in.role + " stage's output; enable " + in.role);
    }
  }
}

// Marks the job enabled or not; for an enabled one checks its inputs and
// validates the options (the stage's own checks, run again on entry). Returns
// the configuration the manifest compares.
template <class T>
Json CheckedConfig(const PlanFile& file, StageJob* job, const OptionTable<T>& table, const T& o,
                   std::uint64_t seed) {
  job->enabled = Enabled(file.run, job->name);
  if (job->enabled) {
    CheckInputs(file, *job);
    try {
      table.Validate(o);
    } catch (const Error& e) {
      throw SectionError(file, job->name, e.what());
    }
  }
  Json config = table.Resolved(o);
  for (const std::string& key : ChainedKeys(job->name)) config.erase(key);
  config["seed"] = seed;
  return config;
}

StageJob NewJob(std::string name, std::vector<StageInput> inputs,
                std::vector<std::string> outputs) {
  StageJob job;
  job.name = std::move(name);
  job.inputs = std::move(inputs);
  job.outputs = std::move(outputs);
  return job;
}

std::string In(const std::string& run_dir, const std::string& name) {
  return (std::filesystem::path(run_dir) / name).string();
}

StageJob CleanJob(const PlanFile& file, const CleanStageOptions& base, const std::string& dir,
                  std::uint64_t seed) {
  CleanStageOptions o = base;
  o.output = In(dir, "clean.csv");
  o.report_path = In(dir, "clean.json");
  StageJob job = NewJob("clean", {{"sales", file.run.sales, false}}, {"clean.csv", "clean.json"});
  job.config = CheckedConfig(file, &job, CleanStageOptionTable(), o, seed);
  job.run = [o](RunContext& ctx, std::string* summary) {
    const CleanResult r = RunClean(o, ctx);
    *summary = r.Summary();
    return Json{{"skus", r.report["totals"]["series"]}};
  };
  return job;
}

StageJob ForecastJob(const PlanFile& file, const CleanStageOptions& sales, const std::string& dir,
                     std::uint64_t seed) {
  ForecastOptions o = SalesStageOptions(file, "forecast", ForecastOptionTable(), sales);
  o.future = file.run.future;
  o.output = In(dir, "forecast.json");
  // Tonight's anomalies of the excluded types are missing values in the history.
  if (Enabled(file.run, "detect") && !o.exclude_anomalies.empty()) {
    o.anomalies = In(dir, "anomalies.json");
  }
  o.keep_series = false;  // the artifact is streamed; the run needs only the counts
  StageJob job = NewJob("forecast", {{"sales", file.run.sales, false}}, {"forecast.json"});
  if (!o.future.empty()) job.inputs.push_back({"future", o.future, false});
  if (!o.anomalies.empty()) job.inputs.push_back({"detect", "anomalies.json", true});
  job.config = CheckedConfig(file, &job, ForecastOptionTable(), o, seed);
  job.run = [o](RunContext& ctx, std::string* summary) {
    ForecastStats stats;
    RunForecast(o, ctx, &stats);
    *summary = stats.Summary();
    return Json{{"skus", stats.series}, {"fallbacks", stats.fallbacks}};
  };
  return job;
}

StageJob DetectJob(const PlanFile& file, const CleanStageOptions& sales, const std::string& dir,
                   std::uint64_t seed) {
  // Detect runs before the forecast (whose history it cleans): its baseline is
  // the robust seasonal one, so nothing is fitted twice.
  DetectOptions o = SalesStageOptions(file, "detect", DetectOptionTable(), sales);
  o.output = In(dir, "anomalies.json");
  StageJob job = NewJob("detect", {{"sales", file.run.sales, false}}, {"anomalies.json"});
  job.config = CheckedConfig(file, &job, DetectOptionTable(), o, seed);
  job.run = [o](RunContext& ctx, std::string* summary) {
    const DetectSummary s = RunDetect(o, ctx);
    *summary = s.Summary();
    return Json{{"anomalies", s.anomalies}, {"by_type", s.by_type}};
  };
  return job;
}

StageJob PolicyJob(const PlanFile& file, const std::string& dir, std::uint64_t seed) {
  TrainRlOptions o;
  o.method = PolicyMethod::kAuto;  // the plan's default: exact where it fits, else (s,S)
  ApplySection(file, "policy", TrainRlOptionTable(), {}, &o);
  o.demand.forecast = In(dir, "forecast.json");
  o.items = file.run.items;
  o.stock = file.run.stock;
  o.output = In(dir, "policies.json");
  StageJob job = NewJob("policy", {{"forecast", "forecast.json", true}, {"items", o.items, false}},
                        {"policies.json"});
  if (!o.stock.empty()) job.inputs.push_back({"stock", o.stock, false});
  job.config = CheckedConfig(file, &job, TrainRlOptionTable(), o, seed);
  job.run = [o](RunContext& ctx, std::string* summary) {
    const TrainRlResult r = RunTrainRl(o, ctx);
    *summary = r.Summary();
    // A SKU without a policy is a warning; a method replaced by (s,S) is recorded
    // in the artifact but is the plan working as designed.
    int failed = 0;
    for (const Json& p : r.artifact["policies"]) failed += p["status"] != "ok";
    return Json{{"skus", r.artifact["policies"].size()}, {"fallbacks", failed}};
  };
  return job;
}

// The network night: tonight's purchase orders, DC shipments (and transfers)
// from the stores' forecasts, acting on detect's anomalies when detect runs.
StageJob NetworkJob(const PlanFile& file, const std::string& dir, std::uint64_t seed) {
  NetworkOptions o;
  ApplySection(file, "network", NetworkOptionTable(), {}, &o);
  o.network = file.run.network;
  o.forecast = In(dir, "forecast.json");
  o.stock = file.run.network_stock;
  o.output = In(dir, "network_plan.json");
  StageJob job =
      NewJob("network", {{"network", o.network, false}, {"forecast", "forecast.json", true}},
             {"network_plan.json"});
  if (!o.stock.empty()) job.inputs.push_back({"network-stock", o.stock, false});
  o.items = file.run.items;
  if (!o.items.empty()) job.inputs.push_back({"items", o.items, false});
  o.supplier_minimums = file.run.supplier_min;
  if (!o.supplier_minimums.empty()) {
    job.inputs.push_back({"supplier-min", o.supplier_minimums, false});
  }
  if (Enabled(file.run, "detect")) {
    o.anomalies = In(dir, "anomalies.json");
    job.inputs.push_back({"detect", "anomalies.json", true});
  }
  job.config = CheckedConfig(file, &job, NetworkOptionTable(), o, seed);
  job.run = [o](RunContext& ctx, std::string* summary) {
    const NetworkResult r = RunNetwork(o, ctx);
    *summary = r.Summary();
    return Json{{"skus", r.skus}, {"lines", r.lines}, {"blocked", r.blocked}};
  };
  return job;
}

StageJob OptimizeJob(const PlanFile& file, const std::string& dir, std::uint64_t seed) {
  OptimizeOptions o;
  ApplySection(file, "optimize", OptimizeOptionTable(), {}, &o);
  std::string value_from = PlanKey(file, "optimize", "value-from");
  if (value_from.empty()) value_from = Enabled(file.run, "policy") ? "policies" : "forecast";
  if (value_from != "policies" && value_from != "forecast") {
    throw SectionError(file, "optimize",
                       "value-from: expected policies or forecast, got \"" + value_from + "\"");
  }
  const bool by_policy = value_from == "policies";
  if (by_policy) {
    o.policies_path = In(dir, "policies.json");
  } else {
    o.forecast_path = In(dir, "forecast.json");
  }
  o.items_path = file.run.items;
  o.supplier_min_path = file.run.supplier_min;
  o.output = In(dir, "orders.json");
  o.csv_path = In(dir, "orders.csv");
  StageJob job = NewJob("optimize",
                        {by_policy ? StageInput{"policy", "policies.json", true}
                                   : StageInput{"forecast", "forecast.json", true},
                         {"items", o.items_path, false}},
                        {"orders.json", "orders.csv"});
  if (!o.supplier_min_path.empty()) {
    job.inputs.push_back({"supplier-min", o.supplier_min_path, false});
  }
  job.config = CheckedConfig(file, &job, OptimizeOptionTable(), o, seed);
  job.config["value-from"] = value_from;
  job.run = [o](RunContext& ctx, std::string* summary) {
    const OptimizeResult r = RunOptimize(o, ctx);
    *summary = r.Summary();
    return Json{{"order_lines", r.artifact["lines"].size()}, {"spend", r.artifact["budget_used"]}};
  };
  return job;
}

// The page of the run: every artifact the enabled stages write.
StageJob ReportJob(const PlanFile& file, const std::string& dir, std::uint64_t seed,
                   const std::set<std::string>& absent) {
  ReportOptions o;
  ApplySection(file, "report", ReportOptionTable(), {}, &o);
  o.output = In(dir, "report.html");
  StageJob job = NewJob("report", {}, {"report.html"});
  const std::pair<const char*, std::string ReportOptions::*> kArtifacts[] = {
      {"clean", &ReportOptions::sales},
      {"forecast", &ReportOptions::forecast},
      {"detect", &ReportOptions::anomalies},
      {"policy", &ReportOptions::policies},
      {"optimize", &ReportOptions::orders}};
  const std::map<std::string, std::string> kFile = {{"clean", "clean.csv"},
                                                    {"forecast", "forecast.json"},
                                                    {"detect", "anomalies.json"},
                                                    {"policy", "policies.json"},
                                                    {"optimize", "orders.json"}};
  for (const auto& [stage, field] : kArtifacts) {
    if (!Enabled(file.run, stage)) continue;
    // Imported without its clean.csv (merge joins the clean report only): the
    // page is drawn without the sales history.
    if (field == &ReportOptions::sales && absent.count(kFile.at(stage))) continue;
    o.*field = In(dir, kFile.at(stage));
    job.inputs.push_back({stage, kFile.at(stage), true});
  }
  job.config = CheckedConfig(file, &job, ReportOptionTable(), o, seed);
  job.run = [o](RunContext& ctx, std::string* summary) {
    const ReportResult r = RunReport(o, ctx);
    *summary = r.Summary();
    return Json{{"skus", r.skus}};
  };
  return job;
}

}  // namespace

bool IsShardedStage(const std::string& stage) {
  return stage == "clean" || stage == "detect" || stage == "forecast";
}

std::vector<StageJob> BuildStages(const PlanFile& file, const std::string& run_dir,
                                  std::uint64_t seed, const ShardOptions& shard,
                                  const std::set<std::string>& absent) {
  // [clean] is parsed first: forecast and detect read the sales with its keys.
  CleanStageOptions sales;
  ApplySection(file, "clean", CleanStageOptionTable(), {}, &sales);
  sales.ingest.input = file.run.sales;
  if (shard.active()) sales.ingest.shard = shard;

  std::vector<StageJob> jobs;
  jobs.push_back(CleanJob(file, sales, run_dir, seed));
  jobs.push_back(DetectJob(file, sales, run_dir, seed));
  jobs.push_back(ForecastJob(file, sales, run_dir, seed));
  jobs.push_back(PolicyJob(file, run_dir, seed));
  jobs.push_back(NetworkJob(file, run_dir, seed));
  jobs.push_back(OptimizeJob(file, run_dir, seed));
  jobs.push_back(ReportJob(file, run_dir, seed, absent));
  if (shard.active()) {
    // One piece of a job array: the stages that read the sales per series run on
    // this shard's series; the rest run once, on the merged artifacts (policies
    // are seeded by their place in the whole forecast, orders and the report see
    // every SKU).
    for (StageJob& job : jobs) {
      if (!IsShardedStage(job.name)) job.enabled = false;
    }
  }
  return jobs;
}

}  // namespace invplan::plan
