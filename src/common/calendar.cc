// Calendar arithmetic for invplan/panel.h. Civil-date conversions follow Howard
// Hinnant's days_from_civil / civil_from_days algorithms.
#include <cstdio>

#include "invplan/panel.h"

namespace invplan {

const char* FrequencyCode(Frequency f) {
  switch (f) {
    case Frequency::kDay:
      return "D";
    case Frequency::kWeek:
      return "W";
    case Frequency::kMonth:
      return "M";
    case Frequency::kQuarter:
      return "Q";
    case Frequency::kYear:
      return "Y";
  }
  return "D";
}

bool ParseFrequency(std::string_view t, Frequency* f) {
  if (t == "D" || t == "d" || t == "day" || t == "daily") {
    *f = Frequency::kDay;
  } else if (t == "W" || t == "w" || t == "week" || t == "weekly") {
    *f = Frequency::kWeek;
  } else if (t == "M" || t == "m" || t == "month" || t == "monthly") {
    *f = Frequency::kMonth;
  } else if (t == "Q" || t == "q" || t == "quarter" || t == "quarterly") {
    *f = Frequency::kQuarter;
  } else if (t == "Y" || t == "y" || t == "year" || t == "yearly" || t == "A") {
    *f = Frequency::kYear;
  } else {
    return false;
  }
  return true;
}

int SeasonalPeriod(Frequency f) {
  switch (f) {
    case Frequency::kDay:
      return 7;
    case Frequency::kWeek:
      return 52;
    case Frequency::kMonth:
      return 12;
    case Frequency::kQuarter:
      return 4;
    case Frequency::kYear:
      return 1;
  }
  return 1;
}

std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, int* year, int* month, int* day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(y + (m <= 2));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

namespace {
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
// 1969-12-29, a Monday, is day -3.
constexpr std::int64_t kFirstMonday = -3;
}  // namespace

std::int64_t PeriodOfDay(std::int64_t day, Frequency f) {
  if (f == Frequency::kDay) return day;
  if (f == Frequency::kWeek) return FloorDiv(day - kFirstMonday, 7);
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  std::int64_t months = (static_cast<std::int64_t>(y) - 1970) * 12 + (m - 1);
  if (f == Frequency::kMonth) return months;
  if (f == Frequency::kQuarter) return FloorDiv(months, 3);
  return y - 1970;
}

std::int64_t PeriodStartDay(std::int64_t period, Frequency f) {
  switch (f) {
    case Frequency::kDay:
      return period;
    case Frequency::kWeek:
      return kFirstMonday + 7 * period;
    case Frequency::kMonth:
    case Frequency::kQuarter: {
      std::int64_t months = f == Frequency::kMonth ? period : 3 * period;
      std::int64_t y = 1970 + FloorDiv(months, 12);
      int m = static_cast<int>(months - (y - 1970) * 12) + 1;
      return DaysFromCivil(static_cast<int>(y), m, 1);
    }
    case Frequency::kYear:
      return DaysFromCivil(static_cast<int>(1970 + period), 1, 1);
  }
  return period;
}

std::string FormatDay(std::int64_t day) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string FormatPeriod(std::int64_t period, Frequency f) {
  return FormatDay(PeriodStartDay(period, f));
}

std::int64_t LastWritablePeriod(Frequency f) {
  return PeriodOfDay(DaysFromCivil(9999, 12, 31), f);
}

bool ParseIsoDay(std::string_view t, std::int64_t* day) {
  auto digits = [&](std::size_t pos, std::size_t n, int* out) {
    if (pos + n > t.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      v = v * 10 + (t[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, m, d = 1;
  if (!digits(0, 4, &y) || t.size() < 7 || t[4] != '-' || !digits(5, 2, &m)) return false;
  if (t.size() > 7) {
    if (t[7] != '-' || !digits(8, 2, &d)) return false;
    if (t.size() > 10 && t[10] != ' ' && t[10] != 'T') return false;
  }
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int dim = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > dim) return false;
  *day = DaysFromCivil(y, m, d);
  return true;
}

int Panel::ExtraIndex(std::string_view name) const {
  for (std::size_t i = 0; i < extra_names.size(); ++i) {
    if (extra_names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace invplan
