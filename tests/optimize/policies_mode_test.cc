// Policies mode: tonight's candidates of each SKU's policy as purchase lines.
// Without binding constraints the plan is every SKU's recommended order; with a
// binding budget it is the brute-force optimum, and the SKUs left short say why.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "invplan/optimize.h"
#include "invplan/rl.h"
#include "test_util.h"

namespace invplan {
namespace {

using invplan::testing::TempDir;

struct Sku {
  std::string name, supplier;
  double unit_cost;
  std::vector<std::pair<double, double>> candidates;  // quantity, value (0 first)
};

std::vector<Sku> RandomSkus(int n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Sku> skus;
  for (int i = 0; i < n; ++i) {
    Sku s{"S" + std::to_string(i), i % 2 ? "ACME" : "CORA", 1.0 + 9.0 * u(rng), {{0.0, 0.0}}};
    // Concave values with a random peak, as a policy's candidates are.
    const double peak = 1 + std::floor(6 * u(rng)), slope = 2 + 10 * u(rng);
    for (int q = 1; q <= 8; ++q) {
      s.candidates.push_back({q * 5.0, slope * q * (2 * peak - q) / peak - 3 * u(rng)});
    }
    skus.push_back(std::move(s));
  }
  return skus;
}

double RecommendedOf(const Sku& s) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < s.candidates.size(); ++k) {
    if (s.candidates[k].second > s.candidates[best].second) best = k;
  }
  return s.candidates[best].first;
}

// Writes the policy artifact and the items master; returns {policies, items}.
std::pair<std::string, std::string> Write(const TempDir& dir, const std::vector<Sku>& skus) {
  RunInfo run;
  Json doc = MakeEnvelope(kPolicyFormat, kPolicySchema, run);
  Json policies = Json::array();
  std::string items = "sku,unit_cost,price,volume,supplier\n";
  for (const Sku& s : skus) {
    Json c = Json::array();
    for (auto [q, v] : s.candidates) c.push_back({{"quantity", q}, {"value", v}});
    policies.push_back({{"sku", s.name},
                        {"status", "ok"},
                        {"today", {{"recommended", RecommendedOf(s)}, {"candidates", c}}}});
    items += s.name + "," + FormatDouble(s.unit_cost) + ",20,0.5," + s.supplier + "\n";
  }
  doc["policies"] = policies;
  const std::string path = dir.File("policies.json");
  WriteJsonArtifact(path, doc);
  return {path, dir.Write("items.csv", items)};
}

OptimizeResult Solve(const std::string& policies, const std::string& items,
                     std::optional<double> budget) {
  OptimizeOptions o;
  o.policies_path = policies;
  o.items_path = items;
  o.budget = budget;
  RunContext ctx;
  ctx.threads = 1;
  return RunOptimize(o, ctx);
}

TEST(PoliciesMode, WithoutConstraintsEverySkuGetsItsRecommendedOrder) {
  TempDir dir;
  const std::vector<Sku> skus = RandomSkus(30, 5);
  const auto [policies, items] = Write(dir, skus);
  const OptimizeResult r = Solve(policies, items, std::nullopt);
  EXPECT_EQ(r.artifact["mode"], "policies");
  std::map<std::string, double> ordered;
  for (const Json& l : r.artifact["lines"]) ordered[l["sku"]] = l["quantity"].get<double>();
  for (const Sku& s : skus) {
    const double want = RecommendedOf(s);
    EXPECT_EQ(ordered.count(s.name) ? ordered[s.name] : 0.0, want) << s.name;
  }
  EXPECT_TRUE(r.artifact["not_ordered"].empty());
  EXPECT_TRUE(r.artifact["binding"].empty());
}

// Every combination of one candidate per SKU, for small instances.
double BruteForce(const std::vector<Sku>& skus, double budget) {
  double best = 0.0;
  std::vector<std::size_t> pick(skus.size(), 0);
  while (true) {
    double cost = 0, value = 0;
    for (std::size_t i = 0; i < skus.size(); ++i) {
      cost += skus[i].candidates[pick[i]].first * skus[i].unit_cost;
      value += skus[i].candidates[pick[i]].second;
    }
    if (cost <= budget + 1e-9) best = std::max(best, value);
    std::size_t i = 0;
    while (i < skus.size() && ++pick[i] == skus[i].candidates.size()) pick[i++] = 0;
    if (i == skus.size()) return best;
  }
}

TEST(PoliciesMode, WithABindingBudgetTheValueIsTheBruteForceOptimum) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    TempDir dir;
    std::vector<Sku> skus = RandomSkus(5, seed);
    for (Sku& s : skus) s.candidates.resize(5);  // 5^5 combinations
    const auto [policies, items] = Write(dir, skus);
    double full = 0;
    for (const Sku& s : skus) full += RecommendedOf(s) * s.unit_cost;
    const double budget = 0.4 * full;
    const OptimizeResult r = Solve(policies, items, budget);
    EXPECT_NEAR(r.artifact["objective"].get<double>(), BruteForce(skus, budget), 1e-6)
        << "seed " << seed;
    ASSERT_FALSE(r.artifact["not_ordered"].empty()) << "seed " << seed;
    EXPECT_EQ(r.artifact["binding"], Json::array({"budget"})) << "seed " << seed;
    for (const Json& n : r.artifact["not_ordered"]) {
      EXPECT_LT(n["ordered"].get<double>(), n["wanted"].get<double>());
    }
  }
}

TEST(PoliciesMode, NeedsItemsAndRejectsAPolicyWithoutTonight) {
  TempDir dir;
  OptimizeOptions o;
  o.policies_path = dir.File("p.json");
  RunContext ctx;
  EXPECT_THROW(RunOptimize(o, ctx), Error);
  RunInfo run;
  Json doc = MakeEnvelope(kPolicyFormat, kPolicySchema, run);
  doc["policies"] = Json::array({{{"sku", "A"}, {"status", "ok"}}});
  WriteJsonArtifact(o.policies_path, doc);
  o.items_path = dir.Write("items.csv", "sku,unit_cost\nA,1\n");
  try {
    RunOptimize(o, ctx);
    FAIL() << "accepted a policy without 'today'";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find("today"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace invplan
