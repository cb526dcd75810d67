// The detect stage called as a function: table mode end to end, streaming,
// determinism, saved models and bad input.
#include <gtest/gtest.h>

#include <string>

#include "common/random.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "test_util.h"

namespace invplan::detect {
namespace {

using testing::ReadJson;
using testing::TempDir;

// rows x 3 gaussian table with an id column; rows 10, 20, 30 are far out.
std::string Table(std::size_t rows, std::uint64_t seed = 1) {
  Rng rng(seed);
  std::string text = "id,a,b,c,label\n";
  for (std::size_t i = 0; i < rows; ++i) {
    double shift = (i == 10 || i == 20 || i == 30) ? 9.0 : 0.0;
    text += "r" + std::to_string(i) + "," + std::to_string(rng.Normal() + shift) + "," +
            std::to_string(rng.Normal()) + "," + std::to_string(rng.Normal() + shift) + ",x\n";
  }
  return text;
}

DetectOptions TableOptions(const std::string& input, const std::string& output) {
  DetectOptions o;
  o.ingest.input = input;
  o.ingest.sku_col = "id";
  o.features = {"a", "b", "c"};
  o.output = output;
  o.contamination = "0.01";
  return o;
}

Json WithoutVolatile(Json doc) {
  doc.erase("created_at");
  doc.erase("command");
  doc["config"].erase("threads");
  return doc;
}

TEST(DetectTable, FlagsFarRowsWithLinesAndExplanations) {
  TempDir dir;
  auto o = TableOptions(dir.Write("t.csv", Table(2000)), dir.File("out.json"));
  RunContext run;
  DetectSummary s = RunDetect(o, run);
  EXPECT_EQ(s.rows_scored, 2000u);
  EXPECT_EQ(s.anomalies, 20u);  // 1% of the training rows
  Json doc = ReadJson(o.output);
  EXPECT_EQ(doc["format"], "invplan.anomalies");
  EXPECT_EQ(doc["mode"], "table");
  EXPECT_EQ(doc["records"].size(), 20u);
  int planted = 0;
  for (const auto& r : doc["records"]) {
    EXPECT_EQ(r["line"].get<int>(), r["row"].get<int>() + 2);
    EXPECT_EQ(r["sku"], "r" + std::to_string(r["row"].get<int>()));
    EXPECT_TRUE(r["anomaly"].get<bool>());
    EXPECT_GT(r["score"].get<double>(), doc["threshold"].get<double>());
    int row = r["row"];
    if (row == 10 || row == 20 || row == 30) {
      ++planted;
      // Shifted in a and c, not in b.
      const std::string top = r["explanation"][0]["feature"];
      EXPECT_TRUE(top == "a" || top == "c") << top;
      EXPECT_NEAR(r["explanation"][0]["expected"].get<double>(), 0.0, 0.2);
    }
  }
  EXPECT_EQ(planted, 3);
  EXPECT_EQ(doc["summary"]["rows_scored"], 2000);
  EXPECT_EQ(doc["inputs"][0]["path"], o.ingest.input);
  EXPECT_EQ(doc["inputs"][0]["sha256"].get<std::string>().size(), 64u);
}

TEST(DetectTable, AutoThresholdIsOneHalf) {
  TempDir dir;
  auto o = TableOptions(dir.Write("t.csv", Table(500)), dir.File("out.json"));
  o.contamination = "auto";
  o.all_rows = true;
  RunContext run;
  DetectSummary s = RunDetect(o, run);
  EXPECT_EQ(s.threshold, 0.5);
  Json doc = ReadJson(o.output);
  ASSERT_EQ(doc["records"].size(), 500u);
  std::size_t flagged = 0;
  for (std::size_t i = 0; i < 500; ++i) {
    const auto& r = doc["records"][i];
    EXPECT_EQ(r["row"], i);  // input order
    EXPECT_EQ(r["anomaly"].get<bool>(), r["score"].get<double>() > 0.5);
    flagged += r["anomaly"].get<bool>();
    if (!r["anomaly"].get<bool>()) {
      EXPECT_TRUE(r["type"].is_null());
    }
  }
  EXPECT_EQ(flagged, s.anomalies);
}

TEST(DetectTable, SameOutputForAnyThreadCountAndChunking) {
  TempDir dir;
  const std::string in = dir.Write("t.csv", Table(3000));
  Json first;
  for (int threads : {1, 2, 5}) {
    for (std::size_t train_rows : {std::size_t{100000}, std::size_t{700}}) {
      auto o = TableOptions(in, dir.File("out.json"));
      o.train_rows = train_rows;
      o.chunk_rows = threads == 5 ? 333 : 65536;
      o.all_rows = true;
      RunContext run;
      run.threads = threads;
      RunDetect(o, run);
      Json doc = WithoutVolatile(ReadJson(o.output));
      if (train_rows == 700) {
        // The streaming path (sample, then a second pass) is deterministic too.
        EXPECT_EQ(doc["model"]["training_rows"], 700);
        doc["config"].erase("train-rows");
        doc["model"].erase("training_rows");
        doc["summary"].erase("training_rows");
        static Json streamed;
        if (streamed.is_null()) {
          streamed = doc;
        } else {
          EXPECT_EQ(doc, streamed) << "threads " << threads;
        }
        continue;
      }
      if (first.is_null()) {
        first = doc;
      } else {
        EXPECT_EQ(doc, first) << "threads " << threads;
      }
    }
  }
}

TEST(DetectTable, SavedModelScoresIdentically) {
  TempDir dir;
  const std::string in = dir.Write("t.csv", Table(1500));
  for (int ext : {0, 2}) {
    auto o = TableOptions(in, dir.File("trained.json"));
    o.all_rows = true;
    o.extension_level = ext;
    o.save_model = dir.File("model.json");
    RunContext run;
    DetectSummary trained = RunDetect(o, run);
    Json model = ReadJson(o.save_model);
    EXPECT_EQ(model["format"], "invplan.detect-model");
    EXPECT_EQ(model["forest"].size(), 100u);
    EXPECT_EQ(model["contamination"], 0.01);

    DetectOptions s;
    s.ingest.input = in;
    s.ingest.sku_col = "id";
    s.model = o.save_model;
    s.output = dir.File("scored.json");
    s.all_rows = true;
    RunContext run2;
    DetectSummary scored = RunDetect(s, run2);
    EXPECT_EQ(scored.threshold, trained.threshold);
    EXPECT_EQ(scored.threshold_rule, "model (contamination 0.01)");
    EXPECT_EQ(scored.training_rows, 0u);
    Json a = ReadJson(o.output), b = ReadJson(s.output);
    EXPECT_EQ(a["records"], b["records"]) << "extension level " << ext;
    EXPECT_EQ(b["model"]["source"], "model");
    EXPECT_EQ(b["inputs"].size(), 2u);  // the model and the table

    // A new contamination applies to the model's stored training quantiles.
    s.contamination = "0.05";
    RunContext run3;
    DetectSummary wider = RunDetect(s, run3);
    EXPECT_NEAR(static_cast<double>(wider.anomalies), 75.0, 8.0);
  }
}

TEST(DetectTable, CsvFormat) {
  TempDir dir;
  auto o = TableOptions(dir.Write("t.csv", Table(400)), dir.File("out.csv"));
  o.format = OutputFormat::kCsv;
  RunContext run;
  DetectSummary s = RunDetect(o, run);
  const std::string text = testing::ReadText(o.output);
  EXPECT_EQ(text.rfind("row,line,sku,location,date,score,anomaly,type,top_feature", 0), 0u);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, s.anomalies + 1);
  EXPECT_NE(text.find(",true,other,"), std::string::npos);
}

TEST(DetectTable, MissingValues) {
  TempDir dir;
  const std::string in = dir.Write("m.csv", "a,b\n1,2\n2,NA\n3,4\n,5\n4,6\n5,7\n");
  DetectOptions o;
  o.ingest.input = in;
  o.features = {"a", "b"};
  o.output = dir.File("out.json");
  RunContext run;
  try {
    RunDetect(o, run);
    FAIL() << "missing value accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("m.csv:3: column 'b': expected a number"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(testing::Exists(o.output));
  o.missing = MissingPolicy::kImpute;
  o.all_rows = true;
  o.save_model = dir.File("model.json");
  RunContext run2;
  DetectSummary s = RunDetect(o, run2);
  EXPECT_EQ(s.imputed_values, 2u);
  EXPECT_EQ(s.imputed_rows, 2u);
  Json doc = ReadJson(o.output);
  EXPECT_EQ(doc["summary"]["imputed_values"], 2);
  // The medians are those of the observed values: 3 for a, 5 for b.
  EXPECT_EQ(ReadJson(o.save_model)["medians"], Json::array({3.0, 5.0}));
  o.save_model.clear();

  // A column with no value at all has no median to impute.
  const std::string empty = dir.Write("e.csv", "a,b\n1,\n2,NA\n3,\n");
  o.ingest.input = empty;
  o.output = dir.File("e.json");
  RunContext run3;
  try {
    RunDetect(o, run3);
    FAIL() << "empty column accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("column 'b' has no values"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(testing::Exists(o.output));
}

void ExpectInputError(const DetectOptions& o, const std::string& needle) {
  RunContext run;
  try {
    RunDetect(o, run);
    FAIL() << "no error; expected " << needle;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
  EXPECT_FALSE(testing::Exists(o.output));
}

TEST(DetectTable, BadInputsAreInputErrors) {
  TempDir dir;
  DetectOptions o;
  o.features = {"a", "b"};
  o.output = dir.File("out.json");
  o.ingest.input = dir.Write("bad.csv", "a,b\n1,2\n3,x1\n");
  ExpectInputError(o, "bad.csv:3: column 'b': expected a number, got \"x1\"");
  o.ingest.input = dir.Write("comma.csv", "a,b\n1,2\n\"12,5\",3\n");
  ExpectInputError(o, "comma.csv:3: column 'a': expected a number, got \"12,5\"");
  o.ingest.input = dir.Write("nocol.csv", "a,c\n1,2\n3,4\n");
  ExpectInputError(o, "missing column 'b' (named by --features); the header has: a, c");
  o.ingest.input = dir.Write("empty.csv", "");
  ExpectInputError(o, "empty");
  o.ingest.input = dir.Write("header.csv", "a,b\n");
  ExpectInputError(o, "no data rows");
  o.ingest.input = dir.Write("short.csv", "a,b\n1,2\n3\n");
  ExpectInputError(o, "short.csv:3");
  o.ingest.input = dir.File("does-not-exist.csv");
  ExpectInputError(o, "does-not-exist.csv");
}

TEST(DetectTable, BadRowAfterRecordsLeavesNoOutput) {
  TempDir dir;
  std::string text = Table(3000);
  const std::string in = dir.Write("t.csv", text);
  auto o = TableOptions(in, dir.File("out.json"));
  o.output.clear();
  o.save_model = dir.File("model.json");
  RunContext run;
  RunDetect(o, run);
  // Scoring streams: the bad row comes after records were written.
  const std::string bad = dir.Write("bad.csv", text + "r9,1,oops,2,x\n");
  DetectOptions s;
  s.ingest.input = bad;
  s.model = o.save_model;
  s.output = dir.File("scored.json");
  s.chunk_rows = 100;
  ExpectInputError(s, "bad.csv:3002: column 'b'");
}

void ExpectKind(const DetectOptions& o, ErrorKind kind, const std::string& needle) {
  RunContext run;
  try {
    RunDetect(o, run);
    FAIL() << "no error; expected " << needle;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(DetectTable, UsageAndArtifactErrors) {
  TempDir dir;
  auto o = TableOptions(dir.Write("t.csv", Table(100)), dir.File("out.json"));
  o.contamination = "0.7";
  ExpectKind(o, ErrorKind::kUsage, "--contamination");
  o.contamination = "lots";
  ExpectKind(o, ErrorKind::kUsage, "--contamination");
  o.contamination = "auto";
  o.extension_level = 3;
  ExpectKind(o, ErrorKind::kUsage, "--extension-level 3");
  o.extension_level = 0;
  o.features = {"a", "a"};
  ExpectKind(o, ErrorKind::kUsage, "twice");
  o.features = {"a", "b"};
  o.output.clear();
  ExpectKind(o, ErrorKind::kUsage, "nothing to write");

  o.output = dir.File("out.json");
  o.model =
      dir.Write("bad-model.json", "{\"format\": \"invplan.detect-model\", \"schema_version\": 1}");
  ExpectKind(o, ErrorKind::kArtifact, "missing field");
  o.model =
      dir.Write("newer.json", "{\"format\": \"invplan.detect-model\", \"schema_version\": 9}");
  ExpectKind(o, ErrorKind::kArtifact, "newer");
  o.model = dir.Write("other.json", "{\"format\": \"invplan.forecast\", \"schema_version\": 1}");
  ExpectKind(o, ErrorKind::kArtifact, "expected a invplan.detect-model");

  auto t = TableOptions(o.ingest.input, "");
  t.save_model = dir.File("m.json");
  RunContext run;
  RunDetect(t, run);
  o.model = t.save_model;
  o.features = {"a", "b"};
  ExpectKind(o, ErrorKind::kUsage, "trained on a,b,c");
}

}  // namespace
}  // namespace invplan::detect
