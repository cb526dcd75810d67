// Exact long-run average reward of the environment by relative value iteration
// (White's method with an aperiodicity transform). Each sweep gives bounds
// min_s (TV - V)(s) <= g* <= max_s (TV - V)(s) on the optimal average reward g*
// (Odoni's bounds); iteration stops when they are within `tolerance` relative.
#pragma once

#include <cstdint>
#include <vector>

#include "rl/model.h"

namespace invplan::rl {

struct ValueIterationResult {
  double gain = 0.0;  // midpoint of the bounds
  double lower = 0.0, upper = 0.0;
  int iterations = 0;
  bool converged = false;
  std::vector<std::uint16_t> policy;  // greedy action per state (smallest order on ties)
  // Relative values h(s) of the final sweep (h(empty start state) = 0): the
  // expected reward of starting in s rather than in the reference state, so
  // r(s,a) + E h(next) - (r(s,0) + E h(next_0)) is the value of action a over
  // ordering nothing.
  std::vector<double> values;
};

// `fixed` (optional): evaluate that policy (action per state) instead of
// optimising; its bounds converge when the policy has a single recurrent class.
ValueIterationResult RelativeValueIteration(const Model& m, double tolerance, int max_iterations,
                                            int threads,
                                            const std::vector<std::uint16_t>* fixed = nullptr);

}  // namespace invplan::rl
