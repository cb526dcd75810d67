// End-to-end tests of nightly updates (`invplan forecast --update-from`):
// which SKUs are updated or refitted and why, that an update of a model
// without parameters to choose equals a full run, and the exit codes of
// unusable earlier artifacts.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

// Daily sales through day `days` (from 2024-01-01): A smooth and weekly, B
// intermittent, C all zeros; `bump`: day index whose A value is changed.
std::string UpdateSales(int days, int bump = -1) {
  std::string s = "date,sku,quantity\n";
  for (int t = 0; t < days; ++t) {
    char date[40];
    const int month = t < 31 ? 1 : (t < 60 ? 2 : 3),
              day = t < 31 ? t + 1 : (t < 60 ? t - 30 : t - 59);
    std::snprintf(date, sizeof date, "2024-%02d-%02d", month, day);
    double a = 40 + 8 * std::sin(2 * M_PI * t / 7) + 3 * std::cos(1.7 * t * t);
    if (t == bump) a += 5;
    s += std::string(date) + ",A," + std::to_string(a) + "\n";
    s += std::string(date) + ",B," + std::to_string(t % 5 == 2 ? 1 + t % 3 : 0) + "\n";
    s += std::string(date) + ",C,0\n";
  }
  return s;
}

nlohmann::json LoadUpdateArtifact(const std::string& path) {
  return nlohmann::json::parse(testing::ReadFile(path));
}

std::map<std::string, nlohmann::json> BySku(const nlohmann::json& doc) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& s : doc["series"]) out[s["sku"].get<std::string>()] = s;
  return out;
}

struct Nights {
  TempDir dir;
  std::string first, second;
  // Night 0 through day 80, night 1 through day 82 from night 0's artifact.
  void Run(const std::string& options, const std::string& second_sales,
           const std::string& second_options = "") {
    first = dir.File("night0.json");
    second = dir.File("night1.json");
    auto r0 = RunInvplan("forecast -i " + dir.Write("s0.csv", UpdateSales(80)) +
                         " --freq D -H 14 " + options + " -o " + first);
    ASSERT_EQ(r0.exit_code, 0) << r0.err;
    auto r1 =
        RunInvplan("forecast -i " + dir.Write("s1.csv", second_sales) + " --freq D -H 14 " +
                   options + " " + second_options + " --update-from " + first + " -o " + second);
    ASSERT_EQ(r1.exit_code, 0) << r1.err;
  }
};

TEST(UpdateCli, FitFieldsOfAFullRunAndAnUpdate) {
  Nights n;
  // Daily data: auto's smooth SKU A gets ARIMA (--select auto), whose state is continued.
  n.Run("", UpdateSales(82));
  auto night0 = BySku(LoadUpdateArtifact(n.first));
  for (const auto& [sku, s] : night0) {
    EXPECT_EQ(s["fit"], "refit") << sku;
    EXPECT_EQ(s["fit_reason"], "full_run") << sku;
    EXPECT_EQ(s["fitted_through"], "2024-03-20") << sku;
    EXPECT_EQ(s["history_start"], "2024-01-01") << sku;
    EXPECT_EQ(s["history_checksum"].get<std::string>().size(), 16u) << sku;
  }
  EXPECT_TRUE(night0["A"]["model"]["state"]["filter"].is_object());
  EXPECT_TRUE(night0["B"]["model"]["state"].contains("since"));
  auto night1 = BySku(LoadUpdateArtifact(n.second));
  EXPECT_EQ(night1["A"]["fit"], "updated");
  EXPECT_EQ(night1["A"]["fit_reason"], "history_extended");
  EXPECT_EQ(night1["A"]["fitted_through"], "2024-03-20");
  EXPECT_EQ(night1["A"]["history_end"], "2024-03-22");
  EXPECT_EQ(night1["A"]["one_step_test"]["periods"], 2);
  EXPECT_EQ(night1["A"]["model"]["spec"], night0["A"]["model"]["spec"]);
  EXPECT_EQ(night1["A"]["forecast"][0]["date"], "2024-03-23");
  EXPECT_EQ(night1["B"]["fit"], "updated");
  EXPECT_EQ(night1["B"]["model"]["alpha"], night0["B"]["model"]["alpha"]);
  // All zeros: the zero forecast has no state to continue.
  EXPECT_EQ(night1["C"]["fit"], "refit");
  EXPECT_EQ(night1["C"]["fit_reason"], "no_state");
}

