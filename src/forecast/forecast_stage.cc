// The forecast stage in named phases:
//   Prepare     options → per-series settings, panel, regressor columns, the
//               future regressor values of every SKU, a global model set up
//   FitGlobal   a global model (registry.h) trained across SKUs forecasts every
//               series, and once more on the histories without the holdout
//   series loop per-SKU forecasts and backtests in parallel blocks; with
//               --update-from, yesterday's models continued where the rules
//               of update/update.h allow
//   write       each block streamed to the artifact in panel order, then the
//               trailer with the summary
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "common/forecast_distribution.h"
#include "common/log.h"
#include "common/parallel.h"
#include "forecast/artifact_writer.h"
#include "forecast/exclusions.h"
#include "forecast/future.h"
#include "forecast/metrics.h"
#include "forecast/options_check.h"
#include "forecast/registry.h"
#include "forecast/run_summary.h"
#include "forecast/seasonal/fourier.h"
#include "forecast/series_forecaster.h"
#include "forecast/stockouts.h"
#include "forecast/update/update.h"
#include "ingest/memory_budget.h"
#include "invplan/error.h"
#include "invplan/forecast.h"

namespace invplan {
namespace {

using forecast::GlobalForecasts;
using forecast::GlobalSeries;
using forecast::SeriesResult;
using forecast::SeriesSettings;
using forecast::SeriesTask;

int DefaultHorizon(Frequency f) {
  switch (f) {
    case Frequency::kDay:
      return 28;
    case Frequency::kWeek:
      return 13;
    case Frequency::kMonth:
      return 18;
    case Frequency::kQuarter:
      return 8;
    case Frequency::kYear:
      return 6;
  }
  return 12;
}

// Everything the series loop needs, settled before any fitting.
struct Plan {
  SeriesSettings settings;
  forecast::OutputPaths paths;
  Panel panel;
  int horizon = 0;
  std::vector<int> regressor_columns;                     // panel extras, in --regressors order
  std::vector<Eigen::MatrixXd> future_x;                  // per series: horizon × regressors
  std::unique_ptr<forecast::GlobalModel> global;          // null for a per-series model
  std::vector<std::vector<forecast::Excluded>> excluded;  // per series (--anomalies)
  forecast::Stockouts stockouts;                          // stock-out periods per series
  ForecastSet shape;  // frequency, levels and quantiles of the artifact (no series)
  Json fit_config;    // the options that change fitting (update/update.h)
  std::unique_ptr<forecast::PreviousForecast> previous;  // --update-from
};

// A global model's forecasts of the run and of its backtest.
struct GlobalRun {
  GlobalForecasts full, backtest;
};

forecast::GlobalContext ContextOf(const ForecastOptions& o, const Plan& p, RunContext& ctx) {
  return forecast::GlobalContext{o, p.settings, p.panel.frequency, ctx};
}

std::vector<int> RegressorColumns(const ForecastOptions& o, const Panel& panel) {
  std::vector<int> cols;
  for (const auto& name : o.regressors) {
    int idx = panel.ExtraIndex(name);
    if (idx < 0) {
      std::string have;
      for (const auto& e : panel.extra_names) have += (have.empty() ? "" : ", ") + e;
      throw InputError("--regressors: '" + name + "' is not a numeric column of " +
                       DisplayName(o.ingest.input) +
                       " (numeric extra columns: " + (have.empty() ? "none" : have) + ")");
    }
    cols.push_back(idx);
  }
  return cols;
}

// Series that stop before the panel's last period had no sales since: with
// zero filling they are extended with zeros, so every forecast starts on the
// same date (and dead items forecast low).
void ExtendToPanelEnd(const ForecastOptions& o, Panel* panel) {
  std::int64_t panel_end = 0;
  for (const auto& s : panel->series) panel_end = std::max(panel_end, s.end());
  if (o.clean.fill == FillMethod::kNone) return;
  for (auto& s : panel->series) {
    std::size_t n = static_cast<std::size_t>(panel_end - s.start);
    s.quantity.resize(n, 0.0);
    for (auto& e : s.extras) e.resize(n, NAN);
  }
}

// The regressors followed by the Fourier terms of the same periods, from
// period index `first` (series_model.h: the terms are the last columns).
Eigen::MatrixXd WithFourier(const Eigen::MatrixXd& x, const std::vector<FourierPeriod>& fourier,
                            std::int64_t first) {
  if (fourier.empty()) return x;
  const Eigen::MatrixXd terms =
      forecast::FourierTerms(fourier, first, static_cast<std::size_t>(x.rows()));
  Eigen::MatrixXd out(x.rows(), x.cols() + terms.cols());
  out << x, terms;
  return out;
}

// Periods of --decompose mstl when --seasonal-periods is not given: the
// season, and the year of daily data (used when the history is longer than
// two years, mstl.h).
std::vector<int> DefaultSeasonalPeriods(int season, Frequency f) {
  std::vector<int> periods;
  if (season > 1) periods.push_back(season);
  if (f == Frequency::kDay && season != 365) periods.push_back(365);
  return periods;
}

// The future regressor values of every series, built once: all of them are
// checked before any fitting, since a missing one is a user error, not
// something to discover an hour into a run.
std::vector<Eigen::MatrixXd> FutureMatrices(const ForecastOptions& o, const Panel& panel, int h,
                                            RunInfo* run) {
  std::vector<Eigen::MatrixXd> out;
  if (o.regressors.empty()) {
    out.assign(panel.series.size(), Eigen::MatrixXd(h, 0));
  } else {
    forecast::FutureValues future(o.future, o.ingest, panel.frequency, o.regressors, run);
    out.reserve(panel.series.size());
    for (const auto& s : panel.series) {
      out.push_back(
          forecast::FutureRegressors(future, s, o.regressors, s.end(), h, panel.frequency));
    }
  }
  if (!o.fourier.empty()) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = WithFourier(out[i], o.fourier, panel.series[i].end());
    }
  }
  return out;
}

