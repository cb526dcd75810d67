#include "optimize/switch_search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace invplan::optimize {
namespace {

// Switch of one SKU from its reference choice to `cand` (-1: none).
struct Switch {
  int group, cand;
  double d, dv;  // loss in reduced value, change of value
};

// Sets of switches of one half, as a tree: a set is its parent plus one switch.
struct SetList {
  std::vector<double> d, dv, delta;  // delta: change of row use, `rows` per set
  std::vector<int> parent, item;
  int size() const { return static_cast<int>(d.size()); }
};

class Lister {
 public:
  Lister(const std::vector<Switch>& sw, const std::vector<double>& delta, int rows, double thr,
         long long max_list, std::vector<char>* used)
      : sw_(sw), delta_(delta), rows_(rows), thr_(thr), max_(max_list), used_(*used) {}

  // Lists every set of `items` (sorted by loss) with one switch per SKU at
  // most and summed loss below the threshold. False when it grew too large.
  bool Run(const std::vector<int>& items, SetList* out) {
    items_ = &items;
    out_ = out;
    Add(-1, -1);
    return Grow(0, 0) && !over_;
  }

 private:
  void Add(int parent, int item) {
    double d = 0, dv = 0;
    if (parent >= 0) {
      d = out_->d[parent] + sw_[item].d;
      dv = out_->dv[parent] + sw_[item].dv;
    }
    out_->d.push_back(d);
    out_->dv.push_back(dv);
    out_->parent.push_back(parent);
    out_->item.push_back(item);
    for (int k = 0; k < rows_; ++k) {
      double x = parent >= 0 ? out_->delta[static_cast<std::size_t>(parent) * rows_ + k] +
                                   delta_[static_cast<std::size_t>(item) * rows_ + k]
                             : 0.0;
      out_->delta.push_back(x);
    }
  }

  bool Grow(std::size_t start, int parent) {
    const std::vector<int>& items = *items_;
    const double base = out_->d[parent];
    for (std::size_t i = start; i < items.size(); ++i) {
      const int it = items[i];
      if (base + sw_[it].d >= thr_) break;  // sorted: every later one too
      if (used_[sw_[it].group]) continue;
      if (out_->size() >= max_) {
        over_ = true;
        return false;
      }
      Add(parent, it);
      const int me = out_->size() - 1;
      used_[sw_[it].group] = 1;
      const bool ok = Grow(i + 1, me);
      used_[sw_[it].group] = 0;
      if (!ok) return false;
    }
    return true;
  }

  const std::vector<Switch>& sw_;
  const std::vector<double>& delta_;
  const int rows_;
  const double thr_;
  const long long max_;
  std::vector<char>& used_;
  const std::vector<int>* items_ = nullptr;
  SetList* out_ = nullptr;
  bool over_ = false;
};

}  // namespace

