// Hostile input and faults, end to end: outputs that are devices, links or
// unwritable; artifacts nested deeply or with numbers out of range; CSV that
// never closes a quote or would need more memory than allowed; config files that
// are not small text; writes that fail; data with control characters or bytes
// that are not UTF-8. Every case is generated here at test time, and each run is
// bounded in memory (ulimit -v) and time (timeout), so a regression fails the test
// instead of the machine.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace invplan {
namespace {

using testing::CommandResult;
using testing::ReadFile;
using testing::TempDir;

const char* kHostileSales =
    "date,sku,quantity\n"
    "2024-01-01,A,5\n"
    "2024-01-02,A,7\n"
    "2024-01-01,B,2\n"
    "2024-01-02,B,4\n";

const char* kCleaned =
    "date,sku,quantity\n"
    "2024-01-01,A,5\n"
    "2024-01-02,A,7\n"
    "2024-01-01,B,2\n"
    "2024-01-02,B,4\n";

// Runs `script` with bash, where $INVPLAN is the binary, limited to `memory_mb`
// of address space and `seconds` of wall time (exit 124 when it runs over).
// Sanitizer builds reserve terabytes of shadow address space at start, so
// there the address-space limit is left out (the time limit stays).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kAddressLimit = false;
#else
constexpr bool kAddressLimit = true;
#endif

CommandResult Shell(const std::string& script, int memory_mb = 2048, int seconds = 60) {
  TempDir dir;
  const std::string file = dir.Write("script.sh", script);
  const std::string out = dir.File("out"), err = dir.File("err");
  const std::string limit =
      kAddressLimit ? "ulimit -v " + std::to_string(memory_mb * 1024) + "; " : std::string();
  const std::string cmd = "INVPLAN='" + std::string(INVPLAN_BINARY) + "' bash -c '" + limit +
                          "exec timeout " + std::to_string(seconds) + " bash " + file +
                          "' </dev/null >'" + out + "' 2>'" + err + "'";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

// Names in `dir` (hidden ones included), sorted.
std::vector<std::string> Listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Hostile, OutputToDevicesAndStdStreams) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", kHostileSales);
  auto null = Shell("\"$INVPLAN\" clean -q -i " + in + " -o /dev/null");
  EXPECT_EQ(null.exit_code, 0) << null.err;
  auto out = Shell("\"$INVPLAN\" clean -q -i " + in + " -o /dev/stdout");
  EXPECT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(out.out, kCleaned);
  auto fd = Shell("\"$INVPLAN\" clean -q -i " + in + " --report /dev/fd/1");
  EXPECT_EQ(fd.exit_code, 0) << fd.err;
  EXPECT_TRUE(Contains(fd.out, "invplan.clean-report"));
  // A named pipe is written directly (a temporary beside it could not be renamed
  // into a pipe's place).
  const std::string fifo = dir.File("pipe");
  auto piped = Shell("mkfifo " + fifo + " && { cat " + fifo + " > " + dir.File("got") +
                     " & } && \"$INVPLAN\" clean -q -i " + in + " -o " + fifo + " && wait");
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(ReadFile(dir.File("got")), kCleaned);
  EXPECT_EQ(Listing(dir.path()), (std::vector<std::string>{"got", "pipe", "s.csv"}));
}

TEST(Hostile, OutputThroughSymlinkKeepsLinkAndMode) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", kHostileSales);
  std::filesystem::create_directory(dir.path() / "real");
  const std::string target = dir.Write("real/c.csv", "old\n");
  ASSERT_EQ(::chmod(target.c_str(), 0640), 0);
  std::filesystem::create_symlink("real/c.csv", dir.path() / "link.csv");
  auto r = Shell("\"$INVPLAN\" clean -q -i " + in + " -o " + dir.File("link.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "link.csv"));
  EXPECT_EQ(ReadFile(target), kCleaned);
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(Listing(dir.path() / "real"), std::vector<std::string>{"c.csv"});
  // A link to a file that does not exist yet creates that file.
  std::filesystem::create_symlink("real/new.csv", dir.path() / "dangling.csv");
  auto created = Shell("\"$INVPLAN\" clean -q -i " + in + " -o " + dir.File("dangling.csv"));
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(ReadFile(dir.File("real/new.csv")), kCleaned);
}

TEST(Hostile, ReadOnlyOutputIsRefused) {
  // Root may write any file: as root, the run drops to an unprivileged user.
  std::string as_user;
  if (::geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "no setpriv";
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);
  const std::string in = dir.Write("s.csv", kHostileSales);
  const std::string target = dir.Write("c.csv", "keep\n");
  ASSERT_EQ(::chmod(target.c_str(), 0444), 0);
  auto r = Shell(as_user + "\"$INVPLAN\" clean -q -i " + in + " -o " + target);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "not writable")) << r.err;
  EXPECT_EQ(ReadFile(target), "keep\n");
  EXPECT_EQ(Listing(dir.path()), (std::vector<std::string>{"c.csv", "s.csv"}));
}

