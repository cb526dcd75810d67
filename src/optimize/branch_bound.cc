#include "optimize/branch_bound.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "optimize/dual.h"

namespace invplan::optimize {
namespace {

// Nodes of the best-bound search before the depth-first search takes over.
constexpr long long kFirstNodes = 1000;

// The search state. Core SKUs are numbered 0..n-1; each has a contiguous range
// of entries (its allowed lines and, unless mandatory, "none"). Changes during
// the search (entries removed, SKUs fixed) are recorded on a trail and undone
// in reverse order when a node is left.
class Search {
 public:
  Search(const Model& m, const Restriction& r, const std::vector<int>& incumbent,
         const SolveLimits& limits, double cutoff)
      : m_(m), rows_(m.rows), limits_(limits), t0_(std::chrono::steady_clock::now()) {
    base_ = r.fixed;
    for (int g : r.core) base_[g] = -1;
    Usage fixed = ComputeUsage(m, base_);
    base_value_ = ObjectiveOf(m, base_);
    rhs_.resize(rows_);
    feas_.resize(rows_);
    for (int k = 0; k < rows_; ++k) {
      rhs_[k] = m.rhs[k] - fixed.row[k];
      feas_[k] = 0.5 * FeasTol(m.rhs[k]);
    }
    offset_.push_back(0);
    for (int g : r.core) {
      const Group& gr = m.groups[g];
      group_.push_back(g);
      if (!gr.mandatory) AddEntry(-1);
      for (int c = gr.begin; c < gr.end; ++c) {
        if (r.allowed.empty() || r.allowed[c]) AddEntry(c);
      }
      offset_.push_back(static_cast<int>(cand_.size()));
    }
    const int n = static_cast<int>(group_.size());
    allowed_.assign(cand_.size(), 1);
    count_.resize(n);
    fixed_entry_.assign(n, -1);
    pos_.resize(n);
    for (int i = 0; i < n; ++i) {
      count_[i] = offset_[i + 1] - offset_[i];
      pos_[i] = i;
      free_.push_back(i);
    }
    use_.assign(rows_, 0.0);
    // Multiplier scale per row: value per unit of the row over the entries.
    search_.scale.assign(rows_, 1.0);
    for (int k = 0; k < rows_; ++k) {
      double sv = 0, sw = 0;
      for (std::size_t e = 0; e < cand_.size(); ++e) {
        double w = std::fabs(weight_[e * rows_ + k]);
        if (w > 0) {
          sv += std::fabs(value_[e]);
          sw += w;
        }
      }
      if (sw > 0) search_.scale[k] = std::max(sv / sw, 1e-12);
    }
    lb_ = cutoff;
    if (!incumbent.empty() && ObjectiveOf(m, incumbent) >= cutoff) {
      best_pick_ = incumbent;
      lb_ = ObjectiveOf(m, incumbent);
    }
    fixed_value_ = base_value_;
    // Empty SKUs (mandatory, nothing allowed) make the core infeasible.
    for (int i = 0; i < n; ++i) infeasible_ = infeasible_ || count_[i] == 0;
  }

  SolveOutcome Run(BranchStats* stats) {
    SolveOutcome out;
    // A short best-bound search finds good plans early; the depth-first
    // search then proves optimality.
    if (!infeasible_ && !Explore(kFirstNodes)) Dive(std::vector<double>(rows_, 0.0));
    stats->nodes = nodes_;
    stats->evaluations = search_.evaluations;
    stats->improvements = improvements_;
    stats->last_improvement = last_improvement_;
    out.has_solution = !best_pick_.empty();
    if (out.has_solution) {
      out.pick = best_pick_;
      out.objective = lb_;
    }
    if (aborted_) {
      out.status = SolveStatus::kTimeLimit;
      out.bound = std::max(open_bound_, lb_);
      out.message = "time limit reached in the branch and bound";
    } else if (out.has_solution) {
      out.status = SolveStatus::kOptimal;
      out.bound = lb_;
    } else {
      out.status = SolveStatus::kInfeasible;
      out.message = "no plan satisfies all constraints";
    }
    return out;
  }

