// The forecast stage: options → panel → per-SKU forecasts in parallel blocks →
// streamed artifact.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "common/csv_reader.h"
#include "common/log.h"
#include "common/parallel.h"
#include "forecast/artifact_writer.h"
#include "forecast/future.h"
#include "forecast/metrics.h"
#include "forecast/rnn/rnn_stage.h"
#include "forecast/series_forecaster.h"
#include "invplan/error.h"
#include "invplan/forecast.h"

namespace invplan {
namespace {

using forecast::ModelKind;
using forecast::SeriesSettings;

std::vector<int> ParseIntList(const std::string& text, const char* option) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    double v;
    if (!ParseNumber(text.substr(start, end - start), &v) || v < 0 || v > 10 ||
        v != std::floor(v)) {
      throw UsageError(std::string(option) + ": expected three integers 0..10 like 1,1,1, got \"" +
                       text + "\"");
    }
    out.push_back(static_cast<int>(v));
    start = end + 1;
  }
  if (out.size() != 3) {
    throw UsageError(std::string(option) + ": expected three integers like 1,1,1, got \"" + text +
                     "\"");
  }
  return out;
}

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

SeriesSettings ValidateOptions(const ForecastOptions& o) {
  SeriesSettings s;
  const bool rnn = o.model == "rnn";
  if (rnn) {
    // The per-series settings only serve the fallbacks and the benchmark.
    s.model = ModelKind::kSnaive;
  } else if (!forecast::ParseModelKind(o.model, &s.model)) {
    throw UsageError("--model: unknown model \"" + o.model +
                     "\" (expected auto|arima|naive|snaive|mean|drift|croston|tsb|rnn)");
  }
  if (!rnn && (!o.rnn.save_model.empty() || !o.rnn.load_model.empty())) {
    throw UsageError("--save-model and --load-model need --model rnn");
  }
  if (rnn && !o.rnn.load_model.empty() && o.holdout > 0) {
    throw UsageError(
        "--holdout with --load-model: a backtest trains its own network without the held-out "
        "periods; leave out --load-model");
  }
  if (!o.seasonal_order.empty() && o.order.empty()) {
    throw UsageError("--seasonal-order needs --order");
  }
  if (!o.order.empty()) {
    if (s.model != ModelKind::kArima && s.model != ModelKind::kAuto) {
      throw UsageError("--order applies to --model arima, not " + o.model);
    }
    s.model = ModelKind::kArima;
    auto v = ParseIntList(o.order, "--order");
    s.fixed_order = true;
    s.order.p = v[0], s.order.d = v[1], s.order.q = v[2];
    if (!o.seasonal_order.empty()) {
      auto w = ParseIntList(o.seasonal_order, "--seasonal-order");
      s.order.P = w[0], s.order.D = w[1], s.order.Q = w[2];
    }
    if (s.order.d > 2 || s.order.D > 1) {
      throw UsageError("--order/--seasonal-order: at most d = 2 and D = 1 differences");
    }
  }
  if (o.arima_search == "auto") {
    s.approximation = -1;
  } else if (o.arima_search == "approximate" || o.arima_search == "exact") {
    s.approximation = o.arima_search == "approximate" ? 1 : 0;
  } else {
    throw UsageError("--arima-search: expected auto|approximate|exact, got \"" + o.arima_search +
                     "\"");
  }
  if (!forecast::ParseTransform(o.transform, &s.transform)) {
    throw UsageError("--transform: expected none|log|boxcox|boxcox:LAMBDA, got \"" + o.transform +
                     "\"");
  }
  if (o.croston != "sba" && o.croston != "classic") {
    throw UsageError("--croston: expected classic|sba, got \"" + o.croston + "\"");
  }
  s.croston =
      o.croston == "sba" ? forecast::CrostonVariant::kSba : forecast::CrostonVariant::kClassic;
  if (o.levels.empty()) throw UsageError("--level: give at least one level");
  for (double l : o.levels) {
    if (!(l > 0 && l < 100)) {
      throw UsageError("--level: levels are percentages between 0 and 100, got " + FormatDouble(l));
    }
  }
  s.levels = o.levels;
  if (o.horizon < 0) throw UsageError("--horizon must be positive");
  if (o.holdout < 0) throw UsageError("--holdout must be >= 0");
  if (o.format != "json" && o.format != "csv") {
    throw UsageError("--format: expected json|csv, got \"" + o.format + "\"");
  }
  if (!o.regressors.empty()) {
    if (s.model != ModelKind::kArima && s.model != ModelKind::kAuto && !rnn) {
      throw UsageError("--regressors need --model arima, auto or rnn");
    }
    if (o.future.empty()) {
      throw UsageError("--regressors need --future FILE with their values over the horizon");
    }
  }
  s.regressor_names = o.regressors;
  return s;
}

