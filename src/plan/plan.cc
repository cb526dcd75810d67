// RunPlan: read the plan, take the lock, run or reuse each stage, then switch
// `latest`, write the manifest and metrics and prune old runs.
#include "invplan/plan.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "common/artifact_envelope.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/ingest.h"
#include "plan/changes.h"
#include "plan/manifest.h"
#include "plan/metrics.h"
#include "plan/plan_file.h"
#include "plan/run_dir.h"
#include "plan/stages.h"

namespace invplan {
namespace {

namespace fs = std::filesystem;
using plan::FileRecord;
using plan::Manifest;
using plan::StageJob;
using plan::StageRecord;

std::string Join(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).string();
}

// Process CPU seconds (all threads) and peak resident memory so far.
struct Usage {
  double cpu = 0.0;
  std::uint64_t peak_rss = 0;
};
Usage ProcessUsage() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec * 1e-6; };
  return {seconds(ru.ru_utime) + seconds(ru.ru_stime),
          static_cast<std::uint64_t>(ru.ru_maxrss) * 1024};  // ru_maxrss is in KiB on Linux
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// What the loop over the stages needs besides the jobs.
struct RunState {
  std::chrono::steady_clock::time_point start;
  PlanOptions options;
  std::string out, run, run_dir;
  std::optional<Manifest> previous;
  std::string previous_dir;                       // where the previous manifest's outputs are
  std::map<std::string, std::string> input_sums;  // external inputs are hashed once per run
};

std::size_t StageIndex(const std::string& name) {
  const auto& names = PlanStageNames();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// The checksums of a job's inputs; a chained input must exist in the run dir.
std::vector<FileRecord> InputRecords(const StageJob& job, RunState* state) {
  std::vector<FileRecord> records;
  for (const plan::StageInput& in : job.inputs) {
    if (in.chained) {
      const std::string path = Join(state->run_dir, in.path);
      if (!fs::exists(path)) {
        throw UsageError("run: the " + job.name + " stage reads " + in.path + " of the " + in.role +
                         " stage, which no earlier run produced; run " + in.role + " first");
      }
      records.push_back({in.role, in.path, plan::FileSha256(path)});
      continue;
    }
    auto it = state->input_sums.find(in.path);
    if (it == state->input_sums.end()) {
      it = state->input_sums.emplace(in.path, plan::FileSha256(in.path)).first;
    }
    records.push_back({in.role, in.path, it->second});
  }
  return records;
}

// Links a previous record's outputs into this run; false when one is missing.
bool LinkOutputs(const StageRecord& previous, const RunState& state) {
  for (const FileRecord& f : previous.outputs) {
    if (!fs::exists(Join(state.previous_dir, f.path))) return false;
  }
  for (const FileRecord& f : previous.outputs)
    plan::LinkFile(state.previous_dir, state.run_dir, f.path);
  return true;
}

// A stage not run tonight (disabled, or not the --only stage): its previous
// outputs are linked when they exist, so the run directory is complete.
StageRecord Skipped(const StageJob& job, const StageRecord* previous, const RunState& state) {
  StageRecord rec;
  if (job.enabled && previous != nullptr && previous->status != "failed" &&
      !previous->outputs.empty() && LinkOutputs(*previous, state)) {
    rec = *previous;
  }
  rec.stage = job.name;
  rec.status = "skipped";
  rec.summary.clear();
  return rec;
}

RunContext StageContext(const RunContext& ctx, const StageJob& job) {
  RunContext s;
  s.threads = ctx.threads;
  s.seed = ctx.seed;
  s.progress = ctx.progress;
  s.cancel = ctx.cancel;
  s.run.command = ctx.run.command;
  s.run.config = job.config;
  s.run.config["threads"] = ctx.threads;
  return s;
}

// The counts an imported artifact's stage would have reported had it run here
// (so the summary and the metrics count the merged night's SKUs, fallbacks and
// anomalies), read from the artifact's totals; its per-series arrays are
// dropped while parsing. Checks the envelope: a wrong file is Error(kArtifact).
Json ImportedCounts(const std::string& stage, const std::string& path) {
  struct Kind {
    const char* file;
    const char* format;
    int schema;
    const char* bulky;  // the top-level array not kept
  };
  static const std::map<std::string, Kind> kKinds = {
      {"clean", {"clean.json", kCleanReportFormat, kCleanReportSchema, "series"}},
      {"detect", {"anomalies.json", kAnomaliesFormat, kAnomaliesSchema, "records"}},
      {"forecast", {"forecast.json", kForecastFormat, kForecastSchema, "series"}}};
  const auto it = kKinds.find(stage);
  if (it == kKinds.end() || fs::path(path).filename() != it->second.file) return Json::object();
  const Kind& kind = it->second;
  std::string top;
  auto drop_bulky = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 1 && event == Json::parse_event_t::key) top = parsed.get<std::string>();
    return !(depth == 2 && top == kind.bulky);
  };
  const Json doc = ParseArtifactText(ReadArtifactText(path), path, drop_bulky);
  CheckArtifactEnvelope(doc, path, kind.format, kind.schema);
  const Json none = Json::object();
  if (stage == "clean") {
    return Json{{"skus", doc.value("totals", none).value("series", std::uint64_t{0})}};
  }
  const Json summary = doc.value("summary", none);
  if (stage == "detect") {
    return Json{{"anomalies", summary.value("anomalies", std::uint64_t{0})},
                {"by_type", summary.value("by_type", none)}};
  }
  return Json{{"skus", summary.value("series", std::uint64_t{0})},
              {"fallbacks", summary.value("fallbacks", std::uint64_t{0})}};
}

