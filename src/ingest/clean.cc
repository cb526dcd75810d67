#include "ingest/clean.h"

#include <algorithm>
#include <cmath>

#include "common/parallel.h"
#include "ingest/closures.h"
#include "invplan/error.h"

namespace invplan {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    m = 0.5 * (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
  }
  return m;
}

// Robust scale of `r` around `center`.
double RobustScale(const std::vector<double>& r, double center) {
  std::vector<double> dev;
  dev.reserve(r.size());
  double mean_abs = 0.0;
  for (double v : r) {
    dev.push_back(std::fabs(v - center));
    mean_abs += dev.back();
  }
  double mad = 1.4826 * Median(dev);
  if (mad > 0.0) return mad;
  return dev.empty() ? 0.0 : 1.2533 * mean_abs / static_cast<double>(dev.size());
}

void InterpolateMarked(std::vector<double>* x, const std::vector<char>& bad) {
  const std::size_t n = x->size();
  std::size_t t = 0;
  while (t < n) {
    if (!bad[t]) {
      ++t;
      continue;
    }
    std::size_t end = t;
    while (end < n && bad[end]) ++end;
    bool has_left = t > 0, has_right = end < n;
    double left = has_left ? (*x)[t - 1] : 0.0, right = has_right ? (*x)[end] : 0.0;
    if (!has_left) left = right;
    if (!has_right) right = left;
    for (std::size_t k = t; k < end; ++k) {
      double w = static_cast<double>(k - t + 1) / static_cast<double>(end - t + 1);
      (*x)[k] = left + w * (right - left);
    }
    t = end;
  }
}

}  // namespace

std::uint64_t FillGaps(std::vector<double>* x, FillMethod method) {
  std::uint64_t n_missing = 0;
  double sum = 0.0;
  std::size_t n_obs = 0;
  for (double v : *x) {
    if (std::isnan(v)) {
      ++n_missing;
    } else {
      sum += v;
      ++n_obs;
    }
  }
  if (n_missing == 0 || method == FillMethod::kNone) return n_missing;
  if (method == FillMethod::kInterpolate && n_obs > 0) {
    std::vector<char> missing(x->size());
    for (std::size_t t = 0; t < x->size(); ++t) missing[t] = std::isnan((*x)[t]);
    InterpolateMarked(x, missing);
    return n_missing;
  }
  double fill = method == FillMethod::kMean && n_obs > 0 ? sum / static_cast<double>(n_obs) : 0.0;
  for (double& v : *x) {
    if (std::isnan(v)) v = fill;
  }
  return n_missing;
}

void CarryForward(std::vector<double>* x) {
  double last = std::nan("");
  for (double& v : *x) {
    if (std::isnan(v)) {
      v = last;
    } else {
      last = v;
    }
  }
  // A leading gap takes the first known value.
  auto first = std::find_if(x->begin(), x->end(), [](double v) { return !std::isnan(v); });
  if (first != x->end()) std::fill(x->begin(), first, *first);
}

