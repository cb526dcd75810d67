#include <cstdio>
#include <memory>

#include "cli/options.h"
#include "cli/rl_options.h"
#include "invplan/error.h"
#include "invplan/rl.h"

namespace invplan::cli {
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
std::string Describe(const Json& p) {
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
  return text;
}

}  // namespace

Action SetupTrainRl(CLI::App& app) {
  auto o = std::make_shared<TrainRlOptions>();
  AddDemandOptions(app, &o->demand);
  app.add_option("--items", o->items,
                 "Items master CSV (with --forecast): costs and constraints per SKU");
  app.add_option("-o,--output", o->output, "Policy artifact JSON (- for stdout)");
  AddEnvironmentOptions(app, &o->env);
  auto& l = o->learning;
  app.add_option("--episodes", l.episodes, "Training episodes (each starts in a random state)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--steps", l.steps, "Periods per episode")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--gamma", l.gamma, "Discount factor of the Q-learning target")
      ->check(CLI::Range(1e-6, 0.999999))
      ->capture_default_str();
  app.add_option("--alpha-power", l.alpha_power, "Learning rate 1/(1+visits)^power, in (0, 1]")
      ->check(CLI::Range(1e-6, 1.0))
      ->capture_default_str();
  app.add_option("--alpha-min", l.alpha_min, "Floor of the learning rate")
      ->check(CLI::Range(0.0, 0.999))
      ->capture_default_str();
  app.add_option("--epsilon-start", l.epsilon_start, "Exploration rate at the start")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--epsilon-end", l.epsilon_end, "Exploration rate at the end of the decay")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--epsilon-decay", l.epsilon_decay,
                 "Fraction of training over which exploration decays linearly")
      ->check(CLI::Range(1e-6, 1.0))
      ->capture_default_str();
  app.add_option("--update", l.all_actions,
                 "all-actions: update every order with the period's demand; sampled: only the "
                 "order taken")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, bool>{{"all-actions", true}, {"sampled", false}}))
      ->default_str("all-actions");
  app.add_option("--learn-cost-at", l.cost_at_sale,
                 "sale: learn with units paid for when they leave stock (same long-run average, "
                 "no discounting bias against ordering early); order: as the environment pays")
      ->transform(
          CLI::CheckedTransformer(std::map<std::string, bool>{{"sale", true}, {"order", false}}))
      ->default_str("sale");
  app.add_option("--curve-points", l.curve_points, "Points of the learning curve")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto& e = o->evaluation;
  app.add_option("--eval-periods", e.periods, "Simulated periods per evaluated policy")
      ->check(CLI::Range(std::int64_t{1000}, std::int64_t{1000000000}))
      ->capture_default_str();
  app.add_option("--warmup", e.warmup, "Periods discarded at the start of each simulation")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-exact-states", e.max_exact_states,
                 "Solve for the exact optimum up to this many states (0 = never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-states", e.max_states, "Automatic --unit: the largest state space accepted")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--no-search", "Skip the base-stock and (s,S) search");
  return [o, &app](Context& ctx) {
    TrainRlOptions opts = *o;
    opts.env_given = GivenEnvironmentFields(app);
    opts.evaluation.search = app.get_option("--no-search")->count() == 0;
    opts.threads = ctx.global.threads;
    opts.seed = ctx.global.seed;
    if (opts.output.empty()) {
      throw UsageError("train-rl: give --output (a file, or - for standard output)");
    }
    const Json doc = RunTrainRl(opts, &ctx.run);
    const std::string dest = opts.output == "-" ? "" : " -> " + opts.output;
    if (doc.contains("policies")) {
      int ok = 0, failed = 0;
      for (const Json& p : doc["policies"]) {
        if (p["status"] == "ok") {
          ++ok;
          Summary(ctx, "  " + p["sku"].get<std::string>() + ": " + Describe(p));
        } else {
          ++failed;
        }
      }
      Summary(ctx, "train-rl: " + std::to_string(ok) + " policies trained, " +
                       std::to_string(failed) + " failed" + dest);
    } else {
      Summary(ctx, "train-rl: " + doc["demand"]["description"].get<std::string>() +
                       ", L=" + std::to_string(doc["environment"]["lead_time"].get<int>()) + ": " +
                       Describe(doc) + dest);
    }
  };
}

}  // namespace invplan::cli
