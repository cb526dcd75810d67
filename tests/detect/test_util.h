// Helpers for the detect tests: temporary files and reading artifacts back.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace invplan::detect::testing {

// A fresh directory under the system's temporary directory, removed with its
// files at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/invplan-detect-test-XXXXXX";
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(File(name)) << text;
    return File(name);
  }

 private:
  std::string path_;
};

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline nlohmann::ordered_json ReadJson(const std::string& path) {
  return nlohmann::ordered_json::parse(ReadText(path));
}

inline bool Exists(const std::string& path) {
  return access(path.c_str(), F_OK) == 0;
}

}  // namespace invplan::detect::testing
