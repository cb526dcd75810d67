#include "forecast/select/select_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "forecast/arima/arima_series.h"
#include "forecast/combo/combo_series.h"
#include "forecast/ets/ets_series.h"
#include "forecast/theta/theta_series.h"

namespace invplan::forecast {
namespace {

constexpr int kMaxOrigins = 3;
constexpr int kMinFit = 8;

using SeriesFn = SeriesResult (*)(const SeriesInput&, Reasons*);

SeriesFn CandidateFn(const std::string& name) {
  if (name == "arima") return ArimaSeriesForecast;
  if (name == "ets") return EtsSeriesForecast;
  if (name == "theta") return ThetaSeriesForecast;
  return ComboSeriesForecast;
}

// MASE of `f` against `actual`, scaled by the in-sample seasonal naive MAE of
// `fit` (lag m when the fit is longer than a season, else 1; a constant fit
// leaves the MAE unscaled).
double ScaledError(const std::vector<double>& fit, const double* actual,
                   const std::vector<double>& f, int m) {
  const std::size_t lag = m > 1 && fit.size() > static_cast<std::size_t>(m) ? m : 1;
  double scale = 0.0;
  for (std::size_t t = lag; t < fit.size(); ++t) scale += std::abs(fit[t] - fit[t - lag]);
  scale = fit.size() > lag ? scale / static_cast<double>(fit.size() - lag) : 0.0;
  double mae = 0.0;
  for (std::size_t i = 0; i < f.size(); ++i) mae += std::abs(actual[i] - f[i]);
  mae /= static_cast<double>(f.size());
  return scale > 0 ? mae / scale : mae;
}

// Per step, the mean or the median of the members' point forecasts (the
// combination of combo_series.h on the scale of the data).
std::vector<double> Combined(const std::vector<std::vector<double>>& members, bool median) {
  std::vector<double> out(members.front().size());
  std::vector<double> v(members.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = 0; j < members.size(); ++j) v[j] = members[j][i];
    std::sort(v.begin(), v.end());
    double mean = 0.0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    const std::size_t k = v.size() / 2;
    out[i] = !median ? mean : (v.size() % 2 ? v[k] : (v[k - 1] + v[k]) / 2);
  }
  return out;
}

}  // namespace

BacktestSelection SelectByBacktest(const SeriesInput& in) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  const int n = static_cast<int>(in.y.size());
  const std::vector<std::string>& names = SelectionCandidates();
  BacktestSelection out;
  out.scores.assign(names.size(), std::numeric_limits<double>::quiet_NaN());
  out.holdout = std::max(1, std::min(in.h, n / 5));
  const int least = std::max(kMinFit, m + 2);
  while (out.origins < kMaxOrigins && n - (out.origins + 1) * out.holdout >= least) {
    ++out.origins;
  }
  if (out.origins == 0) return out;
  std::vector<double> sum(names.size(), 0.0);
  std::vector<bool> failed(names.size(), false);
  const Eigen::MatrixXd fnone(out.holdout, 0);
  for (int k = 1; k <= out.origins; ++k) {
    const int cut = n - k * out.holdout;
    const std::vector<double> fit(in.y.begin(), in.y.begin() + cut);
    const Eigen::MatrixXd none(cut, 0);
    SeriesInput part{fit, none, fnone, out.holdout, s, in.demand};
    std::vector<std::vector<double>> singles;
    for (std::size_t c = 0; c + 1 < names.size(); ++c) {
      // A candidate's fallbacks (a failed fit) count against it: its score is
      // that of the simpler model it fell back to, as it would be in use.
      Reasons ignored;
      SeriesResult r = CandidateFn(names[c])(part, &ignored);
      if (r.mean.size() != static_cast<std::size_t>(out.holdout)) {
        failed[c] = true;
        continue;
      }
      sum[c] += ScaledError(fit, in.y.data() + cut, r.mean, m);
      singles.push_back(std::move(r.mean));
    }
    if (singles.empty()) {
      failed.back() = true;
    } else {
      sum.back() += ScaledError(fit, in.y.data() + cut, Combined(singles, s.median), m);
    }
  }
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (!failed[c]) out.scores[c] = sum[c] / out.origins;
  }
  // The best single model (the first of equals), then combo unless that one
  // is better by more than rounding.
  std::size_t best = 0;
  for (std::size_t c = 1; c + 1 < names.size(); ++c) {
    if (std::isnan(out.scores[best]) || out.scores[c] < out.scores[best]) best = c;
  }
  const double combo = out.scores.back();
  const bool single_wins =
      !std::isnan(out.scores[best]) && (std::isnan(combo) || out.scores[best] < combo * (1 - 1e-9));
  if (!single_wins) best = names.size() - 1;
  out.selected = names[best];
  return out;
}

SeriesResult SelectSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  Json selection = {{"method", s.select}};
  SeriesResult r;
  if (in.xreg.cols() > 0) {
    selection["selected"] = "arima";
    selection["why"] = "regressors: ARIMA is the candidate that uses them";
    r = ArimaSeriesForecast(in, reasons);
  } else if (s.select == "arima") {
    selection["selected"] = "arima";
    r = ArimaSeriesForecast(in, reasons);
  } else if (s.select == "aicc") {
    selection["selected"] = "ets";
    r = EtsSeriesForecast(in, reasons);
  } else if (s.select == "backtest") {
    const BacktestSelection b = SelectByBacktest(in);
    selection["selected"] = b.selected;
    selection["origins"] = b.origins;
    selection["holdout"] = b.holdout;
    if (b.origins == 0) {
      selection["why"] = "history too short for a backtest";
    } else {
      Json scores = Json::object();
      for (std::size_t c = 0; c < b.scores.size(); ++c) {
        const std::string& name = SelectionCandidates()[c];
        scores[name] = std::isnan(b.scores[c]) ? Json() : Json(b.scores[c]);
      }
      selection["scores"] = scores;
    }
    r = CandidateFn(b.selected)(in, reasons);
  } else {
    selection["selected"] = "combo";
    r = ComboSeriesForecast(in, reasons);
  }
  r.model["selection"] = selection;
  return r;
}

}  // namespace invplan::forecast
