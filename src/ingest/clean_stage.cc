#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "common/parallel.h"
#include "ingest/clean.h"
#include "ingest/closures.h"
#include "ingest/read_panel.h"
#include "invplan/error.h"
#include "invplan/ingest.h"

namespace invplan {

Panel LoadPanel(const IngestOptions& ingest, const CleanOptions& clean, int threads,
                IngestReport* report, RunInfo* run) {
  IngestReport local;
  IngestReport* rep = report ? report : &local;
  Panel panel = ReadPanelThreaded(ingest, threads, rep, run);
  CleanPanel(&panel, clean, threads, rep);
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

// Long CSV of a panel written series by series, to a temporary file renamed into
// place by Commit.
class PanelCsvWriter {
 public:
  PanelCsvWriter(const std::string& path, const Panel& shell)
      : out_(path),
        text_(&out_.stream()),
        frequency_(shell.frequency),
        has_location_(shell.has_location),
        extra_text_(shell.extra_names.size()),
        closed_col_(ExtraIndexAnyCase(shell.extra_names, "closed")) {
    std::string header = "date,sku";
    if (has_location_) header += ",location";
    header += ",quantity";
    for (const auto& name : shell.extra_names) header += ',' + CsvEscape(name);
    header += '\n';
    text_.Advance(Put(text_.Room(header.size()), header));
  }

  void Add(const Series& s) {
    std::string key_text = ',' + CsvEscape(s.sku);
    if (has_location_) key_text += ',' + CsvEscape(s.location);
    key_text += ',';
    key_.Set(key_text);
    const bool cached = CoverDates(s.start, s.end());
    // Room for the longest line of the series: date, key, numbers and separators,
    // and what the block copies may write past them.
    const std::size_t longest = 96 + key_.size() + 33 * (1 + s.extras.size());
    for (auto& c : extra_text_) c.valid = false;
    for (std::size_t t = 0; t < s.quantity.size(); ++t) {
      std::int64_t p = s.start + static_cast<std::int64_t>(t);
      if (!cached) date_.Set(FormatPeriod(p, frequency_));
      const Piece& d = cached ? dates_[static_cast<std::size_t>(p - first_)] : date_;
      char* o = text_.Room(longest + d.size());
      o = d.Put(o);
      o = key_.Put(o);
      if (!std::isnan(s.quantity[t])) {
        o = PutNumber(o, s.quantity[t]);
      } else if (closed_col_ >= 0 && s.extras[static_cast<std::size_t>(closed_col_)][t] > 0) {
        *o++ = '0';  // closed: read back as closed through the `closed` column
      }
      for (std::size_t k = 0; k < s.extras.size(); ++k) {
        *o++ = ',';
        double v = s.extras[k][t];
        if (!std::isnan(v)) o = extra_text_[k].Put(o, v);
      }
      *o++ = '\n';
      text_.Advance(o);
    }
  }

  void Commit() {
    text_.Flush();
    out_.Commit();
  }

 private:
  // Dates are formatted once per period of the range seen so far, not once per
  // row; false when [from, to) would make the range unreasonably long.
  bool CoverDates(std::int64_t from, std::int64_t to) {
    if (to <= from) return true;
    const std::int64_t last = first_ + static_cast<std::int64_t>(dates_.size());
    if (!dates_.empty() && from >= first_ && to <= last) return true;
    const std::int64_t lo = dates_.empty() ? from : std::min(from, first_);
    const std::int64_t hi = dates_.empty() ? to : std::max(to, last);
    if (hi - lo > (std::int64_t(1) << 22)) return false;
    std::vector<Piece> wider(static_cast<std::size_t>(hi - lo));
    for (std::int64_t p = lo; p < hi; ++p) {
      Piece& piece = wider[static_cast<std::size_t>(p - lo)];
      if (!dates_.empty() && p >= first_ && p < last) {
        piece = std::move(dates_[static_cast<std::size_t>(p - first_)]);
      } else {
        piece.Set(FormatPeriod(p, frequency_));
      }
    }
    dates_ = std::move(wider);
    first_ = lo;
    return true;
  }

  OutputFile out_;
  TextBuffer text_;
  Frequency frequency_;
  bool has_location_;
  std::vector<NumberCache> extra_text_;
  int closed_col_;
  std::int64_t first_ = 0;
  std::vector<Piece> dates_;  // dates_[p - first_]
  Piece key_, date_;
};

}  // namespace

void WritePanelCsv(const Panel& panel, const std::string& path) {
  PanelCsvWriter writer(path, panel);
  for (const Series& s : panel.series) writer.Add(s);
  writer.Commit();
}

namespace {

// What the report keeps of a cleaned series once it has been written out.
struct SeriesSummary {
  std::string sku, location;
  std::int64_t start = 0;
  std::size_t periods = 0;
  double total = 0.0;  // sum of the quantities after cleaning
};

SeriesSummary Summarize(const Series& s) {
  SeriesSummary out{s.sku, s.location, s.start, s.quantity.size(), 0.0};
  for (double v : s.quantity) {
    if (!std::isnan(v)) out.total += v;
  }
  return out;
}

Json ReportJson(const Panel& shell, const std::vector<SeriesSummary>& summaries,
                const IngestReport& rep, const CleanOptions& clean) {
  Json doc = Json::object();
  doc["frequency"] = FrequencyCode(shell.frequency);
  doc["frequency_inferred"] = rep.frequency_inferred;
  doc["season"] = clean.season > 0 ? clean.season : SeasonalPeriod(shell.frequency);
  doc["rows"] = {{"read", rep.rows_read},
                 {"used", rep.rows_used},
                 {"skipped", rep.rows_skipped},
                 {"dropped_negative", rep.rows_dropped_negative},
                 {"skipped_examples", rep.skipped_examples}};
  doc["extra_columns"] = shell.extra_names;
  doc["ignored_columns"] = rep.ignored_columns;
  Json why = Json::object();
  for (std::size_t i = 0; i < rep.ignored_columns.size() && i < rep.ignored_reasons.size(); ++i) {
    why[rep.ignored_columns[i]] = rep.ignored_reasons[i];
  }
  doc["ignored_column_reasons"] = why;
  Json series = Json::array();
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const SeriesSummary& s = summaries[i];
    const SeriesReport& r = rep.series[i];
    Json js = Json::object();
    js["sku"] = s.sku;
    if (shell.has_location) js["location"] = s.location;
    js["first"] = FormatPeriod(s.start, shell.frequency);
    js["last"] = FormatPeriod(s.start + static_cast<std::int64_t>(s.periods) - 1, shell.frequency);
    js["periods"] = s.periods;
    js["rows"] = r.rows;
    js["filled"] = r.filled;
    js["negatives"] = r.negatives;
    js["outliers"] = r.outliers;
    js["closed"] = r.closed;
    js["total_quantity"] = s.total;
    series.push_back(std::move(js));
  }
  doc["totals"] = CleanReportTotals(series, rep.closed_shop_periods);
  doc["series"] = std::move(series);
  return doc;
}

}  // namespace

