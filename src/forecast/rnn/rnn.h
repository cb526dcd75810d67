// A global recurrent-network forecaster: one network (plain RNN, GRU or LSTM
// cells, 1-2 layers) trained on windows sampled across all series of a run, as
// DeepAR does, written on Eigen with hand-derived backpropagation through time.
//
// The network runs over lookback + horizon steps of a window. At every step it
// sees the previous value (while it is observed), the seasonal-naive value for
// that step (the value one season back, or the latest observed value of the same
// season phase inside the horizon), calendar features (day of week and day of
// year for daily data, week/month/quarter of year otherwise), the standardized
// regressor columns (their future values inside the horizon), the position in
// the horizon, the window's log scale and a learned SKU embedding. At each
// horizon step the head gives a distribution of the value (Gaussian on the
// scaled value, or negative binomial on the count), so a forecast is direct
// multi-step (no feedback of predictions) and its intervals come straight from
// the head.
//
// Scaling: values are divided by the window's scale, 1 + the mean |y| over the
// lookback (the series' current level), and with `log1p` the scaled value is
// log1p(y / scale); the Gaussian head's mean is back-transformed as a log-normal
// mean and the interval bounds as quantiles. The negative-binomial head's mean
// and quantiles are those of the count itself.
//
// Determinism: a batch is cut into fixed shards of kShardWindows windows, shards
// are spread over the threads, and their gradients are summed in shard order;
// every random draw (initial weights, window sampling, dropout masks) comes from
// a stream derived from the seed. Results therefore depend only on the seed,
// never on the thread count.
//
// Errors: UsageError for bad settings (lookback shorter than a season, nothing
// long enough to train on, regressor count mismatch with the configuration);
// InputError for series that cannot be forecast (shorter than the lookback,
// missing future regressor values, negative values with log1p); ArtifactError
// for a saved model of another format, a newer schema or inconsistent sizes.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/panel.h"

namespace invplan::forecast {

enum class RnnCell { kRnn, kGru, kLstm };
const char* RnnCellName(RnnCell cell);
// rnn|gru|lstm; false if unknown.
bool ParseRnnCell(const std::string& text, RnnCell* cell);

// The output head: kGaussian models the scaled value (log1p(y / scale) with
// log1p) as normal; kNegBin models the count y itself as negative binomial with
// mean scale·softplus(·) and a dispersion, for counts. kAuto is resolved when
// the network is set up: kNegBin when every observed training value is a
// non-negative integer, kGaussian otherwise.
enum class RnnLikelihood { kAuto, kGaussian, kNegBin };
const char* RnnLikelihoodName(RnnLikelihood likelihood);
// auto|gaussian|negbin; false if unknown.
bool ParseRnnLikelihood(const std::string& text, RnnLikelihood* likelihood);

struct RnnConfig {
  RnnCell cell = RnnCell::kGru;
  int hidden = 40;
  int layers = 1;     // 1 or 2
  int embedding = 4;  // SKU embedding size (0: none)
  int lookback = 0;   // 0: three seasons, at least 12 periods (daily: at least 56)
  int horizon = 28;
  int season = 0;  // 0: SeasonalPeriod(frequency)
  Frequency frequency = Frequency::kDay;
  std::vector<std::string> regressors;  // names of the regressor columns, in order
  int epochs = 30;
  int batches_per_epoch = 50;  // batches of `batch` windows sampled per epoch
  int batch = 64;
  double learning_rate = 3e-3;  // Adam
  double l2 = 1e-5;             // weight decay on weight matrices (not biases)
  double dropout = 0.0;         // on layer outputs, same mask over a window's steps
  double clip = 5.0;            // global gradient-norm clip (0: none)
  bool log1p = true;            // inputs (and Gaussian targets) as log1p(y / scale)
  RnnLikelihood likelihood = RnnLikelihood::kAuto;
  int patience = 5;  // epochs without validation improvement before stopping (0: never)
  // The learning rate is halved after every `lr_halving` epochs without
  // validation improvement (0: constant rate; halving measured worse on
  // Rossmann, the validation error is too noisy to signal a plateau).
  int lr_halving = 0;
  std::uint64_t seed = 42;
  int threads = 0;  // 0: all cores; results do not depend on it

