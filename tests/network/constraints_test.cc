// Purchase constraints of the network plan: optimize's SelectOrders against
// brute force on small instances, and the stage's lines under a budget, a DC
// capacity and supplier minimums.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "invplan/optimize.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

// The best objective over every choice per group (none included), -inf when no
// combination meets the rows and the minimums.
double BruteForce(const OrderSelection& s, const std::map<std::string, double>& minimum) {
  const std::size_t n = s.groups.size();
  std::vector<int> pick(n, -1);
  double best = -INFINITY;
  while (true) {
    std::vector<double> used(s.rhs.size(), 0.0);
    std::map<std::string, double> spend;
    double value = 0.0;
    for (std::size_t g = 0; g < n; ++g) {
      if (pick[g] < 0) continue;
      const OrderChoice& c = s.groups[g].choices[static_cast<std::size_t>(pick[g])];
      value += c.value;
      for (std::size_t k = 0; k < used.size(); ++k) used[k] += c.weights[k];
      spend[s.groups[g].supplier] += c.cost;
    }
    bool ok = true;
    for (std::size_t k = 0; k < used.size(); ++k) ok = ok && used[k] <= s.rhs[k] + 1e-9;
    for (const auto& [sup, v] : spend) {
      const auto m = minimum.find(sup);
      if (m != minimum.end() && v > 0 && v < m->second - 1e-9) ok = false;
    }
    if (ok) best = std::max(best, value);
    std::size_t g = 0;
    while (g < n && ++pick[g] == static_cast<int>(s.groups[g].choices.size())) pick[g++] = -1;
    if (g == n) break;
  }
  return best;
}

TEST(NetworkConstraints, SelectOrdersEqualsBruteForce) {
  TempDir dir;
  const std::map<std::string, double> minimum = {{"ACME", 40.0}, {"BOLT", 25.0}};
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  int constrained = 0;
  for (int trial = 0; trial < 150; ++trial) {
    OrderSelection s;
    s.row_names = {"budget", "capacity DC"};
    s.rhs = {20.0 + 60.0 * u(rng), 10.0 + 30.0 * u(rng)};
    if (trial % 2 == 0)
      s.supplier_min_path = dir.Write("min.csv", "supplier,min_value\nACME,40\nBOLT,25\n");
    const int groups = 2 + static_cast<int>(u(rng) * 4);  // 2..5
    for (int g = 0; g < groups; ++g) {
      OrderGroup gr;
      gr.name = "G" + std::to_string(g);
      gr.supplier = u(rng) < 0.5 ? "ACME" : "BOLT";
      const int choices = 1 + static_cast<int>(u(rng) * 4);
      double q = 0.0, v = 0.0;
      const double unit = 0.5 + 2.0 * u(rng);
      for (int c = 0; c < choices; ++c) {
        q += 1.0 + std::floor(8.0 * u(rng));
        v += 10.0 * u(rng);
        const bool at_dc = g % 2 == 0;
        gr.choices.push_back({q, q * unit, v, {q * unit, at_dc ? q : 0.0}});
      }
      gr.wanted = choices - 1;
      s.groups.push_back(gr);
    }
    const std::map<std::string, double> none;
    const double expect = BruteForce(s, s.supplier_min_path.empty() ? none : minimum);
    const OrderSelectionResult r = SelectOrders(s, nullptr);
    ASSERT_EQ(r.status, "optimal") << trial << ": " << r.reason;
    EXPECT_NEAR(r.objective, expect, 1e-7 * std::max(1.0, std::fabs(expect))) << trial;
    // The chosen lines add up to the objective and keep within the rows.
    double value = 0.0, budget = 0.0;
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      if (r.chosen[g] < 0) continue;
      const OrderChoice& c = s.groups[g].choices[static_cast<std::size_t>(r.chosen[g])];
      value += c.value;
      budget += c.weights[0];
    }
    EXPECT_NEAR(value, r.objective, 1e-7 * std::max(1.0, value)) << trial;
    EXPECT_LE(budget, s.rhs[0] + 1e-9) << trial;
    constrained += !r.not_ordered.empty();
    for (const auto& no : r.not_ordered) EXPECT_FALSE(no["reasons"].empty()) << no;
  }
  // The instances are tight enough that most leave something out.
  EXPECT_GT(constrained, 75);
}

}  // namespace
}  // namespace invplan
