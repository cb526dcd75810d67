#include "detect/inventory_features.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "common/forecast_distribution.h"
#include "common/normal.h"
#include "invplan/artifact.h"

namespace invplan::detect {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kNeighbourSeasons = 4;

double Median(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return kNaN;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  double m = v[mid];
  if (v.size() % 2 == 0)
    m = (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
  return m;
}

// Mean of the middle half of `v` (sorted in place).
double TrimmedMean(std::vector<double>* v) {
  std::sort(v->begin(), v->end());
  const std::size_t cut = v->size() / 4;
  double sum = 0.0;
  for (std::size_t i = cut; i < v->size() - cut; ++i) sum += (*v)[i];
  return sum / static_cast<double>(v->size() - 2 * cut);
}

// Multiplicative effect of a 0/1 column on quantity: mean with / mean without.
double FlagEffect(const std::vector<double>& q, const std::vector<double>& flag) {
  double on = 0, off = 0;
  std::size_t n_on = 0, n_off = 0;
  for (std::size_t t = 0; t < q.size(); ++t) {
    if (std::isnan(q[t]) || std::isnan(flag[t])) continue;
    if (flag[t] > 0) {
      on += q[t];
      ++n_on;
    } else {
      off += q[t];
      ++n_off;
    }
  }
  if (n_on < 3 || n_off < 3 || off <= 0.0) return 1.0;
  return std::clamp((on / n_on) / (off / n_off), 0.1, 10.0);
}

int SeasonPosition(std::int64_t period, Frequency f, int season) {
  if (season <= 1) return 0;
  // Day 0 (1970-01-01) was a Thursday: shift so that Monday is 0.
  const std::int64_t shifted = f == Frequency::kDay && season == 7 ? period + 3 : period;
  return static_cast<int>(((shifted % season) + season) % season);
}

// Demand sizes of a series: the mean of its positive quantities, and whether it
// is intermittent (over 30% of its periods without demand).
struct DemandSize {
  double mean_size = 1.0;
  bool intermittent = false;
};

DemandSize Sizes(const std::vector<double>& q) {
  DemandSize d;
  double sum = 0.0;
  std::size_t positive = 0, counted = 0;
  for (double v : q) {
    if (std::isnan(v)) continue;
    ++counted;
    if (v > 0) {
      sum += v;
      ++positive;
    }
  }
  if (positive) d.mean_size = sum / static_cast<double>(positive);
  d.intermittent = counted && static_cast<double>(counted - positive) > 0.3 * counted;
  return d;
}

struct SeriesBaseline {
  std::vector<double> b, scale;
  std::uint64_t forecast_periods = 0;
};

SeriesBaseline Baseline(const Series& s, const Panel& panel, int season, const DemandSize& size,
                        const SeriesForecast* forecast, const ForecastSet* set) {
  const std::vector<double>& q = s.quantity;
  const std::size_t n = q.size();
  // Promotion and holiday effects, taken out of the neighbours.
  std::vector<double> effect(n, 1.0);
  for (const char* name : {"promo", "holiday"}) {
    int k = panel.ExtraIndex(name);
    if (k < 0) continue;
    const auto& flag = s.extras[static_cast<std::size_t>(k)];
    const double e = FlagEffect(q, flag);
    for (std::size_t t = 0; t < n; ++t) {
      if (!std::isnan(flag[t]) && flag[t] > 0) effect[t] *= e;
    }
  }
  SeriesBaseline out;
  out.b.assign(n, 0.0);
  std::vector<double> nb;
  const bool seasonal = season >= 2 && season <= 7;
  for (std::size_t t = 0; t < n; ++t) {
    nb.clear();
    auto collect = [&](std::int64_t step) {
      for (int k = 1; k <= kNeighbourSeasons; ++k) {
        for (int sign : {-1, 1}) {
          const std::int64_t u = static_cast<std::int64_t>(t) + sign * k * step;
          if (u < 0 || u >= static_cast<std::int64_t>(n)) continue;
          const double v = q[static_cast<std::size_t>(u)];
          if (!std::isnan(v)) nb.push_back(std::max(0.0, v) / effect[static_cast<std::size_t>(u)]);
        }
      }
    };
    if (seasonal) collect(season);
    if (nb.size() < 3) {
      nb.clear();
      collect(1);
    }
    out.b[t] =
        nb.empty() ? std::max(0.0, std::isnan(q[t]) ? 0.0 : q[t]) : TrimmedMean(&nb) * effect[t];
  }
  // A forecast replaces the baseline where it covers the series.
  std::vector<double> forecast_scale(n, kNaN);
  if (forecast) {
    for (const ForecastPoint& p : forecast->points) {
      const std::int64_t t = p.period - s.start;
      if (t < 0 || t >= static_cast<std::int64_t>(n) || !std::isfinite(p.mean)) continue;
      const ForecastBaseline f = ForecastBaselineOf(p, *set);
      out.b[static_cast<std::size_t>(t)] = f.mean;
      forecast_scale[static_cast<std::size_t>(t)] = f.sd;
      ++out.forecast_periods;
    }
  }
  std::vector<double> resid(n);
  for (std::size_t t = 0; t < n; ++t) resid[t] = q[t] - out.b[t];
  const double med = Median(resid);
  for (double& r : resid) r = std::fabs(r - med);
  double mad = Median(resid);
  if (std::isnan(mad)) mad = 0.0;
  // In an intermittent series every demand is far from a near-zero baseline;
  // measured against the typical demand size it is not.
  const double sigma = std::max(1.4826 * mad, size.intermittent ? size.mean_size : 0.0);
  out.scale.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double base = std::isnan(forecast_scale[t]) ? sigma : forecast_scale[t];
    out.scale[t] = std::max(base, std::sqrt(std::max(out.b[t], 1.0)));
  }
  return out;
}

std::vector<double> FilledExtra(const Series& s, int k, double* median) {
  std::vector<double> v = s.extras[static_cast<std::size_t>(k)];
  *median = Median(v);
  if (std::isnan(*median)) *median = 0.0;
  for (double& x : v) {
    if (std::isnan(x)) x = *median;
  }
  return v;
}

// The price each period is compared with: the SKU's median price over the
// periods with the same promotion status (promotional prices are expected).
std::vector<double> ReferencePrices(const Series& s, const std::vector<double>& price, int promo) {
  std::vector<double> on, off;
  for (std::size_t t = 0; t < price.size(); ++t) {
    const bool p = promo >= 0 && s.extras[static_cast<std::size_t>(promo)][t] > 0;
    (p ? on : off).push_back(price[t]);
  }
  double m_on = Median(on), m_off = Median(off);
  if (std::isnan(m_off)) m_off = std::isnan(m_on) ? 0.0 : m_on;
  if (std::isnan(m_on)) m_on = m_off;
  std::vector<double> ref(price.size());
  for (std::size_t t = 0; t < price.size(); ++t) {
    const bool p = promo >= 0 && s.extras[static_cast<std::size_t>(promo)][t] > 0;
    ref[t] = p ? m_on : m_off;
  }
  return ref;
}

}  // namespace

