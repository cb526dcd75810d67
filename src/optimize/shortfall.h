// The SKUs a plan leaves short: for each SKU, the line it would get without the
// constraints (its candidate of highest value, when that value is positive),
// compared with the line chosen, and which constraints stood in the way.
#pragma once

#include <vector>

#include "invplan/artifact.h"
#include "invplan/optimize.h"
#include "optimize/problem.h"

namespace invplan::optimize {

struct Shortfall {
  Json not_ordered = Json::array();  // [{sku, wanted, ordered, reasons[]}]
  Json binding = Json::array();      // constraint names named by any reason, sorted
};

// `pick`: chosen candidate per group (-1 none). A reason is a constraint that
// the wanted line would break in place of the chosen one, the others' choices
// kept: "budget", "capacity", "supplier minimum" (its supplier's orders would
// stay below the minimum); "the other SKUs' lines are worth more" when none
// alone would.
Shortfall FindShortfall(const OptimizeOptions& o, const Problem& p, const std::vector<int>& pick);

}  // namespace invplan::optimize