Json CleanReportTotals(const Json& series, std::uint64_t closed_shop_periods) {
  std::uint64_t periods = 0, filled = 0, outliers = 0, negatives = 0, closed = 0;
  auto count = [](const Json& js, const char* key) -> std::uint64_t {
    const auto it = js.find(key);
    return it != js.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
  };
  for (const Json& js : series) {
    periods += count(js, "periods");
    filled += count(js, "filled");
    outliers += count(js, "outliers");
    negatives += count(js, "negatives");
    closed += count(js, "closed");
  }
  return Json{{"series", series.size()},
              {"periods", periods},
              {"filled", filled},
              {"outliers", outliers},
              {"negatives", negatives},
              {"closed", closed},
              {"closed_shop_periods", closed_shop_periods}};
}

// The panel is never held whole: series are cleaned and written in batches as
// they are assembled from the per-period cells (the cells and a full copy of
// the panel were the two largest blocks of memory, and fresh memory is paid for
// in page faults).
CleanResult RunClean(const CleanStageOptions& o, RunContext& ctx) {
  CleanStageOptionTable().Validate(o);  // before reading anything
  RunInfo* r = &ctx.run;
  const int threads = ctx.threads;
  IngestReport rep;
  constexpr std::size_t kBatch = 64;  // series cleaned in parallel, then written
  std::unique_ptr<PanelCsvWriter> writer;
  std::vector<SeriesSummary> summaries;
  std::vector<Series> batch;
  std::vector<std::size_t> batch_index;
  bool started = false;
  int season = 1;
  int closed_col = -1;
  auto start = [&](const Panel& shell) {
    season = CheckCleanOptions(o.clean, shell.frequency);
    closed_col = ExtraIndexAnyCase(shell.extra_names, "closed");
    if (!o.output.empty()) writer = std::make_unique<PanelCsvWriter>(o.output, shell);
    started = true;
  };
  auto flush = [&] {
    ctx.ThrowIfCancelled();
    ParallelFor(
        batch.size(), threads,
        [&](std::size_t j) {
          CleanSeries(&batch[j], o.clean, season, &rep.series[batch_index[j]], closed_col);
        },
        4);
    for (const Series& s : batch) {
      summaries.push_back(Summarize(s));
      if (writer) writer->Add(s);
    }
    batch.clear();
    batch_index.clear();
  };
  const Panel shell = ReadPanelSeries(o.ingest, threads, &rep, r,
                                      [&](const Panel& panel, Series&& s, std::size_t index) {
                                        if (!started) start(panel);
                                        batch.push_back(std::move(s));
                                        batch_index.push_back(index);
                                        if (batch.size() == kBatch) flush();
                                      });
  if (!started) start(shell);
  flush();
  Json doc = MakeEnvelope(kCleanReportFormat, kCleanReportSchema, *r);
  doc.update(ReportJson(shell, summaries, rep, o.clean));
  if (writer) writer->Commit();
  if (!o.report_path.empty()) WriteJsonArtifact(o.report_path, doc);
  CleanResult result;
  result.report = std::move(doc);
  result.output = o.output;
  return result;
}

namespace {

// "; not carried: Customer ID (identifier), note (not numeric)", or nothing.
std::string IgnoredText(const Json& report) {
  if (!report.contains("ignored_column_reasons")) return {};
  std::string text;
  for (const auto& [name, why] : report["ignored_column_reasons"].items()) {
    std::string reason = why.get<std::string>();
    reason = reason.substr(0, std::min(reason.find(':'), reason.find(" (")));
    text += (text.empty() ? "; not carried: " : ", ") + name + " (" + reason + ")";
  }
  return text;
}

}  // namespace

std::string CleanResult::Summary() const {
  const Json& t = report["totals"];
  auto n = [](const Json& v) { return std::to_string(v.get<long long>()); };
  return "clean: " + n(t["series"]) + " series, " + n(t["periods"]) + " periods (" +
         report["frequency"].get<std::string>() + "), " + n(report["rows"]["read"]) +
         " rows read, " + n(report["rows"]["skipped"]) + " skipped, " + n(t["filled"]) +
         " filled, " + n(t["outliers"]) + " outliers, " + n(t["negatives"]) + " negative rows, " +
         n(t["closed"]) + " closed (" + n(t["closed_shop_periods"]) + " whole-shop)" +
         IgnoredText(report) + (output.empty() || output == "-" ? "" : " -> " + output);
}

}  // namespace invplan
