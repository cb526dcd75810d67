#include "ingest/chunk_parse.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/csv_reader.h"
#include "ingest/date_parse.h"
#include "invplan/error.h"

namespace invplan {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Dates are short: two overlapping 8-byte words cover 8 to 16 characters (an ISO
// date is 10), cheaper than a library call or a byte loop on every row.
bool SameText(std::string_view a, const std::string& b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char *x = a.data(), *y = b.data();
  if (n >= 8 && n <= 16) {
    std::uint64_t u, v, w, z;
    std::memcpy(&u, x, 8);
    std::memcpy(&v, y, 8);
    std::memcpy(&w, x + n - 8, 8);
    std::memcpy(&z, y + n - 8, 8);
    return u == v && w == z;
  }
  return std::memcmp(x, y, n) == 0;
}

// Groups the rows by key with a stable counting sort: the caller then updates one
// series at a time, walking its cells in order instead of hopping between series
// at every row (an export sorted by date has a different SKU on each line).
void GroupByKey(std::size_t num_extras, RowBatch* out) {
  const std::vector<std::uint32_t>& key_of = out->scratch_keys;
  const std::vector<ParsedRow>& rows = out->scratch_rows;
  const std::vector<double>& extras = out->scratch_extras;
  const std::size_t num_keys = out->keys.size();
  out->key_begin.assign(num_keys + 1, 0);
  for (std::uint32_t k : key_of) ++out->key_begin[k + 1];
  for (std::size_t k = 0; k < num_keys; ++k) out->key_begin[k + 1] += out->key_begin[k];
  std::vector<std::uint32_t> next(out->key_begin.begin(), out->key_begin.end() - 1);
  out->rows.resize(rows.size());
  out->extras.resize(extras.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::uint32_t j = next[key_of[i]]++;
    out->rows[j] = rows[i];
    // A loop, not memcpy: one or two values per row do not pay for a library call.
    for (std::size_t k = 0; k < num_extras; ++k) {
      out->extras[j * num_extras + k] = extras[i * num_extras + k];
    }
  }
}

}  // namespace

void ParseChunk(const CsvChunk& chunk, const ChunkSpec& spec, RowBatch* batch) {
  RowBatch& out = *batch;
  out.keys.Clear();
  out.rows_read = out.rows_skipped = 0;
  out.bad_rows.clear();
  out.stopped = false;
  out.non_numeric.clear();
  std::vector<std::uint32_t>& key_of = out.scratch_keys;
  std::vector<ParsedRow>& rows = out.scratch_rows;
  std::vector<double>& extras = out.scratch_extras;
  key_of.clear();
  rows.clear();
  extras.clear();
  const std::vector<std::string>& header = *spec.header;
  const std::size_t num_extras = spec.extras.size();
  const bool use_format = !spec.date_format.empty();
  const std::string date_expected =
      use_format ? "a date in the format " + spec.date_format
                 : std::string(
                       "a date (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM; see "
                       "--date-format)");

  CsvRecordSplitter split;
  KeyIndex& keys = out.keys;
  // A row that is kept has a field per header column, so at least as many bytes
  // as there are columns: with a wide header the guess (and the extras reserved
  // for it) stays proportional to the chunk, not to its square.
  const std::size_t min_row = std::max<std::size_t>(24, spec.header ? spec.header->size() : 0);
  const std::size_t guess = static_cast<std::size_t>(chunk.end - chunk.begin) / min_row + 16;
  key_of.reserve(guess);
  rows.reserve(guess);
  extras.reserve(guess * num_extras);
  std::vector<char> numeric(num_extras, 1);
  std::vector<double> row_extras(num_extras);
  // Exports sorted by date repeat the date text on consecutive lines.
  std::string last_date;
  std::int64_t last_day = 0;
  bool have_last = false;

  std::size_t line = chunk.first_line, record_line = 0;
  auto where = [&] { return spec.display_name + ":" + std::to_string(record_line); };
  auto field_error = [&](int column, std::string_view expected) {
    return CsvFieldError(where(), header, split.fields(), static_cast<std::size_t>(column),
                         expected);
  };
  // Records a bad row; true when parsing stops there.
  auto bad_row = [&](std::string message) {
    ++out.rows_skipped;
    if (out.bad_rows.size() < kBadRowExamples) out.bad_rows.push_back(std::move(message));
    out.stopped = spec.stop_at_bad_row;
    return out.stopped;
  };

  for (const char* p = chunk.begin; p < chunk.end;) {
    const char* next = split.Split(p, chunk.end, true, chunk.has_quotes);
    if (!next) throw InternalError(where() + ": a chunk ends inside a record");
    record_line = line;
    line += split.lines();
    p = next;
    if (split.blank()) continue;  // an empty line
    ++out.rows_read;
    if (split.size() != header.size()) {
      if (bad_row(where() + ": expected " + std::to_string(header.size()) +
                  " fields as in the header, got " + std::to_string(split.size()))) {
        break;
      }
      continue;
    }
    std::int64_t day;
    std::string_view date_text = split.field(static_cast<std::size_t>(spec.date));
    if (have_last && SameText(date_text, last_date)) {
      day = last_day;
    } else {
      bool ok = use_format ? ParseDateWithFormat(date_text, spec.date_format, &day)
                           : ParseIsoDate(date_text, &day);
      if (!ok) {
        if (bad_row(field_error(spec.date, date_expected))) break;
        continue;
      }
      last_date.assign(date_text);
      last_day = day;
      have_last = true;
    }
    std::string_view sku = split.field(static_cast<std::size_t>(spec.sku));
    while (!sku.empty() && sku.front() == ' ') sku.remove_prefix(1);
    while (!sku.empty() && sku.back() == ' ') sku.remove_suffix(1);
    if (sku.empty()) {
      if (bad_row(field_error(spec.sku, "a non-empty SKU"))) break;
      continue;
    }
    double qty;
    if (!ParseNumber(split.field(static_cast<std::size_t>(spec.qty)), &qty)) {
      if (bad_row(field_error(spec.qty, "a number"))) break;
      continue;
    }
    bool row_ok = true;
    for (std::size_t k = 0; k < num_extras; ++k) {
      row_extras[k] = kNaN;
      if (!numeric[k]) continue;
      const ChunkSpec::Extra& c = spec.extras[k];
      std::string_view text = split.field(static_cast<std::size_t>(c.index));
      if (BlankField(text)) continue;  // missing
      double v;
      if (ParseNumber(text, &v)) {
        row_extras[k] = v;
      } else if (c.requested) {
        row_ok = false;
        bad_row(field_error(c.index, "a number"));
        break;
      } else {
        // A column that is not numeric throughout is not carried (e.g. Description).
        numeric[k] = 0;
        out.non_numeric.emplace_back(record_line, k);
      }
    }
    if (out.stopped) break;
    if (!row_ok) continue;

    std::string_view location =
        spec.location >= 0 ? split.field(static_cast<std::size_t>(spec.location)) : "";
    bool added;
    key_of.push_back(keys.Find(sku, location, &added));
    // Field by field: a whole-struct copy from a temporary would wait on the
    // separate narrower stores that built it.
    ParsedRow& row = rows.emplace_back();
    row.qty = qty;
    row.day = static_cast<std::int32_t>(day);
    row.line = static_cast<std::uint32_t>(record_line);
    for (double v : row_extras) extras.push_back(v);
  }

  GroupByKey(num_extras, &out);
}

}  // namespace invplan
