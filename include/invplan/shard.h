// invplan/shard.h — one piece of N of a per-SKU stage, for job arrays (Slurm
// --array, Kubernetes Indexed Jobs, AWS Batch array jobs, GNU parallel).
//
// A series (SKU with its location) belongs to shard
//   ShardHash(sku, location) mod N
// where ShardHash is FNV-1a 64 over the bytes of the SKU, one byte 0x1f (unit
// separator) and the bytes of the location ("" without a location column). The
// hash depends on the key alone, never on the file's order or on N's other
// shards, so the N pieces of a run are disjoint and their union is every series.
//
// Options (ShardOptionTable, included by forecast, detect, clean, train-rl and
// `invplan run`): --shard K/N, or --shards N with --shard-from-env VAR (K read
// from the environment variable VAR when the option is set, e.g.
// SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX). Artifacts record both in their
// resolved configuration ("shard": "K/N"); `invplan merge` puts the pieces back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "invplan/options.h"

namespace invplan {

struct ShardOptions {
  int index = -1;        // K, 0-based; -1 with count 0: not sharded
  int count = 0;         // N; 0: not sharded
  std::string from_env;  // the variable K was read from ("" when given as K/N)

  bool active() const { return count > 0; }
  // True when the series (sku, location) is in this shard (always when not sharded).
  bool Contains(std::string_view sku, std::string_view location) const;
  // "K/N", or "" when not sharded.
  std::string Text() const;
};

// FNV-1a 64 of sku + '\x1f' + location (see above).
std::uint64_t ShardHash(std::string_view sku, std::string_view location);
// ShardHash(sku, location) mod count.
int ShardOf(std::string_view sku, std::string_view location, int count);

// --shard, --shards, --shard-from-env: the group "Sharding" shared by every
// per-SKU stage. Their checks (K below N, --shard-from-env with --shards) run
// with the including table's Validate.
const OptionTable<ShardOptions>& ShardOptionTable();

// The resolved-configuration keys of ShardOptionTable (what may differ between
// the pieces of one run).
bool IsShardOptionName(const std::string& name);

}  // namespace invplan
