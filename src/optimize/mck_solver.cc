#include "optimize/mck_solver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "optimize/branch_bound.h"
#include "optimize/cbc_solver.h"
#include "optimize/lagrangian.h"
#include "optimize/switch_search.h"

namespace invplan::optimize {
namespace {

// Switch sets listed per half before the switch search gives way to the
// branch and bound (memory: about 40 bytes per set and row).
constexpr long long kMaxSwitchSets = 4000000;

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
      if (p->use.row[k] > m.rhs[k] + FeasTol(m.rhs[k]))
        now += (p->use.row[k] - m.rhs[k]) / p->row_scale[k];
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

// Best improving exchange of two SKUs' choices among `moves` (group, candidate
// or -1), e.g. ordering less of one to afford more of another. Returns false
// when no pair improves the plan.
bool PairImprove(Plan* p, const std::vector<std::pair<int, int>>& moves) {
  const Model& m = p->m;
  struct Move {
    int g, c;
    double dv;
  };
  std::vector<Move> cand;
  for (auto [g, c] : moves) {
    if (p->pick[g] == c) continue;
    cand.push_back({g, c, p->V(c) - p->V(p->pick[g])});
  }
  std::stable_sort(cand.begin(), cand.end(),
                   [](const Move& a, const Move& b) { return a.dv > b.dv; });
  double best_gain = 1e-9 * std::max(1.0, std::fabs(ObjectiveOf(m, p->pick)));
  int bi = -1, bj = -1;
  std::vector<double> d1(m.rows);
  for (std::size_t i = 0; i < cand.size(); ++i) {
    const Move& a = cand[i];
    if (a.dv + (cand.empty() ? 0 : cand[0].dv) <= best_gain) break;
    for (int k = 0; k < m.rows; ++k) d1[k] = p->use.row[k] + p->W(a.c, k) - p->W(p->pick[a.g], k);
    for (std::size_t j = 0; j < cand.size(); ++j) {
      const Move& b = cand[j];
      if (a.dv + b.dv <= best_gain) break;
      if (b.g == a.g) continue;
      bool ok = true;
      for (int k = 0; k < m.rows && ok; ++k) {
        double u = d1[k] + p->W(b.c, k) - p->W(p->pick[b.g], k);
        ok = u <= m.rhs[k] + FeasTol(m.rhs[k]);
      }
      if (!ok) continue;
      int old_a = p->pick[a.g];
      p->Switch(a.g, a.c);
      ok = p->SupplierOkAfter(b.g, b.c);
      if (ok) {
        int old_b = p->pick[b.g];
        p->Switch(b.g, b.c);
        ok = p->SupplierOkAfter(a.g, a.c);
        p->Switch(b.g, old_b);
      }
      p->Switch(a.g, old_a);
      if (!ok) continue;
      best_gain = a.dv + b.dv;
      bi = static_cast<int>(i);
      bj = static_cast<int>(j);
    }
  }
  if (bi < 0) return false;
  p->Switch(cand[bi].g, cand[bi].c);
  p->Switch(cand[bj].g, cand[bj].c);
  return true;
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

  // Without supplier minimums, the switch search closes the gap directly; the
  // fixing and the core solve below are the fallback when its lists grow too
  // large.
  auto t2 = std::chrono::steady_clock::now();
  bool solved = false;
  if (BranchAndBoundApplies(m)) {
    SolveLimits sl = limits;
    if (limits.time_limit > 0) sl.time_limit = std::max(0.01, limits.time_limit - Seconds(t0));
    SwitchStats sws;
    out = SolveBySwitches(m, lambda, incumbent, sl, kMaxSwitchSets, &sws);
    st.switch_rounds = sws.rounds;
    st.switch_sets = sws.listed;
    st.switch_pairs = sws.pairs;
    st.switches = sws.switches;
    spdlog::debug(
        "optimize: switch search: {}, {} rounds, last delta {:.6g}, {} switches, {} sets, {} "
        "pairs",
        StatusName(out.status), sws.rounds, sws.delta, sws.switches, sws.listed, sws.pairs);
    if (!out.message.empty()) spdlog::debug("optimize: switch search: {}", out.message);
    if (out.status != SolveStatus::kFailed) {
      solved = true;
      st.core_engine = "switch_search";
    }
  }
  if (!solved) {
    std::vector<double> reduced(m.candidates()), best_reduced(groups);
    for (int g = 0; g < groups; ++g) {
      const Group& gr = m.groups[g];
      double best = gr.mandatory ? -kInf : 0.0;
      for (int c = gr.begin; c < gr.end; ++c) {
        reduced[c] = lag.Reduced(c, lambda);
        best = std::max(best, reduced[c]);
      }
      best_reduced[g] = best;
    }
    Restriction r;
    auto fix = [&](double cutoff) {
      r = Restriction();
      st.core_candidates = 0;
      r.allowed.assign(m.candidates(), 0);
      r.fixed.assign(groups, -1);
      const double cut = cutoff;
      const double tol = 1e-9 * std::max(1.0, std::fabs(cut)) + 1e-9 * std::max(1.0, std::fabs(ub));
      for (int g = 0; g < groups; ++g) {
        const Group& gr = m.groups[g];
        const double best = best_reduced[g];
        int survivors = 0, last = -1;
        if (!gr.mandatory && ub - best > cut - tol) {
          ++survivors;
          last = -1;
        }
        for (int c = gr.begin; c < gr.end; ++c) {
          if (ub - (best - reduced[c]) > cut - tol) {
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
          r.core.push_back(g);  // only without an incumbent
        }
      }
    };
    fix(lb);
    // A better incumbent shrinks the core: exchanges of two SKUs' choices within
    // the core (the moves that could still matter), then single moves again.
    if (!incumbent.empty() && !r.core.empty()) {
      Plan p(m, incumbent);
      std::vector<std::pair<int, int>> moves;
      for (int g : r.core) {
        if (!m.groups[g].mandatory) moves.emplace_back(g, -1);
        for (int c = m.groups[g].begin; c < m.groups[g].end; ++c) {
          if (r.allowed[c]) moves.emplace_back(g, c);
        }
      }
      const std::size_t kMaxMoves = 3000;
      if (moves.size() > kMaxMoves) {
        std::stable_sort(moves.begin(), moves.end(), [&](const auto& a, const auto& b) {
          auto loss = [&](const std::pair<int, int>& mv) {
            return best_reduced[mv.first] - (mv.second < 0 ? 0.0 : reduced[mv.second]);
          };
          return loss(a) < loss(b);
        });
        moves.resize(kMaxMoves);
      }
      for (int round = 0; round < 200 && PairImprove(&p, moves); ++round) Improve(&p);
      double obj = ObjectiveOf(m, p.pick);
      if (obj > lb && CheckFeasible(m, p.pick).empty()) {
        lb = obj;
        incumbent = p.pick;
        fix(lb);
      }
    }
    st.improved_incumbent = lb;
    st.core_skus = static_cast<int>(r.core.size());
    spdlog::debug("optimize: improved incumbent {:.10g}; core of {} SKUs, {} candidates", lb,
                  st.core_skus, st.core_candidates);

    SolveLimits core_limits = limits;
    auto remaining = [&]() { return std::max(0.01, limits.time_limit - Seconds(t0)); };
    if (BranchAndBoundApplies(m)) {
      // The optimum is usually much closer to the bound than the heuristic
      // plan. Guessing a cutoff ub - delta shrinks the core to the lines that
      // lose less than delta: if the search finds a plan above the cutoff, that
      // plan is optimal (every plan that is not in the core, or that the search
      // pruned, is worth at most the cutoff); if not, delta grows until the
      // cutoff reaches the incumbent, which is exact.
      st.core_engine = "branch_and_bound";
      const double gap0 = incumbent.empty() ? kInf : ub - lb;
      double delta = gap0 / 32;
      for (;;) {
        const bool guess = delta < gap0;
        const double cutoff = guess ? ub - delta : lb;
        fix(cutoff);
        if (limits.time_limit > 0) core_limits.time_limit = remaining();
        BranchStats bs;
        out = SolveCoreBranchAndBound(m, r, incumbent, core_limits, guess ? cutoff : -kInf, &bs);
        st.core_nodes += bs.nodes;
        st.core_evaluations += bs.evaluations;
        st.core_skus = static_cast<int>(r.core.size());
        ++st.core_rounds;
        spdlog::debug(
            "optimize: branch and bound, cutoff {:.10g}: core {} SKUs, {} nodes, {} dual "
            "evaluations, {} better plans",
            cutoff, st.core_skus, bs.nodes, bs.evaluations, bs.improvements);
        if (out.status == SolveStatus::kTimeLimit) {
          out.bound = std::max(out.bound, cutoff);
          break;
        }
        if (!guess) break;
        if (out.has_solution && out.objective > cutoff) {
          out.status = SolveStatus::kOptimal;
          break;
        }
        delta *= 8;
      }
    }

    // Short node-limited core solves first: a better plan from one tightens the
    // fixing, which shrinks the core of the next; the last solve runs to the end.
    // Node limits (not time) keep the result independent of machine speed.
    const bool use_cbc = !BranchAndBoundApplies(m);
    if (use_cbc) st.core_engine = "cbc";
    for (int round = 0; use_cbc && round < 6 && !incumbent.empty() && st.core_skus > 0; ++round) {
      SolveLimits probe = limits;
      probe.max_nodes = 500;
      if (limits.time_limit > 0) probe.time_limit = remaining();
      out = SolveRestrictedWithCbc(m, r, probe, &incumbent);
      if (out.status == SolveStatus::kOptimal || out.status == SolveStatus::kTimeLimit) break;
      if (!out.has_solution || out.objective <= lb + 1e-9 * std::max(1.0, std::fabs(lb))) break;
      lb = out.objective;
      incumbent = out.pick;
      fix(lb);
      st.core_skus = static_cast<int>(r.core.size());
      spdlog::debug("optimize: core round {}: incumbent {:.10g}, core {} SKUs", round + 1, lb,
                    st.core_skus);
    }
    if (use_cbc && out.status != SolveStatus::kOptimal && out.status != SolveStatus::kTimeLimit) {
      if (limits.time_limit > 0) core_limits.time_limit = remaining();
      out = SolveRestrictedWithCbc(m, r, core_limits, incumbent.empty() ? nullptr : &incumbent);
    }
  }
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
  // With whole-numbered values a bound below objective + step is a proof.
  if (out.status == SolveStatus::kTimeLimit && out.has_solution && m.value_step > 0 &&
      out.bound <= out.objective + PruneMargin(m, out.objective, 0.0)) {
    out.status = SolveStatus::kOptimal;
  }
  if (out.status == SolveStatus::kOptimal) out.bound = out.objective;
  return out;
}

}  // namespace invplan::optimize
