#include "rl/simulation.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "rl/demand.h"

namespace invplan::rl {
namespace {

double MeanOf(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / v.size();
}

double HalfWidth(const std::vector<double>& v) {
  const std::size_t n = v.size();
  if (n < 2) return 0.0;
  const double m = MeanOf(v);
  double ss = 0.0;
  for (double x : v) ss += (x - m) * (x - m);
  // t quantile (97.5%) for n-1 degrees of freedom; 2.09 at 19, close to 1.96 beyond.
  const double t = n - 1 >= 30 ? 1.96 : n - 1 >= 19 ? 2.093 : n - 1 >= 9 ? 2.262 : 2.776;
  return t * std::sqrt(ss / (n - 1) / n);
}

// Average reward of an (s,S) policy on the first `length` periods of the path;
// -infinity when its fill rate is below `min_fill`.
double SsReward(const Model& m, int s, int S, const std::vector<int>& path, std::int64_t length,
                int warmup, double min_fill) {
  const SsPolicy p(m, s, S);
  const SimStats st = Simulate(m, p, path, length, warmup, m.StartState(0), 1);
  return st.FillRate() >= min_fill ? st.AverageReward() : -INFINITY;
}

// Coarse pass over `candidates` on a prefix of the path, then the best few on
// the whole path. The prefix gets shorter when there are many candidates, so a
// search costs at most a few tens of millions of simulated periods.
SsChoice Refine(const Model& m, const std::vector<std::pair<int, int>>& candidates,
                const std::vector<int>& path, int warmup, double min_fill) {
  const auto n = static_cast<std::int64_t>(path.size());
  const std::int64_t budget = 20000000;
  const std::int64_t coarse = std::clamp<std::int64_t>(
      budget / std::max<std::int64_t>(static_cast<std::int64_t>(candidates.size()), 1), 5000,
      std::min<std::int64_t>(n, 200000));
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    scored.emplace_back(
        SsReward(m, candidates[i].first, candidates[i].second, path, coarse, warmup, min_fill), i);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  SsChoice best;
  bool first = true;
  const std::size_t keep = std::min<std::size_t>(scored.size(), 8);
  for (std::size_t k = 0; k < keep; ++k) {
    const auto [s, S] = candidates[scored[k].second];
    const double r = coarse >= n ? scored[k].first : SsReward(m, s, S, path, n, warmup, min_fill);
    if (first || r > best.reward) best = {s, S, r}, first = false;
  }
  return best;
}

// Order-up-to levels worth trying: up to a high quantile of the demand over the
// lead time plus one period, and never above what the stock bound allows.
int MaxLevel(const Model& m) {
  const int by_demand = m.demand.Sum(m.lead_time + 1).Quantile(1.0 - 1e-6) + m.max_order;
  const int by_bound = m.max_inventory + std::max(m.lead_time, 0) * m.max_order;
  return std::max(1, std::min(by_demand, by_bound));
}

}  // namespace

std::vector<int> DemandPath(const Demand& demand, std::int64_t n, std::uint64_t seed) {
  const DemandSampler sample(demand);
  Rng rng(seed);
  std::vector<int> path(static_cast<std::size_t>(n));
  for (int& d : path) d = sample(rng);
  return path;
}

double BatchHalfWidth(const std::vector<double>& batches) {
  return HalfWidth(batches);
}

double PairedHalfWidth(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> diff(std::min(a.size(), b.size()));
  for (std::size_t i = 0; i < diff.size(); ++i) diff[i] = a[i] - b[i];
  return HalfWidth(diff);
}

SsPolicy::SsPolicy(const Model& m, int s, int S) : m_(&m), s_(s), S_(S) {
  const int max_need =
      static_cast<int>(std::clamp<std::int64_t>(static_cast<std::int64_t>(S) + m.max_backlog + 1, 1,
                                                static_cast<std::int64_t>(m.max_order) + 1));
  act_.resize(max_need + 1);
  for (int need = 0; need <= max_need; ++need) act_[need] = m.ActionAtLeast(need);
}

SsChoice SearchBaseStock(const Model& m, const std::vector<int>& path, int warmup,
                         double min_fill) {
  std::vector<std::pair<int, int>> candidates;
  for (int S = 0; S <= MaxLevel(m); ++S) candidates.emplace_back(S - 1, S);
  return Refine(m, candidates, path, warmup, min_fill);
}

SsChoice SearchSs(const Model& m, const std::vector<int>& path, int warmup, double min_fill) {
  const int top = MaxLevel(m);
  const int low = m.backorder ? -m.max_backlog : 0;
  // Small ranges: every pair. Large ones (heavy-tailed demand, fine lots): a
  // grid of about kGrid levels, then a pattern search around the best pairs
  // with the step halved down to one lot, so the search costs about the same
  // whatever the range.
  constexpr int kGrid = 40;
  const int range = top - low;
  const int step0 = std::max(1, (range + kGrid - 1) / kGrid);
  std::vector<std::pair<int, int>> candidates;
  for (int S = std::max(1, low + 1); S <= top; S += step0) {
    for (int s = std::max(low, S - top - 1); s < S; s += step0) candidates.emplace_back(s, S);
  }
  SsChoice best = Refine(m, candidates, path, warmup, min_fill);
  if (step0 == 1 || !std::isfinite(best.reward)) return best;
  for (int step = step0 / 2; step >= 1; step /= 2) {
    for (bool moved = true; moved;) {
      moved = false;
      std::vector<std::pair<int, int>> around;
      for (int dS = -step; dS <= step; dS += step) {
        for (int ds = -step; ds <= step; ds += step) {
          const int S = best.S + dS, s_ = best.s + ds;
          if ((dS != 0 || ds != 0) && S >= 1 && S <= top && s_ >= low - 1 && s_ < S) {
            around.emplace_back(s_, S);
          }
        }
      }
      if (around.empty()) break;
      const SsChoice c = Refine(m, around, path, warmup, min_fill);
      if (c.reward > best.reward) best = c, moved = true;
    }
    if (step == 1) break;
  }
  return best;
}

std::vector<std::uint16_t> SsTable(const Model& m, int s, int S) {
  const SsPolicy p(m, s, S);
  std::vector<std::uint16_t> table(static_cast<std::size_t>(m.num_states));
  for (std::int64_t i = 0; i < m.num_states; ++i) table[i] = static_cast<std::uint16_t>(p(i));
  return table;
}

std::vector<std::int64_t> ReachableStates(const Model& m, const std::vector<std::uint16_t>& policy,
                                          std::int64_t start) {
  std::vector<char> seen(static_cast<std::size_t>(m.num_states), 0);
  std::vector<std::int64_t> stack{start}, out;
  seen[start] = 1;
  std::vector<int> support;
  for (int d = 0; d <= m.demand.max(); ++d) {
    if (m.demand.pmf[d] > 0.0) support.push_back(d);
  }
  while (!stack.empty()) {
    const std::int64_t s = stack.back();
    stack.pop_back();
    out.push_back(s);
    for (int d : support) {
      const std::int64_t n = Step(m, s, policy[s], d).next;
      if (!seen[n]) seen[n] = 1, stack.push_back(n);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace invplan::rl
