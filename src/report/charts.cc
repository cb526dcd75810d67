// The report's charts (see charts.h).
#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "invplan/artifact.h"
#include "invplan/panel.h"

namespace invplan::report {
namespace {

constexpr double kWidth = 720, kHeight = 250;
constexpr double kLeft = 48, kRight = 12, kTop = 28, kBottom = 26;
constexpr std::size_t kMaxMarks = 50;  // anomaly markers per SKU chart

double FiniteMax(const std::vector<double>& v, double m) {
  for (double x : v) {
    if (std::isfinite(x)) m = std::max(m, x);
  }
  return m;
}

std::string LevelLabel(double level) {
  return FormatDecimals(level, 1) + "% interval";
}

}  // namespace

Svg SkuChart(const SkuForecast& f, const std::vector<double>& levels, const History* history,
             const std::vector<AnomalyMark>* anomalies) {
  Svg svg(kWidth, kHeight, "Demand of " + f.key + ": history and forecast");
  const bool has_history = history != nullptr && !history->days.empty();
  std::int64_t first = f.days.empty() ? f.history_end_day : f.days.front();
  std::int64_t last = f.days.empty() ? f.history_end_day : f.days.back();
  if (has_history) first = std::min(first, history->days.front());
  first = std::min(first, f.history_end_day);
  if (last <= first) last = first + 1;

  double top = 0;
  if (has_history) top = FiniteMax(history->quantity, top);
  top = FiniteMax(f.mean, top);
  for (const auto& hi : f.hi) top = FiniteMax(hi, top);
  const std::vector<double> yt = NiceTicks(0, top > 0 ? top : 1, 5);
  const LinearScale x{static_cast<double>(first), static_cast<double>(last), kLeft,
                      kWidth - kRight};
  const LinearScale y{yt.front(), yt.back(), kHeight - kBottom, kTop};
  svg.YAxis(y, yt, kLeft, kWidth - kRight);
  svg.DateAxis(x, DateTicks(first, last, 6), kHeight - kBottom);

  std::vector<LegendItem> legend;
  // Holdout window of the backtest: the last `holdout` periods of history.
  std::size_t holdout_from = has_history ? history->days.size() : 0;
  if (has_history && f.has_backtest && f.holdout > 0) {
    std::size_t end = history->days.size();
    while (end > 0 && history->days[end - 1] > f.history_end_day) --end;
    holdout_from = end > static_cast<std::size_t>(f.holdout) ? end - f.holdout : 0;
    if (holdout_from < end) {
      const double x0 = x(static_cast<double>(history->days[holdout_from]));
      const double x1 = x(static_cast<double>(f.history_end_day));
      svg.Rect(x0, kTop, std::max(x1 - x0, 1.0), kHeight - kBottom - kTop, "#fff7ed",
               "Backtest holdout: " + std::to_string(f.holdout) + " periods");
    }
  }

  // Bands, widest level first.
  std::vector<std::size_t> order(levels.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return levels[a] > levels[b]; });
  std::vector<double> fx;
  for (std::int64_t day : f.days) fx.push_back(x(static_cast<double>(day)));
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t k = order[i];
    if (k >= f.lo.size()) continue;
    std::vector<double> lo, hi;
    for (std::size_t p = 0; p < f.days.size(); ++p) {
      lo.push_back(y(std::isfinite(f.lo[k][p]) ? f.lo[k][p] : 0.0));
      hi.push_back(y(std::isfinite(f.hi[k][p]) ? f.hi[k][p] : 0.0));
    }
    const char* fill = i == 0 && order.size() > 1 ? color::kBand95 : color::kBand80;
    svg.Band(fx, lo, hi, fill);
    legend.push_back({LevelLabel(levels[k]), fill, false});
  }
  if (has_history) {
    std::vector<double> hx, hy;
    for (std::size_t i = 0; i < history->days.size(); ++i) {
      hx.push_back(x(static_cast<double>(history->days[i])));
      hy.push_back(std::isfinite(history->quantity[i]) ? y(history->quantity[i]) : NAN);
    }
    svg.Path(hx, hy, color::kHistory, 1.2);
    legend.insert(legend.begin(), {"history", color::kHistory, true});
    if (holdout_from < history->days.size()) {
      std::vector<double> ox(hx.begin() + holdout_from, hx.end());
      std::vector<double> oy(hy.begin() + holdout_from, hy.end());
      svg.Path(ox, oy, color::kHoldout, 2);
      legend.push_back({"holdout actuals", color::kHoldout, true});
    }
  }
  std::vector<double> my;
  for (double m : f.mean) my.push_back(std::isfinite(m) ? y(m) : NAN);
  svg.Path(fx, my, color::kForecast, 2);
  legend.push_back({"forecast mean", color::kForecast, true});
  const double split = x(static_cast<double>(f.history_end_day));
  svg.Line(split, kTop, split, kHeight - kBottom, color::kAxis, 1, true);

  if (anomalies != nullptr) {
    // The highest scores in the window, at most kMaxMarks, drawn in date order.
    std::vector<const AnomalyMark*> shown;
    for (const AnomalyMark& a : *anomalies) {
      if (a.day >= first && a.day <= last) shown.push_back(&a);
    }
    std::stable_sort(shown.begin(), shown.end(), [](const AnomalyMark* a, const AnomalyMark* b) {
      return a->score > b->score;
    });
    if (shown.size() > kMaxMarks) shown.resize(kMaxMarks);
    std::stable_sort(shown.begin(), shown.end(),
                     [](const AnomalyMark* a, const AnomalyMark* b) { return a->day < b->day; });
    std::set<std::string> types;
    for (const AnomalyMark* a : shown) {
      double v = 0;
      if (has_history) {
        auto it = std::lower_bound(history->days.begin(), history->days.end(), a->day);
        if (it != history->days.end() && *it == a->day) {
          const double q = history->quantity[it - history->days.begin()];
          if (std::isfinite(q)) v = q;
        }
      }
      std::string tip =
          a->type + " on " + FormatDay(a->day) + " (score " + FormatDecimals(a->score, 3) + ")";
      if (!a->explanation.empty()) tip += ": " + a->explanation;
      if (tip.size() > 400) tip = tip.substr(0, 397) + "...";
      svg.Circle(x(static_cast<double>(a->day)), y(v), 4.5, CategoryColor(a->type), tip);
      types.insert(a->type);
    }
    for (const std::string& t : types) legend.push_back({t, CategoryColor(t), false});
  }
  svg.Legend(kLeft, 14, legend);
  return svg;
}

