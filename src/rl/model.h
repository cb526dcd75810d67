// The inventory environment of invplan/rl.h resolved into an indexable Markov
// decision process: validated parameters, automatic bounds, the action list and
// a dense numbering of states, plus the one-period transition (Step) that
// Q-learning, simulation and value iteration all share.
//
// State index = (on_hand + max_backlog) · A^P + pipeline code, where A is the
// number of actions, P = max(L-1, 0) the pipeline length, and the pipeline code
// writes each outstanding order as its action index, oldest first (most
// significant digit). The newest order is the last digit, so the successors of a
// state under all actions for one demand are A consecutive indices when L >= 2.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/rl.h"
#include "rl/demand.h"

namespace invplan::rl {

// Division by a fixed 32-bit divisor with one multiplication (Lemire, Kaser &
// Kurz, "Faster remainder by direct computation", 2019): state decoding is on the
// hot path of every simulated period.
struct FastDiv {
  std::uint64_t magic = 0;
  std::uint32_t d = 1;
  FastDiv() = default;
  explicit FastDiv(std::uint32_t divisor) : magic(~std::uint64_t{0} / divisor + 1), d(divisor) {}
  std::uint32_t Div(std::uint32_t n) const {
    if (d == 1) return n;
    return static_cast<std::uint32_t>((static_cast<unsigned __int128>(magic) * n) >> 64);
  }
  std::uint32_t Mod(std::uint32_t n) const {
    if (d == 1) return 0;
    const std::uint64_t low = magic * n;
    return static_cast<std::uint32_t>((static_cast<unsigned __int128>(low) * d) >> 64);
  }
};

// The longest lead time a model represents: the orders in transit are part of the
// state, so each period of lead time multiplies the state space.
constexpr int kMaxLeadTime = 20;

struct Model {
  int lead_time = 0;
  int max_inventory = 0;
  int max_backlog = 0;  // 0 with lost sales
  int unit = 1;         // units per lot; every count below is in lots
  int order_step = 1, min_order = 0, max_order = 1;
  bool backorder = false;
  double price = 0, unit_cost = 0, holding_cost = 0, penalty = 0, fixed_cost = 0;
  Demand demand;

  std::vector<int> qty;            // order quantity of each action, qty[0] = 0
  std::vector<double> order_cost;  // unit_cost·q + fixed_cost·[q>0]
  int num_actions = 1;
  int pipe_len = 0;              // max(L-1, 0)
  std::int64_t pipe_states = 1;  // num_actions^pipe_len
  std::int64_t pipe_lead = 1;    // num_actions^(pipe_len-1): weight of the oldest digit
  int onhand_levels = 1;         // max_inventory + max_backlog + 1
  std::int64_t num_states = 1;   // < 2^32
  FastDiv by_pipe_states, by_pipe_lead;

  int OnHand(std::int64_t s) const {
    return static_cast<int>(by_pipe_states.Div(static_cast<std::uint32_t>(s))) - max_backlog;
  }
  // Pipeline quantities, oldest first.
  std::vector<int> Pipeline(std::int64_t s) const;
  // on_hand plus everything in the pipeline.
  int Position(std::int64_t s) const;
  std::int64_t Index(int on_hand, const std::vector<int>& pipeline_actions) const;
  // Action index of a quantity, or -1 if q is not an allowed order.
  int ActionOf(int q) const;
  // The smallest allowed order >= q (the largest order if none is).
  int ActionAtLeast(int q) const;
  // The state every simulation starts from: `on_hand` units, empty pipeline.
  std::int64_t StartState(int on_hand = 0) const;
  // Parameters as written in artifacts.
  Json ToJson() const;
};

// Validates `env` (Error(kUsage) naming the parameter) and fills in automatic
// bounds from the demand: max_order = the 99.99% quantile of one period's
// demand (at least one step), max_inventory = the 99.99% quantile of L+1
// periods' demand (at least max_order), max_backlog = max_inventory.
// With env.unit > 1, demand (in units) is rebinned to lots (rounded), money per
// unit is scaled to money per lot, and the quantity bounds are divided by the
// lot size (order_step and min_order rounded up, maxima rounded down).
// env.unit must be >= 1 here.
Model ResolveModel(const EnvironmentOptions& env, const Demand& demand);

// Reads back EnvironmentOptions from Model::ToJson (for simulate).
EnvironmentOptions EnvironmentFromJson(const Json& j, const std::string& where);

struct Outcome {
  std::int64_t next;
  double reward;
  int sales;  // units served from stock this period (backorders are served later)
  int lost, end;
};

// What one period does with `avail` units on hand and demand d: the reward
// before order costs, sales, lost units and the end-of-period stock.
struct PeriodResult {
  double reward;
  int sales, lost, end;
};

inline PeriodResult Period(const Model& m, int avail, int d) {
  PeriodResult o;
  if (!m.backorder) {
    o.sales = std::min(avail, d);
    o.lost = d - o.sales;
    o.end = avail - o.sales;
    o.reward = m.price * o.sales - m.holding_cost * o.end - m.penalty * o.lost;
  } else {
    o.end = avail - d;
    o.lost = 0;
    if (o.end < -m.max_backlog) {
      o.lost = -m.max_backlog - o.end;
      o.end = -m.max_backlog;
    }
    o.sales = std::min(std::max(avail, 0), d);
    o.reward = m.price * (d - o.lost) - m.holding_cost * std::max(o.end, 0) -
               m.penalty * (std::max(-o.end, 0) + o.lost);
  }
  return o;
}

// One period from state s with action a and demand d (see invplan/rl.h).
inline Outcome Step(const Model& m, std::int64_t s, int a, int d) {
  const auto su = static_cast<std::uint32_t>(s);
  const int x = static_cast<int>(m.by_pipe_states.Div(su)) - m.max_backlog;
  const std::uint32_t rest = su - static_cast<std::uint32_t>((x + m.max_backlog) * m.pipe_states);
  const int q = m.qty[a];
  const int avail = m.lead_time == 0 ? std::min(x + q, m.max_inventory) : x;
  const PeriodResult p = Period(m, avail, d);
  Outcome o;
  o.sales = p.sales;
  o.lost = p.lost;
  o.end = p.end;
  o.reward = p.reward - m.order_cost[a];
  int nx;
  std::int64_t nrest = 0;
  if (m.lead_time == 0) {
    nx = o.end;
  } else if (m.lead_time == 1) {
    nx = std::min(o.end + q, m.max_inventory);
  } else {
    const std::uint32_t oldest = m.by_pipe_lead.Div(rest);
    nx = std::min(o.end + m.qty[oldest], m.max_inventory);
    nrest = static_cast<std::int64_t>(rest - oldest * m.pipe_lead) * m.num_actions + a;
  }
  o.next = (nx + m.max_backlog) * m.pipe_states + nrest;
  return o;
}

}  // namespace invplan::rl