// An artifact with `body` after the envelope fields, for `simulate --policy`.
std::string PolicyArtifact(const std::string& body, const std::string& version = "1") {
  return "{\"format\":\"invplan.rl-policy\",\"schema_version\":" + version + body + "}";
}

TEST(Hostile, DeeplyNestedArtifactIsRefused) {
  TempDir dir;
  const std::size_t depth = 400000;
  const std::string deep = ",\"a\":" + std::string(depth, '[') + std::string(depth, ']');
  const std::string path = dir.Write("deep.json", PolicyArtifact(deep));
  auto r = Shell("\"$INVPLAN\" simulate --policy " + path + " -o " + dir.File("o.json"), 1024, 30);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(Contains(r.err, "nested deeper than 256")) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("o.json")));
}

TEST(Hostile, NumbersOutOfRangeInArtifacts) {
  TempDir dir;
  const std::string huge = dir.Write("huge.json", PolicyArtifact(",\"x\":1e400"));
  auto r = Shell("\"$INVPLAN\" simulate --policy " + huge + " -o -");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(Contains(r.err, "not a valid JSON artifact")) << r.err;
  const std::string wide = dir.Write("wide.json", PolicyArtifact("", "1099511627776"));
  auto v = Shell("\"$INVPLAN\" simulate --policy " + wide + " -o -");
  EXPECT_EQ(v.exit_code, 4) << v.err;
  EXPECT_TRUE(Contains(v.err, "schema_version: expected an integer")) << v.err;
}

TEST(Hostile, UnterminatedQuoteIsBounded) {
  TempDir dir;
  auto r = Shell("cd " + dir.path().string() +
                     " && (printf 'date,sku,quantity\\n2024-01-01,A,1\\n2024-01-02,A,\"\\n';"
                     " yes) | \"$INVPLAN\" clean -i - -o o.csv",
                 1024, 60);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err,
                       "<stdin>:3: a quoted field opened on this line is not closed "
                       "within 16 MiB"))
      << r.err;
  EXPECT_TRUE(Listing(dir.path()).empty());
}

TEST(Hostile, DatesSpanningMillenniaAreRefusedBeforeAllocating) {
  TempDir dir;
  std::string csv = "date,sku,quantity\n";
  for (int i = 0; i < 100; ++i) {
    csv += "0001-01-01,S" + std::to_string(i) + ",1\n9999-12-31,S" + std::to_string(i) + ",1\n";
  }
  const std::string in = dir.Write("s.csv", csv);
  auto r =
      Shell("\"$INVPLAN\" clean -i " + in + " --freq D --max-memory 1G -o " + dir.File("o.csv"),
            1536, 60);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err, "the panel would need about")) << r.err;
  EXPECT_TRUE(Contains(r.err, "--max-memory 1.0 GiB")) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("o.csv")));
  // The default budget follows the address-space limit the run is under (not
  // applied in sanitizer builds, see Shell).
  if (kAddressLimit) {
    auto by_default =
        Shell("\"$INVPLAN\" clean -i " + in + " --freq D -o " + dir.File("o.csv"), 2048, 60);
    EXPECT_EQ(by_default.exit_code, 3) << by_default.err;
    EXPECT_TRUE(Contains(by_default.err, "the panel would need about")) << by_default.err;
  }
  auto bad = Shell("\"$INVPLAN\" clean -i " + in + " --max-memory lots -o " + dir.File("o.csv"));
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST(Hostile, HundredThousandColumnsAreRefusedBeforeAllocating) {
  TempDir dir;
  const std::size_t columns = 100000;
  std::string csv = "date,sku,quantity";
  for (std::size_t c = 0; c < columns; ++c) csv += ",x" + std::to_string(c);
  csv += '\n';
  std::string zeros;
  for (std::size_t c = 0; c < columns; ++c) zeros += ",0";
  for (int i = 0; i < 40; ++i) csv += "2024-01-01,S" + std::to_string(i) + ",1" + zeros + "\n";
  const std::string in = dir.Write("wide.csv", csv);
  auto r =
      Shell("\"$INVPLAN\" clean -i " + in + " --max-memory 512M -o " + dir.File("o.csv"), 1536, 60);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err, "100001 columns")) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("o.csv")));
}

