// invplan/rl.h — the train-rl and simulate stages: a periodic-review inventory
// environment, tabular Q-learning of an ordering policy, and its evaluation
// against base-stock, (s,S) and the exact optimum (relative value iteration).
//
// The environment (one SKU, whole units), each period t:
//  1. State: on_hand (stock at the start of the period, after this period's
//     arrival) and pipeline = the orders placed 1..L-1 periods ago that have not
//     arrived, oldest first (empty when the lead time L <= 1).
//  2. Action: order q in {0} ∪ {q = k·order_step, min_order <= q <= max_order}.
//     Cost unit_cost·q + fixed_order_cost·[q>0].
//  3. L = 0: available = min(on_hand + q, max_inventory); otherwise available = on_hand.
//  4. Demand D. Lost sales: sales = min(available, D), lost = D - sales,
//     end = available - sales. Reward = price·sales - unit_cost·q
//     - fixed_order_cost·[q>0] - holding_cost·end - lost_sale_penalty·lost.
//     Backorders: end = available - D (negative = backlog, capped at
//     -max_backlog; demand beyond the cap is lost), every unit of demand not lost
//     is eventually sold: reward = price·(D - lost) - order cost
//     - holding_cost·max(end,0) - lost_sale_penalty·(max(-end,0) + lost).
//  5. Next on_hand: L = 0: end; L = 1: min(end + q, max_inventory);
//     L >= 2: min(end + pipeline[0], max_inventory), the pipeline shifts and appends q.
// Stock above max_inventory is discarded (already paid for).
//
// Both stages throw invplan::Error: kUsage for bad parameters, kBadInput for
// unreadable inputs, kArtifact for a policy file that is not one.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/ingest.h"
#include "invplan/options.h"
#include "invplan/run_context.h"
#include "invplan/shard.h"

