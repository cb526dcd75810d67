// Simulating policies on a fixed demand path (common random numbers: every
// policy sees the same demands, so differences between policies are measured
// with far less noise than their levels), and the parametric policies.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/random.h"
#include "rl/model.h"

namespace invplan::rl {

// n demands drawn from the model's distribution with `seed`.
std::vector<int> DemandPath(const Demand& demand, std::int64_t n, std::uint64_t seed);

struct SimStats {
  std::int64_t periods = 0;
  double reward = 0.0;  // sum
  std::int64_t demand = 0, sales = 0, lost = 0;
  std::int64_t stockout_periods = 0;  // periods with lost sales or a backlog at the end
  double stock = 0.0;                 // sum of max(end, 0)
  std::int64_t orders = 0;            // periods with q > 0
  double ordered = 0.0;               // units
  std::vector<double> batches;        // average reward of each batch (batch means)

  double AverageReward() const { return periods ? reward / periods : 0.0; }
  double FillRate() const { return demand ? static_cast<double>(sales) / demand : 1.0; }
};

// Half-width of a 95% confidence interval from batch means.
double BatchHalfWidth(const std::vector<double>& batches);
// Same for the difference of two runs on the same path (common random numbers).
double PairedHalfWidth(const std::vector<double>& a, const std::vector<double>& b);

// Any function state -> action index; `demand_at(t)` gives period t's demand,
// asked for t = 0, 1, ..., total - 1 in order (so it may draw as it goes).
template <class Policy, class DemandAt>
SimStats SimulateStream(const Model& m, const Policy& policy, DemandAt&& demand_at,
                        std::int64_t total, int warmup, std::int64_t start, int batches = 20) {
  SimStats st;
  std::int64_t s = start;
  const std::int64_t measured = std::max<std::int64_t>(total - warmup, 1);
  const std::int64_t per_batch = std::max<std::int64_t>(measured / std::max(batches, 1), 1);
  double batch_sum = 0.0;
  std::int64_t in_batch = 0;
  for (std::int64_t t = 0; t < total; ++t) {
    const int a = policy(s);
    const int d = demand_at(t);
    const Outcome o = Step(m, s, a, d);
    s = o.next;
    if (t < warmup) continue;
    ++st.periods;
    st.reward += o.reward;
    st.demand += d;
    st.sales += o.sales;
    st.lost += o.lost;
    st.stockout_periods += (o.lost > 0 || o.end < 0) ? 1 : 0;
    st.stock += std::max(o.end, 0);
    st.orders += a > 0 ? 1 : 0;
    st.ordered += m.qty[a];
    batch_sum += o.reward;
    if (++in_batch == per_batch && static_cast<int>(st.batches.size()) < batches) {
      st.batches.push_back(batch_sum / per_batch);
      batch_sum = 0.0;
      in_batch = 0;
    }
  }
  return st;
}

// The first `length` periods of a stored demand path.
template <class Policy>
SimStats Simulate(const Model& m, const Policy& policy, const std::vector<int>& path,
                  std::int64_t length, int warmup, std::int64_t start, int batches = 20) {
  const std::int64_t total = std::min<std::int64_t>(length, static_cast<std::int64_t>(path.size()));
  return SimulateStream(
      m, policy, [&path](std::int64_t t) { return path[static_cast<std::size_t>(t)]; }, total,
      warmup, start, batches);
}

// Demands drawn as the simulation asks for them: the same sequence DemandPath(demand,
// n, seed) returns, in constant memory (a billion periods need no 4 GB path).
class DemandStream {
 public:
  DemandStream(const Demand& demand, std::uint64_t seed) : sample_(demand), rng_(seed) {}
  int operator()(std::int64_t) { return sample_(rng_); }

 private:
  DemandSampler sample_;
  Rng rng_;
};

// A dense policy: action index per state.
struct TablePolicy {
  const std::vector<std::uint16_t>* table;
  int operator()(std::int64_t s) const { return (*table)[s]; }
};

// (s,S): when the inventory position is <= s, order the smallest allowed
// quantity that brings it to S or above (capped at max_order); base-stock S is
// (S-1, S).
class SsPolicy {
 public:
  SsPolicy(const Model& m, int s, int S);
  int operator()(std::int64_t state) const {
    const int pos = m_->Position(state);
    if (pos > s_) return 0;
    // 64 bits: S may be as large as an int and the position negative (backlog).
    const std::int64_t need = static_cast<std::int64_t>(S_) - pos;
    return need <= 0 ? 0
                     : act_[static_cast<std::size_t>(std::min<std::int64_t>(
                           need, static_cast<std::int64_t>(act_.size()) - 1))];
  }
  int s() const { return s_; }
  int S() const { return S_; }

 private:
  const Model* m_;
  int s_, S_;
  // Action for each shortfall up to one past the largest order (every larger
  // shortfall orders the largest quantity), so its size does not grow with S.
  std::vector<int> act_;
};

struct SsChoice {
  int s = 0, S = 0;
  double reward = 0.0;  // average reward on the search path (-infinity: none qualified)
};

// The best base-stock level, and the best (s,S) pair, by simulation on `path`
// (a coarse grid on a prefix, then the best candidates on the whole path),
// among those whose fill rate is at least `min_fill`.
SsChoice SearchBaseStock(const Model& m, const std::vector<int>& path, int warmup,
                         double min_fill = 0.0);
SsChoice SearchSs(const Model& m, const std::vector<int>& path, int warmup, double min_fill = 0.0);

// The dense table of an (s,S) policy (action per state).
std::vector<std::uint16_t> SsTable(const Model& m, int s, int S);

// States reachable from `start` under a dense policy (sorted indices).
std::vector<std::int64_t> ReachableStates(const Model& m, const std::vector<std::uint16_t>& policy,
                                          std::int64_t start);

}  // namespace invplan::rl
