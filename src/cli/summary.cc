#include <cstdio>

#include "cli/command.h"
#include "common/log.h"

namespace invplan::cli {

void Summary(const Context& ctx, const std::string& text) {
  // A summary is information: --log-level warn, error or off silences it as -q does.
  const std::string& level = ctx.global.log_level;
  if (ctx.global.quiet || level == "warn" || level == "error" || level == "off") return;
  std::fputs(SummaryLines(text).c_str(), stderr);
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
