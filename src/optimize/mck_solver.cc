#include "optimize/mck_solver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "optimize/lagrangian.h"

namespace invplan::optimize {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// State of a plan being repaired or improved.
struct Plan {
  const Model& m;
  std::vector<int> pick;
  Usage use;
  std::vector<double> row_scale;

  Plan(const Model& model, std::vector<int> p) : m(model), pick(std::move(p)) {
    use = ComputeUsage(m, pick);
    row_scale.resize(m.rows);
    for (int k = 0; k < m.rows; ++k) row_scale[k] = std::max(std::fabs(m.rhs[k]), 1e-9);
  }
  double W(int c, int k) const { return c < 0 ? 0.0 : m.w(c, k); }
  double V(int c) const { return c < 0 ? 0.0 : m.value[c]; }
  double S(int c) const { return c < 0 ? 0.0 : m.spend[c]; }
  // Scaled total violation of the rows if group g switched to c.
  double ViolationAfter(int g, int c) const {
    double v = 0.0;
    for (int k = 0; k < m.rows; ++k) {
      double u = use.row[k] - W(pick[g], k) + W(c, k);
      if (u > m.rhs[k] + FeasTol(m.rhs[k])) v += (u - m.rhs[k]) / row_scale[k];
    }
    return v;
  }
  int Sup(int c) const { return c < 0 ? -1 : m.supplier[c]; }
  bool SupplierOkAfter(int g, int c) const {
    for (int s : {Sup(pick[g]), Sup(c)}) {
      if (s < 0 || m.suppliers[s].min_value <= 0) continue;
      double spend = use.supplier[s];
      if (Sup(pick[g]) == s) spend -= S(pick[g]);
      if (Sup(c) == s) spend += S(c);
      double min = m.suppliers[s].min_value;
      if (spend > FeasTol(min) && spend < min - FeasTol(min)) return false;
    }
    return true;
  }
  void Switch(int g, int c) {
    for (int k = 0; k < m.rows; ++k) use.row[k] += W(c, k) - W(pick[g], k);
    if (Sup(pick[g]) >= 0) use.supplier[Sup(pick[g])] -= S(pick[g]);
    if (Sup(c) >= 0) use.supplier[Sup(c)] += S(c);
    pick[g] = c;
  }
};

// Greedy repair: the move that removes the most violation per value lost.
bool RepairRows(Plan* p) {
  const Model& m = p->m;
  const int groups = static_cast<int>(m.groups.size());
  for (int iter = 0; iter < 5000; ++iter) {
    double now = 0.0;
    for (int k = 0; k < m.rows; ++k) {
      if (p->use.row[k] > m.rhs[k] + FeasTol(m.rhs[k])) now += (p->use.row[k] - m.rhs[k]) / p->row_scale[k];
    }
    if (now == 0.0) return true;
    double best_score = -kInf;
    int best_g = -1, best_c = -1;
    for (int g = 0; g < groups; ++g) {
      const Group& gr = m.groups[g];
      for (int c = gr.mandatory ? gr.begin : gr.begin - 1; c < gr.end; ++c) {
        int cc = c < gr.begin ? -1 : c;
        if (cc == p->pick[g]) continue;
        double reduce = now - p->ViolationAfter(g, cc);
        if (reduce <= 0) continue;
        double score = (p->V(cc) - p->V(p->pick[g])) / reduce;
        if (score > best_score) {
          best_score = score;
          best_g = g;
          best_c = cc;
        }
      }
    }
    if (best_g < 0) return false;
    p->Switch(best_g, best_c);
  }
  return false;
}

// Drops suppliers whose spend is below their minimum (their SKUs order nothing).
bool EnforceSupplierMinimums(Plan* p) {
  const Model& m = p->m;
  for (std::size_t s = 0; s < m.suppliers.size(); ++s) {
    double min = m.suppliers[s].min_value;
    double spend = p->use.supplier[s];
    if (min <= 0 || spend <= FeasTol(min) || spend >= min - FeasTol(min)) continue;
    for (std::size_t g = 0; g < m.groups.size(); ++g) {
      if (p->pick[g] < 0 || m.supplier[p->pick[g]] != static_cast<int>(s)) continue;
      if (m.groups[g].mandatory) return false;
      p->Switch(static_cast<int>(g), -1);
    }
  }
  return CheckFeasible(m, p->pick).empty();
}

// Best single-SKU improving moves that keep the plan feasible.
void Improve(Plan* p) {
  const Model& m = p->m;
  const int groups = static_cast<int>(m.groups.size());
  for (int iter = 0; iter < 2000; ++iter) {
    double best_gain = 1e-9 * std::max(1.0, std::fabs(ObjectiveOf(m, p->pick)));
    int best_g = -1, best_c = -1;
    for (int g = 0; g < groups; ++g) {
      const Group& gr = m.groups[g];
      double cur = p->V(p->pick[g]);
      for (int c = gr.mandatory ? gr.begin : gr.begin - 1; c < gr.end; ++c) {
        int cc = c < gr.begin ? -1 : c;
        double gain = p->V(cc) - cur;
        if (gain <= best_gain || cc == p->pick[g]) continue;
        if (p->ViolationAfter(g, cc) > 0 || !p->SupplierOkAfter(g, cc)) continue;
        best_gain = gain;
        best_g = g;
        best_c = cc;
      }
    }
    if (best_g < 0) return;
    p->Switch(best_g, best_c);
  }
}

}  // namespace

