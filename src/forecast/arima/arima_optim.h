// Quasi-Newton minimisation (BFGS with backtracking line search, in the
// manner of R's optim "BFGS") with central-difference gradients.
#pragma once
#include <functional>
#include <vector>

namespace invplan::forecast::detail {

struct BfgsResult {
  double value = 0;
  int iterations = 0;
  int evaluations = 0;
  bool converged = false;  // false when the iteration limit was reached
};

// Minimises fn over x (in place). fn may return +inf for infeasible points;
// fn(x) at the start must be finite. step: finite-difference step.
// gradient, when given, writes the gradient of fn at x and returns true, or
// returns false to have it estimated by differences at that point.
using GradientFn = std::function<bool(const double* x, double* gradient)>;
BfgsResult MinimiseBfgs(const std::function<double(const double*)>& fn, std::vector<double>* x,
                        int max_iter = 100, double reltol = 1.490116119384765625e-8,
                        double step = 1e-3, const GradientFn& gradient = nullptr);

}  // namespace invplan::forecast::detail
