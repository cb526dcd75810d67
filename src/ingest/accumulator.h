// Per-series accumulation of rows into periods while the file streams by. Periods
// may arrive in any order; the cell range grows in both directions.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace invplan {

enum class ExtraAgg { kMean, kSum, kLast };

struct ExtraCell {
  double sum = 0.0;
  double last = 0.0;
  std::int64_t last_day = std::numeric_limits<std::int64_t>::min();
  std::uint32_t count = 0;
};

class SeriesAccumulator {
 public:
  explicit SeriesAccumulator(std::size_t num_extras) : num_extras_(num_extras) {}

  // Adds one row. `extras[k]` is NaN when the row has no value for extra k.
  void Add(std::int64_t period, std::int64_t day, double qty, std::uint32_t line,
           const double* extras);
  // Merges the cells of `other` (aggregated at a finer frequency) into this one,
  // mapping each of its periods through `map`.
  template <typename Map>
  void RollUpFrom(const SeriesAccumulator& other, Map map);

  bool empty() const { return rows_ == 0; }
  std::int64_t first() const { return base_ + lo_; }
  std::int64_t last() const { return base_ + hi_ - 1; }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t negatives = 0;

  // Cell access by period (must be within [first(), last()]).
  double qty(std::int64_t p) const { return cells_[Index(p)].qty; }
  std::uint32_t row_count(std::int64_t p) const { return cells_[Index(p)].count; }
  std::uint32_t first_line(std::int64_t p) const { return cells_[Index(p)].line; }
  const ExtraCell& extra(std::int64_t p, std::size_t k) const {
    return extra_[Index(p) * num_extras_ + k];
  }

 private:
  std::size_t Index(std::int64_t p) const { return static_cast<std::size_t>(p - base_); }
  void Cover(std::int64_t p);

  std::size_t num_extras_;
  std::int64_t base_ = 0;      // period of slot 0
  std::int64_t lo_ = 0, hi_ = 0;  // used slots [lo_, hi_)
  std::uint64_t rows_ = 0;
  // One 16-byte cell per period keeps a row's update within one cache line: rows
  // of an export sorted by date hop between series at every line.
  struct Cell {
    double qty = 0.0;
    std::uint32_t count = 0;
    std::uint32_t line = 0;
  };
  std::vector<Cell> cells_;
  std::vector<ExtraCell> extra_;
};

template <typename Map>
void SeriesAccumulator::RollUpFrom(const SeriesAccumulator& other, Map map) {
  for (std::int64_t p = other.first(); p <= other.last(); ++p) {
    std::uint32_t n = other.row_count(p);
    if (n == 0) continue;
    std::int64_t q = map(p);
    Cover(q);
    std::size_t i = Index(q);
    Cell& c = cells_[i];
    c.qty += other.qty(p);
    if (c.count == 0 || other.first_line(p) < c.line) c.line = other.first_line(p);
    c.count += n;
    for (std::size_t k = 0; k < num_extras_; ++k) {
      const ExtraCell& src = other.extra(p, k);
      ExtraCell& dst = extra_[i * num_extras_ + k];
      dst.sum += src.sum;
      dst.count += src.count;
      if (src.count > 0 && src.last_day >= dst.last_day) {
        dst.last = src.last;
        dst.last_day = src.last_day;
      }
    }
  }
  rows_ += other.rows_;
  negatives += other.negatives;
}

}  // namespace invplan