bool LagrangianHeuristic(const Model& m, const std::vector<double>& lambda,
                         const std::vector<int>& start, std::vector<int>* pick) {
  (void)lambda;
  Plan p(m, start);
  if (!RepairRows(&p)) return false;
  if (!EnforceSupplierMinimums(&p)) return false;
  Improve(&p);
  if (!CheckFeasible(m, p.pick).empty()) return false;
  *pick = std::move(p.pick);
  return true;
}

SolveOutcome SolveMck(const Model& m, const SolveLimits& limits, MckStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  MckStats local;
  MckStats& st = stats ? *stats : local;
  st.candidates = m.candidates();
  const int groups = static_cast<int>(m.groups.size());

  Lagrangian lag(m);
  st.active_candidates = lag.active_candidates();
  std::vector<double> lambda;
  const double ub = lag.Minimize(&lambda);
  st.lagrangian_bound = ub;
  st.multipliers = lambda;
  st.bound_seconds = Seconds(t0);
  SolveOutcome out;
  if (ub == -kInf) {
    out.status = SolveStatus::kInfeasible;
    for (int k = 0; k < m.rows; ++k) {
      double least = 0.0;
      for (const Group& g : m.groups) {
        double lo = g.mandatory ? kInf : 0.0;
        for (int c = g.begin; c < g.end; ++c) lo = std::min(lo, m.w(c, k));
        if (std::isfinite(lo)) least += lo;
      }
      if (least > m.rhs[k] + FeasTol(m.rhs[k])) {
        out.message = "even the smallest allowed orders need " + m.row_names[k] + " " +
                      std::to_string(least) + ", more than the " + std::to_string(m.rhs[k]) +
                      " available";
        break;
      }
    }
    return out;
  }

  // Incumbent: from the maximiser at lambda and at a slightly larger lambda
  // (which tends to be feasible already); the better one is kept.
  auto t1 = std::chrono::steady_clock::now();
  std::vector<int> incumbent;
  double lb = -kInf;
  for (double stretch : {1.0, 1.0 + 1e-6, 1.001}) {
    std::vector<double> l = lambda;
    for (double& x : l) x *= stretch;
    std::vector<int> start, pick;
    lag.Evaluate(l, &start);
    if (LagrangianHeuristic(m, l, start, &pick)) {
      double obj = ObjectiveOf(m, pick);
      if (obj > lb) {
        lb = obj;
        incumbent = std::move(pick);
      }
    }
  }
  st.has_incumbent = !incumbent.empty();
  st.incumbent = lb;
  st.heuristic_seconds = Seconds(t1);
  spdlog::debug("optimize: lagrangian bound {:.10g}, incumbent {:.10g}, {} of {} candidates active",
                ub, lb, st.active_candidates, st.candidates);

  // Fixing by the Lagrangian bound against the incumbent.
  auto t2 = std::chrono::steady_clock::now();
  Restriction r;
  r.allowed.assign(m.candidates(), 0);
  r.fixed.assign(groups, -1);
  const double tol = 1e-9 * std::max(1.0, std::fabs(lb)) + 1e-9 * std::max(1.0, std::fabs(ub));
  for (int g = 0; g < groups; ++g) {
    const Group& gr = m.groups[g];
    double best = gr.mandatory ? -kInf : 0.0;
    for (int c = gr.begin; c < gr.end; ++c) best = std::max(best, lag.Reduced(c, lambda));
    int survivors = 0, last = -1;
    if (!gr.mandatory && ub - best > lb - tol) {
      ++survivors;
      last = -1;
    }
    for (int c = gr.begin; c < gr.end; ++c) {
      if (ub - (best - lag.Reduced(c, lambda)) > lb - tol) {
        r.allowed[c] = 1;
        ++survivors;
        last = c;
      }
    }
    if (survivors >= 2) {
      r.core.push_back(g);
      for (int c = gr.begin; c < gr.end; ++c) st.core_candidates += r.allowed[c];
    } else if (survivors == 1) {
      r.fixed[g] = last;
    } else if (gr.mandatory) {
      // Only possible without an incumbent; keep the group free.
      r.core.push_back(g);
    }
  }
  st.core_skus = static_cast<int>(r.core.size());
  spdlog::debug("optimize: core of {} SKUs, {} candidates", st.core_skus, st.core_candidates);

  SolveLimits core_limits = limits;
  if (limits.time_limit > 0) {
    core_limits.time_limit = std::max(0.01, limits.time_limit - Seconds(t0));
  }
  out = SolveRestrictedWithCbc(m, r, core_limits, incumbent.empty() ? nullptr : &incumbent);
  st.core_seconds = Seconds(t2);

  if (!incumbent.empty()) {
    // A plan outside the core is no better than the incumbent.
    if (!out.has_solution || out.objective < lb) {
      out.has_solution = true;
      out.pick = incumbent;
      out.objective = lb;
    }
    if (out.status == SolveStatus::kInfeasible) {
      out.status = SolveStatus::kFailed;
      out.message = "the core solve disagreed with the incumbent";
    }
    if (out.status != SolveStatus::kOptimal) out.bound = std::min(ub, std::max(out.bound, lb));
  } else if (out.status != SolveStatus::kOptimal && out.status != SolveStatus::kInfeasible) {
    out.bound = std::min(ub, out.bound);
  }
  if (out.status == SolveStatus::kOptimal) out.bound = out.objective;
  return out;
}

}  // namespace invplan::optimize
