// Multiple seasonality: Fourier terms (seasonal/fourier.h), MSTL
// (seasonal/mstl.h) and the seasonal adjustment around a model
// (seasonal/seasonal_series.h).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "forecast/seasonal/fourier.h"
#include "forecast/seasonal/mstl.h"
#include "forecast/seasonal/seasonal_series.h"
#include "forecast/series_forecaster.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

double Correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

// Trend + weekly + yearly cycles (+ deterministic noise), t = 0..n-1: the
// parts separately, for the decomposition to be compared with.
struct TwoSeasons {
  std::vector<double> y, trend, weekly, yearly;
};

TwoSeasons MakeTwoSeasons(int n, bool peak = true) {
  TwoSeasons s;
  for (int t = 0; t < n; ++t) {
    s.trend.push_back(200 + 0.05 * t);
    s.weekly.push_back(15 * std::sin(2 * M_PI * t / 7) + 6 * std::cos(4 * M_PI * t / 7));
    // A yearly cycle with a sharp peak in the last weeks of each year.
    const double phase = std::fmod(t, 365.0) / 365.0;
    // A yearly cycle with (peak) a sharp rise in the last weeks of each year,
    // else two harmonics that Fourier terms hold exactly.
    s.yearly.push_back(peak ? 25 * std::cos(2 * M_PI * phase) +
                                  40 * std::exp(-std::pow((phase - 0.96) / 0.03, 2))
                            : 25 * std::cos(2 * M_PI * phase) + 12 * std::sin(4 * M_PI * phase));
    s.y.push_back(s.trend.back() + s.weekly.back() + s.yearly.back() +
                  3 * std::sin(1.3 * t * t + 0.7));
  }
  return s;
}

std::vector<double> Take(const std::vector<double>& v, std::size_t from, std::size_t count) {
  return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(from),
                             v.begin() + static_cast<std::ptrdiff_t>(from + count));
}

TEST(Fourier, TermsAtKnownPositions) {
  const std::vector<FourierPeriod> p{{8.0, 2}};
  // Period 8, K 2: S1, C1, S2, C2.
  EXPECT_EQ(FourierNames(p), (std::vector<std::string>{"S1-8", "C1-8", "S2-8", "C2-8"}));
  const Eigen::MatrixXd x = FourierTerms(p, 0, 9);
  ASSERT_EQ(x.cols(), 4);
  EXPECT_NEAR(x(0, 0), 0.0, 1e-12);
  EXPECT_NEAR(x(0, 1), 1.0, 1e-12);
  EXPECT_NEAR(x(2, 0), 1.0, 1e-12);  // a quarter period: sin = 1, cos = 0
  EXPECT_NEAR(x(2, 1), 0.0, 1e-12);
  EXPECT_NEAR(x(2, 2), 0.0, 1e-12);  // second harmonic at half its period
  EXPECT_NEAR(x(2, 3), -1.0, 1e-12);
  EXPECT_NEAR(x(8, 1), 1.0, 1e-12);  // a full period later
  // A fractional period at a date index far from the origin.
  const std::vector<FourierPeriod> year{{365.25, 3}};
  const Eigen::MatrixXd y = FourierTerms(year, 20000, 2);
  for (int k = 1; k <= 3; ++k) {
    EXPECT_NEAR(y(1, 2 * (k - 1)), std::sin(2 * M_PI * k * 20001.0 / 365.25), 1e-9);
    EXPECT_NEAR(y(1, 2 * (k - 1) + 1), std::cos(2 * M_PI * k * 20001.0 / 365.25), 1e-9);
  }
}

TEST(Fourier, HistoryAndHorizonJoinAndDoNotDependOnTheStart) {
  const std::vector<FourierPeriod> p{{365.25, 4}, {7.0, 2}};
  const std::int64_t first = 19000;
  const Eigen::MatrixXd whole = FourierTerms(p, first, 400);
  const Eigen::MatrixXd history = FourierTerms(p, first, 372);
  const Eigen::MatrixXd horizon = FourierTerms(p, first + 372, 28);
  EXPECT_TRUE(whole.topRows(372).isApprox(history, 1e-12));
  EXPECT_LT((whole.bottomRows(28) - horizon).cwiseAbs().maxCoeff(), 1e-12);
  // A history that starts later (a nightly rerun with a window) has the same
  // terms for the same dates.
  const Eigen::MatrixXd later = FourierTerms(p, first + 100, 300);
  EXPECT_LT((whole.bottomRows(300) - later).cwiseAbs().maxCoeff(), 1e-12);
  // Consecutive days move smoothly: one step of the slowest harmonic.
  EXPECT_LT(std::abs(horizon(0, 0) - history(371, 0)), 2 * M_PI / 365.25 + 1e-9);
}

