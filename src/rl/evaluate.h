// Training one policy and judging it: Q-learning, then a long simulation with
// common random numbers of the learned policy, the best base-stock and (s,S)
// policies, and the exact optimum from relative value iteration when the state
// space is small enough.
#pragma once

#include <cstdint>

#include "invplan/rl.h"
#include "rl/model.h"
#include "rl/simulation.h"

namespace invplan::rl {

// The fields of one policy in the invplan.rl-policy artifact: environment,
// demand, training, learning_curve, policy, evaluation. `threads` is for value
// iteration. Deterministic for a given seed. `learned_table` (optional)
// receives the learned table (action per state).
Json TrainAndEvaluate(const Model& m, const std::string& demand_spec,
                      const QLearningOptions& learning, const EvaluationOptions& evaluation,
                      std::uint64_t seed, int threads,
                      std::vector<std::uint16_t>* learned_table = nullptr);

// Simulated outcome of a policy as written in artifacts: average_reward, ci95,
// fill_rate, stockout_share, average_stock, order_share.
Json StatsJson(const Model& m, const SimStats& stats);

// The greedy table as artifact rows {on_hand, pipeline, order} in units, for the
// states reachable from an empty start.
Json PolicyRows(const Model& m, const std::vector<std::uint16_t>& policy);

// Demand as written in artifacts (with the probability table, so simulate can
// reproduce it).
Json DemandToJson(const Demand& d, const std::string& spec);
Demand DemandFromJson(const Json& j, const std::string& where);

}  // namespace invplan::rl
