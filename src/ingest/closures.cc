#include "ingest/closures.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace invplan {

int ExtraIndexAnyCase(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    if (n.size() != name.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < n.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(n[k])) ==
             std::tolower(static_cast<unsigned char>(name[k]));
    }
    if (same) return static_cast<int>(i);
  }
  return -1;
}

ClosureFinder::ClosureFinder(const std::vector<std::string>& extra_names, std::int64_t first,
                             std::int64_t last)
    : first_(first), periods_(last >= first ? static_cast<std::size_t>(last - first + 1) : 0) {
  holiday_ = ExtraIndexAnyCase(extra_names, "holiday");
  open_ = ExtraIndexAnyCase(extra_names, "open");
  closed_ = ExtraIndexAnyCase(extra_names, "closed");
  closed_added_ = closed_ < 0;
  closed_col_ = closed_ < 0 ? extra_names.size() : static_cast<std::size_t>(closed_);
}

bool ClosureFinder::ClosedByColumn(const Series& s, std::size_t t) const {
  if (closed_ >= 0) {
    const double v = s.extras[static_cast<std::size_t>(closed_)][t];
    if (!std::isnan(v) && v > 0) return true;
  }
  if (open_ >= 0) {
    const double v = s.extras[static_cast<std::size_t>(open_)][t];
    if (!std::isnan(v) && v == 0) return true;
  }
  return false;
}

void ClosureFinder::Count(const Series& s) {
  if (s.quantity.empty()) return;
  Counts& c = by_location_[s.location];
  if (c.active.empty()) {
    for (auto* v : {&c.active, &c.zero, &c.holiday, &c.holiday_seen}) v->assign(periods_, 0);
  }
  for (std::size_t t = 0; t < s.quantity.size(); ++t) {
    const auto i = static_cast<std::size_t>(s.start - first_) + t;
    ++c.active[i];
    const double q = s.quantity[t];
    if (std::isnan(q) || q == 0) ++c.zero[i];
    if (holiday_ >= 0) {
      const double h = s.extras[static_cast<std::size_t>(holiday_)][t];
      if (!std::isnan(h)) {
        ++c.holiday_seen[i];
        if (h > 0) ++c.holiday[i];
      }
    }
    if (ClosedByColumn(s, t)) any_closed_ = true;
  }
}

void ClosureFinder::Decide() {
  for (auto& [location, c] : by_location_) {
    c.closed.assign(c.active.size(), 0);
    // The usual number of series with sales in a period of this location.
    std::vector<std::uint32_t> selling;
    for (std::size_t i = 0; i < c.active.size(); ++i) {
      if (c.active[i] > 0) selling.push_back(c.active[i] - c.zero[i]);
    }
    if (selling.empty()) continue;
    std::nth_element(selling.begin(),
                     selling.begin() + static_cast<std::ptrdiff_t>(selling.size() / 2),
                     selling.end());
    const double usual = selling[selling.size() / 2];
    for (std::size_t i = 0; i < c.active.size(); ++i) {
      const std::size_t n = c.active[i];
      const double sold = static_cast<double>(n - c.zero[i]);
      if (n == 0 || sold > (1.0 - kClosedShare) * static_cast<double>(n) ||
          sold > kClosedUsualShare * usual) {
        continue;
      }
      const bool holiday = c.holiday_seen[i] > 0 && 2 * c.holiday[i] > c.holiday_seen[i];
      if (n >= kClosedMinSeries || (holiday && n >= kClosedMinHolidaySeries)) {
        c.closed[i] = 1;
        any_closed_ = true;
      }
    }
  }
}

std::uint64_t ClosureFinder::ClosedShopPeriods() const {
  std::uint64_t n = 0;
  for (const auto& [location, c] : by_location_) {
    n += static_cast<std::uint64_t>(std::count(c.closed.begin(), c.closed.end(), 1));
  }
  return n;
}

std::uint64_t ClosureFinder::Mark(Series* s) const {
  if (!any_closed_) return 0;
  const std::size_t n = s->quantity.size();
  if (closed_added_) s->extras.emplace_back(n, 0.0);
  std::vector<double>& mark = s->extras[closed_col_];
  auto it = by_location_.find(s->location);
  const Counts* c = it == by_location_.end() ? nullptr : &it->second;
  std::uint64_t closed = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double q = s->quantity[t];
    bool shut = ClosedByColumn(*s, t);
    if (!shut && c && (std::isnan(q) || q == 0)) {
      const std::int64_t i = s->start + static_cast<std::int64_t>(t) - first_;
      shut = i >= 0 && i < static_cast<std::int64_t>(c->closed.size()) &&
             c->closed[static_cast<std::size_t>(i)];
    }
    mark[t] = shut ? 1.0 : 0.0;
    if (shut) {
      s->quantity[t] = std::numeric_limits<double>::quiet_NaN();
      ++closed;
    }
  }
  return closed;
}

}  // namespace invplan
