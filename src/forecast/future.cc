#include "forecast/future.h"

#include <cmath>

#include "common/csv_reader.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

std::string Key(std::string_view sku, std::string_view location, std::int64_t period) {
  std::string k;
  k.reserve(sku.size() + location.size() + 24);
  k.append(sku).push_back('\x1f');
  k.append(location).push_back('\x1f');
  k += std::to_string(period);
  return k;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

FutureValues::FutureValues(const std::string& path, const IngestOptions& keys, Frequency frequency,
                           const std::vector<std::string>& regressors, RunInfo* run)
    : k_(regressors.size()) {
  CsvReader csv(path);
  name_ = csv.display_name();
  int date_col = csv.RequireColumn(keys.date_col, "--date-col");
  int sku_col = csv.RequireColumn(keys.sku_col, "--sku-col");
  int loc_col =
      keys.location_col.empty() ? -1 : csv.RequireColumn(keys.location_col, "--location-col");
  std::vector<int> cols;
  for (const auto& r : regressors) cols.push_back(csv.RequireColumn(r, "--regressors"));
  while (csv.Next()) {
    csv.CheckFieldCount();
    std::int64_t day;
    if (!ParseIsoDay(Trim(csv.field(date_col)), &day)) {
      throw InputError(csv.FieldError(date_col, "an ISO date (YYYY-MM-DD)"));
    }
    std::string_view loc = loc_col >= 0 ? Trim(csv.field(loc_col)) : std::string_view();
    auto& cells = cells_[Key(Trim(csv.field(sku_col)), loc, PeriodOfDay(day, frequency))];
    cells.resize(k_);
    for (std::size_t k = 0; k < k_; ++k) {
      std::string_view text = Trim(csv.field(cols[k]));
      if (text.empty()) continue;
      double v;
      if (!ParseNumber(text, &v)) throw InputError(csv.FieldError(cols[k], "a number"));
      cells[k].sum += v;
      cells[k].count += 1;
    }
  }
  if (run) run->inputs.push_back(csv.Info());
}

bool FutureValues::Get(const std::string& sku, const std::string& location, std::int64_t period,
                       std::size_t k, double* value) const {
  auto it = cells_.find(Key(sku, location, period));
  if (it == cells_.end() || k >= it->second.size() || it->second[k].count == 0) return false;
  *value = it->second[k].sum / it->second[k].count;
  return true;
}

// History values of the regressors; gaps carried forward (then backward), 0 if
// a column is empty throughout.
Eigen::MatrixXd HistoryRegressors(const Series& s, const std::vector<int>& cols, std::size_t n) {
  Eigen::MatrixXd x(n, cols.size());
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const auto& col = s.extras[cols[k]];
    double last = NAN;
    for (std::size_t t = 0; t < n; ++t) {
      double v = t < col.size() ? col[t] : NAN;
      if (std::isfinite(v)) last = v;
      x(t, k) = last;
    }
    double next = 0;
    for (std::size_t t = n; t-- > 0;) {
      if (std::isfinite(x(t, k)))
        next = x(t, k);
      else
        x(t, k) = next;
    }
  }
  return x;
}

Eigen::MatrixXd FutureRegressors(const FutureValues& fv, const Series& s,
                                 const std::vector<std::string>& names, std::int64_t from, int h,
                                 Frequency f) {
  Eigen::MatrixXd x(h, names.size());
  for (int i = 0; i < h; ++i) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      double v;
      if (!fv.Get(s.sku, s.location, from + i, k, &v)) {
        throw InputError(fv.display_name() + ": no value of '" + names[k] + "' for SKU '" + s.sku +
                         "'" + (s.location.empty() ? "" : " at '" + s.location + "'") + " on " +
                         FormatPeriod(from + i, f) + " (the forecast needs " +
                         FormatPeriod(from, f) + ".." + FormatPeriod(from + h - 1, f) + ")");
      }
      x(i, k) = v;
    }
  }
  return x;
}

}  // namespace invplan::forecast
