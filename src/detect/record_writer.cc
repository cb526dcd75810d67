#include "detect/record_writer.h"

#include <cmath>

#include "common/csv_reader.h"

namespace invplan::detect {
namespace {

void AppendNumber(std::string* out, double v) {
  // NaN/inf have no JSON form: null, as everywhere in invplan artifacts.
  if (!std::isfinite(v)) {
    *out += "null";
  } else {
    *out += FormatDouble(v);
  }
}

std::string CsvNumber(double v) {
  return std::isfinite(v) ? FormatDouble(v) : std::string();
}

// Indents every line but the first of `text` by `pad`.
std::string Indent(const std::string& text, const std::string& pad) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

}  // namespace

std::string JsonString(const std::string& s) {
  for (char c : s) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 ||
        static_cast<unsigned char>(c) >= 0x80) {
      return DumpJson(Json(s));
    }
  }
  return "\"" + s + "\"";
}

RecordWriter::RecordWriter(const std::string& json_path, const std::string& csv_path,
                           const Json& head) {
  if (!json_path.empty()) {
    json_ = std::make_unique<OutputFile>(json_path);
    std::string text = DumpJson(head, 1);
    // Reopen the object: drop the closing brace and append the records array.
    while (!text.empty() && (text.back() == '}' || text.back() == '\n')) text.pop_back();
    json_->stream() << text << ",\n \"records\": [";
  }
  if (!csv_path.empty()) {
    csv_ = std::make_unique<OutputFile>(csv_path);
    csv_->stream() << "row,line,sku,location,date,score,anomaly,type,top_feature,top_value,top_"
                      "expected,explanation,note\n";
  }
}

void RecordWriter::Add(const Record& r) {
  if (json_) {
    std::string& b = buffer_;
    b.clear();
    b += first_ ? "\n  {\"row\":" : ",\n  {\"row\":";
    first_ = false;
    b += std::to_string(r.row);
    b += ",\"line\":";
    b += r.line ? std::to_string(r.line) : std::string("null");
    if (!r.sku.empty()) b += ",\"sku\":" + JsonString(r.sku);
    if (!r.location.empty()) b += ",\"location\":" + JsonString(r.location);
    if (!r.date.empty()) b += ",\"date\":" + JsonString(r.date);
    b += ",\"score\":";
    AppendNumber(&b, r.score);
    b += r.anomaly ? ",\"anomaly\":true" : ",\"anomaly\":false";
    b += ",\"type\":";
    b += r.type.empty() ? std::string("null") : JsonString(r.type);
    b += ",\"explanation\":[";
    for (std::size_t i = 0; i < r.explanation.size(); ++i) {
      const Contribution& c = r.explanation[i];
      if (i) b += ',';
      b += "{\"feature\":" + JsonString(c.feature) + ",\"value\":";
      AppendNumber(&b, c.value);
      b += ",\"expected\":";
      AppendNumber(&b, c.expected);
      b += ",\"share\":";
      AppendNumber(&b, std::round(c.share * 1e4) / 1e4);
      b += '}';
    }
    b += ']';
    if (!r.note.empty()) b += ",\"note\":" + JsonString(r.note);
    b += '}';
    json_->stream() << b;
  }
  if (csv_) {
    std::string text;
    for (std::size_t i = 0; i < r.explanation.size(); ++i) {
      const Contribution& c = r.explanation[i];
      if (i) text += "; ";
      text += c.feature + "=" + CsvNumber(c.value);
      if (std::isfinite(c.expected)) text += " (expected " + CsvNumber(c.expected) + ")";
      text += " " + std::to_string(static_cast<int>(std::lround(c.share * 100))) + "%";
    }
    auto& s = csv_->stream();
    s << r.row << ',' << (r.line ? std::to_string(r.line) : std::string()) << ','
      << CsvEscape(r.sku) << ',' << CsvEscape(r.location) << ',' << CsvEscape(r.date) << ','
      << CsvNumber(r.score) << ',' << (r.anomaly ? "true" : "false") << ',' << CsvEscape(r.type)
      << ',';
    if (!r.explanation.empty()) {
      const Contribution& top = r.explanation.front();
      s << CsvEscape(top.feature) << ',' << CsvNumber(top.value) << ',' << CsvNumber(top.expected);
    } else {
      s << ",,";
    }
    s << ',' << CsvEscape(text) << ',' << CsvEscape(r.note) << '\n';
  }
}

void RecordWriter::Finish(const Json& tail) {
  if (json_) {
    auto& s = json_->stream();
    s << (first_ ? "]" : "\n ]");
    for (const auto& [key, value] : tail.items()) {
      s << ",\n " << JsonString(key) << ": " << Indent(DumpJson(value, 1), " ");
    }
    s << "\n}\n";
    json_->Commit();
  }
  if (csv_) csv_->Commit();
}

}  // namespace invplan::detect
