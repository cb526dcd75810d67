// Minimising a Lagrangian dual function over lambda >= 0.
//
// The functions minimised here are convex and piecewise linear:
//   L(lambda) = sum_g max_j (value_j - lambda . weight_j) + lambda . rhs,
// and an evaluation also gives a subgradient (rhs - usage of the maximisers).
// Their minimum equals the LP relaxation of the multiple-choice knapsack with
// the shared rows. Any lambda gives an upper bound on the integer optimum, so
// an inexact minimum only weakens a bound, never invalidates it.
//
// Method: nested one-dimensional minimisation, innermost coordinate last. Each
// one-dimensional search brackets the minimum (from a warm start) and then
// intersects the supporting lines at the two ends of the bracket (exact for a
// piecewise linear function once the bracket holds one kink), with bisection
// as a safeguard. The supporting lines also bound the minimum from below, so a
// search stops once the value found is within `precision` of that floor. An
// outer coordinate's slope is the combination of the inner bracket's two
// subgradients that makes the inner slope zero (the LP's convex combination).
#pragma once

#include <functional>
#include <vector>

namespace invplan::optimize {

// value = eval(lambda, subgradient): L(lambda), and fills a subgradient.
using DualFunction = std::function<double(const std::vector<double>&, std::vector<double>*)>;

struct DualSearch {
  std::vector<double> scale;  // a typical multiplier size per row (> 0)
  double precision = 0.0;     // absolute stopping accuracy on the minimum
  long long evaluations = 0;  // incremented per evaluation
};

// Minimises `f` over lambda >= 0 starting from *lambda (its size is the number
// of rows). Returns the smallest value found and sets *lambda to where; returns
// -infinity when f decreases without end (the rows cannot all be satisfied).
double MinimizeDual(const DualFunction& f, DualSearch* search, std::vector<double>* lambda);

}  // namespace invplan::optimize
