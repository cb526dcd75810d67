// `invplan report`: reads the artifacts, picks the SKUs, builds the page and
// writes it (and, with --svg-dir, the charts) atomically.
#include "invplan/report.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>

#include "common/file_io.h"
#include "invplan/error.h"
#include "report/data.h"
#include "report/page.h"
#include "report/select.h"

namespace invplan {
namespace {

std::string NowUtc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void WriteText(const std::string& path, const std::string& text) {
  OutputFile out(path);
  out.stream() << text;
  out.Commit();
}

}  // namespace

ReportResult RunReport(const ReportOptions& options, RunContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  ReportOptionTable().Validate(options);
  const ReportOptions resolved = report::ResolvePaths(options);
  report::ReportData data = report::LoadReportData(resolved, ctx);
  ctx.ThrowIfCancelled();
  const std::vector<report::SkuPick> picks = report::SelectSkus(data, resolved.max_skus);
  std::set<std::string> keys;
  for (const auto& p : picks) keys.insert(data.series[p.series].key);
  report::LoadHistory(keys, &data, ctx);
  ctx.ThrowIfCancelled();

  const report::Page page =
      report::BuildPage(data, picks, "Generated " + NowUtc() + " by invplan " INVPLAN_VERSION,
                        !resolved.svg_dir.empty());
  if (!resolved.svg_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(resolved.svg_dir, ec);
    if (ec)
      throw UsageError("--svg-dir: cannot create '" + resolved.svg_dir + "': " + ec.message());
    for (const auto& [name, text] : page.svg_files) {
      WriteText((std::filesystem::path(resolved.svg_dir) / name).string(), text);
    }
  }
  WriteText(resolved.output, page.html);

  ReportResult r;
  r.output = resolved.output;
  r.bytes = page.html.size();
  r.skus = data.series.size();
  r.skus_shown = picks.size();
  r.order_lines = data.lines.size();
  r.charts = page.charts;
  r.svg_files = page.svg_files.size();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string ReportResult::Summary() const {
  char size[32];
  std::snprintf(size, sizeof size, "%.2f MB", static_cast<double>(bytes) / 1e6);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f s", seconds);
  std::string text = "report: " + output + " (" + size + ", " + secs +
                     "): " + std::to_string(skus_shown) + " of " + std::to_string(skus) +
                     " SKUs with a section, " + std::to_string(order_lines) + " order lines, " +
                     std::to_string(charts) + " charts";
  if (svg_files > 0) text += " (" + std::to_string(svg_files) + " SVG files)";
  return text;
}

}  // namespace invplan