std::uint64_t TreatOutliers(std::vector<double>* xp, OutlierMethod method, double z, int season) {
  std::vector<double>& x = *xp;
  const std::size_t n = x.size();
  if (method == OutlierMethod::kNone || n < 4) return 0;
  std::size_t zeros = 0, observed = 0;
  for (double v : x) {
    if (std::isnan(v)) continue;
    ++observed;
    if (v == 0.0) ++zeros;
  }
  if (observed < 4) return 0;
  std::vector<double> baseline(n, std::nan(""));
  std::vector<double> resid;
  const bool intermittent = zeros > 0.3 * static_cast<double>(observed);
  if (intermittent) {
    std::vector<double> sizes;
    for (double v : x) {
      if (!std::isnan(v) && v != 0.0) sizes.push_back(v);
    }
    if (sizes.size() < 4) return 0;
    double med = Median(sizes);
    for (std::size_t t = 0; t < n; ++t) {
      if (!std::isnan(x[t]) && x[t] != 0.0) baseline[t] = med;
    }
    for (double v : sizes) resid.push_back(v - med);
  } else {
    const std::size_t step = season > 1 ? static_cast<std::size_t>(season) : 1;
    std::vector<double> window;
    for (std::size_t t = 0; t < n; ++t) {
      if (std::isnan(x[t])) continue;
      window.clear();
      for (int j = -3; j <= 3; ++j) {
        std::int64_t u = static_cast<std::int64_t>(t) + j * static_cast<std::int64_t>(step);
        if (u < 0 || u >= static_cast<std::int64_t>(n)) continue;
        double v = x[static_cast<std::size_t>(u)];
        if (!std::isnan(v)) window.push_back(v);
      }
      baseline[t] = Median(window);
      resid.push_back(x[t] - baseline[t]);
    }
  }
  double center = Median(resid);
  double scale = RobustScale(resid, center);
  if (!(scale > 0.0)) return 0;
  const double limit = z * scale;
  std::vector<char> bad(n, 0);
  std::uint64_t changed = 0;
  for (std::size_t t = 0; t < n; ++t) {
    if (std::isnan(baseline[t])) continue;
    double r = x[t] - baseline[t] - center;
    bool high = r > limit, low = !intermittent && r < -limit;
    if (!high && !low) continue;
    bad[t] = 1;
    ++changed;
    if (method == OutlierMethod::kClip) {
      double clipped = baseline[t] + center + (high ? limit : -limit);
      x[t] = x[t] >= 0.0 ? std::max(0.0, clipped) : clipped;
    }
  }
  if (method == OutlierMethod::kInterpolate && changed > 0) {
    // NaN gaps stay as they are; only outliers are replaced.
    InterpolateMarked(&x, bad);
    for (double& v : x) {
      if (!std::isnan(v) && v < 0.0) v = 0.0;
    }
  }
  return changed;
}

int CheckCleanOptions(const CleanOptions& o, Frequency frequency) {
  CleanOptionTable().Validate(o);
  return o.season > 0 ? o.season : SeasonalPeriod(frequency);
}

void CleanSeries(Series* s, const CleanOptions& o, int season, SeriesReport* report,
                 int closed_col) {
  // Closed periods (missing, marked in the `closed` column) stay missing.
  std::vector<std::size_t> closed;
  if (closed_col >= 0 && static_cast<std::size_t>(closed_col) < s->extras.size()) {
    const std::vector<double>& mark = s->extras[static_cast<std::size_t>(closed_col)];
    for (std::size_t t = 0; t < s->quantity.size() && t < mark.size(); ++t) {
      if (mark[t] > 0 && std::isnan(s->quantity[t])) closed.push_back(t);
    }
  }
  // Outliers are judged on observed values only, before gaps are filled.
  std::uint64_t outliers = TreatOutliers(&s->quantity, o.outliers, o.outlier_z, season);
  std::uint64_t filled = FillGaps(&s->quantity, o.fill);
  if (o.fill != FillMethod::kNone) filled -= closed.size();
  for (std::size_t t : closed) s->quantity[t] = std::nan("");
  for (auto& e : s->extras) CarryForward(&e);
  if (report) {
    report->filled = filled;
    report->outliers = outliers;
  }
}

void CleanPanel(Panel* panel, const CleanOptions& o, int threads, IngestReport* report) {
  const int season = CheckCleanOptions(o, panel->frequency);
  const int closed_col = ExtraIndexAnyCase(panel->extra_names, "closed");
  if (report && report->series.size() != panel->series.size()) {
    report->series.resize(panel->series.size());
  }
  ParallelFor(
      panel->series.size(), threads,
      [&](std::size_t i) {
        CleanSeries(&panel->series[i], o, season, report ? &report->series[i] : nullptr,
                    closed_col);
      },
      16);
}

}  // namespace invplan
