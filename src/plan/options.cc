// The options of `invplan run` (see invplan/options.h), declared once.
#include "invplan/error.h"
#include "invplan/plan.h"

namespace invplan {
namespace {

OptionTable<PlanOptions> MakeTable() {
  using O = PlanOptions;
  std::vector<std::pair<std::string, std::string>> stages;
  for (const std::string& s : PlanStageNames()) stages.emplace_back(s, s);
  OptionTable<O> t;
  t.Group("Plan");
  t.Text("config", &O::config,
         "Plan file (TOML): [run] inputs and out, one section per stage with its options", "FILE")
      .Required();
  t.Text("out", &O::out, "Output directory (overrides [run] out)", "DIR");
  t.Flag("force", &O::force, "Rerun every stage, also those that are up to date");
  t.Choice("from", &O::from, "Rerun this stage and every later one", stages);
  t.Choice("only", &O::only, "Run this stage only (its inputs must exist from an earlier run)",
           stages);
  t.Int("keep", &O::keep, "Run directories kept (never the one latest names)", 1, 100000);
  t.TextList("set", &O::set,
             "Override a plan-file key: SECTION.KEY=VALUE (e.g. forecast.horizon=14); repeatable",
             "SECTION.KEY=VALUE");
  t.Text("metrics", &O::metrics, "Write Prometheus metrics here (node_exporter textfile)", "FILE");
  t.Text("inputs-from", &O::inputs_from,
         "With --from STAGE: take the outputs of the stages before it from DIR (e.g. merged "
         "shards) instead of running them",
         "DIR");
  t.Include(ShardOptionTable(), &O::shard);
  t.Rule([](const O& o) {
    if (!o.from.empty() && !o.only.empty())
      throw UsageError("run: give --from or --only, not both");
    if (!o.inputs_from.empty() && o.from.empty())
      throw UsageError("run: --inputs-from needs --from STAGE (the first stage that runs)");
    if (!o.inputs_from.empty() && o.shard.active())
      throw UsageError(
          "run: --inputs-from runs the stages from --from once, on whole artifacts; not with "
          "--shard");
  });
  return t;
}

}  // namespace

const std::vector<std::string>& PlanStageNames() {
  // In the order they run (BuildStages).
  static const std::vector<std::string> kNames = {"clean",   "detect",   "forecast", "policy",
                                                  "network", "optimize", "report"};
  return kNames;
}

const OptionTable<PlanOptions>& PlanOptionTable() {
  static const OptionTable<PlanOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