std::string CsvPathFor(const ForecastOptions& o) {
  if (!o.csv_path.empty()) return o.csv_path;
  if (o.format != "csv") return "";
  if (o.output.empty() || o.output == "-") {
    throw UsageError("--format csv with the artifact on stdout: give --csv FILE for the points");
  }
  std::string p = o.output;
  std::size_t dot = p.find_last_of('.');
  std::size_t slash = p.find_last_of('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) p.erase(dot);
  return p + ".csv";
}

// History values of the regressors; gaps carried forward (then backward), 0 if
// a column is empty throughout.
Eigen::MatrixXd HistoryRegressors(const Series& s, const std::vector<int>& cols, std::size_t n) {
  Eigen::MatrixXd x(n, cols.size());
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const auto& col = s.extras[cols[k]];
    double last = NAN;
    for (std::size_t t = 0; t < n; ++t) {
      double v = t < col.size() ? col[t] : NAN;
      if (std::isfinite(v)) last = v;
      x(t, k) = last;
    }
    double next = 0;
    for (std::size_t t = n; t-- > 0;) {
      if (std::isfinite(x(t, k)))
        next = x(t, k);
      else
        x(t, k) = next;
    }
  }
  return x;
}

Eigen::MatrixXd FutureRegressors(const forecast::FutureValues& fv, const Series& s,
                                 const std::vector<std::string>& names, std::int64_t from, int h,
                                 Frequency f) {
  Eigen::MatrixXd x(h, names.size());
  for (int i = 0; i < h; ++i) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      double v;
      if (!fv.Get(s.sku, s.location, from + i, k, &v)) {
        throw InputError(fv.display_name() + ": no value of '" + names[k] + "' for SKU '" + s.sku +
                         "'" + (s.location.empty() ? "" : " at '" + s.location + "'") + " on " +
                         FormatPeriod(from + i, f) + " (the forecast needs " +
                         FormatPeriod(from, f) + ".." + FormatPeriod(from + h - 1, f) + ")");
      }
      x(i, k) = v;
    }
  }
  return x;
}

struct Task {
  SeriesForecast forecast;
  forecast::Accuracy model_acc, bench_acc;
  bool has_backtest = false;
};

SeriesForecast ToSeriesForecast(const forecast::SeriesResult& r, const Series& s,
                                std::int64_t history_end) {
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
    f.points.push_back(std::move(p));
  }
  return f;
}

void Count(std::map<std::string, std::size_t>* m, const std::string& key) {
  ++(*m)[key];
}

std::vector<std::pair<std::string, std::size_t>> Sorted(
    const std::map<std::string, std::size_t>& m) {
  std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return v;
}

}  // namespace

