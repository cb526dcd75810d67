// RnnConfig checks, RnnModel's plumbing and its JSON form.
#include <cmath>
#include <cstdint>

#include "forecast/rnn/rnn_impl.h"
#include "invplan/artifact.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

double NumberOrNaN(const Json& j) {
  return j.is_null() ? std::nan("") : j.get<double>();
}

}  // namespace

const char* RnnCellName(RnnCell cell) {
  switch (cell) {
    case RnnCell::kRnn:
      return "rnn";
    case RnnCell::kGru:
      return "gru";
    case RnnCell::kLstm:
      return "lstm";
  }
  return "rnn";
}

bool ParseRnnCell(const std::string& text, RnnCell* cell) {
  for (RnnCell c : {RnnCell::kRnn, RnnCell::kGru, RnnCell::kLstm}) {
    if (text == RnnCellName(c)) {
      *cell = c;
      return true;
    }
  }
  return false;
}

const char* RnnLikelihoodName(RnnLikelihood likelihood) {
  switch (likelihood) {
    case RnnLikelihood::kAuto:
      return "auto";
    case RnnLikelihood::kGaussian:
      return "gaussian";
    case RnnLikelihood::kNegBin:
      return "negbin";
  }
  return "auto";
}

bool ParseRnnLikelihood(const std::string& text, RnnLikelihood* likelihood) {
  for (RnnLikelihood l : {RnnLikelihood::kAuto, RnnLikelihood::kGaussian, RnnLikelihood::kNegBin}) {
    if (text == RnnLikelihoodName(l)) {
      *likelihood = l;
      return true;
    }
  }
  return false;
}

int RnnConfig::ResolvedSeason() const {
  return season > 0 ? season : SeasonalPeriod(frequency);
}

int RnnConfig::ResolvedLookback() const {
  if (lookback > 0) return lookback;
  // Daily data: eight weeks, enough to see a promotion cycle and the level
  // (three weeks measured worse on Rossmann).
  const int base = std::max(3 * ResolvedSeason(), 12);
  return frequency == Frequency::kDay ? std::max(base, 56) : base;
}

void RnnConfig::Validate() const {
  auto bad = [](const std::string& what) { throw UsageError(what); };
  if (hidden < 1 || hidden > 1024)
    bad("--hidden must be in 1..1024, got " + std::to_string(hidden));
  if (layers < 1 || layers > 2) bad("--layers must be 1 or 2, got " + std::to_string(layers));
  if (embedding < 0 || embedding > 64) {
    bad("--embedding must be in 0..64, got " + std::to_string(embedding));
  }
  if (horizon < 1) bad("--horizon must be at least 1, got " + std::to_string(horizon));
  if (season < 0) bad("--season must be >= 0, got " + std::to_string(season));
  if (lookback < 0) bad("--lookback must be >= 0, got " + std::to_string(lookback));
  if (ResolvedLookback() < ResolvedSeason()) {
    bad("--lookback " + std::to_string(ResolvedLookback()) + " is shorter than the season " +
        std::to_string(ResolvedSeason()));
  }
  if (epochs < 1) bad("--epochs must be at least 1, got " + std::to_string(epochs));
  if (batches_per_epoch < 1) bad("batches per epoch must be at least 1");
  if (batch < 1) bad("--batch must be at least 1, got " + std::to_string(batch));
  if (!(learning_rate > 0 && learning_rate < 1)) bad("--learning-rate must be in (0, 1)");
  if (!(l2 >= 0)) bad("--l2 must be >= 0");
  if (!(dropout >= 0 && dropout < 1)) bad("--dropout must be in [0, 1)");
  if (!(clip >= 0)) bad("--clip must be >= 0");
  if (patience < 0) bad("--patience must be >= 0");
  if (lr_halving < 0) bad("learning-rate halving interval must be >= 0");
}

