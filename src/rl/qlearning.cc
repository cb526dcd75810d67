#include "rl/qlearning.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>

#include "common/random.h"
#include "invplan/error.h"
#include "rl/simulation.h"

namespace invplan::rl {
namespace {

constexpr std::int64_t kMaxQValues = 400000000;  // 3.2 GB of doubles
constexpr std::int64_t kGreedyCheckPeriods = 20000;
constexpr std::int64_t kMaxPeriodCells = 1 << 20;  // 24 MB of period outcomes

// CPU time of the calling thread: on a busy machine wall time measures the
// load as much as the work.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// What one period does before order costs, by (demand, available + max_backlog).
struct PeriodCell {
  double reward;
  double shaped;  // reward + shape·end (lead time 0: the re-timed reward is shaped - shape·x -
                  // order cost)
  int next;       // end + max_backlog: the successor's index when L = 0
  int end;
};

struct Learner {
  const Model& m;
  const QLearningOptions& o;
  const int A;
  std::vector<double> q;            // num_states × A
  std::vector<double> v;            // max_a Q(s,a)
  std::vector<std::uint16_t> best;  // argmax
  // Sampled updates: an upper bound on Q of every action but the best, so the
  // row is rescanned only when the best action falls below it.
  std::vector<double> second;
  std::vector<std::uint32_t> visits;  // saturate at the last alpha entry
  std::vector<double> alpha_table;    // ends with alpha_min
  std::uint32_t alpha_last = 0;
  std::vector<PeriodCell> period;  // d · levels + avail + B (empty: computed)
  int levels = 1;                  // onhand_levels
  std::vector<int> full_from;      // L = 0: first action filling the shelf, by on_hand + B
  double shape = 0.0;              // unit cost charged on leaving instead of ordering (or 0)
  std::vector<double> learn_cost;  // order cost as learned: order_cost - shape·q
  std::vector<int> position;       // inventory position per state (only when shape != 0)
  std::int64_t updates = 0;

  Learner(const Model& model, const QLearningOptions& opts)
      : m(model), o(opts), A(model.num_actions) {
    // Optimistic start: no policy earns more per period than selling the mean
    // demand at full price with no cost at all (re-timed: at price - unit_cost).
    const double margin = o.cost_at_sale ? std::max(m.price - m.unit_cost, 0.0) : m.price;
    const double q0 = margin * m.demand.Mean() / (1.0 - o.gamma);
    q.assign(static_cast<std::size_t>(m.num_states * A), q0);
    v.assign(static_cast<std::size_t>(m.num_states), q0);
    best.assign(static_cast<std::size_t>(m.num_states), 0);
    const bool sampled = o.update == QUpdate::kSampled;
    if (sampled) second.assign(static_cast<std::size_t>(m.num_states), q0);
    const std::size_t counts = sampled ? m.num_states * A : m.num_states;
    visits.assign(counts, 0);
    // 1/(1+n)^power until it reaches the floor; tabulated because pow() would
    // cost more than the rest of a step.
    for (std::uint32_t n = 0;; ++n) {
      const double a = std::pow(1.0 + n, -o.alpha_power);
      if (a <= o.alpha_min || n >= (1u << 24)) break;
      alpha_table.push_back(a);
    }
    alpha_table.push_back(o.alpha_min);
    alpha_last = static_cast<std::uint32_t>(alpha_table.size() - 1);
    // The period's outcome depends only on the stock available and the demand:
    // a table lookup is cheaper than the arithmetic and its conversions.
    for (int xi = 0; xi < m.onhand_levels; ++xi) {
      int a = 0;
      while (a < A && xi + m.qty[a] < m.onhand_levels - 1) ++a;
      full_from.push_back(a);
    }
    // Re-timed reward: r + c·(position(s') - position(s)). With it the order
    // itself costs only the fixed charge (the units are paid for as they leave).
    shape = o.cost_at_sale ? m.unit_cost : 0.0;
    levels = m.onhand_levels;
    // Wide demand and stock ranges would make the table huge: computed then.
    if (static_cast<std::int64_t>(m.demand.max() + 1) * levels <= kMaxPeriodCells) {
      period.reserve(static_cast<std::size_t>(m.demand.max() + 1) * levels);
      for (int d = 0; d <= m.demand.max(); ++d) {
        for (int xi = 0; xi < levels; ++xi) period.push_back(Compute(d, xi));
      }
    }
    learn_cost = m.order_cost;
    if (shape != 0.0) {
      for (int a = 0; a < A; ++a) learn_cost[a] -= shape * m.qty[a];
      position.resize(static_cast<std::size_t>(m.num_states));
      for (std::int64_t s = 0; s < m.num_states; ++s) position[s] = m.Position(s);
    }
  }

