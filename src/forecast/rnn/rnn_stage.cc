#include "forecast/rnn/rnn_stage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>

#include "common/log.h"
#include "forecast/local/intermittent.h"
#include "invplan/artifact.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

std::string Spec(const RnnConfig& c) {
  std::string cell = RnnCellName(c.cell);
  for (char& ch : cell) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return cell + "(" + std::to_string(c.hidden) + ")x" + std::to_string(c.layers) + " lookback " +
         std::to_string(c.ResolvedLookback()) + " " + RnnLikelihoodName(c.likelihood);
}

// The epoch whose weights were kept (nullptr if none).
const RnnEpoch* BestEpoch(const RnnTrainResult& r) {
  for (const RnnEpoch& e : r.curve) {
    if (e.epoch == r.best_epoch) return &e;
  }
  return nullptr;
}
double BestValidLoss(const RnnTrainResult& r) {
  const RnnEpoch* e = BestEpoch(r);
  return e ? e->valid_loss : NAN;
}
double BestValidError(const RnnTrainResult& r) {
  const RnnEpoch* e = BestEpoch(r);
  return e ? e->valid_error : NAN;
}

Json TrainingJson(const RnnModel& model, double seconds) {
  const RnnConfig& c = model.config();
  const RnnTrainResult& r = model.train_result();
  Json t = Json::object();
  t["spec"] = Spec(c);
  t["cell"] = RnnCellName(c.cell);
  t["likelihood"] = RnnLikelihoodName(c.likelihood);
  t["hidden"] = c.hidden;
  t["layers"] = c.layers;
  t["lookback"] = c.ResolvedLookback();
  t["horizon"] = c.horizon;
  t["epochs"] = c.epochs;
  t["batches_per_epoch"] = c.batches_per_epoch;
  t["batch"] = c.batch;
  t["learning_rate"] = c.learning_rate;
  t["patience"] = c.patience;
  t["seed"] = c.seed;
  t["parameters"] = model.parameter_count();
  t["features"] = model.feature_count();
  t["train_series"] = r.train_series;
  t["skipped_series"] = r.skipped_series;
  t["valid_windows"] = r.valid_windows;
  t["epochs_run"] = r.curve.size();
  t["best_epoch"] = r.best_epoch;
  t["stopped_early"] = r.stopped_early;
  t["valid_loss"] = JsonNumberOrNull(BestValidLoss(r));
  t["valid_error"] = JsonNumberOrNull(BestValidError(r));
  t["seconds"] = seconds;
  Json curve = Json::array();
  for (const RnnEpoch& e : r.curve) {
    curve.push_back({{"epoch", e.epoch},
                     {"train_loss", JsonNumberOrNull(e.train_loss)},
                     {"valid_loss", JsonNumberOrNull(e.valid_loss)},
                     {"valid_error", JsonNumberOrNull(e.valid_error)},
                     {"seconds", e.seconds}});
  }
  t["curve"] = std::move(curve);
  return t;
}

// The per-series model object: what identifies the network, not its curve
// (that is written once per run).
Json SeriesModelJson(const RnnModel& model) {
  const RnnConfig& c = model.config();
  const RnnTrainResult& r = model.train_result();
  return Json{{"name", "rnn"},
              {"spec", Spec(c)},
              {"cell", RnnCellName(c.cell)},
              {"likelihood", RnnLikelihoodName(c.likelihood)},
              {"hidden", c.hidden},
              {"layers", c.layers},
              {"lookback", c.ResolvedLookback()},
              {"epochs", c.epochs},
              {"learning_rate", c.learning_rate},
              {"batch", c.batch},
              {"best_epoch", r.best_epoch},
              {"valid_loss", JsonNumberOrNull(BestValidLoss(r))}};
}

