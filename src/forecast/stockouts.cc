#include "forecast/stockouts.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "common/censored_count.h"
#include "common/file_io.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

StockoutMode ModeOf(const std::string& word, bool has_signal) {
  if (word == "censor") return StockoutMode::kCensor;
  if (word == "missing") return StockoutMode::kMissing;
  if (word == "keep") return StockoutMode::kKeep;
  return has_signal ? StockoutMode::kCensor : StockoutMode::kKeep;  // auto
}

const char* ModeName(StockoutMode m) {
  switch (m) {
    case StockoutMode::kCensor:
      return "censor";
    case StockoutMode::kMissing:
      return "missing";
    case StockoutMode::kKeep:
      return "keep";
  }
  return "keep";
}

std::vector<std::vector<Excluded>> FromColumn(const Panel& panel, int col) {
  std::vector<std::vector<Excluded>> out(panel.series.size());
  for (std::size_t i = 0; i < panel.series.size(); ++i) {
    const Series& s = panel.series[i];
    if (static_cast<std::size_t>(col) >= s.extras.size()) continue;
    const std::vector<double>& stock = s.extras[col];
    for (std::size_t t = 0; t < s.quantity.size() && t < stock.size(); ++t) {
      // NaN sales: a closed period, already missing; NaN stock: not known.
      if (std::isfinite(s.quantity[t]) && std::isfinite(stock[t]) && stock[t] <= 0.0) {
        out[i].push_back({t, "stockout", s.quantity[t]});
      }
    }
  }
  return out;
}

// The dispersion of the series' counts from the censored fit: stock-outs with
// sales are censored at them, those without sales left out (unknown).
double Dispersion(const std::vector<double>& y, const std::vector<Excluded>& points) {
  std::vector<double> v = y;
  std::vector<char> censored(v.size(), 0);
  for (const Excluded& e : points) {
    if (e.value > 0.0) {
      censored[e.index] = 1;
    } else {
      v[e.index] = NAN;
    }
  }
  return FitCensoredCounts(v, censored, false).alpha;
}

// Kept values averaged for the level of a trailing run of stock-outs: four
// seasons, so that the promotion that emptied the shelf does not set it.
constexpr int kTrailingSeasons = 4;

// Stock-outs after the last kept value have no right neighbour: their level
// is the mean of the last kept values (kTrailingSeasons seasons of them), not
// the single last one. Returns the first index of the trailing run.
std::size_t LevelTrailingRun(const std::vector<double>& recorded, const std::vector<Excluded>& list,
                             int season, Series* s) {
  const std::size_t n = s->quantity.size();
  std::vector<char> out(n, 0);
  for (const Excluded& e : list) out[e.index] = 1;
  std::size_t first = n;
  while (first > 0 && (out[first - 1] || !std::isfinite(recorded[first - 1]))) --first;
  if (first == n || first == 0) return first;
  const std::size_t want = static_cast<std::size_t>(kTrailingSeasons * std::max(1, season));
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t t = first; t > 0 && count < want; --t) {
    if (out[t - 1] || !std::isfinite(recorded[t - 1])) continue;
    sum += recorded[t - 1];
    ++count;
  }
  if (count == 0) return first;
  for (std::size_t t = first; t < n; ++t) {
    if (out[t]) s->quantity[t] = sum / static_cast<double>(count);
  }
  return first;
}

}  // namespace

int StockColumn(const ForecastOptions& o, const Panel& panel) {
  if (!o.stock_col.empty()) {
    const int k = panel.ExtraIndex(o.stock_col);
    if (k < 0) {
      std::string have;
      for (const auto& e : panel.extra_names) have += (have.empty() ? "" : ", ") + e;
      throw InputError("--stock-col: '" + o.stock_col + "' is not a numeric column of " +
                       DisplayName(o.ingest.input) +
                       " (numeric extra columns: " + (have.empty() ? "none" : have) + ")");
    }
    return k;
  }
  for (const char* name : {"on_hand", "onhand", "stock", "inventory"}) {
    for (std::size_t k = 0; k < panel.extra_names.size(); ++k) {
      if (Lower(panel.extra_names[k]) == name) return static_cast<int>(k);
    }
  }
  return -1;
}

Stockouts FindStockouts(const ForecastOptions& o, const Panel& panel, RunInfo* run) {
  Stockouts s;
  if (!o.stockouts_from.empty()) {
    std::size_t unmatched = 0;
    s.points = ReadAnomalyPoints(o.stockouts_from, {"stockout"}, panel, run, &unmatched);
    if (unmatched > 0) {
      spdlog::warn("forecast: {} stockout record(s) of {} match no SKU and period of the sales",
                   unmatched, DisplayName(o.stockouts_from));
    }
    s.has_signal = true;
    s.source = "anomalies " + DisplayName(o.stockouts_from);
  } else if (const int col = StockColumn(o, panel); col >= 0) {
    s.points = FromColumn(panel, col);
    s.has_signal = true;
    s.source = "column " + panel.extra_names[col];
  } else {
    s.points.resize(panel.series.size());
  }
  s.mode = ModeOf(o.stockouts, s.has_signal);
  if (!s.has_signal && s.mode != StockoutMode::kKeep) {
    throw UsageError("--stockouts " + o.stockouts + ": " + DisplayName(o.ingest.input) +
                     " has no stock column (on_hand, onhand, stock or inventory; name another "
                     "with --stock-col) and no --stockouts-from artifact was given");
  }
  s.alpha.assign(panel.series.size(), 0.0);
  return s;
}

double CensoredValue(double sales, double level, double alpha) {
  if (!(level > 0.0)) return std::max(sales, 0.0);
  return std::max(sales, CountTailMean(CountWithDispersion(level, alpha), sales));
}

void ApplyStockouts(const std::vector<std::vector<Excluded>>& excluded, int season, Stockouts* s,
                    Panel* panel) {
  for (std::size_t i = 0; i < s->points.size() && i < panel->series.size(); ++i) {
    std::vector<Excluded>& list = s->points[i];
    if (i < excluded.size() && !excluded[i].empty()) {
      const auto& ex = excluded[i];
      list.erase(std::remove_if(list.begin(), list.end(),
                                [&](const Excluded& e) {
                                  return std::any_of(ex.begin(), ex.end(), [&](const Excluded& x) {
                                    return x.index == e.index;
                                  });
                                }),
                 list.end());
    }
    if (s->mode == StockoutMode::kKeep || list.empty()) continue;
    Series& series = panel->series[i];
    if (s->mode != StockoutMode::kCensor) {
      ExcludePoints(list, &series);
      continue;
    }
    const std::vector<double> recorded = series.quantity;
    s->alpha[i] = Dispersion(recorded, list);
    ExcludePoints(list, &series);
    LevelTrailingRun(recorded, list, season, &series);
    for (const Excluded& e : list) {
      if (e.value > 0.0) {
        series.quantity[e.index] = CensoredValue(e.value, series.quantity[e.index], s->alpha[i]);
      }
    }
  }
}

Json StockoutsHeader(const Stockouts& s) {
  if (!s.has_signal && s.mode == StockoutMode::kKeep) return Json();
  Json j = Json::object();
  j["mode"] = ModeName(s.mode);
  j["source"] = s.source;
  return j;
}

}  // namespace invplan::forecast
