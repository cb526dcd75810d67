#include "forecast/update/update.h"

#include <cmath>
#include <cstring>

#include "common/file_io.h"
#include "forecast/arima/arima_state.h"
#include "forecast/ets/ets_state.h"
#include "forecast/fit_error.h"
#include "forecast/local/intermittent.h"
#include "forecast/local/local_state.h"
#include "forecast/seasonal/fourier.h"
#include "forecast/series_forecaster.h"
#include "forecast/theta/theta_state.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

std::string SeriesKey(const std::string& sku, const std::string& location) {
  return sku + '\x1f' + location;
}

std::string Text(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// A date field of a series entry as a period; false when absent or malformed.
bool PeriodField(const Json& j, const char* key, Frequency f, std::int64_t* period) {
  std::int64_t day = 0;
  const std::string text = Text(j, key);
  if (text.empty() || !ParseIsoDay(text, &day)) return false;
  *period = PeriodOfDay(day, f);
  return true;
}

UpdateOutcome Refit(const std::string& reason, std::int64_t end, Frequency f) {
  UpdateOutcome out;
  out.fields = RefitFields(reason, end, f);
  return out;
}

// The earlier model continued over the new periods of the filled history y.
ModelForecast Continue(const std::string& name, const StateInput& in, OneStepErrors* errors) {
  if (name == "arima") return ContinueArimaForecast(in, errors);
  if (name == "ets") return ContinueEtsForecast(in, errors);
  if (name == "theta") return ContinueThetaForecast(in, errors);
  return ContinueLocalForecast(name, in, errors);
}

bool Continuable(const std::string& name) {
  return name == "arima" || name == "ets" || name == "theta" || IsContinuableLocal(name);
}

}  // namespace

Json FitConfig(const ForecastOptions& o, const SeriesSettings& s, Frequency f) {
  Json c = Json::object();
  c["model"] = o.model;
  c["frequency"] = FrequencyCode(f);
  c["season"] = s.season;
  c["order"] = o.order;
  c["seasonal_order"] = o.seasonal_order;
  c["arima_search"] = o.arima_search;
  c["ets_model"] = o.ets_model;
  c["select"] = o.select;
  c["combine"] = o.combine;
  // Only when not the default, so that artifacts written before the option
  // existed still match the default configuration.
  if (o.theta_method != "standard") c["theta_method"] = o.theta_method;
  // Only when not the default, so artifacts written before the option existed
  // still match.
  static const std::vector<std::string> kDefaultMembers = ForecastOptions().combo_members;
  if (o.combo_members != kDefaultMembers) c["combo_members"] = o.combo_members;
  c["transform"] = o.transform;
  c["croston"] = o.croston;
  c["regressors"] = o.regressors;
  // Stock-out handling changes the history the models see (src/forecast/stockouts.h).
  c["stockouts"] = o.stockouts;
  c["stock_col"] = o.stock_col;
  // Written only when used, so artifacts of runs without them still match.
  if (!o.fourier.empty()) c["fourier"] = FourierText(o.fourier);
  if (s.decompose_mstl) {
    c["decompose"] = "mstl";
    c["seasonal_periods"] = s.seasonal_periods;
  }
  return c;
}

std::string HistoryChecksum(const std::vector<double>& y, const Eigen::MatrixXd& x, std::size_t n) {
  std::uint64_t h = 14695981039346656037ull;
  auto add = [&h](double v) {
    if (std::isnan(v)) v = NAN;  // one pattern for every NaN
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) {
      h ^= (bits >> (8 * i)) & 0xffu;
      h *= 1099511628211ull;
    }
  };
  for (std::size_t t = 0; t < n && t < y.size(); ++t) {
    add(y[t]);
    if (static_cast<Eigen::Index>(t) < x.rows())
      for (Eigen::Index c = 0; c < x.cols(); ++c) add(x(static_cast<Eigen::Index>(t), c));
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 0xfu];
  return out;
}

double ChiSquare99(int k) {
  if (k <= 0) return INFINITY;
  const double z = 2.3263478740408408, a = 2.0 / (9.0 * k);
  const double c = 1.0 - a + z * std::sqrt(a);
  return k * c * c * c;
}

PreviousForecast::PreviousForecast(const std::string& path, const Json& config, Frequency frequency,
                                   RunInfo* run) {
  InputInfo info;
  doc_ = ReadJsonArtifact(path, kForecastFormat, kForecastSchema, &info);
  if (run) run->inputs.push_back(info);
  const std::string name = DisplayName(path);
  if (!doc_.contains("series") || !doc_["series"].is_array()) {
    throw ArtifactError(name + ": forecast artifact without a \"series\" array");
  }
  // Key by key: an artifact rewritten by another tool may order its keys
  // differently, and ordered objects compare in order.
  config_matches_ = doc_.contains("fit_config") && doc_["fit_config"].is_object() &&
                    doc_["fit_config"].size() == config.size() &&
                    Text(doc_, "frequency") == FrequencyCode(frequency);
  for (auto it = config.begin(); config_matches_ && it != config.end(); ++it) {
    const Json& had = doc_["fit_config"];
    config_matches_ = had.contains(it.key()) && had[it.key()] == it.value();
  }
  Json& series = doc_["series"];
  for (std::size_t i = 0; i < series.size(); ++i) {
    Json& e = series[i];
    // Only the model and the history fields are needed: the points, most of
    // an entry, are dropped at once.
    if (e.is_object())
      for (const char* key : {"forecast", "cumulative", "backtest", "excluded"}) e.erase(key);
    if (!e.is_object() || !e.contains("sku") || !e["sku"].is_string()) {
      throw ArtifactError(name + ": series " + std::to_string(i + 1) + " without a \"sku\"");
    }
    index_[SeriesKey(e["sku"].get<std::string>(), Text(e, "location"))] = i;
  }
}

