// libFuzzer target: a configuration file (--config, a plan file) on arbitrary
// bytes: the small-text check, then CLI11's TOML/INI reader on what passes it.
#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/config_text.h"
#include "invplan/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream input(std::string(reinterpret_cast<const char*>(data), size));
  try {
    std::istringstream text(invplan::ReadConfigText(input, "fuzz.toml"));
    CLI::ConfigTOML().from_config(text);
  } catch (const invplan::Error&) {
  } catch (const CLI::Error&) {
  }
  return 0;
}
