// The report page: sections assembled into one HTML document.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/data.h"
#include "report/select.h"
#include "report/svg.h"

namespace invplan::report {

// Collects the charts of the page: Inline() returns the <svg> element to embed
// and, when keeping files, remembers the standalone version under a file name
// (letters, digits, '-' and '_' only, unique on the page).
class ChartSink {
 public:
  explicit ChartSink(bool keep_files) : keep_(keep_files) {}
  std::string Inline(const std::string& name, const Svg& svg);
  std::size_t count() const { return count_; }
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

 private:
  bool keep_;
  std::size_t count_ = 0;
  std::vector<std::pair<std::string, std::string>> files_;  // name.svg, text
};

struct Page {
  std::string html;
  std::size_t charts = 0;
  std::vector<std::pair<std::string, std::string>> svg_files;
};

// The whole page. `generated` is the one line that differs between runs.
Page BuildPage(const ReportData& d, const std::vector<SkuPick>& picks, const std::string& generated,
               bool keep_svg_files);

// Sections (page_*.cc), each a <section> element.
std::string OverviewSection(const ReportData& d, ChartSink& charts);
std::string OrdersSection(const ReportData& d, const std::vector<SkuPick>& picks,
                          ChartSink& charts);
std::string SkuSection(const ReportData& d, const std::vector<SkuPick>& picks, ChartSink& charts);
std::string PolicySection(const ReportData& d, ChartSink& charts);
std::string AccuracySection(const ReportData& d, ChartSink& charts);

// The page's inline stylesheet and script (assets.cc).
extern const char* const kStyle;
extern const char* const kScript;
extern const char* const kErrorHook;  // first script of the page: records errors

// Formatting shared by the sections.
std::string Money(double v);                          // 1234.5 -> "1,234.50"
std::string Count(std::uint64_t n);                   // 12345 -> "12,345"
std::string Seconds(double s);                        // "0.42 s", "3.1 s", "2 min 5 s"
std::string Percent(double share, int decimals = 0);  // 0.5 -> "50%"
// An id for the SKU section of pick i: "sku-<i>".
std::string SkuAnchor(std::size_t i);

}  // namespace invplan::report
