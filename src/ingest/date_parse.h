// Reading dates from export files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace invplan {

// Parses an ISO date: YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS[.fff]] (also with 'T' and a
// trailing 'Z'), or YYYY-MM (the first of the month). The time of day is dropped.
bool ParseIsoDate(std::string_view text, std::int64_t* day);

// Parses `text` with a strftime-style format: %Y (4-digit year), %y (2-digit year,
// 69-99 → 19xx, 00-68 → 20xx), %m, %d (1 or 2 digits), %b/%B (month name, English),
// %H, %M, %S (checked and dropped), %% and literal characters. The whole text must
// match. Returns false on mismatch or an impossible date.
bool ParseDateWithFormat(std::string_view text, std::string_view format, std::int64_t* day);

// Checks a format for unsupported directives; returns an error message or "".
std::string CheckDateFormat(std::string_view format);

}  // namespace invplan
