// What changed since the last good plan: per SKU, the quantity ordered in the
// plan `latest` names and tonight's, with the main reason, as changes.csv in the
// run directory and a summary for the manifest.
//
// changes.csv: sku,last_quantity,quantity,change,reason — every SKU ordered in
// either plan, and every SKU new or dropped since. The main reason is the first
// that applies: "new SKU", "dropped SKU", "forecast mean changed by +12.5%"
// (the per-period demand mean its policy faces, when it moved by 5% or more),
// "position changed from 120 to 80" (on hand plus on order), "constraint
// binding (budget, ...)" (its own inputs did not change, but tonight's plan
// orders it less than it wanted), "constraint no longer binding (...)" (last
// night's plan ordered it less than it wanted), "unchanged", else "policy".
#pragma once

#include <string>

#include "invplan/artifact.h"

namespace invplan::plan {

// Reads orders.json (and policies.json when present) of `last_dir` (may be
// empty or lack them: every SKU is then new) and of `run_dir`; writes
// run_dir/changes.csv. Returns {skus, changed, by_reason: {reason kind: n}}, or
// null when tonight has no orders.json.
Json WriteChanges(const std::string& last_dir, const std::string& run_dir);

}  // namespace invplan::plan
