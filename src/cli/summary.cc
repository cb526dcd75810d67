#include "cli/command.h"

#include <cstdio>

namespace invplan::cli {

void Summary(const Context& ctx, const std::string& text) {
  if (ctx.global.quiet) return;
  std::fprintf(stderr, "%s\n", text.c_str());
}

Json GlobalConfig(const GlobalOptions& global) {
  Json config = Json::object();
  config["log-level"] = global.log_level;
  config["quiet"] = global.quiet;
  config["threads"] = global.threads;
  config["seed"] = global.seed;
  return config;
}

}  // namespace invplan::cli