namespace invplan {

constexpr const char* kPolicyFormat = "invplan.rl-policy";
// Schema 2: policy.table rows are [on_hand, order, pipeline...] (schema 1:
// objects; both are read).
constexpr int kPolicySchema = 2;
constexpr const char* kSimulationFormat = "invplan.simulation";
constexpr int kSimulationSchema = 1;

enum class UnmetDemand { kLost, kBackorder };

// What one sampled period's demand updates: every action of every state (a
// synchronous sweep), every action of the visited state, or only the action
// taken there (the textbook update).
enum class QUpdate { kAllStates, kAllActions, kSampled };

struct EnvironmentOptions {
  int lead_time = 0;
  double price = 0.0;
  double unit_cost = 0.0;
  double holding_cost = 1.0;
  double lost_sale_penalty = 4.0;  // per unit lost (backorders: per unit per period)
  double fixed_order_cost = 0.0;
  int max_inventory = -1;  // -1: automatic (see README)
  int max_order = -1;      // -1: automatic
  int order_step = 1;      // e.g. the pack size
  int min_order = 0;       // minimum order quantity (MOQ) when ordering at all
  int max_backlog = -1;    // backorders only; -1: max_inventory
  // Units per modelled lot: demand, stock and orders are counted in lots of this
  // many units (rounded), which keeps the state space small for fast movers.
  // 0: automatic (train-rl picks the smallest lot that fits --max-states).
  int unit = 1;
  UnmetDemand unmet = UnmetDemand::kLost;
};

// Where demand comes from (exactly one of `demand` and `forecast`).
struct DemandOptions {
  // "poisson:LAMBDA", "negbin:MEAN,VARIANCE", "empirical:sales.csv" (with `sku`).
  std::string demand;
  std::string forecast;  // forecast artifact; per-period means and interval widths
  std::string sku;       // the SKU for empirical demand or a single forecast series
  IngestOptions ingest;  // for empirical demand (input is taken from the spec)
  CleanOptions clean;
};

struct QLearningOptions {
  int episodes = 500;
  int steps = 10000;           // periods per episode
  double gamma = 0.95;         // discount of the Q-learning target (chosen by experiment)
  double alpha_power = 0.6;    // learning rate 1/(1+n(s))^power, n(s) = visits of the state
  double alpha_min = 0.001;    // floor of the learning rate
  double epsilon_start = 1.0;  // exploration, decaying linearly ...
  double epsilon_end = 0.01;   // ... to this value ...
  double epsilon_decay = 0.8;  // ... over this fraction of training
  QUpdate update = QUpdate::kAllStates;
  // kAllStates: demands sampled (one sweep of every state each); 0 = automatic,
  // kSweepStatePeriods / states, at least kMinSweeps and at most episodes x steps.
  std::int64_t sweeps = 0;
  // Learn on a re-timed reward: units are paid for when they leave the system
  // (sold, or discarded above max_inventory) instead of when ordered. Every
  // policy keeps its long-run average reward (the difference telescopes: it is
  // unit_cost times the change of the inventory position), but the discounted
  // problem no longer favours ordering late merely because payment is deferred.
  bool cost_at_sale = true;
  int curve_points = 40;  // points of the learning curve
};

struct EvaluationOptions {
  std::int64_t periods = 1000000;           // simulated periods per policy (common random numbers)
  int warmup = 1000;                        // periods discarded before measuring
  std::int64_t max_exact_states = 1000000;  // relative value iteration up to this size
  std::int64_t max_states = 200000;         // automatic --unit: the largest state space accepted
  double tolerance = 1e-7;                  // relative gap between the value-iteration bounds
  bool search = true;                       // base-stock and (s,S) search
};

// How a policy is chosen (see README "Policies"): Q-learning (checked, and
// replaced by the best (s,S) policy when more than 1% worse), the exact optimum,
// the best (s,S) or base-stock policy, or auto (exact where it fits, else (s,S)).
enum class PolicyMethod { kQLearning, kAuto, kOptimal, kSs, kBaseStock };

struct TrainRlOptions {
  EnvironmentOptions env;
  std::set<std::string> env_given;  // fields set explicitly (override items.csv)
  DemandOptions demand;
  std::string items;  // items master CSV: one policy per SKU (with forecast)
  // Stock snapshot CSV (with --items): tonight's on hand and open orders; without
  // it the items master's on_hand and on_order give the stock.
  std::string stock;
  PolicyMethod method = PolicyMethod::kQLearning;
  // Fill-rate target in (0,1): the most profitable policy that meets it.
  std::optional<double> service_level;
  // Targets per class, "A:0.98,B:0.95" (with --items, by its service_class
  // column; an item's own service_level column wins over both).
  std::string class_service_levels;
  QLearningOptions learning;
  EvaluationOptions evaluation;
  std::string output;  // policy artifact ("-" = stdout, empty = none)
  // Train only the SKUs of this shard (with --forecast), each with the seed it
  // has in the unsharded run: give every piece the same (merged) forecast.
  ShardOptions shard;
};

// The environment options shared by train-rl and simulate (--lead-time ...).
const OptionTable<EnvironmentOptions>& EnvironmentOptionTable();

// The options of `invplan train-rl`, declared once (invplan/options.h). Setting
// an environment option records it in env_given.
const OptionTable<TrainRlOptions>& TrainRlOptionTable();

struct TrainRlResult {
  Json artifact;
  std::string output;
  // Readable lines: one per trained policy and a total.
  std::string Summary() const;
};

// Validates the options (TrainRlOptionTable), trains, evaluates and writes the
// policy artifact (format invplan.rl-policy).
TrainRlResult RunTrainRl(const TrainRlOptions& options, RunContext& ctx);

struct SimulateOptions {
  std::string policy_path;  // policy artifact, or:
  int base_stock = -1;      // order up to S every period, or:
  int s = -1, S = -1;       // (s,S): when the position is <= s order up to S
  std::string sku;          // which SKU of a multi-SKU policy artifact
  EnvironmentOptions env;
  std::set<std::string> env_given;  // fields given on the command line override the policy's
  DemandOptions demand;             // empty: the policy artifact's demand distribution
  std::int64_t periods = 10000;
  int replications = 20;
  int warmup = 100;
  int initial_on_hand = 0;
  std::string output;
};

// The options of `invplan simulate`, declared once. --sku sets both `sku` and
// `demand.sku`; setting an environment option records it in env_given.
const OptionTable<SimulateOptions>& SimulateOptionTable();

struct SimulateResult {
  Json artifact;
  std::string output;
  std::string Summary() const;
};

// Validates the options (SimulateOptionTable), simulates and writes the
// artifact (format invplan.simulation).
SimulateResult RunSimulate(const SimulateOptions& options, RunContext& ctx);

}  // namespace invplan