SolveOutcome SolveBySwitches(const Model& m, const std::vector<double>& lambda,
                             const std::vector<int>& incumbent, const SolveLimits& limits,
                             long long max_list, SwitchStats* stats) {
  const auto t0 = std::chrono::steady_clock::now();
  const int rows = m.rows;
  const int groups = static_cast<int>(m.groups.size());
  SolveOutcome out;

  // Reference choice: the Lagrangian maximiser (ties keep "none", then the
  // first line), so every switch has a loss >= 0 in the same arithmetic.
  std::vector<double> red(m.candidates());
  std::vector<int> ref(groups, -1);
  std::vector<double> red_ref(groups);
  double ub = 0.0;
  for (int g = 0; g < groups; ++g) {
    const Group& gr = m.groups[g];
    double best = gr.mandatory ? -kInf : 0.0;
    for (int c = gr.begin; c < gr.end; ++c) {
      double v = m.value[c];
      for (int k = 0; k < rows; ++k) v -= lambda[k] * m.w(c, k);
      red[c] = v;
      if (v > best) {
        best = v;
        ref[g] = c;
      }
    }
    red_ref[g] = best;
    ub += best;
  }
  for (int k = 0; k < rows; ++k) ub += lambda[k] * m.rhs[k];
  const double value_ref = ObjectiveOf(m, ref);
  const Usage use_ref = ComputeUsage(m, ref);
  std::vector<double> slack(rows), feas(rows);
  for (int k = 0; k < rows; ++k) {
    slack[k] = m.rhs[k] - use_ref.row[k];
    feas[k] = 0.5 * FeasTol(m.rhs[k]);
  }
  const double lb = incumbent.empty() ? -kInf : ObjectiveOf(m, incumbent);
  // Rounding of the sums above: the thresholds are padded by eps, so no plan
  // is lost to it (a few more sets are listed).
  const double eps = 1e-11 * std::max(1.0, std::fabs(ub));
  // Whole-numbered values: a better plan is worth at least lb + step, so the
  // search need not look below lb + step - margin.
  const double gap0 = ub - lb - (m.value_step > 0 ? PruneMargin(m, lb, 0.0) : 0.0);
  auto finish = [&](std::vector<int> pick, SolveStatus status) {
    out.status = status;
    out.has_solution = !pick.empty();
    out.pick = std::move(pick);
    out.objective = out.has_solution ? ObjectiveOf(m, out.pick) : 0.0;
    out.bound = status == SolveStatus::kOptimal ? out.objective : ub;
    return out;
  };
  if (incumbent.empty()) {
    out.message = "no incumbent to start from";
    return out;  // kFailed
  }
  if (gap0 <= eps) return finish(incumbent, SolveStatus::kOptimal);

  double delta = std::max(gap0 / 64, 10 * eps);
  std::vector<char> used(groups, 0);
  for (;;) {
    ++stats->rounds;
    const double d_eff = std::min(delta, gap0);
    const bool exact = d_eff == gap0;
    const double thr = d_eff + eps;
    stats->delta = d_eff;
    // Switches with a loss below the threshold.
    std::vector<Switch> sw;
    std::vector<double> dw;  // change of row use per switch
    std::vector<double> group_min(groups, kInf);
    for (int g = 0; g < groups; ++g) {
      const Group& gr = m.groups[g];
      auto add = [&](int c, double r) {
        const double d = red_ref[g] - r;
        if (c == ref[g] || !(d < thr)) return;
        sw.push_back({g, c, d, (c < 0 ? 0.0 : m.value[c]) - (ref[g] < 0 ? 0.0 : m.value[ref[g]])});
        for (int k = 0; k < rows; ++k)
          dw.push_back((c < 0 ? 0.0 : m.w(c, k)) - (ref[g] < 0 ? 0.0 : m.w(ref[g], k)));
        group_min[g] = std::min(group_min[g], d);
      };
      if (!gr.mandatory) add(-1, 0.0);
      for (int c = gr.begin; c < gr.end; ++c) add(c, red[c]);
    }
    stats->switches = static_cast<int>(sw.size());
    // Halves: SKUs by their cheapest switch, alternately, so both halves list
    // about as many sets.
    std::vector<int> order;
    for (int g = 0; g < groups; ++g) {
      if (group_min[g] < kInf) order.push_back(g);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return group_min[a] < group_min[b]; });
    std::vector<char> half(groups, 0);
    for (std::size_t i = 0; i < order.size(); ++i) half[order[i]] = static_cast<char>(i % 2);
    std::vector<int> items[2];
    for (int i = 0; i < static_cast<int>(sw.size()); ++i)
      items[static_cast<int>(half[sw[i].group])].push_back(i);
    for (auto& it : items) {
      std::stable_sort(it.begin(), it.end(), [&](int a, int b) { return sw[a].d < sw[b].d; });
    }
    SetList lists[2];
    for (int h = 0; h < 2; ++h) {
      Lister lister(sw, dw, rows, thr, max_list, &used);
      if (!lister.Run(items[h], &lists[h])) {
        stats->too_large = true;
        stats->listed += lists[h].size();
        out.status = SolveStatus::kFailed;
        out.message = "too many switch sets";
        return out;
      }
      stats->listed += lists[h].size();
    }
    // Join. The pairs worth looking at leave each row k with less than
    // (thr - d_a) / lambda_k unused: a small box. The second list is sorted by
    // cells of that width in the key row, then by the use of a second row.
    std::vector<std::pair<double, int>> score;
    for (int k = 0; k < rows; ++k) {
      double spread = 0.0;
      for (std::size_t i = 0; i < sw.size(); ++i) spread += std::fabs(dw[i * rows + k]);
      if (lambda[k] > 0 && spread > 0) score.emplace_back(-lambda[k] * spread, k);
    }
    std::stable_sort(score.begin(), score.end());
    const int key = score.empty() ? -1 : score[0].second;
    const int key2 = score.size() < 2 ? -1 : score[1].second;
    const SetList& A = lists[0];
    const SetList& B = lists[1];
    auto at = [rows](const SetList& L, int i, int k) {
      return L.delta[static_cast<std::size_t>(i) * rows + k];
    };
    const double cell = key >= 0 ? thr / lambda[key] : 1.0;
    std::vector<int> by_key(B.size());
    std::vector<long long> cells(B.size(), 0);
    std::vector<double> second(B.size(), 0.0);
    for (int i = 0; i < B.size(); ++i) {
      by_key[i] = i;
      if (key >= 0) cells[i] = static_cast<long long>(std::floor(at(B, i, key) / cell));
      if (key2 >= 0) second[i] = at(B, i, key2);
    }
    std::stable_sort(by_key.begin(), by_key.end(), [&](int a, int b) {
      return cells[a] < cells[b] || (cells[a] == cells[b] && second[a] < second[b]);
    });
    {
      std::vector<long long> c2(B.size());
      std::vector<double> s2(B.size());
      for (int i = 0; i < B.size(); ++i) {
        c2[i] = cells[by_key[i]];
        s2[i] = second[by_key[i]];
      }
      cells.swap(c2);
      second.swap(s2);
    }
    double best_val = lb;
    int best_a = -1, best_b = -1;
    std::vector<double> r(rows);
    for (int a = 0; a < A.size(); ++a) {
      for (int k = 0; k < rows; ++k) r[k] = slack[k] - at(A, a, k);
      const double room = thr - A.d[a];
      long long c_from = 0, c_to = 0;
      if (key >= 0) {
        c_from = static_cast<long long>(std::floor((r[key] - room / lambda[key]) / cell));
        c_to = static_cast<long long>(std::floor((r[key] + feas[key]) / cell));
      }
      const double s_from = key2 >= 0 ? r[key2] - room / lambda[key2] : -kInf;
      const double s_to = key2 >= 0 ? r[key2] + feas[key2] : kInf;
      for (long long c = c_from; c <= c_to; ++c) {
        auto range = key >= 0 ? std::equal_range(cells.begin(), cells.end(), c)
                              : std::make_pair(cells.begin(), cells.end());
        const auto b0 = second.begin() + (range.first - cells.begin());
        const auto b1 = second.begin() + (range.second - cells.begin());
        const std::size_t lo = std::lower_bound(b0, b1, s_from) - second.begin();
        const std::size_t hi = std::upper_bound(b0, b1, s_to) - second.begin();
        for (std::size_t i = lo; i < hi; ++i) {
          const int b = by_key[i];
          ++stats->pairs;
          double D = A.d[a] + B.d[b];
          bool fits = true;
          for (int k = 0; k < rows && fits; ++k) {
            const double u = r[k] - at(B, b, k);
            fits = u >= -feas[k];
            D += lambda[k] * u;
          }
          if (!fits || !(D < thr)) continue;
          const double val = value_ref + A.dv[a] + B.dv[b];
          if (val > best_val) {
            best_val = val;
            best_a = a;
            best_b = b;
          }
        }
      }
      if (limits.time_limit > 0 && (a & 1023) == 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() >
              limits.time_limit) {
        out = finish(incumbent, SolveStatus::kTimeLimit);
        out.bound = ub;
        out.message = "time limit reached while joining switch sets";
        return out;
      }
    }
    if (best_a >= 0) {
      std::vector<int> pick = ref;
      for (int h = 0; h < 2; ++h) {
        const SetList& L = lists[h];
        for (int s = h == 0 ? best_a : best_b; s >= 0 && L.item[s] >= 0; s = L.parent[s]) {
          const Switch& x = sw[L.item[s]];
          pick[x.group] = x.cand;
        }
      }
      if (!CheckFeasible(m, pick).empty()) {
        out.status = SolveStatus::kFailed;
        out.message = "a joined plan failed the feasibility check";
        return out;
      }
      return finish(std::move(pick), SolveStatus::kOptimal);
    }
    if (exact) return finish(incumbent, SolveStatus::kOptimal);
    // The lists grow steeply with delta: small steps.
    delta *= 1.25;
  }
}

}  // namespace invplan::optimize