TEST(Hostile, ConfigFileMustBeSmallText) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", kHostileSales);
  auto zero = Shell("\"$INVPLAN\" --config /dev/zero clean -i " + in + " -o -", 512, 20);
  EXPECT_EQ(zero.exit_code, 2) << zero.err;
  EXPECT_TRUE(Contains(zero.err, "larger than 1 MiB")) << zero.err;
  const std::string binary = dir.Write("bin.toml", std::string("fill = \"zero\"\n\x01\x02", 16));
  auto bin = Shell("\"$INVPLAN\" --config " + binary + " clean -i " + in + " -o -");
  EXPECT_EQ(bin.exit_code, 2) << bin.err;
  EXPECT_TRUE(Contains(bin.err, "line 2: not a text file")) << bin.err;
}

TEST(Hostile, ConfigWithByteOrderMark) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", "date,sku,quantity\n2024-01-01,A,5\n2024-01-03,A,7\n");
  const std::string config = dir.Write("c.toml",
                                       "\xEF\xBB\xBF"
                                       "fill = \"interpolate\"\n");
  auto r = Shell("\"$INVPLAN\" --config " + config + " clean -q -i " + in + " -o -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "2024-01-02,A,6\n")) << r.out;
}

TEST(Hostile, DetectFromStdinLeavesNoCopy) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "tmp");
  std::string csv = "a,b,c\n";
  for (int i = 0; i < 200; ++i) {
    csv += std::to_string(i % 7) + "," + std::to_string(i % 5) + "," + std::to_string(i % 3) + "\n";
  }
  const std::string in = dir.Write("t.csv", csv);
  auto r = Shell("TMPDIR=" + dir.File("tmp") + " \"$INVPLAN\" detect -q -i - --features a,b,c -o " +
                 dir.File("o.json") + " < " + in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Listing(dir.path() / "tmp").empty());
}

TEST(Hostile, BadSecondOutputFailsBeforeAnyIsWritten) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", kHostileSales);
  auto r = Shell("\"$INVPLAN\" clean -i " + in + " -o " + dir.File("c.csv") +
                 " --report /nonexistent/r.json");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(Contains(r.err, "cannot write '/nonexistent/r.json'")) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("c.csv")));
  auto d = Shell("\"$INVPLAN\" clean -i " + in + " --report " + dir.File("r.json") + " -o " +
                 dir.path().string());
  EXPECT_EQ(d.exit_code, 2) << d.err;
  EXPECT_TRUE(Contains(d.err, "is a directory")) << d.err;
  EXPECT_FALSE(testing::Exists(dir.File("r.json")));
}

TEST(Hostile, WriteErrorsAreIoErrors) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", kHostileSales);
  auto out = Shell("\"$INVPLAN\" clean -i " + in + " -o - > /dev/full");
  EXPECT_EQ(out.exit_code, 5) << out.err;
  EXPECT_TRUE(Contains(out.err, "cannot write to standard output")) << out.err;
  auto dev = Shell("\"$INVPLAN\" clean -i " + in + " -o /dev/full");
  EXPECT_EQ(dev.exit_code, 5) << dev.err;
  EXPECT_TRUE(Contains(dev.err, "cannot write '/dev/full'")) << dev.err;
  auto report = Shell("\"$INVPLAN\" clean -i " + in + " --report - > /dev/full");
  EXPECT_EQ(report.exit_code, 5) << report.err;
}

TEST(Hostile, TextThatIsNotUtf8ReachesTheArtifact) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", "date,sku,quantity\n2024-01-01,CAF\xC9,5\n");
  auto r = Shell("\"$INVPLAN\" clean -q -i " + in + " -o " + dir.File("c.csv") + " --report " +
                 dir.File("r.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(ReadFile(dir.File("r.json")), "\"CAF\xEF\xBF\xBD\""));
  EXPECT_TRUE(Contains(ReadFile(dir.File("c.csv")), "CAF\xC9"));  // CSV keeps the bytes
}

