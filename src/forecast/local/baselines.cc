#include "forecast/local/baselines.h"

#include <cmath>
#include <string>

#include "forecast/fit_error.h"

namespace invplan::forecast {
namespace {

void Check(bool ok, const std::string& what) {
  if (!ok) throw ModelFitError(what);
}

}  // namespace

ModelForecast MeanForecast(const std::vector<double>& y, int h) {
  const std::size_t n = y.size();
  Check(n >= 1, "mean: empty series");
  MeanState st;
  st.n = n;
  for (double v : y) {
    st.sum += v;
    st.sum_squares += v * v;
  }
  double mean = st.sum / static_cast<double>(n);
  double ss = 0;
  for (double v : y) ss += (v - mean) * (v - mean);
  return MeanFromState(st, ss, h);
}

ModelForecast MeanFromState(const MeanState& st, double ss, int h) {
  const std::size_t n = st.n;
  Check(n >= 1, "mean: empty series");
  const double mean = st.sum / static_cast<double>(n);
  // With one observation there is no spread to estimate: a zero-width interval.
  double s = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
  ModelForecast f;
  f.name = "mean";
  f.spec = "Mean";
  f.model = {{"mean", mean}, {"sigma2", s * s}};
  f.model["state"] = {{"n", n}, {"sum", st.sum}, {"sum_squares", st.sum_squares}};
  f.mean.assign(h, mean);
  f.se.assign(h, s * std::sqrt(1.0 + 1.0 / static_cast<double>(n)));
  // The estimated mean's error is shared by every step: Var(Σ) = s²(h + h²/n).
  for (int i = 1; i <= h; ++i) {
    f.sum_se.push_back(s * std::sqrt(i + static_cast<double>(i) * i / static_cast<double>(n)));
  }
  return f;
}

ModelForecast NaiveForecast(const std::vector<double>& y, int h) {
  const std::size_t n = y.size();
  Check(n >= 2, "naive: needs at least 2 observations");
  double ss = 0;
  for (std::size_t t = 1; t < n; ++t) ss += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
  return NaiveFromState(y.back(), ss, n - 1, h);
}

ModelForecast NaiveFromState(double last, double squares, std::size_t count, int h) {
  Check(count >= 1, "naive: needs at least 2 observations");
  double sigma2 = squares / static_cast<double>(count);
  ModelForecast f;
  f.name = "naive";
  f.spec = "Naive";
  f.model = {{"sigma2", sigma2}};
  f.model["state"] = {{"last", last}, {"squares", squares}, {"count", count}};
  for (int i = 1; i <= h; ++i) {
    f.mean.push_back(last);
    f.se.push_back(std::sqrt(sigma2 * i));
  }
  // A random walk: every innovation stays in all later steps (ψ_j = 1).
  f.sum_se = PsiSumSe(std::vector<double>(h, 1.0), sigma2);
  return f;
}

ModelForecast SeasonalNaiveForecast(const std::vector<double>& y, int m, int h) {
  const std::size_t n = y.size();
  Check(m >= 1, "snaive: season must be >= 1");
  Check(n > static_cast<std::size_t>(m),
        "snaive: needs more than one season (" + std::to_string(m) + ") of observations");
  double ss = 0;
  for (std::size_t t = m; t < n; ++t) ss += (y[t] - y[t - m]) * (y[t] - y[t - m]);
  return SeasonalNaiveFromState(std::vector<double>(y.end() - m, y.end()), ss, n - m, h);
}

ModelForecast SeasonalNaiveFromState(const std::vector<double>& last_season, double squares,
                                     std::size_t count, int h) {
  const int m = static_cast<int>(last_season.size());
  Check(m >= 1 && count >= 1, "snaive: needs more than one season of observations");
  double sigma2 = squares / static_cast<double>(count);
  ModelForecast f;
  f.name = "snaive";
  f.spec = "Seasonal naive[" + std::to_string(m) + "]";
  f.model = {{"season", m}, {"sigma2", sigma2}};
  f.model["state"] = {
      {"season", m}, {"last_season", last_season}, {"squares", squares}, {"count", count}};
  for (int i = 1; i <= h; ++i) {
    int k = (i - 1) / m;
    // The value one, two, ... seasons back from the forecast period.
    f.mean.push_back(last_season[(i - 1) % m]);
    f.se.push_back(std::sqrt(sigma2 * (k + 1)));
  }
  // A seasonal random walk: an innovation returns every m periods.
  std::vector<double> psi(h, 0.0);
  for (int j = 0; j < h; j += m) psi[j] = 1.0;
  f.sum_se = PsiSumSe(psi, sigma2);
  return f;
}

ModelForecast DriftForecast(const std::vector<double>& y, int h) {
  const std::size_t n = y.size();
  Check(n >= 3, "drift: needs at least 3 observations");
  double b = (y.back() - y.front()) / static_cast<double>(n - 1);
  double ss = 0, d2 = 0;
  for (std::size_t t = 1; t < n; ++t) {
    double e = y[t] - y[t - 1] - b;
    ss += e * e;
    d2 += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
  }
  return DriftFromState(DriftState{y.front(), y.back(), n, d2}, ss, h);
}

ModelForecast DriftFromState(const DriftState& st, double ss, int h) {
  const std::size_t n = st.n;
  Check(n >= 3, "drift: needs at least 3 observations");
  double b = (st.last - st.first) / static_cast<double>(n - 1);
  double sigma2 = ss / static_cast<double>(n - 2);
  ModelForecast f;
  f.name = "drift";
  f.spec = "Drift";
  f.model = {{"drift", b}, {"sigma2", sigma2}};
  f.model["state"] = {
      {"first", st.first}, {"last", st.last}, {"n", n}, {"diff_squares", st.diff_squares}};
  const double T = static_cast<double>(n);
  for (int i = 1; i <= h; ++i) {
    f.mean.push_back(st.last + i * b);
    f.se.push_back(std::sqrt(sigma2 * i * (1.0 + i / T)));
  }
  // The random walk's sum plus the estimated drift's error (variance σ²/T),
  // which step i carries i times.
  double walk = 0.0;
  for (int i = 1; i <= h; ++i) {
    walk += static_cast<double>(i) * i;
    const double steps = 0.5 * i * (i + 1.0);
    f.sum_se.push_back(std::sqrt(sigma2 * (walk + steps * steps / T)));
  }
  return f;
}

}  // namespace invplan::forecast