// Forecast dates are written with four-digit years: a history ending near
// 9999-12-31 cannot be forecast past it (an artifact no reader could read).
void CheckHorizonFitsTheCalendar(const Panel& panel, int horizon) {
  const std::int64_t last = LastWritablePeriod(panel.frequency);
  for (const Series& s : panel.series) {
    if (s.end() - 1 + horizon > last) {
      throw InputError("forecast: SKU '" + s.sku + "': its history ends " +
                       FormatPeriod(s.end() - 1, panel.frequency) + "; " + std::to_string(horizon) +
                       " period(s) after it run past 9999-12-31");
    }
  }
}

// The forecasts are held until the artifact is written: per point a mean, its
// distribution and each interval bound and quantile (about 48 + 12 bytes per
// number, measured: 117 bytes per point with two levels). A horizon of 100,000
// periods on a large panel is refused with the estimate (exit 3), before the
// models run, instead of ending out of memory.
void CheckForecastsFitInMemory(const ForecastOptions& o, const Panel& panel, int horizon) {
  const std::uint64_t numbers = 2 + 2 * o.levels.size() + 2 * o.quantiles.size();
  const std::uint64_t per_point = 48 + 12 * numbers;
  const std::uint64_t points =
      static_cast<std::uint64_t>(panel.series.size()) * static_cast<std::uint64_t>(horizon);
  const std::uint64_t estimate = points * per_point;
  const std::uint64_t limit = ResolveMaxMemory(o.ingest.max_memory);
  if (estimate <= limit) return;
  throw InputError("forecast: " + std::to_string(panel.series.size()) + " series × " +
                   std::to_string(horizon) + " periods need about " + FormatBytes(estimate) +
                   " for the forecasts, more than --max-memory " + FormatBytes(limit) +
                   "; shorten --horizon, split the SKUs with --shard, or raise --max-memory");
}