ForecastBaseline ForecastBaselineOf(const ForecastPoint& point, const ForecastSet& set) {
  const DemandDistribution d = PointDemand(point, set);
  return {d.mean(), std::sqrt(d.variance())};
}

double TwoSidedNormalQuantile(double level_percent) {
  return NormalQuantile(std::clamp(0.5 + level_percent / 200.0, 0.5, 1.0 - 1e-12));
}

InventoryTable BuildInventoryFeatures(const Panel& panel, int season, const ForecastSet* forecast) {
  InventoryTable t;
  t.season = season > 0 ? season : SeasonalPeriod(panel.frequency);
  const int on_hand = panel.ExtraIndex("on_hand");
  const int receipts = panel.ExtraIndex("receipts");
  const int expected_receipts = panel.ExtraIndex("expected_receipts");
  const int price = panel.ExtraIndex("price");
  t.features = {"quantity", "deviation", "log2_ratio", "change", "season_position"};
  if (on_hand >= 0) t.features.push_back("on_hand");
  if (receipts >= 0) t.features.push_back(expected_receipts >= 0 ? "receipt_gap" : "receipts");
  if (price >= 0) t.features.push_back("price");
  const std::size_t d = t.features.size();

  std::map<std::pair<std::string, std::string>, const SeriesForecast*> by_key;
  if (forecast) {
    for (const SeriesForecast& f : forecast->series) by_key[{f.sku, f.location}] = &f;
  }
  std::size_t rows = 0;
  for (const Series& s : panel.series) rows += s.quantity.size();
  for (Matrix* m : {&t.x, &t.shown, &t.expected}) {
    m->cols = d;
    m->rows = rows;
    m->data.assign(rows * d, kNaN);
  }
  t.series.reserve(rows);
  t.period.reserve(rows);
  t.line.reserve(rows);
  t.closed.reserve(rows);
  int closed_col = -1;
  for (std::size_t k = 0; k < panel.extra_names.size(); ++k) {
    std::string name = panel.extra_names[k];
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name == "closed") closed_col = static_cast<int>(k);
  }

  std::size_t r = 0;
  for (std::size_t si = 0; si < panel.series.size(); ++si) {
    const Series& s = panel.series[si];
    const SeriesForecast* f = nullptr;
    if (forecast) {
      auto it = by_key.find({s.sku, s.location});
      if (it != by_key.end()) f = it->second;
    }
    const std::vector<double>& q = s.quantity;
    const DemandSize size = Sizes(q);
    SeriesBaseline base = Baseline(s, panel, t.season, size, f, forecast);
    t.forecast_periods += base.forecast_periods;
    // Quantities and stock are measured in typical demand sizes, so that SKUs of
    // any volume share one feature space.
    const double level = size.mean_size;
    double oh_med = 0, rc_med = 0, er_med = 0;
    std::vector<double> oh, rc, er, pr, pr_ref;
    if (on_hand >= 0) oh = FilledExtra(s, on_hand, &oh_med);
    if (receipts >= 0) rc = FilledExtra(s, receipts, &rc_med);
    if (expected_receipts >= 0) er = FilledExtra(s, expected_receipts, &er_med);
    if (price >= 0) {
      double unused;
      pr = FilledExtra(s, price, &unused);
      pr_ref = ReferencePrices(s, pr, panel.ExtraIndex("promo"));
    }

    for (std::size_t k = 0; k < q.size(); ++k, ++r) {
      double* x = t.x.row(r);
      double* sh = t.shown.row(r);
      double* ex = t.expected.row(r);
      // A missing quantity (--fill none) counts as the baseline: nothing to see.
      const double qt = std::isnan(q[k]) ? base.b[k] : q[k];
      const double bt = base.b[k], st = base.scale[k];
      // The previous value is held within 4 scales of its baseline, so that an
      // anomaly does not make the period after it look anomalous too.
      double prev = k == 0 ? qt : (std::isnan(q[k - 1]) ? base.b[k - 1] : q[k - 1]);
      if (k > 0) {
        prev = std::clamp(prev, base.b[k - 1] - 4 * base.scale[k - 1],
                          base.b[k - 1] + 4 * base.scale[k - 1]);
      }
      const double bprev = k == 0 ? bt : base.b[k - 1];
      std::size_t j = 0;
      x[j] = qt / level, sh[j] = qt, ex[j++] = bt;
      x[j] = (qt - bt) / st, sh[j] = x[j], ex[j++] = 0.0;
      // An intermittent demand is compared with the typical demand size.
      const double bref = size.intermittent && qt > bt ? std::max(bt, size.mean_size) : bt;
      x[j] = std::log2((std::max(0.0, qt) + 1) / (bref + 1)), sh[j] = x[j], ex[j++] = 0.0;
      x[j] = (qt - prev) / st, sh[j] = qt - prev, ex[j++] = bt - bprev;
      x[j] = SeasonPosition(s.start + static_cast<std::int64_t>(k), panel.frequency, t.season);
      sh[j] = x[j], ++j;
      if (on_hand >= 0) x[j] = oh[k] / level, sh[j] = oh[k], ex[j++] = oh_med;
      if (receipts >= 0) {
        if (expected_receipts >= 0) {
          x[j] = (er[k] - rc[k]) / level, sh[j] = rc[k], ex[j++] = er[k];
        } else {
          x[j] = rc[k] / level, sh[j] = rc[k], ex[j++] = rc_med;
        }
      }
      if (price >= 0) {
        x[j] = pr[k] > 0 && pr_ref[k] > 0 ? std::log2(pr[k] / pr_ref[k]) : -10.0;
        sh[j] = pr[k], ex[j++] = pr_ref[k];
      }
      t.series.push_back(static_cast<std::uint32_t>(si));
      t.period.push_back(s.start + static_cast<std::int64_t>(k));
      t.line.push_back(k < s.source_line.size() ? s.source_line[k] : 0);
      t.closed.push_back(closed_col >= 0 && std::isnan(q[k]) &&
                         s.extras[static_cast<std::size_t>(closed_col)][k] > 0);
    }
  }
  return t;
}

