#include "ingest/date_parse.h"

#include <cctype>

#include "invplan/panel.h"

namespace invplan {
namespace {

bool ValidDate(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Reads exactly `n` digits at `pos`.
bool Fixed(std::string_view t, std::size_t pos, std::size_t n, int* out) {
  if (pos + n > t.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    v = v * 10 + (t[i] - '0');
  }
  *out = v;
  return true;
}

// Reads 1..max_n digits at *pos, advancing it.
bool Digits(std::string_view t, std::size_t* pos, std::size_t max_n, int* out) {
  std::size_t start = *pos;
  int v = 0;
  while (*pos < t.size() && *pos - start < max_n && t[*pos] >= '0' && t[*pos] <= '9') {
    v = v * 10 + (t[*pos] - '0');
    ++*pos;
  }
  if (*pos == start) return false;
  *out = v;
  return true;
}

bool ParseTime(std::string_view t) {
  // HH:MM[:SS[.fff]][Z]
  int h, mi, s = 0;
  if (!Fixed(t, 0, 2, &h) || t.size() < 5 || t[2] != ':' || !Fixed(t, 3, 2, &mi)) return false;
  std::size_t pos = 5;
  if (pos < t.size() && t[pos] == ':') {
    if (!Fixed(t, pos + 1, 2, &s)) return false;
    pos += 3;
    if (pos < t.size() && t[pos] == '.') {
      ++pos;
      while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) ++pos;
    }
  }
  if (pos < t.size() && t[pos] == 'Z') ++pos;
  return pos == t.size() && h < 24 && mi < 60 && s <= 60;
}

const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                               "jul", "aug", "sep", "oct", "nov", "dec"};

}  // namespace

bool ParseIsoDate(std::string_view t, std::int64_t* day) {
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  int y, m, d = 1;
  if (t.size() < 7 || !Fixed(t, 0, 4, &y) || t[4] != '-' || !Fixed(t, 5, 2, &m)) return false;
  if (t.size() > 7) {
    if (t.size() < 10 || t[7] != '-' || !Fixed(t, 8, 2, &d)) return false;
    if (t.size() > 10) {
      if (t[10] != ' ' && t[10] != 'T') return false;
      if (!ParseTime(t.substr(11))) return false;
    }
  }
  if (!ValidDate(y, m, d)) return false;
  *day = DaysFromCivil(y, m, d);
  return true;
}

std::string CheckDateFormat(std::string_view f) {
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (i + 1 >= f.size()) return "date format ends with a lone '%'";
    char c = f[++i];
    if (std::string_view("YymdbBHMS%").find(c) == std::string_view::npos) {
      return std::string("date format directive %") + c +
             " is not supported (use %Y %y %m %d %b %B %H %M %S %%)";
    }
  }
  if (f.find("%d") == std::string_view::npos && f.find("%m") == std::string_view::npos &&
      f.find("%b") == std::string_view::npos && f.find("%B") == std::string_view::npos) {
    return "date format needs a month (%m or %b)";
  }
  return "";
}

bool ParseDateWithFormat(std::string_view t, std::string_view f, std::int64_t* day) {
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  int y = -1, m = -1, d = 1, scratch;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') {
      if (pos >= t.size() || t[pos] != f[i]) return false;
      ++pos;
      continue;
    }
    char c = f[++i];
    switch (c) {
      case 'Y':
        if (!Digits(t, &pos, 4, &y) || y < 1000) return false;
        break;
      case 'y':
        if (!Digits(t, &pos, 2, &y)) return false;
        y += y >= 69 ? 1900 : 2000;
        break;
      case 'm':
        if (!Digits(t, &pos, 2, &m)) return false;
        break;
      case 'd':
        if (!Digits(t, &pos, 2, &d)) return false;
        break;
      case 'b':
      case 'B': {
        std::size_t start = pos;
        while (pos < t.size() && std::isalpha(static_cast<unsigned char>(t[pos]))) ++pos;
        std::string name(t.substr(start, pos - start));
        if (name.size() < 3) return false;
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        m = -1;
        for (int k = 0; k < 12; ++k) {
          if (name.compare(0, 3, kMonths[k]) == 0) m = k + 1;
        }
        if (m < 0) return false;
        break;
      }
      case 'H':
      case 'M':
      case 'S':
        if (!Digits(t, &pos, 2, &scratch) || scratch > 60) return false;
        break;
      case '%':
        if (pos >= t.size() || t[pos] != '%') return false;
        ++pos;
        break;
      default:
        return false;
    }
  }
  if (pos != t.size() || y < 0 || m < 0 || !ValidDate(y, m, d)) return false;
  *day = DaysFromCivil(y, m, d);
  return true;
}

}  // namespace invplan
