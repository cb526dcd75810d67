// Per-series accumulation of rows into periods while the file streams by. Periods
// may arrive in any order; a series covers the periods between its first and last
// active one. Cells live in pages of 64 periods taken from a shared arena, so a
// series grows in either direction without copying, and pages that were filled at
// the same time (the same weeks of every SKU, in an export sorted by date) lie
// next to each other in memory.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace invplan {

// How an extra column is aggregated within a period.
enum class ExtraAgg { kMean, kSum, kLast };

// 16 bytes. A period's head slot: value = quantity sum, count = rows, aux = first
// line. An extra's slot: value = sum (kMean, kSum) or last value (kLast), count =
// rows with a value, aux = day of the last value. All-zero bytes = empty.
struct CellSlot {
  double value;
  std::uint32_t count;
  std::int32_t aux;
};
static_assert(sizeof(CellSlot) == 16, "slots are 16 bytes");

// Zeroed memory for cell pages, handed out from large anonymous mappings (huge
// pages where the system allows them: fewer page faults and TLB misses) and
// released all at once when the arena is destroyed.
class CellArena {
 public:
  CellArena() = default;
  ~CellArena();
  CellArena(const CellArena&) = delete;
  CellArena& operator=(const CellArena&) = delete;
  // `n` zeroed slots.
  CellSlot* Allocate(std::size_t n);

 private:
  struct Block {
    void* base;
    std::size_t bytes;
  };
  std::vector<Block> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

class SeriesAccumulator {
 public:
  // `aggs` has one entry per extra column; it and `arena` must outlive the
  // accumulator.
  SeriesAccumulator(const std::vector<ExtraAgg>* aggs, CellArena* arena)
      : aggs_(aggs), arena_(arena), stride_(1 + aggs->size()) {}

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
  std::int64_t first() const { return first_; }
  std::int64_t last() const { return last_; }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t negatives = 0;

  // Cell access by period (must be within [first(), last()]).
  double qty(std::int64_t p) const { return Head(p)->value; }
  std::uint32_t row_count(std::int64_t p) const { return Head(p)->count; }
  std::uint32_t first_line(std::int64_t p) const {
    return static_cast<std::uint32_t>(Head(p)->aux);
  }
  // Extra k in period p aggregated per its ExtraAgg; NaN when no row had a value.
  double extra(std::int64_t p, std::size_t k) const { return ExtraValue(Head(p)[1 + k], k); }
  // The slots of period p: the head, then one per extra (for walking a series).
  const CellSlot* cell(std::int64_t p) const { return Head(p); }
  // An extra's slot aggregated per the ExtraAgg of extra k.
  double ExtraValue(const CellSlot& s, std::size_t k) const {
    if (s.count == 0) return std::numeric_limits<double>::quiet_NaN();
    return (*aggs_)[k] == ExtraAgg::kMean ? s.value / s.count : s.value;
  }

 private:
  static constexpr int kPageShift = 6;  // 64 periods per page
  static constexpr std::int64_t kPageMask = (std::int64_t(1) << kPageShift) - 1;

  CellSlot* Head(std::int64_t p) const {
    return pages_[static_cast<std::size_t>((p >> kPageShift) - first_page_)] +
           static_cast<std::size_t>(p & kPageMask) * stride_;
  }
  void AddExtra(CellSlot* s, ExtraAgg agg, double v, std::uint32_t count, std::int32_t day) {
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
  CellArena* arena_;
  std::size_t stride_;            // slots per period
  std::vector<CellSlot*> pages_;  // pages first_page_, first_page_ + 1, ...
  std::int64_t first_page_ = 0;
  std::int64_t first_ = 0, last_ = -1;  // covered periods
  std::uint64_t rows_ = 0;
};

inline void SeriesAccumulator::AddCovered(std::int64_t period, std::int64_t day, double qty,
                                          std::uint32_t line, const double* extras) {
  CellSlot* s = Head(period);
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
    const CellSlot* src = other.Head(p);
    if (src->count == 0) continue;
    std::int64_t q = map(p);
    Cover(q);
    CellSlot* dst = Head(q);
    dst->value += src->value;
    const std::uint32_t line = static_cast<std::uint32_t>(src->aux);
    if (dst->count == 0 || line < static_cast<std::uint32_t>(dst->aux)) {
      dst->aux = static_cast<std::int32_t>(line);
    }
    dst->count += src->count;
    for (std::size_t k = 0; k < n; ++k) {
      const CellSlot& e = src[1 + k];
      if (e.count > 0) AddExtra(dst + 1 + k, (*aggs_)[k], e.value, e.count, e.aux);
    }
  }
  rows_ += other.rows_;
  negatives += other.negatives;
}

}  // namespace invplan
