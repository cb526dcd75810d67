// libFuzzer target: a policy artifact (train-rl's output) read by simulate on
// arbitrary bytes: the envelope, the environment, the demand and the table rows.
// A file that reads is simulated for a few periods, so what the reader let
// through must also be safe to run.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "invplan/error.h"
#include "invplan/rl.h"
#include "invplan/run_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/invplan-fuzz-policy-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  invplan::SimulateOptions o;
  o.policy_path = path;
  o.periods = 200;
  o.replications = 1;
  o.warmup = 0;
  o.output = "/dev/null";
  invplan::RunContext ctx;
  ctx.threads = 1;
  ctx.progress = false;
  try {
    invplan::RunSimulate(o, ctx);
  } catch (const invplan::Error&) {
  }
  return 0;
}
