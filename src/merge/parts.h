// Reading the parts of a merge and the checks that they are the N shards of one
// run (invplan/merge.h lists them).
#pragma once

#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/shard.h"

namespace invplan::merge {

struct Part {
  std::string path;
  std::string name;  // as shown in messages
  Json doc;
  ShardOptions shard;
};

// The part's inputs but those made by its own shard (an earlier stage's
// artifact of the same piece, which differs between pieces by design).
Json SharedInputs(const Part& part);

// Reads every part (Error(kBadInput) when one cannot be opened, Error(kArtifact)
// when it is not an artifact of a supported format from a shard) and checks
// format, schema, configuration, inputs and the set of shards. Returns the parts
// ordered by shard.
std::vector<Part> ReadParts(const std::vector<std::string>& paths);

// The key of an entry: SKU and location ("" when absent).
struct Key {
  std::string sku, location;
  bool operator<(const Key& o) const {
    const int c = sku.compare(o.sku);
    return c != 0 ? c < 0 : location < o.location;
  }
  bool operator==(const Key& o) const { return sku == o.sku && location == o.location; }
};
Key KeyOf(const Json& entry, const Part& part, const char* what);

// The entries of `field` of every part, stably sorted by key (the unsharded
// order): one SKU's entries keep their order. Throws Error(kArtifact) when a key
// is in two parts or in a part its hash does not name. `unique`: one entry per
// key (series, policies), else several (anomaly records).
std::vector<std::pair<Key, Json>> MergedEntries(std::vector<Part>& parts, const char* field,
                                                bool unique);

// Throws Error(kArtifact) unless `field` is the same in every part.
void CheckSame(const std::vector<Part>& parts, const char* field);

}  // namespace invplan::merge
