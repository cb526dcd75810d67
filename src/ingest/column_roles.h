// What an extra column is to ingest: how it is aggregated within a period, and
// whether it is carried along at all. When --extra-cols is not given, ingest
// carries every numeric column except identifiers, which are keys, not quantities
// (averaging a customer number within a period gives a meaningless number).
//
// An identifier is recognised by its name or by its values:
//  * name (case-insensitive): `id`; ending in `_id`, `-id`, ` id` or, in camel
//    case, `Id`/`ID` after a lower-case letter (`storeId`, `CustomerID`);
//    `customer` or `invoice` alone or followed by an identifier word (id, no,
//    nr, number, code, key), e.g. `Customer ID`, `invoice_no`, `Invoice`. A
//    count such as `Customers` is not an identifier.
//  * values: among the rows on the first kKeySampleLines data lines of the file,
//    at least kKeyMinRows have a value, every value is a whole number, and at
//    least 90% of them are distinct. Columns whose names say they are measures
//    (stock, receipts, returns, price, promo, holiday, open, closed, quantity,
//    sales, units, cost) are never judged by their values.
// A column named in --extra-cols is always carried.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "ingest/accumulator.h"

namespace invplan {

constexpr std::uint64_t kKeySampleLines = 1000;
constexpr std::size_t kKeyMinRows = 50;

// How an extra column is aggregated within a period: stock levels (on_hand,
// onhand, stock, inventory in the name) take the last value, flows (receipt,
// received, returns, units_ordered) are summed, everything else (price, promo
// share, ...) is averaged.
ExtraAgg AggregationFor(const std::string& column);

// True when the name marks the column as an identifier (rules above).
bool IsIdentifierName(const std::string& name);

// True when the name marks the column as a measure, never judged by its values.
bool IsMeasureName(const std::string& name);

// Collects a column's values from the rows on the first kKeySampleLines data
// lines (in any order: the verdict depends only on which rows those are).
class KeySniffer {
 public:
  // `line` is the input line of the row; `header_line` the line of the header.
  void Add(std::uint64_t line, std::uint64_t header_line, double value);
  // Empty when the values do not look like keys, else the reason, e.g.
  // "integer values, 100% distinct in the first 1000 rows".
  std::string Verdict() const;

 private:
  std::size_t rows_ = 0;
  bool all_integer_ = true;
  std::unordered_set<double> distinct_;
};

}  // namespace invplan
