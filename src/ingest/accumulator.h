// Per-series accumulation of rows into periods while the file streams by. Periods
// may arrive in any order; the cell range grows in both directions.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace invplan {

// How an extra column is aggregated within a period.
enum class ExtraAgg { kMean, kSum, kLast };

class SeriesAccumulator {
 public:
  // `aggs` has one entry per extra column and must outlive the accumulator.
  explicit SeriesAccumulator(const std::vector<ExtraAgg>* aggs)
      : aggs_(aggs), stride_(1 + aggs->size()) {}

  // Adds one row. `extras[k]` is NaN when the row has no value for extra k. Days
  // must lie within the proleptic Gregorian years 1..9999.
  void Add(std::int64_t period, std::int64_t day, double qty, std::uint32_t line,
           const double* extras) {
    Cover(period);
    AddCovered(period, day, qty, line, extras);
  }
  // Extends the series to period p (the cells between stay empty).
  void Cover(std::int64_t p);
  // Add for a period already covered: a run of rows covers its first and last
  // period once, then adds each row.
  void AddCovered(std::int64_t period, std::int64_t day, double qty, std::uint32_t line,
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
  double qty(std::int64_t p) const { return Head(p).value; }
  std::uint32_t row_count(std::int64_t p) const { return Head(p).count; }
  std::uint32_t first_line(std::int64_t p) const { return static_cast<std::uint32_t>(Head(p).aux); }
  // Extra k in period p aggregated per its ExtraAgg; NaN when no row had a value.
  double extra(std::int64_t p, std::size_t k) const;

 private:
  // 16 bytes. A period's head slot: value = quantity sum, count = rows, aux =
  // first line. An extra's slot: value = sum (kMean, kSum) or last value (kLast),
  // count = rows with a value, aux = day of the last value. A period's slots are
  // adjacent, so a row's update touches one cache line: rows of an export sorted
  // by date hop between series at every line.
  struct Slot {
    double value;
    std::uint32_t count;
    std::int32_t aux;
  };
  static_assert(sizeof(Slot) == 16, "slots are 16 bytes");

  std::size_t Index(std::int64_t p) const { return static_cast<std::size_t>(p - base_) * stride_; }
  const Slot& Head(std::int64_t p) const { return slots_[Index(p)]; }
  void AddExtra(Slot* s, ExtraAgg agg, double v, std::uint32_t count, std::int32_t day) {
    if (agg == ExtraAgg::kLast) {
      if (s->count == 0 || day >= s->aux) {
        s->value = v;
        s->aux = day;
      }
    } else {
      s->value += v;
    }
    s->count += count;
  }

  const std::vector<ExtraAgg>* aggs_;
  std::size_t stride_;            // slots per period
  std::int64_t base_ = 0;         // period of the first slot group
  std::int64_t lo_ = 0, hi_ = 0;  // used periods [lo_, hi_) relative to base_
  std::uint64_t rows_ = 0;
  std::vector<Slot> slots_;
};

inline void SeriesAccumulator::AddCovered(std::int64_t period, std::int64_t day, double qty,
                                          std::uint32_t line, const double* extras) {
  Slot* s = &slots_[Index(period)];
  s->value += qty;
  if (s->count == 0) s->aux = static_cast<std::int32_t>(line);
  ++s->count;
  ++rows_;
  const std::size_t n = stride_ - 1;
  for (std::size_t k = 0; k < n; ++k) {
    double v = extras[k];
    if (std::isnan(v)) continue;
    AddExtra(s + 1 + k, (*aggs_)[k], v, 1, static_cast<std::int32_t>(day));
  }
}

template <typename Map>
void SeriesAccumulator::RollUpFrom(const SeriesAccumulator& other, Map map) {
  const std::size_t n = stride_ - 1;
  for (std::int64_t p = other.first(); p <= other.last(); ++p) {
    const Slot* src = &other.slots_[other.Index(p)];
    if (src->count == 0) continue;
    std::int64_t q = map(p);
    Cover(q);
    Slot* dst = &slots_[Index(q)];
    dst->value += src->value;
    const std::uint32_t line = static_cast<std::uint32_t>(src->aux);
    if (dst->count == 0 || line < static_cast<std::uint32_t>(dst->aux)) {
      dst->aux = static_cast<std::int32_t>(line);
    }
    dst->count += src->count;
    for (std::size_t k = 0; k < n; ++k) {
      const Slot& e = src[1 + k];
      if (e.count > 0) AddExtra(dst + 1 + k, (*aggs_)[k], e.value, e.count, e.aux);
    }
  }
  rows_ += other.rows_;
  negatives += other.negatives;
}

}  // namespace invplan