 private:
  void AddEntry(int c) {
    cand_.push_back(c);
    value_.push_back(c < 0 ? 0.0 : m_.value[c]);
    for (int k = 0; k < rows_; ++k) weight_.push_back(c < 0 ? 0.0 : m_.w(c, k));
  }
  const double* W(int e) const { return weight_.data() + static_cast<std::size_t>(e) * rows_; }

  double Tol() const { return lb_ == -kInf ? 0.0 : PruneMargin(m_, lb_, kBranchRelTol); }

  // Trail of changes: kind 0 = entry removed, 1 = SKU fixed to entry.
  struct Change {
    int kind, sku, entry;
  };
  void Remove(int i, int e) {
    allowed_[e] = 0;
    --count_[i];
    trail_.push_back({0, i, e});
  }
  void Fix(int i, int e) {
    fixed_entry_[i] = e;
    fixed_value_ += value_[e];
    for (int k = 0; k < rows_; ++k) use_[k] += W(e)[k];
    // Swap-remove from the free list.
    int p = pos_[i], last = free_.back();
    free_[p] = last;
    pos_[last] = p;
    free_.pop_back();
    trail_.push_back({1, i, e});
  }
  void Undo(std::size_t mark) {
    while (trail_.size() > mark) {
      Change c = trail_.back();
      trail_.pop_back();
      if (c.kind == 0) {
        allowed_[c.entry] = 1;
        ++count_[c.sku];
      } else {
        fixed_entry_[c.sku] = -1;
        fixed_value_ -= value_[c.entry];
        for (int k = 0; k < rows_; ++k) use_[k] -= W(c.entry)[k];
        // Exact reverse of the swap-remove in Fix (later changes are undone).
        const int q = pos_[c.sku];
        if (q == static_cast<int>(free_.size())) {
          free_.push_back(c.sku);
        } else {
          const int other = free_[q];
          free_.push_back(other);
          pos_[other] = static_cast<int>(free_.size()) - 1;
          free_[q] = c.sku;
        }
      }
    }
  }

  // The dual function of the current node; `best` receives each free SKU's
  // maximising entry when not null.
  double Evaluate(const std::vector<double>& lambda, std::vector<double>* sub,
                  std::vector<int>* best) const {
    double total = fixed_value_;
    sub->resize(rows_);
    for (int k = 0; k < rows_; ++k) {
      (*sub)[k] = rhs_[k] - use_[k];
      total += lambda[k] * (rhs_[k] - use_[k]);
    }
    if (best) best->assign(free_.size(), -1);
    for (std::size_t f = 0; f < free_.size(); ++f) {
      const int i = free_[f];
      double top = -kInf;
      int arg = -1;
      for (int e = offset_[i]; e < offset_[i + 1]; ++e) {
        if (!allowed_[e]) continue;
        double v = value_[e];
        const double* w = W(e);
        for (int k = 0; k < rows_; ++k) v -= lambda[k] * w[k];
        if (v > top) {
          top = v;
          arg = e;
        }
      }
      total += top;
      for (int k = 0; k < rows_; ++k) (*sub)[k] -= W(arg)[k];
      if (best) (*best)[f] = arg;
    }
    return total;
  }

  double Reduced(int e, const std::vector<double>& lambda) const {
    double v = value_[e];
    for (int k = 0; k < rows_; ++k) v -= lambda[k] * W(e)[k];
    return v;
  }

