// Table mode input: the feature columns of any CSV, read in chunks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/csv_reader.h"
#include "detect/iforest.h"
#include "invplan/detect.h"

namespace invplan::detect {

// Rows read from the table; a missing value is NaN until imputed.
struct RowBatch {
  Matrix x;
  std::vector<std::uint64_t> row, line;
  std::vector<std::string> sku, date;  // empty when the table has no such column

  void Clear(std::size_t cols) {
    x.rows = 0;
    x.cols = cols;
    x.data.clear();
    row.clear();
    line.clear();
    sku.clear();
    date.clear();
  }
  std::size_t size() const { return x.rows; }
};

// True for the spellings of a missing value: empty, NA, N/A, NaN, null, "?".
bool IsMissingToken(std::string_view text);

class TableReader {
 public:
  // Opens `path` and finds the feature columns (a missing one is Error(kBadInput)
  // listing the header). `sku_col`/`date_col` are carried into records when the
  // file has them. With MissingPolicy::kError a missing value is Error(kBadInput).
  TableReader(const std::string& path, const std::vector<std::string>& features,
              MissingPolicy missing, const std::string& sku_col, const std::string& date_col);

  // Appends up to `max` rows to `out`; returns how many (0 at the end of input).
  std::size_t Read(std::size_t max, RowBatch* out);
  // Size and checksum of the file (reads what is left).
  InputInfo Info() { return csv_.Info(); }
  const std::string& display_name() const { return csv_.display_name(); }

 private:
  CsvReader csv_;
  std::vector<int> cols_;
  std::vector<std::string> names_;
  MissingPolicy missing_;
  int sku_ = -1, date_ = -1;
};

}  // namespace invplan::detect