  PeriodCell Compute(int d, int xi) const {
    const PeriodResult p = Period(m, xi - m.max_backlog, d);
    return {p.reward, p.reward + shape * p.end, p.end + m.max_backlog, p.end};
  }

  // The period with demand d and xi - max_backlog units available (kTable:
  // from the table, which then exists).
  template <bool kTable>
  decltype(auto) At(int d, int xi) const {  // a reference into the table, or a value
    if constexpr (kTable) {
      return period[static_cast<std::size_t>(d) * levels + xi];
    } else {
      return Compute(d, xi);
    }
  }

  double Alpha(std::uint32_t& n) const {
    const double a = alpha_table[n];
    n += n < alpha_last;
    return a;
  }

  // Best action (smallest order on ties), its value and the next best value.
  void Rescan(std::int64_t s) {
    const double* row = &q[s * A];
    int b = 0;
    double runner = -std::numeric_limits<double>::infinity();
    for (int a = 1; a < A; ++a) {
      if (row[a] > row[b]) {
        runner = row[b];
        b = a;
      } else {
        runner = std::max(runner, row[a]);
      }
    }
    best[s] = static_cast<std::uint16_t>(b);
    v[s] = row[b];
    second[s] = runner;
  }

  // Step() of rl/model.h with the period looked up: the successor of state s
  // under action a with demand d, and the (true, not re-timed) reward.
  template <bool kTable>
  std::int64_t Next(std::int64_t s, int a, int d, double* reward) const {
    const auto su = static_cast<std::uint32_t>(s);
    const int xi = static_cast<int>(m.by_pipe_states.Div(su));  // on_hand + max_backlog
    const int qa = m.qty[a];
    const int B = m.max_backlog, M = m.max_inventory;
    if (m.lead_time == 0) {
      const PeriodCell& c = At<kTable>(d, std::min(xi + qa, M + B));
      *reward = c.reward - m.order_cost[a];
      return c.next;
    }
    const PeriodCell& c = At<kTable>(d, xi);
    *reward = c.reward - m.order_cost[a];
    if (m.lead_time == 1) return std::min(c.end + qa, M) + B;
    const std::uint32_t rest = su - static_cast<std::uint32_t>(xi * m.pipe_states);
    const std::uint32_t oldest = m.by_pipe_lead.Div(rest);
    const int nx = std::min(c.end + m.qty[oldest], M);
    return (nx + B) * m.pipe_states + static_cast<std::int64_t>(rest - oldest * m.pipe_lead) * A +
           a;
  }

