#include <cstdio>
#include <memory>
#include <string>

#include "cli/options.h"
#include "cli/rl_options.h"
#include "invplan/error.h"
#include "invplan/rl.h"

namespace invplan::cli {
namespace {

std::string Interval(const Json& m, int digits) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%.*f [%.*f, %.*f]", digits, m["mean"].get<double>(), digits,
                m["ci95_low"].get<double>(), digits, m["ci95_high"].get<double>());
  return buf;
}

}  // namespace

Action SetupSimulate(CLI::App& app) {
  auto o = std::make_shared<SimulateOptions>();
  auto ss = std::make_shared<std::string>();
  app.add_option("--policy", o->policy_path, "Policy artifact from train-rl");
  app.add_option("--base-stock", o->base_stock, "Order up to S every period")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--s-S", *ss,
                 "(s,S) policy: when the position is <= s, order up to S (e.g. 4,10)");
  AddDemandOptions(app, &o->demand);
  app.add_option("-o,--output", o->output, "Simulation artifact JSON (- for stdout)");
  AddEnvironmentOptions(app, &o->env);
  app.add_option("--periods", o->periods, "Periods per replication")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000000}))
      ->capture_default_str();
  app.add_option("--replications", o->replications, "Independent replications")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--warmup", o->warmup, "Periods discarded at the start of each replication")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--initial-on-hand", o->initial_on_hand, "Stock at the start")
      ->capture_default_str();
  return [o, ss, &app](Context& ctx) {
    SimulateOptions opts = *o;
    opts.env_given = GivenEnvironmentFields(app);
    opts.sku = opts.demand.sku;
    if (!ss->empty()) {
      const auto comma = ss->find(',');
      try {
        if (comma == std::string::npos) throw std::invalid_argument("");
        std::size_t a = 0, b = 0;
        opts.s = std::stoi(ss->substr(0, comma), &a);
        opts.S = std::stoi(ss->substr(comma + 1), &b);
        if (a != comma || b != ss->size() - comma - 1 || opts.S < 0) {
          throw std::invalid_argument("");
        }
      } catch (const std::exception&) {
        throw UsageError("--s-S: expected two integers s,S with S >= 0, got \"" + *ss + "\"");
      }
    }
    // Policy files record their demand; without one the demand is required.
    if (!opts.policy_path.empty() && opts.demand.forecast.empty() && opts.demand.demand.empty()) {
      opts.demand.sku.clear();
    }
    opts.threads = ctx.global.threads;
    opts.seed = ctx.global.seed;
    const Json doc = RunSimulate(opts, &ctx.run);
    const Json& r = doc["results"];
    Summary(ctx, "simulate: " + doc["policy"].get<std::string>() + ", " +
                     std::to_string(opts.replications) + " × " + std::to_string(opts.periods) +
                     " periods: reward/period " + Interval(r["average_reward"], 3) +
                     ", fill rate " + Interval(r["fill_rate"], 4) + ", stock-out periods " +
                     Interval(r["stockout_share"], 4) + ", average stock " +
                     Interval(r["average_stock"], 2) + ", orders placed " +
                     Interval(r["orders_placed"], 1) +
                     (opts.output.empty() || opts.output == "-" ? "" : " -> " + opts.output));
  };
}

}  // namespace invplan::cli
