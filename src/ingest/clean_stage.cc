#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "ingest/read_panel.h"
#include "invplan/error.h"
#include "invplan/ingest.h"

namespace invplan {

Panel LoadPanel(const IngestOptions& ingest, const CleanOptions& clean, IngestReport* report,
                RunInfo* run) {
  IngestReport local;
  IngestReport* rep = report ? report : &local;
  Panel panel = ReadPanelThreaded(ingest, clean.threads, rep, run);
  CleanPanel(&panel, clean, rep);
  return panel;
}

namespace {

// Writes the text FormatDouble gives for a finite or infinite `v` at `out` (room
// for 32 characters) and returns its end. Integers below 100000 in magnitude are
// their own shortest form (scientific notation is never shorter for them); -0
// keeps its sign.
char* PutNumber(char* out, double v) {
  if (v > -100000.0 && v < 100000.0 && v == static_cast<double>(static_cast<int>(v)) &&
      !(v == 0.0 && std::signbit(v))) {
    return std::to_chars(out, out + 32, static_cast<int>(v)).ptr;
  }
  return std::to_chars(out, out + 32, v).ptr;
}

// The text of the previous value of a column: carried-forward extras (a price,
// a stock level) repeat the same value for long runs.
struct NumberCache {
  double value = 0.0;
  bool valid = false;
  char text[32];
  std::size_t size = 0;

  char* Put(char* out, double v) {
    if (!valid || std::memcmp(&v, &value, sizeof v) != 0) {
      size = static_cast<std::size_t>(PutNumber(text, v) - text);
      value = v;
      valid = true;
    }
    std::memcpy(out, text, sizeof text);  // whole: the room allows it, the next piece overwrites
    return out + size;
  }
};

// Output text gathered in a large buffer and written out in big pieces.
class TextBuffer {
 public:
  explicit TextBuffer(std::ostream* os) : os_(os), data_(new char[kSize]) {}
  // Room for `n` more characters at the returned position; Advance(end) keeps them.
  char* Room(std::size_t n) {
    if (size_ + n > capacity_) {
      Flush();
      if (n > capacity_) {
        capacity_ = n;
        data_.reset(new char[n]);
      }
    }
    return data_.get() + size_;
  }
  void Advance(char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void Flush() {
    os_->write(data_.get(), static_cast<std::streamsize>(size_));
    size_ = 0;
  }

 private:
  static constexpr std::size_t kSize = std::size_t(1) << 20;
  std::ostream* os_;
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = kSize;
};

char* Put(char* out, const std::string& s) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}

// Text kept padded to whole 32-byte blocks and copied block by block (a few
// vector moves instead of a library call per piece): a copy may write up to 31
// bytes past the piece, which the line's room covers and the next piece
// overwrites.
class Piece {
 public:
  explicit Piece(std::string_view s = "") { Set(s); }
  void Set(std::string_view s) {
    size_ = s.size();
    data_.assign((size_ + 31) / 32 * 32, '\0');
    if (size_ > 0) std::memcpy(data_.data(), s.data(), size_);
  }
  std::size_t size() const { return size_; }
  char* Put(char* out) const {
    for (std::size_t i = 0; i < size_; i += 32) std::memcpy(out + i, data_.data() + i, 32);
    return out + size_;
  }

