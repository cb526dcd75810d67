// Helpers shared by the test programs: temporary directories and files, and
// running the CLI in-process.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace invplan::testing {

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "invplan-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(File(name), std::ios::binary) << text;
    return File(name);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Files under `root` whose names mark them temporary (".tmp"), recursively.
inline std::vector<std::string> TempFilesUnder(const std::string& root) {
  std::vector<std::string> found;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.path().filename().string().find(".tmp") != std::string::npos) {
      found.push_back(e.path().string());
    }
  }
  return found;
}

inline bool Exists(const std::string& path) {
  return std::filesystem::exists(path);
}

// Path of a file in the repository (tests run from the repository root).
inline std::string RepoPath(const std::string& rel) {
  return std::string(INVPLAN_SOURCE_DIR) + "/" + rel;
}

// Path of a shared real dataset, or "" when ../shared/data is not present.
inline std::string SharedData(const std::string& rel) {
  std::string p = std::string(INVPLAN_SOURCE_DIR) + "/../shared/data/" + rel;
  return std::filesystem::exists(p) ? p : "";
}

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs the built invplan binary through the shell with `args` (already quoted as
// needed) and optional standard input; captures stdout and stderr.
inline CommandResult RunInvplan(const std::string& args, const std::string& stdin_text = "") {
  char dir_tmpl[] = "/tmp/invplan-run-XXXXXX";
  std::string dir = ::mkdtemp(dir_tmpl);
  std::string in = dir + "/in", out = dir + "/out", err = dir + "/err";
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = std::string("'") + INVPLAN_BINARY + "' " + args + " <'" + in + "' >'" + out +
                    "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace invplan::testing