  // Updates every action of state s with demand d; returns the successor
  // under action `taken` and its (true, not re-timed) reward.
  template <bool kTable>
  std::int64_t UpdateAll(std::int64_t s, int taken, int d, double* reward) {
    double* row = &q[s * A];
    const double alpha = Alpha(visits[s]);
    const double g = o.gamma;
    const int B = m.max_backlog, M = m.max_inventory;
    const double* cost = learn_cost.data();
    const int* qty = m.qty.data();
    const int xi = static_cast<int>(m.by_pipe_states.Div(static_cast<std::uint32_t>(s)));
    const int x = xi - B;
    int b = 0;
    double bv = -std::numeric_limits<double>::infinity();
    auto update = [&](int a, double target) {
      const double nv = row[a] + alpha * (target - row[a]);
      row[a] = nv;
      if (nv > bv) bv = nv, b = a;
    };
    std::int64_t next;
    if (m.lead_time >= 2) {
      // Same period outcome for every order; successors are consecutive and
      // their positions differ by exactly the order, which learn_cost holds.
      double r0;
      const std::int64_t next0 = Next<kTable>(s, 0, d, &r0);
      const double base = shape != 0.0 ? r0 + shape * (position[next0] - position[s]) : r0;
      const double* vn = &v[next0];
      for (int a = 0; a < A; ++a) update(a, base - cost[a] + g * vn[a]);
      next = next0 + taken;
      *reward = r0 - m.order_cost[taken];
    } else if (m.lead_time == 1) {
      const PeriodCell& c = At<kTable>(d, xi);
      const double base = c.reward - shape * x;
      const double* oc = m.order_cost.data();
      for (int a = 0; a < A; ++a) {
        const int nx = std::min(c.end + qty[a], M);
        update(a, base + shape * nx - oc[a] + g * v[nx + B]);
      }
      next = std::min(c.end + qty[taken], M) + B;
      *reward = c.reward - m.order_cost[taken];
    } else {
      // Orders that fill the shelf to max_inventory all lead to the same cell.
      const double* oc = m.order_cost.data();
      const double base = -shape * x;
      const int top = M + B;
      const int full_at = full_from[xi];
      int a = 0;
      for (; a < full_at; ++a) {
        const PeriodCell& c = At<kTable>(d, xi + qty[a]);
        update(a, c.shaped + base - oc[a] + g * v[c.next]);
      }
      if (a < A) {
        const PeriodCell& c = At<kTable>(d, top);
        const double full = c.shaped + base + g * v[c.next];
        for (; a < A; ++a) update(a, full - oc[a]);
      }
      const PeriodCell& c = At<kTable>(d, std::min(xi + qty[taken], top));
      next = c.next;
      *reward = c.reward - m.order_cost[taken];
    }
    updates += A;
    best[s] = static_cast<std::uint16_t>(b);
    v[s] = bv;
    return next;
  }

  // Updates action a of state s (one-action update); returns the successor.
  template <bool kTable>
  std::int64_t UpdateOne(std::int64_t s, int a, int d, double* reward) {
    const std::int64_t next = Next<kTable>(s, a, d, reward);
    double& qa = q[s * A + a];
    const double alpha = Alpha(visits[s * A + a]);
    double r = *reward;
    if (shape != 0.0) r += shape * (position[next] - position[s]);
    qa += alpha * (r + o.gamma * v[next] - qa);
    ++updates;
    if (a == best[s]) {
      if (qa >= second[s]) {
        v[s] = qa;
      } else {
        Rescan(s);
      }
    } else if (qa > v[s]) {
      second[s] = v[s];
      v[s] = qa;
      best[s] = static_cast<std::uint16_t>(a);
    } else if (qa > second[s]) {
      second[s] = qa;
    }
    return next;
  }

  // all-states: every action of every state, in index order, with demand d.
  template <bool kTable>
  void UpdateEveryState(int d) {
    double reward;
    for (std::int64_t s = 0; s < m.num_states; ++s) UpdateAll<kTable>(s, 0, d, &reward);
  }

