// The report in a real browser: headless Chromium renders the report of a run
// on the demo data (a fast forecast model, with a backtest). The page's own
// self-check (opened with #selftest) reports, in the DOM after its scripts:
// script errors, one chart per listed SKU, the orders table's rows, sorting,
// the supplier filter and the search. A screenshot must not be blank.
// Skipped, saying so, only where no chromium is installed (scripts/deps.sh
// installs it where it can).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.h"

namespace invplan {
namespace {

using testing::ReadFile;
using testing::RunInvplan;
using testing::TempDir;

std::string FindChromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return name;
  }
  return "";
}

// Runs a shell command; returns its exit status and fills out/err.
int Shell(const std::string& cmd, const TempDir& dir, std::string* out, std::string* err) {
  const std::string o = dir.File("sh.out"), e = dir.File("sh.err");
  const int status = std::system((cmd + " >'" + o + "' 2>'" + e + "'").c_str());
  *out = ReadFile(o);
  *err = ReadFile(e);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::string(from).size(), to);
    }
  }
  return s;
}

TEST(ReportBrowser, DemoReportRendersAndItsScriptsWork) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // The page, not memory safety, is under test: the Release build runs it (four
  // times faster than under a sanitizer).
  GTEST_SKIP() << "runs in the Release build";
#endif
  const std::string chromium = FindChromium();
  if (chromium.empty()) {
    GTEST_SKIP() << "SKIPPED: chromium is not installed (apt-get install chromium); the "
                    "report's browser check did not run";
  }
  TempDir dir;
  if (!testing::Exists(testing::RepoPath("data/sales.csv"))) {
    ASSERT_EQ(std::system(("python3 '" + testing::RepoPath("scripts/gen_demo_data.py") +
                           "' --out '" + testing::RepoPath("data") + "' >/dev/null")
                              .c_str()),
              0);
  }
  // The demo plan (data/plan.toml) with a fast model and a backtest.
  const std::string data = testing::RepoPath("data/");
  const std::string plan =
      dir.Write("plan.toml", "[run]\nsales = \"" + data + "sales.csv\"\nitems = \"" + data +
                                 "items.csv\"\nsupplier-min = \"" + data +
                                 "supplier_minimums.csv\"\nout = \"" + dir.File("out") +
                                 "\"\n[clean]\nfill = \"zero\"\n[forecast]\nmodel = \"tsb\"\n"
                                 "horizon = 28\nholdout = 28\n[detect]\ncontamination = 0.005\n"
                                 "[optimize]\nbudget = 3000\ncapacity = 25\n");
  auto r = RunInvplan("run --config " + plan + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = dir.File("report.html");
  r = RunInvplan("report --run " + dir.File("out") + " -o " + page);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // "... (1.23 MB, ...): N of 200 SKUs with a section, L order lines, ..."
  const std::size_t of = r.err.find(" of 200 SKUs with a section");
  ASSERT_NE(of, std::string::npos) << r.err;
  const std::size_t colon = r.err.rfind(": ", of);
  const int listed = std::stoi(r.err.substr(colon + 2, of - colon - 2));
  const nlohmann::json orders = nlohmann::json::parse(ReadFile(dir.File("out/latest/orders.json")));
  const std::size_t lines = orders["lines"].size();
  ASSERT_GT(listed, 0);
  ASSERT_GT(lines, 1u) << "the sorting check needs two order lines";

  const std::string flags = chromium +
                            " --headless --disable-gpu --no-sandbox --no-first-run "
                            "--user-data-dir='" +
                            dir.File("profile") + "' --enable-logging=stderr --v=0 ";
  std::string out, err;
  ASSERT_EQ(
      Shell("timeout 120 " + flags + "--dump-dom 'file://" + page + "#selftest'", dir, &out, &err),
      0)
      << err;
  const std::size_t a = out.find("SELFTEST {"), b = out.find("} END", a) + 1;
  ASSERT_NE(a, std::string::npos) << "no self-check result in the DOM; stderr:\n" << err;
  const nlohmann::json result = nlohmann::json::parse(Unescape(out.substr(a + 9, b - a - 9)));
  EXPECT_TRUE(result["errors"].empty()) << result.dump();
  EXPECT_EQ(err.find("Uncaught"), std::string::npos) << err;
  EXPECT_EQ(err.find("Refused to"), std::string::npos) << err;  // a blocked load
  EXPECT_EQ(result["skuSections"], listed);
  EXPECT_EQ(result["indexEntries"], listed);
  EXPECT_EQ(result["skuSectionsWithOneChart"], listed);
  EXPECT_EQ(result["orderRows"], lines);
  EXPECT_EQ(result["sortAscending"], true) << result.dump();
  EXPECT_EQ(result["sortDescending"], true) << result.dump();
  EXPECT_EQ(result["filterWorks"], true) << result.dump();
  EXPECT_GE(result["searchShows"].get<int>(), 1) << result.dump();

  const std::string shot = dir.File("shot.png");
  ASSERT_EQ(Shell("timeout 120 " + flags + "--window-size=1200,1400 --screenshot='" + shot +
                      "' 'file://" + page + "'",
                  dir, &out, &err),
            0)
      << err;
  ASSERT_EQ(Shell("python3 '" + testing::RepoPath("tests/cli/png_check.py") + "' '" + shot + "'",
                  dir, &out, &err),
            0)
      << err;
  // "1200x1400 non-white=F colours=N"
  std::istringstream in(out.substr(out.find("non-white=") + 10));
  double non_white = 0;
  in >> non_white;
  const int colours = std::stoi(out.substr(out.find("colours=") + 8));
  EXPECT_GT(non_white, 0.03) << out;
  EXPECT_GT(colours, 20) << out;
}

}  // namespace
}  // namespace invplan