  // The lookback actually used (resolves 0).
  int ResolvedLookback() const;
  int ResolvedSeason() const;
  // Throws UsageError naming the offending setting.
  void Validate() const;
};

// One series as the network sees it. y may hold NaN (missing): windows with a
// missing target are not trained on, and missing inputs are replaced by the
// lookback mean.
struct RnnSeriesInput {
  std::string sku;         // embedding key; unknown SKUs get the mean embedding
  std::int64_t start = 0;  // period of y[0] (calendar features)
  std::vector<double> y;
  // censored[t] != 0: y[t] is a lower bound (a stock-out's sales): its loss is
  // -log P(Y >= y[t]) instead of -log P(Y = y[t]) (the Gaussian head: the
  // normal's survival function); empty: none.
  std::vector<char> censored;
  // regressors[k][t], aligned with y, one column per RnnConfig::regressors.
  std::vector<std::vector<double>> regressors;
  // future_regressors[k][h] for the `horizon` periods after y (forecasting only).
  std::vector<std::vector<double>> future_regressors;
};

struct RnnEpoch {
  int epoch = 0;
  double train_loss = 0.0;  // mean Gaussian negative log-likelihood per target
  double valid_loss = 0.0;  // same on the last window of each series (NaN: none)
  double seconds = 0.0;
  // Mean absolute error of the forecast mean on the validation windows, in
  // units of each window's scale (NaN: none). Early stopping and the
  // learning-rate halving follow it: the likelihood also rewards sharper
  // intervals on easy periods (a closed shop's zero), which does not make the
  // forecast more accurate.
  double valid_error = std::nan("");
};

struct RnnTrainResult {
  std::vector<RnnEpoch> curve;
  int best_epoch = 0;
  std::size_t train_series = 0;    // series long enough for a training window
  std::size_t skipped_series = 0;  // too short
  std::size_t valid_windows = 0;
  bool stopped_early = false;
};

struct RnnForecast {
  std::vector<double> mean;                 // horizon values
  std::vector<double> levels;               // as requested, e.g. 80, 95
  std::vector<std::vector<double>> lo, hi;  // [level][h]
  // The head's output: Gaussian: mean and standard deviation in scaled space;
  // negative binomial: the mean divided by the window's scale, and α.
  std::vector<double> scaled_mean, scaled_sd;
  double scale = 1.0;  // the window's scale
};

class RnnModel {
 public:
  static constexpr const char* kFormat = "invplan.rnn_model";
  static constexpr int kSchemaVersion = 2;
  static constexpr int kShardWindows = 32;

  RnnModel();
  ~RnnModel();
  RnnModel(const RnnModel&);
  RnnModel& operator=(const RnnModel&);
  RnnModel(RnnModel&&) noexcept;
  RnnModel& operator=(RnnModel&&) noexcept;

  // Trains a fresh network on all series (replacing any previous one). The last
  // `horizon` values of each series long enough for it are the validation
  // window; the weights of the best validation epoch are kept. `on_epoch`, if
  // set, is called after every epoch (progress display).
  RnnTrainResult Train(const std::vector<RnnSeriesInput>& series, const RnnConfig& config,
                       const std::function<void(const RnnEpoch&)>& on_epoch = {});

  // Forecasts the `horizon` periods after input.y. Throws InputError for a
  // series shorter than the lookback or missing future regressor values.
  RnnForecast Forecast(const RnnSeriesInput& input, const std::vector<double>& levels) const;
  // Forecasts many series in parallel (config threads); results in input order.
  std::vector<RnnForecast> ForecastAll(const std::vector<RnnSeriesInput>& inputs,
                                       const std::vector<double>& levels) const;

  bool trained() const;
  const RnnConfig& config() const;
  // Threads for training and forecasting (0: all cores; a loaded model starts
  // with 0). Results do not depend on it.
  void set_threads(int threads);
  const RnnTrainResult& train_result() const;
  std::size_t parameter_count() const;
  int feature_count() const;  // inputs per step, embedding excluded (0 before training)

  // The whole model: format, schema_version, settings, feature spec, scaling
  // statistics, SKU keys, weights (numbers round-trip exactly) and the
  // learning curve.
  Json ToJson() const;
  static RnnModel FromJson(const Json& doc);

  // Internals exposed for tests: mean loss and its gradient for the current
  // parameters on the given windows (series index, window start), dropout
  // masks drawn from `seed`.
  struct Impl;
  double LossAndGradient(const std::vector<RnnSeriesInput>& series,
                         const std::vector<std::pair<std::size_t, std::size_t>>& windows,
                         std::uint64_t seed, std::vector<double>* gradient) const;
  std::vector<double> parameters() const;
  void set_parameters(const std::vector<double>& values);  // same size as parameters()
  // Sets up features and random initial weights without training.
  void Initialize(const std::vector<RnnSeriesInput>& series, const RnnConfig& config);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace invplan::forecast