  // A plan: the fixed SKUs plus `free_pick` (entry per free SKU), worth about
  // `value`; kept when it is feasible and better.
  void Record(const std::vector<int>& free_pick, double value) {
    if (!(value > lb_)) return;
    std::vector<int> pick = base_;
    for (std::size_t i = 0; i < group_.size(); ++i) {
      if (fixed_entry_[i] >= 0) pick[group_[i]] = cand_[fixed_entry_[i]];
    }
    for (std::size_t f = 0; f < free_.size(); ++f) pick[group_[free_[f]]] = cand_[free_pick[f]];
    if (!CheckFeasible(m_, pick).empty()) return;  // rounding at the edge of a row
    double v = ObjectiveOf(m_, pick);
    if (v <= lb_) return;
    lb_ = v;
    best_pick_ = std::move(pick);
    ++improvements_;
    last_improvement_ = nodes_;
  }

  // Greedy single-SKU moves that keep the rows satisfied, best gain first;
  // `pick` holds an entry per free SKU and `slack` the rows left.
  void Polish(std::vector<int>* pick, std::vector<double>* slack) {
    for (int iter = 0; iter < 100; ++iter) {
      double best_gain = 0.0;
      int best_f = -1, best_e = -1;
      for (std::size_t f = 0; f < free_.size(); ++f) {
        const int i = free_[f], a = (*pick)[f];
        for (int e = offset_[i]; e < offset_[i + 1]; ++e) {
          const double gain = value_[e] - value_[a];
          if (!allowed_[e] || gain <= best_gain) continue;
          bool fits = true;
          for (int k = 0; k < rows_ && fits; ++k)
            fits = (*slack)[k] - (W(e)[k] - W(a)[k]) >= -feas_[k];
          if (!fits) continue;
          best_gain = gain;
          best_f = static_cast<int>(f);
          best_e = e;
        }
      }
      if (best_f < 0) break;
      const int a = (*pick)[best_f];
      for (int k = 0; k < rows_; ++k) (*slack)[k] -= W(best_e)[k] - W(a)[k];
      (*pick)[best_f] = best_e;
    }
    double v = fixed_value_;
    for (int e : *pick) v += value_[e];
    Record(*pick, v);
  }

  bool OutOfTime() {
    if (limits_.time_limit <= 0 || (nodes_ & 31) != 0) return aborted_;
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    if (s > limits_.time_limit) aborted_ = true;
    return aborted_;
  }

  struct Child {
    double bound;  // with the parent's multipliers
    int sku, entry;
  };

