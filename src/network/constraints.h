// Budget, capacity and supplier minimums on tonight's purchase orders of the
// network plan, solved exactly by optimize's order selection (SelectOrders in
// invplan/optimize.h: the same model, minimum file and solvers as
// `invplan optimize`).
//
// The lines cut are the purchases (supplier -> DC, supplier -> store supplied
// directly); shipments and transfers move stock already on hand and are kept.
// Each purchase of SKU s at location L is a group whose choices are the
// quantities L may order: 0 or moq rounded up to whole packs, then one pack
// more at a time, up to the planned quantity (at most kMaxChoices, evenly
// spaced whole packs beyond that: the selection is exact over these choices,
// so a cut line may end up to one spacing below what a finer grid would give). A choice's
//   cost   = quantity x unit_cost (items master; 0 without one), and it counts
//            toward the supplier minimum of the item's supplier (else L's parent);
//   value  = the expected cost per period it saves at L's echelon: a newsvendor
//            on the demand L's echelon level covers (EchelonParams in
//            network/policy.h) with L's holding cost and the stockout cost whose
//            critical fractile is that level, so the value rises up to the
//            planned quantity and the plan without constraints is the optimum;
//            values are rounded to whole millionths of the largest one (the
//            solvers' value step), the selection exact for those;
//   weight = cost in the budget row; quantity in the row "capacity L" when L
//            has a capacity.
// CAPACITY (units, summed over every SKU of the stock file, planned tonight or
// not) is enforced where purchases arrive: at
// such a location L, on hand + on order + tonight's purchases + tonight's
// shipments and transfers in - those out <= capacity. The capacity of a store
// fed by a DC is recorded, not enforced (its shipments are not cut).
// A location already above its capacity before tonight gets no purchase (its
// row's right-hand side is 0) and a note.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/items.h"
#include "invplan/artifact.h"
#include "network/policy.h"
#include "network/sku_plan.h"
#include "network/stock_file.h"

namespace invplan::network {

constexpr int kMaxChoices = 50;

struct PurchaseLimits {
  std::optional<double> budget;
  std::string supplier_min_path;  // "" none
  double time_limit = 60.0;
};

// True when `limits` or a capacity of a purchasing location asks for a selection.
bool HasPurchaseLimits(const Network& net, const PurchaseLimits& limits);

// Cuts the purchase lines in `lines` (per SKU, parallel to `skus`, `nets` and
// `policy`) to the optimum and returns the artifact's "constraints" object:
// {status, solver, objective, bound, budget, budget_used, capacities [{location,
// capacity, before, used}], notes[]} plus not_ordered[] and binding[] as
// optimize writes them (a group named "SKU at L"). Lines cut to 0 are removed.
Json ConstrainPurchases(const Network& net, const std::vector<std::string>& skus,
                        const std::vector<const Network*>& nets,
                        const std::vector<SkuPolicy>& policy, const ItemsMaster& items,
                        const StockMap& stock, const PurchaseLimits& limits, RunInfo* run,
                        std::vector<std::vector<Line>>* lines);

}  // namespace invplan::network
