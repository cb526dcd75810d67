// libFuzzer target: the artifact reader (envelope, depth limit, numbers) and the
// forecast artifact reader behind it, on arbitrary bytes.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "invplan/artifact.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/invplan-fuzz-artifact-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    invplan::Json doc = invplan::ReadJsonArtifact(path, "invplan.forecast", 2);
    invplan::DumpJson(doc, 1);
    invplan::ReadForecastArtifact(path);
  } catch (const invplan::Error&) {
  }
  return 0;
}