  // Solves the node of the current state, starting from the parent's
  // multipliers `lambda` (updated). Returns false when the node is pruned or
  // solved; otherwise sets its bound and the children of the SKU branched on,
  // most promising first, each still able to beat the incumbent.
  bool Solve(std::vector<double>* lambda_io, double* bound_out, std::vector<Child>* children) {
    std::vector<double>& lambda = *lambda_io;
    std::vector<double> sub;
    std::vector<int> best;
    double bound = -kInf;
    for (int round = 0;; ++round) {
      if (free_.empty()) {
        bound = Evaluate(lambda, &sub, &best);
        bool fits = true;
        for (int k = 0; k < rows_; ++k) fits = fits && sub[k] >= -feas_[k];
        if (fits) Record(best, fixed_value_);
        return false;
      }
      search_.precision = std::max(
          0.25 * Tol(), 1e-13 * std::max(1.0, std::fabs(lb_ == -kInf ? fixed_value_ : lb_)));
      // Every evaluation whose maximiser satisfies the rows gives a plan worth
      // L - lambda . subgradient; the best of them is polished below.
      double plan_value = -kInf;
      std::vector<double> plan_lambda;
      DualFunction f = [&](const std::vector<double>& l, std::vector<double>* g) {
        const double v = Evaluate(l, g, nullptr);
        double primal = v;
        for (int k = 0; k < rows_; ++k) {
          if ((*g)[k] < -feas_[k]) return v;
          primal -= l[k] * (*g)[k];
        }
        if (primal > plan_value) {
          plan_value = primal;
          plan_lambda = l;
        }
        return v;
      };
      bound = MinimizeDual(f, &search_, &lambda);
      if (plan_value > -kInf) {
        Evaluate(plan_lambda, &sub, &best);
        Polish(&best, &sub);
      }
      if (bound == -kInf || bound <= lb_ + Tol()) return false;
      // The maximiser may satisfy the rows: a plan, maybe better.
      const double L = Evaluate(lambda, &sub, &best);
      bound = std::min(bound, L);
      bool fits = true;
      for (int k = 0; k < rows_; ++k) fits = fits && sub[k] >= -feas_[k];
      if (fits) {
        double v = fixed_value_;
        for (int e : best) v += value_[e];
        Record(best, v);
        if (bound - v <= Tol() || bound <= lb_ + Tol()) return false;
      }
      // Reduced-cost fixing against the incumbent; SKUs left with one entry
      // are fixed.
      const double slack = lb_ == -kInf ? kInf : bound - lb_ - Tol();
      int fixed_now = 0;
      for (std::size_t j = 0; j < free_.size();) {
        const int i = free_[j];
        const double top = Reduced(best[j], lambda);
        for (int e = offset_[i]; e < offset_[i + 1]; ++e) {
          if (allowed_[e] && top - Reduced(e, lambda) >= slack) Remove(i, e);
        }
        if (count_[i] == 1) {
          int only = offset_[i];
          while (!allowed_[only]) ++only;
          Fix(i, only);  // free_[j] now holds the SKU that was last
          best[j] = best.back();
          best.pop_back();
          ++fixed_now;
          continue;
        }
        ++j;
      }
      if (fixed_now == 0 || (round >= 3 && !free_.empty())) break;
    }

    // Branch on the SKU whose two best reduced values are closest.
    int branch = -1;
    double closest = kInf;
    for (std::size_t f = 0; f < free_.size(); ++f) {
      const int i = free_[f];
      double top = -kInf, second = -kInf;
      for (int e = offset_[i]; e < offset_[i + 1]; ++e) {
        if (!allowed_[e]) continue;
        double v = Reduced(e, lambda);
        if (v > top) {
          second = top;
          top = v;
        } else if (v > second) {
          second = v;
        }
      }
      if (top - second < closest) {
        closest = top - second;
        branch = i;
      }
    }
    double top = -kInf;
    children->clear();
    for (int e = offset_[branch]; e < offset_[branch + 1]; ++e) {
      if (allowed_[e]) top = std::max(top, Reduced(e, lambda));
    }
    for (int e = offset_[branch]; e < offset_[branch + 1]; ++e) {
      if (!allowed_[e]) continue;
      // Forcing e costs the bound at least top - reduced(e).
      const double child = bound - (top - Reduced(e, lambda));
      if (child > lb_ + Tol()) children->push_back({child, branch, e});
    }
    std::stable_sort(children->begin(), children->end(),
                     [](const Child& a, const Child& b) { return a.bound > b.bound; });
    *bound_out = bound;
    return !children->empty();
  }

  // Open nodes are kept as a tree of decisions (SKU fixed to entry); a node's
  // state is rebuilt by replaying its path from the root.
  struct Rec {
    int parent, sku, entry;
    double bound;
    std::vector<double> lambda;
  };

  void Restore(int node) {
    Undo(0);
    path_.clear();
    for (int n = node; n >= 0 && recs_[n].sku >= 0; n = recs_[n].parent) path_.push_back(n);
    for (auto it = path_.rbegin(); it != path_.rend(); ++it) {
      const Rec& r = recs_[*it];
      if (fixed_entry_[r.sku] < 0) Fix(r.sku, r.entry);
    }
  }

