// The rows of an rl-policy artifact's `policy.table` (invplan/rl.h), read the
// same way by every stage that consumes one (simulate, report).
//
// Schema 2 writes a row as a flat array [on_hand, order, pipeline...] (the
// pipeline's orders oldest first, in units): a table lists every state reachable
// under the policy, up to hundreds of thousands of rows per SKU, and the object
// form {"on_hand": x, "pipeline": [...], "order": q} of schema 1 (still read)
// was most of an 89 MB artifact on the demo data.
#pragma once

#include <string>
#include <vector>

#include "invplan/artifact.h"

namespace invplan {

struct PolicyTableRow {
  int on_hand = 0;
  int order = 0;
  std::vector<int> pipeline;  // oldest first
};

// Every quantity must be an integer of at most kMaxPolicyQuantity in size.
constexpr int kMaxPolicyQuantity = 1000000000;

// The row as written by schema 2.
Json PolicyRowToJson(const PolicyTableRow& row);

// Reads a row of either schema into `row` (its pipeline is reused). Throws
// Error(kArtifact) naming `where` for a row of neither shape or a quantity that
// is not an integer in range (never truncated).
void ReadPolicyRow(const Json& json, const std::string& where, PolicyTableRow* row);

}  // namespace invplan
