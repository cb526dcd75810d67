#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "common/parallel.h"
#include "common/random.h"
#include "common/sha256.h"
#include "invplan/artifact.h"
#include "invplan/error.h"
#include "invplan/panel.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

TEST(Sha256, KnownVectors) {
  Sha256 empty;
  EXPECT_EQ(empty.HexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 abc;
  abc.Update("abc", 3);
  EXPECT_EQ(abc.HexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding spills into a second block.
  Sha256 two;
  std::string s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  two.Update(s.data(), 20);
  two.Update(s.data() + 20, s.size() - 20);
  EXPECT_EQ(two.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, HardwareAndPortableEnginesAgree) {
  // One million 'a' (FIPS 180-2, appendix B.3), fed in uneven pieces.
  for (Sha256::Engine engine : {Sha256::Engine::kAuto, Sha256::Engine::kPortable}) {
    Sha256 sha(engine);
    std::string piece(1000, 'a');
    for (std::size_t done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1) {
      sha.Update(piece.data(), std::min(step, 1000000 - done));
    }
    EXPECT_EQ(sha.HexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
  // Every length around the block and padding boundaries.
  std::string text;
  for (int i = 0; i < 300; ++i) text.push_back(static_cast<char>(i * 37 + 11));
  for (std::size_t n = 0; n <= text.size(); ++n) {
    Sha256 a(Sha256::Engine::kAuto), b(Sha256::Engine::kPortable);
    a.Update(text.data(), n);
    b.Update(text.data(), n);
    ASSERT_EQ(a.HexDigest(), b.HexDigest()) << n;
  }
  if (!Sha256::HardwareAvailable()) GTEST_LOG_(INFO) << "no SHA instructions: portable only";
}

TEST(FormatDouble, RoundTripsAndIgnoresLocale) {
  std::setlocale(LC_ALL, "de_DE.UTF-8");  // may not exist; the C locale is fine too
  for (double v : {0.1, 1.0 / 3.0, 1e-300, 123456789.125, -2.5e17, 5e-324}) {
    std::string text = FormatDouble(v);
    EXPECT_EQ(text.find(','), std::string::npos) << text;
    double back = 0.0;
    ASSERT_TRUE(ParseNumber(text, &back)) << text;
    EXPECT_EQ(back, v) << text;
  }
  EXPECT_EQ(FormatDouble(0.1), "0.1");
  std::setlocale(LC_ALL, "C");
}

TEST(ParseNumber, AcceptsDecimalsRejectsOthers) {
  double v;
  EXPECT_TRUE(ParseNumber(" 12 ", &v));
  EXPECT_EQ(v, 12);
  EXPECT_TRUE(ParseNumber("-3.5e2", &v));
  EXPECT_EQ(v, -350);
  EXPECT_TRUE(ParseNumber("+4", &v));
  EXPECT_EQ(v, 4);
  for (const char* bad : {"12,5", "", "abc", "nan", "inf", "1.2.3", "12 kg"}) {
    EXPECT_FALSE(ParseNumber(bad, &v)) << bad;
  }
}

TEST(Artifact, WriteReadAndVersionChecks) {
  TempDir dir;
  RunInfo run;
  run.command = {"invplan", "clean"};
  run.config["fill"] = "zero";
  run.inputs.push_back({"sales.csv", 12, "ab", ""});
  Json doc = MakeEnvelope("invplan.test", 2, run);
  doc["value"] = 0.1;
  std::string path = dir.File("a.json");
  WriteJsonArtifact(path, doc);
  InputInfo info;
  Json back = ReadJsonArtifact(path, "invplan.test", 2, &info);
  EXPECT_EQ(back["value"].get<double>(), 0.1);
  EXPECT_EQ(back["config"]["fill"], "zero");
  EXPECT_EQ(back["inputs"][0]["bytes"], 12);
  EXPECT_EQ(info.bytes, testing::ReadFile(path).size());
  EXPECT_EQ(info.sha256.size(), 64u);
  for (const char* key : {"format", "schema_version", "invplan_version", "created_at", "command"}) {
    EXPECT_TRUE(back.contains(key)) << key;
  }
  try {
    ReadJsonArtifact(path, "invplan.test", 1);
    FAIL() << "newer schema accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  try {
    ReadJsonArtifact(path, "invplan.other", 9);
    FAIL() << "wrong format accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
  }
  std::string junk = dir.Write("junk.json", "{\"format\": ");
  try {
    ReadJsonArtifact(junk, "invplan.test", 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
  }
  try {
    ReadJsonArtifact(dir.File("missing.json"), "invplan.test", 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
  }
}

TEST(OutputFile, AppearsOnlyOnCommit) {
  TempDir dir;
  std::string path = dir.File("out.csv");
  {
    OutputFile out(path);
    out.stream() << "partial";
    EXPECT_FALSE(testing::Exists(path));
  }  // not committed: nothing left behind
  EXPECT_FALSE(testing::Exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  dir.Write("out.csv", "old");
  {
    OutputFile out(path);
    out.stream() << "new";
    out.Commit();
  }
  EXPECT_EQ(testing::ReadFile(path), "new");
  EXPECT_THROW(OutputFile(dir.File("no/such/dir/x.json")), Error);
}

TEST(CsvReader, RealWorldQuirks) {
  TempDir dir;
  std::string path = dir.Write("q.csv",
                               "\xEF\xBB\xBF"
                               "date,sku,desc,quantity\r\n"
                               "2024-01-01,A,\"comma, inside\",1\r\n"
                               "\r\n"
                               "2024-01-02,B,\"say \"\"hi\"\"\",2\r\n"
                               "2024-01-03,C,\"two\nlines\",3\n"
                               "2024-01-04,D,x,4");  // no newline at the end
  CsvReader csv(path);
  ASSERT_EQ(csv.header().size(), 4u);
  EXPECT_EQ(csv.header()[0], "date");  // BOM removed
  EXPECT_EQ(csv.RequireColumn("quantity"), 3);
  ASSERT_TRUE(csv.Next());
  EXPECT_EQ(csv.field(2), "comma, inside");
  EXPECT_EQ(csv.line(), 2u);
  ASSERT_TRUE(csv.Next());
  EXPECT_EQ(csv.field(2), "say \"hi\"");
  EXPECT_EQ(csv.line(), 4u);  // the empty line 3 is skipped
  EXPECT_EQ(csv.row(), 1u);
  ASSERT_TRUE(csv.Next());
  EXPECT_EQ(csv.field(2), "two\nlines");
  ASSERT_TRUE(csv.Next());
  EXPECT_EQ(csv.field(3), "4");
  EXPECT_EQ(csv.line(), 7u);
  EXPECT_FALSE(csv.Next());
  InputInfo info = csv.Info();
  EXPECT_EQ(info.bytes, testing::ReadFile(path).size());
}

TEST(CsvReader, ErrorsNameFileLineAndColumn) {
  TempDir dir;
  std::string path = dir.Write("e.csv", "date,sku,quantity\n2024-01-01,A,\"12,5\"\n");
  CsvReader csv(path);
  try {
    csv.RequireColumn("qty", "--qty-col");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_EQ(std::string(e.what()), path +
                                         ":1: missing column 'qty' (named by --qty-col); "
                                         "the header has: date, sku, quantity");
  }
  ASSERT_TRUE(csv.Next());
  EXPECT_EQ(csv.FieldError(2, "a number"),
            path + ":2: column 'quantity': expected a number, got \"12,5\"");
  EXPECT_THROW(CsvReader(dir.Write("empty.csv", "")), Error);
  EXPECT_THROW(CsvReader(dir.File("nope.csv")), Error);
}

TEST(ParseNumber, FastPathMatchesFromChars) {
  for (const char* t : {"0",
                        "-0",
                        "17",
                        "007",
                        "1.",
                        ".5",
                        "1.50",
                        "-2.25",
                        "123456789012345",
                        "1234567890123456",
                        "0.1",
                        "0.3",
                        "9007199254740993",
                        "3.14159265358979",
                        "0.000000000000001",
                        "99999.99999",
                        "1e3",
                        " 12 ",
                        "+4.5",
                        "-.5"}) {
    double fast, ref;
    ASSERT_TRUE(ParseNumber(t, &fast)) << t;
    std::string_view v(t);
    while (v.front() == ' ') v.remove_prefix(1);
    while (v.back() == ' ') v.remove_suffix(1);
    if (v.front() == '+') v.remove_prefix(1);
    std::from_chars(v.data(), v.data() + v.size(), ref);
    EXPECT_EQ(std::memcmp(&fast, &ref, sizeof fast), 0) << t;
  }
  double x;
  for (const char* t : {"", ".", "-", "1.2.3", "1-2", "--1", "1,5", "0x10", "nan", "inf"}) {
    EXPECT_FALSE(ParseNumber(t, &x)) << t;
  }
}

// Chunks of whole records, split with the same rules, give the records Next gives,
// wherever the chunks are cut.
TEST(CsvReader, ChunksGiveTheSameRecordsAsNext) {
  TempDir dir;
  std::string text =
      "\xEF\xBB\xBF"
      "a,b,c\r\n";
  for (int i = 0; i < 200; ++i) {
    std::string n = std::to_string(i);
    if (i % 5 == 0)
      text += n + ",\"x, " + n + "\",y\r\n";
    else if (i % 7 == 0)
      text += n + ",\"two\r\nlines \"\"" + n + "\"\"\", 12\" tv\n";
    else if (i % 9 == 0)
      text += "\n  \n" + n + ",,\n";
    else
      text += n + ",p,q\n";
  }
  text += "last,x,\"y\"";
  std::string path = dir.Write("c.csv", text);
  std::vector<std::pair<std::size_t, std::vector<std::string>>> want;
  CsvReader csv(path);
  while (csv.Next()) {
    want.push_back({csv.line(), {}});
    for (std::size_t i = 0; i < csv.size(); ++i) want.back().second.emplace_back(csv.field(i));
  }
  ASSERT_EQ(want.size(), 201u);
  EXPECT_EQ(want[7].second[1], "two\nlines \"7\"");  // CR of the inner CRLF dropped
  EXPECT_EQ(want[7].second[2], " 12\" tv");
  EXPECT_EQ(want.back().second[2], "y");
  for (std::size_t target :
       {std::size_t(1), std::size_t(10), std::size_t(333), std::size_t(1) << 20}) {
    CsvReader bulk(path);
    CsvChunk chunk;
    CsvRecordSplitter split;
    std::vector<std::pair<std::size_t, std::vector<std::string>>> got;
    while (bulk.NextChunk(&chunk, target)) {
      std::size_t line = chunk.first_line;
      for (const char* p = chunk.begin; p < chunk.end;) {
        const char* next = split.Split(p, chunk.end, true, chunk.has_quotes);
        ASSERT_NE(next, nullptr);
        if (!split.blank()) {
          got.push_back({line, {}});
          for (std::size_t i = 0; i < split.size(); ++i)
            got.back().second.emplace_back(split.field(i));
        }
        line += split.lines();
        p = next;
      }
    }
    EXPECT_EQ(got, want) << target;
    EXPECT_EQ(bulk.Info().sha256, CsvReader(path).Info().sha256);
  }
}

TEST(CsvReader, UnterminatedQuoteNamesItsLine) {
  TempDir dir;
  std::string path = dir.Write("u.csv", "a,b\n1,2\n3,\"open\n4,5\n");
  CsvReader csv(path);
  ASSERT_TRUE(csv.Next());
  try {
    csv.Next();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), path + ":3: unterminated quoted field");
  }
  CsvReader bulk(path);
  CsvChunk chunk;
  ASSERT_TRUE(bulk.NextChunk(&chunk, 1));  // the record before it
  EXPECT_EQ(std::string(chunk.begin, chunk.end), "1,2\n");
  EXPECT_THROW(bulk.NextChunk(&chunk, 1), Error);
}

TEST(Calendar, PeriodsRoundTrip) {
  std::int64_t day;
  ASSERT_TRUE(ParseIsoDay("2024-02-29", &day));
  EXPECT_EQ(FormatDay(day), "2024-02-29");
  EXPECT_FALSE(ParseIsoDay("2023-02-29", &day));
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  // Weeks start on Monday: 2024-01-03 (a Wednesday) is in the week of 2024-01-01.
  ASSERT_TRUE(ParseIsoDay("2024-01-03", &day));
  EXPECT_EQ(FormatPeriod(PeriodOfDay(day, Frequency::kWeek), Frequency::kWeek), "2024-01-01");
  EXPECT_EQ(FormatPeriod(PeriodOfDay(day, Frequency::kMonth), Frequency::kMonth), "2024-01-01");
  ASSERT_TRUE(ParseIsoDay("2023-11-15", &day));
  EXPECT_EQ(FormatPeriod(PeriodOfDay(day, Frequency::kQuarter), Frequency::kQuarter), "2023-10-01");
  EXPECT_EQ(FormatPeriod(PeriodOfDay(day, Frequency::kYear), Frequency::kYear), "2023-01-01");
  ASSERT_TRUE(ParseIsoDay("1969-12-31", &day));
  EXPECT_EQ(FormatPeriod(PeriodOfDay(day, Frequency::kMonth), Frequency::kMonth), "1969-12-01");
  for (Frequency f : {Frequency::kDay, Frequency::kWeek, Frequency::kMonth, Frequency::kQuarter,
                      Frequency::kYear}) {
    for (std::int64_t p = -30; p < 30; ++p) EXPECT_EQ(PeriodOfDay(PeriodStartDay(p, f), f), p);
  }
}

TEST(Parallel, EveryIndexOnceAndErrorsPropagate) {
  std::vector<int> hits(1000, 0);
  ParallelFor(
      hits.size(), 4, [&](std::size_t i) { hits[i] += 1; }, 7);
  for (int h : hits) EXPECT_EQ(h, 1);
  EXPECT_THROW(ParallelFor(100, 3,
                           [](std::size_t i) {
                             if (i == 42) throw InputError("bad 42");
                           }),
               Error);
}

TEST(Random, DeterministicStreamsAndMoments) {
  Rng a(DeriveSeed(7, 3)), b(DeriveSeed(7, 3)), c(DeriveSeed(7, 4));
  EXPECT_EQ(a(), b());
  EXPECT_NE(a(), c());
  Rng r(1);
  double sum = 0, sumsq = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    double x = static_cast<double>(r.Poisson(5.0));
    sum += x;
    sumsq += x * x;
  }
  double mean = sum / n, var = sumsq / n - mean * mean;
  EXPECT_NEAR(mean, 5.0, 0.03);
  EXPECT_NEAR(var, 5.0, 0.1);
  sum = 0;
  for (int i = 0; i < n; ++i) sum += static_cast<double>(r.Poisson(40.0));
  EXPECT_NEAR(sum / n, 40.0, 0.1);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.Below(7), 7u);
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

TEST(Format, CsvNumbersForPeopleAreRounded) {
  EXPECT_EQ(FormatDecimals(872.4000000000001, 4), "872.4");
  EXPECT_EQ(FormatDecimals(2022.2400000000002, 2), "2022.24");
  EXPECT_EQ(FormatDecimals(12.0, 3), "12");
  EXPECT_EQ(FormatDecimals(0.15839999999999999, 4), "0.1584");
  EXPECT_EQ(FormatDecimals(-0.0001, 3), "0");
  EXPECT_EQ(FormatMoney(1014.2797437339777), "1014.28");
  EXPECT_EQ(FormatMoney(40), "40.00");
  EXPECT_EQ(FormatMoney(-0.001), "0.00");
}

}  // namespace
}  // namespace invplan
