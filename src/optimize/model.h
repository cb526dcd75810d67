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
#include <string>
#include <vector>

namespace invplan::optimize {

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
void ValidateModel(const Model& m);

}  // namespace invplan::optimize
