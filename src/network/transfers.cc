#include "network/transfers.h"

#include <limits>
#include <map>
#include <utility>

namespace invplan::network {

std::vector<Transfer> PlanTransfers(const std::vector<StoreParams>& stores,
                                    const std::vector<double>& position,
                                    const std::vector<std::int64_t>& movable,
                                    const std::vector<double>& transport_cost,
                                    const std::vector<char>& eligible, std::int64_t max_units) {
  const std::size_t n = stores.size();
  std::vector<double> y = position;
  std::vector<std::int64_t> left = movable;
  std::vector<std::int64_t> sent(n, 0), received(n, 0);
  std::map<std::pair<std::size_t, std::size_t>, std::int64_t> moved;
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  for (std::int64_t unit = 0; unit < max_units; ++unit) {
    // The best pair of distinct eligible stores: the two best receivers (gain
    // net of transport) and the two best senders (least loss; a store over its
    // best level loses less than nothing) suffice. A store that has received
    // never sends and one that has sent never receives: passing a unit through
    // a store only adds transport cost.
    std::size_t r1 = n, r2 = n, s1 = n, s2 = n;
    std::vector<double> gain(n, kNone), loss(n, -kNone);
    for (std::size_t k = 0; k < n; ++k) {
      if (!eligible[k]) continue;
      if (sent[k] == 0) {
        gain[k] = UnitGain(stores[k], y[k]) - transport_cost[k];
        if (r1 == n || gain[k] > gain[r1]) {
          r2 = r1;
          r1 = k;
        } else if (r2 == n || gain[k] > gain[r2]) {
          r2 = k;
        }
      }
      if (left[k] > 0 && received[k] == 0) {
        loss[k] = UnitGain(stores[k], y[k] - 1.0);
        if (s1 == n || loss[k] < loss[s1]) {
          s2 = s1;
          s1 = k;
        } else if (s2 == n || loss[k] < loss[s2]) {
          s2 = k;
        }
      }
    }
    double best = 0.0;
    std::size_t from = n, to = n;
    for (std::size_t r : {r1, r2}) {
      for (std::size_t snd : {s1, s2}) {
        if (r == n || snd == n || r == snd) continue;
        const double net = gain[r] - loss[snd];
        if (net > best) {
          best = net;
          from = snd;
          to = r;
        }
      }
    }
    if (from == n) break;
    y[from] -= 1.0;
    y[to] += 1.0;
    --left[from];
    ++sent[from];
    ++received[to];
    ++moved[{from, to}];
  }
  std::vector<Transfer> out;
  for (const auto& [pair, q] : moved) out.push_back({pair.first, pair.second, q});
  return out;
}

}  // namespace invplan::network
