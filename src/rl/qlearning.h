// Tabular Q-learning on the environment of rl/model.h.
//
// With all_states (the default) each sampled period's demand updates every
// action of every state in one sweep (synchronous Q-learning); the other modes
// follow one ε-greedy trajectory per episode.
//
// The update is the classic one, Q(s,a) <- Q(s,a) + alpha (r + gamma max_b Q(s',b)
// - Q(s,a)), with epsilon-greedy exploration decaying linearly, a learning rate
// 1/(1+n)^power decaying with the visits n, and optimistic initial values.
// Because demand does not depend on the order, the period's demand also tells
// what every other order would have earned and where it would have led; with
// all_actions the update is applied to every action of the visited state with
// that same demand. All actions then share their noise, so the differences
// between them (all that the greedy policy depends on) settle far faster.
// With cost_at_sale the learner charges the unit cost when units leave the
// system rather than when they are ordered (see QLearningOptions): the same
// long-run average for every policy, without the discount's bias towards
// ordering late. Rewards reported (curve, evaluation) are always the true ones.
#pragma once

#include <cstdint>
#include <vector>

#include "invplan/rl.h"
#include "rl/model.h"

namespace invplan::rl {

struct CurvePoint {
  std::int64_t step = 0;       // periods trained so far
  double epsilon = 0.0;        // exploration rate at the end of the chunk
  double reward = 0.0;         // average reward per period while training in the chunk
  double greedy_reward = 0.0;  // average reward of the greedy policy then (short simulation)
};

struct QLearningResult {
  std::vector<std::uint16_t> policy;  // greedy action per state
  std::vector<CurvePoint> curve;
  std::int64_t steps = 0;    // periods simulated (all_states: demands sampled, one sweep each)
  std::int64_t updates = 0;  // Q-values updated
  double seconds = 0.0;      // training time (excluding the curve's greedy checks)
  double cpu_seconds = 0.0;  // CPU time of the training thread (same exclusion)
};

// all_states with sweeps = 0: enough sampled demands for kSweepStatePeriods
// state-periods, at least kMinQSweeps and kDemandPeriods / P(demand > 0), at
// most episodes x steps.
constexpr std::int64_t kSweepStatePeriods = 25000000;
constexpr std::int64_t kMinQSweeps = 200;
constexpr double kDemandPeriods = 25;  // and at least this many expected periods with demand
std::int64_t SweepCount(const Model& m, const QLearningOptions& o);

// Throws Error(kUsage) for bad options or a Q-table that would not fit in memory.
QLearningResult TrainQLearning(const Model& m, const QLearningOptions& o, std::uint64_t seed);

// Checks the options without training (Error(kUsage)).
void ValidateQLearning(const QLearningOptions& o);

}  // namespace invplan::rl