ForecastSet RunForecast(const ForecastOptions& o, RunInfo* run, ForecastStats* stats) {
  auto started = std::chrono::steady_clock::now();
  SeriesSettings settings = ValidateOptions(o);
  const std::string csv_path = CsvPathFor(o);

  IngestReport report;
  Panel panel = LoadPanel(o.ingest, o.clean, &report, run);
  settings.season = o.clean.season > 0 ? o.clean.season : SeasonalPeriod(panel.frequency);
  const bool rnn = o.model == "rnn";
  std::optional<forecast::RnnModel> loaded;
  if (rnn && !o.rnn.load_model.empty()) {
    loaded = forecast::LoadRnnModel(o.rnn.load_model, run);
    loaded->set_threads(o.threads);
    const forecast::RnnConfig& c = loaded->config();
    if (c.frequency != panel.frequency) {
      throw UsageError("--load-model " + o.rnn.load_model + ": the network was trained on " +
                       FrequencyCode(c.frequency) + " data, the panel is " +
                       FrequencyCode(panel.frequency));
    }
    if (o.horizon > 0 && o.horizon != c.horizon) {
      throw UsageError("--load-model " + o.rnn.load_model + ": the network forecasts " +
                       std::to_string(c.horizon) + " periods, --horizon asks for " +
                       std::to_string(o.horizon));
    }
    if (c.regressors != o.regressors) {
      std::string names;
      for (const auto& r : c.regressors) names += (names.empty() ? "" : ",") + r;
      throw UsageError("--load-model " + o.rnn.load_model + ": the network was trained with " +
                       (names.empty() ? std::string("no regressors") : "--regressors " + names) +
                       "; give the same --regressors (and --future)");
    }
  }
  const int h = loaded ? loaded->config().horizon
                       : (o.horizon > 0 ? o.horizon : DefaultHorizon(panel.frequency));

  std::vector<int> reg_cols;
  for (const auto& name : o.regressors) {
    int idx = panel.ExtraIndex(name);
    if (idx < 0) {
      std::string have;
      for (const auto& e : panel.extra_names) have += (have.empty() ? "" : ", ") + e;
      throw InputError("--regressors: '" + name + "' is not a numeric column of " +
                       DisplayName(o.ingest.input) +
                       " (numeric extra columns: " + (have.empty() ? "none" : have) + ")");
    }
    reg_cols.push_back(idx);
  }

  // Series that stop before the panel's last period had no sales since: with
  // zero filling they are extended with zeros, so every forecast starts on the
  // same date (and dead items forecast low).
  std::int64_t panel_end = 0;
  for (const auto& s : panel.series) panel_end = std::max(panel_end, s.end());
  if (o.clean.fill != FillMethod::kNone) {
    for (auto& s : panel.series) {
      std::size_t n = static_cast<std::size_t>(panel_end - s.start);
      s.quantity.resize(n, 0.0);
      for (auto& e : s.extras) e.resize(n, NAN);
    }
  }

  std::optional<forecast::FutureValues> future;
  if (!o.regressors.empty()) {
    future.emplace(o.future, o.ingest, panel.frequency, o.regressors, run);
    // Every series' future values are checked before any fitting: a missing one
    // is a user error, not something to discover an hour into a run.
    for (const auto& s : panel.series) {
      FutureRegressors(*future, s, o.regressors, s.end(), h, panel.frequency);
    }
  }

  // The recurrent network is one model for all SKUs: it is trained (and
  // forecasts) before any series is written.
  forecast::RnnPanelResult rnn_result, rnn_backtest;
  if (rnn) {
    std::vector<forecast::RnnPanelSeries> inputs, truncated;
    const std::size_t H = static_cast<std::size_t>(o.holdout);
    for (const auto& s : panel.series) {
      forecast::RnnPanelSeries in;
      in.key = s.location.empty() ? s.sku : s.sku + "@" + s.location;
      in.start = s.start;
      in.y = s.quantity;
      in.x = HistoryRegressors(s, reg_cols, s.quantity.size());
      in.fx = future ? FutureRegressors(*future, s, o.regressors, s.end(), h, panel.frequency)
                     : Eigen::MatrixXd(h, 0);
      if (H > 0) {
        const std::size_t n = in.y.size(), keep = n > H ? n - H : 0;
        forecast::RnnPanelSeries t;
        t.key = in.key;
        t.start = in.start;
        t.y.assign(in.y.begin(), in.y.begin() + static_cast<std::ptrdiff_t>(keep));
        t.x = in.x.topRows(static_cast<Eigen::Index>(keep));
        t.fx = n >= H ? Eigen::MatrixXd(in.x.bottomRows(static_cast<Eigen::Index>(H)))
                      : Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(H), in.x.cols());
        truncated.push_back(std::move(t));
      }
      inputs.push_back(std::move(in));
    }
    if (loaded) {
      rnn_result = forecast::RnnForecastPanel(inputs, loaded->config(), settings, &*loaded, "");
      Json t{{"loaded_from", o.rnn.load_model}};
      for (auto it = rnn_result.training.begin(); it != rnn_result.training.end(); ++it) {
        t[it.key()] = it.value();
      }
      rnn_result.training = std::move(t);
    } else {
      auto config = forecast::MakeRnnConfig(o.rnn, settings, panel.frequency, h, o.regressors,
                                            o.threads, o.seed);
      rnn_result = forecast::RnnForecastPanel(inputs, config, settings, nullptr, o.rnn.save_model);
    }
    if (H > 0) {
      auto config = forecast::MakeRnnConfig(o.rnn, settings, panel.frequency, o.holdout,
                                            o.regressors, o.threads, o.seed);
      try {
        rnn_backtest = forecast::RnnForecastPanel(truncated, config, settings, nullptr, "");
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kUsage) throw;
        throw UsageError("--holdout " + std::to_string(o.holdout) + ": " + e.what());
      }
    }
  }

  ForecastSet set;
  set.frequency = panel.frequency;
  set.horizon = h;
  set.levels = o.levels;
  set.clipped_at_zero = true;

  Json header = MakeEnvelope(kForecastFormat, kForecastSchema, *run);
  header["frequency"] = FrequencyCode(panel.frequency);
  header["horizon"] = h;
  header["levels"] = o.levels;
  header["clipped_at_zero"] = true;
  header["season"] = settings.season;
  header["model"] = o.model;
  if (!o.regressors.empty()) header["regressors"] = o.regressors;
  if (o.holdout > 0) header["holdout"] = o.holdout;
  if (rnn) header["training"] = rnn_result.training;
  forecast::ForecastWriter writer(o.output, csv_path, header, panel.frequency, o.levels,
                                  panel.has_location);

  std::map<std::string, std::size_t> models, classes, reasons;
  std::size_t fallbacks = 0;
  forecast::AccuracySummary model_sum(o.levels.size()), bench_sum(o.levels.size());
  const std::size_t n_series = panel.series.size();
  const std::size_t block = std::max<std::size_t>(64, 32 * ResolveThreads(o.threads));
  Progress progress("forecast", n_series);
  std::vector<Task> tasks;
  for (std::size_t begin = 0; begin < n_series; begin += block) {
    const std::size_t end = std::min(n_series, begin + block);
    tasks.assign(end - begin, Task{});
    ParallelFor(end - begin, o.threads, [&](std::size_t j) {
      const Series& s = panel.series[begin + j];
      const std::size_t n = s.quantity.size();
      Eigen::MatrixXd x = HistoryRegressors(s, reg_cols, n);
      Eigen::MatrixXd fx =
          future ? FutureRegressors(*future, s, o.regressors, s.end(), h, panel.frequency)
                 : Eigen::MatrixXd(h, 0);
      Task& task = tasks[j];
      task.forecast =
          ToSeriesForecast(rnn ? rnn_result.forecasts[begin + j]
                               : forecast::ForecastSeries(s.quantity, x, fx, h, settings),
                           s, s.end() - 1);
      if (o.holdout > 0) {
        const std::size_t H = static_cast<std::size_t>(o.holdout);
        Json bt = Json::object();
        bt["holdout"] = o.holdout;
        if (n < H + 2) {
          bt["error"] = "history too short for the holdout";
        } else {
          std::vector<double> train(s.quantity.begin(), s.quantity.end() - H);
          std::vector<double> actual(s.quantity.end() - H, s.quantity.end());
          Eigen::MatrixXd xt = x.topRows(n - H), xf = x.bottomRows(H);
          auto r = rnn ? rnn_backtest.forecasts[begin + j]
                       : forecast::ForecastSeries(train, xt, xf, static_cast<int>(H), settings);
          auto b = forecast::BenchmarkForecast(train, static_cast<int>(H), settings);
          task.model_acc = forecast::Evaluate(train, settings.season, actual, r.mean, r.lo, r.hi);
          task.bench_acc = forecast::Evaluate(train, settings.season, actual, b.mean, b.lo, b.hi);
          task.has_backtest = true;
          bt["spec"] = r.spec;
          if (r.status != "ok") bt["reason"] = r.reason;
          bt["model"] = forecast::AccuracyToJson(task.model_acc, o.levels);
          bt["snaive"] = forecast::AccuracyToJson(task.bench_acc, o.levels);
        }
        task.forecast.backtest = std::move(bt);
      }
      progress.Add();
    });
    for (Task& task : tasks) {
      const SeriesForecast& f = task.forecast;
      writer.Add(f);
      Count(&models, f.model_name);
      Count(&classes, f.demand_class);
      if (f.status != "ok") {
        ++fallbacks;
        // Counted by the first reason without its details in parentheses.
        std::string key = f.reason.substr(0, f.reason.find_first_of(";("));
        while (!key.empty() && key.back() == ' ') key.pop_back();
        Count(&reasons, key);
      }
      if (task.has_backtest) {
        model_sum.Add(task.model_acc);
        bench_sum.Add(task.bench_acc);
      }
      if (o.keep_series) set.series.push_back(std::move(task.forecast));
    }
  }

  Json trailer = Json::object();
  Json summary = Json::object();
  summary["series"] = n_series;
  summary["fallbacks"] = fallbacks;
  summary["models"] = Json::object();
  for (auto& [k, v] : Sorted(models)) summary["models"][k] = v;
  summary["demand_classes"] = Json::object();
  for (auto& [k, v] : Sorted(classes)) summary["demand_classes"][k] = v;
  summary["fallback_reasons"] = Json::object();
  for (auto& [k, v] : Sorted(reasons)) summary["fallback_reasons"][k] = v;
  trailer["summary"] = summary;
  Json overall;
  if (o.holdout > 0) {
    overall = Json::object();
    overall["holdout"] = o.holdout;
    overall["series"] = model_sum.series();
    overall["model"] = forecast::AccuracyToJson(model_sum.Mean(), o.levels);
    overall["snaive"] = forecast::AccuracyToJson(bench_sum.Mean(), o.levels);
    double a = model_sum.Mean().mase, b = bench_sum.Mean().mase;
    overall["mase_ratio"] = std::isfinite(a / b) ? Json(a / b) : Json(nullptr);
    if (rnn) overall["training"] = rnn_backtest.training;
    trailer["backtest"] = overall;
  }
  writer.Commit(trailer);

  if (stats) {
    stats->series = n_series;
    stats->fallbacks = fallbacks;
    stats->models = Sorted(models);
    stats->classes = Sorted(classes);
    stats->reasons = Sorted(reasons);
    stats->backtest = overall;
    stats->output = o.output;
    stats->csv_path = csv_path;
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  spdlog::debug("forecast: {} series in {} blocks", n_series, (n_series + block - 1) / block);
  return set;
}

}  // namespace invplan
