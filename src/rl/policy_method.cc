#include "rl/policy_method.h"

#include <algorithm>
#include <cmath>

#include "common/random.h"
#include "invplan/error.h"
#include "rl/evaluate.h"
#include "rl/simulation.h"
#include "rl/value_iteration.h"

namespace invplan::rl {
namespace {

constexpr double kReplaceGap = 0.01;  // a learned table this much worse than (s,S) is replaced
constexpr int kPenaltySteps = 12;     // bisection steps of the service-level penalty
// auto: the exact solution is tried with at most this much work (states ×
// demand support × actions × sweeps, a few seconds of CPU); a heavy-tailed
// demand on a large state space mixes slowly, and (s,S) is used instead.
constexpr double kExactWork = 1e9;
constexpr double kMinSweeps = 50;  // fewer allowed sweeps than this: not worth trying

struct Paths {
  std::vector<int> judge, search;  // evaluation path; search path (a different stream)
  std::int64_t n = 0;
};

Paths MakePaths(const Model& m, const EvaluationOptions& ev, std::uint64_t seed) {
  Paths p;
  p.n = ev.periods + ev.warmup;
  p.judge = DemandPath(m.demand, p.n, DeriveSeed(seed, 20));
  p.search =
      DemandPath(m.demand, std::min<std::int64_t>(p.n, 200000 + ev.warmup), DeriveSeed(seed, 21));
  return p;
}

SimStats Judge(const Model& m, const std::vector<std::uint16_t>& table, const Paths& paths,
               const EvaluationOptions& ev) {
  return Simulate(m, TablePolicy{&table}, paths.judge, paths.n, ev.warmup, m.StartState(0));
}

// The exact optimum; with a fill-rate target, that of the smallest lost-sale
// penalty (by bisection) whose optimal policy meets the target on the judging
// path. The returned model carries the penalty used.
SolvedPolicy Optimal(const Model& base, std::optional<double> target, const Paths& paths,
                     const EvaluationOptions& ev, int threads, int max_sweeps) {
  SolvedPolicy out;
  out.method = "optimal";
  auto solve = [&](const Model& m) {
    ValueIterationResult vi = RelativeValueIteration(m, ev.tolerance, max_sweeps, threads);
    if (!vi.converged) {
      throw UsageError("the exact solution did not converge within " + std::to_string(max_sweeps) +
                       " sweeps");
    }
    return vi;
  };
  Model m = base;
  ValueIterationResult vi = solve(m);
  if (target) {
    auto fill = [&](const ValueIterationResult& r, const Model& mm) {
      return Simulate(mm, TablePolicy{&r.policy}, paths.search,
                      static_cast<std::int64_t>(paths.search.size()), ev.warmup, mm.StartState(0),
                      1)
          .FillRate();
    };
    if (fill(vi, m) < *target) {
      // Raise the penalty until the target is met, then bisect between.
      double lo = base.penalty, hi = std::max(1.0, base.penalty);
      Model trial = base;
      bool met = false;
      for (int k = 0; k < 40 && !met; ++k) {
        hi *= 2.0;
        trial.penalty = hi;
        ValueIterationResult r = solve(trial);
        if (fill(r, trial) >= *target) met = true, vi = std::move(r), m = trial;
      }
      if (!met) {
        throw UsageError("no policy reaches the fill rate " + FormatDouble(*target) +
                         " within the model's bounds (raise --max-inventory or --max-order)");
      }
      for (int k = 0; k < kPenaltySteps && hi - lo > 1e-3 * hi; ++k) {
        trial.penalty = 0.5 * (lo + hi);
        ValueIterationResult r = solve(trial);
        if (fill(r, trial) >= *target) {
          hi = trial.penalty, vi = std::move(r), m = trial;
        } else {
          lo = trial.penalty;
        }
      }
    }
  }
  const SimStats st = Judge(m, vi.policy, paths, ev);
  Json e = StatsJson(m, st);
  // The gain of the (possibly penalised) model is not the true reward when the
  // penalty was raised; the simulated average on the true costs is reported.
  if (m.penalty == base.penalty) {
    e["exact_average_reward"] = vi.gain;
    e["bounds"] = {vi.lower, vi.upper};
  } else {
    e["average_reward"] =
        Simulate(base, TablePolicy{&vi.policy}, paths.judge, paths.n, ev.warmup, base.StartState(0))
            .AverageReward();
    e["service_penalty"] = m.penalty * m.unit;
  }
  e["iterations"] = vi.iterations;
  e["converged"] = vi.converged;
  out.fields["evaluation"]["policy"] = e;
  out.table = std::move(vi.policy);
  out.values = std::move(vi.values);
  out.model = std::move(m);
  return out;
}

// The best (s,S) or base-stock policy meeting the fill-rate target.
SolvedPolicy Parametric(const Model& m, bool base_stock, std::optional<double> target,
                        const Paths& paths, const EvaluationOptions& ev) {
  const double min_fill = target.value_or(0.0);
  const SsChoice c = base_stock ? SearchBaseStock(m, paths.search, ev.warmup, min_fill)
                                : SearchSs(m, paths.search, ev.warmup, min_fill);
  if (!std::isfinite(c.reward)) {
    throw UsageError("no " + std::string(base_stock ? "base-stock" : "(s,S)") +
                     " policy reaches the fill rate " + FormatDouble(min_fill) +
                     " within the model's bounds");
  }
  SolvedPolicy out;
  out.method = base_stock ? "base-stock" : "s-S";
  out.model = m;
  out.table = SsTable(m, c.s, c.S);
  Json e = StatsJson(m, Judge(m, out.table, paths, ev));
  if (!base_stock) e["s"] = c.s * m.unit;
  e["S"] = c.S * m.unit;
  out.fields["evaluation"]["policy"] = e;
  return out;
}

int SupportSize(const Demand& d) {
  int n = 0;
  for (double p : d.pmf) n += p > 0.0;
  return std::max(n, 1);
}

}  // namespace

const char* PolicyMethodName(PolicyMethod m) {
  switch (m) {
    case PolicyMethod::kQLearning:
      return "q-learning";
    case PolicyMethod::kAuto:
      return "auto";
    case PolicyMethod::kOptimal:
      return "optimal";
    case PolicyMethod::kSs:
      return "s-S";
    case PolicyMethod::kBaseStock:
      return "base-stock";
  }
  return "?";
}

SolvedPolicy SolvePolicy(const Model& m, PolicyMethod method, std::optional<double> service_level,
                         const std::string& demand_spec, const QLearningOptions& learning,
                         const EvaluationOptions& ev, std::uint64_t seed, int threads) {
  if (ev.periods < 1000 || ev.warmup < 0) {
    throw UsageError("--eval-periods must be at least 1000 and --warmup non-negative");
  }
  const bool fits = m.num_states <= ev.max_exact_states;
  if (method == PolicyMethod::kOptimal && !fits) {
    throw UsageError("--method optimal: the state space has " + std::to_string(m.num_states) +
                     " states, above --max-exact-states " + std::to_string(ev.max_exact_states) +
                     " (use auto or s-S)");
  }
  if (method == PolicyMethod::kQLearning) {
    if (service_level) throw UsageError("--service-level needs a method other than q-learning");
    SolvedPolicy out;
    out.method = "q-learning";
    out.model = m;
    out.fields = TrainAndEvaluate(m, demand_spec, learning, ev, seed, threads, &out.table);
    const Json& e = out.fields["evaluation"];
    if (e.contains("s_S")) {
      const double learned = e["learned"]["average_reward"].get<double>();
      const double best = e["s_S"]["average_reward"].get<double>();
      if (learned < best - kReplaceGap * std::fabs(best)) {
        const int s = e["s_S"]["s"].get<int>() / m.unit, S = e["s_S"]["S"].get<int>() / m.unit;
        out.table = SsTable(m, s, S);
        out.method = "s-S";
        out.replaced = "the learned table earns " + FormatDouble(learned) +
                       " per period, more than 1% below the best (s,S) policy's " +
                       FormatDouble(best) + "; that policy is used";
        out.fields["policy"]["table"] = PolicyRows(m, out.table);
      }
    }
    return out;
  }
  const Paths paths = MakePaths(m, ev, seed);
  SolvedPolicy out;
  bool solved = false;
  if (method == PolicyMethod::kOptimal) {
    out = Optimal(m, service_level, paths, ev, threads, 100000);
    solved = true;
  } else if (method == PolicyMethod::kAuto && fits) {
    const double work = static_cast<double>(m.num_states) * m.num_actions * SupportSize(m.demand);
    const double sweeps = std::min(kExactWork / work, 100000.0);
    if (sweeps < kMinSweeps) {
      out.replaced = "the exact solution would take more than " + FormatDouble(kExactWork) +
                     " operations (" + std::to_string(m.num_states) +
                     " states); the best (s,S) policy is used";
    } else {
      try {
        out = Optimal(m, service_level, paths, ev, threads, static_cast<int>(sweeps));
        solved = true;
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kUsage) throw;
        out.replaced = std::string(e.what()) + "; the best (s,S) policy is used";
      }
    }
  }
  if (!solved) {
    const std::string replaced = out.replaced;
    out = Parametric(m, method == PolicyMethod::kBaseStock, service_level, paths, ev);
    out.replaced = replaced;
  }
  Json fields = out.fields;
  out.fields = Json::object();
  out.fields["environment"] = m.ToJson();
  out.fields["demand"] = DemandToJson(m.demand, demand_spec);
  out.fields["policy"] = {{"states", m.num_states}, {"table", PolicyRows(m, out.table)}};
  fields["evaluation"]["periods"] = ev.periods;
  fields["evaluation"]["warmup"] = ev.warmup;
  out.fields["evaluation"] = fields["evaluation"];
  return out;
}

}  // namespace invplan::rl
