// A CSV reader for real exports: header row, UTF-8 BOM, CRLF, quoted fields with
// commas, doubled quotes and line breaks, empty lines skipped. Lines come from
// fast-cpp-csv-parser's LineReader (buffered, read ahead on a second thread);
// fields are split here because the column set is only known at run time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_io.h"

namespace io {
class LineReader;
}

namespace invplan {

class CsvReader {
 public:
  // Opens `path` ("-" = standard input) and reads the header. An empty file
  // (no header) throws Error(kBadInput).
  explicit CsvReader(const std::string& path);
  ~CsvReader();

  const std::vector<std::string>& header() const { return header_; }
  // Index of a column by exact name (surrounding spaces ignored), or -1.
  int FindColumn(std::string_view name) const;
  // Like FindColumn, but a missing column throws Error(kBadInput) naming the
  // option that asked for it and listing the columns the file has.
  int RequireColumn(std::string_view name, std::string_view option = "") const;

  // Advances to the next non-empty record; false at end of input.
  bool Next();
  std::size_t size() const { return fields_.size(); }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  // Line (1-based) where the current record starts, and its 0-based data row.
  std::size_t line() const { return line_; }
  std::size_t row() const { return row_; }
  // "file:line" of the current record.
  std::string Where() const;
  const std::string& display_name() const { return input_->display_name(); }

  // Throws Error(kBadInput) unless the record has as many fields as the header.
  void CheckFieldCount() const;
  // The message for a bad field: file:line: column 'x': expected WHAT, got "value".
  std::string FieldError(std::size_t column, std::string_view expected) const;

  // Size and checksum of the whole input (reads what is left).
  InputInfo Info();

 private:
  // The next physical line (null at the end); reader errors become InputError.
  char* NextLine();
  bool ReadRecord(std::vector<std::string>* out);
  // Splits a line that contains quotes; may read further physical lines when a
  // quoted field spans a line break.
  void ParseQuoted(const char* text, std::vector<std::string>* out);

  std::unique_ptr<InputFile> input_;
  std::unique_ptr<io::LineReader> lines_;
  std::vector<std::string> header_;
  std::vector<std::string> storage_;
  std::vector<std::string_view> fields_;
  std::size_t line_ = 0;
  std::size_t row_ = static_cast<std::size_t>(-1);
};

// Parses a decimal number ("12", "-3.5", "1e3", surrounding spaces allowed) in the
// C locale. Returns false for anything else, e.g. "12,5", "", "abc", "nan".
bool ParseNumber(std::string_view text, double* value);

// Quotes a field for CSV output when it holds a comma, quote or line break.
std::string CsvEscape(std::string_view field);

// Text of a value cut for error messages (at most 60 characters).
std::string Quoted(std::string_view value);

}  // namespace invplan
