// Text parsing shared by every option table (invplan/options.h). Strict on
// purpose: "5x", "1.5" for a whole number or "" are refused, never truncated.
#include "invplan/options.h"

#include <cmath>

#include "common/csv_reader.h"

namespace invplan::option_text {
namespace {

Error Bad(const std::string& name, const std::string& what) {
  return Error(ErrorKind::kUsage, "--" + name + ": " + what);
}

}  // namespace

long long ParseInteger(const std::string& name, const std::string& text) {
  double v = 0;
  // Integers beyond 2^53 are not options anyone needs; parsing through the
  // number reader keeps one grammar (and accepts 1e6).
  if (!invplan::ParseNumber(text, &v) || !std::isfinite(v) || v != std::floor(v) ||
      std::fabs(v) > 9.0e15) {
    throw Bad(name, "expected a whole number, got \"" + text + "\"");
  }
  return static_cast<long long>(v);
}

double ParseNumber(const std::string& name, const std::string& text) {
  double v = 0;
  if (!invplan::ParseNumber(text, &v) || !std::isfinite(v)) {
    throw Bad(name, "expected a number, got \"" + text + "\"");
  }
  return v;
}

bool ParseBool(const std::string& name, const std::string& text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on" || text.empty()) return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  throw Bad(name, "expected true or false, got \"" + text + "\"");
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    out.push_back(
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out;
}

std::string Number(double value) {
  return FormatDouble(value);
}

std::string Choices(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? "|" : "") + words[i];
  return out;
}

void CheckRange(const std::string& name, double value, std::optional<double> lo,
                std::optional<double> hi, bool lo_open, bool hi_open) {
  const bool below = lo && (lo_open ? !(value > *lo) : !(value >= *lo));
  const bool above = hi && (hi_open ? !(value < *hi) : !(value <= *hi));
  if (!below && !above) return;
  std::string range;
  if (lo && hi) {
    range = std::string("must be in ") + (lo_open ? "(" : "[") + Number(*lo) + ", " + Number(*hi) +
            (hi_open ? ")" : "]");
  } else if (lo) {
    range = std::string("must be ") + (lo_open ? "> " : ">= ") + Number(*lo);
  } else {
    range = std::string("must be ") + (hi_open ? "< " : "<= ") + Number(*hi);
  }
  throw Bad(name, range + ", got " + Number(value));
}

}  // namespace invplan::option_text
