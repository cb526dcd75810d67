// The page skeleton, the chart sink and shared formatting (see page.h).
#include "report/page.h"

#include <cmath>
#include <cstdio>

#include "invplan/artifact.h"

namespace invplan::report {

std::string ChartSink::Inline(const std::string& name, const Svg& svg) {
  ++count_;
  if (keep_) {
    std::string file;
    for (char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
      file += ok ? c : '_';
    }
    char number[32];
    std::snprintf(number, sizeof number, "%04zu-", count_);
    file = number + file.substr(0, 80) + ".svg";
    files_.push_back(
        {file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.Finish(true) + "\n"});
  }
  return svg.Finish(false);
}

std::string Count(std::uint64_t n) {
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

std::string Money(double v) {
  if (!std::isfinite(v)) return "–";
  const std::string text = FormatMoney(std::fabs(v));  // "1234.50"
  const std::size_t dot = text.find('.');
  std::string whole = text.substr(0, dot), out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return (v < 0 ? "-" : "") + out + text.substr(dot);
}

std::string Seconds(double s) {
  char buf[48];
  if (s < 10) {
    std::snprintf(buf, sizeof buf, "%.2f s", s);
  } else if (s < 120) {
    std::snprintf(buf, sizeof buf, "%.1f s", s);
  } else {
    std::snprintf(buf, sizeof buf, "%d min %d s", static_cast<int>(s / 60),
                  static_cast<int>(std::fmod(s, 60)));
  }
  return buf;
}

std::string Percent(double share, int decimals) {
  return std::isfinite(share) ? FormatDecimals(100 * share, decimals) + "%" : "–";
}

std::string SkuAnchor(std::size_t i) {
  return "sku-" + std::to_string(i);
}

Page BuildPage(const ReportData& d, const std::vector<SkuPick>& picks, const std::string& generated,
               bool keep_svg_files) {
  ChartSink charts(keep_svg_files);
  const std::string title = Escape(d.options.title);
  std::string body;
  body += OverviewSection(d, charts);
  if (d.has_orders) body += OrdersSection(d, picks, charts);
  body += SkuSection(d, picks, charts);
  if (!d.policies.empty()) body += PolicySection(d, charts);
  body += AccuracySection(d, charts);

  std::string nav = "<nav><a href=\"#overview\">Overview</a>";
  if (d.has_orders) nav += "<a href=\"#orders\">Orders</a>";
  nav += "<a href=\"#skus\">SKUs</a>";
  if (!d.policies.empty()) nav += "<a href=\"#policy\">Policy</a>";
  nav += "<a href=\"#accuracy\">Accuracy</a></nav>\n";

  Page page;
  std::string& h = page.html;
  h.reserve(body.size() + 16384);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: inline styles and scripts only, images from data: URLs.
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + title + "</title>\n<script>" + std::string(kErrorHook) + "</script>\n";
  h += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  h += "<header><h1>" + title + "</h1>\n" + nav + "</header>\n<main>\n";
  h += body;
  h += "</main>\n<footer>\n<p class=\"generated\">" + Escape(generated) + "</p>\n</footer>\n";
  h += "<pre id=\"selftest-result\" hidden></pre>\n";
  h += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  page.charts = charts.count();
  page.svg_files = charts.files();
  return page;
}

}  // namespace invplan::report
