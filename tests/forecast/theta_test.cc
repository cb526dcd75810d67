// The Theta method against R's forecast::thetaf (forecast 8.20):
//   fc <- thetaf(y, h = 12, level = 95); fc$model$alpha; fc$mean; fc$upper
#include "forecast/theta/theta.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ets_test_data.h"
#include "forecast/theta/theta_series.h"

namespace invplan::forecast {
namespace {

struct RTheta {
  const char* name;
  const std::vector<double>* y;
  int m;
  bool seasonal;
  double alpha, drift;
  std::vector<double> mean, upper95;
};

TEST(Theta, MatchesRThetaf) {
  const std::vector<RTheta> cases = {
      {"AirPassengers",
       &testdata::kAirPassengers,
       12,
       true,
       0.837752,
       1.323070,
       {440.078191, 428.384281, 489.707099, 475.704628, 479.670389, 545.366272, 602.752002,
        601.100763, 523.951492, 456.627145, 397.953735, 447.644909},
       {461.159664, 455.885937, 522.391249, 512.855217, 520.805275, 590.132236, 650.875843,
        652.362998, 578.170763, 513.650315, 457.649250, 509.898159}},
      {"USAccDeaths",
       &testdata::kUSAccDeaths,
       12,
       true,
       0.551703,
       -5.849634,
       {8270.693806, 7508.923867, 8322.124807, 8554.143505, 9450.092974, 9870.933620, 10822.497731,
        10091.840706, 8944.433600, 9329.289666, 8778.912834, 8990.775914},
       {8782.385432, 8093.323145, 8971.136913, 9261.894104, 10212.067454, 10683.521648,
        11682.726480, 10997.206763, 9892.791071, 10318.772406, 9807.878474, 10057.764426}},
      {"WWWusage",
       &testdata::kWWWusage,
       1,
       false,
       0.999900,
       0.309397,
       {220.309628, 220.619025, 220.928422, 221.237819, 221.547216, 221.856613, 222.166010,
        222.475407, 222.784804, 223.094201, 223.403597, 223.712994},
       {231.735723, 236.777156, 240.717679, 244.088295, 247.094696, 249.842382, 252.394024,
        254.790455, 257.060041, 259.223432, 261.296221, 263.290519}},
      {"Nile",
       &testdata::kNile,
       1,
       false,
       0.245668,
       -1.357153,
       {799.811996, 798.454844, 797.097691, 795.740538, 794.383385, 793.026233, 791.669080,
        790.311927, 788.954774, 787.597622, 786.240469, 784.883316},
       {1082.501050, 1089.549474, 1096.361899, 1102.957154, 1109.351689, 1115.559975, 1121.594825,
        1127.467648, 1133.188653, 1138.767019, 1144.211038, 1149.528227}},
      {"ldeaths",
       &testdata::kldeaths,
       12,
       true,
       0.132466,
       -2.623157,
       {2668.275266, 2669.712858, 2481.552983, 2004.928162, 1603.612518, 1456.784972, 1393.838846,
        1257.504379, 1249.154870, 1529.157819, 1673.450654, 2301.905649},
       {3034.756691, 3039.395656, 2854.409669, 2380.931944, 1982.737274, 1839.005219, 1779.129716,
        1645.841591, 1640.514714, 1923.517127, 2070.786785, 2702.196465}},
  };
  for (const RTheta& r : cases) {
    SCOPED_TRACE(r.name);
    EXPECT_EQ(ThetaSeasonal(*r.y, r.m), r.seasonal);
    const ModelForecast f = ThetaForecast(*r.y, r.m, 12);
    EXPECT_NEAR(f.model["alpha"].get<double>(), r.alpha, 0.01);
    EXPECT_NEAR(f.model["drift"].get<double>(), r.drift, 1e-4 * std::abs(r.drift));
    for (int i = 0; i < 12; ++i) {
      EXPECT_NEAR(f.mean[i], r.mean[i], 0.002 * r.mean[i]) << "step " << i + 1;
      const double upper = f.mean[i] + 1.959963984540054 * f.se[i];
      EXPECT_NEAR(upper, r.upper95[i], 0.005 * r.upper95[i]) << "step " << i + 1;
    }
  }
}

TEST(Theta, SeriesModelFallsBackOnTinySeries) {
  SeriesSettings s;
  s.model = "theta";
  s.season = 12;
  const std::vector<double> tiny{3, 5, 4};
  const Eigen::MatrixXd none(3, 0), fnone(6, 0);
  DemandClass demand;
  Reasons reasons;
  SeriesResult r = ThetaSeriesForecast({tiny, none, fnone, 6, s, demand}, &reasons);
  EXPECT_EQ(r.model_name, "naive");
  EXPECT_EQ(reasons.list.size(), 1u);
  Reasons none_given;
  const Eigen::MatrixXd air(testdata::kAirPassengers.size(), 0);
  r = ThetaSeriesForecast({testdata::kAirPassengers, air, fnone, 6, s, demand}, &none_given);
  EXPECT_EQ(r.spec, "Theta[12]");
  EXPECT_TRUE(none_given.list.empty());
}

}  // namespace
}  // namespace invplan::forecast
