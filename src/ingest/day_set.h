// The set of distinct days seen while reading, for inferring the frequency: one
// bit per day of the years 1..9999 (about 450 KB, allocated on first use).
#pragma once

#include <cstdint>
#include <vector>

#include "invplan/panel.h"

namespace invplan {

class DaySet {
 public:
  void Insert(std::int64_t day) {
    if (bits_.empty()) bits_.assign(static_cast<std::size_t>((Max() - Min()) / 64 + 1), 0);
    const std::uint64_t i = static_cast<std::uint64_t>(day - Min());
    bits_[i / 64] |= std::uint64_t(1) << (i % 64);
  }
  // Calls fn(day) for each day in the set, in increasing order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (std::size_t w = 0; w < bits_.size(); ++w) {
      for (std::uint64_t b = bits_[w]; b != 0; b &= b - 1) {
        fn(Min() +
           static_cast<std::int64_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(b))));
      }
    }
  }

 private:
  static std::int64_t Min() { return DaysFromCivil(1, 1, 1); }
  static std::int64_t Max() { return DaysFromCivil(9999, 12, 31); }
  std::vector<std::uint64_t> bits_;
};

}  // namespace invplan
