#include "detect/table_source.h"

#include <cmath>
#include <limits>

#include "invplan/error.h"

namespace invplan::detect {

bool IsMissingToken(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty() || s == "?") return true;
  auto lower_eq = [&](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[i]) return false;
    }
    return true;
  };
  return lower_eq("na") || lower_eq("n/a") || lower_eq("nan") || lower_eq("null");
}

TableReader::TableReader(const std::string& path, const std::vector<std::string>& features,
                         MissingPolicy missing, const std::string& sku_col,
                         const std::string& date_col)
    : csv_(path), names_(features), missing_(missing) {
  for (const std::string& f : features) cols_.push_back(csv_.RequireColumn(f, "--features"));
  if (!sku_col.empty()) sku_ = csv_.FindColumn(sku_col);
  if (!date_col.empty()) date_ = csv_.FindColumn(date_col);
}

std::size_t TableReader::Read(std::size_t max, RowBatch* out) {
  const std::size_t d = cols_.size();
  std::size_t n = 0;
  while (n < max && csv_.Next()) {
    csv_.CheckFieldCount();
    const std::size_t at = out->x.data.size();
    out->x.data.resize(at + d);
    double* v = out->x.data.data() + at;
    for (std::size_t j = 0; j < d; ++j) {
      const auto c = static_cast<std::size_t>(cols_[j]);
      std::string_view text = csv_.field(c);
      if (ParseNumber(text, &v[j])) continue;
      if (IsMissingToken(text)) {
        if (missing_ == MissingPolicy::kImpute) {
          v[j] = std::numeric_limits<double>::quiet_NaN();
          continue;
        }
        throw InputError(csv_.FieldError(c, "a number (or --missing impute to fill gaps)"));
      }
      throw InputError(csv_.FieldError(c, "a number"));
    }
    ++out->x.rows;
    out->row.push_back(csv_.row());
    out->line.push_back(csv_.line());
    if (sku_ >= 0) out->sku.emplace_back(csv_.field(static_cast<std::size_t>(sku_)));
    if (date_ >= 0) out->date.emplace_back(csv_.field(static_cast<std::size_t>(date_)));
    ++n;
  }
  return n;
}

}  // namespace invplan::detect
