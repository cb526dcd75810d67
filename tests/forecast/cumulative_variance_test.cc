// The variance of the sum of forecast steps 1..h (ModelForecast::sum_se) per
// model: against reference numbers from R, closed forms and simulated sample
// paths of the fitted model.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <random>
#include <vector>

#include "forecast/arima/arima.h"
#include "forecast/ets/ets.h"
#include "forecast/local/baselines.h"
#include "forecast/local/intermittent.h"
#include "forecast/model_forecast.h"
#include "forecast/theta/theta.h"

namespace invplan::forecast {
namespace {

// Var(Σ_{t<=h} e_t) for h = 1..12 of ARIMA(1,1,1) with ar1 = 0.5, ma1 = 0.3,
// sigma2 = 1, and for h = 1..24 of the airline model ARIMA(0,1,1)(0,1,1)[12]
// with ma1 = -0.4, sma1 = -0.6, computed with R 4.2 (stats::ARMAtoMA on the
// full AR polynomial, differencing included):
//   cumvar <- function(ar, ma, h) {
//     psi <- c(1, ARMAtoMA(ar = ar, ma = ma, lag.max = h - 1)); cumsum(cumsum(psi)^2) }
//   cumvar(c(1.5, -0.5), 0.3, 12)
//   cumvar(c(1, rep(0, 10), 1, -1), <(1 - 0.4B)(1 - 0.6B^12) without its 1>, 24)
const double kArima111[] = {1,          8.84,       33.84,       88.6,
                            186.61,     341.6125,   567.363125,  877.5632813,
                            1285.85582, 1805.83833, 2451.077708, 3235.121458};
const double kAirline[] = {1,         3.56,     8.4,       16.24,    27.8,     43.8,
                           64.96,     92,       125.64,    166.6,    215.6,    273.36,
                           347.32,    436.4336, 542.112,   665.7664, 808.808,  972.648,
                           1158.6976, 1368.368, 1603.0704, 1864.216, 2153.216, 2471.4816};

// (1 + a1 B + ...)(1 + b1 B + ...) without the leading 1, from coefficient
// lists without their leading 1.
std::vector<double> Multiply(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> pa{1.0}, pb{1.0};
  pa.insert(pa.end(), a.begin(), a.end());
  pb.insert(pb.end(), b.begin(), b.end());
  std::vector<double> r(pa.size() + pb.size() - 1, 0.0);
  for (std::size_t i = 0; i < pa.size(); ++i)
    for (std::size_t j = 0; j < pb.size(); ++j) r[i + j] += pa[i] * pb[j];
  return std::vector<double>(r.begin() + 1, r.end());
}

// Paths of e_t = Σ phi_i e_{t-i} + a_t + Σ theta_j a_{t-j} from a known past
// (all zero) with standard normal innovations: the forecast errors of the
// model. Returns the sample variance of Σ_{t<=h} e_t for h = 1..H.
std::vector<double> SimulatedSumVariance(const std::vector<double>& phi,
                                         const std::vector<double>& theta, int H, int paths) {
  std::mt19937_64 rng(20240607);
  std::normal_distribution<double> normal;
  std::vector<double> m1(H, 0.0), m2(H, 0.0);
  std::vector<double> e(H), a(H);
  for (int path = 0; path < paths; ++path) {
    double total = 0.0;
    for (int t = 0; t < H; ++t) {
      a[t] = normal(rng);
      double v = a[t];
      for (std::size_t i = 0; i < phi.size() && static_cast<int>(i) < t; ++i) {
        v += phi[i] * e[t - 1 - i];
      }
      for (std::size_t j = 0; j < theta.size() && static_cast<int>(j) < t; ++j) {
        v += theta[j] * a[t - 1 - j];
      }
      e[t] = v;
      total += v;
      m1[t] += total;
      m2[t] += total * total;
    }
  }
  std::vector<double> var(H);
  for (int t = 0; t < H; ++t) {
    const double mean = m1[t] / paths;
    var[t] = (m2[t] / paths - mean * mean) * paths / (paths - 1.0);
  }
  return var;
}

// A series of n values from the model (all past innovations drawn): the
// history PredictArima filters before forecasting.
std::vector<double> SimulatedSeries(const std::vector<double>& phi,
                                    const std::vector<double>& theta, int n) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal;
  std::vector<double> y(n), a(n);
  for (int t = 0; t < n; ++t) {
    a[t] = normal(rng);
    double v = a[t] + 100.0 * (t == 0);
    for (std::size_t i = 0; i < phi.size() && static_cast<int>(i) < t; ++i)
      v += phi[i] * y[t - 1 - i];
    for (std::size_t j = 0; j < theta.size() && static_cast<int>(j) < t; ++j) {
      v += theta[j] * a[t - 1 - j];
    }
    y[t] = v;
  }
  return y;
}

ArimaPrediction Predict(const ArimaModel& model, const std::vector<double>& y, int h) {
  const Eigen::MatrixXd none(static_cast<Eigen::Index>(y.size()), 0), future(h, 0);
  return PredictArima(model, y, none, future, h);
}

TEST(SumVariance, PsiFormulaMatchesR) {
  // ARIMA(1,1,1): psi-weights of (1 - 0.5B)(1 - B) e = (1 + 0.3B) a.
  std::vector<double> psi{1.0}, full_ar{1.5, -0.5};
  for (int j = 1; j < 12; ++j) {
    double v = j == 1 ? 0.3 : 0.0;
    for (int i = 1; i <= 2 && i <= j; ++i) v += full_ar[i - 1] * psi[j - i];
    psi.push_back(v);
  }
  const std::vector<double> se = PsiSumSe(psi, 2.0);
  for (int h = 0; h < 12; ++h) EXPECT_NEAR(se[h] * se[h], 2.0 * kArima111[h], 1e-6 * kArima111[h]);
}

TEST(SumVariance, ArimaSumsAreTheCorrelatedOnes) {
  ArimaModel model;
  model.order = ArimaOrder{1, 1, 1, 0, 0, 0, 1};
  model.ar = {0.5};
  model.ma = {0.3};
  model.sigma2 = 2.5;
  const std::vector<double> y = SimulatedSeries({1.5, -0.5}, {0.3}, 300);
  const ArimaPrediction p = Predict(model, y, 12);
  ASSERT_EQ(p.sum_se.size(), 12u);
  double independent = 0.0;
  for (int h = 0; h < 12; ++h) {
    // R's numbers (a known state after 300 observations).
    EXPECT_NEAR(p.sum_se[h] * p.sum_se[h], 2.5 * kArima111[h], 1e-4 * 2.5 * kArima111[h]) << h;
    independent += p.se[h] * p.se[h];
  }
  // Twelve steps of an integrated series: the sum is far wider than the
  // independent sum of the step variances.
  EXPECT_GT(p.sum_se[11] * p.sum_se[11], 3.0 * independent);
  // 20000 simulated sample paths of the fitted model.
  const std::vector<double> sim = SimulatedSumVariance({1.5, -0.5}, {0.3}, 12, 20000);
  for (int h = 0; h < 12; ++h) {
    EXPECT_NEAR(p.sum_se[h] * p.sum_se[h] / 2.5, sim[h], 0.03 * sim[h]) << h;
  }
}

TEST(SumVariance, AirlineModel) {
  ArimaModel model;
  model.order = ArimaOrder{0, 1, 1, 0, 1, 1, 12};
  model.ma = {-0.4};
  model.sma = {-0.6};
  model.sigma2 = 1.0;
  const std::vector<double> ar{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, -1};
  const std::vector<double> ma = Multiply({-0.4}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.6});
  const std::vector<double> y = SimulatedSeries(ar, ma, 360);
  const ArimaPrediction p = Predict(model, y, 24);
  ASSERT_EQ(p.sum_se.size(), 24u);
  const std::vector<double> sim = SimulatedSumVariance(ar, ma, 24, 20000);
  for (int h = 0; h < 24; ++h) {
    const double v = p.sum_se[h] * p.sum_se[h];
    EXPECT_NEAR(v, kAirline[h], 1e-3 * kAirline[h]) << h;
    EXPECT_NEAR(v, sim[h], 0.03 * sim[h]) << h;
  }
}

