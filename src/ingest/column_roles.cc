#include "ingest/column_roles.h"

#include <cctype>
#include <cmath>

namespace invplan {
namespace {

std::string Lower(const std::string& s) {
  std::string out = s;
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// `rest` (lower case) is nothing or an identifier word, after an optional separator.
bool IdentifierWord(std::string rest) {
  if (!rest.empty() && (rest[0] == '_' || rest[0] == ' ' || rest[0] == '-' || rest[0] == '.')) {
    rest.erase(0, 1);
  }
  for (const char* w : {"", "id", "no", "nr", "number", "code", "key"}) {
    if (rest == w) return true;
  }
  return false;
}

}  // namespace

ExtraAgg AggregationFor(const std::string& column) {
  std::string c = column;
  for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* stock : {"on_hand", "onhand", "stock", "inventory"}) {
    if (c.find(stock) != std::string::npos) return ExtraAgg::kLast;
  }
  for (const char* flow : {"receipt", "received", "returns", "units_ordered"}) {
    if (c.find(flow) != std::string::npos) return ExtraAgg::kSum;
  }
  return ExtraAgg::kMean;
}

bool IsIdentifierName(const std::string& name) {
  const std::string c = Lower(name);
  if (c == "id") return true;
  for (const char* tail : {"_id", "-id", " id", ".id"}) {
    if (EndsWith(c, tail)) return true;
  }
  // Camel case: storeId, CustomerID.
  if (name.size() >= 3 && (EndsWith(name, "Id") || EndsWith(name, "ID")) &&
      std::islower(static_cast<unsigned char>(name[name.size() - 3]))) {
    return true;
  }
  for (const std::string head : {"customer", "invoice"}) {
    if (c.compare(0, head.size(), head) == 0 && IdentifierWord(c.substr(head.size()))) return true;
  }
  return false;
}

bool IsMeasureName(const std::string& name) {
  const std::string c = Lower(name);
  for (const char* word : {"on_hand", "onhand", "stock", "inventory", "receipt", "received",
                           "return", "ordered", "price", "promo", "holiday", "open", "closed",
                           "quantity", "qty", "sales", "units", "cost"}) {
    if (c.find(word) != std::string::npos) return true;
  }
  return false;
}

void KeySniffer::Add(std::uint64_t line, std::uint64_t header_line, double value) {
  if (std::isnan(value) || line <= header_line || line - header_line > kKeySampleLines) return;
  ++rows_;
  if (!(std::fabs(value) < 9007199254740992.0) || value != std::floor(value)) all_integer_ = false;
  if (all_integer_) distinct_.insert(value);
}

std::string KeySniffer::Verdict() const {
  if (rows_ < kKeyMinRows || !all_integer_) return {};
  const double share = static_cast<double>(distinct_.size()) / static_cast<double>(rows_);
  if (share < 0.9) return {};
  return "integer values, " + std::to_string(static_cast<int>(std::floor(share * 100))) +
         "% distinct in the first " + std::to_string(rows_) + " rows";
}

}  // namespace invplan
