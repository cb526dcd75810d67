#include "forecast/seasonal/seasonal_series.h"

#include <algorithm>
#include <cmath>

#include "common/csv_reader.h"
#include "forecast/seasonal/fourier.h"
#include "forecast/seasonal/mstl.h"
#include "invplan/error.h"
#include "invplan/options.h"

namespace invplan::forecast {
namespace {

// What was removed from the transformed history, and what the horizon gets back.
struct SeasonalPart {
  std::vector<int> periods;  // mstl's, as used
  std::vector<double> adjusted, future;
  Json info = Json::object();
  bool removed = false;
};

SeasonalPart MstlPart(const std::vector<double>& w, const SeriesSettings& s, int h) {
  SeasonalPart part;
  const MstlResult d = Mstl(w, s.seasonal_periods);
  part.info["method"] = "mstl";
  part.info["periods"] = d.periods;
  if (d.periods.empty()) {
    part.info["note"] = "history shorter than two cycles of every period: not decomposed";
    return part;
  }
  part.info["iterations"] = d.periods.size() > 1 ? 2 : 1;
  // Each component's share of the variance left besides the remainder (the
  // seasonal strength of Wang, Smith & Hyndman), to show what it explains.
  Json strength = Json::array();
  for (const std::vector<double>& c : d.seasonal) {
    double mr = 0, mc = 0;
    const std::size_t n = c.size();
    for (std::size_t t = 0; t < n; ++t) mr += d.remainder[t] / n, mc += (d.remainder[t] + c[t]) / n;
    double vr = 0, vc = 0;
    for (std::size_t t = 0; t < n; ++t) {
      vr += (d.remainder[t] - mr) * (d.remainder[t] - mr);
      vc += (d.remainder[t] + c[t] - mc) * (d.remainder[t] + c[t] - mc);
    }
    strength.push_back(vc > 0 ? std::max(0.0, std::min(1.0, 1.0 - vr / vc)) : 0.0);
  }
  part.info["strength"] = strength;
  part.periods = d.periods;
  part.adjusted = d.adjusted;
  part.future = SeasonalForecast(d, h);
  part.removed = true;
  return part;
}

SeasonalPart FourierPart(const std::vector<double>& w, const SeriesInput& in) {
  const SeriesSettings& s = in.settings;
  SeasonalPart part;
  part.info["method"] = "fourier_regression";
  const Eigen::Index k = s.fourier_columns, n = static_cast<Eigen::Index>(w.size());
  if (n < k + 2) {
    part.info["note"] = "fewer observations than Fourier terms + 2: no regression";
    return part;
  }
  Eigen::MatrixXd x(n, k + 1);
  x.col(0).setOnes();
  x.rightCols(k) = in.xreg.rightCols(k);
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(w.data(), n);
  const Eigen::VectorXd beta = x.colPivHouseholderQr().solve(y);
  if (!beta.allFinite()) {
    part.info["note"] = "the regression on the Fourier terms failed: no regression";
    return part;
  }
  const Eigen::VectorXd b = beta.tail(k);
  const Eigen::VectorXd hist = in.xreg.rightCols(k) * b;
  const Eigen::VectorXd fut = in.future_xreg.rightCols(k) * b;
  part.adjusted.resize(w.size());
  for (Eigen::Index t = 0; t < n; ++t) part.adjusted[t] = w[t] - hist[t];
  part.future.assign(fut.data(), fut.data() + fut.size());
  const std::vector<std::string> names = FourierNames(s.fourier);
  Json coef = Json::object();
  for (Eigen::Index j = 0; j < k; ++j) {
    coef[j < static_cast<Eigen::Index>(names.size()) ? names[j] : std::to_string(j)] = b[j];
  }
  part.info["fourier"] = FourierText(s.fourier);
  part.info["coefficients"] = coef;
  part.removed = true;
  return part;
}

// The adjusted model's Gaussian forecast on its (untransformed) scale: the
// distribution's normal where it has one, else the mean with the spread of
// the widest interval.
void GaussianOf(const SeriesResult& a, int h, const SeriesSettings& s, std::vector<double>* mean,
                std::vector<double>* se) {
  mean->assign(h, 0.0);
  se->assign(h, 0.0);
  for (int i = 0; i < h; ++i) {
    const std::size_t u = static_cast<std::size_t>(i);
    if (u < a.distribution.size() && a.distribution[u].family == DistributionFamily::kNormal &&
        a.distribution[u].transform.empty()) {
      (*mean)[u] = a.distribution[u].mu;
      (*se)[u] = a.distribution[u].sigma;
    } else if (u < a.mean.size()) {
      (*mean)[u] = a.mean[u];
      if (!s.levels.empty() && !a.hi.empty()) {
        const double z = LevelZ(s.levels.back());
        (*se)[u] = z > 0 ? (a.hi.back()[u] - a.lo.back()[u]) / (2 * z) : 0.0;
      }
    }
  }
}

}  // namespace

std::vector<int> ParseSeasonalPeriods(const std::string& text) {
  std::vector<int> out;
  for (const std::string& item : option_text::SplitList(text)) {
    double v = 0;
    if (!ParseNumber(item, &v) || v != std::floor(v) || v < 2 || v > 1e6) {
      throw UsageError(
          "--seasonal-periods: expected whole periods of at least 2 (e.g. 7,365), got \"" + item +
          "\"");
    }
    out.push_back(static_cast<int>(v));
  }
  return out;
}

std::string SeasonalPeriodsText(const std::vector<int>& periods) {
  std::string s;
  for (int p : periods) s += (s.empty() ? "" : ",") + std::to_string(p);
  return s;
}

void CheckSeasonalPeriods(const std::vector<int>& periods) {
  for (int p : periods) {
    if (p < 2) {
      throw UsageError("--seasonal-periods: periods must be at least 2, got " + std::to_string(p));
    }
  }
}

bool NeedsSeasonalAdjustment(const SeriesSettings& s) {
  return s.decompose_mstl || (s.fourier_columns > 0 && !s.fourier_as_regressors);
}

SeriesResult SeasonallyAdjustedForecast(const SeriesInput& in, AdjustedModelFn model,
                                        Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  const std::vector<double>& y = in.y;
  const int h = in.h;
  const bool constant = std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); });
  std::string note;
  const Transform t =
      constant ? Transform{} : Transform::For(s.transform, y, std::max(1, s.season), &note);
  const std::vector<double> w = t.Forward(y);
  SeasonalPart part;
  if (constant) {
    part.info["method"] = s.decompose_mstl ? "mstl" : "fourier_regression";
    part.info["note"] = "constant series: not decomposed";
  } else {
    part = s.decompose_mstl ? MstlPart(w, s, h) : FourierPart(w, in);
  }
  // The model's own regressors stay; Fourier terms it cannot take are gone.
  const Eigen::Index keep = in.xreg.cols() - (s.fourier_as_regressors ? 0 : s.fourier_columns);
  const Eigen::MatrixXd x = in.xreg.leftCols(keep), fx = in.future_xreg.leftCols(keep);
  if (!part.removed) {
    SeriesResult r = model(SeriesInput{y, x, fx, h, s, in.demand}, reasons);
    r.model["decomposition"] = part.info;
    return r;
  }
  SeriesSettings inner = s;
  inner.transform = TransformSpec{};
  inner.decompose_mstl = false;
  inner.fourier_columns = s.fourier_as_regressors ? s.fourier_columns : 0;
  if (s.decompose_mstl) inner.season = 1;
  const SeriesResult a = model(SeriesInput{part.adjusted, x, fx, h, inner, in.demand}, reasons);

  ModelForecast f;
  f.name = a.model_name;
  f.spec =
      (s.decompose_mstl ? "MSTL(" + SeasonalPeriodsText(part.periods) + ") + " : std::string()) +
      a.spec + (s.decompose_mstl ? "" : " + Fourier(" + FourierText(s.fourier) + ")");
  f.model = a.model;
  f.model.erase("state");
  f.model.erase("spec");
  GaussianOf(a, h, s, &f.mean, &f.se);
  for (int i = 0; i < h; ++i) f.mean[i] += part.future[static_cast<std::size_t>(i)];
  if (a.widening.size() == static_cast<std::size_t>(h)) {
    double var = 0;
    for (int i = 0; i < h; ++i) {
      var += f.se[i] * f.se[i];
      f.sum_se.push_back(std::sqrt(std::max(0.0, a.widening[i] * var)));
    }
  }
  SeriesResult r = FinishForecast(f, t, h, s);
  r.model["decomposition"] = part.info;
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace invplan::forecast
