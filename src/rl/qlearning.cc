#include "rl/qlearning.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "common/random.h"
#include "invplan/error.h"
#include "rl/simulation.h"

namespace invplan::rl {
namespace {

constexpr std::int64_t kMaxQValues = 400000000;  // 3.2 GB of doubles
constexpr std::int64_t kGreedyCheckPeriods = 20000;

struct Learner {
  const Model& m;
  const QLearningOptions& o;
  const int A;
  std::vector<double> q;            // num_states × A
  std::vector<double> v;            // max_a Q(s,a)
  std::vector<std::uint16_t> best;  // argmax (smallest order on ties)
  std::vector<std::uint32_t> visits;
  std::vector<double> alpha_table;
  double shape = 0.0;              // unit cost charged on leaving instead of ordering (or 0)
  std::vector<double> learn_cost;  // order cost as learned: order_cost - shape·q
  std::vector<int> position;       // inventory position per state (only when shape != 0)
  std::int64_t updates = 0;

  Learner(const Model& model, const QLearningOptions& opts)
      : m(model), o(opts), A(model.num_actions) {
    // Optimistic start: no policy earns more per period than selling the mean
    // demand at full price with no cost at all.
    // Re-timed, a sale earns at most price - unit_cost.
    const double margin = o.cost_at_sale ? std::max(m.price - m.unit_cost, 0.0) : m.price;
    const double q0 = margin * m.demand.Mean() / (1.0 - o.gamma);
    q.assign(static_cast<std::size_t>(m.num_states * A), q0);
    v.assign(static_cast<std::size_t>(m.num_states), q0);
    best.assign(static_cast<std::size_t>(m.num_states), 0);
    const std::size_t counts = o.all_actions ? m.num_states : m.num_states * A;
    visits.assign(counts, 0);
    // 1/(1+n)^power until it reaches the floor; tabulated because pow() would
    // cost more than the rest of a step.
    for (std::uint32_t n = 0;; ++n) {
      const double a = std::pow(1.0 + n, -o.alpha_power);
      if (a <= o.alpha_min || n >= (1u << 24)) break;
      alpha_table.push_back(a);
    }
    // Re-timed reward: r + c·(position(s') - position(s)). With it the order
    // itself costs only the fixed charge (the units are paid for as they leave).
    shape = o.cost_at_sale ? m.unit_cost : 0.0;
    learn_cost = m.order_cost;
    if (shape != 0.0) {
      for (int a = 0; a < A; ++a) learn_cost[a] -= shape * m.qty[a];
      position.resize(static_cast<std::size_t>(m.num_states));
      for (std::int64_t s = 0; s < m.num_states; ++s) position[s] = m.Position(s);
    }
  }

  double Alpha(std::uint32_t& n) {
    const double a = n < alpha_table.size() ? alpha_table[n] : o.alpha_min;
    if (n < 0xffffffffu) ++n;
    return a;
  }

  void Refresh(std::int64_t s) {
    const double* row = &q[s * A];
    int b = 0;
    for (int a = 1; a < A; ++a) {
      if (row[a] > row[b]) b = a;
    }
    best[s] = static_cast<std::uint16_t>(b);
    v[s] = row[b];
  }

  // Updates every action of state s with demand d; returns the successor
  // under action `taken` and its (true, not re-timed) reward.
  std::int64_t UpdateAll(std::int64_t s, int taken, int d, double* reward) {
    double* row = &q[s * A];
    const double alpha = Alpha(visits[s]);
    const double g = o.gamma;
    const int B = m.max_backlog;
    const double* cost = learn_cost.data();
    std::int64_t next;
    if (m.lead_time >= 2) {
      // Same period outcome for every order; successors are consecutive and
      // their positions differ by exactly the order, which learn_cost holds.
      const Outcome o0 = Step(m, s, 0, d);
      const double r0 = o0.reward + m.order_cost[0];
      const double base = shape != 0.0 ? r0 + shape * (position[o0.next] - position[s]) : r0;
      const double* vn = &v[o0.next];
      for (int a = 0; a < A; ++a) {
        row[a] += alpha * (base - cost[a] + g * vn[a] - row[a]);
      }
      next = o0.next + taken;
      *reward = r0 - m.order_cost[taken];
    } else if (m.lead_time == 1) {
      const int x = static_cast<int>(s) - B;
      const PeriodResult p = Period(m, x, d);
      const double base = p.reward - shape * x;
      for (int a = 0; a < A; ++a) {
        const int nx = std::min(p.end + m.qty[a], m.max_inventory);
        row[a] += alpha * (base + shape * (nx - m.qty[a]) - cost[a] + g * v[nx + B] - row[a]);
      }
      next = std::min(p.end + m.qty[taken], m.max_inventory) + B;
      *reward = p.reward - m.order_cost[taken];
    } else {
      const int x = static_cast<int>(s) - B;
      next = 0;
      for (int a = 0; a < A; ++a) {
        const PeriodResult p = Period(m, std::min(x + m.qty[a], m.max_inventory), d);
        const double r = p.reward - cost[a] + shape * (p.end - x - m.qty[a]);
        row[a] += alpha * (r + g * v[p.end + B] - row[a]);
        if (a == taken) next = p.end + B, *reward = p.reward - m.order_cost[a];
      }
    }
    updates += A;
    Refresh(s);
    return next;
  }