 private:
  std::vector<char> data_;
  std::size_t size_ = 0;
};

}  // namespace

void WritePanelCsv(const Panel& panel, const std::string& path) {
  OutputFile out(path);
  TextBuffer text(&out.stream());
  std::string header = "date,sku";
  if (panel.has_location) header += ",location";
  header += ",quantity";
  for (const auto& name : panel.extra_names) header += ',' + CsvEscape(name);
  header += '\n';
  text.Advance(Put(text.Room(header.size()), header));
  // Dates are formatted once per period of the panel's range, not once per row.
  std::int64_t first = 0, last = -1;
  for (const Series& s : panel.series) {
    if (last < first) {
      first = s.start;
      last = s.end() - 1;
    }
    first = std::min(first, s.start);
    last = std::max(last, s.end() - 1);
  }
  std::vector<Piece> dates;
  if (last >= first && last - first < (1 << 22)) {
    for (std::int64_t p = first; p <= last; ++p)
      dates.emplace_back(FormatPeriod(p, panel.frequency));
  }
  std::vector<NumberCache> extra_text(panel.extra_names.size());
  Piece key, date;
  for (const Series& s : panel.series) {
    std::string key_text = ',' + CsvEscape(s.sku);
    if (panel.has_location) key_text += ',' + CsvEscape(s.location);
    key_text += ',';
    key.Set(key_text);
    // Room for the longest line of the series: date, key, numbers and separators,
    // and what the block copies may write past them.
    const std::size_t longest = 96 + key.size() + 33 * (1 + s.extras.size());
    for (auto& c : extra_text) c.valid = false;
    for (std::size_t t = 0; t < s.quantity.size(); ++t) {
      std::int64_t p = s.start + static_cast<std::int64_t>(t);
      if (dates.empty()) date.Set(FormatPeriod(p, panel.frequency));
      const Piece& d = dates.empty() ? date : dates[static_cast<std::size_t>(p - first)];
      char* o = text.Room(longest + d.size());
      o = d.Put(o);
      o = key.Put(o);
      if (!std::isnan(s.quantity[t])) o = PutNumber(o, s.quantity[t]);
      for (std::size_t k = 0; k < s.extras.size(); ++k) {
        *o++ = ',';
        double v = s.extras[k][t];
        if (!std::isnan(v)) o = extra_text[k].Put(o, v);
      }
      *o++ = '\n';
      text.Advance(o);
    }
  }
  text.Flush();
  out.Commit();
}

namespace {

Json ReportJson(const Panel& panel, const IngestReport& rep, const CleanOptions& clean) {
  Json doc = Json::object();
  doc["frequency"] = FrequencyCode(panel.frequency);
  doc["frequency_inferred"] = rep.frequency_inferred;
  doc["season"] = clean.season > 0 ? clean.season : SeasonalPeriod(panel.frequency);
  doc["rows"] = {{"read", rep.rows_read},
                 {"used", rep.rows_used},
                 {"skipped", rep.rows_skipped},
                 {"dropped_negative", rep.rows_dropped_negative},
                 {"skipped_examples", rep.skipped_examples}};
  doc["extra_columns"] = panel.extra_names;
  doc["ignored_columns"] = rep.ignored_columns;
  std::uint64_t periods = 0, filled = 0, outliers = 0, negatives = 0;
  Json series = Json::array();
  for (std::size_t i = 0; i < panel.series.size(); ++i) {
    const Series& s = panel.series[i];
    const SeriesReport& r = rep.series[i];
    double total = 0.0;
    for (double v : s.quantity) {
      if (!std::isnan(v)) total += v;
    }
    Json js = Json::object();
    js["sku"] = s.sku;
    if (panel.has_location) js["location"] = s.location;
    js["first"] = FormatPeriod(s.start, panel.frequency);
    js["last"] = FormatPeriod(s.end() - 1, panel.frequency);
    js["periods"] = s.quantity.size();
    js["rows"] = r.rows;
    js["filled"] = r.filled;
    js["negatives"] = r.negatives;
    js["outliers"] = r.outliers;
    js["total_quantity"] = total;
    series.push_back(std::move(js));
    periods += s.quantity.size();
    filled += r.filled;
    outliers += r.outliers;
    negatives += r.negatives;
  }
  doc["totals"] = {{"series", panel.series.size()},
                   {"periods", periods},
                   {"filled", filled},
                   {"outliers", outliers},
                   {"negatives", negatives}};
  doc["series"] = std::move(series);
  return doc;
}

}  // namespace

Json RunClean(const CleanStageOptions& o, RunInfo* run) {
  if (o.output == "-" && o.report_path == "-") {
    throw UsageError("--output and --report cannot both be standard output");
  }
  RunInfo local;
  RunInfo* r = run ? run : &local;
  IngestReport rep;
  Panel panel = LoadPanel(o.ingest, o.clean, &rep, r);
  Json doc = MakeEnvelope(kCleanReportFormat, kCleanReportSchema, *r);
  doc.update(ReportJson(panel, rep, o.clean));
  if (!o.output.empty()) WritePanelCsv(panel, o.output);
  if (!o.report_path.empty()) WriteJsonArtifact(o.report_path, doc);
  return doc;
}

}  // namespace invplan
