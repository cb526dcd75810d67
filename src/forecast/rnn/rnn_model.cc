// Training (Adam on sharded batches, early stopping) and forecasting.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "common/parallel.h"
#include "common/random.h"
#include "forecast/model_forecast.h"
#include "forecast/negbin.h"
#include "forecast/rnn/rnn_impl.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

using Window = std::pair<std::size_t, std::size_t>;  // series index, window start

// Sum over the targets of |y − mean| in units of the window's scale, the mean
// back-transformed as the forecast is (log-normal mean with log1p; the
// negative-binomial head's targets and means are already in those units).
double ScaledAbsError(const Eigen::MatrixXd& y, const Eigen::MatrixXd& mu,
                      const Eigen::MatrixXd& sigma, bool log1p) {
  double sum = 0.0;
  for (Eigen::Index c = 0; c < y.cols(); ++c) {
    const double v = y(0, c);
    if (std::isnan(v)) continue;
    const double m = mu(0, c), sd = sigma(0, c);
    sum += log1p ? std::fabs(std::expm1(v) - std::expm1(std::min(m + 0.5 * sd * sd, 50.0)))
                 : std::fabs(v - m);
  }
  return sum;
}

// Every observed value a non-negative integer (and at least one observed).
bool CountData(const std::vector<RnnSeriesInput>& series) {
  bool any = false;
  for (const RnnSeriesInput& s : series) {
    for (double v : s.y) {
      if (std::isnan(v)) continue;
      if (v < 0 || v != std::floor(v)) return false;
      any = true;
    }
  }
  return any;
}

bool LogTargets(const RnnConfig& c) {
  return c.log1p && c.likelihood == RnnLikelihood::kGaussian;
}

