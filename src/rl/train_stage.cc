// The train-rl stage: demand and environment per task (one demand spec, or one
// task per forecast series with costs from the items master), training and
// evaluation in parallel, and the policy artifact.
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "common/log.h"
#include "common/parallel.h"
#include "common/random.h"
#include "invplan/error.h"
#include "invplan/rl.h"
#include "rl/demand_source.h"
#include "rl/evaluate.h"
#include "rl/policy_method.h"
#include "rl/qlearning.h"
#include "rl/service_levels.h"
#include "rl/stock.h"
#include "rl/today.h"

namespace invplan {
namespace {

struct Task {
  std::string sku;
  std::string location;  // the forecast series' ("" without one)
  rl::Demand demand;
  EnvironmentOptions env;
  bool today = false;  // tonight's decision is wanted (with --items)
  rl::ServiceTarget service;
  rl::StockPosition stock;
  std::string as_of;  // the first forecast period
  // The task's place among all the forecast's tasks: its seed, so that a shard's
  // policies are those of the unsharded run.
  std::size_t index = 0;
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

TrainRlResult RunTrainRl(const TrainRlOptions& o, RunContext& ctx) {
  TrainRlOptionTable().Validate(o);
  RunInfo* run = &ctx.run;
  const bool by_forecast = !o.demand.forecast.empty();
  const std::map<std::string, double> classes = rl::ParseClassServiceLevels(o.class_service_levels);
  std::vector<Task> tasks;
  if (!by_forecast) {
    Task t;
    t.sku = o.demand.sku;
    t.demand = rl::DemandFromSpec(o.demand, ctx.threads, run);
    t.env = o.env;
    t.service = rl::ServiceTargetFor(nullptr, classes, o.service_level);
    tasks.push_back(std::move(t));
  } else {
    std::map<std::string, Item> items;
    if (!o.items.empty()) items = rl::ReadItemsBySku(o.items, run);
    std::map<std::string, std::vector<rl::SnapshotRow>> snapshot;
    if (!o.stock.empty()) {
      InputInfo info;
      snapshot = rl::ReadStockSnapshot(o.stock, &info);
      run->inputs.push_back(info);
    }
    std::size_t index = 0;
    for (rl::SkuDemand& sd : rl::DemandsFromForecast(o.demand.forecast, o.demand.sku, run)) {
      if (!o.items.empty() && !items.count(sd.sku)) {
        spdlog::warn("{}: no row in {}; skipped", sd.sku, o.items);
        continue;
      }
      // A policy per forecast series: a shard takes the series (SKU and location,
      // if the forecast has one) whose hash falls to it (invplan/shard.h).
      if (!o.shard.Contains(sd.sku, sd.location)) {
        ++index;
        continue;
      }
      Task t;
      t.index = index++;
      t.sku = sd.sku;
      t.location = sd.location;
      t.demand = std::move(sd.demand);
      t.env = o.env;
      t.service = rl::ServiceTargetFor(nullptr, classes, o.service_level);
      if (!o.items.empty()) {
        auto it = items.find(sd.sku);
        t.service = rl::ServiceTargetFor(&it->second, classes, o.service_level);
        t.env = rl::ApplyItem(o.env, o.env_given, it->second);
        if (!o.env_given.count("unit")) t.env.unit = 0;
        const auto rows = snapshot.find(sd.sku);
        t.today = true;
        t.stock = rl::StockFor(rows == snapshot.end() ? nullptr : &rows->second, &it->second,
                               sd.first_period, sd.frequency);
        t.as_of = FormatPeriod(sd.first_period, sd.frequency);
      }
      tasks.push_back(std::move(t));
    }
    if (tasks.empty() && o.shard.active() && index > 0) {
      spdlog::warn("shard {}: none of the forecast's {} SKUs falls to this shard", o.shard.Text(),
                   index);
    } else if (tasks.empty()) {
      throw UsageError("train-rl: no forecast series has a row in " + o.items);
    }
  }

  const bool single = !by_forecast;
  std::vector<Json> results(tasks.size());
  const int inner_threads = tasks.size() == 1 ? ctx.threads : 1;
  Progress progress("policies", tasks.size());
  ParallelFor(tasks.size(), tasks.size() == 1 ? 1 : ctx.threads, [&](std::size_t i) {
    ctx.ThrowIfCancelled();
    const Task& t = tasks[i];
    Json r;
    if (!single) r["sku"] = t.sku;
    // A forecast by location has a policy per SKU and location.
    if (!t.location.empty()) r["location"] = t.location;
    try {
      const rl::Model m = ResolveAuto(t.env, t.demand, o.evaluation.max_states, !o.items.empty());
      const std::string spec = by_forecast ? "forecast:" + o.demand.forecast : o.demand.demand;
      const std::uint64_t seed = DeriveSeed(ctx.seed, t.index);
      timespec cpu0{}, cpu1{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
      const rl::SolvedPolicy p = rl::SolvePolicy(m, o.method, t.service.level, spec, o.learning,
                                                 o.evaluation, seed, inner_threads);
      if (!single) r["status"] = "ok";
      r["method"] = p.method;
      if (!p.replaced.empty()) {
        r["replaced"] = p.replaced;
        if (o.method == PolicyMethod::kQLearning) {
          spdlog::warn("{}: {}", t.sku.empty() ? "policy" : t.sku, p.replaced);
        }
      }
      if (t.service.level) {
        r["service_level"] = *t.service.level;
        if (!single) r["service_level_from"] = t.service.from;
      }
      for (auto& [k, v] : p.fields.items()) r[k] = v;
      if (t.today) r["today"] = rl::Today(p, t.stock, t.as_of, seed);
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
      r["cpu_seconds"] = static_cast<double>(cpu1.tv_sec - cpu0.tv_sec) +
                         1e-9 * static_cast<double>(cpu1.tv_nsec - cpu0.tv_nsec);
    } catch (const Error& e) {
      if (single || e.kind() != ErrorKind::kUsage) throw;
      r["status"] = "failed";
      r["reason"] = e.what();
      spdlog::warn("{}: {}", t.sku, e.what());
    }
    results[i] = std::move(r);
    progress.Add();
  });

  Json doc = MakeEnvelope(kPolicyFormat, kPolicySchema, *run);
  if (single) {
    for (auto& [k, v] : results[0].items()) doc[k] = v;
  } else {
    std::size_t failed = 0;
    for (const Json& r : results) failed += r["status"] == "failed";
    if (!results.empty() && failed == results.size()) {
      throw UsageError("train-rl: no policy could be trained; first reason: " +
                       results[0]["reason"].get<std::string>());
    }
    doc["policies"] = results;
  }
  // Compact: the tables list up to hundreds of thousands of states per SKU,
  // which indentation would more than double.
  if (!o.output.empty()) WriteJsonArtifact(o.output, doc, /*compact=*/true);
  TrainRlResult result;
  result.artifact = std::move(doc);
  result.output = o.output;
  return result;
}

namespace {

std::string Fixed(double v, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Percent(const Json& v) {
  return v.is_number() ? Fixed(100.0 * v.get<double>(), 2) + "%" : "n/a";
}

// One readable line per policy.
std::string DescribeSolved(const Json& p) {
  const Json& e = p["evaluation"]["policy"];
  std::string text = p["method"].get<std::string>();
  if (e.contains("s")) {
    text +=
        " (" + std::to_string(e["s"].get<int>()) + "," + std::to_string(e["S"].get<int>()) + ")";
  } else if (e.contains("S")) {
    text += " S=" + std::to_string(e["S"].get<int>());
  }
  const Json& reward =
      e.contains("exact_average_reward") ? e["exact_average_reward"] : e["average_reward"];
  text += " " + Fixed(reward.get<double>()) + "/period, fill rate " +
          Fixed(100.0 * e["fill_rate"].get<double>(), 1) + "%";
  return text;
}

std::string DescribeToday(const Json& p) {
  if (!p.contains("today")) return "";
  const Json& t = p["today"];
  return "; tonight: position " + std::to_string(t["state"]["position"].get<int>()) + ", order " +
         std::to_string(t["recommended"].get<int>());
}

std::string Describe(const Json& p) {
  if (!p.contains("training")) return DescribeSolved(p) + DescribeToday(p);
  const Json& e = p["evaluation"];
  const Json& t = p["training"];
  std::string text = "learned " + Fixed(e["learned"]["average_reward"].get<double>()) + "/period";
  if (e["optimal"].is_object()) {
    text += "; optimum " + Fixed(e["optimal"]["exact_average_reward"].get<double>()) + " (gap " +
            Percent(e["gaps"]["to_exact_optimum"]) + ")";
  }
  if (e.contains("base_stock")) {
    text += "; base-stock S=" + std::to_string(e["base_stock"]["S"].get<int>()) + " " +
            Fixed(e["base_stock"]["average_reward"].get<double>()) + "; (s,S)=(" +
            std::to_string(e["s_S"]["s"].get<int>()) + "," +
            std::to_string(e["s_S"]["S"].get<int>()) + ") " +
            Fixed(e["s_S"]["average_reward"].get<double>());
  }
  text += "; " + Fixed(t["periods"].get<double>() / 1e6, 1) + "M periods in " +
          Fixed(t["seconds"].get<double>(), 2) + " s";
  if (p.contains("replaced")) text += "; replaced by " + p["method"].get<std::string>();
  return text + DescribeToday(p);
}

}  // namespace

std::string TrainRlResult::Summary() const {
  const Json& doc = artifact;
  const std::string dest = output.empty() || output == "-" ? "" : " -> " + output;
  if (!doc.contains("policies")) {
    return "train-rl: " + doc["demand"]["description"].get<std::string>() +
           ", L=" + std::to_string(doc["environment"]["lead_time"].get<int>()) + ": " +
           Describe(doc) + dest;
  }
  // A line per policy for a few; counts by method for a catalogue.
  constexpr std::size_t kListed = 10;
  const bool list = doc["policies"].size() <= kListed;
  std::string text;
  int ok = 0, failed = 0, to_order = 0;
  std::map<std::string, int> by_method;
  for (const Json& p : doc["policies"]) {
    if (p["status"] == "ok") {
      ++ok;
      ++by_method[p["method"].get<std::string>()];
      if (p.contains("today") && p["today"]["recommended"].get<double>() > 0) ++to_order;
      if (list) text += "  " + p["sku"].get<std::string>() + ": " + Describe(p) + "\n";
    } else {
      ++failed;
    }
  }
  std::string methods;
  for (const auto& [m, n] : by_method) {
    methods += (methods.empty() ? "" : ", ") + std::to_string(n) + " " + m;
  }
  text += "train-rl: " + std::to_string(ok) + " policies (" + methods + "), " +
          std::to_string(failed) + " failed";
  // A shard may hold no series at all.
  if (to_order > 0 || (!doc["policies"].empty() && doc["policies"].front().contains("today"))) {
    text += "; tonight " + std::to_string(to_order) + " SKU(s) would order";
  }
  return text + dest;
}

}  // namespace invplan