Plan Prepare(const ForecastOptions& o, RunContext& ctx) {
  RunInfo* run = &ctx.run;
  Plan p;
  p.settings = forecast::ValidateOptions(o);
  p.paths = forecast::OutputPathsFor(o);
  IngestReport report;
  p.panel = LoadPanel(o.ingest, o.clean, ctx.threads, &report, run);
  p.settings.season = o.clean.season > 0 ? o.clean.season : SeasonalPeriod(p.panel.frequency);
  if (p.settings.decompose_mstl && p.settings.seasonal_periods.empty()) {
    p.settings.seasonal_periods = DefaultSeasonalPeriods(p.settings.season, p.panel.frequency);
  }
  if (p.settings.select == "auto") {
    p.settings.select = p.panel.frequency == Frequency::kDay ? "arima" : "combo";
  }
  int bound_horizon = 0;
  if (const forecast::GlobalModelEntry* entry = forecast::FindGlobalModel(o.model)) {
    p.global = entry->make();
    bound_horizon = p.global->Prepare(ContextOf(o, p, ctx));
  }
  p.horizon = bound_horizon > 0 ? bound_horizon
                                : (o.horizon > 0 ? o.horizon : DefaultHorizon(p.panel.frequency));
  p.regressor_columns = RegressorColumns(o, p.panel);
  ExtendToPanelEnd(o, &p.panel);
  CheckHorizonFitsTheCalendar(p.panel, p.horizon);
  CheckForecastsFitInMemory(o, p.panel, p.horizon);
  // Read from the recorded values, before any exclusion changes them.
  p.stockouts = forecast::FindStockouts(o, p.panel, run);
  if (!o.anomalies.empty()) {
    std::size_t unmatched = 0;
    p.excluded =
        forecast::ExcludeAnomalies(o.anomalies, o.exclude_anomalies, &p.panel, run, &unmatched);
    if (unmatched > 0) {
      spdlog::warn("forecast: {} anomaly record(s) of {} match no SKU and period of the sales",
                   unmatched, DisplayName(o.anomalies));
    }
  } else {
    p.excluded.resize(p.panel.series.size());
  }
  forecast::ApplyStockouts(p.excluded, p.settings.season, &p.stockouts, &p.panel);
  p.future_x = FutureMatrices(o, p.panel, p.horizon, run);
  p.fit_config = forecast::FitConfig(o, p.settings, p.panel.frequency);
  if (!o.update_from.empty()) {
    p.previous = std::make_unique<forecast::PreviousForecast>(o.update_from, p.fit_config,
                                                              p.panel.frequency, run);
    if (!p.previous->config_matches()) {
      spdlog::warn("forecast: {} was made with another fit configuration: every SKU refits",
                   DisplayName(o.update_from));
    }
  }
  p.shape.frequency = p.panel.frequency;
  p.shape.horizon = p.horizon;
  p.shape.levels = o.levels;
  p.shape.quantiles = o.quantiles;
  return p;
}

// The history without its last H periods, whose regressor values stand in for
// the future ones.
GlobalSeries Truncated(const GlobalSeries& in, std::size_t H) {
  const std::size_t n = in.y.size(), keep = n > H ? n - H : 0;
  GlobalSeries t;
  t.key = in.key;
  t.start = in.start;
  t.y.assign(in.y.begin(), in.y.begin() + static_cast<std::ptrdiff_t>(keep));
  t.x = in.x.topRows(static_cast<Eigen::Index>(keep));
  if (!in.censored.empty()) {
    t.censored.assign(in.censored.begin(), in.censored.begin() + static_cast<std::ptrdiff_t>(keep));
  }
  t.fx = n >= H ? Eigen::MatrixXd(in.x.bottomRows(static_cast<Eigen::Index>(H)))
                : Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(H), in.x.cols());
  return t;
}

// A global model is trained (and forecasts) before any series is written.
GlobalRun FitGlobal(const ForecastOptions& o, const Plan& p, RunContext& ctx) {
  GlobalRun g;
  if (!p.global) return g;
  const std::size_t H = static_cast<std::size_t>(o.holdout);
  std::vector<GlobalSeries> inputs, truncated;
  for (std::size_t i = 0; i < p.panel.series.size(); ++i) {
    const Series& s = p.panel.series[i];
    GlobalSeries in;
    in.key = s.location.empty() ? s.sku : s.sku + "@" + s.location;
    in.start = s.start;
    in.y = s.quantity;
    // A global model with a censored likelihood fits the recorded sales of
    // the stock-outs as lower bounds (unknown demand missing) rather than the
    // corrected history the per-series models get.
    if (p.stockouts.mode == forecast::StockoutMode::kCensor && !p.stockouts.points[i].empty()) {
      in.censored.assign(in.y.size(), 0);
      for (const forecast::Excluded& e : p.stockouts.points[i]) {
        in.y[e.index] = e.value > 0.0 ? e.value : NAN;
        in.censored[e.index] = e.value > 0.0 ? 1 : 0;
      }
    }
    in.x = forecast::HistoryRegressors(s, p.regressor_columns, s.quantity.size());
    in.fx = p.future_x[i];
    if (H > 0) truncated.push_back(Truncated(in, H));
    inputs.push_back(std::move(in));
  }
  const forecast::GlobalContext context = ContextOf(o, p, ctx);
  g.full = p.global->Forecast(context, inputs, p.horizon, false);
  if (H > 0) {
    try {
      g.backtest = p.global->Forecast(context, truncated, o.holdout, true);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kUsage) throw;
      throw UsageError("--holdout " + std::to_string(o.holdout) + ": " + e.what());
    }
  }
  return g;
}

