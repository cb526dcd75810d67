// Choosing one SKU's replenishment policy by the method asked for, and the
// rule that a policy is only used when it is good.
//
// Methods (--method):
//   q-learning  tabular Q-learning (rl/qlearning.h), evaluated against
//               base-stock, (s,S) and, where the state space allows, the exact
//               optimum (rl/evaluate.h). A learned table whose simulated average
//               reward is more than 1% below the best (s,S) policy's (same
//               demand path: common random numbers) is replaced by that policy.
//   optimal     the exact optimum by relative value iteration; the state space
//               must have at most --max-exact-states states.
//   s-S         the best (s,S) policy on the inventory position, by simulation.
//   base-stock  the best order-up-to level, by simulation.
//   auto        optimal where the state space fits --max-exact-states, else s-S.
// With a service level (fill-rate target) the policy is the most profitable one
// whose fill rate meets it: for optimal, the lost-sale penalty is raised by
// bisection until the optimal policy's fill rate meets the target; for (s,S)
// and base-stock, the search keeps only levels that meet it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/rl.h"
#include "rl/model.h"

namespace invplan::rl {

struct SolvedPolicy {
  std::string method;                // the method used (may differ from the one asked)
  std::string replaced;              // why the asked method's policy was replaced ("" none)
  std::vector<std::uint16_t> table;  // action per state
  std::vector<double> values;        // relative values; only for the exact optimum
  Model model;                       // the model the policy is for (penalty may differ)
  Json fields = Json::object();      // the policy's artifact fields (environment, ...)
};

// Solves one SKU. `demand_spec` is recorded in the artifact. Deterministic for
// a seed. Throws Error(kUsage) when the method cannot be applied (optimal on
// a state space above --max-exact-states, a service level no policy meets).
SolvedPolicy SolvePolicy(const Model& m, PolicyMethod method, std::optional<double> service_level,
                         const std::string& demand_spec, const QLearningOptions& learning,
                         const EvaluationOptions& evaluation, std::uint64_t seed, int threads);

// "auto", "optimal", ... as written in options and artifacts.
const char* PolicyMethodName(PolicyMethod m);

}  // namespace invplan::rl