TEST(SumVariance, EtsAdditiveAgainstSimulation) {
  EtsModel fit;
  fit.spec =
      EtsSpec{EtsComponent::kAdditive, EtsComponent::kAdditive, true, EtsComponent::kAdditive};
  fit.m = 4;
  fit.par = EtsParams{0.4, 0.1, 0.2, 0.9};
  fit.state = {50.0, 1.0, 3.0, -1.0, -4.0, 2.0};
  fit.sigma2 = 4.0;
  const int H = 10;
  const EtsPrediction p = PredictEts(fit, H);
  ASSERT_EQ(p.sum_se.size(), static_cast<std::size_t>(H));
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0.0, 2.0);
  const int paths = 20000;
  std::vector<double> m1(H, 0.0), m2(H, 0.0);
  for (int path = 0; path < paths; ++path) {
    std::vector<double> x = fit.state;
    double total = 0.0;
    for (int t = 0; t < H; ++t) {
      const double y = detail::EtsOneStep(fit.spec, fit.m, fit.par, x) + normal(rng);
      detail::EtsUpdate(fit.spec, fit.m, fit.par, y, &x);
      total += y;
      m1[t] += total;
      m2[t] += total * total;
    }
  }
  double independent = 0.0;
  for (int t = 0; t < H; ++t) {
    const double mean = m1[t] / paths, var = m2[t] / paths - mean * mean;
    EXPECT_NEAR(p.sum_se[t] * p.sum_se[t], var, 0.03 * var) << t;
    independent += p.se[t] * p.se[t];
  }
  EXPECT_GT(p.sum_se[H - 1] * p.sum_se[H - 1], 1.5 * independent);
}