// The artifact's series: points with their quantiles, and the cumulative demand.
SeriesForecast ToSeriesForecast(const SeriesResult& r, const Series& s, std::int64_t history_end,
                                const ForecastSet& shape) {
  SeriesForecast f;
  f.sku = s.sku;
  f.location = s.location;
  f.model_name = r.model_name;
  f.spec = r.spec;
  f.demand_class = r.demand_class;
  f.status = r.status;
  f.reason = r.reason;
  f.history_end = history_end;
  f.model = r.model;
  for (std::size_t i = 0; i < r.mean.size(); ++i) {
    ForecastPoint p;
    p.period = history_end + 1 + static_cast<std::int64_t>(i);
    p.mean = r.mean[i];
    for (std::size_t k = 0; k < r.lo.size(); ++k) {
      p.lo.push_back(r.lo[k][i]);
      p.hi.push_back(r.hi[k][i]);
    }
    if (i < r.distribution.size()) p.distribution = r.distribution[i];
    f.points.push_back(std::move(p));
  }
  AddQuantilesAndTotals(shape, r.widening, &f);
  return f;
}

// The quantiles at shape.quantiles of each step's demand as the artifact
// records them (PointDemand of the step's distribution).
forecast::QuantileForecast QuantilesOf(const SeriesResult& r, const ForecastSet& shape) {
  forecast::QuantileForecast q;
  q.levels = shape.quantiles;
  q.values.assign(q.levels.size(), std::vector<double>(r.mean.size(), 0.0));
  for (std::size_t i = 0; i < r.mean.size(); ++i) {
    ForecastPoint p;
    p.mean = r.mean[i];
    if (i < r.distribution.size()) p.distribution = r.distribution[i];
    const DemandDistribution d = PointDemand(p, shape);
    for (std::size_t k = 0; k < q.levels.size(); ++k) q.values[k][i] = d.Quantile(q.levels[k]);
  }
  return q;
}

// The backtest of one series: the model refitted without the last `holdout`
// periods (or the global model's backtest forecast), scored on them against
// the seasonal naive benchmark.
void Backtest(const Plan& p, int holdout, std::size_t i, const Eigen::MatrixXd& x,
              const SeriesResult* global, SeriesTask* task) {
  const Series& s = p.panel.series[i];
  const std::size_t n = s.quantity.size(), H = static_cast<std::size_t>(holdout);
  Json bt = Json::object();
  bt["holdout"] = holdout;
  if (n < H + 2) {
    bt["error"] = "history too short for the holdout";
    task->forecast.backtest = std::move(bt);
    return;
  }
  const std::vector<double> train(s.quantity.begin(), s.quantity.end() - H);
  // Scored against what was recorded, excluded points included.
  const std::vector<double> actual = forecast::WithRecorded(
      forecast::WithRecorded(std::vector<double>(s.quantity.end() - H, s.quantity.end()), n - H,
                             p.excluded[i]),
      n - H, p.stockouts.points[i]);
  SeriesResult local;
  if (!global)
    local = forecast::ForecastSeries(train, x.topRows(n - H), x.bottomRows(H), holdout, p.settings);
  const SeriesResult& r = global ? *global : local;
  SeriesResult b = forecast::BenchmarkForecast(train, holdout, p.settings);
  const int season = p.settings.season;
  // The scale of the scaled errors is that of the recorded history too, so
  // that excluding anomalies does not change the yardstick.
  const std::vector<double> recorded = forecast::WithRecorded(
      forecast::WithRecorded(train, 0, p.excluded[i]), 0, p.stockouts.points[i]);
  task->model_acc =
      forecast::Evaluate(recorded, season, actual, r.mean, r.lo, r.hi, QuantilesOf(r, p.shape));
  task->bench_acc =
      forecast::Evaluate(recorded, season, actual, b.mean, b.lo, b.hi, QuantilesOf(b, p.shape));
  task->has_backtest = true;
  bt["spec"] = r.spec;
  if (r.status != "ok") bt["reason"] = r.reason;
  bt["model"] = forecast::AccuracyToJson(task->model_acc, p.settings.levels, p.shape.quantiles);
  bt["snaive"] = forecast::AccuracyToJson(task->bench_acc, p.settings.levels, p.shape.quantiles);
  task->forecast.backtest = std::move(bt);
}

