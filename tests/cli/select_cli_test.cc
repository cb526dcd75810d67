// `invplan forecast --select` and `--combine`: auto's model for smooth/erratic
// SKUs, recorded per SKU in the artifact.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

// Monthly: A smooth and seasonal, B intermittent.
std::string SmoothAndIntermittentSales() {
  std::string s = "date,sku,quantity\n";
  for (int t = 0; t < 48; ++t) {
    char date[48];
    std::snprintf(date, sizeof date, "%04d-%02d-01", 2020 + t / 12, t % 12 + 1);
    const double smooth = 100 + t + 20 * std::sin(2 * M_PI * t / 12) + 7 * std::cos(1.3 * t * t);
    s += std::string(date) + ",A," + std::to_string(smooth) + "\n";
    s += std::string(date) + ",B," + std::to_string(t % 4 == 1 ? 2 + t % 3 : 0) + "\n";
  }
  return s;
}

nlohmann::ordered_json Forecast(const std::string& options, TempDir* dir) {
  const std::string in = dir->Write("sales.csv", SmoothAndIntermittentSales());
  const std::string out = dir->File("fc.json");
  auto r = RunInvplan("forecast -i " + in + " --freq M -H 6 -q " + options + " -o " + out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::ordered_json::parse(testing::ReadFile(out));
}

// --select auto (the default) on monthly data: the combination.
TEST(SelectCli, DefaultIsTheCombinationRecordedPerSku) {
  TempDir dir;
  const auto doc = Forecast("", &dir);
  EXPECT_EQ(doc["config"]["select"], "auto");
  EXPECT_EQ(doc["config"]["combine"], "mean");
  const auto& s = doc["series"][0];
  ASSERT_EQ(s["sku"], "A");
  EXPECT_EQ(s["model"]["name"], "combo");
  EXPECT_EQ(s["model"]["selection"]["method"], "combo");
  EXPECT_EQ(s["model"]["selection"]["selected"], "combo");
  // Intermittent SKUs keep Croston/TSB: no selection.
  const auto& i = doc["series"][1];
  ASSERT_EQ(i["sku"], "B");
  EXPECT_EQ(i["model"]["name"], "croston");
  EXPECT_FALSE(i["model"].contains("selection"));
}

TEST(SelectCli, BacktestRecordsTheSelectedModelAndItsScores) {
  TempDir dir;
  const auto doc = Forecast("--select backtest", &dir);
  const auto& sel = doc["series"][0]["model"]["selection"];
  EXPECT_EQ(sel["method"], "backtest");
  EXPECT_EQ(sel["origins"], 3);
  EXPECT_EQ(sel["holdout"], 6);
  const std::set<std::string> names{"arima", "ets", "theta", "combo"};
  ASSERT_TRUE(names.count(sel["selected"].get<std::string>())) << sel.dump();
  EXPECT_EQ(doc["series"][0]["model"]["name"], sel["selected"]);
  double best = 1e300;
  for (const auto& n : names) {
    ASSERT_TRUE(sel["scores"][n].is_number()) << n;
    best = std::min(best, sel["scores"][n].get<double>());
  }
  EXPECT_NEAR(sel["scores"][sel["selected"].get<std::string>()].get<double>(), best, 1e-9 * best);
}

TEST(SelectCli, AiccAndMedianCombination) {
  TempDir dir;
  auto doc = Forecast("--select aicc", &dir);
  EXPECT_EQ(doc["series"][0]["model"]["name"], "ets");
  EXPECT_EQ(doc["series"][0]["model"]["selection"]["selected"], "ets");
  doc = Forecast("--combine median", &dir);
  EXPECT_EQ(doc["series"][0]["model"]["combination"], "median of means and of standard errors");
  doc = Forecast("--model combo --combine median", &dir);
  EXPECT_EQ(doc["series"][0]["model"]["name"], "combo");
  EXPECT_EQ(doc["series"][0]["model"]["spec"].get<std::string>().rfind("Median of ", 0), 0u);
}

// --theta-method: the model of Fiorucci et al. chosen per SKU is recorded, in
// --model theta and inside the combination.
TEST(SelectCli, ThetaMethodIsRecordedPerSku) {
  TempDir dir;
  auto doc = Forecast("--model theta --theta-method auto", &dir);
  EXPECT_EQ(doc["config"]["theta-method"], "auto");
  const auto& m = doc["series"][0]["model"];
  EXPECT_EQ(m["method"], "auto");
  const std::set<std::string> names{"STM", "OTM", "DSTM", "DOTM"};
  ASSERT_TRUE(names.count(m["model"].get<std::string>())) << m.dump();
  EXPECT_EQ(m["candidates_mse"].size(), 4u);
  EXPECT_EQ(m["spec"].get<std::string>().rfind("Theta-" + m["model"].get<std::string>(), 0), 0u);
  doc = Forecast("--model combo --theta-method dynamic-optimised", &dir);
  const std::string spec = doc["series"][0]["model"]["spec"].get<std::string>();
  EXPECT_NE(spec.find("Theta-DOTM"), std::string::npos) << spec;
}

// --model ces end to end: the fitted type, parameters, states and AICc are
// in the model object; intervals around the mean.
TEST(SelectCli, CesForecastsRecordTheFittedType) {
  TempDir dir;
  const auto doc = Forecast("--model ces", &dir);
  const auto& a = doc["series"][0];
  ASSERT_EQ(a["sku"], "A");
  const auto& model = a["model"];
  EXPECT_EQ(model["name"], "ces");
  const std::string type = model["type"];
  EXPECT_NE(std::string("NSPF").find(type), std::string::npos) << type;
  EXPECT_TRUE(model["candidates"].contains(type));
  EXPECT_TRUE(model["a0"].is_number());
  EXPECT_TRUE(model["a1"].is_number());
  EXPECT_TRUE(model["aicc"].is_number());
  // The level pair after the last period (S has only its lag-m pairs).
  EXPECT_TRUE(type == "S" ? model["states"]["seasonal_l"].is_array()
                          : model["states"]["l"].is_number());
  ASSERT_EQ(a["forecast"].size(), 6u);
  for (const auto& p : a["forecast"]) {
    EXPECT_LT(p["lo95"].get<double>(), p["mean"].get<double>());
    EXPECT_GT(p["hi95"].get<double>(), p["mean"].get<double>());
  }
  // Intermittent B keeps its own model: --model ces fits every SKU with CES.
  EXPECT_EQ(doc["series"][1]["model"]["name"], "ces");
}

// --combo-members: CES joins the combination, listed in the members.
TEST(SelectCli, ComboMembersIncludeCes) {
  TempDir dir;
  const auto doc = Forecast("--model combo --combo-members arima,ets,theta,ces", &dir);
  EXPECT_EQ(doc["config"]["combo-members"], "arima,ets,theta,ces");
  const auto& members = doc["series"][0]["model"]["members"];
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(members[3].get<std::string>().rfind("CES(", 0), 0u) << members;
}

TEST(SelectCli, UnknownValuesAreUsageErrors) {
  TempDir dir;
  const std::string in = dir.Write("sales.csv", SmoothAndIntermittentSales());
  auto r = RunInvplan("forecast -i " + in + " --select best -o " + dir.File("x.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--select"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + in + " --combine mode -o " + dir.File("x.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--combine"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + in + " --theta-method optimized -o " + dir.File("x.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--theta-method"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + in + " --combo-members arima,ses -o " + dir.File("x.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--combo-members: unknown member \"ses\""), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + in + " --combo-members ets,ets -o " + dir.File("x.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"ets\" is given twice"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + in + " --model arima --combo-members arima,ces -o " +
                 dir.File("x.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--combo-members applies to --model combo and auto"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::ifstream(dir.File("x.json")).good());
}

}  // namespace
}  // namespace invplan