// Loss (sum over targets) and its gradient on `windows`, cut into fixed shards
// of kShardWindows evaluated in parallel and summed in shard order, so the
// result is the same for any thread count. Shard k uses (*ws)[k].
double ShardedLoss(const RnnModel::Impl& m, const std::vector<RnnSeriesInput>& series,
                   const std::vector<Window>& windows, std::uint64_t seed, double dropout,
                   Eigen::VectorXd* grad, std::size_t* count, std::vector<rnn::Workspace>* ws,
                   double* abs_error = nullptr) {
  const std::size_t shard = RnnModel::kShardWindows;
  const std::size_t shards = (windows.size() + shard - 1) / shard;
  if (ws->size() < shards) ws->resize(shards);
  std::vector<double> losses(shards, 0.0);
  std::vector<std::size_t> counts(shards, 0);
  std::vector<double> errors(shards, 0.0);
  ParallelFor(shards, m.config.threads, [&](std::size_t k) {
    const std::size_t first = k * shard, n = std::min(shard, windows.size() - first);
    rnn::Workspace& w = (*ws)[k];
    rnn::Batch& batch = w.batch;
    rnn::ResizeBatch(m.spec, static_cast<int>(n), true, &batch);
    for (std::size_t j = 0; j < n; ++j) {
      const Window& win = windows[first + j];
      rnn::FillWindow(m.spec, series[win.first], win.second, true, static_cast<int>(j), &batch);
      batch.sku[j] = m.SkuIndex(series[win.first].sku);
      batch.dropout_seed[j] = DeriveSeed(seed, first + j);
    }
    Eigen::VectorXd* g = nullptr;
    if (grad) {
      w.grad.setZero(static_cast<Eigen::Index>(m.layout->size));
      g = &w.grad;
    }
    Eigen::MatrixXd mu, sigma;
    losses[k] = rnn::RunBatch(*m.layout, m.params, batch, dropout, g, &counts[k],
                              abs_error ? &mu : nullptr, abs_error ? &sigma : nullptr, &w);
    if (abs_error) errors[k] = ScaledAbsError(batch.y, mu, sigma, LogTargets(m.config));
  });
  double loss = 0.0;
  *count = 0;
  if (abs_error) *abs_error = 0.0;
  if (grad) grad->setZero(static_cast<Eigen::Index>(m.layout->size));
  for (std::size_t k = 0; k < shards; ++k) {
    loss += losses[k];
    *count += counts[k];
    if (grad) *grad += (*ws)[k].grad;
    if (abs_error) *abs_error += errors[k];
  }
  return loss;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

void CheckSeries(const RnnConfig& config, const RnnSeriesInput& s, bool future) {
  const std::string who = "series '" + s.sku + "'";
  if (s.regressors.size() != config.regressors.size()) {
    throw InputError(who + ": expected " + std::to_string(config.regressors.size()) +
                     " regressor columns, got " + std::to_string(s.regressors.size()));
  }
  for (std::size_t k = 0; k < s.regressors.size(); ++k) {
    const std::string& name = config.regressors[k];
    if (s.regressors[k].size() != s.y.size()) {
      throw InputError(who + ": regressor '" + name + "' has " +
                       std::to_string(s.regressors[k].size()) + " values for " +
                       std::to_string(s.y.size()) + " periods");
    }
    if (future && (k >= s.future_regressors.size() ||
                   s.future_regressors[k].size() < static_cast<std::size_t>(config.horizon))) {
      const std::size_t have = k < s.future_regressors.size() ? s.future_regressors[k].size() : 0;
      throw InputError(who + ": regressor '" + name + "' has " + std::to_string(have) +
                       " future values, the horizon needs " + std::to_string(config.horizon));
    }
  }
  if (config.log1p || config.likelihood == RnnLikelihood::kNegBin) {
    for (std::size_t t = 0; t < s.y.size(); ++t) {
      if (s.y[t] < 0) {
        throw InputError(who + ": negative value " + std::to_string(s.y[t]) + " at period " +
                         std::to_string(t + 1) + "; " +
                         (config.log1p ? "log1p scaling" : "the negative-binomial head") +
                         " needs values >= 0");
      }
    }
  }
}

void RnnModel::Impl::BuildLayout() {
  rnn::Shape shape;
  shape.cell = config.cell;
  shape.features = spec.Count();
  shape.skus = static_cast<int>(skus.size());
  shape.embedding = shape.skus > 0 ? config.embedding : 0;
  shape.hidden = config.hidden;
  shape.layers = config.layers;
  shape.likelihood = config.likelihood;
  layout = std::make_shared<const rnn::Layout>(shape);
}

void RnnModel::Initialize(const std::vector<RnnSeriesInput>& series, const RnnConfig& config) {
  config.Validate();
  auto m = std::make_unique<Impl>();
  m->config = config;
  if (config.likelihood == RnnLikelihood::kAuto) {
    m->config.likelihood = CountData(series) ? RnnLikelihood::kNegBin : RnnLikelihood::kGaussian;
  }
  m->config.lookback = config.ResolvedLookback();
  m->config.season = config.ResolvedSeason();
  for (const RnnSeriesInput& s : series) CheckSeries(m->config, s, false);
  m->spec.frequency = config.frequency;
  m->spec.season = m->config.season;
  m->spec.lookback = m->config.lookback;
  m->spec.horizon = config.horizon;
  m->spec.log1p = config.log1p;
  m->spec.count_target = m->config.likelihood == RnnLikelihood::kNegBin;
  m->spec.Fit(series, static_cast<int>(config.regressors.size()));
  for (const RnnSeriesInput& s : series) {
    if (m->sku_index.emplace(s.sku, static_cast<int>(m->skus.size())).second) {
      m->skus.push_back(s.sku);
    }
  }
  if (config.embedding == 0) {
    m->skus.clear();
    m->sku_index.clear();
  }
  m->BuildLayout();
  rnn::InitParameters(*m->layout, config.seed, &m->params);
  impl_ = std::move(m);
}

RnnTrainResult RnnModel::Train(const std::vector<RnnSeriesInput>& series, const RnnConfig& config,
                               const std::function<void(const RnnEpoch&)>& on_epoch) {
  Initialize(series, config);
  Impl& m = *impl_;
  const RnnConfig& c = m.config;
  const std::size_t lookback = c.lookback, horizon = c.horizon;

  // Training windows end before each series' last `horizon` values, which are
  // the validation window.
  std::vector<std::size_t> cumulative;  // training windows of series [0, i]
  std::vector<Window> valid;
  std::size_t total = 0, longest = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::size_t n = series[i].y.size();
    longest = std::max(longest, n);
    if (n >= lookback + 2 * horizon) {
      total += n - lookback - 2 * horizon + 1;
      ++m.result.train_series;
    } else {
      ++m.result.skipped_series;
    }
    cumulative.push_back(total);
    if (n >= lookback + horizon) valid.emplace_back(i, n - lookback - horizon);
  }
  if (total == 0) {
    throw UsageError("no series is long enough to train the network: lookback " +
                     std::to_string(lookback) + " + horizon " + std::to_string(horizon) +
                     " + validation " + std::to_string(horizon) + " = " +
                     std::to_string(lookback + 2 * horizon) +
                     " periods are needed, the longest series has " + std::to_string(longest) +
                     " (use a shorter --lookback or --horizon)");
  }
  m.result.valid_windows = valid.size();

  const Eigen::Index np = static_cast<Eigen::Index>(m.layout->size);
  Eigen::VectorXd decay(np), grad(np), adam_m = Eigen::VectorXd::Zero(np),
                                       adam_v = Eigen::VectorXd::Zero(np);
  for (Eigen::Index i = 0; i < np; ++i) decay[i] = m.layout->decay[i];
  const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  std::vector<rnn::Workspace> train_ws, valid_ws;
  long long step = 0;
  Eigen::VectorXd best = m.params;
  double best_loss = std::numeric_limits<double>::infinity();
  int since_best = 0;
  double rate = c.learning_rate;

  for (int epoch = 1; epoch <= c.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    Rng rng(DeriveSeed(c.seed, 0x5a00 + static_cast<std::uint64_t>(epoch)));
    double epoch_loss = 0.0;
    std::size_t epoch_count = 0;
    std::vector<Window> windows(c.batch);
    for (int b = 0; b < c.batches_per_epoch; ++b) {
      for (Window& w : windows) {
        const std::size_t r = rng.Below(total);
        const std::size_t i =
            std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin();
        w = {i, r - (i > 0 ? cumulative[i - 1] : 0)};
      }
      std::size_t count = 0;
      const double loss =
          ShardedLoss(m, series, windows, rng(), c.dropout, &grad, &count, &train_ws);
      if (count == 0) continue;
      epoch_loss += loss;
      epoch_count += count;
      grad /= static_cast<double>(count);
      const double norm = grad.norm();
      if (!std::isfinite(norm)) continue;  // skip a step that would poison the weights
      if (c.clip > 0 && norm > c.clip) grad *= c.clip / norm;
      grad += c.l2 * decay.cwiseProduct(m.params);
      ++step;
      adam_m = beta1 * adam_m + (1 - beta1) * grad;
      adam_v = beta2 * adam_v + (1 - beta2) * grad.cwiseAbs2();
      const double lr = rate * std::sqrt(1 - std::pow(beta2, static_cast<double>(step))) /
                        (1 - std::pow(beta1, static_cast<double>(step)));
      m.params.array() -= lr * adam_m.array() / (adam_v.array().sqrt() + eps);
    }
    RnnEpoch e;
    e.epoch = epoch;
    e.train_loss = epoch_count > 0 ? epoch_loss / epoch_count : std::nan("");
    e.valid_loss = std::nan("");
    if (!valid.empty()) {
      std::size_t count = 0;
      double error = 0.0;
      const double loss = ShardedLoss(m, series, valid, 0, 0.0, nullptr, &count, &valid_ws, &error);
      if (count > 0) {
        e.valid_loss = loss / count;
        e.valid_error = error / count;
      }
    }
    e.seconds = Seconds(t0);
    m.result.curve.push_back(e);
    if (on_epoch) on_epoch(e);
    // Without validation targets the last epoch's weights are kept.
    const double score = std::isnan(e.valid_error) ? -static_cast<double>(epoch) : e.valid_error;
    if (std::isinf(best_loss) || score < best_loss - 1e-6 * std::fabs(best_loss)) {
      best_loss = score;
      best = m.params;
      m.result.best_epoch = epoch;
      since_best = 0;
    } else {
      ++since_best;
      if (c.patience > 0 && since_best >= c.patience) {
        m.result.stopped_early = epoch < c.epochs;
        break;
      }
      // A noisy plateau: smaller steps settle in the basin the best epoch found.
      if (c.lr_halving > 0 && since_best % c.lr_halving == 0) rate *= 0.5;
    }
  }
  m.params = best;
  m.trained = true;
  return m.result;
}

