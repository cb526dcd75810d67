// A small SVG toolkit for the report's charts: escaping, compact number text,
// linear scales, "nice" ticks, date axes, a fixed palette and a writer.
//
// Contracts:
//  * Escape() makes any text safe inside HTML/SVG text and inside quoted
//    attribute values (& < > " ' are replaced), so data never becomes markup.
//  * Num() writes coordinates locale-independently with at most one decimal
//    ("12", "3.5", never "-0"): the same chart always gives the same bytes.
//  * NiceTicks(lo, hi, n) gives about n round values (steps 1, 2, 5 x 10^k)
//    covering [lo, hi]: the first tick <= lo, the last >= hi.
//  * DateTicks(first, last, n) gives about n tick days in [first, last] (days
//    since 1970-01-01) on calendar boundaries: days, weeks (Mondays), months,
//    quarters or years, labelled YYYY-MM-DD, YYYY-MM or YYYY by step.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace invplan::report {

// Text safe in HTML and SVG content and attributes.
std::string Escape(std::string_view text);

// Coordinate text: rounded to one decimal, trailing ".0" dropped, no "-0".
std::string Num(double v);

// A tick label: whole numbers as is, large values with k/M, otherwise up to
// three significant decimals ("1,250" is written "1250"; "12k", "0.25").
std::string TickLabel(double v);

// Maps [d0, d1] linearly onto [r0, r1]; a degenerate domain maps to the middle.
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const;
};

// Round ticks covering [lo, hi], about `target` of them (at least 2).
std::vector<double> NiceTicks(double lo, double hi, int target = 5);

struct DateTick {
  std::int64_t day = 0;  // days since 1970-01-01
  std::string label;
};
std::vector<DateTick> DateTicks(std::int64_t first_day, std::int64_t last_day, int target = 6);

// The palette, used the same way by every chart.
namespace color {
inline constexpr const char* kHistory = "#374151";
inline constexpr const char* kForecast = "#2563eb";
inline constexpr const char* kBand80 = "#93c5fd";
inline constexpr const char* kBand95 = "#dbeafe";
inline constexpr const char* kHoldout = "#ea580c";
inline constexpr const char* kGrid = "#e5e7eb";
inline constexpr const char* kAxis = "#6b7280";
inline constexpr const char* kGood = "#16a34a";
inline constexpr const char* kBad = "#dc2626";
inline constexpr const char* kNeutral = "#9ca3af";
}  // namespace color

// A colour per category (anomaly type, supplier), the same for the same name.
const char* CategoryColor(std::string_view name);

struct LegendItem {
  std::string label;
  std::string color;
  bool line = false;  // a line sample instead of a square
};

// Builds one <svg> element. Coordinates are in user units; the element scales
// to its container (viewBox, width 100%).
class Svg {
 public:
  // `title` becomes the chart's accessible name (<title>), `css_class` its class.
  Svg(double width, double height, std::string_view title, std::string_view css_class = "chart");
  double width() const { return width_; }
  double height() const { return height_; }

  void Line(double x1, double y1, double x2, double y2, const char* stroke, double w = 1,
            bool dashed = false);
  // A polyline through the points; breaks at NaN y values.
  void Path(const std::vector<double>& xs, const std::vector<double>& ys, const char* stroke,
            double w = 1.5);
  // The band between lower and upper curves over xs.
  void Band(const std::vector<double>& xs, const std::vector<double>& lo,
            const std::vector<double>& hi, const char* fill);
  // `tip`, when not empty, is shown on hover (an escaped <title>).
  void Rect(double x, double y, double w, double h, std::string_view fill,
            std::string_view tip = {});
  void Circle(double cx, double cy, double r, std::string_view fill, std::string_view tip = {});
  // anchor: "start", "middle" or "end".
  void Text(double x, double y, std::string_view text, const char* anchor = "start",
            double size = 11, const char* fill = color::kAxis);

  // A y axis at x with horizontal grid lines across [x, x_end] at each tick.
  void YAxis(const LinearScale& y, const std::vector<double>& ticks, double x, double x_end);
  // An x axis at y with numeric ticks.
  void XAxis(const LinearScale& x, const std::vector<double>& ticks, double y);
  // An x axis at y with date ticks (x maps days since 1970-01-01).
  void DateAxis(const LinearScale& x, const std::vector<DateTick>& ticks, double y);
  // A one-row legend starting at (x, y).
  void Legend(double x, double y, const std::vector<LegendItem>& items);

  // The closed <svg> element; standalone adds the XML namespace declaration
  // needed by a separate .svg file (inline SVG in HTML does not need it).
  std::string Finish(bool standalone = false) const;

 private:
  double width_, height_;
  std::string title_, class_;
  std::string body_;
};

}  // namespace invplan::report
