#include "ingest/memory_budget.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>

#include "invplan/error.h"

namespace invplan {

namespace {

// The memory this process may use: physical memory, or less where an address
// space limit (ulimit -v) or a cgroup v2 limit (a container) says so.
std::uint64_t AvailableMemory() {
  std::uint64_t bytes = std::uint64_t(8) << 30;
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) {
    bytes = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
  }
  struct rlimit as {};
  if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    bytes = std::min<std::uint64_t>(bytes, as.rlim_cur);
  }
  if (std::FILE* f = std::fopen("/sys/fs/cgroup/memory.max", "r")) {
    unsigned long long limit = 0;
    if (std::fscanf(f, "%llu", &limit) == 1 && limit > 0) {
      bytes = std::min<std::uint64_t>(bytes, limit);
    }
    std::fclose(f);
  }
  return bytes;
}

}  // namespace

std::uint64_t ResolveMaxMemory(const std::string& text) {
  if (text.empty()) return AvailableMemory() / 2;
  std::uint64_t value = 0;
  bool overflow = false;
  std::size_t i = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    const std::uint64_t digit = static_cast<std::uint64_t>(text[i] - '0');
    overflow = overflow || value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10;
    if (!overflow) value = value * 10 + digit;
  }
  int shift = 0;
  if (i + 1 == text.size()) {
    switch (std::toupper(static_cast<unsigned char>(text[i]))) {
      case 'K':
        shift = 10, ++i;
        break;
      case 'M':
        shift = 20, ++i;
        break;
      case 'G':
        shift = 30, ++i;
        break;
      case 'T':
        shift = 40, ++i;
        break;
      default:
        break;
    }
  }
  if (overflow || i != text.size() || value == 0 || value > (~std::uint64_t(0) >> shift)) {
    throw UsageError("--max-memory: expected a size such as 512M or 8G, got \"" + text + "\"");
  }
  return value << shift;
}

std::uint64_t PanelBytesEstimate(std::uint64_t periods, std::uint64_t extra_columns) {
  // Cells: 12 bytes per period and column (quantity + line, value + tag); the
  // assembled series: 12 bytes for quantity and line, 8 per extra column.
  const std::uint64_t per_period = 24 + 20 * extra_columns;
  if (periods != 0 && per_period > std::numeric_limits<std::uint64_t>::max() / periods) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return periods * per_period;
}

std::string FormatBytes(std::uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 6) v /= 1024, ++u;
  char buf[48];
  if (u == 0) {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  }
  return buf;
}

}  // namespace invplan
