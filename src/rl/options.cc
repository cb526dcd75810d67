// The options of `invplan train-rl` and `invplan simulate`, declared once (see
// invplan/options.h). The environment and demand groups are shared by both.
#include <climits>
#include <limits>

#include "invplan/error.h"
#include "invplan/rl.h"
#include "rl/qlearning.h"
#include "rl/service_levels.h"

namespace invplan {
namespace {

constexpr long long kIntMax = INT_MAX;

OptionTable<EnvironmentOptions> MakeEnvironmentTable() {
  using E = EnvironmentOptions;
  OptionTable<E> t;
  t.Group("Environment");
  t.Int("lead-time", &E::lead_time, "Lead time L in periods (0 = same period)", 0, kIntMax);
  t.Number("price", &E::price, "Revenue per unit sold", std::nullopt, std::nullopt);
  t.Number("unit-cost", &E::unit_cost, "Purchase cost per unit ordered", std::nullopt,
           std::nullopt);
  t.Number("holding-cost", &E::holding_cost, "Cost per unit left at the end of a period",
           std::nullopt, std::nullopt);
  t.Number("lost-sale-penalty", &E::lost_sale_penalty,
           "Penalty per unit of lost demand (backorders: per unit backordered per period)",
           std::nullopt, std::nullopt);
  t.Number("fixed-order-cost", &E::fixed_order_cost, "Fixed cost of placing an order", std::nullopt,
           std::nullopt);
  t.Int("max-inventory", &E::max_inventory, "Storage limit in units; stock above it is lost", -1,
        kIntMax, {{"auto", -1}});
  t.Int("max-order", &E::max_order, "Largest order in units", -1, kIntMax, {{"auto", -1}});
  t.Int("order-step", &E::order_step, "Orders are multiples of this (e.g. pack size)", 1, kIntMax);
  t.Int("min-order", &E::min_order, "Minimum order quantity when ordering", 0, kIntMax);
  t.Int("max-backlog", &E::max_backlog,
        "Backorders: largest backlog; demand beyond it is lost (auto: max inventory)", -1, kIntMax,
        {{"auto", -1}});
  t.Int("unit", &E::unit, "Model stock and orders in lots of this many units (0 = automatic)", 0,
        kIntMax);
  t.Choice("unmet", &E::unmet, "Unmet demand is lost or backordered",
           std::vector<std::pair<std::string, UnmetDemand>>{
               {"lost", UnmetDemand::kLost}, {"backorder", UnmetDemand::kBackorder}});
  return t;
}

OptionTable<DemandOptions> MakeDemandTable() {
  using D = DemandOptions;
  OptionTable<D> t;
  t.Group("Demand");
  t.Text("demand", &D::demand,
         "Demand: poisson:LAMBDA | negbin:MEAN,VARIANCE | empirical:sales.csv", "SPEC");
  t.Text("forecast", &D::forecast, "Forecast artifact: per-period means and intervals as demand",
         "FILE");
  t.Text("sku", &D::sku, "The SKU (empirical demand, forecast series, policy file)", "SKU");
  return t;
}

const OptionTable<DemandOptions>& DemandTable() {
  static const OptionTable<DemandOptions> kTable = MakeDemandTable();
  return kTable;
}

// The environment fields given explicitly, by field name (lead_time, ...): they
// override the items master and a policy file's environment.
template <class T>
void RecordGiven(T& o, const std::string& option) {
  std::string field = option;
  for (char& c : field) {
    if (c == '-') c = '_';
  }
  o.env_given.insert(field);
}

OptionTable<QLearningOptions> MakeLearningTable() {
  using Q = QLearningOptions;
  OptionTable<Q> t;
  t.Group("Q-learning");
  t.Int("episodes", &Q::episodes,
        "Training episodes (all-actions, sampled; each starts in a random state or, every other "
        "one, empty)",
        1, kIntMax);
  t.Int("steps", &Q::steps, "Periods per episode", 1, kIntMax);
  t.Number("gamma", &Q::gamma, "Discount factor of the Q-learning target", 0.0, 1.0, true, true);
  t.Number("alpha-power", &Q::alpha_power, "Learning rate 1/(1+visits)^power", 0.0, 1.0, true);
  t.Number("alpha-min", &Q::alpha_min, "Floor of the learning rate", 0.0, 1.0, false, true);
  t.Number("epsilon-start", &Q::epsilon_start, "Exploration rate at the start", 0.0, 1.0);
  t.Number("epsilon-end", &Q::epsilon_end, "Exploration rate at the end of the decay", 0.0, 1.0);
  t.Number("epsilon-decay", &Q::epsilon_decay,
           "Fraction of training over which exploration decays linearly", 0.0, 1.0, true);
  t.Choice("update", &Q::update,
           "all-states: each sampled demand updates every order of every state (a sweep); "
           "all-actions: every order of the visited state; sampled: only the order taken",
           std::vector<std::pair<std::string, QUpdate>>{{"all-states", QUpdate::kAllStates},
                                                        {"all-actions", QUpdate::kAllActions},
                                                        {"sampled", QUpdate::kSampled}});
  t.Int("sweeps", &Q::sweeps,
        "all-states: sampled demands, each a sweep of every state (auto: 25 M state-periods, at "
        "least 200 and 25 periods with demand, at most episodes x steps)",
        1, std::numeric_limits<std::int64_t>::max(), {{"auto", 0}});
  t.Choice("learn-cost-at", &Q::cost_at_sale,
           "sale: learn with units paid for when they leave stock (same long-run average, no "
           "discounting bias against ordering early); order: as the environment pays",
           std::vector<std::pair<std::string, bool>>{{"sale", true}, {"order", false}});
  t.Int("curve-points", &Q::curve_points, "Points of the learning curve", 1, 1000000);
  return t;
}

OptionTable<EvaluationOptions> MakeEvaluationTable() {
  using V = EvaluationOptions;
  OptionTable<V> t;
  t.Group("Evaluation");
  t.Int("eval-periods", &V::periods, "Simulated periods per evaluated policy", 1000, 1000000000);
  t.Int("warmup", &V::warmup, "Periods discarded at the start of each simulation", 0, 100000000);
  t.Int("max-exact-states", &V::max_exact_states,
        "Solve for the exact optimum up to this many states (0 = never)", 0, 1LL << 40);
  t.Int("max-states", &V::max_states, "Automatic --unit: the largest state space accepted", 1,
        1LL << 40);
  t.Custom(
       "no-search", "Skip the base-stock and (s,S) search", "",
       [](V& o, const std::string& text) { o.search = !option_text::ParseBool("no-search", text); },
       [](const V& o) { return std::string(o.search ? "false" : "true"); })
      .AsFlag();
  return t;
}

OptionTable<TrainRlOptions> MakeTrainRlTable() {
  using O = TrainRlOptions;
  OptionTable<O> t;
  t.Include(DemandTable(), &O::demand);
  t.Text("items", &O::items, "Items master CSV (with --forecast): costs and constraints per SKU",
         "FILE");
  t.Text("stock", &O::stock,
         "Stock snapshot CSV (with --items): sku,on_hand rows and sku,quantity,expected_date "
         "open orders (default: the items master's on_hand and on_order)",
         "FILE");
  t.Group("Policy");
  t.Choice(
      "method", &O::method,
      "q-learning (replaced by the best (s,S) when >1% worse), optimal (exact), s-S, "
      "base-stock, or auto (exact where the state space fits, else s-S)",
      std::vector<std::pair<std::string, PolicyMethod>>{{"q-learning", PolicyMethod::kQLearning},
                                                        {"auto", PolicyMethod::kAuto},
                                                        {"optimal", PolicyMethod::kOptimal},
                                                        {"s-S", PolicyMethod::kSs},
                                                        {"base-stock", PolicyMethod::kBaseStock}});
  t.OptionalNumber("service-level", &O::service_level,
                   "Fill-rate target: the most profitable policy whose fill rate meets it "
                   "(e.g. 0.95)",
                   0.0, 1.0);
  t.Text("class-service-levels", &O::class_service_levels,
         "Fill-rate targets per service_class of the items master (e.g. A:0.98,B:0.95); an "
         "item's own service_level column wins",
         "MAP");
  t.Group("Output");
  t.Text("output", &O::output, "Policy artifact JSON (- for stdout)", "FILE").Short('o').Required();
  t.Include(EnvironmentOptionTable(), &O::env, RecordGiven<O>);
  t.Include(MakeLearningTable(), &O::learning);
  t.Include(MakeEvaluationTable(), &O::evaluation);
  t.Include(ShardOptionTable(), &O::shard);
  t.Rule([](const O& o) {
    if (o.shard.active() && o.demand.forecast.empty()) {
      throw UsageError("train-rl: --shard needs --forecast (one policy per forecast series)");
    }
    const bool by_forecast = !o.demand.forecast.empty();
    if (by_forecast == !o.demand.demand.empty()) {
      throw UsageError("train-rl: give exactly one of --demand and --forecast");
    }
    if (!o.items.empty() && !by_forecast) {
      throw UsageError("train-rl: --items needs --forecast (one policy per forecast series)");
    }
    if (o.service_level && !(*o.service_level > 0.0 && *o.service_level < 1.0)) {
      throw UsageError("--service-level must be a fill rate strictly between 0 and 1");
    }
    if (!o.class_service_levels.empty() && o.items.empty()) {
      throw UsageError("train-rl: --class-service-levels needs --items (its service_class column)");
    }
    rl::ParseClassServiceLevels(o.class_service_levels);
    if (!o.class_service_levels.empty() && o.method == PolicyMethod::kQLearning) {
      throw UsageError("--class-service-levels needs a --method other than q-learning");
    }
    if (!o.stock.empty() && o.items.empty()) {
      throw UsageError("train-rl: --stock needs --items (tonight's state of each SKU)");
    }
    rl::ValidateQLearning(o.learning);
  });
  return t;
}

// "s,S" of --s-S.
void ParseSS(SimulateOptions& o, const std::string& text) {
  const auto comma = text.find(',');
  try {
    if (comma == std::string::npos) throw std::invalid_argument("");
    std::size_t a = 0, b = 0;
    o.s = std::stoi(text.substr(0, comma), &a);
    o.S = std::stoi(text.substr(comma + 1), &b);
    if (a != comma || b != text.size() - comma - 1 || o.S < 0) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw UsageError("--s-S: expected two integers s,S with S >= 0, got \"" + text + "\"");
  }
}

OptionTable<SimulateOptions> MakeSimulateTable() {
  using O = SimulateOptions;
  OptionTable<O> t;
  t.Group("Policy");
  t.Text("policy", &O::policy_path, "Policy artifact from train-rl", "FILE");
  t.Int("base-stock", &O::base_stock, "Order up to S every period", -1, kIntMax, {{"", -1}});
  t.Custom("s-S", "(s,S) policy: when the position is <= s, order up to S (e.g. 4,10)", "s,S",
           ParseSS, [](const O& o) {
             return o.S < 0 ? std::string() : std::to_string(o.s) + "," + std::to_string(o.S);
           });
  t.Include(DemandTable(), &O::demand);
  t.Group("Output");
  t.Text("output", &O::output, "Simulation artifact JSON (- for stdout)", "FILE").Short('o');
  t.Include(EnvironmentOptionTable(), &O::env, RecordGiven<O>);
  t.Group("Simulation");
  t.Int("periods", &O::periods, "Periods per replication", 1, 1000000000);
  t.Int("replications", &O::replications, "Independent replications", 1, 100000);
  t.Int("warmup", &O::warmup, "Periods discarded at the start of each replication", 0, 100000000);
  t.Int("initial-on-hand", &O::initial_on_hand, "Stock at the start", -kIntMax, kIntMax);
  t.Rule([](const O& o) {
    const int chosen = !o.policy_path.empty() + (o.base_stock >= 0) + (o.S >= 0);
    if (chosen != 1) {
      throw UsageError("simulate: give exactly one of --policy, --base-stock and --s-S");
    }
    if (o.S >= 0 && o.s >= o.S) throw UsageError("simulate: --s-S needs s < S");
    if (!o.demand.demand.empty() && !o.demand.forecast.empty()) {
      throw UsageError("simulate: give at most one of --demand and --forecast");
    }
  });
  return t;
}

}  // namespace

const OptionTable<EnvironmentOptions>& EnvironmentOptionTable() {
  static const OptionTable<EnvironmentOptions> kTable = MakeEnvironmentTable();
  return kTable;
}

const OptionTable<TrainRlOptions>& TrainRlOptionTable() {
  static const OptionTable<TrainRlOptions> kTable = MakeTrainRlTable();
  return kTable;
}

const OptionTable<SimulateOptions>& SimulateOptionTable() {
  static const OptionTable<SimulateOptions> kTable = MakeSimulateTable();
  return kTable;
}

}  // namespace invplan