TEST(Fourier, HalfPeriodSineIsLeftOut) {
  const std::vector<FourierPeriod> p{{4.0, 2}};
  EXPECT_EQ(FourierNames(p), (std::vector<std::string>{"S1-4", "C1-4", "C2-4"}));
  const Eigen::MatrixXd x = FourierTerms(p, 0, 4);
  EXPECT_NEAR(x(1, 2), -1.0, 1e-12);  // cos(pi t) alternates
}

TEST(Fourier, BadSpecificationsAreUsageErrors) {
  auto kind = [](const std::string& text) {
    try {
      ParseFourier(text);
    } catch (const Error& e) {
      return std::string(e.kind() == ErrorKind::kUsage ? "usage: " : "other: ") + e.what();
    }
    return std::string("accepted");
  };
  EXPECT_NE(kind("365.25").find("usage: --fourier: expected PERIOD:K"), std::string::npos)
      << kind("365.25");
  EXPECT_NE(kind("0:4").find("the period must be a number above 1"), std::string::npos);
  EXPECT_NE(kind("7:4").find("K must be at most P/2 = 3.5"), std::string::npos);
  EXPECT_NE(kind("365.25:0").find("K must be at least 1"), std::string::npos);
  EXPECT_NE(kind("365.25:2.5").find("whole K"), std::string::npos);
  EXPECT_NE(kind("7:2,7:3").find("given twice"), std::string::npos);
  EXPECT_EQ(kind("365.25:4,7:3"), "accepted");
  EXPECT_EQ(FourierText(ParseFourier("365.25:4,7:3")), "365.25:4,7:3");
}

TEST(Mstl, RecoversWeeklyYearlyAndTrend) {
  const TwoSeasons s = MakeTwoSeasons(3 * 365);
  const MstlResult d = Mstl(s.y, {365, 7});
  ASSERT_EQ(d.periods, (std::vector<int>{7, 365}));
  EXPECT_GT(Correlation(d.seasonal[0], s.weekly), 0.95);
  EXPECT_GT(Correlation(d.seasonal[1], s.yearly), 0.95);
  EXPECT_GT(Correlation(d.trend, s.trend), 0.95);
  for (std::size_t t = 0; t < s.y.size(); ++t) {
    ASSERT_NEAR(d.adjusted[t], s.y[t] - d.seasonal[0][t] - d.seasonal[1][t], 1e-9);
  }
}

TEST(Mstl, SkipsPeriodsTheHistoryCannotHold) {
  EXPECT_EQ(UsablePeriods({7, 365}, 730), (std::vector<int>{7}));  // needs n > 2 P
  EXPECT_EQ(UsablePeriods({365, 7, 7}, 731), (std::vector<int>{7, 365}));
  const TwoSeasons s = MakeTwoSeasons(10);
  const MstlResult d = Mstl(s.y, {7});
  EXPECT_TRUE(d.periods.empty());
  EXPECT_EQ(d.adjusted, s.y);
  // The seasonal forecast repeats each component's last cycle.
  const TwoSeasons long_series = MakeTwoSeasons(100);
  const MstlResult w = Mstl(long_series.y, {7});
  const std::vector<double> f = SeasonalForecast(w, 15);
  for (int i = 0; i < 15; ++i) EXPECT_DOUBLE_EQ(f[i], w.seasonal[0][100 - 7 + i % 7]);
}

SeriesSettings ArimaSettings() {
  SeriesSettings s;
  s.model = "arima";
  s.season = 7;
  return s;
}

SeriesResult FitWithTerms(const std::vector<double>& y, int h, const SeriesSettings& s,
                          std::int64_t first = 0) {
  const Eigen::MatrixXd x = FourierTerms(s.fourier, first, y.size());
  const Eigen::MatrixXd fx =
      FourierTerms(s.fourier, first + static_cast<std::int64_t>(y.size()), h);
  return ForecastSeries(y, x, fx, h, s);
}

double Mae(const std::vector<double>& f, const std::vector<double>& a) {
  double e = 0;
  for (std::size_t i = 0; i < f.size(); ++i) e += std::abs(f[i] - a[i]);
  return e / static_cast<double>(f.size());
}

// The last 28 days fall on the year-end peak: the weekly model alone misses it.
TEST(SeasonalSeries, MstlBeatsTheWeeklyModelAtTheYearEnd) {
  const int n = 3 * 365, h = 28;
  const TwoSeasons s = MakeTwoSeasons(n);
  const std::vector<double> train = Take(s.y, 0, n - h), test = Take(s.y, n - h, h);
  SeriesSettings mstl = ArimaSettings();
  mstl.decompose_mstl = true;
  mstl.seasonal_periods = {7, 365};
  const SeriesResult weekly = FitWithTerms(train, h, ArimaSettings());
  const SeriesResult both = FitWithTerms(train, h, mstl);
  EXPECT_EQ(both.model["decomposition"]["method"], "mstl");
  EXPECT_EQ(both.model["decomposition"]["periods"], Json::array({7, 365}));
  EXPECT_EQ(both.spec.rfind("MSTL(7,365) + ARIMA", 0), 0u) << both.spec;
  EXPECT_FALSE(both.model.contains("state"));  // --update-from refits
  EXPECT_LT(Mae(both.mean, test), 0.6 * Mae(weekly.mean, test))
      << Mae(both.mean, test) << " vs " << Mae(weekly.mean, test);
  // Intervals come from the adjusted model, around the re-seasonalised mean.
  for (int i = 0; i < h; ++i) {
    EXPECT_LE(both.lo[1][i], both.mean[i]);
    EXPECT_GE(both.hi[1][i], both.mean[i]);
  }
}