  // n periods from state s with exploration threshold eps_bits (epsilon·2^32);
  // returns the state reached and adds the rewards to *sum. One 64-bit draw
  // decides exploration (high half) and the random order (low half).
  template <bool kAll, bool kTable>
  std::int64_t Run(std::int64_t s, std::int64_t n, std::uint64_t eps_bits,
                   const DemandSampler& sample, Rng& rng, double* sum) {
    const auto actions = static_cast<std::uint64_t>(A);
    double total = 0.0;
    for (std::int64_t i = 0; i < n; ++i) {
      const std::uint64_t u = rng();
      const int a =
          (u >> 32) < eps_bits ? static_cast<int>(((u & 0xffffffffu) * actions) >> 32) : best[s];
      const int d = sample(rng);
      double reward;
      s = kAll ? UpdateAll<kTable>(s, a, d, &reward) : UpdateOne<kTable>(s, a, d, &reward);
      total += reward;
    }
    *sum += total;
    return s;
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

namespace {

// The learning curve: one point per chunk of training periods (the reward
// earned while training, and the greedy policy's on the check path), with the
// checks' time left out of the training time, since they are bookkeeping.
class Curve {
 public:
  Curve(const Model& m, const std::vector<std::uint16_t>& best, const std::vector<int>& check_path,
        std::int64_t total, int points)
      : m_(m),
        best_(best),
        check_path_(check_path),
        chunk_(std::max<std::int64_t>(1, total / points)) {}

  // Periods left before the current point closes.
  std::int64_t Left() const { return chunk_ - steps_; }
  // Adds n periods that earned `reward` in all; closes the point when the chunk
  // is full or `last`.
  void Add(double reward, std::int64_t n, std::int64_t step, double epsilon, bool last,
           QLearningResult* result) {
    reward_ += reward;
    steps_ += n;
    if (steps_ < chunk_ && !last) return;
    const auto c0 = std::chrono::steady_clock::now();
    const double cpu_c0 = ThreadCpuSeconds();
    CurvePoint p;
    p.step = step;
    p.epsilon = epsilon;
    p.reward = reward_ / steps_;
    const TablePolicy greedy{&best_};
    p.greedy_reward =
        Simulate(m_, greedy, check_path_, kGreedyCheckPeriods, 1000, m_.StartState(0), 1)
            .AverageReward();
    result->curve.push_back(p);
    reward_ = 0.0;
    steps_ = 0;
    check_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    check_cpu_ += ThreadCpuSeconds() - cpu_c0;
  }
  void Finish(QLearningResult* r) const {
    r->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count() -
                 check_seconds_;
    r->cpu_seconds = ThreadCpuSeconds() - cpu0_ - check_cpu_;
  }

 private:
  const Model& m_;
  const std::vector<std::uint16_t>& best_;
  const std::vector<int>& check_path_;
  const std::int64_t chunk_;
  double reward_ = 0.0;
  std::int64_t steps_ = 0;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
  double cpu0_ = ThreadCpuSeconds();
  double check_seconds_ = 0.0, check_cpu_ = 0.0;
};

// all-states: each sampled demand updates every action of every state, in
// index order. Demand does not depend on the state either, so one draw says
// what every state would have done: all states then share their noise, as all
// actions of one state do, and no state waits for a trajectory to pass by (a
// slow mover's trajectory sits at full shelves for thousands of periods, and
// the states that matter, near empty, are seen only at episode starts). The
// curve's `reward` is that of the greedy policy followed on the same demands.
void Sweep(Learner& L, std::int64_t sweeps, const std::vector<int>& check_path, Rng& rng,
           QLearningResult* result) {
  const Model& m = L.m;
  const bool table = !L.period.empty();
  std::int64_t follow = m.StartState(0);
  // Demands are drawn as quantiles u_k = u_0 + k·(golden ratio − 1) mod 1 (a
  // randomly shifted Weyl sequence), not independently: every stretch of the
  // sequence covers the quantiles evenly, so a demand of probability p comes
  // once in about 1/p sweeps rather than in clumps and droughts. With
  // intermittent demand the values otherwise swing with the few periods that
  // have any demand at all.
  double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  Curve curve(m, L.best, check_path, sweeps, L.o.curve_points);
  for (std::int64_t k = 0; k < sweeps; ++k) {
    u += 0.6180339887498949;
    if (u >= 1.0) u -= 1.0;
    const int d = m.demand.Quantile(u);
    double reward;
    if (table) {
      L.UpdateEveryState<true>(d);
      follow = L.Next<true>(follow, L.best[follow], d, &reward);
    } else {
      L.UpdateEveryState<false>(d);
      follow = L.Next<false>(follow, L.best[follow], d, &reward);
    }
    curve.Add(reward, 1, k + 1, 0.0, k + 1 == sweeps, result);
  }
  curve.Finish(result);
  result->steps = sweeps;
}

// all-actions and sampled: ε-greedy episodes along one trajectory.
void Episodes(Learner& L, const std::vector<int>& check_path, const DemandSampler& sample, Rng& rng,
              QLearningResult* result) {
  const Model& m = L.m;
  const QLearningOptions& o = L.o;
  const std::int64_t total = static_cast<std::int64_t>(o.episodes) * o.steps;
  const std::int64_t decay_steps =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(o.epsilon_decay * total));
  std::int64_t step = 0;
  double eps = o.epsilon_start;
  std::uint64_t eps_bits = 0;
  const bool all = o.update == QUpdate::kAllActions;
  Curve curve(m, L.best, check_path, total, o.curve_points);

  for (int ep = 0; ep < o.episodes; ++ep) {
    // Exploring starts: an episode begins in a random state, or every other
    // one in the empty start state that simulations begin from: a state never
    // visited keeps equal values for every order and so orders nothing, and an
    // empty shelf with nothing on order is then a trap (a fast mover's
    // trajectory never comes back to it by itself).
    std::int64_t s = static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(m.num_states)));
    if (ep % 2 == 1) s = m.StartState(0);
    for (std::int64_t t = 0; t < o.steps;) {
      if ((step & 1023) == 0) {
        const double f = std::min(1.0, static_cast<double>(step) / decay_steps);
        eps = o.epsilon_start + (o.epsilon_end - o.epsilon_start) * f;
        eps_bits = static_cast<std::uint64_t>(eps * 4294967296.0);
      }
      // Up to the next epsilon change, the end of the episode or of the chunk.
      const std::int64_t n =
          std::min({o.steps - t, 1024 - (step & 1023), curve.Left(), total - step});
      const bool table = !L.period.empty();
      double reward = 0.0;
      if (all) {
        s = table ? L.Run<true, true>(s, n, eps_bits, sample, rng, &reward)
                  : L.Run<true, false>(s, n, eps_bits, sample, rng, &reward);
      } else {
        s = table ? L.Run<false, true>(s, n, eps_bits, sample, rng, &reward)
                  : L.Run<false, false>(s, n, eps_bits, sample, rng, &reward);
      }
      t += n;
      step += n;
      curve.Add(reward, n, step, eps, step == total, result);
    }
  }
  curve.Finish(result);
  result->steps = total;
}

}  // namespace

std::int64_t SweepCount(const Model& m, const QLearningOptions& o) {
  if (o.sweeps > 0) return o.sweeps;
  const std::int64_t periods = static_cast<std::int64_t>(o.episodes) * o.steps;
  std::int64_t want = std::max(kMinQSweeps, kSweepStatePeriods / m.num_states);
  // Intermittent demand: enough periods with any demand at all.
  const double busy = 1.0 - m.demand.pmf[0];
  if (busy > 0.0) {
    want = std::max(want, static_cast<std::int64_t>(std::ceil(kDemandPeriods / busy)));
  }
  return std::max<std::int64_t>(1, std::min(want, periods));
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
  if (o.update == QUpdate::kAllStates) {
    Sweep(L, SweepCount(m, o), check_path, rng, &result);
  } else {
    Episodes(L, check_path, sample, rng, &result);
  }
  result.updates = L.updates;
  result.policy = std::move(L.best);
  return result;
}

}  // namespace invplan::rl
