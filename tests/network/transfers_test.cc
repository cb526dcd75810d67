// Lateral transfers: the greedy unit-by-unit plan against brute force over
// every transfer matrix of small instances.
#include "network/transfers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "common/random.h"
#include "network/distribution.h"

namespace invplan::network {
namespace {

double Value(const std::vector<StoreParams>& s, const std::vector<double>& y,
             const std::vector<double>& c, const std::vector<std::int64_t>& net_in,
             const std::vector<std::int64_t>& in) {
  double v = 0.0;
  for (std::size_t j = 0; j < s.size(); ++j) {
    v += StoreCost(s[j], y[j]) - StoreCost(s[j], y[j] + static_cast<double>(net_in[j]));
    v -= c[j] * static_cast<double>(in[j]);
  }
  return v;
}

TEST(Transfers, GreedyEqualsBruteForce) {
  int moved_somewhere = 0;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    Rng rng(seed);
    const std::size_t n = 3;
    std::vector<StoreParams> s(n);
    std::vector<double> y(n), c(n);
    std::vector<std::int64_t> movable(n);
    std::vector<char> eligible(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
      s[i] = {2.0 + 6.0 * rng.Uniform(), 0.5 + 2.0 * rng.Uniform(), 0.1 + 0.5 * rng.Uniform(),
              1.0 + 9.0 * rng.Uniform()};
      y[i] = static_cast<double>(rng.Below(12));
      c[i] = rng.Uniform() < 0.3 ? 0.0 : 2.0 * rng.Uniform();
      movable[i] = std::min<std::int64_t>(static_cast<std::int64_t>(y[i]), 3);
    }
    if (seed % 7 == 0) eligible[seed % n] = 0;
    // Brute force over q[i][j] in 0..3 for i != j.
    std::vector<std::int64_t> q(n * n, 0);
    double best = 0.0;
    std::function<void(std::size_t)> rec = [&](std::size_t k) {
      if (k == n * n) {
        std::vector<std::int64_t> net_in(n, 0), in(n, 0), out(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t j = 0; j < n; ++j) {
            net_in[j] += q[i * n + j];
            net_in[i] -= q[i * n + j];
            in[j] += q[i * n + j];
            out[i] += q[i * n + j];
          }
        }
        for (std::size_t i = 0; i < n; ++i) {
          if (out[i] > movable[i]) return;
          if (!eligible[i] && (in[i] > 0 || out[i] > 0)) return;
        }
        best = std::max(best, Value(s, y, c, net_in, in));
        return;
      }
      const std::size_t i = k / n, j = k % n;
      for (std::int64_t v = 0; v <= (i == j ? 0 : 3); ++v) {
        q[k] = v;
        rec(k + 1);
      }
      q[k] = 0;
    };
    rec(0);
    const std::vector<Transfer> plan = PlanTransfers(s, y, movable, c, eligible);
    std::vector<std::int64_t> net_in(n, 0), in(n, 0), out(n, 0);
    for (const Transfer& t : plan) {
      ASSERT_NE(t.from, t.to);
      net_in[t.to] += t.quantity;
      net_in[t.from] -= t.quantity;
      in[t.to] += t.quantity;
      out[t.from] += t.quantity;
    }
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_LE(out[i], movable[i]) << seed;
      if (!eligible[i]) {
        EXPECT_EQ(in[i] + out[i], 0) << seed;
      }
    }
    moved_somewhere += !plan.empty();
    EXPECT_NEAR(Value(s, y, c, net_in, in), best, 1e-9) << "seed " << seed;
  }
  EXPECT_GT(moved_somewhere, 20);
}

}  // namespace
}  // namespace invplan::network