// One series: the per-series model (or the global model's forecast) and the
// backtest.
SeriesTask ForecastOne(const ForecastOptions& o, const Plan& p, const GlobalRun& g, std::size_t i) {
  const Series& s = p.panel.series[i];
  const Eigen::MatrixXd x = WithFourier(
      forecast::HistoryRegressors(s, p.regressor_columns, s.quantity.size()), o.fourier, s.start);
  SeriesTask task;
  const Frequency f = p.panel.frequency;
  forecast::UpdateOutcome u;
  if (p.global) {
    // A global model is trained (or loaded) once for all SKUs: not continued.
    u.fields = forecast::RefitFields(p.previous ? "global_model" : "full_run", s.end() - 1, f);
  } else if (p.previous) {
    u = forecast::UpdateSeries(p.previous->Find(s.sku, s.location), p.previous->config_matches(), s,
                               x, p.future_x[i], p.horizon, o.refit_after, p.settings, f);
  } else {
    u.fields = forecast::RefitFields("full_run", s.end() - 1, f);
  }
  task.forecast = ToSeriesForecast(
      p.global ? g.full.forecasts[i]
               : (u.updated ? u.result
                            : forecast::ForecastSeries(s.quantity, x, p.future_x[i], p.horizon,
                                                       p.settings)),
      s, s.end() - 1, p.shape);
  u.fields["history_start"] = FormatPeriod(s.start, f);
  u.fields["history_checksum"] = forecast::HistoryChecksum(s.quantity, x, s.quantity.size());
  task.forecast.fit = std::move(u.fields);
  if (!p.excluded[i].empty()) {
    task.forecast.excluded = forecast::ExcludedJson(p.excluded[i], s, p.panel.frequency);
  }
  if (p.stockouts.has_signal) {
    task.forecast.censored_periods = static_cast<std::int64_t>(p.stockouts.points[i].size());
  }
  if (o.holdout > 0) {
    Backtest(p, o.holdout, i, x, p.global ? &g.backtest.forecasts[i] : nullptr, &task);
  }
  return task;
}

Json Header(const ForecastOptions& o, const Plan& p, const GlobalRun& g, const RunInfo& run) {
  Json header = MakeEnvelope(kForecastFormat, kForecastSchema, run);
  header["frequency"] = FrequencyCode(p.panel.frequency);
  header["horizon"] = p.horizon;
  header["levels"] = o.levels;
  header["quantiles"] = o.quantiles;
  header["clipped_at_zero"] = true;
  header["season"] = p.settings.season;
  header["model"] = o.model;
  header["fit_config"] = p.fit_config;
  if (!o.regressors.empty()) header["regressors"] = o.regressors;
  if (!o.fourier.empty()) header["fourier"] = forecast::FourierText(o.fourier);
  if (p.settings.decompose_mstl) {
    header["decomposition"] = {{"method", "mstl"}, {"periods", p.settings.seasonal_periods}};
  }
  if (o.holdout > 0) header["holdout"] = o.holdout;
  if (Json so = forecast::StockoutsHeader(p.stockouts); !so.is_null()) header["stockouts"] = so;
  if (p.global) header["training"] = g.full.training;
  return header;
}

}  // namespace

ForecastSet RunForecast(const ForecastOptions& o, RunContext& ctx, ForecastStats* stats) {
  auto started = std::chrono::steady_clock::now();
  ForecastOptionTable().Validate(o);
  const Plan plan = Prepare(o, ctx);
  const GlobalRun global = FitGlobal(o, plan, ctx);

  ForecastSet set;
  set.frequency = plan.panel.frequency;
  set.horizon = plan.horizon;
  set.levels = o.levels;
  set.quantiles = o.quantiles;
  set.clipped_at_zero = true;
  forecast::ForecastWriter writer(plan.paths.json, plan.paths.csv, Header(o, plan, global, ctx.run),
                                  plan.panel.frequency, o.levels, o.quantiles,
                                  plan.panel.has_location);
  forecast::RunSummary summary(o.levels, o.quantiles);
  const std::size_t n_series = plan.panel.series.size();
  const std::size_t block = std::max<std::size_t>(64, 32 * ResolveThreads(ctx.threads));
  Progress progress("forecast", n_series);
  std::vector<SeriesTask> tasks;
  for (std::size_t begin = 0; begin < n_series; begin += block) {
    ctx.ThrowIfCancelled();  // between blocks: the artifact is then never committed
    const std::size_t end = std::min(n_series, begin + block);
    tasks.assign(end - begin, SeriesTask{});
    ParallelFor(end - begin, ctx.threads, [&](std::size_t j) {
      tasks[j] = ForecastOne(o, plan, global, begin + j);
      progress.Add();
    });
    for (SeriesTask& task : tasks) {
      writer.Add(task.forecast);
      summary.Add(task);
      if (o.keep_series) set.series.push_back(std::move(task.forecast));
    }
  }
  writer.Commit(summary.Trailer(o.holdout, plan.global ? &global.backtest.training : nullptr));

  if (stats) {
    summary.Fill(stats);
    stats->output = plan.paths.json;
    stats->csv_path = plan.paths.csv;
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  spdlog::debug("forecast: {} series in {} blocks", n_series, (n_series + block - 1) / block);
  return set;
}

}  // namespace invplan