TEST(UpdateCli, CesIsRefittedWithItsReason) {
  Nights n;
  n.Run("--model ces", UpdateSales(82));
  auto night1 = BySku(LoadUpdateArtifact(n.second));
  EXPECT_EQ(night1["A"]["model"]["name"], "ces");
  EXPECT_EQ(night1["A"]["fit"], "refit");
  EXPECT_EQ(night1["A"]["fit_reason"], "ces_refitted");
}

TEST(UpdateCli, TheCombinationIsRefitted) {
  Nights n;
  n.Run("--select combo", UpdateSales(82));
  auto night1 = BySku(LoadUpdateArtifact(n.second));
  EXPECT_EQ(night1["A"]["model"]["name"], "combo");
  EXPECT_EQ(night1["A"]["fit"], "refit");
  EXPECT_EQ(night1["A"]["fit_reason"], "no_state");
  EXPECT_EQ(night1["B"]["fit"], "updated");
}

TEST(UpdateCli, UpdateOfAModelWithoutParametersEqualsAFullRun) {
  for (const char* model : {"naive", "snaive", "mean", "drift"}) {
    Nights n;
    n.Run(std::string("--model ") + model, UpdateSales(83), "--refit-after 0");
    TempDir dir;
    const std::string full = dir.File("full.json");
    auto r = RunInvplan("forecast -i " + dir.Write("s.csv", UpdateSales(83)) +
                        " --freq D -H 14 --model " + model + " -o " + full);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto updated = BySku(LoadUpdateArtifact(n.second)), refit = BySku(LoadUpdateArtifact(full));
    for (const char* sku : {"A", "B"}) {
      SCOPED_TRACE(std::string(model) + " " + sku);
      const auto& u = updated[sku];
      const auto& f = refit[sku];
      if (u["fit"] != "updated") {
        // Only the set test may refit; then both are full fits.
        EXPECT_EQ(u["fit_reason"], "one_step_errors");
      }
      ASSERT_EQ(u["forecast"].size(), f["forecast"].size());
      for (std::size_t i = 0; i < f["forecast"].size(); ++i) {
        for (const char* key : {"mean", "lo80", "hi95"}) {
          const double a = u["forecast"][i][key].get<double>(),
                       b = f["forecast"][i][key].get<double>();
          EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::abs(b))) << key << " step " << i;
        }
      }
    }
  }
}

TEST(UpdateCli, EveryContinuableModelUpdatesThroughTheArtifact) {
  // The state of each family survives the artifact and continues: updated,
  // or refitted only by the one-step test.
  for (const char* model : {"arima", "ets", "theta", "theta --theta-method dynamic-optimised",
                            "theta --theta-method optimised", "croston", "tsb"}) {
    Nights n;
    n.Run(std::string("--model ") + model, UpdateSales(82));
    auto night1 = BySku(LoadUpdateArtifact(n.second));
    int updated = 0;
    for (const char* sku : {"A", "B"}) {
      SCOPED_TRACE(std::string(model) + " " + sku);
      const auto& s = night1[sku];
      if (s["fit"] == "updated") {
        ++updated;
        auto night0 = BySku(LoadUpdateArtifact(n.first));
        EXPECT_EQ(s["model"]["name"], night0[sku]["model"]["name"]);
        EXPECT_EQ(s["model"]["spec"], night0[sku]["model"]["spec"]);
      } else {
        EXPECT_EQ(s["fit_reason"], "one_step_errors");
      }
    }
    EXPECT_GE(updated, 1) << model;
  }
}