  void UpdateOne(std::int64_t s, int a, const Outcome& out) {
    double& qa = q[s * A + a];
    const double alpha = Alpha(visits[s * A + a]);
    double r = out.reward;
    if (shape != 0.0) r += shape * (position[out.next] - position[s]);
    qa += alpha * (r + o.gamma * v[out.next] - qa);
    ++updates;
    if (qa > v[s]) {
      v[s] = qa;
      best[s] = static_cast<std::uint16_t>(a);
    } else if (best[s] == a) {
      Refresh(s);
    }
  }
};

}  // namespace

void ValidateQLearning(const QLearningOptions& o) {
  if (o.episodes < 1) throw UsageError("--episodes must be at least 1");
  if (o.steps < 1) throw UsageError("--steps must be at least 1");
  if (!(o.gamma > 0.0 && o.gamma < 1.0)) throw UsageError("--gamma must be in (0, 1)");
  if (!(o.alpha_power > 0.0 && o.alpha_power <= 1.0)) {
    throw UsageError("--alpha-power must be in (0, 1]");
  }
  if (!(o.alpha_min >= 0.0 && o.alpha_min < 1.0)) throw UsageError("--alpha-min must be in [0, 1)");
  if (!(o.epsilon_start >= 0.0 && o.epsilon_start <= 1.0) ||
      !(o.epsilon_end >= 0.0 && o.epsilon_end <= 1.0)) {
    throw UsageError("--epsilon-start and --epsilon-end must be in [0, 1]");
  }
  if (!(o.epsilon_decay > 0.0 && o.epsilon_decay <= 1.0)) {
    throw UsageError("--epsilon-decay must be in (0, 1]");
  }
  if (o.curve_points < 1) throw UsageError("--curve-points must be at least 1");
}

QLearningResult TrainQLearning(const Model& m, const QLearningOptions& o, std::uint64_t seed) {
  ValidateQLearning(o);
  if (m.num_states * m.num_actions > kMaxQValues) {
    throw UsageError("the Q-table would have " + std::to_string(m.num_states * m.num_actions) +
                     " entries: lower --max-order/--max-inventory or raise --order-step");
  }
  Learner L(m, o);
  Rng rng(DeriveSeed(seed, 1));
  const DemandSampler sample(m.demand);
  const std::vector<int> check_path =
      DemandPath(m.demand, kGreedyCheckPeriods, DeriveSeed(seed, 2));

  QLearningResult result;
  const std::int64_t total = static_cast<std::int64_t>(o.episodes) * o.steps;
  const std::int64_t decay_steps =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(o.epsilon_decay * total));
  const std::int64_t chunk = std::max<std::int64_t>(1, total / o.curve_points);
  double chunk_reward = 0.0;
  std::int64_t chunk_steps = 0, step = 0;
  double eps = o.epsilon_start;
  double check_seconds = 0.0;
  const auto t0 = std::chrono::steady_clock::now();

  for (int ep = 0; ep < o.episodes; ++ep) {
    // Exploring starts: each episode begins in a random state.
    std::int64_t s = static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(m.num_states)));
    for (int t = 0; t < o.steps; ++t, ++step) {
      if ((step & 1023) == 0) {
        const double f = std::min(1.0, static_cast<double>(step) / decay_steps);
        eps = o.epsilon_start + (o.epsilon_end - o.epsilon_start) * f;
      }
      const int a = rng.Uniform() < eps ? static_cast<int>(rng.Below(m.num_actions)) : L.best[s];
      const int d = sample(rng);
      double reward = 0.0;
      if (o.all_actions) {
        s = L.UpdateAll(s, a, d, &reward);
      } else {
        const Outcome out = Step(m, s, a, d);
        L.UpdateOne(s, a, out);
        reward = out.reward;
        s = out.next;
      }
      chunk_reward += reward;
      ++chunk_steps;
      if (chunk_steps == chunk || step + 1 == total) {
        const auto c0 = std::chrono::steady_clock::now();
        CurvePoint p;
        p.step = step + 1;
        p.epsilon = eps;
        p.reward = chunk_reward / chunk_steps;
        const TablePolicy greedy{&L.best};
        p.greedy_reward =
            Simulate(m, greedy, check_path, kGreedyCheckPeriods, 1000, m.StartState(0), 1)
                .AverageReward();
        result.curve.push_back(p);
        chunk_reward = 0.0;
        chunk_steps = 0;
        check_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
      }
    }
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() - check_seconds;
  result.steps = total;
  result.updates = L.updates;
  result.policy = std::move(L.best);
  return result;
}

}  // namespace invplan::rl
