// Future values of the regressors, read from the --future CSV: one row per
// (date, sku[, location]) with a column per regressor, the same key columns as
// the sales file. Dates are ISO (YYYY-MM-DD); rows falling in the same period
// of a weekly/monthly/... panel are averaged. Rows of SKUs not in the panel are
// ignored; empty cells count as missing.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/ingest.h"
#include "invplan/panel.h"

namespace invplan::forecast {

class FutureValues {
 public:
  // Reads `path`; throws Error(kBadInput) for a missing column or a bad value.
  FutureValues(const std::string& path, const IngestOptions& keys, Frequency frequency,
               const std::vector<std::string>& regressors, RunInfo* run);

  // Value of regressor k for the series in `period`; false if missing.
  bool Get(const std::string& sku, const std::string& location, std::int64_t period, std::size_t k,
           double* value) const;
  const std::string& display_name() const { return name_; }

 private:
  struct Cell {
    double sum = 0;
    int count = 0;
  };
  std::string name_;
  std::size_t k_ = 0;
  // key = sku \x1f location \x1f period → cells of the regressors
  std::unordered_map<std::string, std::vector<Cell>> cells_;
};

// The regressor columns `cols` of the panel's extras over a series' first n
// periods: gaps carried forward (then backward), 0 for a column empty
// throughout.
Eigen::MatrixXd HistoryRegressors(const Series& s, const std::vector<int>& cols, std::size_t n);

// The regressors' future values for the h periods from `from` (h × names).
// Throws Error(kBadInput) naming the SKU, regressor and period of a missing one.
Eigen::MatrixXd FutureRegressors(const FutureValues& fv, const Series& s,
                                 const std::vector<std::string>& names, std::int64_t from, int h,
                                 Frequency f);

}  // namespace invplan::forecast
