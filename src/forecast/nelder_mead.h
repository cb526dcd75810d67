// Derivative-free minimisation by the simplex variant of Nash's Compact
// Numerical Methods for Computers (1990, algorithm 19), the one R's optim and
// ets use: exponential smoothing likelihoods are not smooth at the bounds,
// where gradients mislead.
#pragma once

#include <functional>
#include <vector>

namespace invplan::forecast::detail {

struct SimplexResult {
  double value = 0;
  int evaluations = 0;
};

// Minimises fn over x (in place) from one simplex with an edge of a tenth of
// the largest |x_i| along every axis. Reflection 1, expansion 2, contraction
// 0.5: after a reflection that does not beat the best point it always tries
// a contraction, and shrinks towards the best point only when both fail.
// Non-finite values count as 1e35. Stops when the spread of the values is
// within reltol * (|f(x0)| + reltol), when a shrink no longer reduces the
// simplex, or after max_evaluations calls.
SimplexResult MinimiseNash(const std::function<double(const std::vector<double>&)>& fn,
                           std::vector<double>* x, int max_evaluations, double reltol);

}  // namespace invplan::forecast::detail
