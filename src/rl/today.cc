#include "rl/today.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/random.h"
#include "rl/simulation.h"

namespace invplan::rl {
namespace {

constexpr int kPaths = 256;

// Exact: one-step lookahead on the relative values.
std::vector<double> ExactValues(const Model& m, const std::vector<double>& h, std::int64_t s) {
  std::vector<double> q(m.num_actions, 0.0);
  for (int a = 0; a < m.num_actions; ++a) {
    double v = 0.0;
    for (int d = 0; d <= m.demand.max(); ++d) {
      const double p = m.demand.pmf[d];
      if (p == 0.0) continue;
      const Outcome o = Step(m, s, a, d);
      v += p * (o.reward + h[o.next]);
    }
    q[a] = v;
  }
  for (int a = m.num_actions - 1; a >= 0; --a) q[a] -= q[0];
  return q;
}

// Simulated: order a tonight, then follow the table; common random numbers.
std::vector<double> RolloutValues(const Model& m, const std::vector<std::uint16_t>& table,
                                  std::int64_t s0, std::uint64_t seed) {
  const int horizon = 8 * (m.lead_time + 1) + 32;
  const std::vector<int> path =
      DemandPath(m.demand, static_cast<std::int64_t>(kPaths) * horizon, seed);
  std::vector<double> q(m.num_actions, 0.0);
  for (int a = 0; a < m.num_actions; ++a) {
    double total = 0.0;
    for (int k = 0; k < kPaths; ++k) {
      const int* d = path.data() + static_cast<std::size_t>(k) * horizon;
      Outcome o = Step(m, s0, a, d[0]);
      double sum = o.reward;
      std::int64_t s = o.next;
      for (int t = 1; t < horizon; ++t) {
        o = Step(m, s, table[s], d[t]);
        sum += o.reward;
        s = o.next;
      }
      total += sum + m.unit_cost * std::max(m.Position(s), 0);
    }
    q[a] = total / kPaths;
  }
  for (int a = m.num_actions - 1; a >= 0; --a) q[a] -= q[0];
  return q;
}

Json StockJson(const StockPosition& stock) {
  Json j;
  j["source"] = stock.source;
  j["on_hand"] = stock.on_hand;
  Json open = Json::array();
  for (const OpenOrder& o : stock.open) {
    Json r{{"quantity", o.quantity}};
    r["arrives_in"] = o.arrives_in < 0 ? Json(nullptr) : Json(o.arrives_in);
    open.push_back(std::move(r));
  }
  j["open_orders"] = std::move(open);
  return j;
}

}  // namespace

Json Today(const SolvedPolicy& policy, const StockPosition& stock, const std::string& as_of,
           std::uint64_t seed) {
  const Model& m = policy.model;
  const MappedState mapped = MapToState(m, stock);
  const std::int64_t s = mapped.state;
  const std::vector<double> value = policy.values.empty()
                                        ? RolloutValues(m, policy.table, s, DeriveSeed(seed, 30))
                                        : ExactValues(m, policy.values, s);
  int best = 0;
  for (int a = 1; a < m.num_actions; ++a) {
    if (value[a] > value[best] + 1e-9 * (1.0 + std::fabs(value[best]))) best = a;
  }
  Json j;
  j["as_of"] = as_of;
  j["stock"] = StockJson(stock);
  j["state"] = StateJson(m, s);
  j["notes"] = mapped.notes;
  j["policy_order"] = m.qty[policy.table[s]] * m.unit;
  j["recommended"] = m.qty[best] * m.unit;
  j["valuation"] = policy.values.empty() ? "simulated" : "exact";
  Json candidates = Json::array();
  for (int a = 0; a < m.num_actions; ++a) {
    candidates.push_back({{"quantity", m.qty[a] * m.unit}, {"value", value[a]}});
  }
  j["candidates"] = std::move(candidates);
  return j;
}

}  // namespace invplan::rl
