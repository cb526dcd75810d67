#include "rl/evaluate.h"

#include <cmath>

#include "common/policy_table.h"
#include "invplan/error.h"
#include "rl/qlearning.h"
#include "rl/simulation.h"
#include "rl/value_iteration.h"

namespace invplan::rl {
namespace {

// Relative shortfall of `value` against `reference` (positive: worse).
Json Gap(double reference, double value) {
  const double scale = std::fabs(reference);
  if (!(scale > 0.0)) return nullptr;
  return (reference - value) / scale;
}

}  // namespace

Json StatsJson(const Model& m, const SimStats& st) {
  Json j;
  j["average_reward"] = st.AverageReward();
  j["ci95"] = BatchHalfWidth(st.batches);
  j["fill_rate"] = st.FillRate();
  j["stockout_share"] = st.periods ? static_cast<double>(st.stockout_periods) / st.periods : 0.0;
  j["average_stock"] = st.periods ? st.stock * m.unit / st.periods : 0.0;
  j["order_share"] = st.periods ? static_cast<double>(st.orders) / st.periods : 0.0;
  return j;
}

Json DemandToJson(const Demand& d, const std::string& spec) {
  Json j;
  j["spec"] = spec;
  j["description"] = d.description;
  j["mean"] = d.Mean();
  j["variance"] = d.Variance();
  j["pmf"] = d.pmf;
  return j;
}

Demand DemandFromJson(const Json& j, const std::string& where) {
  Demand d;
  try {
    d.pmf = j.at("pmf").get<std::vector<double>>();
    d.description = j.value("description", std::string("from ") + where);
  } catch (const std::exception& e) {
    throw ArtifactError(where + ": bad 'demand' object: " + e.what());
  }
  double total = 0.0;
  for (double p : d.pmf) {
    if (!(p >= 0.0)) throw ArtifactError(where + ": demand probabilities must be >= 0");
    total += p;
  }
  if (d.pmf.empty() || std::fabs(total - 1.0) > 1e-6) {
    throw ArtifactError(where + ": demand probabilities do not sum to 1");
  }
  for (double& p : d.pmf) p /= total;
  return d;
}

Json PolicyRows(const Model& m, const std::vector<std::uint16_t>& policy) {
  Json rows = Json::array();
  PolicyTableRow row;
  for (std::int64_t s : ReachableStates(m, policy, m.StartState(0))) {
    row.on_hand = m.OnHand(s) * m.unit;
    row.order = m.qty[policy[s]] * m.unit;
    row.pipeline = m.Pipeline(s);
    for (int& q : row.pipeline) q *= m.unit;
    rows.push_back(PolicyRowToJson(row));
  }
  return rows;
}

Json TrainAndEvaluate(const Model& m, const std::string& demand_spec,
                      const QLearningOptions& learning, const EvaluationOptions& ev,
                      std::uint64_t seed, int threads, std::vector<std::uint16_t>* learned_table) {
  if (ev.periods < 1000 || ev.warmup < 0) {
    throw UsageError("--eval-periods must be at least 1000 and --warmup non-negative");
  }
  Json out;
  out["environment"] = m.ToJson();
  out["demand"] = DemandToJson(m.demand, demand_spec);

  const QLearningResult q = TrainQLearning(m, learning, DeriveSeed(seed, 10));
  Json t;
  t["episodes"] = learning.episodes;
  t["steps"] = learning.steps;
  t["gamma"] = learning.gamma;
  t["alpha_power"] = learning.alpha_power;
  t["alpha_min"] = learning.alpha_min;
  t["epsilon_start"] = learning.epsilon_start;
  t["epsilon_end"] = learning.epsilon_end;
  t["epsilon_decay"] = learning.epsilon_decay;
  t["update"] = learning.update == QUpdate::kAllStates    ? "all-states"
                : learning.update == QUpdate::kAllActions ? "all-actions"
                                                          : "sampled-action";
  if (learning.update == QUpdate::kAllStates) t["sweeps"] = q.steps;
  t["learn_cost_at"] = learning.cost_at_sale ? "sale" : "order";
  t["periods"] = q.steps;
  t["q_updates"] = q.updates;
  t["seconds"] = q.seconds;
  t["periods_per_second"] = q.seconds > 0 ? q.steps / q.seconds : 0.0;
  t["cpu_seconds"] = q.cpu_seconds;
  t["periods_per_cpu_second"] = q.cpu_seconds > 0 ? q.steps / q.cpu_seconds : 0.0;
  out["training"] = t;
  Json curve = Json::array();
  for (const CurvePoint& p : q.curve) {
    curve.push_back({{"periods", p.step},
                     {"epsilon", p.epsilon},
                     {"reward", p.reward},
                     {"greedy_reward", p.greedy_reward}});
  }
  out["learning_curve"] = curve;
  Json policy;
  policy["states"] = m.num_states;
  policy["table"] = PolicyRows(m, q.policy);
  out["policy"] = policy;

  // Every policy is judged on the same demand path; the search for base-stock
  // and (s,S) uses a different one, so their scores are not flattered by
  // having been picked on the path that judges them.
  const std::int64_t n = ev.periods + ev.warmup;
  const std::vector<int> path = DemandPath(m.demand, n, DeriveSeed(seed, 20));
  const std::int64_t start = m.StartState(0);
  Json e;
  e["periods"] = ev.periods;
  e["warmup"] = ev.warmup;
  const SimStats learned = Simulate(m, TablePolicy{&q.policy}, path, n, ev.warmup, start);
  e["learned"] = StatsJson(m, learned);
  Json gaps;
  if (ev.search) {
    const std::vector<int> search_path =
        DemandPath(m.demand, std::min<std::int64_t>(n, 200000 + ev.warmup), DeriveSeed(seed, 21));
    const SsChoice bs = SearchBaseStock(m, search_path, ev.warmup);
    const SimStats bs_stats = Simulate(m, SsPolicy(m, bs.s, bs.S), path, n, ev.warmup, start);
    Json b = StatsJson(m, bs_stats);
    b["S"] = bs.S * m.unit;
    e["base_stock"] = b;
    const SsChoice ss = SearchSs(m, search_path, ev.warmup);
    const SimStats ss_stats = Simulate(m, SsPolicy(m, ss.s, ss.S), path, n, ev.warmup, start);
    Json sj = StatsJson(m, ss_stats);
    sj["s"] = ss.s * m.unit;
    sj["S"] = ss.S * m.unit;
    e["s_S"] = sj;
    gaps["to_base_stock"] = Gap(bs_stats.AverageReward(), learned.AverageReward());
    gaps["to_s_S"] = Gap(ss_stats.AverageReward(), learned.AverageReward());
  }
  if (m.num_states <= ev.max_exact_states) {
    const ValueIterationResult vi = RelativeValueIteration(m, ev.tolerance, 100000, threads);
    const SimStats opt = Simulate(m, TablePolicy{&vi.policy}, path, n, ev.warmup, start);
    Json o = StatsJson(m, opt);
    o["exact_average_reward"] = vi.gain;
    o["bounds"] = {vi.lower, vi.upper};
    o["iterations"] = vi.iterations;
    o["converged"] = vi.converged;
    e["optimal"] = o;
    // The learned policy's own exact value, when it has a single recurrent class.
    const ValueIterationResult own =
        RelativeValueIteration(m, ev.tolerance, 2000, threads, &q.policy);
    e["learned"]["exact_average_reward"] = own.converged ? Json(own.gain) : Json(nullptr);
    gaps["to_optimal"] = Gap(opt.AverageReward(), learned.AverageReward());
    gaps["to_optimal_ci95"] =
        std::fabs(opt.AverageReward()) > 0
            ? PairedHalfWidth(opt.batches, learned.batches) / std::fabs(opt.AverageReward())
            : 0.0;
    gaps["to_exact_optimum"] =
        own.converged ? Gap(vi.gain, own.gain) : Gap(vi.gain, learned.AverageReward());
  } else {
    e["optimal"] = nullptr;
    e["optimal_skipped"] =
        "state space of " + std::to_string(m.num_states) + " states is above --max-exact-states";
  }
  e["gaps"] = gaps;
  out["evaluation"] = e;
  if (learned_table) *learned_table = q.policy;
  return out;
}

}  // namespace invplan::rl
