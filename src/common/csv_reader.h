// A CSV reader for real exports: header row, UTF-8 BOM, CRLF, quoted fields with
// commas, doubled quotes and line breaks, empty lines skipped. The input is read
// in large blocks (checksummed as they arrive); fields are split here because the
// column set is only known at run time. Records come one at a time (Next) or, for
// callers that parse in bulk or on several threads, in chunks of whole records
// (NextChunk) that SplitCsvRecord splits with exactly the same rules.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/file_io.h"

namespace invplan {

// The most one record may span, in bytes (a quoted field with line breaks
// included): 16 MiB. A longer one, e.g. from a quote that is never closed, is an
// input error naming the line where the quote opened; a single physical line is
// limited to 2^24-1 bytes as well.
inline constexpr std::size_t kMaxCsvRecord = std::size_t(16) << 20;

// Splits CSV records. The rules: fields are separated by commas; a field whose
// first non-blank character is '"' is quoted, may hold commas and line breaks,
// and "" inside it stands for one quote; text after the closing quote is kept;
// one '\r' before each line break (or at the end of the input) is dropped.
class CsvRecordSplitter {
 public:
  // Splits the record that starts at `p` (the start of a physical line) in
  // [p, end); `eof` says that nothing follows `end`. Returns the position after
  // the record's last line break (or `end`) and sets lines() to the physical
  // lines it spans. Returns nullptr when the record is not complete in [p, end):
  // with `eof`, that means a quoted field is never closed. `may_quote` = false
  // promises that [p, end) holds no '"' (a faster path). p < end is required.
  const char* Split(const char* p, const char* end, bool eof, bool may_quote = true);

  std::size_t size() const { return fields_.size(); }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  const std::vector<std::string_view>& fields() const { return fields_; }
  std::size_t lines() const { return lines_; }
  // One field that is empty or blank: an empty line, which readers skip.
  bool blank() const;

 private:
  const char* SplitQuoted(const char* p, const char* end, bool eof);

  std::vector<std::string_view> fields_;
  std::string scratch_;  // unescaped text of records with quotes
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
  std::size_t lines_ = 0;
};

// Whole records cut from an input by CsvReader::NextChunk, ready to be split with
// CsvRecordSplitter (eof = true). The storage is reused when a chunk object is
// handed to NextChunk again.
struct CsvChunk {
  const char* begin = nullptr;
  const char* end = nullptr;
  std::size_t first_line = 0;  // physical line (1-based) at `begin`
  bool has_quotes = false;     // whether [begin, end) holds a '"'
  std::unique_ptr<char[]> storage;
  std::size_t capacity = 0;
};

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
  std::size_t size() const { return split_.size(); }
  std::string_view field(std::size_t i) const { return split_.field(i); }
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

  // Bulk reading instead of Next(): hands out the rest of the input in chunks of
  // whole records of about `target_bytes` (more when one record is longer), in
  // order; false at the end. Errors of the input (a quoted field never closed, a
  // line over the length limit) are thrown by the call after the chunk that holds
  // the records before them, so a caller meets them in file order.
  bool NextChunk(CsvChunk* chunk, std::size_t target_bytes = std::size_t(4) << 20);

  // Size and checksum of the whole input (reads what is left).
  InputInfo Info();

 private:
  // Reads more input, keeping [pos_, end_); grows the buffer when it is full.
  // Returns false at end of input.
  bool Fill();
  // The error for the physical line at `line`, longer than the limit.
  [[noreturn]] void ThrowLineTooLong(std::size_t line) const;
  // The error for a quoted field never closed in the record at buf_[pos_] (which
  // starts on `line`), naming the line where its quote opened.
  [[noreturn]] void ThrowUnterminated(std::size_t line) const;

  std::unique_ptr<InputFile> input_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0, pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t next_line_ = 1;  // physical line at buf_[pos_]
  CsvRecordSplitter split_;
  std::vector<std::string> header_;
  std::size_t line_ = 0;
  std::size_t row_ = static_cast<std::size_t>(-1);
};

// The bad-field message for a record given by its fields: "where: column 'x':
// expected WHAT, got "value"" (what CsvReader::FieldError returns).
std::string CsvFieldError(const std::string& where, const std::vector<std::string>& header,
                          const std::vector<std::string_view>& fields, std::size_t column,
                          std::string_view expected);

// True for a field of spaces and tabs only (or empty): "not given". Inline: the
// parallel reader asks it of every cell.
inline bool BlankField(std::string_view text) {
  for (const char c : text) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Parses a decimal number ("12", "-3.5", "1e3", surrounding spaces allowed) in the
// C locale. Returns false for anything else, e.g. "12,5", "", "abc", "nan".
bool ParseNumber(std::string_view text, double* value);

// Quotes a field for CSV output when it holds a comma, quote or line break.
std::string CsvEscape(std::string_view field);

// Text of a value cut for error messages (at most 60 characters).
std::string Quoted(std::string_view value);

}  // namespace invplan
