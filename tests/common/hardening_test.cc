// The library side of hostile input and faults: temporaries removed on signals
// and swept after a crash, the artifact reader's depth and range checks, log
// escaping, the memory budget's parsing and the CSV record bound.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "common/log.h"
#include "common/temp_files.h"
#include "ingest/memory_budget.h"
#include "invplan/artifact.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

std::vector<std::string> Listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ErrorKind KindOf(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "no invplan::Error thrown";
  return ErrorKind::kInternal;
}

TEST(Hardening, SignalRemovesTemporaries) {
  for (int sig : {SIGTERM, SIGINT}) {
    TempDir dir;
    const std::string target = dir.File("out.csv");
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(ready[0]);
      OutputFile out(target);
      out.stream() << "partial" << std::flush;
      (void)!::write(ready[1], "x", 1);
      for (;;) ::pause();
    }
    ::close(ready[1]);
    char c;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    ::close(ready[0]);
    EXPECT_EQ(Listing(dir.path()).size(), 1u);  // the temporary
    ::kill(child, sig);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << status;
    EXPECT_TRUE(Listing(dir.path()).empty()) << sig;
  }
}

TEST(Hardening, StaleTemporariesOfDeadWritersAreSwept) {
  TempDir dir;
  const std::string target = dir.File("out.csv");
  const pid_t dead = ::fork();
  if (dead == 0) ::_exit(0);
  ::waitpid(dead, nullptr, 0);
  auto make = [&](const std::string& name, bool old) {
    const std::string path = dir.Write(name, "x");
    if (old) {
      struct utimbuf t {};
      t.actime = t.modtime = ::time(nullptr) - 3600;
      ::utime(path.c_str(), &t);
    }
  };
  const std::string d = std::to_string(dead), live = std::to_string(::getppid());
  make(".out.csv.tmp." + d + ".aaaaaa", true);     // stale: removed
  make(".out.csv.tmp." + d + ".bbbbbb", false);    // recent: kept
  make(".out.csv.tmp." + live + ".cccccc", true);  // writer alive: kept
  make(".other.csv.tmp." + d + ".dddddd", true);   // another target: kept
  OutputFile out(target);
  out.stream() << "ok\n";
  out.Commit();
  std::vector<std::string> kept = {".other.csv.tmp." + d + ".dddddd",
                                   ".out.csv.tmp." + d + ".bbbbbb",
                                   ".out.csv.tmp." + live + ".cccccc", "out.csv"};
  std::sort(kept.begin(), kept.end());
  EXPECT_EQ(Listing(dir.path()), kept);
}

