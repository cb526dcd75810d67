// Reading a configuration file (a --config file, a plan file) as what it must be:
// a small text file.
//
// Contract: ReadConfigText reads at most kMaxConfigBytes (1 MiB) from `input`
// and returns the text with a UTF-8 byte order mark dropped. More than that, or a
// NUL or other control character but tab and line breaks, throws
// Error(kUsage) naming `name` (and the line of the control character), so
// `--config /dev/zero` or a binary file is refused at once instead of being
// read at length and then half-understood.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace invplan {

constexpr std::size_t kMaxConfigBytes = std::size_t(1) << 20;

std::string ReadConfigText(std::istream& input, const std::string& name);

}  // namespace invplan