  // Best-bound search with dives: the open node with the largest bound is
  // taken, then the search dives along the most promising child, leaving the
  // other children open.
  // Returns true when the search space was exhausted (or time ran out),
  // false when `max_nodes` was reached first.
  bool Explore(long long max_nodes) {
    auto worse = [this](int a, int b) {
      return recs_[a].bound < recs_[b].bound || (recs_[a].bound == recs_[b].bound && a > b);
    };
    std::vector<int> heap;
    recs_.push_back({-1, -1, -1, kInf, std::vector<double>(rows_, 0.0)});
    heap.push_back(0);
    std::vector<Child> children;
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), worse);
      int cur = heap.back();
      heap.pop_back();
      if (recs_[cur].bound <= lb_ + Tol()) continue;
      if (nodes_ >= max_nodes) {
        Undo(0);
        recs_.clear();
        return false;
      }
      Restore(cur);
      std::vector<double> lambda = recs_[cur].lambda;
      for (;;) {
        ++nodes_;
        if (OutOfTime()) {
          open_bound_ = std::max(open_bound_, recs_[cur].bound);
          break;
        }
        double bound;
        if (!Solve(&lambda, &bound, &children)) break;
        for (std::size_t c = 1; c < children.size(); ++c) {
          recs_.push_back({cur, children[c].sku, children[c].entry, children[c].bound, lambda});
          heap.push_back(static_cast<int>(recs_.size()) - 1);
          std::push_heap(heap.begin(), heap.end(), worse);
        }
        recs_.push_back({cur, children[0].sku, children[0].entry, children[0].bound, {}});
        cur = static_cast<int>(recs_.size()) - 1;
        Fix(children[0].sku, children[0].entry);
      }
      if (aborted_) {
        for (int n : heap) open_bound_ = std::max(open_bound_, recs_[n].bound);
        break;
      }
    }
    Undo(0);
    recs_.clear();
    return true;
  }

  // Depth-first search: the reduced-cost fixing of a node stays in force in
  // its whole subtree.
  void Dive(std::vector<double> lambda) {
    ++nodes_;
    if (OutOfTime()) return;  // the parent's bound covers this node
    const std::size_t mark = trail_.size();
    double bound;
    std::vector<Child> children;
    if (Solve(&lambda, &bound, &children)) {
      for (const Child& c : children) {
        if (c.bound <= lb_ + Tol()) break;  // sorted by bound
        const std::size_t child_mark = trail_.size();
        Fix(c.sku, c.entry);
        Dive(lambda);
        Undo(child_mark);
        if (aborted_) {
          open_bound_ = std::max(open_bound_, bound);
          break;
        }
      }
    }
    Undo(mark);
  }

  const Model& m_;
  const int rows_;
  SolveLimits limits_;
  std::chrono::steady_clock::time_point t0_;
  std::vector<int> base_;  // the whole choice with core SKUs at -1
  double base_value_ = 0.0;
  std::vector<double> rhs_, feas_;  // rows left for the core, feasibility slack
  // Entries.
  std::vector<int> offset_, group_, cand_;
  std::vector<double> value_, weight_;
  // Search state.
  std::vector<char> allowed_;
  std::vector<int> count_, fixed_entry_, free_, pos_;
  std::vector<double> use_;
  double fixed_value_ = 0.0;
  std::vector<Change> trail_;
  std::vector<Rec> recs_;
  std::vector<int> path_;
  DualSearch search_;
  // Results.
  std::vector<int> best_pick_;
  double lb_ = -kInf;
  double open_bound_ = -kInf;
  long long nodes_ = 0;
  int improvements_ = 0;
  long long last_improvement_ = 0;
  bool aborted_ = false, infeasible_ = false;
};

}  // namespace

bool BranchAndBoundApplies(const Model& m) {
  for (const SupplierInfo& s : m.suppliers) {
    if (s.min_value > 0) return false;
  }
  return true;
}

SolveOutcome SolveCoreBranchAndBound(const Model& m, const Restriction& r,
                                     const std::vector<int>& incumbent, const SolveLimits& limits,
                                     double cutoff, BranchStats* stats) {
  BranchStats local;
  Search s(m, r, incumbent, limits, cutoff);
  return s.Run(stats ? stats : &local);
}

}  // namespace invplan::optimize
