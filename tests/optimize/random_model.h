// Random multiple-choice knapsack models and exhaustive search, shared by the
// solver tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "common/random.h"
#include "optimize/model.h"
#include "optimize/solve.h"

namespace invplan::optimize {

// The restriction that leaves every group of `m` free (the whole problem).
inline Restriction Everything(const Model& m) {
  Restriction r;
  for (std::size_t g = 0; g < m.groups.size(); ++g) r.core.push_back(static_cast<int>(g));
  r.fixed.assign(m.groups.size(), -1);
  return r;
}

struct Spec {
  int groups = 6, max_cands = 4;
  bool budget = true, capacity = true, cover = false, suppliers = false, mandatory = false;
  bool proportional = false;
  double tightness = 0.4;   // rhs as a fraction of the largest possible use
  double value_step = 0.0;  // > 0: values rounded to multiples (many exact ties)
  bool big_items = false;   // large lines: few fit, the LP bound is weak
};

inline Model RandomModel(std::uint64_t seed, const Spec& s) {
  Rng rng(seed);
  Model m;
  if (s.budget) m.row_names.push_back("budget");
  if (s.capacity) m.row_names.push_back("capacity");
  if (s.cover) m.row_names.push_back("cover");
  m.rows = static_cast<int>(m.row_names.size());
  if (s.suppliers) {
    m.suppliers.push_back({"A", 30.0 + 40.0 * rng.Uniform()});
    m.suppliers.push_back({"B", 10.0 + 30.0 * rng.Uniform()});
  }
  std::vector<double> max_use(m.rows, 0.0);
  for (int g = 0; g < s.groups; ++g) {
    Group gr;
    gr.sku = "S" + std::to_string(g);
    gr.mandatory = s.mandatory && rng.Uniform() < 0.25;
    gr.begin = gr.end = m.candidates();
    m.groups.push_back(gr);
    int n = 1 + static_cast<int>(rng.Below(s.max_cands));
    double unit_cost = 1 + 9 * rng.Uniform(), unit_vol = 0.5 + 2 * rng.Uniform();
    int sup = s.suppliers ? static_cast<int>(rng.Below(3)) - 1 : -1;
    std::vector<double> peak(m.rows, 0.0);
    for (int j = 0; j < n; ++j) {
      double q = 1 + rng.Below(10);
      double cost = s.proportional ? unit_cost * q : 1 + 50 * rng.Uniform();
      double vol = s.proportional ? unit_vol * q : 1 + 20 * rng.Uniform();
      double demand = 1 + 30 * rng.Uniform();
      if (s.big_items) {
        cost = 30 + 40 * rng.Uniform();
        vol = 30 + 40 * rng.Uniform();
      }
      double value = s.cover ? -cost : 60 * rng.Uniform() - 10;
      if (s.value_step > 0) value = s.value_step * std::round(value / s.value_step);
      std::vector<double> w;
      if (s.budget) w.push_back(cost);
      if (s.capacity) w.push_back(vol);
      if (s.cover) w.push_back(-demand);
      for (int k = 0; k < m.rows; ++k) peak[k] = std::max(peak[k], std::fabs(w[k]));
      m.AddCandidate(value, w, cost, s.suppliers && rng.Uniform() < 0.2 ? (sup + 1) % 2 : sup);
    }
    for (int k = 0; k < m.rows; ++k) max_use[k] += peak[k];
  }
  for (int k = 0; k < m.rows; ++k) {
    double r = s.tightness * max_use[k];
    m.rhs.push_back(m.row_names[k] == "cover" ? -r : r);
  }
  return m;
}

// Exhaustive search; returns -inf when infeasible.
inline double BruteForce(const Model& m, std::vector<int>* best_pick = nullptr) {
  std::vector<int> pick(m.groups.size());
  double best = -std::numeric_limits<double>::infinity();
  std::function<void(std::size_t)> rec = [&](std::size_t g) {
    if (g == m.groups.size()) {
      if (CheckFeasible(m, pick).empty()) {
        double v = ObjectiveOf(m, pick);
        if (v > best) {
          best = v;
          if (best_pick) *best_pick = pick;
        }
      }
      return;
    }
    const Group& gr = m.groups[g];
    for (int c = gr.mandatory ? gr.begin : gr.begin - 1; c < gr.end; ++c) {
      pick[g] = c < gr.begin ? -1 : c;
      rec(g + 1);
    }
  };
  rec(0);
  return best;
}

}  // namespace invplan::optimize
