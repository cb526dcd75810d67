// The covariance check of R's forecast::checkarima (ArimaProblem::
// CovarianceDefined) and its effect on the automatic search, against R 4.2
// with forecast 8.20 on the Seatbelts front-seat series.
#include <gtest/gtest.h>

#include "forecast/arima/arima.h"
#include "forecast/arima/arima_fit.h"
#include "forecast/arima_test_data.h"

namespace invplan::forecast {
namespace {

// The first 174 months: R's auto.arima searches them approximately (n > 150).
std::vector<double> FrontTraining() {
  const auto& y = testdata::SeatbeltsFront();
  return std::vector<double>(y.begin(), y.begin() + 174);
}

TEST(ArimaCheck, CssFitOnASaddleHasNoCovariance) {
  // stats::arima(method = "CSS") of ARIMA(2,0,2)(0,1,1)[12] with drift
  // reports NaN standard errors for ar1, ar2, ma1 and ma2 (R's auto.arima
  // scores it Inf), while ARIMA(1,0,0)(1,1,0)[12] with drift is a proper
  // minimum.
  const std::vector<double> y = FrontTraining();
  detail::ArimaProblem problem(y, Eigen::MatrixXd(174, 0), 0, 1, 12, true);
  double s2 = 0;
  const ArimaModel saddle = problem.FitCss(2, 2, 0, 1, &s2);
  EXPECT_NEAR(s2, 6809.862, 0.5);
  EXPECT_FALSE(problem.CovarianceDefined(saddle, true));
  const ArimaModel minimum = problem.FitCss(1, 0, 1, 0, &s2);
  EXPECT_TRUE(problem.CovarianceDefined(minimum, true));
}

TEST(ArimaCheck, ExactFitOfAProperModelHasACovariance) {
  const std::vector<double> y = FrontTraining();
  detail::ArimaProblem problem(y, Eigen::MatrixXd(174, 0), 0, 1, 12, true);
  EXPECT_TRUE(problem.CovarianceDefined(problem.Fit(2, 2, 1, 0), false));
  EXPECT_TRUE(problem.CovarianceDefined(problem.Fit(1, 0, 1, 0), false));
}

TEST(ArimaCheck, SeatbeltsFrontSelectsRsModel) {
  // Without the check the search kept the CSS saddle above, walked another
  // path and ended at ARIMA(1,0,0)(1,1,0)[12] with drift.
  const ArimaModel m = AutoArima(FrontTraining(), Eigen::MatrixXd(174, 0), 12);
  EXPECT_EQ(m.Spec(), "ARIMA(2,0,2)(1,1,0)[12] with drift");
  EXPECT_NEAR(m.loglik, -958.76, 0.05);
  EXPECT_NEAR(m.aicc, 1932.24, 0.1);
  ASSERT_EQ(m.sar.size(), 1u);
  EXPECT_NEAR(m.sar[0], -0.3539, 0.01);
}

}  // namespace
}  // namespace invplan::forecast
