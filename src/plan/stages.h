// The stages of a plan as jobs: each stage's options built from its plan-file
// section and the paths that chain the stages, the inputs and outputs the
// manifest tracks, and the call that runs it through the library.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/run_context.h"
#include "invplan/shard.h"
#include "plan/plan_file.h"

namespace invplan::plan {

struct StageInput {
  std::string role;  // sales, items, future, supplier-min, forecast
  std::string path;  // as given; for a chained input, the file name in the run directory
  bool chained = false;
};

struct StageJob {
  std::string name;
  bool enabled = true;
  std::vector<StageInput> inputs;
  std::vector<std::string> outputs;  // file names in the run directory
  // The resolved options without the chained paths (they change with every run
  // directory; their contents are tracked as inputs and outputs), plus the seed.
  Json config;
  // Runs the stage; fills `summary` and returns its counts for the manifest and
  // the metrics (skus, fallbacks, anomalies, by_type, order_lines, spend).
  std::function<Json(RunContext& ctx, std::string* summary)> run;
};

// The jobs in run order, their options resolved and validated and their outputs
// set to files in `run_dir`. Throws Error(kUsage) naming file, section and key
// for an unknown key, a bad value or a key that would override a chained path,
// and for enabled stages whose inputs are not given or not produced. With an
// active `shard`, the sales stages (IsShardedStage) read only the shard's series
// and every other stage is disabled: it runs once on the merged artifacts.
// `absent` names files of the run directory that will not be there (outputs of
// stages imported with --inputs-from that its directory lacks): the report
// goes without clean.csv then.
std::vector<StageJob> BuildStages(const PlanFile& file, const std::string& run_dir,
                                  std::uint64_t seed, const ShardOptions& shard = {},
                                  const std::set<std::string>& absent = {});

// clean, detect and forecast: the stages a sharded run runs.
bool IsShardedStage(const std::string& stage);

}  // namespace invplan::plan