RnnSeriesInput ToInput(const GlobalSeries& s, int horizon) {
  RnnSeriesInput in;
  in.sku = s.key;
  in.start = s.start;
  in.y = s.y;
  in.censored = s.censored;
  for (Eigen::Index k = 0; k < s.x.cols(); ++k) {
    std::vector<double> hist(s.y.size()), fut(static_cast<std::size_t>(horizon), NAN);
    for (std::size_t t = 0; t < s.y.size(); ++t) hist[t] = s.x(static_cast<Eigen::Index>(t), k);
    for (int t = 0; t < horizon && t < s.fx.rows(); ++t) fut[t] = s.fx(t, k);
    in.regressors.push_back(std::move(hist));
    in.future_regressors.push_back(std::move(fut));
  }
  return in;
}

// A SKU that never sold: the network's output for it would be noise around a
// zero level, so it gets an exact zero forecast with zero-width intervals.
SeriesResult ZeroResult(int horizon, std::size_t levels) {
  SeriesResult r;
  r.model_name = "zero";
  r.spec = "Zero";
  r.model = Json{{"name", "zero"}, {"spec", "Zero"}};
  r.mean.assign(horizon, 0.0);
  r.lo.assign(levels, std::vector<double>(horizon, 0.0));
  r.hi = r.lo;
  r.distribution.assign(horizon, NormalDistribution(0.0, 0.0, Transform{}));
  r.status = "fallback";
  r.reason = "all zeros";
  return r;
}

// The head's distribution of each step, before the clip at 0.
std::vector<PointDistribution> HeadDistributions(const RnnForecast& f, const RnnConfig& c) {
  std::vector<PointDistribution> out(f.scaled_mean.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    PointDistribution& d = out[i];
    if (c.likelihood == RnnLikelihood::kNegBin) {
      // The head gives the mean in units of the scale and the dispersion α;
      // the artifact's size is 1/α (variance μ + μ²/size).
      d.family = DistributionFamily::kNegBin;
      d.mu = f.scaled_mean[i] * f.scale;
      d.size = 1.0 / f.scaled_sd[i];
    } else {
      d.family = DistributionFamily::kNormal;
      d.mu = f.scaled_mean[i];
      d.sigma = f.scaled_sd[i];
      d.scale = f.scale;
      if (c.log1p) d.transform = "log1p";
    }
  }
  return out;
}

bool AllZero(const std::vector<double>& y) {
  return std::all_of(y.begin(), y.end(), [](double v) { return v == 0.0; });
}

std::vector<double> Observed(const std::vector<double>& y) {
  std::vector<double> v;
  std::size_t first = 0;
  while (first < y.size() && !std::isfinite(y[first])) ++first;
  for (std::size_t t = first; t < y.size(); ++t) v.push_back(std::isfinite(y[t]) ? y[t] : 0.0);
  return v;
}

}  // namespace

RnnModel LoadRnnModel(const std::string& path, RunInfo* run) {
  InputInfo info;
  Json doc = ReadJsonArtifact(path, RnnModel::kFormat, RnnModel::kSchemaVersion, &info);
  RnnModel model;
  try {
    model = RnnModel::FromJson(doc);
  } catch (const Error& e) {
    throw ArtifactError(path + ": " + e.what());
  }
  if (!model.trained()) throw ArtifactError(path + ": the network in this file was never trained");
  if (run) run->inputs.push_back(info);
  return model;
}

RnnConfig MakeRnnConfig(const RnnOptions& o, const SeriesSettings& settings, Frequency frequency,
                        int horizon, const std::vector<std::string>& regressors, int threads,
                        std::uint64_t seed) {
  RnnConfig c;
  if (!ParseRnnCell(o.cell, &c.cell)) {
    throw UsageError("--cell: expected rnn|gru|lstm, got \"" + o.cell + "\"");
  }
  if (!ParseRnnLikelihood(o.likelihood, &c.likelihood)) {
    throw UsageError("--likelihood: expected auto|gaussian|negbin, got \"" + o.likelihood + "\"");
  }
  c.hidden = o.hidden;
  c.layers = o.layers;
  c.lookback = o.lookback;
  c.horizon = horizon;
  c.season = settings.season;
  c.frequency = frequency;
  c.regressors = regressors;
  c.epochs = o.epochs;
  c.batches_per_epoch = o.batches_per_epoch;
  c.batch = o.batch;
  c.learning_rate = o.learning_rate;
  c.patience = o.patience;
  c.seed = seed;
  c.threads = threads;
  c.Validate();
  return c;
}

