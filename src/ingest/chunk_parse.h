// The part of ingest that runs on worker threads: one chunk of whole CSV records
// (CsvReader::NextChunk) becomes a batch of parsed rows grouped by series. Batches
// are applied to the panel in file order by the caller, so the result is the
// same as one pass over the file, whatever the number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/csv_reader.h"
#include "ingest/key_index.h"

namespace invplan {

// What to read from each record; shared read-only by the workers.
struct ChunkSpec {
  std::string display_name;                          // the input's name in messages
  const std::vector<std::string>* header;            // column names
  int date = -1, sku = -1, qty = -1, location = -1;  // column indices (location -1: none)
  struct Extra {
    int index;
    bool requested;  // named by --extra-cols: a non-number is a bad row
  };
  std::vector<Extra> extras;
  std::string date_format;      // empty: ISO dates
  bool stop_at_bad_row = true;  // --on-bad-row error: the first bad row ends the chunk
};

struct ParsedRow {
  double qty;
  std::int32_t day;    // days since 1970-01-01
  std::uint32_t line;  // physical line where the record starts
};

// A parsed chunk. Batches are reused: ParseChunk keeps their memory, so the
// pages of a batch are touched once, not once per chunk.
struct RowBatch {
  // Series keys in order of first appearance in the chunk; the rows of key k are
  // [key_begin[k], key_begin[k+1]) of `rows`, in file order.
  KeyIndex keys;
  std::vector<std::uint32_t> key_begin;
  std::vector<ParsedRow> rows;
  std::vector<double> extras;         // rows.size() × spec.extras.size(), NaN = no value
  std::uint64_t rows_read = 0;        // non-empty records
  std::uint64_t rows_skipped = 0;     // bad rows
  std::vector<std::string> bad_rows;  // messages of the first few bad rows
  bool stopped = false;               // stop_at_bad_row and bad_rows[0] ended the chunk
  // (line, k): where not-requested extra k first held a non-number in the chunk.
  std::vector<std::pair<std::size_t, std::size_t>> non_numeric;

  // Rows in file order before grouping.
  std::vector<std::uint32_t> scratch_keys;
  std::vector<ParsedRow> scratch_rows;
  std::vector<double> scratch_extras;
};

// Messages kept per batch (and in the report).
constexpr std::size_t kBadRowExamples = 5;

// Parses `chunk` into `out`, replacing what it held.
void ParseChunk(const CsvChunk& chunk, const ChunkSpec& spec, RowBatch* out);

}  // namespace invplan
