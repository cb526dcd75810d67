#include "forecast/local/local_state.h"

#include "forecast/local/baselines.h"
#include "forecast/local/intermittent.h"

namespace invplan::forecast {
namespace {

std::size_t Count(const Json& s, const char* key) {
  const int v = StateInt(s, key);
  if (v < 0) throw ModelFitError(std::string("model state '") + key + "' negative");
  return static_cast<std::size_t>(v);
}

// The new values: the last new_periods of the history.
std::vector<double> NewValues(const StateInput& in) {
  if (in.new_periods > in.y.size()) throw ModelFitError("more new periods than history");
  return std::vector<double>(in.y.end() - static_cast<std::ptrdiff_t>(in.new_periods), in.y.end());
}

ModelForecast Naive(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  double last = StateNumber(s, "last"), squares = StateNumber(s, "squares");
  std::size_t count = Count(s, "count");
  const double sigma2 = count > 0 ? squares / static_cast<double>(count) : 0.0;
  for (double v : NewValues(in)) {
    errors->Add(v - last, sigma2);
    squares += (v - last) * (v - last);
    ++count;
    last = v;
  }
  return NaiveFromState(last, squares, count, in.h);
}

ModelForecast SeasonalNaive(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  std::vector<double> season = StateNumbers(s, "last_season");
  double squares = StateNumber(s, "squares");
  std::size_t count = Count(s, "count");
  const std::size_t m = season.size();
  if (m == 0) throw ModelFitError("model state: empty season");
  const double sigma2 = count > 0 ? squares / static_cast<double>(count) : 0.0;
  // season[j] is the value m - j periods back; a ring would save the shift,
  // but m is small and the new periods few.
  for (double v : NewValues(in)) {
    const double e = v - season.front();
    errors->Add(e, sigma2);
    squares += e * e;
    ++count;
    season.erase(season.begin());
    season.push_back(v);
  }
  return SeasonalNaiveFromState(season, squares, count, in.h);
}

ModelForecast Mean(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  MeanState st;
  st.n = Count(s, "n");
  st.sum = StateNumber(s, "sum");
  st.sum_squares = StateNumber(s, "sum_squares");
  if (st.n == 0) throw ModelFitError("model state: no observations");
  const double n0 = static_cast<double>(st.n), mean0 = st.sum / n0;
  const double s2 = st.n > 1 ? std::max(0.0, st.sum_squares - n0 * mean0 * mean0) / (n0 - 1) : 0.0;
  for (double v : NewValues(in)) {
    errors->Add(v - mean0, s2 * (1.0 + 1.0 / n0));
    st.sum += v;
    st.sum_squares += v * v;
    ++st.n;
  }
  const double n = static_cast<double>(st.n), mean = st.sum / n;
  return MeanFromState(st, std::max(0.0, st.sum_squares - n * mean * mean), in.h);
}

ModelForecast Drift(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  DriftState st;
  st.first = StateNumber(s, "first");
  st.last = StateNumber(s, "last");
  st.n = Count(s, "n");
  st.diff_squares = StateNumber(s, "diff_squares");
  if (st.n < 3) throw ModelFitError("model state: drift needs 3 observations");
  // sum (d_t - b)^2 = sum d_t^2 - (n-1) b^2, as sum d_t = (n-1) b.
  auto ss = [](const DriftState& d) {
    const double k = static_cast<double>(d.n - 1), b = (d.last - d.first) / k;
    return std::max(0.0, d.diff_squares - k * b * b);
  };
  const double b0 = (st.last - st.first) / static_cast<double>(st.n - 1);
  const double T0 = static_cast<double>(st.n);
  const double sigma2 = ss(st) / (T0 - 2);
  for (double v : NewValues(in)) {
    errors->Add(v - st.last - b0, sigma2 * (1.0 + 1.0 / T0));
    st.diff_squares += (v - st.last) * (v - st.last);
    st.last = v;
    ++st.n;
  }
  return DriftFromState(st, ss(st), in.h);
}

ModelForecast Croston(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  CrostonState st;
  st.alpha = StateNumber(s, "alpha");
  st.factor = StateNumber(s, "factor");
  st.z = StateNumber(s, "size");
  st.p = StateNumber(s, "interval");
  st.since = Count(s, "since");
  st.sse = StateNumber(s, "sse");
  st.errors = Count(s, "errors");
  st.sba = !s.contains("sba") || s["sba"] != false;
  if (!(st.p > 0)) throw ModelFitError("model state: interval not positive");
  const double sigma2 =
      st.errors > 0 ? st.sse / static_cast<double>(st.errors) : st.factor * st.z / st.p;
  for (double v : NewValues(in)) errors->Add(CrostonStep(v, &st), sigma2);
  return CrostonFromState(st, in.h);
}

ModelForecast Tsb(const StateInput& in, OneStepErrors* errors) {
  const Json& s = ModelState(in.model);
  TsbState st;
  st.alpha = StateNumber(s, "alpha");
  st.beta = StateNumber(s, "beta");
  st.prob = StateNumber(s, "probability");
  st.z = StateNumber(s, "size");
  st.sse = StateNumber(s, "sse");
  st.errors = Count(s, "errors");
  const double sigma2 = st.errors > 0 ? st.sse / static_cast<double>(st.errors) : st.prob * st.z;
  for (double v : NewValues(in)) errors->Add(TsbStep(v, &st), sigma2);
  return TsbFromState(st, in.h);
}

}  // namespace

bool IsContinuableLocal(const std::string& name) {
  return name == "naive" || name == "snaive" || name == "mean" || name == "drift" ||
         name == "croston" || name == "tsb";
}

ModelForecast ContinueLocalForecast(const std::string& name, const StateInput& in,
                                    OneStepErrors* errors) {
  if (name == "naive") return Naive(in, errors);
  if (name == "snaive") return SeasonalNaive(in, errors);
  if (name == "mean") return Mean(in, errors);
  if (name == "drift") return Drift(in, errors);
  if (name == "croston") return Croston(in, errors);
  if (name == "tsb") return Tsb(in, errors);
  throw ModelFitError("model " + name + " has no state to continue");
}

}  // namespace invplan::forecast
