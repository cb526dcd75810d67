// invplan/merge.h — `invplan merge`: the artifacts of the N shards of one run
// (invplan/shard.h) joined into the artifact the unsharded run writes.
//
// Formats: invplan.forecast, invplan.anomalies, invplan.rl-policy and
// invplan.clean-report. The merged artifact's entries (series, records,
// policies) are those of the parts in the unsharded run's order (by SKU, then
// location; an anomaly's `row` renumbered to its place in the whole panel), the
// summaries and backtest aggregates recomputed by the stages' own functions, and
// the envelope that of the unsharded run: configuration without the shard,
// command and time of the merge, the parts' inputs.
//
// Checks, each an Error(kArtifact) (exit 4) naming the part and the reason:
//  * every part is an artifact of one format and one schema_version, and of a
//    shard (its configuration records --shard K/N);
//  * the same resolved configuration apart from the shard options, the output
//    paths and the log/thread settings (which do not change results);
//  * the same input checksums;
//  * the same N, and shards 0..N-1 each present exactly once;
//  * no SKU (with its location) twice, and each in the shard its hash names.
#pragma once

#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/options.h"
#include "invplan/run_context.h"

namespace invplan {

struct MergeOptions {
  std::string output;              // the merged artifact ("-": standard output)
  std::vector<std::string> parts;  // the shards' artifacts, in any order
};

// --output; the parts are the command's positional arguments.
const OptionTable<MergeOptions>& MergeOptionTable();

struct MergeResult {
  std::string format;
  std::size_t parts = 0;
  std::size_t entries = 0;  // series, records or policies merged
  std::string output;
  // One readable line: format, parts, entries, output.
  std::string Summary() const;
};

// Validates, checks the parts as above and writes the merged artifact atomically
// (nothing is written when a check fails).
MergeResult RunMerge(const MergeOptions& options, RunContext& ctx);

}  // namespace invplan
