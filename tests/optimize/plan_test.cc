// Demand expectations, plan-mode candidate values and the stage function.
#include <gtest/gtest.h>

#include <cmath>

#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/optimize.h"
#include "optimize/demand.h"
#include "optimize/problem.h"
#include "test_util.h"

namespace invplan::optimize {
namespace {

using invplan::testing::TempDir;

double PoissonPmf(double mu, int k) {
  return std::exp(-mu + k * std::log(mu) - std::lgamma(k + 1.0));
}

TEST(Demand, PoissonExpectedSalesMatchesDirectSum) {
  DemandCurve d(4.5, 4.5, 40);
  EXPECT_FALSE(d.negative_binomial());
  for (double y : {0.0, 1.0, 3.0, 7.0, 20.0}) {
    double direct = 0;
    for (int k = 0; k < 200; ++k) direct += PoissonPmf(4.5, k) * std::min<double>(k, y);
    EXPECT_NEAR(d.ExpectedSales(y), direct, 1e-12) << y;
  }
  // Linear between whole numbers.
  EXPECT_NEAR(d.ExpectedSales(2.5), 0.5 * (d.ExpectedSales(2) + d.ExpectedSales(3)), 1e-12);
  EXPECT_NEAR(d.ExpectedSales(1000), 4.5, 1e-9);
}

TEST(Demand, NegativeBinomialHasTheRequestedMeanAndVariance) {
  const double mu = 12, var = 40;
  DemandCurve d(mu, var, 400);
  EXPECT_TRUE(d.negative_binomial());
  // P(D > k) = S(k+1) - S(k); recover the pmf and its moments.
  double mean = 0, second = 0, prev_tail = 1;
  for (int k = 0; k < 400; ++k) {
    double tail = d.ExpectedSales(k + 1) - d.ExpectedSales(k);
    double p = prev_tail - tail;
    mean += k * p;
    second += double(k) * k * p;
    prev_tail = tail;
  }
  EXPECT_NEAR(mean, mu, 1e-6);
  EXPECT_NEAR(second - mean * mean, var, 1e-4);
}

TEST(Demand, LargeMeansDoNotUnderflow) {
  DemandCurve d(50000, 80000, 60000);
  EXPECT_NEAR(d.ExpectedSales(60000), 50000, 1e-3);
  EXPECT_GT(d.ExpectedSales(50000), 49800);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(NormalQuantile(0.9), 1.2815515655446004, 1e-12);
}

// A forecast of constant means with Poisson-like intervals (no levels: spread
// sqrt(mean)).
// With `interval`, every point has an 80 % interval [lo, hi].
std::string ForecastJson(const std::vector<std::pair<std::string, double>>& skus, int horizon,
                         const std::pair<double, double>* interval = nullptr) {
  RunInfo run;
  Json doc = MakeEnvelope(kForecastFormat, kForecastSchema, run);
  doc["frequency"] = "D";
  doc["horizon"] = horizon;
  const std::vector<double> levels = interval ? std::vector<double>{80.0} : std::vector<double>{};
  doc["levels"] = levels;
  doc["clipped_at_zero"] = true;
  Json series = Json::array();
  std::int64_t start;
  ParseIsoDay("2024-02-01", &start);
  for (const auto& [sku, mean] : skus) {
    SeriesForecast s;
    s.sku = sku;
    s.model_name = "test";
    s.history_end = start - 1;
    for (int t = 0; t < horizon; ++t) {
      ForecastPoint p;
      p.period = start + t;
      p.mean = mean;
      if (interval) {
        p.lo = {interval->first};
        p.hi = {interval->second};
      }
      s.points.push_back(p);
    }
    series.push_back(SeriesForecastToJson(s, Frequency::kDay, levels));
  }
  doc["series"] = series;
  return doc.dump();
}

TEST(PlanProblem, CandidateValuesFollowTheFormula) {
  TempDir dir;
  OptimizeOptions o;
  o.forecast_path = dir.Write("f.json", ForecastJson({{"A", 2.0}, {"Z", 1.0}}, 5));
  o.items_path =
      dir.Write("items.csv",
                "sku,unit_cost,price,holding_cost,pack_size,moq,max_qty,lead_time,volume,"
                "supplier,on_hand,on_order\n"
                "A,3,10,0.5,2,4,12,2,1.5,ACME,1,1\n"
                "B,1,2,0,1,0,,0,0,,0,0\n");
  o.shortage_penalty = 1.0;
  RunContext run;
  Problem p = BuildPlanProblem(o, run);
  ASSERT_EQ(p.model.groups.size(), 1u);
  EXPECT_EQ(p.unknown["items_without_forecast"], Json::array({"B"}));
  EXPECT_EQ(p.unknown["forecasts_without_item"], Json::array({"Z"}));
  // lead time 2 + 1 review period: mean 6, Poisson; position 2.
  const Group& g = p.model.groups[0];
  std::vector<double> expect_q = {4, 6, 8, 10, 12};
  DemandCurve d(6, 6, 100);
  auto profit = [&](double y) {
    double s = d.ExpectedSales(y);
    return 10 * s - 0.5 * (y - s) - 1.0 * (6 - s);
  };
  int n = 0;
  for (int c = g.begin; c < g.end; ++c, ++n) {
    double q = expect_q[n];
    EXPECT_EQ(p.quantity[c], q);
    EXPECT_NEAR(p.model.value[c], profit(2 + q) - profit(2) - 3 * q, 1e-9);
    EXPECT_DOUBLE_EQ(p.cost[c], 3 * q);
    EXPECT_DOUBLE_EQ(p.volume[c], 1.5 * q);
    EXPECT_NEAR(p.fill_rate[c], d.ExpectedSales(2 + q) / 6, 1e-12);
  }
  // Values are concave: generation stops after the first decrease.
  EXPECT_GE(n, 2);
  EXPECT_NEAR(p.plan[0].demand_mean, 6, 1e-12);
  EXPECT_NEAR(p.plan[0].position, 2, 1e-12);
}

// A slow mover's count forecast: mean 0.3 a day, 80 % interval [0, 0]. The
// zero width says nothing about the spread, so demand is taken as Poisson; a
// real interval still sets the spread.
TEST(PlanProblem, ZeroWidthIntervalsGivePoissonSpread) {
  TempDir dir;
  const std::string items =
      "sku,unit_cost,price,holding_cost,pack_size,moq,max_qty,lead_time,volume,supplier,on_hand,"
      "on_order\nA,3,10,0.5,1,0,12,3,1,ACME,0,0\n";
  OptimizeOptions o;
  o.items_path = dir.Write("items.csv", items);
  const std::pair<double, double> zero{0.0, 0.0}, wide{0.0, 2.0};
  o.forecast_path = dir.Write("zero.json", ForecastJson({{"A", 0.3}}, 5, &zero));
  RunContext run;
  Problem p = BuildPlanProblem(o, run);
  ASSERT_EQ(p.plan.size(), 1u);
  EXPECT_NEAR(p.plan[0].demand_mean, 1.2, 1e-12);  // lead time 3 + 1 review period
  EXPECT_NEAR(p.plan[0].demand_sd, std::sqrt(1.2), 1e-12);
  o.forecast_path = dir.Write("wide.json", ForecastJson({{"A", 0.3}}, 5, &wide));
  p = BuildPlanProblem(o, run);
  const double sd = (2.0 - 0.3) / NormalQuantile(0.9);  // clipped at zero: upper half-width
  EXPECT_NEAR(p.plan[0].demand_sd, std::sqrt(4 * sd * sd), 1e-9);
}

TEST(PlanProblem, BadItemsAreClearErrors) {
  TempDir dir;
  OptimizeOptions o;
  o.forecast_path = dir.Write("f.json", ForecastJson({{"A", 2.0}}, 5));
  o.items_path = dir.Write("items.csv", "sku,unit_cost,price,pack_size\nA,3,10,0\n");
  RunContext run;
  try {
    BuildPlanProblem(o, run);
    FAIL() << "pack size 0 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("pack_size"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
  }
  o.items_path = dir.Write("items2.csv", "sku,unit_cost,price\nA,-3,10\n");
  EXPECT_THROW(BuildPlanProblem(o, run), Error);
}

TEST(RunOptimize, PlanModeRespectsBudgetAndIsOptimal) {
  TempDir dir;
  OptimizeOptions o;
  std::vector<std::pair<std::string, double>> skus;
  std::string items =
      "sku,unit_cost,price,holding_cost,pack_size,moq,lead_time,volume,supplier,on_hand\n";
  for (int i = 0; i < 25; ++i) {
    std::string sku = "S" + std::to_string(i);
    skus.emplace_back(sku, 1.0 + i % 7);
    items += sku + "," + std::to_string(2 + i % 5) + "," + std::to_string(6 + i % 4) + ",0.2," +
             std::to_string(1 + i % 3) + ",0," + std::to_string(1 + i % 4) + ",1," +
             (i % 2 ? "ACME" : "BOLT") + ",0\n";
  }
  o.forecast_path = dir.Write("f.json", ForecastJson(skus, 10));
  o.items_path = dir.Write("items.csv", items);
  o.budget = 150;
  o.capacity = 60;
  RunContext run;
  OptimizeResult mck = RunOptimize(o, run);
  o.solver = OptimizeSolver::kCbc;
  OptimizeResult cbc = RunOptimize(o, run);
  const Json& a = mck.artifact;
  EXPECT_EQ(a["status"], "optimal");
  EXPECT_EQ(a["format"], kOrdersFormat);
  EXPECT_LE(a["budget_used"].get<double>(), 150 + 1e-9);
  EXPECT_LE(a["capacity_used"].get<double>(), 60 + 1e-9);
  EXPECT_GT(a["lines"].size(), 0u);
  EXPECT_NEAR(a["objective"].get<double>(), cbc.artifact["objective"].get<double>(), 1e-7);
  EXPECT_EQ(a["gap"].get<double>(), 0.0);
  for (const auto& l : a["lines"]) {
    EXPECT_GT(l["fill_rate"].get<double>(), 0.0);
    EXPECT_LE(l["fill_rate"].get<double>(), 1.0);
  }
}

TEST(RunOptimize, UnreachableSupplierMinimumWithMinQtyIsInfeasible) {
  TempDir dir;
  OptimizeOptions o;
  o.forecast_path = dir.Write("f.json", ForecastJson({{"A", 3.0}, {"B", 3.0}}, 5));
  o.items_path =
      dir.Write("items.csv", "sku,unit_cost,price,supplier,min_qty\nA,2,5,ACME,2\nB,2,5,BOLT,0\n");
  o.supplier_min_path = dir.Write("min.csv", "supplier,min_value\nACME,500\nBOLT,1\n");
  o.budget = 100;
  o.output = dir.File("orders.json");
  RunContext run;
  try {
    RunOptimize(o, run);
    FAIL() << "infeasible plan accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("ACME"), std::string::npos) << e.what();
  }
  Json doc = Json::parse(invplan::testing::ReadFile(o.output));
  EXPECT_EQ(doc["status"], "infeasible");
  EXPECT_NE(doc["reason"].get<std::string>().find("min_qty"), std::string::npos);
}

}  // namespace
}  // namespace invplan::optimize
