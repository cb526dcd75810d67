#include <algorithm>
#include <cmath>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "invplan/error.h"
#include "invplan/ingest.h"

namespace invplan {

Panel LoadPanel(const IngestOptions& ingest, const CleanOptions& clean, IngestReport* report,
                RunInfo* run) {
  IngestReport local;
  IngestReport* rep = report ? report : &local;
  Panel panel = ReadPanel(ingest, rep, run);
  CleanPanel(&panel, clean, rep);
  return panel;
}

void WritePanelCsv(const Panel& panel, const std::string& path) {
  OutputFile out(path);
  std::ostream& os = out.stream();
  os << "date,sku";
  if (panel.has_location) os << ",location";
  os << ",quantity";
  for (const auto& name : panel.extra_names) os << ',' << CsvEscape(name);
  os << '\n';
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
  std::vector<std::string> dates;
  if (last >= first && last - first < (1 << 22)) {
    for (std::int64_t p = first; p <= last; ++p) dates.push_back(FormatPeriod(p, panel.frequency));
  }
  std::string line;
  for (const Series& s : panel.series) {
    const std::string sku = CsvEscape(s.sku), loc = CsvEscape(s.location);
    for (std::size_t t = 0; t < s.quantity.size(); ++t) {
      std::int64_t p = s.start + static_cast<std::int64_t>(t);
      if (dates.empty()) {
        line = FormatPeriod(p, panel.frequency);
      } else {
        line = dates[static_cast<std::size_t>(p - first)];
      }
      line += ',';
      line += sku;
      if (panel.has_location) {
        line += ',';
        line += loc;
      }
      line += ',';
      if (!std::isnan(s.quantity[t])) line += FormatDouble(s.quantity[t]);
      for (const auto& e : s.extras) {
        line += ',';
        if (!std::isnan(e[t])) line += FormatDouble(e[t]);
      }
      line += '\n';
      os << line;
    }
  }
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