TEST(UpdateCli, AHistoryChangedBeforeYesterdaysEndRefits) {
  Nights n;
  n.Run("", UpdateSales(82, 50));  // day 50 of A differs from night 0's data
  auto night1 = BySku(LoadUpdateArtifact(n.second));
  EXPECT_EQ(night1["A"]["fit"], "refit");
  EXPECT_EQ(night1["A"]["fit_reason"], "history_changed");
  EXPECT_EQ(night1["A"]["fitted_through"], "2024-03-22");
  EXPECT_EQ(night1["B"]["fit"], "updated");
}

TEST(UpdateCli, RefitAfterAndNewSkus) {
  Nights n;
  std::string sales = UpdateSales(82);
  sales += "2024-03-22,D,5\n2024-03-21,D,4\n2024-03-20,D,6\n2024-03-19,D,5\n";
  n.Run("", sales, "--refit-after 1");
  auto night1 = BySku(LoadUpdateArtifact(n.second));
  EXPECT_EQ(night1["A"]["fit_reason"], "model_age");
  EXPECT_EQ(night1["B"]["fit_reason"], "model_age");
  EXPECT_EQ(night1["D"]["fit"], "refit");
  EXPECT_EQ(night1["D"]["fit_reason"], "new_sku");
}

TEST(UpdateCli, AnotherFitConfigurationRefitsEverySku) {
  Nights n;
  n.Run("", UpdateSales(82), "--croston classic");
  auto doc = LoadUpdateArtifact(n.second);
  EXPECT_EQ(doc["fit_config"]["croston"], "classic");
  EXPECT_EQ(LoadUpdateArtifact(n.first)["fit_config"]["croston"], "sba");
  for (const auto& s : doc["series"]) {
    EXPECT_EQ(s["fit"], "refit");
    EXPECT_EQ(s["fit_reason"], "config_changed");
  }
}

TEST(UpdateCli, AnArtifactWithoutStateRefitsEverySku) {
  // An artifact written before models recorded their state is still read
  // (and rewritten here with its keys sorted).
  TempDir dir;
  const std::string sales = dir.Write("s.csv", UpdateSales(60));
  const std::string first = dir.File("f.json");
  ASSERT_EQ(RunInvplan("forecast -i " + sales + " --freq D -o " + first).exit_code, 0);
  auto doc = LoadUpdateArtifact(first);
  for (auto& s : doc["series"]) {
    for (const char* key :
         {"history_start", "history_checksum", "fitted_through", "fit", "fit_reason"})
      s.erase(key);
    s["model"].erase("state");
  }
  const std::string old = dir.Write("old.json", doc.dump());
  const std::string out = dir.File("o.json");
  auto r = RunInvplan("forecast -i " + sales + " --freq D --update-from " + old + " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto updated = LoadUpdateArtifact(out);
  for (const auto& s : updated["series"]) {
    EXPECT_EQ(s["fit"], "refit");
    EXPECT_EQ(s["fit_reason"], "no_state");
  }
}

TEST(UpdateCli, UnusableEarlierArtifactsExit4) {
  TempDir dir;
  const std::string sales = dir.Write("s.csv", UpdateSales(60));
  const std::string first = dir.File("f.json");
  ASSERT_EQ(RunInvplan("forecast -i " + sales + " --freq D --model naive -o " + first).exit_code,
            0);
  auto doc = LoadUpdateArtifact(first);
  doc["schema_version"] = 99;
  const std::string newer = dir.Write("newer.json", doc.dump());
  auto r = RunInvplan("forecast -i " + sales + " --freq D --model naive --update-from " + newer +
                      " -o " + dir.File("o.json"));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("schema_version 99"), std::string::npos) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("o.json")));
  doc["schema_version"] = 3;
  doc["format"] = "invplan.anomalies";
  const std::string other = dir.Write("other.json", doc.dump());
  r = RunInvplan("forecast -i " + sales + " --freq D --model naive --update-from " + other +
                 " -o " + dir.File("o.json"));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("invplan.forecast"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + sales + " --freq D --update-from " + first + " --holdout 7 -o " +
                 dir.File("o.json"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace invplan