const Json* PreviousForecast::Find(const std::string& sku, const std::string& location) const {
  auto it = index_.find(SeriesKey(sku, location));
  return it == index_.end() ? nullptr : &doc_["series"][it->second];
}

Json RefitFields(const std::string& reason, std::int64_t history_end, Frequency f) {
  return {
      {"fit", "refit"}, {"fit_reason", reason}, {"fitted_through", FormatPeriod(history_end, f)}};
}

UpdateOutcome UpdateSeries(const Json* previous, bool config_matches, const Series& s,
                           const Eigen::MatrixXd& x, const Eigen::MatrixXd& fx, int h,
                           int refit_after, const SeriesSettings& settings, Frequency f) {
  const std::int64_t end = s.end() - 1;
  if (!config_matches) return Refit("config_changed", end, f);
  if (!previous) return Refit("new_sku", end, f);
  const Json& prev = *previous;
  std::int64_t prev_start = 0, prev_end = 0, fitted = 0;
  if (!PeriodField(prev, "history_start", f, &prev_start) ||
      !PeriodField(prev, "history_end", f, &prev_end) ||
      !PeriodField(prev, "fitted_through", f, &fitted) || Text(prev, "history_checksum").empty()) {
    return Refit("no_state", end, f);
  }
  if (prev_start != s.start || prev_end > end || prev_end < s.start) {
    return Refit("history_changed", end, f);
  }
  const std::size_t n0 = static_cast<std::size_t>(prev_end - s.start + 1);
  if (HistoryChecksum(s.quantity, x, n0) != Text(prev, "history_checksum")) {
    return Refit("history_changed", end, f);
  }
  if (std::isnan(s.quantity[n0 - 1])) return Refit("gap_at_end", end, f);
  if (refit_after > 0 && end - fitted > refit_after) return Refit("model_age", end, f);
  const Json& model = prev.contains("model") ? prev["model"] : Json();
  const std::string name = model.is_object() ? Text(model, "name") : std::string();
  // CES keeps no continuable state: its fit is cheap and its seasonal type
  // is chosen again on the longer history.
  if (name == "ces") return Refit("ces_refitted", end, f);
  if (!Continuable(name) || !model.contains("state") || model.contains("transform")) {
    return Refit("no_state", end, f);
  }

  // The history as the models see it (series_forecaster.h).
  std::vector<double> y = s.quantity;
  std::size_t first = 0;
  const std::size_t filled = FillGaps(&y, &first);
  if (first >= n0) return Refit("no_state", end, f);
  const Eigen::MatrixXd xr = x.bottomRows(x.rows() - static_cast<Eigen::Index>(first));
  const std::size_t new_periods = static_cast<std::size_t>(end - prev_end);
  OneStepErrors errors;
  ModelForecast forecast;
  try {
    forecast = Continue(name, StateInput{model, y, xr, fx, new_periods, h}, &errors);
    if (forecast.mean.size() != static_cast<std::size_t>(h) ||
        forecast.se.size() != forecast.mean.size())
      throw ModelFitError("forecast of the wrong length");
    CheckSane(forecast, y);
  } catch (const ModelFitError&) {
    return Refit("unusable_state", end, f);
  }
  Json test = Json::object();
  if (errors.steps > 0) {
    const double bound = ChiSquare99(errors.steps);
    test = {{"periods", errors.steps},
            {"statistic", std::isfinite(errors.sum_sq) ? Json(errors.sum_sq) : Json("inf")},
            {"bound", bound}};
    if (!(errors.sum_sq <= bound)) {
      UpdateOutcome out = Refit("one_step_errors", end, f);
      out.fields["one_step_test"] = test;
      return out;
    }
  }
  UpdateOutcome out;
  out.updated = true;
  SeriesResult& r = out.result;
  r = FinishForecast(forecast, Transform{}, h, settings);
  const DemandClass dc = ClassifyDemand(y);
  r.demand_class = dc.name;
  r.model["adi"] = dc.adi;
  r.model["cv2"] = dc.cv2;
  r.model.erase("missing_interpolated");
  if (filled > 0) r.model["missing_interpolated"] = filled;
  r.status = Text(prev, "status").empty() ? "ok" : Text(prev, "status");
  r.reason = Text(prev, "reason");
  out.fields = {{"fit", "updated"},
                {"fit_reason", new_periods > 0 ? "history_extended" : "no_new_periods"},
                {"fitted_through", FormatPeriod(fitted, f)}};
  if (!test.empty()) out.fields["one_step_test"] = test;
  return out;
}

}  // namespace invplan::forecast
