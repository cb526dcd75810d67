// The report's SVG toolkit (see svg.h).
#include "report/svg.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "invplan/panel.h"

namespace invplan::report {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters other than tab and line breaks are not valid XML.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Num(double v) {
  if (!std::isfinite(v)) return "0";
  const long long tenths = std::llround(v * 10.0);
  if (tenths == 0) return "0";
  const long long whole = tenths / 10;
  const long long frac = std::llabs(tenths % 10);
  std::string out;
  if (tenths < 0 && whole == 0) out = "-";
  out += std::to_string(whole);
  if (frac != 0) out += "." + std::to_string(frac);
  return out;
}

std::string TickLabel(double v) {
  if (!std::isfinite(v)) return "";
  const double a = std::fabs(v);
  char buf[32];
  if (a >= 1e6) {
    std::snprintf(buf, sizeof buf, "%gM", std::round(v / 1e5) / 10.0);
  } else if (a >= 1e4) {
    std::snprintf(buf, sizeof buf, "%gk", std::round(v / 1e2) / 10.0);
  } else if (a == std::floor(a)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", v);
  }
  std::string s = buf;
  return s == "-0" ? "0" : s;
}

double LinearScale::operator()(double v) const {
  if (d1 == d0) return (r0 + r1) / 2.0;
  return r0 + (v - d0) * (r1 - r0) / (d1 - d0);
}

std::vector<double> NiceTicks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0.0, 1.0};
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1.0 : std::fabs(lo) * 0.5;
    lo -= pad;
    hi += pad;
  }
  target = std::max(target, 2);
  const double raw = (hi - lo) / target;
  const int exponent = static_cast<int>(std::floor(std::log10(raw)));
  const double mag = std::pow(10.0, exponent);
  double m = 1;
  for (double c : {1.0, 2.0, 5.0, 10.0}) {
    m = c;
    if (raw <= c * mag * 1.0000001) break;
  }
  const double step = m * mag;
  // Tick k is k * m * 10^exponent, computed so that decimals come out as the
  // nearest double (0.6, not 0.6000000000000001).
  const double unit = exponent < 0 ? std::pow(10.0, -exponent) : 1.0;
  auto tick = [&](long long k) {
    return exponent < 0 ? static_cast<double>(k) * m / unit : static_cast<double>(k) * step;
  };
  const long long first = static_cast<long long>(std::floor(lo / step + 1e-9));
  const long long last = static_cast<long long>(std::ceil(hi / step - 1e-9));
  std::vector<double> ticks;
  for (long long k = first; k <= last; ++k) ticks.push_back(k == 0 ? 0.0 : tick(k));
  if (ticks.size() < 2) ticks.push_back(tick(first + 1));
  return ticks;
}

namespace {

// Tick steps, finest first: {unit, count}; unit 0 day, 1 week, 2 month, 3 year.
struct DateStep {
  int unit;
  int count;
  double days;  // approximate length
};
constexpr DateStep kSteps[] = {{0, 1, 1},      {0, 2, 2},      {1, 1, 7},      {1, 2, 14},
                               {2, 1, 30.4},   {2, 2, 60.9},   {2, 3, 91.3},   {2, 6, 182.6},
                               {3, 1, 365.25}, {3, 2, 730.5},  {3, 5, 1826},   {3, 10, 3652},
                               {3, 25, 9131},  {3, 50, 18262}, {3, 100, 36525}};

std::string Label(std::int64_t day, int unit) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(day, &y, &m, &d);
  char buf[32];
  if (unit <= 1) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else if (unit == 2) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", y);
  }
  return buf;
}

}  // namespace

std::vector<DateTick> DateTicks(std::int64_t first_day, std::int64_t last_day, int target) {
  if (last_day < first_day) std::swap(first_day, last_day);
  target = std::max(target, 2);
  const double span = static_cast<double>(last_day - first_day);
  DateStep step = kSteps[std::size(kSteps) - 1];
  for (const DateStep& s : kSteps) {
    if (span / s.days <= target) {
      step = s;
      break;
    }
  }
  std::vector<DateTick> ticks;
  if (step.unit == 0) {
    for (std::int64_t d = first_day; d <= last_day; d += step.count) {
      ticks.push_back({d, Label(d, 0)});
    }
  } else if (step.unit == 1) {
    // Day 4 (1970-01-05) was a Monday: start at the first Monday >= first_day.
    std::int64_t d = first_day + (((4 - first_day) % 7) + 7) % 7;
    for (; d <= last_day; d += 7 * step.count) ticks.push_back({d, Label(d, 1)});
  } else {
    int y = 0, m = 0, dd = 0;
    CivilFromDays(first_day, &y, &m, &dd);
    // Months counted from year 0; the first boundary at or after first_day that
    // is a multiple of the step.
    const int months_per = step.unit == 2 ? step.count : 12 * step.count;
    long long idx = static_cast<long long>(y) * 12 + (m - 1);
    if (dd != 1) ++idx;
    idx = (idx + months_per - 1) / months_per * months_per;
    for (;; idx += months_per) {
      const int ty = static_cast<int>(idx / 12), tm = static_cast<int>(idx % 12) + 1;
      const std::int64_t d = DaysFromCivil(ty, tm, 1);
      if (d > last_day) break;
      ticks.push_back({d, Label(d, step.unit)});
    }
  }
  return ticks;
}