Svg BarChart(const std::string& title, const std::vector<Bar>& bars, const std::string& unit) {
  const double row = 22, label_w = 170;
  const double height =
      kTop + row * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 30;
  Svg svg(kWidth, height, title);
  double top = 0;
  for (const Bar& b : bars) top = std::max({top, b.value, b.reference});
  const std::vector<double> xt = NiceTicks(0, top > 0 ? top : 1, 5);
  const LinearScale x{xt.front(), xt.back(), label_w, kWidth - kRight - 8};
  const double axis_y = kTop + row * static_cast<double>(bars.size()) + 4;
  for (double t : xt) svg.Line(x(t), kTop - 4, x(t), axis_y, color::kGrid, 1);
  svg.XAxis(x, xt, axis_y);
  svg.Text(kWidth - kRight, 14, unit, "end", 10);
  double yy = kTop;
  for (const Bar& b : bars) {
    std::string label = b.label.size() > 26 ? b.label.substr(0, 25) + "…" : b.label;
    svg.Text(label_w - 6, yy + 13, label, "end", 11, color::kHistory);
    svg.Rect(x(0), yy + 3, x(b.value) - x(0), row - 8,
             b.color.empty() ? std::string(color::kForecast) : b.color,
             b.tip.empty() ? b.label + ": " + FormatDecimals(b.value, 2) : b.tip);
    if (b.reference >= 0) {
      const double rx = x(b.reference);
      svg.Line(rx, yy, rx, yy + row - 2, color::kHistory, 2.5);
    }
    yy += row;
  }
  return svg;
}

