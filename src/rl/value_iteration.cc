#include "rl/value_iteration.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/parallel.h"

namespace invplan::rl {
namespace {

// What a period does to the stock for each available level: the distribution of
// the end-of-period stock and the expected reward before order costs. Both
// depend only on `available`, so they are tabulated once.
struct PeriodTables {
  int lo;                                                 // smallest available level (-max_backlog)
  std::vector<std::vector<std::pair<int, double>>> ends;  // by available - lo
  std::vector<double> reward;
};

PeriodTables Tabulate(const Model& m) {
  PeriodTables t;
  t.lo = -m.max_backlog;
  const int levels = m.max_inventory - t.lo + 1;
  t.ends.resize(levels);
  t.reward.assign(levels, 0.0);
  const std::vector<double>& pmf = m.demand.pmf;
  for (int avail = t.lo; avail <= m.max_inventory; ++avail) {
    std::vector<double> by_end(levels, 0.0);
    double r = 0.0;
    for (int d = 0; d < static_cast<int>(pmf.size()); ++d) {
      if (pmf[d] == 0.0) continue;
      const PeriodResult o = Period(m, avail, d);
      const int end = o.end;
      const double reward = o.reward;
      by_end[end - t.lo] += pmf[d];
      r += pmf[d] * reward;
    }
    auto& list = t.ends[avail - t.lo];
    for (int e = 0; e < levels; ++e) {
      if (by_end[e] > 0.0) list.emplace_back(e + t.lo, by_end[e]);
    }
    t.reward[avail - t.lo] = r;
  }
  return t;
}

}  // namespace

ValueIterationResult RelativeValueIteration(const Model& m, double tolerance, int max_iterations,
                                            int threads, const std::vector<std::uint16_t>* fixed) {
  const PeriodTables t = Tabulate(m);
  const std::int64_t n = m.num_states;
  const int A = m.num_actions;
  std::vector<double> v(n, 0.0), w(n, 0.0);
  std::vector<std::uint16_t> best(n, 0);
  constexpr double kTau = 0.9;  // aperiodicity transform: V <- V + tau (TV - V)
  constexpr std::int64_t kBlock = 1024;
  const std::int64_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> block_lo(blocks), block_hi(blocks);

  // One Bellman sweep over states [begin, end): w = TV, best = argmax.
  auto sweep = [&](std::int64_t begin, std::int64_t end, bool record) {
    std::vector<double> acc(A);
    for (std::int64_t s = begin; s < end; ++s) {
      const int x = m.OnHand(s);
      const std::int64_t rest = s % m.pipe_states;
      double best_value = -std::numeric_limits<double>::infinity();
      int best_a = 0;
      const int a_lo = fixed ? (*fixed)[s] : 0;
      const int a_hi = fixed ? a_lo + 1 : A;
      if (m.lead_time >= 2) {
        const int arrival = m.qty[rest / m.pipe_lead];
        const std::int64_t nrest = (rest % m.pipe_lead) * A;
        std::fill(acc.begin(), acc.end(), 0.0);
        for (const auto& [e, p] : t.ends[x - t.lo]) {
          const int nx = std::min(e + arrival, m.max_inventory);
          const double* vn = &v[(nx + m.max_backlog) * m.pipe_states + nrest];
          for (int a = a_lo; a < a_hi; ++a) acc[a] += p * vn[a];
        }
        const double r0 = t.reward[x - t.lo];
        for (int a = a_lo; a < a_hi; ++a) {
          const double val = r0 - m.order_cost[a] + acc[a];
          if (val > best_value) best_value = val, best_a = a;
        }
      } else {
        for (int a = a_lo; a < a_hi; ++a) {
          const int q = m.qty[a];
          const int avail = m.lead_time == 0 ? std::min(x + q, m.max_inventory) : x;
          double val = t.reward[avail - t.lo] - m.order_cost[a];
          for (const auto& [e, p] : t.ends[avail - t.lo]) {
            const int nx = m.lead_time == 0 ? e : std::min(e + q, m.max_inventory);
            val += p * v[nx + m.max_backlog];
          }
          if (val > best_value) best_value = val, best_a = a;
        }
      }
      w[s] = best_value;
      if (record) best[s] = static_cast<std::uint16_t>(best_a);
    }
  };

  ValueIterationResult result;
  const std::int64_t ref = m.StartState(0);
  for (int it = 1; it <= max_iterations; ++it) {
    ParallelFor(
        static_cast<std::size_t>(blocks), threads,
        [&](std::size_t b) {
          const std::int64_t begin = static_cast<std::int64_t>(b) * kBlock;
          const std::int64_t end = std::min(n, begin + kBlock);
          sweep(begin, end, false);
          double lo = std::numeric_limits<double>::infinity(), hi = -lo;
          for (std::int64_t s = begin; s < end; ++s) {
            lo = std::min(lo, w[s] - v[s]);
            hi = std::max(hi, w[s] - v[s]);
          }
          block_lo[b] = lo;
          block_hi[b] = hi;
        },
        4);
    const double lo = *std::min_element(block_lo.begin(), block_lo.end());
    const double hi = *std::max_element(block_hi.begin(), block_hi.end());
    result.lower = lo;
    result.upper = hi;
    result.iterations = it;
    const double scale = std::max({std::fabs(lo), std::fabs(hi), 1e-9});
    if (hi - lo <= tolerance * scale) {
      result.converged = true;
      break;
    }
    const double shift = v[ref] + kTau * (w[ref] - v[ref]);
    for (std::int64_t s = 0; s < n; ++s) v[s] = v[s] + kTau * (w[s] - v[s]) - shift;
  }
  // The greedy policy of the final values.
  ParallelFor(
      static_cast<std::size_t>(blocks), threads,
      [&](std::size_t b) {
        const std::int64_t begin = static_cast<std::int64_t>(b) * kBlock;
        sweep(begin, std::min(n, begin + kBlock), true);
      },
      4);
  result.gain = 0.5 * (result.lower + result.upper);
  result.policy = std::move(best);
  result.values = std::move(v);
  return result;
}

}  // namespace invplan::rl