const char* CategoryColor(std::string_view name) {
  static constexpr const char* kColors[] = {"#d97706", "#7c3aed", "#db2777", "#0d9488",
                                            "#65a30d", "#0891b2", "#b91c1c", "#4f46e5"};
  // FNV-1a: stable across platforms and runs.
  std::uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return kColors[h % std::size(kColors)];
}

Svg::Svg(double width, double height, std::string_view title, std::string_view css_class)
    : width_(width), height_(height), title_(title), class_(css_class) {}

void Svg::Line(double x1, double y1, double x2, double y2, const char* stroke, double w,
               bool dashed) {
  body_ += "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" +
           Num(y2) + "\" stroke=\"" + stroke + "\" stroke-width=\"" + Num(w) + "\"" +
           (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>";
}

void Svg::Path(const std::vector<double>& xs, const std::vector<double>& ys, const char* stroke,
               double w) {
  std::string d;
  bool pen_down = false;
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    if (!std::isfinite(ys[i])) {
      pen_down = false;
      continue;
    }
    d += pen_down ? " " : (d.empty() ? "M" : " M");
    d += Num(xs[i]) + " " + Num(ys[i]);
    pen_down = true;
  }
  if (d.empty()) return;
  body_ += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + stroke + "\" stroke-width=\"" +
           Num(w) + "\" stroke-linejoin=\"round\"/>";
}

void Svg::Band(const std::vector<double>& xs, const std::vector<double>& lo,
               const std::vector<double>& hi, const char* fill) {
  const std::size_t n = std::min({xs.size(), lo.size(), hi.size()});
  if (n == 0) return;
  std::string pts;
  for (std::size_t i = 0; i < n; ++i) pts += Num(xs[i]) + "," + Num(hi[i]) + " ";
  for (std::size_t i = n; i-- > 0;) pts += Num(xs[i]) + "," + Num(lo[i]) + (i ? " " : "");
  body_ += "<polygon points=\"" + pts + "\" fill=\"" + fill + "\" stroke=\"none\"/>";
}

void Svg::Rect(double x, double y, double w, double h, std::string_view fill,
               std::string_view tip) {
  body_ += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(std::max(w, 0.0)) +
           "\" height=\"" + Num(std::max(h, 0.0)) + "\" fill=\"" + Escape(fill) + "\"";
  if (tip.empty()) {
    body_ += "/>";
  } else {
    body_ += "><title>" + Escape(tip) + "</title></rect>";
  }
}

void Svg::Circle(double cx, double cy, double r, std::string_view fill, std::string_view tip) {
  body_ += "<circle cx=\"" + Num(cx) + "\" cy=\"" + Num(cy) + "\" r=\"" + Num(r) + "\" fill=\"" +
           Escape(fill) + "\"";
  if (tip.empty()) {
    body_ += "/>";
  } else {
    body_ += "><title>" + Escape(tip) + "</title></circle>";
  }
}

void Svg::Text(double x, double y, std::string_view text, const char* anchor, double size,
               const char* fill) {
  body_ += "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" font-size=\"" + Num(size) +
           "\" fill=\"" + fill + "\"";
  if (std::string_view(anchor) != "start") body_ += std::string(" text-anchor=\"") + anchor + "\"";
  body_ += ">" + Escape(text) + "</text>";
}

void Svg::YAxis(const LinearScale& y, const std::vector<double>& ticks, double x, double x_end) {
  for (double t : ticks) {
    const double py = y(t);
    Line(x, py, x_end, py, color::kGrid, 1);
    Text(x - 4, py + 3.5, TickLabel(t), "end", 10);
  }
}

void Svg::XAxis(const LinearScale& x, const std::vector<double>& ticks, double y) {
  Line(x.r0, y, x.r1, y, color::kAxis, 1);
  for (double t : ticks) {
    const double px = x(t);
    Line(px, y, px, y + 4, color::kAxis, 1);
    Text(px, y + 15, TickLabel(t), "middle", 10);
  }
}

void Svg::DateAxis(const LinearScale& x, const std::vector<DateTick>& ticks, double y) {
  Line(std::min(x.r0, x.r1), y, std::max(x.r0, x.r1), y, color::kAxis, 1);
  for (const DateTick& t : ticks) {
    const double px = x(static_cast<double>(t.day));
    Line(px, y, px, y + 4, color::kAxis, 1);
    Text(px, y + 15, t.label, "middle", 10);
  }
}

void Svg::Legend(double x, double y, const std::vector<LegendItem>& items) {
  for (const LegendItem& it : items) {
    if (it.line) {
      Line(x, y - 4, x + 14, y - 4, it.color.c_str(), 2);
    } else {
      Rect(x, y - 9, 12, 10, it.color);
    }
    Text(x + 18, y, it.label, "start", 10);
    x += 26 + 6.0 * static_cast<double>(it.label.size());
  }
}

std::string Svg::Finish(bool standalone) const {
  std::string out = "<svg";
  if (standalone) out += " xmlns=\"http://www.w3.org/2000/svg\"";
  out += " class=\"" + Escape(class_) + "\" viewBox=\"0 0 " + Num(width_) + " " + Num(height_) +
         "\" role=\"img\" font-family=\"sans-serif\"><title>" + Escape(title_) + "</title>" +
         body_ + "</svg>";
  return out;
}

}  // namespace invplan::report