TEST(Hostile, ControlCharactersInMessagesAreEscaped) {
  TempDir dir;
  const std::string in =
      dir.Write("s.csv", "date,sku,quantity\n2024-01-01,A,\x1b[2J\x1b]0;owned\x07\n");
  auto r = Shell("\"$INVPLAN\" clean -i " + in + " -o -");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(Contains(r.err, "\x1b")) << r.err;
  EXPECT_FALSE(Contains(r.err, "\x07")) << r.err;
  EXPECT_TRUE(Contains(r.err, "\\x1b[2J")) << r.err;
}

// H3: optimize ends on every input. Values that sum past floating point are
// refused; a pack of 1e-300 under a minimum quantity no longer loops; a
// near-tie instance stops at its time limit with the best plan and its gap.
TEST(Hostile, OptimizeRefusesSumsThatOverflow) {
  TempDir dir;
  const std::string c =
      dir.Write("c.csv", "sku,quantity,cost,value\nA,1,1,1e308\nB,1,1,1e308\nC,1,1,1e308\n");
  auto r = Shell("\"$INVPLAN\" optimize --candidates " + c + " --budget 5 -o " + dir.File("o.json"),
                 1024, 30);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err, "values sum to more than 1e200")) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("o.json")));
}

TEST(Hostile, OptimizeWithATinyPackEnds) {
  TempDir dir;
  const std::string sales = dir.Write("s.csv", kHostileSales);
  const std::string items =
      dir.Write("items.csv", "sku,unit_cost,price,pack_size,min_qty\nA,1,2,1e-300,5\nB,1,2,1,1\n");
  auto r = Shell("cd " + dir.path().string() + " && \"$INVPLAN\" forecast -i " + sales +
                     " -H 3 --model naive -o f.json -q && \"$INVPLAN\" optimize --forecast f.json"
                     " --items " +
                     items + " -o o.json -q",
                 1024, 30);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(ReadFile(dir.File("o.json")), "\"status\": \"optimal\"")) << r.err;
}

TEST(Hostile, OptimizeStopsAtItsTimeLimit) {
  TempDir dir;
  std::string lines = "sku,quantity,cost,value\n";
  std::uint64_t x = 12345;
  for (int s = 0; s < 3000; ++s) {
    for (int q = 1; q <= 8; ++q) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const int cost = 10 * q + static_cast<int>((x >> 33) % 6);
      const int value = cost + ((x >> 40) % 2 == 0 ? 3 : -3);
      lines += "S" + std::to_string(s) + "," + std::to_string(q) + "," + std::to_string(cost) +
               "," + std::to_string(value) + "\n";
    }
  }
  const std::string c = dir.Write("c.csv", lines);
  auto r = Shell("\"$INVPLAN\" optimize --candidates " + c +
                     " --budget 50000 --time-limit 1 -q -o " + dir.File("o.json"),
                 2048, 30);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string out = ReadFile(dir.File("o.json"));
  EXPECT_TRUE(Contains(out, "\"status\": \"optimal\"") ||
              Contains(out, "\"status\": \"time_limit\""))
      << out.substr(0, 400);
  if (Contains(out, "\"status\": \"time_limit\"")) {
    EXPECT_TRUE(Contains(out, "\"gap\"")) << out.substr(0, 400);
  }
}

// M7: nothing is written that no reader could read back. A history ending on
// 9999-12-31 cannot be forecast past it; two quantities of 1e308 on one day
// would sum to infinity.
TEST(Hostile, ForecastDatesStayWithinFourDigitYears) {
  TempDir dir;
  const std::string in =
      dir.Write("s.csv", "date,sku,quantity\n9999-12-29,A,1\n9999-12-30,A,2\n9999-12-31,A,3\n");
  auto r = Shell("\"$INVPLAN\" forecast -i " + in + " -H 3 --model naive -o " + dir.File("f.json"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err,
                       "SKU 'A': its history ends 9999-12-31; 3 period(s) after it run "
                       "past 9999-12-31"))
      << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("f.json")));
}

