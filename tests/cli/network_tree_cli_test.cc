// `invplan network` on networks deeper than two echelons: a serial chain
// reproduces Snyder & Shen's example 6.1 (Chen–Zheng, exact), and a
// supplier -> regional DC -> DCs -> stores tree plans with the recursive
// balance decomposition.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/forecast_artifact.h"
#include "invplan/panel.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

// A forecast artifact with normal demand N(mean, sd^2) per day at each store
// (a normal of Box-Cox(1) y = y - 1: a normal without a transform would be
// read as counts, variance at least the mean).
std::string TreeForecast(const TempDir& dir, const std::vector<std::string>& stores, double mean,
                         double sd) {
  RunInfo run;
  Json doc = MakeEnvelope(kForecastFormat, kForecastSchema, run);
  doc["frequency"] = "D";
  doc["horizon"] = 14;
  doc["levels"] = Json::array();
  doc["clipped_at_zero"] = false;
  Json series = Json::array();
  for (const std::string& store : stores) {
    SeriesForecast f;
    f.sku = "X";
    f.location = store;
    f.model_name = "test";
    f.history_end = 20000;
    for (int t = 0; t < 14; ++t) {
      ForecastPoint p;
      p.period = 20001 + t;
      p.mean = mean;
      p.distribution.family = DistributionFamily::kNormal;
      p.distribution.mu = mean - 1.0;
      p.distribution.sigma = sd;
      p.distribution.transform = "boxcox:1";
      f.points.push_back(p);
    }
    series.push_back(SeriesForecastToJson(f, Frequency::kDay, {}));
  }
  doc["series"] = series;
  return dir.Write("forecast.json", doc.dump());
}

double EchelonAt(const Json& doc, const std::string& location) {
  for (const Json& l : doc["skus"][0]["levels"]) {
    if (l["location"] == location) return l["echelon_base_stock"].get<double>();
  }
  ADD_FAILURE() << "no level at " << location;
  return NAN;
}

TEST(NetworkTreeCli, SerialChainReproducesSnyderShenExample61) {
  // Example 6.1: demand N(5, 1) per period; lead times 1, 1, 2 (stage 1 is the
  // store: its exposure is lead time 0 + the review period); echelon holding
  // costs 3, 2, 2 (local 7, 4, 2); stockout cost 37.12 = s/(1-s) x 7.
  TempDir dir;
  const std::string net = dir.Write("chain.csv",
                                    "location,parent,lead_time,holding_cost\n"
                                    "RDC,FACTORY,2,2\n"
                                    "DC,RDC,1,4\n"
                                    "STORE,DC,0,7\n");
  const std::string out = dir.File("plan.json");
  const auto r = RunInvplan("network --network " + net + " --forecast " +
                            TreeForecast(dir, {"STORE"}, 5.0, 1.0) +
                            " --service-level 0.841341795104261 -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(testing::ReadFile(out));
  // Published S* = (6.49, 12.02, 22.71); Chen–Zheng's exact recursion gives
  // (6.4909, 12.0176, 22.7055) (tests/network/serial_ssm_test.cc).
  EXPECT_NEAR(EchelonAt(doc, "STORE"), 6.4909, 5e-4);
  EXPECT_NEAR(EchelonAt(doc, "DC"), 12.0176, 5e-4);
  EXPECT_NEAR(EchelonAt(doc, "RDC"), 22.7055, 5e-4);
  // With nothing in stock only the root buys (its echelon level, whole units).
  ASSERT_EQ(doc["lines"].size(), 1u);
  EXPECT_EQ(doc["lines"][0]["from"], "FACTORY");
  EXPECT_EQ(doc["lines"][0]["to"], "RDC");
  EXPECT_EQ(doc["lines"][0]["quantity"], 23);
}

TEST(NetworkTreeCli, ThreeEchelonTreeShipsDownEveryLevel) {
  TempDir dir;
  const std::string net = dir.Write("tree.csv",
                                    "location,parent,lead_time,holding_cost\n"
                                    "RDC,ACME,7,0.01\n"
                                    "DC1,RDC,3,0.02\n"
                                    "DC2,RDC,2,0.02\n"
                                    "S1,DC1,1,0.05\n"
                                    "S2,DC1,1,0.05\n"
                                    "S3,DC2,1,0.05\n");
  const std::string stock = dir.Write("stock.csv",
                                      "sku,location,on_hand,on_order\n"
                                      "X,RDC,100,0\n"
                                      "X,DC1,5,0\n");
  const std::string out = dir.File("plan.json");
  const auto r = RunInvplan("network --network " + net + " --forecast " +
                            TreeForecast(dir, {"S1", "S2", "S3"}, 10.0, 3.0) + " --stock " + stock +
                            " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(testing::ReadFile(out));
  // Echelon levels nest: each location's covers everything below it.
  const double s1 = EchelonAt(doc, "S1"), s2 = EchelonAt(doc, "S2"), s3 = EchelonAt(doc, "S3");
  const double dc1 = EchelonAt(doc, "DC1"), dc2 = EchelonAt(doc, "DC2");
  EXPECT_GT(dc1, s1 + s2 + 3 * 20.0 * 0.5);  // DC1's 3 days of demand (60) on top, roughly
  EXPECT_GT(dc2, s3 + 2 * 10.0 * 0.5);
  EXPECT_GT(EchelonAt(doc, "RDC"), dc1 + dc2 + 7 * 30.0 * 0.5);
  // S1 and S2 are alike: the same level.
  EXPECT_NEAR(s1, s2, 1e-9);
  long to_dc1 = 0, to_dc2 = 0, purchases = 0, to_stores_from_dc1 = 0;
  for (const Json& l : doc["lines"]) {
    const long q = l["quantity"].get<long>();
    if (l["kind"] == "purchase") {
      EXPECT_EQ(l["to"], "RDC");
      ++purchases;
    } else if (l["from"] == "RDC") {
      (l["to"] == "DC1" ? to_dc1 : to_dc2) += q;
    } else if (l["from"] == "DC1") {
      to_stores_from_dc1 += q;
    }
  }
  EXPECT_EQ(purchases, 1);
  EXPECT_GT(to_dc1, 0);
  EXPECT_GT(to_dc2, 0);
  EXPECT_LE(to_dc1 + to_dc2, 100);
  EXPECT_EQ(to_stores_from_dc1, 5);  // DC1 ships what it holds, no more
  // The simulation covers two echelons only: a clear input error.
  const auto sim =
      RunInvplan("network --network " + net + " --forecast " + dir.File("forecast.json") +
                 " --simulate 30 -o " + dir.File("sim.json"));
  EXPECT_EQ(sim.exit_code, 3);
  EXPECT_NE(sim.err.find("tree.csv:5: location 'S1' is 3 echelons below its supplier"),
            std::string::npos)
      << sim.err;
}

}  // namespace
}  // namespace invplan
