#include "common/config_text.h"

#include "invplan/error.h"

namespace invplan {

std::string ReadConfigText(std::istream& input, const std::string& name) {
  // One read of a bounded size: getline on a file without line breaks would not stop.
  std::string text(kMaxConfigBytes + 1, '\0');
  input.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(input.gcount()));
  if (text.size() > kMaxConfigBytes) {
    throw UsageError(name + ": larger than " + std::to_string(kMaxConfigBytes >> 20) +
                     " MiB; expected a small TOML/INI text file");
  }
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  std::size_t line = 1;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') ++line;
    if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f) {
      throw UsageError(name + ": line " + std::to_string(line) +
                       ": not a text file (control character " + std::to_string(u) +
                       "); expected TOML/INI text");
    }
  }
  return text;
}

}  // namespace invplan