namespace {

// A quantity as a planner reads it: whole units as such, others to 1 decimal.
std::string Units(double v) {
  if (!std::isfinite(v)) return "?";
  const double r = std::round(v);
  if (std::fabs(v - r) < 1e-9 || std::fabs(v) >= 10) return FormatDouble(r == 0 ? 0.0 : r);
  return FormatDouble(std::round(v * 10) / 10);
}

}  // namespace

std::string InventoryNote(const InventoryTable& t, std::size_t row) {
  const double* sh = t.shown.row(row);
  const double* ex = t.expected.row(row);
  std::string text = "sold " + Units(sh[0]) + ", expected about " + Units(ex[0]);
  for (std::size_t j = 0; j < t.features.size(); ++j) {
    if (t.features[j] == "on_hand" && std::isfinite(sh[j])) text += ", on hand " + Units(sh[j]);
  }
  if (t.line[row] == 0) text += "; no sales record for the period";
  return text;
}

std::string InventoryType(const InventoryTable& t, std::size_t row,
                          const std::vector<double>& shares) {
  auto col = [&](const char* name) -> int {
    for (std::size_t j = 0; j < t.features.size(); ++j) {
      if (t.features[j] == name) return static_cast<int>(j);
    }
    return -1;
  };
  const double* sh = t.shown.row(row);
  const double* ex = t.expected.row(row);
  const double q = sh[0], b = ex[0];
  const int oh = col("on_hand"), price = col("price"), gap = col("receipt_gap");
  if (oh >= 0 && sh[oh] < 0) return "negative_stock";
  if (q < 0 || (q + 1) / (std::max(b, 0.0) + 1) >= 30.0) return "data_error";
  if (price >= 0) {
    const double p = sh[price], m = ex[price];
    if (p <= 0 || (m > 0 && (p >= 5 * m || p <= m / 5))) return "data_error";
  }
  if (gap >= 0 && ex[gap] > 0 && sh[gap] < 0.5 * ex[gap]) return "supply_delay";
  // No input row for a period of a SKU that sells every period: a missing record.
  if (t.line[row] == 0 && q == 0 && b >= 3) return "data_error";
  if (q < b && ((oh >= 0 && sh[oh] <= 0) || (oh < 0 && q == 0 && b >= 3))) return "stockout";
  double quantity_share = 0.0;
  for (std::size_t j = 0; j < 4 && j < shares.size(); ++j) quantity_share += shares[j];
  if (quantity_share >= 1.0 / 3.0) {
    if (q > b) return "demand_spike";
    if (q < b) return "demand_drop";
  }
  return "other";
}

}  // namespace invplan::detect
