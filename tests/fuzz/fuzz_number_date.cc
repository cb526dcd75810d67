// libFuzzer target: the number and date parsers on arbitrary bytes. The first
// byte picks a date format for ParseDateWithFormat; the rest is the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/csv_reader.h"
#include "ingest/date_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* kFormats[] = {"%Y-%m-%d", "%m/%d/%y", "%d %b %Y", "%Y%m%d %H:%M:%S", "%%%d"};
  if (size == 0) return 0;
  const std::string_view format = kFormats[data[0] % 5];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  double value;
  invplan::ParseNumber(text, &value);
  std::int64_t day;
  invplan::ParseIsoDate(text, &day);
  invplan::ParseDateWithFormat(text, format, &day);
  invplan::CheckDateFormat(text);
  return 0;
}
