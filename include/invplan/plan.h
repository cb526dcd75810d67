// invplan/plan.h — `invplan run`: tonight's plan in one command.
//
// RunPlan reads a plan file (TOML) and runs the enabled stages of the nightly
// chain in order, in-process: clean, forecast, detect, optimize.
//
//   [run]       sales, items, future, supplier-min (input paths), out (the
//               output directory), stages (default: all four)
//   [clean] [forecast] [detect] [optimize]
//               keys are exactly that command's long option names, set through
//               the stage's option table (same parsing and messages as the
//               command line). Paths that chain the stages (input, output,
//               forecast, items, ...) are set by the run and refused in a
//               section; forecast and detect read the sales with the ingest and
//               cleaning keys of [clean], so every stage sees the same panel.
//
// Contracts:
//  * Every run writes OUT/runs/<UTC YYYYmmddTHHMMSSZ>/ (a "-NN" suffix when a
//    run of the same second exists) with every stage's outputs: stages that are
//    up to date or skipped get their previous outputs hard-linked (or copied).
//  * OUT/latest, a symlink, is switched atomically to the new run only when
//    every enabled stage has its outputs; a failed or killed run leaves it on
//    the last good plan. A failed run's directory keeps its manifest; a killed
//    run's (no manifest) is removed by the next run. `keep` prunes the oldest.
//  * OUT/manifest.json (format invplan.run-manifest, also in the run directory)
//    records per stage: inputs (path, sha256), the resolved configuration,
//    outputs (path, sha256), status (ran | up to date | failed | skipped |
//    imported: taken from --inputs-from), wall
//    and CPU seconds and the process's peak RSS.
//  * A stage is `up to date`, and not run, when its inputs' checksums, its
//    configuration and its previous outputs are unchanged since the last run
//    that produced them. A stage that reruns changes its artifacts' checksums,
//    so every stage reading them reruns too. `force` reruns all; `from` reruns
//    that stage and every later one; `only` runs one stage (its inputs must
//    exist from an earlier run).
//  * One run per OUT at a time: OUT/.lock is held with flock(); a second run
//    fails at once with Error(kUsage) "OUT is locked by another invplan run
//    (pid N)".
//  * A failed stage stops the stages after it; its Error is rethrown with the
//    same kind, the message prefixed with the stage's name. A SKU that falls
//    back inside a stage is only counted (warnings), never a failure.
//  * `metrics`, when set, gets Prometheus text (node_exporter's textfile
//    collector), written atomically on success and on failure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/options.h"
#include "invplan/run_context.h"
#include "invplan/shard.h"

namespace invplan {

constexpr const char* kRunManifestFormat = "invplan.run-manifest";
constexpr int kRunManifestSchema = 1;

// The stages of the chain, in the order they run.
const std::vector<std::string>& PlanStageNames();

struct PlanOptions {
  std::string config;   // the plan file (TOML)
  std::string out;      // output directory; overrides [run] out
  bool force = false;   // rerun every stage
  std::string from;     // rerun this stage and every later one
  std::string only;     // run this stage only
  int keep = 14;        // run directories kept (the one `latest` names is never removed)
  std::string metrics;  // Prometheus text file ("" none)
  // Overrides of the plan file's keys, "SECTION.KEY=VALUE" (e.g.
  // "forecast.horizon=14", "run.sales=today.csv"); they win over the file.
  std::vector<std::string> set;
  // One piece of a job array: clean, detect and forecast on this shard's series
  // only; the other stages are skipped (they run once on the merged artifacts).
  ShardOptions shard;
  // With `from`: the stages before it are not run but imported, their outputs
  // taken from this directory (e.g. the merged artifacts of a sharded night:
  // clean.json, anomalies.json, forecast.json), so the stages from `from` on run
  // once on them. A stage's output missing there is left out; the report then
  // goes without it (clean.csv: no sales history), any other reader fails.
  std::string inputs_from;
};

// The options of `invplan run`, declared once (invplan/options.h).
const OptionTable<PlanOptions>& PlanOptionTable();

struct PlanStageReport {
  std::string stage;
  std::string status;  // ran | up to date | failed | skipped | imported
  double wall_seconds = 0.0;
  double cpu_seconds = 0.0;
  std::uint64_t peak_rss_bytes = 0;
  std::string summary;  // the stage's own summary line when it ran
};

struct PlanResult {
  std::string out_dir;  // OUT
  std::string run_dir;  // OUT/runs/<timestamp>
  bool latest_switched = false;
  std::vector<PlanStageReport> stages;
  std::uint64_t skus = 0;
  std::uint64_t forecast_fallbacks = 0;  // warnings: SKUs forecast by a simpler model
  std::uint64_t anomalies = 0;
  std::map<std::string, std::uint64_t> anomalies_by_type;
  std::uint64_t order_lines = 0;
  double order_spend = 0.0;
  double seconds = 0.0;
  // A line per stage and a closing line with the counts and where the plan is.
  std::string Summary() const;
};

// Runs the plan as described above. Throws Error(kUsage) for a bad plan file or
// options (naming file, section and key), and a failed stage's Error.
PlanResult RunPlan(const PlanOptions& options, RunContext& ctx);

}  // namespace invplan
