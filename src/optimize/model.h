// The order-selection model every solver works on: a multiple-choice knapsack
// with a few shared linear rows and per-supplier minimum order values.
//
// Groups are SKUs. A group chooses at most one of its candidates (exactly one
// when `mandatory`); choosing none has value 0 and uses nothing. The objective is
// to maximise the summed value subject to
//   rows:       sum of weight[k] of the chosen candidates <= rhs[k]  (k < rows)
//   suppliers:  for each supplier with a minimum, the summed `spend` of the chosen
//               candidates from that supplier is either 0 or at least the minimum.
// Spends are non-negative. A covering requirement (sum >= D) is a row with negated
// weights and right-hand side.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace invplan::optimize {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Group {
  std::string sku;
  bool mandatory = false;  // must choose one candidate
  int begin = 0, end = 0;  // its candidates are [begin, end)
};

struct SupplierInfo {
  std::string name;
  double min_value = 0.0;  // 0: no minimum
};

struct Model {
  int rows = 0;  // number of shared rows
  std::vector<std::string> row_names;
  std::vector<double> rhs;  // one per row
  std::vector<Group> groups;
  std::vector<SupplierInfo> suppliers;
  // Per candidate (indexed globally):
  std::vector<double> value;
  std::vector<double> weight;  // candidate c, row k at c * rows + k
  std::vector<double> spend;   // counts toward the supplier minimum
  std::vector<int> supplier;   // index into suppliers, -1: none
  // > 0: every value is a whole multiple of value_step (1 or 0.01, see
  // ValueStep), so every plan's objective is one too and a plan that beats
  // the incumbent beats it by at least value_step. The searches prune with
  // that margin: a bound B then proves optimality once B < incumbent + step.
  double value_step = 0.0;

  int candidates() const { return static_cast<int>(value.size()); }
  double w(int c, int k) const { return weight[static_cast<std::size_t>(c) * rows + k]; }
  // Appends a candidate to the last group (its `end` grows).
  void AddCandidate(double v, const std::vector<double>& weights, double spend_value,
                    int supplier_index = -1);
};

// One choice per group: a candidate index, or -1 for none.
struct Choice {
  std::vector<int> pick;
  double objective = 0.0;
};

// Usage of each row and supplier spend of a choice.
struct Usage {
  std::vector<double> row;
  std::vector<double> supplier;
};

Usage ComputeUsage(const Model& m, const std::vector<int>& pick);
double ObjectiveOf(const Model& m, const std::vector<int>& pick);

// Tolerance used when checking a row or a minimum, relative to its size.
double FeasTol(double scale);

// Empty when `pick` satisfies every constraint, otherwise what it violates.
std::string CheckFeasible(const Model& m, const std::vector<int>& pick);

// Validates the model itself (finite numbers, non-negative spends, candidate
// ranges); throws InputError naming the SKU otherwise.
// Also refuses sums that floating point cannot hold: the absolute values, the
// spends and each row's weights must each sum to less than kMaxModelSum (and
// the right-hand sides stay below it), so every bound the solvers compute is
// finite.
void ValidateModel(const Model& m);
constexpr double kMaxModelSum = 1e200;

// The granularity of the values: 1 when every value is a whole number, 0.01
// when every value is a whole number of hundredths (money in cents), 0 (none)
// otherwise or when the sums are too large for sums of them to be exact.
double ValueStep(const Model& m);

// The pruning margin of the exact searches: a subproblem whose bound does not
// exceed incumbent + margin cannot hold a plan worth more than `incumbent`
// (with a value step: the next multiple of the step, less a rounding margin). `rel_tol` is the
// margin for real-valued values (relative to max(1, |incumbent|)).
double PruneMargin(const Model& m, double incumbent, double rel_tol);

}  // namespace invplan::optimize
