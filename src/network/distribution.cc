#include "network/distribution.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <utility>

#include "network/numerics.h"
#include "network/serial_ssm.h"

namespace invplan::network {

DistributionPolicy PlanDistribution(const DcParams& dc, const std::vector<StoreParams>& stores) {
  double mu = 0.0, sigma = 0.0;
  for (const StoreParams& s : stores) {
    mu += s.mean;
    sigma += s.sd;
  }
  // sigma-weighted costs of the aggregate store (equal weights without spread).
  double h_local = 0.0, p = 0.0;
  for (const StoreParams& s : stores) {
    const double w = sigma > 0.0 ? s.sd / sigma : 1.0 / static_cast<double>(stores.size());
    h_local += w * s.holding;
    p += w * s.stockout;
  }
  const double h_echelon = std::max(0.0, h_local - dc.holding);
  std::vector<SerialStage> st = {{h_echelon, mu, sigma}, {dc.holding, dc.mean, dc.sd}};
  // The serial model charges stage 1 its local cost h'_1 = sum of echelon costs.
  const SerialSolution sol = OptimizeSerial(st, std::max(p, 1e-12));
  DistributionPolicy out;
  out.expected_cost = sol.expected_cost;
  out.store_score = sigma > 0.0 ? (sol.echelon_base_stock[0] - mu) / sigma : 0.0;
  out.store_base_stock.reserve(stores.size());
  double sum = 0.0;
  for (const StoreParams& s : stores) {
    const double level = sigma > 0.0 ? s.mean + out.store_score * s.sd
                                     : s.mean + (sol.echelon_base_stock[0] - mu) / stores.size();
    out.store_base_stock.push_back(level);
    sum += level;
  }
  // The echelon level is never below what the stores hold (stage 2 >= stage 1
  // up to the flat part of g_2, where any level at or above it is optimal).
  out.dc_echelon_base_stock = std::max(sol.echelon_base_stock[1], sum);
  out.dc_base_stock = out.dc_echelon_base_stock - sum;
  return out;
}

double StoreCost(const StoreParams& s, double y) {
  if (s.sd <= 0.0)
    return s.holding * std::max(y - s.mean, 0.0) + s.stockout * std::max(s.mean - y, 0.0);
  const double z = (y - s.mean) / s.sd;
  const double short_units = s.sd * NormalLoss(z);
  const double over_units = short_units + (y - s.mean);  // E(y-D)^+ = E(D-y)^+ + y - mu
  return s.holding * over_units + s.stockout * short_units;
}

double UnitGain(const StoreParams& s, double y) {
  // G(y) - G(y+1) = (p + h) * Delta - h with Delta = the integral of P(D > x)
  // over [y, y + 1]: integrated directly instead of subtracting two costs, which
  // would lose every digit when y and the mean are large.
  double delta;
  if (s.sd <= 0.0) {
    delta = std::clamp(s.mean - y, 0.0, 1.0);
  } else {
    const double z0 = (y - s.mean) / s.sd, z1 = (y + 1.0 - s.mean) / s.sd;
    delta =
        s.sd * GaussLegendreT([](double t) { return NormalCdf(-t); }, z0, z1,
                              std::max(1, static_cast<int>(std::min(64.0, std::ceil(z1 - z0)))));
  }
  return (s.stockout + s.holding) * delta - s.holding;
}

std::vector<std::int64_t> AllocateStock(const std::vector<StoreParams>& stores,
                                        const std::vector<double>& position,
                                        const std::vector<std::int64_t>& need,
                                        std::int64_t available, std::int64_t heap_limit) {
  const std::size_t n = stores.size();
  std::vector<std::int64_t> q(n, 0);
  if (available <= 0) return q;
  auto unit_gain = [&](std::size_t i, std::int64_t k) {
    return UnitGain(stores[i], position[i] + static_cast<double>(k - 1));
  };
  if (available > heap_limit) {
    // Units with gain > lambda, per store: binary search on the decreasing gains.
    auto count_above = [&](double lambda, std::vector<std::int64_t>* c) {
      std::int64_t total = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::int64_t lo = 0, hi = std::max<std::int64_t>(0, need[i]);
        while (lo < hi) {
          const std::int64_t mid = lo + (hi - lo + 1) / 2;
          if (unit_gain(i, mid) > lambda) {
            lo = mid;
          } else {
            hi = mid - 1;
          }
        }
        (*c)[i] = lo;
        total += lo;
      }
      return total;
    };
    std::vector<std::int64_t> c(n);
    double lo = 0.0, hi = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (need[i] > 0) hi = std::max(hi, unit_gain(i, 1));
    }
    if (count_above(lo, &c) <= available) return c;  // every unit worth anything fits
    // Invariant: more than `available` units above lo, at most that many above hi.
    for (int it = 0; it < 200 && hi - lo > 1e-15 * std::max(1.0, hi); ++it) {
      const double mid = 0.5 * (lo + hi);
      if (count_above(mid, &c) > available) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    available -= count_above(hi, &q);
    // What is left goes to units whose gains lie in (lo, hi], equal to within
    // rounding: in index order, without a loop over units.
    count_above(lo, &c);
    for (std::size_t i = 0; i < n && available > 0; ++i) {
      const std::int64_t add = std::min(available, c[i] - q[i]);
      q[i] += add;
      available -= add;
    }
    return q;
  }
  // Max-heap of (gain of the next unit, -index): the lower index wins ties.
  using Entry = std::pair<double, long>;
  std::priority_queue<Entry> heap;
  for (std::size_t i = 0; i < n; ++i) {
    if (q[i] < need[i]) heap.push({unit_gain(i, q[i] + 1), -static_cast<long>(i)});
  }
  while (available > 0 && !heap.empty()) {
    const auto [g, neg] = heap.top();
    heap.pop();
    if (!(g > 0.0)) break;  // the best unit left is worth nothing
    const auto i = static_cast<std::size_t>(-neg);
    ++q[i];
    --available;
    if (q[i] < need[i]) heap.push({unit_gain(i, q[i] + 1), neg});
  }
  return q;
}

}  // namespace invplan::network