Svg Histogram(const std::string& title, const std::vector<double>& values, double mark,
              const std::string& x_label) {
  Svg svg(kWidth, kHeight, title);
  std::vector<double> v;
  for (double a : values) {
    if (std::isfinite(a)) v.push_back(a);
  }
  std::sort(v.begin(), v.end());
  // The range ends at the 95th percentile (at least twice the mark): a long
  // tail goes into the last bin instead of squeezing every other bin.
  double lo = std::min(mark, 0.0), hi = mark;
  if (!v.empty()) {
    lo = std::min(lo, v.front());
    hi = std::min(v.back(), std::max(2 * mark, v[static_cast<std::size_t>(0.95 * (v.size() - 1))]));
    hi = std::max(hi, mark);
  }
  const std::vector<double> edges = NiceTicks(lo, hi, 20);
  const std::size_t bins = edges.size() - 1;
  std::vector<double> counts(bins, 0.0);
  const double w = edges[1] - edges[0];
  for (double a : v) {
    const double b = std::floor((a - edges.front()) / w);
    counts[std::min(static_cast<std::size_t>(std::max(b, 0.0)), bins - 1)] += 1;
  }
  const bool tail = !v.empty() && v.back() > edges.back();
  double top = 0;
  for (double c : counts) top = std::max(top, c);
  const std::vector<double> yt = NiceTicks(0, top > 0 ? top : 1, 4);
  const LinearScale x{edges.front(), edges.back(), kLeft, kWidth - kRight};
  const LinearScale y{yt.front(), yt.back(), kHeight - kBottom - 12, kTop};
  svg.YAxis(y, yt, kLeft, kWidth - kRight);
  svg.XAxis(x, NiceTicks(edges.front(), edges.back(), 8), kHeight - kBottom - 12);
  for (std::size_t b = 0; b < bins; ++b) {
    if (counts[b] == 0) continue;
    const double x0 = x(edges[b]) + 0.5, x1 = x(edges[b + 1]) - 0.5;
    svg.Rect(x0, y(counts[b]), x1 - x0, y(0) - y(counts[b]),
             edges[b] >= mark ? color::kBad : color::kGood,
             TickLabel(edges[b]) +
                 (tail && b + 1 == bins ? " and above" : " to " + TickLabel(edges[b + 1])) + ": " +
                 FormatDecimals(counts[b], 0) + " SKUs");
  }
  svg.Line(x(mark), kTop, x(mark), kHeight - kBottom - 12, color::kHistory, 1.5, true);
  svg.Text(kWidth / 2, kHeight - 4, x_label, "middle", 11);
  svg.Legend(kLeft, 14,
             {{"better than the benchmark", color::kGood, false}, {"worse", color::kBad, false}});
  return svg;
}

Svg CoverageChart(const std::vector<double>& levels, const std::vector<double>& coverage) {
  std::vector<Bar> bars;
  for (std::size_t k = 0; k < levels.size() && k < coverage.size(); ++k) {
    if (!std::isfinite(coverage[k])) continue;
    Bar b;
    b.label = FormatDecimals(levels[k], 1) + "% interval";
    b.value = 100 * coverage[k];
    b.reference = levels[k];
    b.color = std::fabs(b.value - levels[k]) <= 5 ? color::kGood : color::kHoldout;
    b.tip = b.label + ": " + FormatDecimals(b.value, 1) + "% of actuals inside (nominal " +
            FormatDecimals(levels[k], 1) + "%)";
    bars.push_back(b);
  }
  return BarChart("Interval coverage against nominal", bars,
                  "% of holdout actuals inside the interval (tick: nominal)");
}