// A stage before --from under --inputs-from: its outputs found in that
// directory are linked into the run (the run's input records name them there).
StageRecord Imported(const StageJob& job, const RunState& state) {
  StageRecord rec;
  rec.stage = job.name;
  rec.status = "imported";
  rec.config = job.config;
  const std::string& dir = state.options.inputs_from;
  for (const std::string& name : job.outputs) {
    const std::string path = Join(dir, name);
    if (!fs::exists(path)) continue;
    const std::string sha = plan::FileSha256(path);
    rec.inputs.push_back({"imported", path, sha});
    plan::LinkFile(dir, state.run_dir, name);
    rec.outputs.push_back({"", name, sha});
    rec.counts.update(ImportedCounts(job.name, path));
  }
  return rec;
}

// The outputs of the stages --inputs-from imports that its directory lacks.
// Throws Error(kUsage) when an imported stage has none of its outputs there.
std::set<std::string> AbsentImports(const std::vector<StageJob>& jobs, const PlanOptions& o) {
  std::set<std::string> absent;
  if (o.inputs_from.empty()) return absent;
  if (!fs::is_directory(o.inputs_from)) {
    throw UsageError("run: --inputs-from " + o.inputs_from + ": no such directory");
  }
  for (std::size_t i = 0; i < StageIndex(o.from); ++i) {
    if (!jobs[i].enabled) continue;
    std::string names;
    for (const std::string& name : jobs[i].outputs) {
      names += (names.empty() ? "" : ", ") + name;
      if (!fs::exists(Join(o.inputs_from, name))) absent.insert(name);
    }
    if (std::all_of(jobs[i].outputs.begin(), jobs[i].outputs.end(),
                    [&](const std::string& n) { return absent.count(n) > 0; })) {
      throw UsageError("run: --inputs-from " + o.inputs_from + " has no output of the " +
                       jobs[i].name + " stage (" + names + "), which runs before --from " + o.from +
                       "; put it there (e.g. invplan merge -o " +
                       Join(o.inputs_from, jobs[i].outputs.back()) + " ...)");
    }
  }
  return absent;
}

// Runs the job and records its outputs' checksums. A stage's Error is rethrown
// naming the stage, after the record says `failed`.
void RunJob(const StageJob& job, const RunContext& ctx, const RunState& state, StageRecord* rec) {
  RunContext stage_ctx = StageContext(ctx, job);
  try {
    rec->counts = job.run(stage_ctx, &rec->summary);
  } catch (const Error& e) {
    rec->status = "failed";
    rec->error = e.what();
    throw Error(e.kind(), "stage " + job.name + " failed: " + e.what());
  }
  for (const std::string& name : job.outputs) {
    rec->outputs.push_back({"", name, plan::FileSha256(Join(state.run_dir, name))});
  }
  rec->status = "ran";
}

