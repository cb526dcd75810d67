// invplan/network.h — `invplan network`: multi-echelon planning of
// distribution centres (DCs) feeding stores, from a forecast per store and SKU.
//
// Inputs: the network file (network/network_file.h: location, parent,
// lead_time, holding_cost[, capacity][, transport_cost]); a forecast artifact
// whose series carry a location (each a store of the network); optionally the
// stock per location (`stock`: CSV sku,location,on_hand[,on_order], missing
// rows mean 0).
//
// Method, per SKU (the header of network/distribution.h states the model):
//  * store i: demand over lead time + 1 review period, the forecast's periods
//    summed (common/forecast_distribution.h SumDemand): mean mu_i, sd sigma_i;
//  * DC: the stores' demand summed over the DC's lead time (SumDemand over
//    every store's periods; stores independent);
//  * stockout cost p = service_level / (1 - service_level) times the store's
//    holding cost (the newsvendor cost whose fractile is the target service);
//  * echelon base-stock levels by Clark–Scarf/Chen–Zheng under the balance
//    assumption; a store whose parent is a supplier gets its newsvendor level.
// Tonight's plan: the DC orders up to its echelon level (echelon inventory
// position = stock and stock in transit at the DC and its stores), each store
// asks for max(0, S_i - position_i); when the DC's on-hand stock cannot cover
// every store, the split maximises expected profit (exact greedy on concave
// marginal gains). Quantities are whole units.
//
// With `simulate` DAYS > 0 the plan's policy runs through DAYS days of demand,
// `replications` times, beside "every location alone" (each store at the
// newsvendor level of the target service (alone_service_level when given), the
// DC at the same service for its
// own demand over lead time + review) with the same random demand (common
// random numbers). Demand per store and day is drawn from that period's
// forecast distribution, rounded, floored at 0, both policies starting at the
// plan's stock (network/simulate.h); sales
// that a store cannot serve are lost. Reported per location and for the
// system: fill rate, average stock on hand, lost sales, cost, each with a 95%
// confidence interval over replications.
//
// With `items`, the items master's rows set per SKU (and, with a `location`
// column, per SKU and location) the lead time, holding cost, service level,
// pack size and moq (network/item_rules.h says which value wins where).
//
// With `anomalies`, recent data_error records block a SKU's orders and
// shipments at their location and supply_delay records leave that location's
// on_order out of tonight's position (network/anomaly_actions.h); each action
// is listed in the plan's `actions` with its effect.
//
// Output: artifact "invplan.network_plan" (envelope of invplan/artifact.h):
//   service_level, method, locations [{location, parent, role, lead_time,
//   holding_cost}], skus [{sku, levels: [{location, echelon_base_stock,
//   base_stock, safety_stock, demand_mean, demand_sd}]}], lines [{from, to,
//   sku, quantity, kind: purchase|shipment|transfer}] (purchase orders from
//   suppliers, DC->store shipments, store->store transfers),
//   actions [{sku, location, type, date, effect, note}] (with anomalies),
//   constraints {status, solver, objective, bound, budget, budget_used,
//   capacities, notes}, not_ordered, binding (with budget, capacities or
//   supplier minimums),
//   simulation (when asked).
// With `orders`, the lines also go out as an orders artifact ("invplan.orders",
// mode "network", each line with from, to and kind: invplan/orders.h) that the
// report reads.
// Same inputs and seed give the same artifact whatever the thread count.
//
// Depth: a root with stores only below it is the two-echelon model above; a
// deeper tree (supplier -> regional DC -> DC -> stores) is planned by the
// balance decomposition applied recursively (network/tree_policy.h states the
// approximation; exact for a serial chain). `simulate` covers networks of at
// most two echelons: a deeper one is Error(kBadInput) naming its row.
// capacity is enforced at the locations that buy from suppliers (with
// `budget` and `supplier_minimums`: network/constraints.h), the plan's
// `constraints` object, `not_ordered` and `binding` say what was cut; transport_cost counts in the
// simulated cost and, with `transfers`, in the lateral transfers between
// stores under one DC (network/transfers.h), whose lines have kind "transfer".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "invplan/options.h"
#include "invplan/run_context.h"

namespace invplan {

constexpr const char* kNetworkPlanFormat = "invplan.network_plan";
constexpr int kNetworkPlanSchema = 1;

struct NetworkOptions {
  std::string network;     // network.csv
  std::string forecast;    // forecast artifact with locations
  std::string stock;       // CSV sku,location,on_hand[,on_order]; "" none
  std::string items;       // items master (common/items.h) with location rows; "" none
  std::string anomalies;   // invplan.anomalies artifact acted on; "" none
  int anomaly_days = 7;    // records dated within this many days of the latest history day
  bool transfers = false;  // lateral transfers between stores under one DC
  bool gsm = false;        // also safety-stock placement by the guaranteed-service model
  std::string output;      // the network_plan artifact
  std::string orders;      // also the lines as an orders artifact (network/orders_out.h); "" none
  // Purchase constraints (network/constraints.h); location capacities come
  // from the network file.
  std::optional<double> budget;   // summed unit_cost x purchase quantity
  std::string supplier_minimums;  // CSV supplier,min_value (optimize's format)
  double service_level = 0.95;
  double alone_service_level = 0.0;  // target of the "alone" comparison; 0: service_level
  int simulate = 0;                  // days; 0: no simulation
  int replications = 20;
  int warmup = 30;  // days simulated before the statistics start
};

// The options of `invplan network`, declared once (invplan/options.h).
const OptionTable<NetworkOptions>& NetworkOptionTable();

struct NetworkResult {
  std::string output;
  std::uint64_t skus = 0, locations = 0, lines = 0;
  double units_ordered = 0.0, units_shipped = 0.0, units_transferred = 0.0;
  std::uint64_t blocked = 0, delayed = 0;  // anomaly actions taken
  std::uint64_t not_ordered = 0;           // purchases cut by the constraints
  bool simulated = false;
  double fill_rate = 0.0, fill_rate_alone = 0.0;  // system, simulated
  double stock = 0.0, stock_alone = 0.0;          // average units on hand, simulated
  double seconds = 0.0;
  std::string Summary() const;
};

// Validates the options, reads the inputs, plans, writes the artifact; appends
// the inputs it reads to ctx.run.inputs. Errors: Error(kUsage) for options,
// Error(kBadInput) for the network file, stock file or a forecast location that
// is not a store, Error(kArtifact) for a forecast artifact that is not one.
NetworkResult RunNetwork(const NetworkOptions& options, RunContext& ctx);

}  // namespace invplan