RnnModel::RnnModel() : impl_(std::make_unique<Impl>()) {}
RnnModel::~RnnModel() = default;
RnnModel::RnnModel(const RnnModel& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
RnnModel& RnnModel::operator=(const RnnModel& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
RnnModel::RnnModel(RnnModel&&) noexcept = default;
RnnModel& RnnModel::operator=(RnnModel&&) noexcept = default;

bool RnnModel::trained() const {
  return impl_->trained;
}
void RnnModel::set_threads(int threads) {
  impl_->config.threads = threads;
}

const RnnConfig& RnnModel::config() const {
  return impl_->config;
}
const RnnTrainResult& RnnModel::train_result() const {
  return impl_->result;
}
std::size_t RnnModel::parameter_count() const {
  return impl_->layout ? impl_->layout->size : 0;
}

int RnnModel::feature_count() const {
  return impl_->layout ? impl_->spec.Count() : 0;
}

std::vector<double> RnnModel::parameters() const {
  return std::vector<double>(impl_->params.data(), impl_->params.data() + impl_->params.size());
}

void RnnModel::set_parameters(const std::vector<double>& values) {
  if (values.size() != static_cast<std::size_t>(impl_->params.size())) {
    throw UsageError("parameter vector of the wrong size");
  }
  impl_->params = Eigen::Map<const Eigen::VectorXd>(values.data(), impl_->params.size());
}

Json RnnModel::ToJson() const {
  const Impl& m = *impl_;
  const RnnConfig& c = m.config;
  Json settings{{"cell", RnnCellName(c.cell)},
                {"hidden", c.hidden},
                {"layers", c.layers},
                {"embedding", c.embedding},
                {"lookback", c.lookback},
                {"horizon", c.horizon},
                {"season", c.season},
                {"frequency", FrequencyCode(c.frequency)},
                {"regressors", c.regressors},
                {"epochs", c.epochs},
                {"batches_per_epoch", c.batches_per_epoch},
                {"batch", c.batch},
                {"learning_rate", c.learning_rate},
                {"l2", c.l2},
                {"dropout", c.dropout},
                {"clip", c.clip},
                {"log1p", c.log1p},
                {"likelihood", RnnLikelihoodName(c.likelihood)},
                {"patience", c.patience},
                {"lr_halving", c.lr_halving},
                {"seed", c.seed}};
  Json curve = Json::array();
  for (const RnnEpoch& e : m.result.curve) {
    curve.push_back({{"epoch", e.epoch},
                     {"train_loss", JsonNumberOrNull(e.train_loss)},
                     {"valid_loss", JsonNumberOrNull(e.valid_loss)},
                     {"valid_error", JsonNumberOrNull(e.valid_error)},
                     {"seconds", e.seconds}});
  }
  return Json{{"format", kFormat},
              // Schema 2 added the negative-binomial head; a Gaussian network is
              // still written as schema 1, which earlier versions read.
              {"schema_version", c.likelihood == RnnLikelihood::kGaussian ? 1 : kSchemaVersion},
              {"trained", m.trained},
              {"settings", settings},
              {"features", m.spec.ToJson()},
              {"skus", m.skus},
              {"parameters", {{"count", parameter_count()}, {"values", parameters()}}},
              {"training",
               {{"best_epoch", m.result.best_epoch},
                {"train_series", m.result.train_series},
                {"skipped_series", m.result.skipped_series},
                {"valid_windows", m.result.valid_windows},
                {"stopped_early", m.result.stopped_early},
                {"curve", curve}}}};
}

RnnModel RnnModel::FromJson(const Json& doc) {
  if (!doc.is_object() || doc.value("format", std::string()) != kFormat) {
    throw ArtifactError(std::string("not a recurrent-network model (format ") + kFormat +
                        " expected)");
  }
  const int version =
      doc.contains("schema_version")
          ? static_cast<int>(ArtifactInt(doc["schema_version"], "schema_version", 0, INT32_MAX))
          : 0;
  if (version < 1 || version > kSchemaVersion) {
    throw ArtifactError("recurrent-network model schema version " + std::to_string(version) +
                        " is not supported (this version reads up to " +
                        std::to_string(kSchemaVersion) + ")");
  }
  RnnModel model;
  Impl& m = *model.impl_;
  // Counts are range-checked, never truncated (a hidden size of 1e12 is refused,
  // not read as some other int); Validate() then applies the option ranges.
  auto count = [](const Json& v, const char* what) {
    return static_cast<int>(ArtifactInt(v, what, 0, INT32_MAX));
  };
  auto size = [](const Json& v, const char* what) {
    return static_cast<std::size_t>(ArtifactInt(v, what, 0, INT64_MAX));
  };
  try {
    const Json& s = doc.at("settings");
    RnnConfig& c = m.config;
    if (!ParseRnnCell(s.at("cell").get<std::string>(), &c.cell)) {
      throw std::runtime_error("unknown cell");
    }
    c.hidden = count(s.at("hidden"), "hidden");
    c.layers = count(s.at("layers"), "layers");
    c.embedding = count(s.at("embedding"), "embedding");
    c.lookback = count(s.at("lookback"), "lookback");
    c.horizon = count(s.at("horizon"), "horizon");
    c.season = count(s.at("season"), "season");
    if (!ParseFrequency(s.at("frequency").get<std::string>(), &c.frequency)) {
      throw std::runtime_error("unknown frequency");
    }
    c.regressors = s.at("regressors").get<std::vector<std::string>>();
    c.epochs = count(s.at("epochs"), "epochs");
    c.batches_per_epoch = count(s.at("batches_per_epoch"), "batches_per_epoch");
    c.batch = count(s.at("batch"), "batch");
    c.learning_rate = s.at("learning_rate").get<double>();
    c.l2 = s.at("l2").get<double>();
    c.dropout = s.at("dropout").get<double>();
    c.clip = s.at("clip").get<double>();
    c.log1p = s.at("log1p").get<bool>();
    c.likelihood = RnnLikelihood::kGaussian;
    if (version >= 2 &&
        (!ParseRnnLikelihood(s.at("likelihood").get<std::string>(), &c.likelihood) ||
         c.likelihood == RnnLikelihood::kAuto)) {
      throw std::runtime_error("unknown likelihood");
    }
    c.patience = count(s.at("patience"), "patience");
    // Files written before lr_halving existed have none.
    c.lr_halving = s.contains("lr_halving") ? count(s.at("lr_halving"), "lr_halving") : 0;
    c.seed = s.at("seed").get<std::uint64_t>();
    c.Validate();
    m.spec = rnn::FeatureSpec::FromJson(doc.at("features"));
    m.spec.count_target = c.likelihood == RnnLikelihood::kNegBin;
    if (m.spec.lookback != c.lookback || m.spec.horizon != c.horizon || m.spec.season != c.season ||
        m.spec.regressor_mean.size() != c.regressors.size()) {
      throw std::runtime_error("features do not match the settings");
    }
    m.skus = doc.at("skus").get<std::vector<std::string>>();
    for (std::size_t k = 0; k < m.skus.size(); ++k) {
      m.sku_index.emplace(m.skus[k], static_cast<int>(k));
    }
    m.BuildLayout();
    const auto values = doc.at("parameters").at("values").get<std::vector<double>>();
    if (values.size() != m.layout->size) {
      throw std::runtime_error("expected " + std::to_string(m.layout->size) +
                               " parameters, found " + std::to_string(values.size()));
    }
    m.params = Eigen::Map<const Eigen::VectorXd>(values.data(), values.size());
    const Json& t = doc.at("training");
    m.result.best_epoch = count(t.at("best_epoch"), "best_epoch");
    m.result.train_series = size(t.at("train_series"), "train_series");
    m.result.skipped_series = size(t.at("skipped_series"), "skipped_series");
    m.result.valid_windows = size(t.at("valid_windows"), "valid_windows");
    m.result.stopped_early = t.at("stopped_early").get<bool>();
    for (const Json& e : t.at("curve")) {
      RnnEpoch r;
      r.epoch = count(e.at("epoch"), "epoch");
      r.train_loss = NumberOrNaN(e.at("train_loss"));
      r.valid_loss = NumberOrNaN(e.at("valid_loss"));
      r.seconds = e.at("seconds").get<double>();
      if (e.contains("valid_error")) r.valid_error = NumberOrNaN(e.at("valid_error"));
      m.result.curve.push_back(r);
    }
    m.trained = doc.at("trained").get<bool>();
  } catch (const std::exception& e) {
    throw ArtifactError(std::string("invalid recurrent-network model: ") + e.what());
  }
  return model;
}

}  // namespace invplan::forecast
