// `invplan detect` end to end: the built binary, its exit codes, messages,
// standard input/output and config files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace {

using Json = nlohmann::ordered_json;

class DetectCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = "/tmp/invplan-detect-cli-XXXXXX";
    dir_ = mkdtemp(tmpl.data());
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(Path(name)) << text;
    return Path(name);
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Runs `invplan <args>` in a shell; returns the exit code, fills stderr.
  int Run(const std::string& args, std::string* err = nullptr) const {
    const std::string cmd = std::string(INVPLAN_BINARY) + " " + args + " 2> " + Path("stderr");
    int status = std::system(cmd.c_str());
    if (err) *err = Read(Path("stderr"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // A 600-row table; rows 7 and 300 are far out.
  std::string Table() const {
    std::string text = "a,b,c\n";
    unsigned s = 12345;
    auto next = [&s] {
      s = s * 1103515245u + 12345u;
      return ((s >> 8) % 2000) / 1000.0 - 1.0;
    };
    for (int i = 0; i < 600; ++i) {
      const double shift = (i == 7 || i == 300) ? 12.0 : 0.0;
      text += std::to_string(next() + shift) + "," + std::to_string(next()) + "," +
              std::to_string(next() - shift) + "\n";
    }
    return Write("t.csv", text);
  }

  std::string dir_;
};

TEST_F(DetectCli, HelpListsTheOptions) {
  std::string err;
  const std::string out = Path("help.txt");
  EXPECT_EQ(Run("detect --help > " + out), 0);
  const std::string help = Read(out);
  for (const char* opt : {"--features", "--contamination", "--extension-level", "--save-model",
                          "--model", "--all-rows", "--missing", "--forecast", "--format"}) {
    EXPECT_NE(help.find(opt), std::string::npos) << opt;
  }
}

TEST_F(DetectCli, StdinToStdoutFindsTheFarRows) {
  const std::string in = Table();
  const std::string out = Path("out.json");
  ASSERT_EQ(Run("detect -q -i - --features a,b,c --contamination 0.005 -o - < " + in + " > " + out),
            0);
  Json doc = Json::parse(Read(out));
  ASSERT_EQ(doc["format"], "invplan.anomalies");
  std::set<int> rows;
  for (const auto& r : doc["records"]) rows.insert(r["row"].get<int>());
  EXPECT_TRUE(rows.count(7));
  EXPECT_TRUE(rows.count(300));
  EXPECT_EQ(doc["inputs"][0]["path"], "-");
}

TEST_F(DetectCli, StdinReadTwiceWhenSampled) {
  // --train-rows below the row count: a sample trains, then a second pass
  // scores, which standard input allows through a temporary copy.
  const std::string in = Table();
  const std::string args = " --features a,b,c --train-rows 100 --all-rows --format csv -o ";
  ASSERT_EQ(Run("detect -q -i - " + args + Path("stdin.csv") + " < " + in), 0);
  ASSERT_EQ(Run("detect -q -i " + in + args + Path("file.csv")), 0);
  const std::string a = Read(Path("stdin.csv"));
  EXPECT_EQ(a, Read(Path("file.csv")));
  std::size_t lines = 0;
  for (char c : a) lines += c == '\n';
  EXPECT_EQ(lines, 601u);
}

TEST_F(DetectCli, SummaryOnStderrAndQuiet) {
  const std::string in = Table();
  std::string err;
  ASSERT_EQ(Run("detect -i " + in + " --features a,b,c -o " + Path("o.json"), &err), 0);
  EXPECT_NE(err.find("detect (table mode): 600 rows scored"), std::string::npos) << err;
  ASSERT_EQ(Run("detect -q -i " + in + " --features a,b,c -o " + Path("o.json"), &err), 0);
  EXPECT_EQ(err, "");
}

TEST_F(DetectCli, ThreadCountDoesNotChangeTheOutput) {
  const std::string in = Table();
  ASSERT_EQ(Run("detect -q --threads 1 -i " + in + " --features a,b,c --all-rows --format csv -o " +
                Path("1.csv")),
            0);
  ASSERT_EQ(Run("detect -q --threads 3 -i " + in + " --features a,b,c --all-rows --format csv -o " +
                Path("3.csv")),
            0);
  EXPECT_EQ(Read(Path("1.csv")), Read(Path("3.csv")));
  EXPECT_GT(Read(Path("1.csv")).size(), 600u * 20);
}

TEST_F(DetectCli, WeeklyTrainingDailyScoring) {
  const std::string in = Table();
  const std::string model = Path("model.json");
  ASSERT_EQ(
      Run("detect -q -i " + in + " --features a,b,c --contamination 0.01 --save-model " + model),
      0);
  std::string err;
  ASSERT_EQ(Run("detect -i " + in + " --model " + model + " -o " + Path("daily.json"), &err), 0);
  Json doc = Json::parse(Read(Path("daily.json")));
  EXPECT_EQ(doc["threshold_rule"], "model (contamination 0.01)");
  EXPECT_EQ(doc["records"].size(), 6u);
  EXPECT_NE(err.find("6 anomalies"), std::string::npos) << err;
}

TEST_F(DetectCli, BadInputExitsThree) {
  std::string err;
  const std::string bad = Write("bad.csv", "a,b\n1,2\n3,abc\n");
  EXPECT_EQ(Run("detect -i " + bad + " --features a,b -o " + Path("x.json"), &err), 3);
  EXPECT_NE(err.find("bad.csv:3: column 'b': expected a number, got \"abc\""), std::string::npos)
      << err;
  EXPECT_FALSE(std::ifstream(Path("x.json")).good());
  EXPECT_EQ(Run("detect -i " + bad + " --features a,z -o " + Path("x.json"), &err), 3);
  EXPECT_NE(err.find("missing column 'z'"), std::string::npos) << err;
  const std::string empty = Write("empty.csv", "");
  EXPECT_EQ(Run("detect -i " + empty + " --features a -o " + Path("x.json"), &err), 3);
  EXPECT_NE(err.find("empty"), std::string::npos) << err;
}

TEST_F(DetectCli, UsageAndArtifactExitCodes) {
  const std::string in = Table();
  std::string err;
  EXPECT_EQ(
      Run("detect -i " + in + " --features a,b,c --contamination 2 -o " + Path("x.json"), &err), 2);
  EXPECT_NE(err.find("--contamination"), std::string::npos) << err;
  EXPECT_EQ(Run("detect -i " + in + " --features a,b,c --trees 0 -o " + Path("x.json")), 2);
  EXPECT_EQ(Run("detect -i " + in + " --features a,b,c", &err), 2);
  EXPECT_NE(err.find("nothing to write"), std::string::npos) << err;
  const std::string junk = Write("junk.json", "{not json");
  EXPECT_EQ(Run("detect -i " + in + " --model " + junk + " -o " + Path("x.json"), &err), 4);
}

TEST_F(DetectCli, InventoryModeTypesTheAnomalies) {
  // Two SKUs, 120 days, weekly pattern; one spike, one day of negative stock.
  std::string text = "date,sku,quantity,price,on_hand\n";
  for (int sku = 0; sku < 2; ++sku) {
    for (int d = 0; d < 120; ++d) {
      char date[48];
      std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + d / 28, 1 + d % 28);
      int q = 20 + (d % 7 == 5 ? 10 : 0) + (d * 7 + sku * 3) % 5;
      int on_hand = 200 - (d % 10) * 15;
      if (sku == 0 && d == 50) q = 2000;
      if (sku == 1 && d == 80) on_hand = -500;
      text += std::string(date) + ",S" + std::to_string(sku) + "," + std::to_string(q) + ",9.5," +
              std::to_string(on_hand) + "\n";
    }
  }
  const std::string in = Write("sales.csv", text);
  ASSERT_EQ(Run("detect -q -i " + in + " --freq D --fill interpolate -o " + Path("inv.json") +
                " --contamination 0.01"),
            0);
  Json doc = Json::parse(Read(Path("inv.json")));
  EXPECT_EQ(doc["mode"], "inventory");
  bool spike = false, negative = false;
  for (const auto& r : doc["records"]) {
    if (r["sku"] == "S0" && r["date"] == "2024-02-23") {
      spike = true;
      EXPECT_EQ(r["type"], "data_error");  // 2000 against about 22: orders of magnitude
      const std::string top = r["explanation"][0]["feature"];
      EXPECT_TRUE(top == "quantity" || top == "deviation" || top == "log2_ratio" || top == "change")
          << top;
      EXPECT_EQ(r["explanation"][0]["value"].get<double>() == 2000.0 || top != "quantity", true);
    }
    if (r["sku"] == "S1" && r["type"] == "negative_stock") negative = true;
  }
  EXPECT_TRUE(spike);
  EXPECT_TRUE(negative);
}

TEST_F(DetectCli, LastAndClosuresFromTheCommandLine) {
  // 30 SKUs x 40 days; every SKU sells nothing on day 20, a holiday.
  std::string text = "date,sku,quantity,holiday\n";
  for (int d = 1; d <= 40; ++d) {
    char date[32];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", d <= 31 ? 1 : 2, d <= 31 ? d : d - 31);
    for (int k = 0; k < 30; ++k) {
      text += std::string(date) + ",S" + std::to_string(k) + "," +
              (d == 20 ? "0,1" : std::to_string(10 + (d * 7 + k) % 5) + ",0") + "\n";
    }
  }
  const std::string in = Write("s.csv", text);
  std::string err;
  ASSERT_EQ(Run("detect -i " + in + " --last 5 --all-rows -o " + Path("a.json"), &err), 0) << err;
  Json doc = Json::parse(Read(Path("a.json")));
  EXPECT_EQ(doc["summary"]["rows_scored"], 30 * 5);
  EXPECT_EQ(doc["summary"]["scored_from"], "2024-02-05");
  EXPECT_EQ(doc["summary"]["closed_periods"], 30);
  EXPECT_NE(err.find("150 rows scored (from 2024-02-05)"), std::string::npos) << err;
  ASSERT_EQ(
      Run("detect -i " + in + " --closures none --since 2024-01-20 -o " + Path("b.json"), &err), 0)
      << err;
  doc = Json::parse(Read(Path("b.json")));
  EXPECT_EQ(doc["summary"]["rows_scored"], 30 * 21);
  EXPECT_EQ(doc["summary"]["closed_periods"], 0);
  EXPECT_EQ(Run("detect -i " + in + " --since yesterday -o " + Path("c.json"), &err), 2);
  EXPECT_NE(err.find("--since: expected a date YYYY-MM-DD"), std::string::npos) << err;
}

}  // namespace
