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

// Zeroed memory for cell pages, handed out from large anonymous mappings (huge
// pages where the system allows them: fewer page faults and TLB misses) and
// released all at once when the arena is destroyed.
class CellArena {
 public:
  CellArena() = default;
  ~CellArena();
  CellArena(const CellArena&) = delete;
  CellArena& operator=(const CellArena&) = delete;
  // `bytes` zeroed bytes, 8-byte aligned when `bytes` is a multiple of 8.
  char* Allocate(std::size_t bytes);

 private:
  struct Block {
    void* base;
    std::size_t bytes;
  };
  std::vector<Block> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

// A series' cells. A page of 64 periods holds, column by column: the quantity
// sums (double), the first input line of each period (uint32, 0 = no row yet),
// then per extra column its values (double: sum, or last value) and tags (uint32:
// rows with a value for kMean/kSum, day of the last value + kDayBias for kLast;
// 0 = none). 12 bytes per period and column instead of a 16-byte slot each: the
// cells are the largest block of memory ingest touches, and fresh memory costs
// page zeroing.
class SeriesAccumulator {
 public:
  // `aggs` has one entry per extra column; it and `arena` must outlive the
  // accumulator.
  SeriesAccumulator(const std::vector<ExtraAgg>* aggs, CellArena* arena)
      : aggs_(aggs), arena_(arena), extras_(aggs->size()) {}

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

  // Writes periods [first(), last()] out: quantity[t] and line[t] (NaN and 0 for
  // a period without rows) and, for each j, extras[j][t] = extra `columns[j]`.
  // The vectors must hold last() − first() + 1 values.
  void Export(const std::vector<std::size_t>& columns, double* quantity, std::uint32_t* line,
              std::vector<std::vector<double>>* extras) const;

 private:
  static constexpr int kPageShift = 6;  // 64 periods per page
  static constexpr std::size_t kPage = std::size_t(1) << kPageShift;
  static constexpr std::int64_t kPageMask = static_cast<std::int64_t>(kPage) - 1;
  // Day 1 of year 1 is −719162 days from 1970-01-01: day + kDayBias >= 1.
  static constexpr std::int64_t kDayBias = 719163;

  std::size_t PageBytes() const { return kPage * 12 * (1 + extras_); }
  // A period's place: its page and its index there (one page lookup serves every
  // column of the period).
  struct Cell {
    char* page;
    std::size_t slot;
  };
  Cell At(std::int64_t p) const {
    return {pages_[static_cast<std::size_t>((p >> kPageShift) - first_page_)],
            static_cast<std::size_t>(p & kPageMask)};
  }
  static double& Qty(Cell c) { return reinterpret_cast<double*>(c.page)[c.slot]; }
  static std::uint32_t& Line(Cell c) {
    return reinterpret_cast<std::uint32_t*>(c.page + kPage * 8)[c.slot];
  }
  static double& Value(Cell c, std::size_t k) {
    return reinterpret_cast<double*>(c.page + kPage * 12 * (1 + k))[c.slot];
  }
  static std::uint32_t& Tag(Cell c, std::size_t k) {
    return reinterpret_cast<std::uint32_t*>(c.page + kPage * (12 * (1 + k) + 8))[c.slot];
  }
  double ExtraOf(Cell c, std::size_t k) const {
    const std::uint32_t tag = Tag(c, k);
    if (tag == 0) return std::numeric_limits<double>::quiet_NaN();
    const double v = Value(c, k);
    return (*aggs_)[k] == ExtraAgg::kMean ? v / tag : v;
  }
  // Adds `count` rows' worth of extra k (a sum, or a last value of `day`).
  void AddExtra(Cell c, std::size_t k, double v, std::uint32_t count, std::int64_t day) {
    std::uint32_t& tag = Tag(c, k);
    if ((*aggs_)[k] == ExtraAgg::kLast) {
      const auto biased = static_cast<std::uint32_t>(day + kDayBias);
      if (tag == 0 || biased >= tag) {
        Value(c, k) = v;
        tag = biased;
      }
      return;
    }
    Value(c, k) += v;
    tag += count;
  }

  const std::vector<ExtraAgg>* aggs_;
  CellArena* arena_;
  std::size_t extras_;
  std::vector<char*> pages_;  // pages first_page_, first_page_ + 1, ...
  std::int64_t first_page_ = 0;
  std::int64_t first_ = 0, last_ = -1;  // covered periods
  std::uint64_t rows_ = 0;
};

inline void SeriesAccumulator::AddCovered(std::int64_t period, std::int64_t day, double qty,
                                          std::uint32_t line, const double* extras) {
  const Cell c = At(period);
  Qty(c) += qty;
  std::uint32_t& first_line = Line(c);
  // 0 marks an empty period; a line number that wrapped to 0 past 2^32 lines
  // still marks the period as having rows.
  if (first_line == 0) first_line = line != 0 ? line : 1;
  ++rows_;
  for (std::size_t k = 0; k < extras_; ++k) {
    double v = extras[k];
    if (std::isnan(v)) continue;
    AddExtra(c, k, v, 1, day);
  }
}

template <typename Map>
void SeriesAccumulator::RollUpFrom(const SeriesAccumulator& other, Map map) {
  for (std::int64_t p = other.first(); p <= other.last(); ++p) {
    const Cell from = other.At(p);
    const std::uint32_t line = Line(from);
    if (line == 0) continue;
    std::int64_t q = map(p);
    Cover(q);
    const Cell c = At(q);
    Qty(c) += Qty(from);
    std::uint32_t& dst = Line(c);
    if (dst == 0 || line < dst) dst = line;
    for (std::size_t k = 0; k < extras_; ++k) {
      const std::uint32_t tag = Tag(from, k);
      if (tag == 0) continue;
      if ((*aggs_)[k] == ExtraAgg::kLast) {
        AddExtra(c, k, Value(from, k), 0, static_cast<std::int64_t>(tag) - kDayBias);
      } else {
        AddExtra(c, k, Value(from, k), tag, 0);
      }
    }
  }
  rows_ += other.rows_;
  negatives += other.negatives;
}

}  // namespace invplan
