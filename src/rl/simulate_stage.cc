// The simulate stage: any policy (a learned table, base-stock, (s,S)) on any
// demand, replicated with independent demand streams, with confidence intervals.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>

#include "common/parallel.h"
#include "common/policy_table.h"
#include "common/random.h"
#include "invplan/artifact.h"
#include "invplan/error.h"
#include "invplan/rl.h"
#include "rl/demand_source.h"
#include "rl/evaluate.h"
#include "rl/simulation.h"

namespace invplan {
namespace {

// Copies the fields named in `given` from `from` into `to`.
void Override(EnvironmentOptions* to, const EnvironmentOptions& from,
              const std::set<std::string>& given) {
#define INVPLAN_OVERRIDE(field) \
  if (given.count(#field)) to->field = from.field;
  INVPLAN_OVERRIDE(lead_time)
  INVPLAN_OVERRIDE(price)
  INVPLAN_OVERRIDE(unit_cost)
  INVPLAN_OVERRIDE(holding_cost)
  INVPLAN_OVERRIDE(lost_sale_penalty)
  INVPLAN_OVERRIDE(fixed_order_cost)
  INVPLAN_OVERRIDE(max_inventory)
  INVPLAN_OVERRIDE(max_order)
  INVPLAN_OVERRIDE(order_step)
  INVPLAN_OVERRIDE(min_order)
  INVPLAN_OVERRIDE(max_backlog)
  INVPLAN_OVERRIDE(unit)
  INVPLAN_OVERRIDE(unmet)
#undef INVPLAN_OVERRIDE
}

// A dense policy from artifact rows. States the table does not list (another
// environment, or states the learned policy never reaches) order up to the
// median level the table orders up to; how often that happens is reported.
std::vector<std::uint16_t> TableFromRows(const rl::Model& m, const Json& rows,
                                         const std::string& where, std::vector<char>* listed) {
  std::vector<std::uint16_t> policy(m.num_states, 0);
  listed->assign(m.num_states, 0);
  std::vector<int> levels;
  std::size_t unusable = 0;
  PolicyTableRow row;
  try {
    for (const Json& r : rows) {
      // Quantities are range-checked (never truncated), so the sums below
      // cannot overflow; rows outside this environment are skipped below.
      ReadPolicyRow(r, where, &row);
      const int on_hand = row.on_hand, order = row.order;
      const std::vector<int>& pipe = row.pipeline;
      std::int64_t position = on_hand;
      for (int q : pipe) position += q;
      if (order > 0 && position + order <= INT32_MAX) {
        levels.push_back(static_cast<int>(position + order));
      }
      bool ok = static_cast<int>(pipe.size()) == m.pipe_len && on_hand % m.unit == 0 &&
                order % m.unit == 0 && on_hand / m.unit >= -m.max_backlog &&
                on_hand / m.unit <= m.max_inventory;
      std::vector<int> acts;
      for (int q : pipe) {
        const int a = q % m.unit == 0 ? m.ActionOf(q / m.unit) : -1;
        ok = ok && a >= 0;
        acts.push_back(a);
      }
      const int act = order % m.unit == 0 ? m.ActionOf(order / m.unit) : -1;
      if (!ok || act < 0) {
        ++unusable;
        continue;
      }
      const std::int64_t s = m.Index(on_hand / m.unit, acts);
      policy[s] = static_cast<std::uint16_t>(act);
      (*listed)[s] = 1;
    }
  } catch (const Error&) {
    throw;  // already names the file
  } catch (const std::exception& e) {
    throw ArtifactError(where + ": bad policy table: " + e.what());
  }
  if (unusable) {
    spdlog::warn("{}: {} table rows do not fit this environment and are ignored", where, unusable);
  }
  int level = 0;
  if (!levels.empty()) {
    std::nth_element(levels.begin(), levels.begin() + levels.size() / 2, levels.end());
    level = levels[levels.size() / 2] / m.unit;
  }
  const rl::SsPolicy fallback(m, level - 1, level);
  for (std::int64_t s = 0; s < m.num_states; ++s) {
    if (!(*listed)[s]) policy[s] = static_cast<std::uint16_t>(fallback(s));
  }
  return policy;
}

struct Summary {
  double mean = 0, lo = 0, hi = 0;
};

Summary Summarise(const std::vector<double>& v) {
  Summary s;
  const std::size_t n = v.size();
  for (double x : v) s.mean += x / n;
  double ss = 0.0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  const double df = n > 1 ? n - 1.0 : 1.0;
  // t quantile (97.5%) by the Cornish-Fisher expansion around the normal.
  const double z = 1.959964;
  const double t = z + (z * z * z + z) / (4 * df) +
                   (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df);
  const double half = n > 1 ? t * std::sqrt(ss / df / n) : 0.0;
  s.lo = s.mean - half;
  s.hi = s.mean + half;
  return s;
}

// The policy file's entry for the SKU (null without --policy).
struct PolicyEntry {
  Json entry;
  std::string where;  // the file as messages name it
};

PolicyEntry ReadPolicy(const SimulateOptions& o, RunInfo* run) {
  PolicyEntry p;
  p.where = o.policy_path == "-" ? "<stdin>" : o.policy_path;
  if (o.policy_path.empty()) return p;
  InputInfo info;
  Json doc = ReadJsonArtifact(o.policy_path, kPolicyFormat, kPolicySchema, &info);
  run->inputs.push_back(info);
  if (doc.contains("policies")) {
    for (const Json& e : doc["policies"]) {
      if (e.value("sku", "") == o.sku && e.value("status", "") == "ok") p.entry = e;
    }
    if (p.entry.is_null()) {
      throw UsageError(p.where + ": no trained policy for SKU '" + o.sku + "' (use --sku)");
    }
  } else {
    p.entry = std::move(doc);
  }
  if (!p.entry.contains("environment") || !p.entry.contains("policy")) {
    throw ArtifactError(p.where + ": missing 'environment' or 'policy'");
  }
  return p;
}

// The demand from --demand, --forecast or the policy file, and its spec.
rl::Demand ResolveDemand(const SimulateOptions& o, const PolicyEntry& p, RunContext& ctx,
                         std::string* spec) {
  RunInfo* run = &ctx.run;
  if (!o.demand.demand.empty()) {
    *spec = o.demand.demand;
    return rl::DemandFromSpec(o.demand, ctx.threads, run);
  }
  if (!o.demand.forecast.empty()) {
    auto list = rl::DemandsFromForecast(o.demand.forecast,
                                        o.demand.sku.empty() ? o.sku : o.demand.sku, run);
    if (list.size() != 1) throw UsageError("simulate: the forecast has several series; use --sku");
    *spec = "forecast:" + o.demand.forecast;
    return list[0].demand;
  }
  if (p.entry.is_null() || !p.entry.contains("demand")) {
    throw UsageError("simulate: give --demand or --forecast (or a --policy that records one)");
  }
  rl::Demand demand = rl::DemandFromJson(p.entry["demand"], p.where);
  *spec = p.entry["demand"].value("spec", "");
  // The stored distribution counts lots of the stored unit; back to units,
  // so the model can bin it by whatever unit applies now.
  const Json* env = p.entry.contains("environment") ? &p.entry["environment"] : nullptr;
  const std::int64_t stored = env && env->is_object() && env->contains("unit")
                                  ? ArtifactInt((*env)["unit"], p.where + ": environment.unit", 1,
                                                std::numeric_limits<int>::max())
                                  : 1;
  if (stored > 1) {
    // A distribution in units larger than any state space the model could build
    // is refused before it is allocated (a file claiming lots of 1e9 units).
    const auto lot = static_cast<std::size_t>(stored);
    constexpr std::size_t kMaxUnits = std::size_t{1} << 24;
    if (demand.pmf.size() > kMaxUnits / lot) {
      throw ArtifactError(p.where + ": environment.unit " + std::to_string(stored) + " × " +
                          std::to_string(demand.pmf.size()) +
                          " demand levels is more than 16,777,216 units of demand");
    }
    std::vector<double> units(demand.pmf.size() * lot, 0.0);
    for (std::size_t k = 0; k < demand.pmf.size(); ++k) units[k * lot] = demand.pmf[k];
    demand.pmf = std::move(units);
  }
  return demand;
}

// The order of every state: the policy file's table, or the (s,S) rule.
struct PolicyTable {
  std::vector<std::uint16_t> table;
  std::vector<char> listed;  // states the file lists (empty: all decided by the rule)
  std::string name;
};

PolicyTable BuildPolicy(const SimulateOptions& o, const PolicyEntry& p, const rl::Model& m) {
  PolicyTable t;
  if (!p.entry.is_null()) {
    t.table = TableFromRows(m, p.entry["policy"].at("table"), p.where, &t.listed);
    t.name = "table from " + p.where;
    return t;
  }
  const int s = o.base_stock >= 0 ? o.base_stock - 1 : o.s;
  const int S = o.base_stock >= 0 ? o.base_stock : o.S;
  const rl::SsPolicy rule(m, s / m.unit, S / m.unit);
  t.table.resize(m.num_states);
  for (std::int64_t i = 0; i < m.num_states; ++i) t.table[i] = static_cast<std::uint16_t>(rule(i));
  t.name = o.base_stock >= 0 ? "base-stock S=" + std::to_string(o.base_stock)
                             : "(s,S) = (" + std::to_string(o.s) + "," + std::to_string(o.S) + ")";
  return t;
}

// Replications on common seeds; `outside` counts the periods decided outside the table.
std::vector<rl::SimStats> Replicate(const SimulateOptions& o, const rl::Model& m,
                                    const PolicyTable& t, const RunContext& ctx,
                                    std::int64_t* outside_total) {
  const int R = o.replications;
  std::vector<rl::SimStats> reps(R);
  std::vector<std::int64_t> outside(R, 0);
  const std::int64_t start = m.StartState(o.initial_on_hand / m.unit);
  ParallelFor(R, ctx.threads, [&](std::size_t r) {
    // Drawn as simulated: --periods may be up to a billion.
    rl::DemandStream demand(m.demand, DeriveSeed(ctx.seed, r));
    std::int64_t miss = 0;
    auto policy = [&](std::int64_t s) {
      if (!t.listed.empty() && !t.listed[s]) ++miss;
      return t.table[s];
    };
    reps[r] = rl::SimulateStream(m, policy, demand, o.periods + o.warmup, o.warmup, start, 1);
    outside[r] = miss;
  });
  *outside_total = 0;
  for (auto v : outside) *outside_total += v;
  return reps;
}

Json ResultsJson(const std::vector<rl::SimStats>& reps, const rl::Model& m) {
  std::map<std::string, std::vector<double>> metric;
  for (const rl::SimStats& st : reps) {
    const double n = static_cast<double>(st.periods);
    metric["average_reward"].push_back(st.AverageReward());
    metric["fill_rate"].push_back(st.FillRate());
    metric["stockout_share"].push_back(st.stockout_periods / n);
    metric["average_stock"].push_back(st.stock * m.unit / n);
    metric["orders_placed"].push_back(static_cast<double>(st.orders));
    metric["order_share"].push_back(st.orders / n);
    metric["lost_per_period"].push_back(st.lost * m.unit / n);
  }
  Json res;
  for (const char* k : {"average_reward", "fill_rate", "stockout_share", "average_stock",
                        "orders_placed", "order_share", "lost_per_period"}) {
    const Summary s = Summarise(metric[k]);
    res[k] = {{"mean", s.mean}, {"ci95_low", s.lo}, {"ci95_high", s.hi}};
  }
  return res;
}

// Runs `read` on the parsed policy file: a field of the wrong type (a number
// where a text belongs) is an artifact error naming the file (exit 4), not an
// internal error.
template <class F>
auto PolicyFields(const PolicyEntry& policy, F read) {
  try {
    return read();
  } catch (const Json::exception& e) {
    throw ArtifactError(policy.where + ": " + e.what());
  }
}

}  // namespace

// Phases: the policy file, the environment and demand, the policy table, the
// replications, the artifact.
SimulateResult RunSimulate(const SimulateOptions& options, RunContext& ctx) {
  SimulateOptionTable().Validate(options);
  SimulateOptions o = options;
  o.sku = o.demand.sku;
  // Policy files record their demand: --sku then picks the policy, not a series.
  if (!o.policy_path.empty() && o.demand.forecast.empty() && o.demand.demand.empty()) {
    o.demand.sku.clear();
  }
  RunInfo* run = &ctx.run;
  const PolicyEntry policy = ReadPolicy(o, run);
  EnvironmentOptions env = o.env;
  if (!policy.entry.is_null()) {
    env = PolicyFields(policy, [&] {
      return rl::EnvironmentFromJson(policy.entry.at("environment"), policy.where);
    });
    Override(&env, o.env, o.env_given);
    // The artifact records the environment actually simulated, the policy's.
    const Json used = EnvironmentOptionTable().Resolved(env);
    for (const auto& [key, value] : used.items()) run->config[key] = value;
  }
  std::string spec;
  const rl::Demand demand =
      PolicyFields(policy, [&] { return ResolveDemand(o, policy, ctx, &spec); });
  const rl::Model m = rl::ResolveModel(env, demand);
  const PolicyTable table = PolicyFields(policy, [&] { return BuildPolicy(o, policy, m); });
  std::int64_t outside = 0;
  const std::vector<rl::SimStats> reps = Replicate(o, m, table, ctx, &outside);

  Json doc = MakeEnvelope(kSimulationFormat, kSimulationSchema, *run);
  doc["policy"] = table.name;
  if (!o.sku.empty()) doc["sku"] = o.sku;
  doc["environment"] = m.ToJson();
  doc["demand"] = rl::DemandToJson(m.demand, spec);
  doc["periods"] = o.periods;
  doc["warmup"] = o.warmup;
  doc["replications"] = o.replications;
  doc["results"] = ResultsJson(reps, m);
  if (!table.listed.empty()) {
    doc["share_outside_table"] = static_cast<double>(outside) /
                                 (static_cast<double>(o.replications) * (o.periods + o.warmup));
  }
  if (!o.output.empty()) WriteJsonArtifact(o.output, doc);
  SimulateResult result;
  result.artifact = std::move(doc);
  result.output = o.output;
  return result;
}

namespace {

std::string Interval(const Json& m, int digits) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%.*f [%.*f, %.*f]", digits, m["mean"].get<double>(), digits,
                m["ci95_low"].get<double>(), digits, m["ci95_high"].get<double>());
  return buf;
}

// States the policy table does not list are decided by the order-up-to rule
// at the table's median level: say how often, so "table from" is not taken
// for the whole story.
std::string OutsideTable(const Json& artifact) {
  const double share = artifact.value("share_outside_table", 0.0);
  if (!(share > 0.0)) return "";
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "; %.1f%% of periods were in states the table does not list, decided by "
                "order-up-to at the table's median level",
                100.0 * share);
  return buf;
}

}  // namespace

std::string SimulateResult::Summary() const {
  const Json& r = artifact["results"];
  return "simulate: " + artifact["policy"].get<std::string>() + ", " +
         std::to_string(artifact["replications"].get<int>()) + " × " +
         std::to_string(artifact["periods"].get<long long>()) + " periods: reward/period " +
         Interval(r["average_reward"], 3) + ", fill rate " + Interval(r["fill_rate"], 4) +
         ", stock-out periods " + Interval(r["stockout_share"], 4) + ", average stock " +
         Interval(r["average_stock"], 2) + ", orders per replication " +
         Interval(r["orders_placed"], 1) + OutsideTable(artifact) +
         (output.empty() || output == "-" ? "" : " -> " + output);
}

}  // namespace invplan
