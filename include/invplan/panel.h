// invplan/panel.h — the cleaned sales panel every stage works on, and its calendar.
//
// A panel holds one regular series per SKU (× location): consecutive periods of a
// single frequency from the SKU's first to its last active period. Periods are
// integers counted from 1970: days since 1970-01-01 (D), weeks since Monday
// 1969-12-29 (W, weeks start on Monday), months since 1970-01 (M), quarters since
// 1970Q1 (Q), years since 1970 (Y). A period is shown as the date of its first day.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace invplan {

enum class Frequency { kDay, kWeek, kMonth, kQuarter, kYear };

// "D", "W", "M", "Q", "Y".
const char* FrequencyCode(Frequency f);
// Accepts D|W|M|Q|Y (also lower case and day/week/month/quarter/year).
bool ParseFrequency(std::string_view text, Frequency* f);
// The usual seasonal period: D→7, W→52, M→12, Q→4, Y→1.
int SeasonalPeriod(Frequency f);

// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian).
std::int64_t DaysFromCivil(int year, int month, int day);
void CivilFromDays(std::int64_t days, int* year, int* month, int* day);
std::int64_t PeriodOfDay(std::int64_t day, Frequency f);
std::int64_t PeriodStartDay(std::int64_t period, Frequency f);
// YYYY-MM-DD.
std::string FormatDay(std::int64_t day);
// The first day of the period, YYYY-MM-DD.
std::string FormatPeriod(std::int64_t period, Frequency f);
// The last period whose first day is at most 9999-12-31: dates are written with
// four-digit years, so no artifact may hold a later period.
std::int64_t LastWritablePeriod(Frequency f);
// Parses YYYY-MM-DD (a time part after it is ignored) or YYYY-MM (the 1st).
bool ParseIsoDay(std::string_view text, std::int64_t* day);

struct Series {
  std::string sku;
  std::string location;    // empty when the input has no location column
  std::int64_t start = 0;  // period of quantity[0]
  // One value per period; NaN marks a missing value (only left by --fill none).
  std::vector<double> quantity;
  // extras[k][t]: extra column k (Panel::extra_names[k]) in period t; NaN = missing.
  std::vector<std::vector<double>> extras;
  // source_line[t]: first input line that contributed to period t, 0 if none
  // (a filled gap).
  std::vector<std::uint32_t> source_line;

  std::int64_t end() const { return start + static_cast<std::int64_t>(quantity.size()); }
};

struct Panel {
  Frequency frequency = Frequency::kDay;
  bool has_location = false;
  std::vector<std::string> extra_names;
  std::vector<Series> series;  // sorted by (sku, location)

  // Index of an extra column, or -1.
  int ExtraIndex(std::string_view name) const;
};

}  // namespace invplan
