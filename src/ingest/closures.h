// Closed periods: days (or weeks, ...) the shop was shut. Their zero sales are not
// demand, not a stock-out and not a gap to fill: ingest marks them and every later
// stage treats them as missing.
//
// With --closures auto (the default) a period of a series is closed when
//  * the data says so: an extra column `closed` (any case) above 0, or `open`
//    (any case, Rossmann's `Open`) equal to 0, in that series and period; or
//  * the whole shop sold nothing: at least kClosedShare of the series active then
//    (their range covers the period; with a location column, those of the same
//    location) sold nothing or have no row, and either at least kClosedMinSeries
//    series are active, or the period is a holiday (`holiday` column above 0 in
//    most rows of the period) with at least kClosedMinHolidaySeries active. Then
//    every active series that sold nothing is closed; one that did sell is not.
//    In sparse data, where few series sell in any period, a quiet period is no
//    closure: the series that sold must also be at most kClosedUsualShare of the
//    median number that sell in a period of the location.
// The mark: the quantity of a closed period is NaN (missing) in the panel, and the
// extra column `closed` (added when the input has none and some period is closed)
// is 1 there and 0 elsewhere. Cleaning leaves closed periods unfilled; the cleaned
// CSV writes them as quantity 0 with closed = 1, which reads back as closed.
// --closures none turns all of this off.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "invplan/panel.h"

namespace invplan {

constexpr double kClosedShare = 0.95;
constexpr std::size_t kClosedMinSeries = 20;
constexpr std::size_t kClosedMinHolidaySeries = 3;
constexpr double kClosedUsualShare = 0.1;

// Index of the extra column named `name` in any case, or -1.
int ExtraIndexAnyCase(const std::vector<std::string>& names, const std::string& name);

// Two passes over the series of a panel before they are cleaned: Count() every
// series (quantities as read: NaN for a period without rows), Decide(), then
// Mark() each series.
class ClosureFinder {
 public:
  // `extra_names`: the panel's extra columns as read; every series lies within
  // periods [first, last].
  ClosureFinder(const std::vector<std::string>& extra_names, std::int64_t first, std::int64_t last);

  void Count(const Series& s);
  void Decide();
  // True when some series has a closed period: the panel then needs the
  // `closed` column (ClosedColumn()).
  bool AnyClosed() const { return any_closed_; }
  // Index the `closed` column has (or will have, appended) among the extras.
  std::size_t ClosedColumn() const { return closed_col_; }
  bool ClosedColumnAdded() const { return closed_added_; }
  // Marks the closed periods of `s` (its extras as read; the `closed` column is
  // appended when ClosedColumnAdded()); returns how many.
  std::uint64_t Mark(Series* s) const;
  // Shop-wide closed periods (location, period), for the report.
  std::uint64_t ClosedShopPeriods() const;

 private:
  // Per period of a location, from first_.
  struct Counts {
    std::vector<std::uint32_t> active, zero, holiday, holiday_seen;
    std::vector<char> closed;
  };
  bool ClosedByColumn(const Series& s, std::size_t t) const;
  std::int64_t first_ = 0;
  std::size_t periods_ = 0;
  int holiday_ = -1, open_ = -1, closed_ = -1;
  std::size_t closed_col_ = 0;
  bool closed_added_ = false;
  bool any_closed_ = false;
  std::map<std::string, Counts> by_location_;
};

}  // namespace invplan
