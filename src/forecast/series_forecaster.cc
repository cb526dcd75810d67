#include "forecast/series_forecaster.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "forecast/fit_error.h"
#include "forecast/local/local_series.h"
#include "forecast/registry.h"
#include "forecast/seasonal/fourier.h"
#include "forecast/seasonal/seasonal_series.h"
#include "forecast/select/select_series.h"

namespace invplan::forecast {
namespace {

// The registered model on a series with demand; a ModelFitError it lets
// escape gives the simplest model instead.
SeriesResult RunLocalModel(const SeriesInput& in, Reasons* reasons) {
  const LocalModel* model = FindLocalModel(in.settings.model);
  if (!model) throw std::logic_error("unknown per-series model \"" + in.settings.model + "\"");
  try {
    return model->forecast(in, reasons);
  } catch (const ModelFitError& e) {
    ModelForecast simple = SimpleForecast(in.y, 1, in.h);
    reasons->Add(std::string(e.what()) + ": " + simple.name);
    return FinishForecast(simple, Transform{}, in.h, in.settings);
  }
}

}  // namespace

std::size_t FillGaps(std::vector<double>* y, std::size_t* first) {
  std::vector<double>& v = *y;
  for (double& x : v) {
    if (!std::isfinite(x)) x = NAN;
  }
  std::size_t f = 0;
  while (f < v.size() && std::isnan(v[f])) ++f;
  *first = f;
  v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(f));
  std::size_t filled = 0;
  std::size_t last = 0;  // index of the last known value
  for (std::size_t t = 1; t < v.size(); ++t) {
    if (std::isnan(v[t])) continue;
    if (t > last + 1) {
      for (std::size_t k = last + 1; k < t; ++k) {
        v[k] = v[last] + (v[t] - v[last]) * static_cast<double>(k - last) / (t - last);
        ++filled;
      }
    }
    last = t;
  }
  for (std::size_t k = last + 1; k < v.size(); ++k, ++filled) v[k] = v[last];
  return filled;
}

SeriesResult AutoSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const DemandClass& dc = in.demand;
  if (dc.name == "smooth" || dc.name == "erratic") return SelectSeriesForecast(in, reasons);
  // TSB lets the forecast decay through a long run of zeros (an item going
  // obsolete); Croston would keep the last rate.
  if (TrailingZeros(in.y) > 2 * dc.adi + 1) return TsbSeriesForecast(in, reasons);
  return CrostonSeriesForecast(in, reasons);
}

SeriesResult ForecastSeries(const std::vector<double>& y_in, const Eigen::MatrixXd& xreg_in,
                            const Eigen::MatrixXd& future_xreg, int h, const SeriesSettings& s) {
  Reasons reasons;
  std::vector<double> y = y_in;
  std::size_t first = 0;
  std::size_t filled = FillGaps(&y, &first);
  Eigen::MatrixXd xreg = xreg_in.bottomRows(xreg_in.rows() - static_cast<Eigen::Index>(first));
  // Gaps (closed periods, values left missing by --fill none) are filled as
  // the data says nothing there: recorded with the model, not a fallback.
  DemandClass dc = ClassifyDemand(y);
  SeriesResult r;
  if (y.empty() || dc.name == "none") {
    reasons.Add(y.empty() ? "no observations" : "all zeros");
    r = FinishForecast(ZeroForecast(h), Transform{}, h, s);
  } else {
    const SeriesInput input{y, xreg, future_xreg, h, s, dc};
    // Intermittent demand under auto goes to Croston/TSB, which model no
    // season: it is not adjusted.
    const bool fitted = s.model != "auto" || dc.name == "smooth" || dc.name == "erratic";
    r = fitted && NeedsSeasonalAdjustment(s)
            ? SeasonallyAdjustedForecast(input, RunLocalModel, &reasons)
            : RunLocalModel(input, &reasons);
  }
  if (!s.fourier.empty()) r.model["fourier"] = FourierText(s.fourier);
  r.demand_class = dc.name;
  if (dc.name != "none") {
    r.model["adi"] = dc.adi;
    r.model["cv2"] = dc.cv2;
  }
  if (filled > 0) r.model["missing_interpolated"] = filled;
  if (!reasons.list.empty()) {
    r.status = "fallback";
    r.reason = reasons.Join();
  }
  return r;
}

SeriesResult BenchmarkForecast(const std::vector<double>& y_in, int h, const SeriesSettings& s) {
  std::vector<double> y = y_in;
  std::size_t first = 0;
  FillGaps(&y, &first);
  if (y.empty()) return FinishForecast(ZeroForecast(h), Transform{}, h, s);
  return FinishForecast(SimpleForecast(y, std::max(1, s.season), h), Transform{}, h, s);
}

}  // namespace invplan::forecast
