#include "ingest/accumulator.h"

#include <algorithm>
#include <cmath>

namespace invplan {

void SeriesAccumulator::Cover(std::int64_t p) {
  if (cells_.empty()) {
    base_ = p;
    lo_ = 0;
    hi_ = 1;
    cells_.assign(1, Cell{});
    extra_.assign(num_extras_, ExtraCell{});
    return;
  }
  std::int64_t idx = p - base_;
  if (idx >= 0 && idx < static_cast<std::int64_t>(cells_.size())) {
    lo_ = std::min(lo_, idx);
    hi_ = std::max(hi_, idx + 1);
    return;
  }
  // Grow with headroom on the side that ran out, so repeated growth is amortised.
  std::int64_t size = static_cast<std::int64_t>(cells_.size());
  std::int64_t new_base = base_, new_size = size;
  if (idx < 0) {
    new_base = p - std::max<std::int64_t>(size, 16);
    new_size = size + (base_ - new_base);
  } else {
    new_size = std::max<std::int64_t>(idx + 1, 2 * size);
  }
  std::size_t shift = static_cast<std::size_t>(base_ - new_base);
  std::vector<Cell> c(static_cast<std::size_t>(new_size));
  std::vector<ExtraCell> e(static_cast<std::size_t>(new_size) * num_extras_);
  std::copy(cells_.begin(), cells_.end(), c.begin() + static_cast<std::ptrdiff_t>(shift));
  std::copy(extra_.begin(), extra_.end(),
            e.begin() + static_cast<std::ptrdiff_t>(shift * num_extras_));
  cells_.swap(c);
  extra_.swap(e);
  lo_ += static_cast<std::int64_t>(shift);
  hi_ += static_cast<std::int64_t>(shift);
  base_ = new_base;
  idx = p - base_;
  lo_ = std::min(lo_, idx);
  hi_ = std::max(hi_, idx + 1);
}

void SeriesAccumulator::Add(std::int64_t period, std::int64_t day, double qty, std::uint32_t line,
                            const double* extras) {
  Cover(period);
  std::size_t i = Index(period);
  Cell& c = cells_[i];
  c.qty += qty;
  if (c.count == 0) c.line = line;
  ++c.count;
  ++rows_;
  for (std::size_t k = 0; k < num_extras_; ++k) {
    double v = extras[k];
    if (std::isnan(v)) continue;
    ExtraCell& cell = extra_[i * num_extras_ + k];
    cell.sum += v;
    ++cell.count;
    if (day >= cell.last_day) {
      cell.last = v;
      cell.last_day = day;
    }
  }
}

}  // namespace invplan
