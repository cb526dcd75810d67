#include "rl/model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "invplan/error.h"

namespace invplan::rl {
namespace {

void CheckCost(double v, const char* flag) {
  if (!std::isfinite(v) || v < 0.0) {
    throw UsageError(std::string(flag) + " must be a non-negative number, got " + FormatDouble(v));
  }
}

// In 64 bits and capped at the int range: a step of 2^31 - 1 would overflow.
int RoundUpToStep(int q, int step) {
  const std::int64_t up = (static_cast<std::int64_t>(q) + step - 1) / step * step;
  return static_cast<int>(std::min<std::int64_t>(up, INT32_MAX));
}

}  // namespace

std::vector<int> Model::Pipeline(std::int64_t s) const {
  std::vector<int> out(pipe_len);
  std::int64_t rest = s % pipe_states;
  for (int i = pipe_len - 1; i >= 0; --i) {
    out[i] = qty[rest % num_actions];
    rest /= num_actions;
  }
  return out;
}

int Model::Position(std::int64_t s) const {
  int p = OnHand(s);
  std::int64_t rest = s % pipe_states;
  for (int i = 0; i < pipe_len; ++i) {
    p += qty[rest % num_actions];
    rest /= num_actions;
  }
  return p;
}

std::int64_t Model::Index(int on_hand, const std::vector<int>& pipe_actions) const {
  std::int64_t rest = 0;
  for (int a : pipe_actions) rest = rest * num_actions + a;
  return static_cast<std::int64_t>(on_hand + max_backlog) * pipe_states + rest;
}

int Model::ActionOf(int q) const {
  for (int a = 0; a < num_actions; ++a) {
    if (qty[a] == q) return a;
  }
  return -1;
}

int Model::ActionAtLeast(int q) const {
  if (q <= 0) return 0;
  for (int a = 1; a < num_actions; ++a) {
    if (qty[a] >= q) return a;
  }
  return num_actions - 1;
}

std::int64_t Model::StartState(int on_hand) const {
  on_hand = std::clamp(on_hand, -max_backlog, max_inventory);
  return static_cast<std::int64_t>(on_hand + max_backlog) * pipe_states;
}

Json Model::ToJson() const {
  Json j;
  j["unmet"] = backorder ? "backorder" : "lost";
  j["lead_time"] = lead_time;
  // Money per unit, like quantities: the model keeps them per lot of `unit`.
  j["price"] = price / unit;
  j["unit_cost"] = unit_cost / unit;
  j["holding_cost"] = holding_cost / unit;
  j["lost_sale_penalty"] = penalty / unit;
  j["fixed_order_cost"] = fixed_cost;
  j["unit"] = unit;
  j["max_inventory"] = max_inventory * unit;
  j["max_order"] = max_order * unit;
  j["order_step"] = order_step * unit;
  j["min_order"] = min_order * unit;
  if (backorder) j["max_backlog"] = max_backlog * unit;
  std::vector<int> units;
  for (int q : qty) units.push_back(q * unit);
  j["order_quantities"] = units;
  j["states"] = num_states;
  return j;
}

EnvironmentOptions EnvironmentFromJson(const Json& j, const std::string& where) {
  EnvironmentOptions e;
  // Integers are range-checked as read (a policy file's 4294967297 must not become 1),
  // and to the ranges the model accepts, so a bad file is an artifact error (exit 4),
  // never a complaint about an option the user did not give.
  const auto count = [&](const char* key, std::int64_t lo, std::int64_t hi) {
    return static_cast<int>(ArtifactInt(j.at(key), where + ": environment." + key, lo, hi));
  };
  constexpr std::int64_t kMax = std::numeric_limits<int>::max();
  try {
    const std::string unmet = j.at("unmet").get<std::string>();
    if (unmet != "lost" && unmet != "backorder") throw std::runtime_error("unmet: " + unmet);
    e.unmet = unmet == "backorder" ? UnmetDemand::kBackorder : UnmetDemand::kLost;
    e.lead_time = count("lead_time", 0, kMaxLeadTime);
    e.price = j.at("price").get<double>();
    e.unit_cost = j.at("unit_cost").get<double>();
    e.holding_cost = j.at("holding_cost").get<double>();
    e.lost_sale_penalty = j.at("lost_sale_penalty").get<double>();
    e.fixed_order_cost = j.at("fixed_order_cost").get<double>();
    e.max_inventory = count("max_inventory", -1, kMax);
    e.max_order = count("max_order", -1, kMax);
    e.order_step = count("order_step", 1, kMax);
    e.min_order = count("min_order", 0, kMax);
    if (j.contains("max_backlog")) e.max_backlog = count("max_backlog", -1, kMax);
    e.unit = j.contains("unit") ? count("unit", 1, kMax) : 1;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& ex) {
    throw ArtifactError(where + ": bad 'environment' object: " + ex.what());
  }
  return e;
}

Model ResolveModel(const EnvironmentOptions& env, const Demand& demand) {
  if (env.lead_time < 0 || env.lead_time > kMaxLeadTime) {
    throw UsageError("--lead-time must be between 0 and " + std::to_string(kMaxLeadTime) +
                     " periods, got " + std::to_string(env.lead_time));
  }
  if (env.unit < 1) throw UsageError("--unit must be at least 1, got " + std::to_string(env.unit));
  CheckCost(env.price, "--price");
  CheckCost(env.unit_cost, "--unit-cost");
  CheckCost(env.holding_cost, "--holding-cost");
  CheckCost(env.lost_sale_penalty, "--lost-sale-penalty");
  CheckCost(env.fixed_order_cost, "--fixed-order-cost");
  if (env.order_step < 1) {
    throw UsageError("--order-step must be at least 1, got " + std::to_string(env.order_step));
  }
  if (env.min_order < 0) {
    throw UsageError("--min-order must be non-negative, got " + std::to_string(env.min_order));
  }
  if (env.max_order != -1 && env.max_order < 1) {
    throw UsageError("--max-order must be at least 1 (or -1 for automatic), got " +
                     std::to_string(env.max_order));
  }
  if (env.max_inventory != -1 && env.max_inventory < 1) {
    throw UsageError("--max-inventory must be at least 1 (or -1 for automatic), got " +
                     std::to_string(env.max_inventory));
  }
  if (env.max_backlog < -1) {
    throw UsageError("--max-backlog must be non-negative (or -1 for automatic), got " +
                     std::to_string(env.max_backlog));
  }

  Model m;
  const int u = env.unit;
  m.unit = u;
  m.lead_time = env.lead_time;
  m.backorder = env.unmet == UnmetDemand::kBackorder;
  m.price = env.price * u;
  m.unit_cost = env.unit_cost * u;
  m.holding_cost = env.holding_cost * u;
  m.penalty = env.lost_sale_penalty * u;
  m.fixed_cost = env.fixed_order_cost;
  // Rounded up to whole lots in 64 bits: the options go up to INT_MAX.
  auto lots_up = [u](int units) {
    return static_cast<int>((static_cast<std::int64_t>(units) + u - 1) / u);
  };
  m.order_step = lots_up(env.order_step);
  m.min_order = lots_up(env.min_order);
  m.demand = demand;
  if (u > 1) {
    std::vector<double> lots(demand.pmf.size() / u + 2, 0.0);
    for (std::size_t d = 0; d < demand.pmf.size(); ++d) {
      lots[(d + u / 2) / u] += demand.pmf[d];
    }
    while (lots.size() > 1 && lots.back() == 0.0) lots.pop_back();
    m.demand.pmf = std::move(lots);
    m.demand.description += " in lots of " + std::to_string(u);
  }
  const Demand& lot_demand = m.demand;

  const int step = m.order_step;
  m.max_order = env.max_order == -1 ? -1 : env.max_order / u;
  if (m.max_order == -1) {
    m.max_order = std::max({step, RoundUpToStep(lot_demand.Quantile(1.0 - 1e-4), step),
                            RoundUpToStep(m.min_order, step)});
  }
  if (m.max_order < step || m.max_order < m.min_order) {
    throw UsageError("--max-order (" + std::to_string(env.max_order) +
                     ") allows no order: it is below --order-step (" +
                     std::to_string(env.order_step) + ") or --min-order (" +
                     std::to_string(env.min_order) + ")" +
                     (u > 1 ? " in lots of " + std::to_string(u) : std::string()));
  }
  // Counted before the list is built (--max-order 2e9 would list 2e9 of them).
  constexpr std::int64_t kMaxActions = 4096;
  const std::int64_t first_q = std::max<std::int64_t>(
      step, (static_cast<std::int64_t>(m.min_order) + step - 1) / step * step);
  const std::int64_t actions =
      1 + (first_q <= m.max_order ? (m.max_order - first_q) / step + 1 : 0);
  if (actions > kMaxActions) {
    throw UsageError("too many order quantities (" + std::to_string(actions) +
                     "): raise --order-step or lower --max-order");
  }
  m.qty.push_back(0);
  for (std::int64_t q = first_q; q <= m.max_order; q += step) m.qty.push_back(static_cast<int>(q));
  m.num_actions = static_cast<int>(m.qty.size());
  for (int q : m.qty) m.order_cost.push_back(m.unit_cost * q + (q > 0 ? m.fixed_cost : 0.0));

  m.max_inventory = env.max_inventory == -1 ? -1 : std::max(1, env.max_inventory / u);
  if (m.max_inventory == -1) {
    m.max_inventory = std::max(m.max_order, lot_demand.Sum(env.lead_time + 1).Quantile(1.0 - 1e-4));
  }
  m.max_backlog = m.backorder ? (env.max_backlog == -1 ? m.max_inventory : env.max_backlog / u) : 0;
  const std::int64_t levels = static_cast<std::int64_t>(m.max_inventory) + m.max_backlog + 1;
  if (levels > INT32_MAX) {
    throw UsageError("the state space is too large (" + std::to_string(levels) +
                     " stock levels): lower --max-inventory/--max-backlog");
  }
  m.onhand_levels = static_cast<int>(levels);

  m.pipe_len = std::max(env.lead_time - 1, 0);
  const double limit = 4e9;  // state indices must fit 32 bits (FastDiv)
  double states = m.onhand_levels;
  for (int i = 0; i < m.pipe_len; ++i) {
    states *= m.num_actions;
    if (states > limit) break;
  }
  if (states > limit) {
    throw UsageError("the state space is too large (" + std::to_string(m.onhand_levels) +
                     " stock levels × " + std::to_string(m.num_actions) + "^" +
                     std::to_string(m.pipe_len) +
                     " pipelines): lower --max-order/--max-inventory or raise --order-step");
  }
  m.pipe_states = 1;
  for (int i = 0; i < m.pipe_len; ++i) m.pipe_states *= m.num_actions;
  m.pipe_lead = m.pipe_len > 0 ? m.pipe_states / m.num_actions : 1;
  m.num_states = static_cast<std::int64_t>(m.onhand_levels) * m.pipe_states;
  m.by_pipe_states = FastDiv(static_cast<std::uint32_t>(m.pipe_states));
  m.by_pipe_lead = FastDiv(static_cast<std::uint32_t>(m.pipe_lead));
  return m;
}

}  // namespace invplan::rl
