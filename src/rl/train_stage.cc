// The train-rl stage: demand and environment per task (one demand spec, or one
// task per forecast series with costs from the items master), training and
// evaluation in parallel, and the policy artifact.
#include <spdlog/spdlog.h>

#include <cmath>

#include "common/parallel.h"
#include "common/random.h"
#include "invplan/error.h"
#include "invplan/rl.h"
#include "rl/demand_source.h"
#include "rl/evaluate.h"
#include "rl/qlearning.h"

namespace invplan {
namespace {

struct Task {
  std::string sku;
  rl::Demand demand;
  EnvironmentOptions env;
};

// The smallest lot size (1, 2, 5, 10, 20, 50, ... times the pack size) whose
// state space fits `max_states`; max_order from the items master only caps the
// automatic bound.
rl::Model ResolveAuto(EnvironmentOptions env, const rl::Demand& demand, std::int64_t max_states,
                      bool from_items) {
  const int cap = env.max_order;
  if (from_items) env.max_order = -1;
  if (env.unit != 0) {
    rl::Model m = rl::ResolveModel(env, demand);
    if (from_items && cap > 0 && cap / m.unit < m.max_order) {
      env.max_order = std::max(cap, env.order_step);
      m = rl::ResolveModel(env, demand);
    }
    return m;
  }
  const int pack = std::max(1, env.order_step);
  const int mult[] = {1, 2, 5};
  for (long scale = 1; scale <= 1000000; scale *= 10) {
    for (int k : mult) {
      env.unit = static_cast<int>(pack * k * scale);
      env.max_order = -1;
      try {
        rl::Model m = rl::ResolveModel(env, demand);
        if (from_items && cap > 0 && cap / m.unit < m.max_order && cap >= m.unit) {
          env.max_order = cap;
          m = rl::ResolveModel(env, demand);
        }
        if (m.num_states <= max_states && m.num_actions <= 64) return m;
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kUsage) throw;
      }
    }
  }
  throw UsageError("no lot size gives a state space below --max-states");
}

}  // namespace

Json RunTrainRl(const TrainRlOptions& o, RunInfo* run) {
  rl::ValidateQLearning(o.learning);
  const bool by_forecast = !o.demand.forecast.empty();
  if (by_forecast == !o.demand.demand.empty()) {
    throw UsageError("train-rl: give exactly one of --demand and --forecast");
  }
  if (!o.items.empty() && !by_forecast) {
    throw UsageError("train-rl: --items needs --forecast (one policy per forecast series)");
  }
  std::vector<Task> tasks;
  if (!by_forecast) {
    EnvironmentOptions env = o.env;
    tasks.push_back({o.demand.sku, rl::DemandFromSpec(o.demand, run), env});
  } else {
    std::map<std::string, Item> items;
    if (!o.items.empty()) items = rl::ReadItemsBySku(o.items, run);
    for (rl::SkuDemand& sd : rl::DemandsFromForecast(o.demand.forecast, o.demand.sku, run)) {
      Task t{sd.sku, std::move(sd.demand), o.env};
      if (!o.items.empty()) {
        auto it = items.find(sd.sku);
        if (it == items.end()) {
          spdlog::warn("{}: no row in {}; skipped", sd.sku, o.items);
          continue;
        }
        t.env = rl::ApplyItem(o.env, o.env_given, it->second);
        if (!o.env_given.count("unit")) t.env.unit = 0;
      }
      tasks.push_back(std::move(t));
    }
    if (tasks.empty()) throw UsageError("train-rl: no forecast series has a row in " + o.items);
  }

  const bool single = !by_forecast;
  std::vector<Json> results(tasks.size());
  const int inner_threads = tasks.size() == 1 ? o.threads : 1;
  ParallelFor(tasks.size(), tasks.size() == 1 ? 1 : o.threads, [&](std::size_t i) {
    const Task& t = tasks[i];
    Json r;
    if (!single) r["sku"] = t.sku;
    try {
      const rl::Model m = ResolveAuto(t.env, t.demand, o.evaluation.max_states, !o.items.empty());
      const std::string spec = by_forecast ? "forecast:" + o.demand.forecast : o.demand.demand;
      Json body = rl::TrainAndEvaluate(m, spec, o.learning, o.evaluation, DeriveSeed(o.seed, i),
                                       inner_threads);
      if (!single) r["status"] = "ok";
      for (auto& [k, v] : body.items()) r[k] = v;
    } catch (const Error& e) {
      if (single || e.kind() != ErrorKind::kUsage) throw;
      r["status"] = "failed";
      r["reason"] = e.what();
      spdlog::warn("{}: {}", t.sku, e.what());
    }
    results[i] = std::move(r);
  });

  Json doc = MakeEnvelope(kPolicyFormat, kPolicySchema, *run);
  if (single) {
    for (auto& [k, v] : results[0].items()) doc[k] = v;
  } else {
    std::size_t failed = 0;
    for (const Json& r : results) failed += r["status"] == "failed";
    if (failed == results.size()) {
      throw UsageError("train-rl: no policy could be trained; first reason: " +
                       results[0]["reason"].get<std::string>());
    }
    doc["policies"] = results;
  }
  if (!o.output.empty()) WriteJsonArtifact(o.output, doc);
  return doc;
}

}  // namespace invplan
