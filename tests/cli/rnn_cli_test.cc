// End-to-end tests of `invplan forecast --model rnn`: training, saving and
// loading the network, and the exit codes of its error cases.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

// Monthly, 48 periods, three seasonal SKUs.
std::string ThreeSeasonalSales() {
  std::string s = "date,sku,quantity\n";
  for (int t = 0; t < 48; ++t) {
    char date[48];
    std::snprintf(date, sizeof date, "%04d-%02d-01", 2020 + t / 12, t % 12 + 1);
    for (int k = 0; k < 3; ++k) {
      double q = std::round((20 + 10 * k) * (1 + 0.3 * std::sin(2 * M_PI * t / 12)) + t % 3);
      s += std::string(date) + ",S" + std::to_string(k) + "," + std::to_string(q) + "\n";
    }
  }
  return s;
}

const char* kSmall =
    " --freq M -H 3 --model rnn --hidden 4 --epochs 2 "
    "--batches-per-epoch 2 --batch 8 ";

TEST(RnnCli, TrainSaveLoad) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", ThreeSeasonalSales());
  std::string net = dir.File("net.json"), a = dir.File("a.json"), b = dir.File("b.json");
  auto r = RunInvplan("forecast -i " + in + kSmall + "--lookback 12 --cell lstm --save-model " +
                      net + " -o " + a);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("models: rnn 3"), std::string::npos) << r.err;
  auto model = nlohmann::ordered_json::parse(testing::ReadFile(net));
  EXPECT_EQ(model["format"], "invplan.rnn_model");
  EXPECT_EQ(model["settings"]["cell"], "lstm");
  EXPECT_EQ(model["settings"]["likelihood"], "negbin");  // auto, on whole counts
  EXPECT_EQ(model["schema_version"], 2);

  r = RunInvplan("forecast -i " + in + " --freq M --model rnn --load-model " + net + " -o " + b +
                 " --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto da = nlohmann::ordered_json::parse(testing::ReadFile(a));
  auto db = nlohmann::ordered_json::parse(testing::ReadFile(b));
  EXPECT_EQ(db["horizon"], 3);
  EXPECT_EQ(db["training"]["loaded_from"], net);
  ASSERT_EQ(da["series"].size(), 3u);
  EXPECT_EQ(da["series"][0]["model"]["spec"], "LSTM(4)x1 lookback 12 negbin");
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(da["series"][i]["forecast"], db["series"][i]["forecast"]);
  }
}

TEST(RnnCli, ExitCodes) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", ThreeSeasonalSales());
  std::string out = dir.File("out.json");
  // Not a model file: exit 4 (a CSV, then an artifact of another format).
  auto r =
      RunInvplan("forecast -i " + in + " --freq M --model rnn --load-model " + in + " -o " + out);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  std::string other =
      dir.Write("other.json", R"({"format": "invplan.forecast", "schema_version": 1})");
  r = RunInvplan("forecast -i " + in + " --freq M --model rnn --load-model " + other + " -o " +
                 out);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("invplan.rnn_model"), std::string::npos) << r.err;
  // A newer schema version: exit 4.
  std::string newer =
      dir.Write("newer.json", R"({"format": "invplan.rnn_model", "schema_version": 99})");
  r = RunInvplan("forecast -i " + in + " --freq M --model rnn --load-model " + newer + " -o " +
                 out);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  // A lookback longer than every series: usage error naming the lengths.
  r = RunInvplan("forecast -i " + in + kSmall + "--lookback 60 -o " + out);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("lookback 60"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("longest series has 48"), std::string::npos) << r.err;
  // Bad settings are refused before anything is read.
  EXPECT_EQ(RunInvplan("forecast -i " + in + kSmall + "--cell tcn -o " + out).exit_code, 2);
  EXPECT_EQ(RunInvplan("forecast -i " + in + kSmall + "--layers 3 -o " + out).exit_code, 2);
  EXPECT_EQ(RunInvplan("forecast -i " + in + kSmall + "--likelihood poisson -o " + out).exit_code,
            2);
  r = RunInvplan("forecast -i " + in + kSmall + "--lookback 6 -o " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("shorter than the season 12"), std::string::npos) << r.err;
  EXPECT_EQ(RunInvplan("forecast -i " + in + " --freq M --save-model x.json -o " + out).exit_code,
            2);
  EXPECT_FALSE(testing::Exists(out));
}

}  // namespace
}  // namespace invplan