TEST(SeasonalSeries, FourierTermsAreArimaRegressorsOrRemovedBeforeEts) {
  const int n = 3 * 365 - 60, h = 28;
  const TwoSeasons s = MakeTwoSeasons(n, false);
  const std::vector<double> train = Take(s.y, 0, n - h), test = Take(s.y, n - h, h);
  SeriesSettings ets;
  ets.model = "ets";
  ets.season = 7;
  SeriesSettings fourier_ets = ets;
  fourier_ets.fourier = {{365.0, 2}};
  fourier_ets.fourier_columns = 4;
  const SeriesResult plain = FitWithTerms(train, h, ets);
  const SeriesResult with = FitWithTerms(train, h, fourier_ets);
  EXPECT_EQ(with.model["decomposition"]["method"], "fourier_regression");
  EXPECT_EQ(with.model["decomposition"]["coefficients"].size(), 4u);
  EXPECT_EQ(with.model["fourier"], "365:2");
  EXPECT_LT(Mae(with.mean, test), 0.8 * Mae(plain.mean, test))
      << Mae(with.mean, test) << " vs " << Mae(plain.mean, test);
  // ARIMA takes them as regressors: named coefficients, no decomposition.
  SeriesSettings arima = ArimaSettings();
  arima.fourier = {{365.25, 2}};
  arima.fourier_columns = 4;
  arima.fourier_as_regressors = true;
  arima.regressor_names = FourierNames(arima.fourier);
  const SeriesResult r = FitWithTerms(train, h, arima);
  EXPECT_FALSE(r.model.contains("decomposition"));
  EXPECT_TRUE(r.model["coefficients"].contains("S1-365.25")) << r.model.dump();
  EXPECT_TRUE(r.model["coefficients"].contains("C2-365.25"));
}

TEST(SeasonalSeries, WorksWithTransformAndShortOrConstantHistories) {
  const TwoSeasons s = MakeTwoSeasons(3 * 365);
  SeriesSettings mstl = ArimaSettings();
  mstl.model = "theta";
  mstl.decompose_mstl = true;
  mstl.seasonal_periods = {7, 365};
  ASSERT_TRUE(ParseTransform("log", &mstl.transform));
  const SeriesResult r = FitWithTerms(s.y, 28, mstl);
  EXPECT_EQ(r.status, "ok") << r.reason;
  EXPECT_EQ(r.model["transform"]["name"], "log") << r.model.dump();
  for (double m : r.mean) EXPECT_GT(m, 100.0);
  // 200 days: only the week.
  const SeriesResult shorter = FitWithTerms(Take(s.y, 0, 200), 14, mstl);
  EXPECT_EQ(shorter.model["decomposition"]["periods"], Json::array({7}));
  // 10 days: nothing to remove, the model runs on the series as it is.
  const SeriesResult tiny = FitWithTerms(Take(s.y, 0, 10), 5, mstl);
  EXPECT_TRUE(tiny.model["decomposition"].contains("note"));
  EXPECT_EQ(tiny.mean.size(), 5u);
  const SeriesResult flat = FitWithTerms(std::vector<double>(400, 5.0), 7, mstl);
  for (double m : flat.mean) EXPECT_DOUBLE_EQ(m, 5.0);
}

TEST(SeasonalSeries, SameInputSameForecast) {
  const TwoSeasons s = MakeTwoSeasons(800);
  SeriesSettings mstl = ArimaSettings();
  mstl.decompose_mstl = true;
  mstl.seasonal_periods = {7, 365};
  const SeriesResult a = FitWithTerms(s.y, 28, mstl), b = FitWithTerms(s.y, 28, mstl);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.hi, b.hi);
}

TEST(SeasonalPeriods, ParsedAndChecked) {
  EXPECT_EQ(ParseSeasonalPeriods("7,365"), (std::vector<int>{7, 365}));
  EXPECT_THROW(ParseSeasonalPeriods("1"), Error);
  EXPECT_THROW(ParseSeasonalPeriods("7.5"), Error);
  EXPECT_EQ(SeasonalPeriodsText({7, 365}), "7,365");
}

}  // namespace
}  // namespace invplan::forecast