double RnnModel::LossAndGradient(const std::vector<RnnSeriesInput>& series,
                                 const std::vector<std::pair<std::size_t, std::size_t>>& windows,
                                 std::uint64_t seed, std::vector<double>* gradient) const {
  if (!impl_->layout) throw UsageError("the network is not initialized");
  Eigen::VectorXd g;
  std::size_t count = 0;
  std::vector<rnn::Workspace> ws;
  const double loss = ShardedLoss(*impl_, series, windows, seed, impl_->config.dropout,
                                  gradient ? &g : nullptr, &count, &ws);
  if (count == 0) return 0.0;
  if (gradient) {
    gradient->resize(g.size());
    for (Eigen::Index i = 0; i < g.size(); ++i) (*gradient)[i] = g[i] / count;
  }
  return loss / count;
}

std::vector<RnnForecast> RnnModel::ForecastAll(const std::vector<RnnSeriesInput>& inputs,
                                               const std::vector<double>& levels) const {
  const Impl& m = *impl_;
  if (!m.trained) throw UsageError("the network has not been trained or loaded");
  std::vector<double> z;
  for (double level : levels) {
    if (!(level > 0 && level < 100)) {
      throw UsageError("prediction interval level must be in (0, 100), got " +
                       std::to_string(level));
    }
    z.push_back(LevelZ(level));
  }
  const std::size_t lookback = m.config.lookback;
  for (const RnnSeriesInput& s : inputs) {
    CheckSeries(m.config, s, true);
    if (s.y.size() < lookback) {
      throw InputError("series '" + s.sku + "' has " + std::to_string(s.y.size()) +
                       " periods; the network needs a lookback of " + std::to_string(lookback));
    }
  }
  const int horizon = m.config.horizon;
  std::vector<RnnForecast> out(inputs.size());
  const std::size_t shard = kShardWindows, shards = (inputs.size() + shard - 1) / shard;
  ParallelFor(shards, m.config.threads, [&](std::size_t k) {
    const std::size_t first = k * shard, n = std::min(shard, inputs.size() - first);
    rnn::Batch batch;
    rnn::ResizeBatch(m.spec, static_cast<int>(n), false, &batch);
    std::vector<double> scale(n);
    for (std::size_t j = 0; j < n; ++j) {
      const RnnSeriesInput& s = inputs[first + j];
      scale[j] =
          rnn::FillWindow(m.spec, s, s.y.size() - lookback, false, static_cast<int>(j), &batch);
      batch.sku[j] = m.SkuIndex(s.sku);
    }
    Eigen::MatrixXd mu, sigma;
    rnn::RunBatch(*m.layout, m.params, batch, 0.0, nullptr, nullptr, &mu, &sigma);
    auto back = [&](double v, double s) {
      v = std::clamp(v, -50.0, 50.0);
      return m.config.log1p ? s * std::expm1(v) : s * v;
    };
    const bool negbin = m.config.likelihood == RnnLikelihood::kNegBin;
    for (std::size_t j = 0; j < n; ++j) {
      RnnForecast& f = out[first + j];
      f.levels = levels;
      f.scale = scale[j];
      f.lo.assign(levels.size(), std::vector<double>(horizon));
      f.hi.assign(levels.size(), std::vector<double>(horizon));
      for (int h = 0; h < horizon; ++h) {
        const Eigen::Index col = static_cast<Eigen::Index>(h) * n + j;
        const double mv = mu(0, col), sd = sigma(0, col);
        f.scaled_mean.push_back(mv);
        f.scaled_sd.push_back(sd);
        if (negbin) {  // sd is the dispersion α
          const double mean = mv * scale[j];
          f.mean.push_back(mean);
          for (std::size_t l = 0; l < levels.size(); ++l) {
            const double tail = (1.0 - levels[l] / 100.0) / 2.0;
            f.lo[l][h] = NegBinQuantile(tail, mean, sd);
            f.hi[l][h] = NegBinQuantile(1.0 - tail, mean, sd);
          }
          continue;
        }
        // With log1p the value is log-normal: its mean is exp(μ + σ²/2) − 1.
        f.mean.push_back(m.config.log1p ? back(mv + 0.5 * sd * sd, scale[j]) : back(mv, scale[j]));
        for (std::size_t l = 0; l < z.size(); ++l) {
          f.lo[l][h] = back(mv - z[l] * sd, scale[j]);
          f.hi[l][h] = back(mv + z[l] * sd, scale[j]);
        }
      }
    }
  });
  return out;
}

RnnForecast RnnModel::Forecast(const RnnSeriesInput& input,
                               const std::vector<double>& levels) const {
  return ForecastAll({input}, levels).front();
}

}  // namespace invplan::forecast
