#include "common/csv_reader.h"

#include <charconv>
#include <cmath>
#include <cstring>

// The library's file-name copy trips a GCC truncation warning inside its own header.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include "invplan/error.h"

namespace invplan {
namespace {

// Feeds LineReader from an InputFile, so every byte is also checksummed.
class InputByteSource : public io::ByteSourceBase {
 public:
  explicit InputByteSource(InputFile* in) : in_(in) {}
  int read(char* buffer, int size) override {
    return static_cast<int>(in_->Read(buffer, static_cast<std::size_t>(size)));
  }

 private:
  InputFile* in_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : input_(std::make_unique<InputFile>(path)) {
  try {
    lines_ = std::make_unique<io::LineReader>(input_->display_name(),
                                              std::make_unique<InputByteSource>(input_.get()));
  } catch (const io::error::base& e) {
    throw InputError(input_->display_name() + ": " + e.what());
  }
  std::vector<std::string> header;
  while (ReadRecord(&header)) {
    if (!(header.size() == 1 && Trim(header[0]).empty())) break;
    header.clear();
  }
  if (header.empty()) {
    throw InputError(input_->display_name() + ": the file is empty (expected a header line)");
  }
  for (auto& h : header) h = std::string(Trim(h));
  header_ = std::move(header);
}

CsvReader::~CsvReader() = default;

int CsvReader::FindColumn(std::string_view name) const {
  name = Trim(name);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int CsvReader::RequireColumn(std::string_view name, std::string_view option) const {
  int idx = FindColumn(name);
  if (idx >= 0) return idx;
  std::string msg = input_->display_name() + ":1: missing column '" + std::string(name) + "'";
  if (!option.empty()) msg += " (named by " + std::string(option) + ")";
  msg += "; the header has: ";
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (i) msg += ", ";
    msg += header_[i];
  }
  throw InputError(msg);
}

char* CsvReader::NextLine() {
  try {
    return lines_->next_line();
  } catch (const io::error::base& e) {
    throw InputError(input_->display_name() + ": " + e.what());
  }
}

bool CsvReader::ReadRecord(std::vector<std::string>* out) {
  char* text = NextLine();
  if (!text) {
    out->clear();
    return false;
  }
  line_ = lines_->get_file_line();
  ParseQuoted(text, out);
  return true;
}

void CsvReader::ParseQuoted(const char* text, std::vector<std::string>* out) {
  out->clear();
  std::string field;
  bool in_quotes = false;
  const char* p = text;
  for (;;) {
    char c = *p;
    if (c == '\0') {
      if (!in_quotes) break;
      // A quoted field spans a line break: continue with the next physical line.
      char* more = NextLine();
      if (!more) {
        throw InputError(input_->display_name() + ":" + std::to_string(line_) +
                         ": unterminated quoted field");
      }
      field.push_back('\n');
      p = more;
      continue;
    }
    if (in_quotes) {
      if (c == '"') {
        if (p[1] == '"') {
          field.push_back('"');
          ++p;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == ',') {
      out->push_back(std::move(field));
      field.clear();
    } else if (c == '"' && Trim(field).empty()) {
      field.clear();
      in_quotes = true;
    } else {
      field.push_back(c);
    }
    ++p;
  }
  out->push_back(std::move(field));
}

bool CsvReader::Next() {
  for (;;) {
    char* text = NextLine();
    if (!text) {
      fields_.clear();
      return false;
    }
    line_ = lines_->get_file_line();
    fields_.clear();
    // Fast path, by far the common case: no quotes, so the fields are views into
    // the line buffer, which stays valid until the next call.
    bool quoted = false;
    const char* start = text;
    for (const char* p = text;; ++p) {
      char c = *p;
      if (c == ',' || c == '\0') {
        fields_.emplace_back(start, static_cast<std::size_t>(p - start));
        if (c == '\0') break;
        start = p + 1;
      } else if (c == '"') {
        quoted = true;
        break;
      }
    }
    if (quoted) {
      fields_.clear();
      ParseQuoted(text, &storage_);
      fields_.assign(storage_.begin(), storage_.end());
    }
    if (fields_.size() == 1 && Trim(fields_[0]).empty()) continue;  // empty line
    break;
  }
  ++row_;
  return true;
}

std::string CsvReader::Where() const {
  return input_->display_name() + ":" + std::to_string(line_);
}

void CsvReader::CheckFieldCount() const {
  if (fields_.size() != header_.size()) {
    throw InputError(Where() + ": expected " + std::to_string(header_.size()) +
                     " fields as in the header, got " + std::to_string(fields_.size()));
  }
}

std::string CsvReader::FieldError(std::size_t column, std::string_view expected) const {
  std::string name = column < header_.size() ? header_[column] : std::to_string(column + 1);
  std::string_view value = column < fields_.size() ? fields_[column] : std::string_view();
  return Where() + ": column '" + name + "': expected " + std::string(expected) + ", got " +
         Quoted(value);
}

InputInfo CsvReader::Info() {
  // Drain the line reader first: it may hold read-ahead bytes of the file.
  try {
    while (lines_->next_line()) {
    }
  } catch (const io::error::base&) {
  }
  return input_->Info();
}

bool ParseNumber(std::string_view text, double* value) {
  text = Trim(text);
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);
  const char* end = text.data() + text.size();
  auto res = std::from_chars(text.data(), end, *value, std::chars_format::general);
  if (res.ec != std::errc() || res.ptr != end) return false;
  return std::isfinite(*value);
}

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Quoted(std::string_view value) {
  std::string out = "\"";
  if (value.size() > 60) {
    out.append(value.substr(0, 57));
    out.append("...");
  } else {
    out.append(value);
  }
  out.push_back('"');
  return out;
}

}  // namespace invplan
