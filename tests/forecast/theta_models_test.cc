// The Theta models of Fiorucci et al. (2016) (theta_models.h): recursions on
// hand-checkable series, R's forecTheta on AirPassengers, the fits, auto's
// record and the continuation from the model state.
#include "forecast/theta/theta_models.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ets_test_data.h"
#include "forecast/theta/theta.h"
#include "forecast/theta/theta_state.h"

namespace invplan::forecast {
namespace {

std::vector<double> Wiggly(int n) {
  std::vector<double> y;
  for (int t = 0; t < n; ++t) y.push_back(50 + 0.8 * t + 6 * std::sin(1.7 * t * t + 0.3));
  return y;
}

// DSTM's A_t, B_t after t values are the least-squares line of those values.
TEST(ThetaModels, DynamicLineIsTheLeastSquaresLineOfThePrefix) {
  const std::vector<double> y = Wiggly(15);
  ThetaModelState s = ThetaModelStart(y, 0.3, 2.0, 20.0, true);
  for (int t = 1; t <= 15; ++t) {
    ThetaModelStep(&s, y[t - 1]);
    if (t < 2) continue;
    const std::vector<double> prefix(y.begin(), y.begin() + t);
    const ThetaModelState line = ThetaModelStart(prefix, 0.3, 2.0, 0.0, false);
    EXPECT_NEAR(s.b, line.b, 1e-9) << "t " << t;
    EXPECT_NEAR(s.a, line.a, 1e-9) << "t " << t;
  }
  // Three points on a line: intercept and slope exactly.
  ThetaModelState d = ThetaModelStart({}, 0.5, 2.0, 0.0, true);
  for (double v : {4.0, 6.0, 8.0}) ThetaModelStep(&d, v);
  EXPECT_DOUBLE_EQ(d.b, 2.0);
  EXPECT_DOUBLE_EQ(d.a, 2.0);
}

// The static model with theta = 2, alpha = 0.5 and l_0 = y_1 / 2 against R's
// forecTheta: stm(AirPassengers, s = FALSE, estimation = FALSE, h = 5).
TEST(ThetaModels, StandardModelMatchesForecTheta) {
  const std::vector<double>& y = testdata::kAirPassengers;
  ThetaModelState s = ThetaModelStart(y, 0.5, 2.0, y[0] / 2, false);
  std::vector<double> fitted;
  for (double v : y) fitted.push_back(ThetaModelStep(&s, v));
  EXPECT_NEAR(fitted[0], 101.1550, 1e-3);
  EXPECT_NEAR(fitted[1], 107.9061, 1e-3);
  EXPECT_NEAR(fitted.back(), 449.1692, 1e-3);
  const std::vector<double> want{441.9132, 443.2418, 444.5704, 445.8990, 447.2276};
  for (int k = 0; k < 5; ++k) EXPECT_NEAR(ThetaModelMean(s, k + 1), want[k], 1e-3);
  // The static models' errors are SES's: se_k = sigma sqrt(1 + (k-1) alpha^2).
  const ModelForecast f = ThetaModelForecast(s, 4.0, 5, {}, 1);
  for (int k = 0; k < 5; ++k) {
    EXPECT_NEAR(f.se[k], 2.0 * std::sqrt(1.0 + k * 0.25), 1e-9);
    EXPECT_NEAR(f.mean[k], want[k], 1e-3);
  }
}

// OTM nests STM (theta = 2), DOTM nests DSTM: the fits are at least as good,
// and an OTM state with theta 2 forecasts as STM's.
TEST(ThetaModels, OptimisedFitsNestTheStandardOnes) {
  const std::vector<double> y = Wiggly(40);
  const ThetaModelFit stm = FitThetaModel(y, ThetaMethod::kStandard);
  const ThetaModelFit otm = FitThetaModel(y, ThetaMethod::kOptimised);
  const ThetaModelFit dstm = FitThetaModel(y, ThetaMethod::kDynamic);
  const ThetaModelFit dotm = FitThetaModel(y, ThetaMethod::kDynamicOptimised);
  EXPECT_DOUBLE_EQ(stm.state.theta, 2.0);
  EXPECT_DOUBLE_EQ(dstm.state.theta, 2.0);
  EXPECT_LE(otm.mse, stm.mse * (1 + 1e-6));
  EXPECT_LE(dotm.mse, dstm.mse * (1 + 1e-6));
  EXPECT_TRUE(dotm.state.dynamic && dotm.state.optimised);
  EXPECT_GE(otm.state.theta, 1.0);
  ThetaModelState a = ThetaModelStart(y, stm.state.alpha, 2.0, stm.state.level0, false);
  ThetaModelState b = a;
  b.optimised = true;
  for (double v : y) EXPECT_DOUBLE_EQ(ThetaModelStep(&a, v), ThetaModelStep(&b, v));
  EXPECT_DOUBLE_EQ(ThetaModelMean(a, 3),
                   stm.state.level + 0.5 * (std::pow(1 - a.alpha, 40) * a.a +
                                            (2 + (1 - std::pow(1 - a.alpha, 41)) / a.alpha) * a.b));
}

TEST(ThetaModels, AutoRecordsTheCandidatesAndKeepsTheLeastMse) {
  const ModelForecast f = ThetaForecast(testdata::kAirPassengers, 12, 12, ThetaMethod::kAuto);
  ASSERT_EQ(f.model["method"], "auto");
  const Json& c = f.model["candidates_mse"];
  ASSERT_EQ(c.size(), 4u);
  double best = INFINITY;
  for (const char* name : {"STM", "OTM", "DSTM", "DOTM"})
    best = std::min(best, c[name].get<double>());
  const std::string chosen = f.model["model"].get<std::string>();
  EXPECT_DOUBLE_EQ(c[chosen].get<double>(), best);
  EXPECT_DOUBLE_EQ(f.model["sigma2"].get<double>(), best);
  EXPECT_EQ(f.spec, "Theta-" + chosen + "[12]");
  // Deterministic: the same forecast again.
  const ModelForecast g = ThetaForecast(testdata::kAirPassengers, 12, 12, ThetaMethod::kAuto);
  EXPECT_EQ(f.mean, g.mean);
  EXPECT_EQ(f.se, g.se);
  for (std::size_t k = 1; k < f.se.size(); ++k) EXPECT_GT(f.sum_se[k], f.sum_se[k - 1]);
}

// A dynamic model continued over new periods forecasts as the recursions run
// over the whole history with the fitted parameters.
TEST(ThetaModels, DynamicModelContinuesExactly) {
  const std::vector<double> y = Wiggly(60);
  const std::vector<double> head(y.begin(), y.begin() + 52);
  const ModelForecast fit = ThetaForecast(head, 1, 6, ThetaMethod::kDynamicOptimised);
  const Json model = Json::parse(fit.model.dump());
  const Eigen::MatrixXd x(y.size(), 0), fx(6, 0);
  OneStepErrors errors;
  const ModelForecast got = ContinueThetaForecast(StateInput{model, y, x, fx, 8, 6}, &errors);
  EXPECT_EQ(errors.steps, 8);
  const Json& st = model["state"];
  ThetaModelState s = ThetaModelStart(y, st["alpha"].get<double>(), st["theta"].get<double>(),
                                      st["level0"].get<double>(), true);
  for (double v : y) ThetaModelStep(&s, v);
  const ModelForecast want = ThetaModelForecast(s, st["sigma2"].get<double>(), 6, {}, 1);
  for (int k = 0; k < 6; ++k) {
    EXPECT_NEAR(got.mean[k], want.mean[k], 1e-9 * std::abs(want.mean[k]));
    EXPECT_NEAR(got.se[k], want.se[k], 1e-9 * want.se[k]);
  }
  EXPECT_EQ(got.model["state"]["n"], 60);
  EXPECT_EQ(got.spec, fit.spec);
}

}  // namespace
}  // namespace invplan::forecast