TEST(Hardening, ArtifactNestingIsLimited) {
  TempDir dir;
  auto nested = [](std::size_t depth) {
    return "{\"format\":\"invplan.forecast\",\"schema_version\":1,\"a\":" +
           std::string(depth, '[') + std::string(depth, ']') + ",\"s\":\"[[[[\"}";
  };
  // 255 arrays inside the top-level object: 256 levels, accepted.
  EXPECT_NO_THROW(ReadJsonArtifact(dir.Write("ok.json", nested(255)), "invplan.forecast", 1));
  std::string message;
  EXPECT_EQ(
      KindOf([&] { ReadJsonArtifact(dir.Write("deep.json", nested(256)), "invplan.forecast", 1); },
             &message),
      ErrorKind::kArtifact);
  EXPECT_NE(message.find("nested deeper than 256 levels"), std::string::npos) << message;
  // Readers that parse with their own callback go through the same check.
  auto keep = [](int, Json::parse_event_t, Json&) { return true; };
  EXPECT_EQ(KindOf([&] { ParseArtifactText(nested(300), "x.json", keep); }), ErrorKind::kArtifact);
  EXPECT_EQ(ParseArtifactText(nested(10), "x.json", keep)["format"], "invplan.forecast");
  // 400,000 levels in a child whose stack is small: refused, not a crash.
  const std::string deep = dir.Write("deeper.json", nested(400000));
  const pid_t child = ::fork();
  if (child == 0) {
    struct rlimit stack {};
    stack.rlim_cur = stack.rlim_max = 1 << 20;
    ::setrlimit(RLIMIT_STACK, &stack);
    try {
      ReadJsonArtifact(deep, "invplan.forecast", 1);
    } catch (const Error& e) {
      ::_exit(e.kind() == ErrorKind::kArtifact ? 0 : 2);
    }
    ::_exit(3);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST(Hardening, BinaryArtifactIsRefusedAtItsFirstBlock) {
  std::string message;
  // /dev/zero never ends: the reader must stop at the first NUL byte.
  EXPECT_EQ(KindOf([&] { ReadJsonArtifact("/dev/zero", "invplan.forecast", 1); }, &message),
            ErrorKind::kArtifact);
  EXPECT_NE(message.find("NUL byte"), std::string::npos) << message;
  TempDir dir;
  EXPECT_EQ(KindOf([&] { ReadJsonArtifact(dir.Write("a.json", "[1,2]"), "invplan.forecast", 1); }),
            ErrorKind::kArtifact);
  const std::string bom =
      dir.Write("bom.json", "\xEF\xBB\xBF {\"format\":\"invplan.forecast\",\"schema_version\":1}");
  EXPECT_NO_THROW(ReadJsonArtifact(bom, "invplan.forecast", 1));
}

TEST(Hardening, ArtifactNumbersAreRangeChecked) {
  TempDir dir;
  EXPECT_EQ(KindOf([&] {
              ReadJsonArtifact(
                  dir.Write("a.json",
                            "{\"format\":\"invplan.forecast\",\"schema_version\":1,\"x\":1e400}"),
                  "invplan.forecast", 1);
            }),
            ErrorKind::kArtifact);
  std::string message;
  EXPECT_EQ(KindOf(
                [&] {
                  ReadJsonArtifact(dir.Write("b.json",
                                             "{\"format\":\"invplan.forecast\",\"schema_version\":"
                                             "1099511627776}"),
                                   "invplan.forecast", 1);
                },
                &message),
            ErrorKind::kArtifact);
  EXPECT_NE(message.find("schema_version: expected an integer"), std::string::npos) << message;
  EXPECT_EQ(ArtifactInt(Json(7), "n", 0, 10), 7);
  EXPECT_EQ(KindOf([] { ArtifactInt(Json(-1), "n", 0, 10); }), ErrorKind::kArtifact);
  EXPECT_EQ(KindOf([] { ArtifactInt(Json(2.5), "n", 0, 10); }), ErrorKind::kArtifact);
  EXPECT_EQ(KindOf([] { ArtifactInt(Json(18446744073709551615ull), "n", 0, 10); }),
            ErrorKind::kArtifact);
}

TEST(Hardening, ForecastHorizonIsRangeChecked) {
  TempDir dir;
  auto doc = [](const std::string& horizon) {
    return "{\"format\":\"invplan.forecast\",\"schema_version\":1,\"frequency\":\"D\","
           "\"horizon\":" +
           horizon + ",\"levels\":[],\"series\":[]}";
  };
  EXPECT_EQ(ReadForecastArtifact(dir.Write("ok.json", doc("3"))).horizon, 3);
  for (const char* bad : {"1e300", "-1", "4294967296", "2.5"}) {
    std::string message;
    EXPECT_EQ(KindOf([&] { ReadForecastArtifact(dir.Write("bad.json", doc(bad))); }, &message),
              ErrorKind::kArtifact)
        << bad;
    EXPECT_NE(message.find("horizon: expected an integer"), std::string::npos) << message;
  }
}

TEST(Hardening, DumpReplacesInvalidUtf8) {
  EXPECT_EQ(DumpJson(Json("CAF\xC9")), "\"CAF\xEF\xBF\xBD\"");
}

TEST(Hardening, EscapeControl) {
  EXPECT_EQ(EscapeControl("a\nb\r\t\x1b[1m\x7f"), "a\\nb\\r\\t\\x1b[1m\\x7f");
  EXPECT_EQ(EscapeControl("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Hardening, MaxMemoryParsing) {
  EXPECT_EQ(ResolveMaxMemory("512M"), std::uint64_t(512) << 20);
  EXPECT_EQ(ResolveMaxMemory("8g"), std::uint64_t(8) << 30);
  EXPECT_EQ(ResolveMaxMemory("1000"), 1000u);
  EXPECT_GT(ResolveMaxMemory(""), 0u);
  for (const char* bad : {"0", "-1", "1.5G", "G", "12X", "99999999999999999999", "20000000T"}) {
    EXPECT_EQ(KindOf([&] { ResolveMaxMemory(bad); }), ErrorKind::kUsage) << bad;
  }
}

TEST(Hardening, CsvRecordIsBounded) {
  TempDir dir;
  std::string text = "date,sku,quantity\n2024-01-01,A,\"\n";
  text.reserve(kMaxCsvRecord + (1 << 20));
  while (text.size() < kMaxCsvRecord + (1 << 20)) text += "y\n";
  const std::string path = dir.Write("q.csv", text);
  std::string message;
  EXPECT_EQ(KindOf(
                [&] {
                  CsvReader csv(path);
                  while (csv.Next()) {
                  }
                },
                &message),
            ErrorKind::kBadInput);
  EXPECT_NE(message.find(":2: a quoted field opened on this line is not closed within 16 MiB"),
            std::string::npos)
      << message;
}

TEST(Hardening, UnterminatedQuoteNamesTheLineWhereItOpened) {
  TempDir dir;
  // The record starts on line 3; its second quoted field opens on line 4.
  const std::string path =
      dir.Write("q.csv", "date,sku,quantity\n2024-01-01,A,1\n2024-01-03,\"A\nA\",\"x\ny\n");
  std::string message;
  EXPECT_EQ(KindOf(
                [&] {
                  CsvReader csv(path);
                  while (csv.Next()) {
                  }
                },
                &message),
            ErrorKind::kBadInput);
  EXPECT_EQ(message, path + ":4: unterminated quoted field");
}

}  // namespace
}  // namespace invplan
