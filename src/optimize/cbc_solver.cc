#include "optimize/cbc_solver.h"

#include <coin/Cbc_C_Interface.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "invplan/error.h"

namespace invplan::optimize {

namespace {

struct CbcDeleter {
  void operator()(Cbc_Model* p) const { Cbc_deleteModel(p); }
};

// Column-wise matrix under construction.
struct Columns {
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> coef;
  std::vector<double> obj, lb, ub;
  void Add(int row, double a) {
    if (a != 0.0) {
      index.push_back(row);
      coef.push_back(a);
    }
  }
  void Close(double objective, double lower, double upper) {
    obj.push_back(objective);
    lb.push_back(lower);
    ub.push_back(upper);
    start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  int size() const { return static_cast<int>(obj.size()); }
};

}  // namespace

SolveOutcome SolveWithCbc(const Model& m, const SolveLimits& limits,
                          const std::vector<int>* start) {
  Restriction r;
  r.core.resize(m.groups.size());
  for (std::size_t g = 0; g < m.groups.size(); ++g) r.core[g] = static_cast<int>(g);
  r.fixed.assign(m.groups.size(), -1);
  return SolveRestrictedWithCbc(m, r, limits, start);
}

SolveOutcome SolveRestrictedWithCbc(const Model& m, const Restriction& r, const SolveLimits& limits,
                                    const std::vector<int>* start) {
  const int groups = static_cast<int>(m.groups.size());
  std::vector<char> in_core(groups, 0);
  for (int g : r.core) in_core[g] = 1;
  auto allowed = [&](int c) { return r.allowed.empty() || r.allowed[c] != 0; };

  // What the fixed groups contribute.
  std::vector<int> base = r.fixed;
  for (int g : r.core) base[g] = -1;
  Usage fixed = ComputeUsage(m, base);
  const double fixed_value = ObjectiveOf(m, base);

  SolveOutcome out;
  // Rows: one per core group, then the shared rows, then supplier rows.
  const int n_core = static_cast<int>(r.core.size());
  std::vector<double> row_lo, row_hi;
  for (int i = 0; i < n_core; ++i) {
    bool mand = m.groups[r.core[i]].mandatory;
    row_lo.push_back(mand ? 1.0 : -kInf);
    row_hi.push_back(1.0);
  }
  const int first_shared = n_core;
  for (int k = 0; k < m.rows; ++k) {
    row_lo.push_back(-kInf);
    row_hi.push_back(m.rhs[k] - fixed.row[k]);
  }
  // Supplier rows: -1 none needed, otherwise the row index; `needs_y` when the
  // supplier has no fixed spend (it may still be left out entirely).
  const int n_sup = static_cast<int>(m.suppliers.size());
  std::vector<int> sup_row(n_sup, -1);
  std::vector<char> needs_y(n_sup, 0);
  for (int s = 0; s < n_sup; ++s) {
    double min = m.suppliers[s].min_value;
    if (min <= 0) continue;
    double f = fixed.supplier[s];
    if (f >= min - FeasTol(min)) continue;
    sup_row[s] = static_cast<int>(row_lo.size());
    if (f > FeasTol(min)) {
      row_lo.push_back(min - f);
    } else {
      row_lo.push_back(0.0);
      needs_y[s] = 1;
    }
    row_hi.push_back(kInf);
  }
  // For each SKU and each supplier that needs y among its candidates, a row
  // sum_{j of that supplier} x_j - y_s <= 0 (a SKU whose candidates all come
  // from one such supplier and which must be ordered forces y_s = 1).
  std::vector<int> y_col(n_sup, -1);
  std::vector<char> y_forced(n_sup, 0);
  std::vector<std::vector<std::pair<int, int>>> link(n_core);  // (supplier, row)
  for (int i = 0; i < n_core; ++i) {
    const Group& gr = m.groups[r.core[i]];
    int only = -2;
    for (int c = gr.begin; c < gr.end; ++c) {
      if (!allowed(c)) continue;
      int s = m.supplier[c];
      only = (only == -2 || only == s) ? s : -3;
      if (s < 0 || !needs_y[s]) continue;
      bool seen = false;
      for (auto& [ls, lr] : link[i]) seen = seen || ls == s;
      if (seen) continue;
      link[i].emplace_back(s, static_cast<int>(row_lo.size()));
      row_lo.push_back(-kInf);
      row_hi.push_back(0.0);
    }
    if (gr.mandatory && only >= 0 && needs_y[only]) y_forced[only] = 1;
  }
  Columns cols;
  std::vector<int> col_cand;
  std::vector<int> core_cols_begin(n_core + 1, 0);
  for (int i = 0; i < n_core; ++i) {
    const Group& gr = m.groups[r.core[i]];
    core_cols_begin[i] = cols.size();
    for (int c = gr.begin; c < gr.end; ++c) {
      if (!allowed(c)) continue;
      cols.Add(i, 1.0);
      for (int k = 0; k < m.rows; ++k) cols.Add(first_shared + k, m.w(c, k));
      int s = m.supplier[c];
      if (s >= 0 && sup_row[s] >= 0) {
        for (auto& [ls, lr] : link[i]) {
          if (ls == s) cols.Add(lr, 1.0);
        }
        cols.Add(sup_row[s], m.spend[c]);
      }
      cols.Close(-m.value[c], 0.0, 1.0);
      col_cand.push_back(c);
    }
  }
  core_cols_begin[n_core] = cols.size();
  for (int s = 0; s < n_sup; ++s) {
    if (!needs_y[s]) continue;
    for (int i = 0; i < n_core; ++i) {
      for (auto& [ls, lr] : link[i]) {
        if (ls == s) cols.Add(lr, -1.0);
      }
    }
    cols.Add(sup_row[s], -m.suppliers[s].min_value);
    y_col[s] = cols.size();
    cols.Close(0.0, y_forced[s] ? 1.0 : 0.0, 1.0);
  }

  const int n_rows = static_cast<int>(row_lo.size());
  std::unique_ptr<Cbc_Model, CbcDeleter> cbc(Cbc_newModel());
  Cbc_loadProblem(cbc.get(), cols.size(), n_rows, cols.start.data(), cols.index.data(),
                  cols.coef.data(), cols.lb.data(), cols.ub.data(), cols.obj.data(), row_lo.data(),
                  row_hi.data());
  for (int j = 0; j < cols.size(); ++j) Cbc_setInteger(cbc.get(), j);
  Cbc_setLogLevel(cbc.get(), limits.log ? 1 : 0);
  if (limits.max_nodes > 0) Cbc_setMaximumNodes(cbc.get(), limits.max_nodes);
  if (limits.time_limit > 0) {
    Cbc_setParameter(cbc.get(), "timeMode", "elapsed");
    Cbc_setMaximumSeconds(cbc.get(), limits.time_limit);
  }
  Cbc_setAllowableGap(cbc.get(), 0.0);
  Cbc_setAllowableFractionGap(cbc.get(), 0.0);

  // A known plan is only a fallback here: neither the MIP-start entry of the
  // 2.10 C interface (it fails on models its preprocessing shrinks) nor a cutoff
  // (CBC may round it by its own increment and then prune the optimum) is safe.
  const bool use_start = start != nullptr && CheckFeasible(m, *start).empty();
  const double start_value = use_start ? ObjectiveOf(m, *start) : 0.0;

  if (cols.size() == 0) {
    // Nothing left to choose: the fixed part is the answer if it is feasible.
    std::string why = CheckFeasible(m, base);
    if (why.empty()) {
      out.status = SolveStatus::kOptimal;
      out.has_solution = true;
      out.pick = base;
      out.objective = out.bound = fixed_value;
    } else {
      out.status = SolveStatus::kInfeasible;
      out.message = why;
    }
    return out;
  }

  Cbc_solve(cbc.get());
  const double* x = Cbc_bestSolution(cbc.get());
  const bool optimal = Cbc_isProvenOptimal(cbc.get()) != 0;
  const bool infeasible = Cbc_isProvenInfeasible(cbc.get()) != 0;
  const bool timed_out = Cbc_isSecondsLimitReached(cbc.get()) != 0;
  double bound = -Cbc_getBestPossibleObjValue(cbc.get()) + fixed_value;

  if (x != nullptr) {
    std::vector<int> pick = base;
    for (int i = 0; i < n_core; ++i) {
      double best = 0.5;
      for (int j = core_cols_begin[i]; j < core_cols_begin[i + 1]; ++j) {
        if (x[j] > best) {
          best = x[j];
          pick[r.core[i]] = col_cand[j];
        }
      }
    }
    std::string why = CheckFeasible(m, pick);
    if (why.empty()) {
      out.has_solution = true;
      out.pick = std::move(pick);
      out.objective = ObjectiveOf(m, out.pick);
    } else {
      spdlog::warn("optimize: CBC returned a solution that fails the check ({}); discarded", why);
    }
  }
  if (use_start && (!out.has_solution || out.objective < start_value)) {
    out.has_solution = true;
    out.pick = *start;
    out.objective = start_value;
  }
  if (optimal && out.has_solution) {
    out.status = SolveStatus::kOptimal;
    out.bound = out.objective;
  } else if (infeasible && !out.has_solution) {
    out.status = SolveStatus::kInfeasible;
    out.message = "no order plan satisfies all constraints (proved by the solver)";
  } else if (timed_out) {
    out.status = SolveStatus::kTimeLimit;
    out.bound = std::isfinite(bound) ? bound : kInf;
    if (out.has_solution && out.bound < out.objective) out.bound = out.objective;
    out.message = "time limit reached";
  } else {
    out.status = SolveStatus::kFailed;
    out.bound = std::isfinite(bound) ? bound : kInf;
    out.message = "CBC stopped without a proof (status " + std::to_string(Cbc_status(cbc.get())) +
                  ", secondary " + std::to_string(Cbc_secondaryStatus(cbc.get())) + ")";
  }
  return out;
}

}  // namespace invplan::optimize