Svg PolicyChart(const PolicyView& p) {
  const std::string name = p.sku.empty() ? std::string("the policy") : p.sku;
  bool any_pipeline = false;
  for (const auto& s : p.states) any_pipeline = any_pipeline || s.pipeline > 0;
  if (!any_pipeline) {
    // Order and order-up-to level against on hand.
    Svg svg(kWidth, kHeight, "Policy of " + name + ": order by stock on hand");
    std::vector<PolicyView::State> st = p.states;
    std::sort(st.begin(), st.end(),
              [](const auto& a, const auto& b) { return a.on_hand < b.on_hand; });
    double xmax = 1, ymax = 1;
    for (const auto& s : st)
      xmax = std::max(xmax, s.on_hand), ymax = std::max(ymax, s.on_hand + s.order);
    const std::vector<double> xt = NiceTicks(0, xmax, 8), yt = NiceTicks(0, ymax, 5);
    const LinearScale x{xt.front(), xt.back(), kLeft, kWidth - kRight};
    const LinearScale y{yt.front(), yt.back(), kHeight - kBottom - 12, kTop};
    svg.YAxis(y, yt, kLeft, kWidth - kRight);
    svg.XAxis(x, xt, kHeight - kBottom - 12);
    std::vector<double> px, po, pu;
    for (const auto& s : st) {
      px.push_back(x(s.on_hand));
      po.push_back(y(s.order));
      pu.push_back(y(s.on_hand + s.order));
    }
    svg.Path(px, pu, color::kHistory, 1.5);
    svg.Path(px, po, color::kForecast, 2);
    svg.Text(kWidth / 2, kHeight - 4, "stock on hand", "middle", 11);
    svg.Legend(kLeft, 14,
               {{"order quantity", color::kForecast, true},
                {"order-up-to level (on hand + order)", color::kHistory, true}});
    return svg;
  }
  // Heat map: mean order per (on hand, pipeline) cell.
  Svg svg(kWidth, 300, "Policy of " + name + ": order by on hand and pipeline");
  std::map<std::pair<double, double>, std::pair<double, int>> cells;
  std::set<double> hands, pipes;
  double top = 0;
  for (const auto& s : p.states) {
    auto& c = cells[{s.on_hand, s.pipeline}];
    c.first += s.order;
    ++c.second;
    hands.insert(s.on_hand);
    pipes.insert(s.pipeline);
  }
  for (auto& [k, c] : cells) top = std::max(top, c.first / c.second);
  const std::vector<double> hv(hands.begin(), hands.end()), pv(pipes.begin(), pipes.end());
  const double left = kLeft + 10, bottom = 300 - kBottom - 12;
  const double cw = (kWidth - kRight - left) / static_cast<double>(hv.size());
  const double ch = (bottom - kTop) / static_cast<double>(pv.size());
  for (const auto& [k, c] : cells) {
    const double mean = c.first / c.second;
    const std::size_t i = std::lower_bound(hv.begin(), hv.end(), k.first) - hv.begin();
    const std::size_t j = std::lower_bound(pv.begin(), pv.end(), k.second) - pv.begin();
    const double t = top > 0 ? mean / top : 0;
    // Pale blue (#eff6ff, order 0) to blue (#2563eb, the largest order).
    char fill[32];
    std::snprintf(fill, sizeof fill, "#%02x%02x%02x", static_cast<int>(239 - t * (239 - 37)),
                  static_cast<int>(246 - t * (246 - 99)), static_cast<int>(255 - t * (255 - 235)));
    svg.Rect(left + cw * static_cast<double>(i), bottom - ch * static_cast<double>(j + 1), cw + 0.2,
             ch + 0.2, fill,
             "on hand " + FormatDecimals(k.first, 2) + ", pipeline " + FormatDecimals(k.second, 2) +
                 ": order " + FormatDecimals(mean, 2));
  }
  const std::size_t hstep = std::max<std::size_t>(1, hv.size() / 10);
  for (std::size_t i = 0; i < hv.size(); i += hstep) {
    svg.Text(left + cw * (static_cast<double>(i) + 0.5), bottom + 14, TickLabel(hv[i]), "middle",
             10);
  }
  const std::size_t pstep = std::max<std::size_t>(1, pv.size() / 8);
  for (std::size_t j = 0; j < pv.size(); j += pstep) {
    svg.Text(left - 4, bottom - ch * (static_cast<double>(j) + 0.5) + 3.5, TickLabel(pv[j]), "end",
             10);
  }
  svg.Text(kWidth / 2, 300 - 4, "stock on hand", "middle", 11);
  svg.Text(12, kTop - 8, "units in transit (pipeline)", "start", 10);
  svg.Legend(kWidth - 260, 14,
             {{"order 0", "#ffffff", false}, {"order " + TickLabel(top), "#2563eb", false}});
  return svg;
}

}  // namespace invplan::report