TEST(Hostile, QuantitiesSummingPastTheLargestNumberAreRefused) {
  TempDir dir;
  const std::string in = dir.Write(
      "s.csv", "date,sku,quantity\n2024-01-01,A,1e308\n2024-01-01,A,1e308\n2024-01-02,A,1\n");
  auto r = Shell("\"$INVPLAN\" clean -i " + in + " -o " + dir.File("c.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err,
                       "s.csv:2: column 'quantity': SKU 'A', period 2024-01-01: the rows "
                       "of the period sum past the largest number"))
      << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("c.csv")));
}

// M9: an object with 200,000 keys is refused before parsing (ordered objects
// make each key cost a scan of the keys before it).
TEST(Hostile, ObjectsWithTooManyKeysAreRefusedQuickly) {
  TempDir dir;
  std::string doc = "{\"format\":\"invplan.forecast\",\"schema_version\":2";
  for (int i = 0; i < 200000; ++i) doc += ",\"k" + std::to_string(i) + "\":1";
  doc += ",\"series\":[]}";
  const std::string path = dir.Write("many.json", doc);
  const std::string items = dir.Write("items.csv", "sku,unit_cost,price\nA,1,2\n");
  auto r =
      Shell("\"$INVPLAN\" optimize --forecast " + path + " --items " + items + " -o -", 1024, 20);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(Contains(r.err, "an object with more than 10000 keys")) << r.err;
}

// H5: sizes within the options' ranges stay within memory. simulate draws its
// demand as it goes (it materialised four bytes per period: a billion periods
// were 4 GB); the forecasts' size is estimated before the models run.
TEST(Hostile, SimulateDrawsDemandAsItGoes) {
  TempDir dir;
  // 40 million periods were a 160 MB path; now a few MB whatever the length.
  auto r = Shell(
      "\"$INVPLAN\" simulate -q --base-stock 10 --demand poisson:5 --periods 40000000 "
      "--replications 1 -o " +
          dir.File("s.json"),
      120, 120);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(ReadFile(dir.File("s.json")), "\"periods\": 40000000")) << r.err;
}

TEST(Hostile, ForecastsLargerThanTheMemoryLimitAreRefused) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", kHostileSales);
  auto r = Shell("\"$INVPLAN\" forecast -q -i " + in +
                 " --model naive --horizon 100000 --max-memory 4M -o " + dir.File("f.json"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err, "2 series × 100000 periods need about")) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("f.json")));
}

TEST(Hostile, PlanFileMustBeSmallText) {
  auto r = Shell("\"$INVPLAN\" run --config /dev/zero", 512, 20);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(Contains(r.err, "/dev/zero: larger than 1 MiB")) << r.err;
}

// M5/M6: a policy file's environment is range-checked as read: out of range is
// an artifact error (exit 4) naming the field, never a truncated integer or a
// complaint about an option that was not given.
TEST(Hostile, PolicyEnvironmentOutOfRange) {
  TempDir dir;
  const std::string policy = dir.File("p.json");
  auto trained =
      Shell("\"$INVPLAN\" train-rl -q --demand poisson:3 --method base-stock -o " + policy);
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  const std::string text = ReadFile(policy);
  const struct {
    std::string from, to, message;
  } cases[] = {
      {"\"lead_time\":0", "\"lead_time\":50", "environment.lead_time"},
      {"\"max_inventory\":11", "\"max_inventory\":4294967297", "environment.max_inventory"},
      {"\"unit\":1,", "\"unit\":1000000000,", "environment.unit 1000000000"},
      // Found by fuzz_policy: a field of the wrong type ended as an internal error.
      {"\"spec\":\"poisson:3\"", "\"spec\":3", "type must be string, but is number"},
  };
  for (const auto& c : cases) {
    std::string edited = text;
    const std::size_t at = edited.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    edited.replace(at, c.from.size(), c.to);
    const std::string path = dir.Write("edited.json", edited);
    auto r = Shell("\"$INVPLAN\" simulate -q --policy " + path + " -o " + dir.File("s.json"), 512);
    EXPECT_EQ(r.exit_code, 4) << c.to << ": " << r.err;
    EXPECT_TRUE(Contains(r.err, c.message)) << r.err;
    EXPECT_FALSE(testing::Exists(dir.File("s.json")));
  }
}

}  // namespace
}  // namespace invplan