GlobalForecasts RnnForecastPanel(const std::vector<GlobalSeries>& series, const RnnConfig& config,
                                 const SeriesSettings& settings, const RnnModel* loaded,
                                 const std::string& save_path) {
  const auto started = std::chrono::steady_clock::now();
  const int h = config.horizon;
  RnnModel trained;
  const RnnModel* model = loaded;
  std::vector<RnnSeriesInput> inputs;
  inputs.reserve(series.size());
  for (const GlobalSeries& s : series) inputs.push_back(ToInput(s, h));
  if (!loaded) {
    Progress progress("rnn training", static_cast<std::size_t>(config.epochs));
    trained.Train(inputs, config, [&progress](const RnnEpoch& e) {
      spdlog::info(
          "rnn: epoch {} train loss {:.4f} validation loss {:.4f} validation error {:.4f} "
          "({:.1f} s)",
          e.epoch, e.train_loss, e.valid_loss, e.valid_error, e.seconds);
      progress.SetNote(
          fmt::format("validation loss {:.4f}, error {:.4f}", e.valid_loss, e.valid_error));
      progress.Add();
    });
    model = &trained;
    if (!save_path.empty()) WriteJsonArtifact(save_path, trained.ToJson());
  }
  const std::size_t lookback = static_cast<std::size_t>(model->config().ResolvedLookback());

  // Only series that fill a lookback window and have sold go to the network.
  std::vector<RnnSeriesInput> usable;
  std::vector<std::size_t> usable_index;
  std::vector<bool> zero(series.size(), false);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::vector<double> y = Observed(inputs[i].y);
    zero[i] = !y.empty() && AllZero(y);
    if (inputs[i].y.size() >= lookback && !y.empty() && !zero[i]) {
      usable.push_back(std::move(inputs[i]));
      usable_index.push_back(i);
    }
  }
  std::vector<RnnForecast> net = model->ForecastAll(usable, settings.levels);

  GlobalForecasts out;
  out.forecasts.resize(series.size());
  const Json model_json = SeriesModelJson(*model);
  const std::string spec = Spec(model->config());
  std::vector<bool> done(series.size(), false);
  for (std::size_t u = 0; u < usable_index.size(); ++u) {
    const RnnForecast& f = net[u];
    SeriesResult& r = out.forecasts[usable_index[u]];
    r.model_name = "rnn";
    r.spec = spec;
    r.model = model_json;
    for (double v : f.mean) r.mean.push_back(std::isfinite(v) ? std::max(0.0, v) : 0.0);
    r.lo = f.lo;
    r.hi = f.hi;
    for (auto* bounds : {&r.lo, &r.hi}) {
      for (auto& level : *bounds) {
        for (double& v : level) v = std::isfinite(v) ? std::max(0.0, v) : 0.0;
      }
    }
    r.distribution = HeadDistributions(f, model->config());
    done[usable_index[u]] = true;
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::vector<double> y = Observed(series[i].y);
    SeriesResult& r = out.forecasts[i];
    if (zero[i]) {
      r = ZeroResult(h, settings.levels.size());
    } else if (!done[i]) {
      r = BenchmarkForecast(y, h, settings);
      r.status = "fallback";
      r.reason = y.empty() ? "no observations: " + r.spec
                           : "shorter than the network's lookback (" +
                                 std::to_string(series[i].y.size()) + " of " +
                                 std::to_string(lookback) + " periods): " + r.spec;
    }
    DemandClass dc = ClassifyDemand(y);
    r.demand_class = dc.name;
    if (dc.name != "none") {
      r.model["adi"] = dc.adi;
      r.model["cv2"] = dc.cv2;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.training = TrainingJson(*model, seconds);
  return out;
}

}  // namespace invplan::forecast
