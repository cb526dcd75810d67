// The census of another shard's series when that is all the closure rule needs
// (closures.h: no holiday/open/closed column, and no negative quantities kept):
// the periods the series covers and, one bit per period, whether it sold. 1/96
// of the cells a series would otherwise take (12 bytes per period and column).
#pragma once

#include <cstdint>
#include <vector>

namespace invplan {

class SoldBits {
 public:
  // A row in `period`; `sold`: its quantity is above 0.
  void Add(std::int64_t period, bool sold) {
    if (empty()) {
      base_ = period & ~std::int64_t{63};
      first_ = last_ = period;
    }
    if (period < base_) {  // rare: rows before the first one seen
      const std::int64_t nb = period & ~std::int64_t{63};
      words_.insert(words_.begin(), static_cast<std::size_t>((base_ - nb) >> 6), 0);
      base_ = nb;
    }
    const auto i = static_cast<std::size_t>((period - base_) >> 6);
    if (i >= words_.size()) words_.resize(i + 1, 0);
    if (sold) words_[i] |= std::uint64_t{1} << ((period - base_) & 63);
    if (period < first_) first_ = period;
    if (period > last_) last_ = period;
  }
  bool empty() const { return last_ < first_; }
  std::int64_t first() const { return first_; }
  std::int64_t last() const { return last_; }
  bool Sold(std::int64_t p) const {
    const auto i = static_cast<std::size_t>((p - base_) >> 6);
    return i < words_.size() && (words_[i] >> ((p - base_) & 63) & 1) != 0;
  }
  // The same series at a coarser frequency: a period sold when one of its days did
  // (quantities are never negative here, so a sum above 0 is a day above 0).
  template <typename Map>
  SoldBits RolledUp(Map map) const {
    SoldBits out;
    for (std::int64_t p = first_; p <= last_; ++p) {
      const bool sold = Sold(p);
      if (sold || p == first_ || p == last_) out.Add(map(p), sold);
    }
    return out;
  }
  // 1 where the series sold, 0 elsewhere, over [first(), last()].
  std::vector<double> Quantities() const {
    std::vector<double> q(empty() ? 0 : static_cast<std::size_t>(last_ - first_ + 1));
    for (std::size_t t = 0; t < q.size(); ++t) q[t] = Sold(first_ + static_cast<std::int64_t>(t));
    return q;
  }

 private:
  std::int64_t base_ = 0;  // period of bit 0 of words_[0], a multiple of 64
  std::int64_t first_ = 0, last_ = -1;
  std::vector<std::uint64_t> words_;
};

}  // namespace invplan
