#include "ingest/accumulator.h"

#include <algorithm>

namespace invplan {

void SeriesAccumulator::Cover(std::int64_t p) {
  std::int64_t idx = p - base_;
  const std::int64_t size = static_cast<std::int64_t>(slots_.size() / stride_);
  if (idx >= 0 && idx < size) {
    lo_ = std::min(lo_, idx);
    hi_ = std::max(hi_, idx + 1);
    return;
  }
  if (slots_.empty()) {
    base_ = p;
    lo_ = 0;
    hi_ = 1;
    slots_.assign(stride_, Slot{0.0, 0, 0});
    return;
  }
  // Grow with headroom on the side that ran out, so repeated growth is amortised.
  std::int64_t new_base = base_, new_size = size;
  if (idx < 0) {
    new_base = p - std::max<std::int64_t>(size, 16);
    new_size = size + (base_ - new_base);
  } else {
    new_size = std::max<std::int64_t>(idx + 1, 2 * size);
  }
  const std::size_t shift = static_cast<std::size_t>(base_ - new_base);
  std::vector<Slot> grown(static_cast<std::size_t>(new_size) * stride_, Slot{0.0, 0, 0});
  std::copy(slots_.begin(), slots_.end(),
            grown.begin() + static_cast<std::ptrdiff_t>(shift * stride_));
  slots_.swap(grown);
  lo_ += static_cast<std::int64_t>(shift);
  hi_ += static_cast<std::int64_t>(shift);
  base_ = new_base;
  idx = p - base_;
  lo_ = std::min(lo_, idx);
  hi_ = std::max(hi_, idx + 1);
}

double SeriesAccumulator::extra(std::int64_t p, std::size_t k) const {
  const Slot& s = slots_[Index(p) + 1 + k];
  if (s.count == 0) return std::numeric_limits<double>::quiet_NaN();
  return (*aggs_)[k] == ExtraAgg::kMean ? s.value / s.count : s.value;
}

}  // namespace invplan