// Decides and does what tonight's run does with stage `i`; `rec` is filled as
// far as it got when this throws.
void DoStage(std::size_t i, const StageJob& job, const RunContext& ctx, RunState* state,
             StageRecord* rec) {
  const PlanOptions& o = state->options;
  const StageRecord* previous = state->previous ? state->previous->Find(job.name) : nullptr;
  if (!job.enabled || (!o.only.empty() && o.only != job.name)) {
    *rec = Skipped(job, previous, *state);
    return;
  }
  if (!o.inputs_from.empty() && i < StageIndex(o.from)) {
    *rec = Imported(job, *state);
    return;
  }
  rec->stage = job.name;
  rec->config = job.config;
  rec->inputs = InputRecords(job, state);
  const bool forced = o.force || o.only == job.name || (!o.from.empty() && i >= StageIndex(o.from));
  if (!forced && plan::UpToDate(previous, rec->inputs, job.config, state->previous_dir) &&
      LinkOutputs(*previous, *state)) {
    *rec = *previous;
    rec->status = "up to date";
    rec->summary.clear();
    return;
  }
  RunJob(job, ctx, *state, rec);
}

// The result's counts from the stage records (also for stages reused tonight).
PlanResult Result(const Manifest& manifest, const RunState& state, double seconds) {
  PlanResult r;
  r.out_dir = state.out;
  r.run_dir = state.run_dir;
  r.seconds = seconds;
  for (const StageRecord& rec : manifest.stages) {
    r.stages.push_back({rec.stage, rec.status, rec.wall_seconds, rec.cpu_seconds,
                        rec.peak_rss_bytes, rec.summary});
    const Json& c = rec.counts;
    if (c.contains("skus")) r.skus = c["skus"].get<std::uint64_t>();
    r.forecast_fallbacks += c.value("fallbacks", std::uint64_t{0});
    r.anomalies += c.value("anomalies", std::uint64_t{0});
    r.order_lines += c.value("order_lines", std::uint64_t{0});
    r.order_spend += c.value("spend", 0.0);
    if (c.contains("by_type")) {
      for (const auto& [type, n] : c["by_type"].items()) {
        r.anomalies_by_type[type] += n.get<std::uint64_t>();
      }
    }
  }
  return r;
}

// Every enabled stage has its outputs in the run directory.
bool Complete(const std::vector<StageJob>& jobs, const Manifest& manifest) {
  for (const StageJob& job : jobs) {
    const StageRecord* rec = manifest.Find(job.name);
    if (job.enabled && (rec == nullptr || rec->outputs.empty())) return false;
  }
  return true;
}

// The envelope of the manifest: the run's record, with the external files the
// stages read as its inputs.
RunInfo ManifestRun(const RunContext& ctx, const RunState& state) {
  RunInfo run = ctx.run;
  for (const auto& [path, sha256] : state.input_sums) {
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(path, ec);
    run.inputs.push_back({path, ec ? 0 : static_cast<std::uint64_t>(bytes), sha256, ""});
  }
  return run;
}

// A failed run: its manifest (in the run directory and as OUT/manifest.json, so
// the stages that did run are reused next time) and metrics; latest stays.
void FinishFailed(Manifest* manifest, const RunContext& ctx, const RunState& state) {
  manifest->status = "failed";
  manifest->seconds = Since(state.start);
  const RunInfo run = ManifestRun(ctx, state);
  plan::WriteManifest(Join(state.run_dir, "manifest.json"), *manifest, run);
  plan::WriteManifest(Join(state.out, "manifest.json"), *manifest, run);
  if (!state.options.metrics.empty()) {
    plan::WriteMetrics(state.options.metrics, Result(*manifest, state, manifest->seconds), false);
  }
}

// Runs or reuses every stage in order. A stage's Error is recorded as a failed
// run and rethrown.
void RunStages(const std::vector<StageJob>& jobs, const RunContext& ctx, RunState* state,
               Manifest* manifest) {
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const auto stage_start = std::chrono::steady_clock::now();
    const double cpu_before = ProcessUsage().cpu;
    StageRecord rec;
    auto measure = [&] {
      const bool skipped = rec.status == "skipped";
      rec.wall_seconds = skipped ? 0.0 : Since(stage_start);
      rec.cpu_seconds = skipped ? 0.0 : ProcessUsage().cpu - cpu_before;
      rec.peak_rss_bytes = ProcessUsage().peak_rss;
    };
    try {
      DoStage(i, jobs[i], ctx, state, &rec);
    } catch (const Error& e) {
      rec.stage = jobs[i].name;
      rec.status = "failed";
      rec.config = jobs[i].config;
      rec.outputs.clear();
      if (rec.error.empty()) rec.error = e.what();
      measure();
      manifest->stages.push_back(rec);
      FinishFailed(manifest, ctx, *state);
      throw;
    }
    measure();
    manifest->stages.push_back(rec);
  }
}

