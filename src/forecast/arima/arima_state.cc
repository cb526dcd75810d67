#include "forecast/arima/arima_state.h"

#include <algorithm>

namespace invplan::forecast {
namespace {

Json Numbers(const std::vector<double>& v) {
  return Json(v);
}

}  // namespace

Json ArimaStateJson(const ArimaModel& model, const ArimaFilterState& filter,
                    const std::vector<int>& xreg_columns) {
  const ArimaOrder& o = model.order;
  Json s = Json::object();
  s["order"] = std::vector<int>{o.p, o.d, o.q, o.P, o.D, o.Q, o.s};
  s["constant"] = model.include_constant;
  s["ar"] = Numbers(model.ar);
  s["ma"] = Numbers(model.ma);
  s["sar"] = Numbers(model.sar);
  s["sma"] = Numbers(model.sma);
  s["mean_or_drift"] = model.constant;
  s["xreg"] = Numbers(model.xreg_coef);
  s["xreg_columns"] = xreg_columns;
  s["sigma2"] = model.sigma2;
  s["filter"] = {{"a", filter.a}, {"P", filter.P}, {"steady", filter.steady}};
  return s;
}

ModelForecast ContinueArimaForecast(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  ArimaModel model;
  const std::vector<double> order = StateNumbers(s, "order");
  if (order.size() != 7) throw ModelFitError("model state: order needs 7 numbers");
  for (double v : order) {
    if (v < 0 || v > 1000 || v != std::floor(v)) throw ModelFitError("model state: bad order");
  }
  ArimaOrder& o = model.order;
  o.p = static_cast<int>(order[0]);
  o.d = static_cast<int>(order[1]);
  o.q = static_cast<int>(order[2]);
  o.P = static_cast<int>(order[3]);
  o.D = static_cast<int>(order[4]);
  o.Q = static_cast<int>(order[5]);
  o.s = static_cast<int>(order[6]);
  model.include_constant = StateBool(s, "constant");
  model.ar = StateNumbers(s, "ar");
  model.ma = StateNumbers(s, "ma");
  model.sar = StateNumbers(s, "sar");
  model.sma = StateNumbers(s, "sma");
  if (static_cast<int>(model.ar.size()) != o.p || static_cast<int>(model.ma.size()) != o.q ||
      static_cast<int>(model.sar.size()) != o.P || static_cast<int>(model.sma.size()) != o.Q) {
    throw ModelFitError("model state: coefficients do not match the order");
  }
  model.constant = StateNumber(s, "mean_or_drift");
  model.xreg_coef = StateNumbers(s, "xreg");
  model.sigma2 = StateNumber(s, "sigma2");
  const std::vector<double> columns = StateNumbers(s, "xreg_columns");
  if (columns.size() != model.xreg_coef.size())
    throw ModelFitError("model state: regressor columns do not match");
  Eigen::MatrixXd x(in.xreg.rows(), columns.size()), fx(in.future_xreg.rows(), columns.size());
  for (std::size_t j = 0; j < columns.size(); ++j) {
    const double c = columns[j];
    if (c < 0 || c >= static_cast<double>(in.xreg.cols()) || c != std::floor(c))
      throw ModelFitError("model state: regressor column out of range");
    x.col(static_cast<Eigen::Index>(j)) = in.xreg.col(static_cast<Eigen::Index>(c));
    fx.col(static_cast<Eigen::Index>(j)) = in.future_xreg.col(static_cast<Eigen::Index>(c));
  }
  if (!s.contains("filter") || !s["filter"].is_object())
    throw ModelFitError("model state without 'filter'");
  const Json& f = s["filter"];
  ArimaFilterState start;
  start.a = StateNumbers(f, "a");
  start.P = StateNumbers(f, "P");
  start.steady = StateBool(f, "steady");
  // The state's size must be the filter's before anything of that size is
  // allocated: a damaged artifact could name a huge seasonal order.
  const std::size_t r = static_cast<std::size_t>(std::max(o.p + o.s * o.P, o.q + o.s * o.Q + 1));
  if (start.a.size() != r || start.P.size() != r * r)
    throw ModelFitError("model state: filter state does not fit the order");

  ArimaFilterState end;
  std::vector<std::pair<double, double>> steps;
  ArimaPrediction p = ContinueArima(model, start, in.y, x, fx, in.h,
                                    static_cast<int>(in.new_periods), &end, &steps);
  for (const auto& [e, v] : steps) errors->Add(e, v);
  ModelForecast out;
  out.name = "arima";
  out.model = in.model;
  out.spec = in.model.contains("spec") && in.model["spec"].is_string()
                 ? in.model["spec"].get<std::string>()
                 : model.Spec();
  std::vector<int> cols;
  for (double c : columns) cols.push_back(static_cast<int>(c));
  out.model["state"] = ArimaStateJson(model, end, cols);
  out.mean = std::move(p.mean);
  out.se = std::move(p.se);
  out.sum_se = std::move(p.sum_se);
  return out;
}

}  // namespace invplan::forecast
