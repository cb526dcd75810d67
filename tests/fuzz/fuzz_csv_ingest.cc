// libFuzzer target: CSV ingest (reader, chunk parsing, aggregation, cleaning) on
// arbitrary bytes. Errors of the documented kinds are fine; a crash, a sanitizer
// report or another exception is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/read_panel.h"
#include "invplan/error.h"
#include "invplan/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/invplan-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  invplan::IngestOptions o;
  o.input = path;
  o.on_bad_row = invplan::BadRowPolicy::kSkip;
  o.max_memory = "256M";
  try {
    invplan::IngestReport report;
    // Small chunks cut records at many places.
    invplan::Panel panel = invplan::ReadPanelThreaded(o, 1, &report, nullptr, 64);
    invplan::CleanPanel(&panel, invplan::CleanOptions{}, 1, &report);
  } catch (const invplan::Error&) {
  }
  return 0;
}