// A run whose stages all went through: the run directory's manifest first, so
// that `latest` never names a run without one, then latest, OUT/manifest.json,
// the metrics and pruning.
PlanResult FinishRun(const std::vector<StageJob>& jobs, Manifest* manifest, const RunContext& ctx,
                     const RunState& state) {
  const bool complete = Complete(jobs, *manifest);
  manifest->status = complete ? "succeeded" : "incomplete";
  // Against the last good plan, before latest moves to tonight's.
  const std::string last = Join(state.out, "latest");
  manifest->changes = plan::WriteChanges(fs::exists(last) ? last : "", state.run_dir);
  manifest->seconds = Since(state.start);
  const RunInfo run = ManifestRun(ctx, state);
  plan::WriteManifest(Join(state.run_dir, "manifest.json"), *manifest, run);
  if (complete) plan::SwitchLatest(state.out, state.run);
  plan::WriteManifest(Join(state.out, "manifest.json"), *manifest, run);
  PlanResult result = Result(*manifest, state, manifest->seconds);
  result.latest_switched = complete;
  if (!state.options.metrics.empty()) {
    plan::WriteMetrics(state.options.metrics, result, complete);
  }
  plan::PruneRuns(state.out, state.options.keep, state.run);
  return result;
}

}  // namespace

// Phases: read the plan, lock OUT, build and check every stage's options, then
// run or reuse the stages and finish the run.
PlanResult RunPlan(const PlanOptions& options, RunContext& ctx) {
  RunState state;
  state.start = std::chrono::steady_clock::now();
  PlanOptionTable().Validate(options);
  plan::PlanFile file = plan::ReadPlanFile(options.config);
  plan::ApplyOverrides(options.set, &file);
  state.options = options;
  state.out = options.out.empty() ? file.run.out : options.out;
  if (state.out.empty()) {
    throw UsageError(options.config + ": [run] out is not set; set it or give --out DIR");
  }
  const plan::RunLock lock(state.out);
  plan::RemoveInterruptedRuns(state.out);
  state.run = plan::FreeRunName(state.out);
  state.run_dir = Join(state.out, state.run);
  std::vector<StageJob> jobs = plan::BuildStages(file, state.run_dir, ctx.seed, options.shard);
  const std::set<std::string> absent = AbsentImports(jobs, options);
  if (!absent.empty()) {
    jobs = plan::BuildStages(file, state.run_dir, ctx.seed, options.shard, absent);
  }
  for (const std::string* stage : {&options.from, &options.only}) {
    if (!stage->empty() && !jobs[StageIndex(*stage)].enabled) {
      throw UsageError("run: stage " + *stage + " is not enabled in " + options.config);
    }
  }
  state.previous = plan::ReadManifest(Join(state.out, "manifest.json"));
  if (state.previous) state.previous_dir = Join(state.out, state.previous->run);
  fs::create_directories(state.run_dir);

  Manifest manifest;
  manifest.run = state.run;
  RunStages(jobs, ctx, &state, &manifest);
  return FinishRun(jobs, &manifest, ctx, state);
}

std::string PlanResult::Summary() const {
  std::string text;
  std::map<std::string, int> by_status;
  char buf[128];
  for (const PlanStageReport& s : stages) {
    ++by_status[s.status];
    std::snprintf(buf, sizeof buf, "run: %-8s %-10s %6.2f s", s.stage.c_str(), s.status.c_str(),
                  s.wall_seconds);
    text += buf + (s.summary.empty() ? "" : "  " + s.summary) + "\n";
  }
  std::string counts;
  for (const auto& [status, n] : by_status) {
    counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + status;
  }
  std::snprintf(buf, sizeof buf, "%.2f", order_spend);
  text += "run: " + counts + "; " + std::to_string(skus) + " SKUs, " +
          std::to_string(forecast_fallbacks) + " fallbacks (warnings), " +
          std::to_string(anomalies) + " anomalies, " + std::to_string(order_lines) +
          " order lines, spend " + buf + " -> " +
          (latest_switched ? Join(out_dir, "latest") + " (" + run_dir + ")"
                           : run_dir + " (latest not switched: a stage has no outputs)");
  return text;
}

}  // namespace invplan