TEST(SumVariance, MultiplicativeEtsWidensByTheSimulatedPaths) {
  EtsModel fit;
  fit.spec =
      EtsSpec{EtsComponent::kMultiplicative, EtsComponent::kNone, false, EtsComponent::kNone};
  fit.par = EtsParams{0.5, 0, 0, 1};
  fit.state = {100.0};
  fit.sigma2 = 0.01;
  const EtsPrediction p = PredictEts(fit, 6);
  ASSERT_EQ(p.sum_se.size(), 6u);
  // A level model: errors persist (alpha = 0.5), so the sum widens.
  double independent = 0.0;
  for (int t = 0; t < 6; ++t) independent += p.se[t] * p.se[t];
  EXPECT_NEAR(p.sum_se[0], p.se[0], 1e-9 * p.se[0]);
  EXPECT_GT(p.sum_se[5] * p.sum_se[5], 1.5 * independent);
  // Linearised: ψ_j = alpha, Var ≈ σ²μ² Σ (1 + k alpha)² = 100·(1 + 2.25 + 4 + 6.25 + 9 + 12.25).
  EXPECT_NEAR(p.sum_se[5] * p.sum_se[5], 3475.0, 0.06 * 3475.0);
}

TEST(SumVariance, BaselinesClosedForms) {
  const std::vector<double> y{3, 5, 4, 6, 8, 7};
  const ModelForecast naive = NaiveForecast(y, 3);
  const double s2 = naive.se[0] * naive.se[0];
  // Random walk: Var(e1 + e2 + e3) = σ²(1 + 4 + 9).
  EXPECT_NEAR(naive.sum_se[2] * naive.sum_se[2], 14.0 * s2, 1e-9);
  const ModelForecast snaive = SeasonalNaiveForecast(y, 2, 4);
  const double m2 = snaive.se[0] * snaive.se[0];
  // Cumulated weights 1, 1, 2, 2.
  EXPECT_NEAR(snaive.sum_se[3] * snaive.sum_se[3], 10.0 * m2, 1e-9);
  const ModelForecast mean = MeanForecast(y, 4);
  const double sm = mean.model["sigma2"].get<double>();
  EXPECT_NEAR(mean.sum_se[3] * mean.sum_se[3], sm * (4.0 + 16.0 / 6.0), 1e-9);
  const ModelForecast drift = DriftForecast(y, 2);
  const double sd = drift.model["sigma2"].get<double>();
  EXPECT_NEAR(drift.sum_se[1] * drift.sum_se[1], sd * (5.0 + 9.0 / 6.0), 1e-9);
  // One step: its own variance.
  for (const ModelForecast* f : {&naive, &snaive, &mean, &drift}) {
    EXPECT_NEAR(f->sum_se[0], f->se[0], 1e-12) << f->name;
  }
}

TEST(SumVariance, ThetaUsesTheSesWeights) {
  std::vector<double> y;
  for (int t = 0; t < 40; ++t) y.push_back(20.0 + 0.3 * t + std::sin(1.7 * t * t) * 3.0);
  const ModelForecast f = ThetaForecast(y, 1, 5);
  const double alpha = f.model["alpha"].get<double>(), s2 = f.model["sigma2"].get<double>();
  double v = 0.0;
  for (int k = 0; k < 5; ++k) v += (1.0 + k * alpha) * (1.0 + k * alpha);
  EXPECT_NEAR(f.sum_se[4] * f.sum_se[4], s2 * v, 1e-9 * s2 * v);
}

TEST(SumVariance, CrostonAndTsbKeepIndependentPeriods) {
  const std::vector<double> y{0, 3, 0, 0, 2, 0, 4, 0, 0, 1, 0, 3};
  EXPECT_TRUE(CrostonForecast(y, 4, CrostonVariant::kSba, 0.2).sum_se.empty());
  EXPECT_TRUE(TsbForecast(y, 3, 0.1, 0.3).sum_se.empty());
}

TEST(SumVariance, WideningOfIndependentAndCorrelatedSteps) {
  ModelForecast f;
  f.se = {1.0, 2.0, 3.0};
  EXPECT_EQ(SumWidening(f), std::vector<double>({1.0, 1.0, 1.0}));
  f.sum_se = {1.0, 3.0, 6.0};
  const std::vector<double> w = SumWidening(f);
  EXPECT_DOUBLE_EQ(w[1], 9.0 / 5.0);
  EXPECT_DOUBLE_EQ(w[2], 36.0 / 14.0);
}

}  // namespace
}  // namespace invplan::forecast
