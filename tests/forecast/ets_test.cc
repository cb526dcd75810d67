// ETS against the fits of R's forecast::ets (forecast 8.20, R 4.2, default
// arguments: ets(y), bounds "both", AICc), plus checks of the forecast
// variances by simulation and of determinism. The fit starts where R's does
// and runs the same simplex, so it reaches R's optimum, not merely as good a
// one: the likelihoods agree to 1e-6 (chosen models) and 1e-4 (the others;
// the simplex paths part after hundreds of steps by rounding).
#include "forecast/ets/ets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ets_test_data.h"
#include "forecast/ets/ets_series.h"
#include "forecast/fit_error.h"

namespace invplan::forecast {
namespace {

using testdata::kAirPassengers;
using testdata::kldeaths;
using testdata::kUSAccDeaths;
using testdata::kWWWusage;

struct RFit {
  const char* name;
  const std::vector<double>* y;
  int m;
  const char* spec;                   // what R's ets(y) selects
  double loglik;                      // fit$loglik
  std::vector<double> mean, upper95;  // forecast(fit, h = 12, level = 95)
};

// The numbers R prints for
//   fit <- ets(y); fc <- forecast(fit, h = 12, level = 95)
//   fit$loglik; fc$mean; fc$upper
const std::vector<RFit>& RFits() {
  static const std::vector<RFit> fits = {
      {"USAccDeaths",
       &kUSAccDeaths,
       12,
       "ETS(A,N,A)",
       -555.072335,
       {8397.496909, 7599.220613, 8396.594687, 8646.509703, 9443.411945, 9893.064727, 10819.123703,
        10107.104631, 9015.232645, 9354.407375, 8880.417695, 9085.492104},
       {8971.160175, 8266.629721, 9146.114728, 9469.993563, 10334.742996, 10847.431751,
        11832.613610, 11176.453577, 10137.664176, 10527.521998, 10102.114586, 10354.225350}},
      {"AirPassengers",
       &kAirPassengers,
       12,
       "ETS(M,Ad,M)",
       -679.583216,
       {441.801847, 434.118620, 496.630047, 483.237479, 483.991353, 551.024400, 613.179679,
        609.364831, 530.540835, 463.033214, 402.747800, 451.969373},
       {475.717416, 475.337853, 551.688739, 543.825630, 551.234294, 634.661936, 713.801611,
        716.604374, 630.031709, 555.076072, 487.242792, 551.675614}},
      {"ldeaths",
       &kldeaths,
       12,
       "ETS(M,N,M)",
       -525.398546,
       {2655.697042, 2657.925870, 2470.591533, 2059.111549, 1630.999208, 1458.498028, 1405.853544,
        1269.322829, 1259.675341, 1533.118715, 1700.749654, 2279.822519},
       {3159.007372, 3170.645784, 2955.386763, 2469.896468, 1961.626136, 1758.778323, 1699.684140,
        1538.523457, 1530.651707, 1867.505369, 2076.720760, 2790.450857}},
      {"WWWusage",
       &kWWWusage,
       1,
       "ETS(A,Ad,N)",
       -352.865490,
       {218.366335, 217.035069, 215.950143, 215.065973, 214.345412, 213.758186, 213.279620,
        212.889610, 212.571768, 212.312739, 212.101642, 211.929607},
       {225.219034, 231.218317, 238.054441, 245.315698, 252.751031, 260.203403, 267.573687,
        274.799984, 281.844968, 288.687774, 295.318618, 301.735155}},
  };
  return fits;
}

TEST(Ets, SelectsTheModelRSelects) {
  for (const RFit& r : RFits()) {
    SCOPED_TRACE(r.name);
    const EtsModel fit = AutoEts(*r.y, r.m);
    EXPECT_EQ(fit.spec.Name(), r.spec);
    // The same optimiser from the same start: R's likelihood to 1e-6 relative.
    EXPECT_NEAR(fit.loglik, r.loglik, 1e-6 * std::abs(r.loglik));
    const EtsPrediction p = PredictEts(fit, 12);
    for (int i = 0; i < 12; ++i) {
      EXPECT_NEAR(p.mean[i], r.mean[i], 1e-3 * r.mean[i]) << "step " << i + 1;
      const double upper = p.mean[i] + 1.959963984540054 * p.se[i];
      // Class-3 models (multiplicative season) are simulated here and
      // approximated in R: a looser match.
      const double tol = fit.spec.season == EtsComponent::kMultiplicative ? 0.01 : 1e-3;
      EXPECT_NEAR(upper, r.upper95[i], tol * r.upper95[i]) << "step " << i + 1;
    }
  }
}

struct RFixed {
  const char* code;
  double loglik;
};

// ets(AirPassengers, model = code, damped = ...)$loglik and the same for
// ldeaths (period 12): one model of every kind, fitted without the choice.
TEST(Ets, FixedModelsReachRsLikelihood) {
  const std::vector<RFixed> air = {{"ANN", -863.8934}, {"AAN", -863.6473},  {"ANA", -767.4295},
                                   {"AAA", -765.9358}, {"MNN", -833.9501},  {"MAN", -831.8976},
                                   {"MNA", -775.3962}, {"MAA", -768.2334},  {"MNM", -715.6572},
                                   {"MAM", -682.4036}, {"AAdN", -863.7961}, {"MAdM", -679.5832}};
  const std::vector<RFixed> ld = {{"ANA", -543.2860},  {"AAA", -542.7798}, {"MNA", -527.6986},
                                  {"MAA", -523.7449},  {"MNM", -525.3985}, {"MAM", -524.8160},
                                  {"AAdA", -542.7132}, {"MAdN", -578.1745}};
  for (const auto& [y, list] : {std::pair{&kAirPassengers, air}, std::pair{&kldeaths, ld}}) {
    for (const RFixed& r : list) {
      SCOPED_TRACE(r.code);
      EtsRequest req;
      ASSERT_TRUE(ParseEtsRequest(r.code, &req));
      const EtsModel fit = AutoEts(*y, 12, req);
      EXPECT_EQ(fit.spec.Code(), r.code);
      EXPECT_NEAR(fit.loglik, r.loglik, 1e-4 * std::abs(r.loglik));
    }
  }
}

// Class 2 (multiplicative error, linear states): R's forecast.ets uses the
// same exact variance formula, so the bounds agree closely.
//   fit <- ets(y, code, damped = FALSE); forecast(fit, h = 12, level = 95)
TEST(Ets, Class2IntervalsMatchR) {
  struct Case {
    const std::vector<double>* y;
    int m;
    const char* code;
    double loglik;
    std::vector<double> mean, upper95;
  };
  const std::vector<Case> cases = {
      {&kWWWusage,
       1,
       "MAN",
       -365.087613,
       {217.999348, 215.998897, 213.998447, 211.997996, 209.997546, 207.997095, 205.996645,
        203.996194, 201.995743, 199.995293, 197.994842, 195.994392},
       {230.803086, 244.584291, 261.757515, 281.815002, 304.426120, 329.365037, 356.474155,
        385.644682, 416.805459, 449.916125, 484.962749, 521.954951}},
      {&kUSAccDeaths,
       12,
       "MNA",
       -555.929567,
       {8406.242651, 7618.853298, 8391.259646, 8616.552885, 9495.305315, 10002.962148, 10844.986632,
        10146.775414, 9091.742668, 9414.761965, 8885.126939, 9085.622246},
       {8964.583791, 8233.146881, 9120.360262, 9434.743379, 10426.553879, 11035.356399,
        11991.845126, 11352.110492, 10332.884458, 10722.123089, 10233.884047, 10489.625376}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    EtsRequest req;
    ASSERT_TRUE(ParseEtsRequest(c.code, &req));
    const EtsModel fit = AutoEts(*c.y, c.m, req);
    EXPECT_NEAR(fit.loglik, c.loglik, 1e-4 * std::abs(c.loglik));
    const EtsPrediction p = PredictEts(fit, 12);
    for (int i = 0; i < 12; ++i) {
      EXPECT_NEAR(p.mean[i], c.mean[i], 1e-3 * c.mean[i]) << "step " << i + 1;
      const double upper = p.mean[i] + 1.959963984540054 * p.se[i];
      EXPECT_NEAR(upper, c.upper95[i], 1e-3 * c.upper95[i]) << "step " << i + 1;
    }
  }
}

// Standard errors from the formulas (classes 1 and 2) or the seeded
// simulation (class 3) against an independent simulation of the fitted
// model: within 4 % at every step.
TEST(Ets, ForecastVarianceMatchesSimulation) {
  for (const char* code : {"AAN", "AAdA", "ANA", "MAN", "MNA", "MNM", "MAdM"}) {
    SCOPED_TRACE(code);
    EtsRequest req;
    ASSERT_TRUE(ParseEtsRequest(code, &req));
    const EtsModel fit = AutoEts(kAirPassengers, 12, req);
    const int h = 12;
    const EtsPrediction p = PredictEts(fit, h);
    std::mt19937 rng(7);
    std::normal_distribution<double> z(0.0, std::sqrt(fit.sigma2));
    const int paths = 20000;
    std::vector<double> sum(h, 0.0), sum2(h, 0.0);
    for (int k = 0; k < paths; ++k) {
      std::vector<double> x = fit.state;
      for (int i = 0; i < h; ++i) {
        const double f = detail::EtsOneStep(fit.spec, fit.m, fit.par, x);
        const double e = z(rng);
        const double y = fit.spec.error == EtsComponent::kMultiplicative ? f * (1 + e) : f + e;
        detail::EtsUpdate(fit.spec, fit.m, fit.par, y, &x);
        sum[i] += y;
        sum2[i] += y * y;
      }
    }
    for (int i = 0; i < h; ++i) {
      const double mean = sum[i] / paths;
      const double sd = std::sqrt(sum2[i] / paths - mean * mean);
      EXPECT_NEAR(p.se[i], sd, 0.04 * sd) << "step " << i + 1;
    }
  }
}

TEST(Ets, IntervalsCoverSimulatedFutures) {
  // 95 % intervals of ETS(A,N,A) on USAccDeaths hold about 95 % of the
  // futures simulated from the fitted model.
  const EtsModel fit = AutoEts(kUSAccDeaths, 12);
  const EtsPrediction p = PredictEts(fit, 12);
  std::mt19937 rng(11);
  std::normal_distribution<double> z(0.0, std::sqrt(fit.sigma2));
  int inside = 0, total = 0;
  for (int k = 0; k < 4000; ++k) {
    std::vector<double> x = fit.state;
    for (int i = 0; i < 12; ++i) {
      const double y = detail::EtsOneStep(fit.spec, fit.m, fit.par, x) + z(rng);
      detail::EtsUpdate(fit.spec, fit.m, fit.par, y, &x);
      inside += std::abs(y - p.mean[i]) <= 1.959963984540054 * p.se[i];
      ++total;
    }
  }
  EXPECT_NEAR(static_cast<double>(inside) / total, 0.95, 0.01);
}

TEST(Ets, Deterministic) {
  const EtsModel a = AutoEts(kAirPassengers, 12), b = AutoEts(kAirPassengers, 12);
  EXPECT_EQ(a.loglik, b.loglik);
  const EtsPrediction pa = PredictEts(a, 24), pb = PredictEts(b, 24);
  EXPECT_EQ(pa.mean, pb.mean);
  EXPECT_EQ(pa.se, pb.se);
}

TEST(Ets, ParsesModelRequests) {
  EtsRequest r;
  ASSERT_TRUE(ParseEtsRequest("ZZZ", &r));
  EXPECT_EQ(r.damped, 'Z');
  ASSERT_TRUE(ParseEtsRequest("AAdN", &r));
  EXPECT_EQ(r.trend, 'A');
  EXPECT_EQ(r.damped, 'Y');
  ASSERT_TRUE(ParseEtsRequest("MAN", &r));
  EXPECT_EQ(r.damped, 'N');
  ASSERT_TRUE(ParseEtsRequest("mnm", &r));
  EXPECT_EQ(r.season, 'M');
  EXPECT_FALSE(ParseEtsRequest("ANM", nullptr));  // additive error, multiplicative season
  EXPECT_FALSE(ParseEtsRequest("AMN", nullptr));  // no multiplicative trend
  EXPECT_FALSE(ParseEtsRequest("ANdN", nullptr));
  EXPECT_FALSE(ParseEtsRequest("ZZ", nullptr));
  EXPECT_EQ(
      (EtsSpec{EtsComponent::kMultiplicative, EtsComponent::kAdditive, true, EtsComponent::kNone})
          .Name(),
      "ETS(M,Ad,N)");
}

TEST(Ets, DataDecideTheCandidates) {
  // Zeros rule out multiplicative components; a series shorter than two
  // seasons gets no season; m above 24 none either.
  std::vector<double> y = kUSAccDeaths;
  y[5] = 0;
  const EtsModel a = AutoEts(y, 12);
  EXPECT_EQ(a.spec.error, EtsComponent::kAdditive);
  EXPECT_NE(a.spec.season, EtsComponent::kMultiplicative);
  const std::vector<double> short_y(kUSAccDeaths.begin(), kUSAccDeaths.begin() + 20);
  EXPECT_EQ(AutoEts(short_y, 12).spec.season, EtsComponent::kNone);
  EXPECT_EQ(AutoEts(kAirPassengers, 52).spec.season, EtsComponent::kNone);
  EtsRequest seasonal;
  ASSERT_TRUE(ParseEtsRequest("ANA", &seasonal));
  EXPECT_THROW(AutoEts(short_y, 12, seasonal), ModelFitError);
  EXPECT_THROW(AutoEts({1.0, 2.0, 3.0}, 1), ModelFitError);
}

TEST(Ets, SeriesModelTakesSeasonAndTransform) {
  SeriesSettings s;
  s.model = "ets";
  s.season = 12;
  const Eigen::MatrixXd none(kAirPassengers.size(), 0), fnone(12, 0);
  DemandClass demand;
  Reasons reasons;
  SeriesResult r = EtsSeriesForecast({kAirPassengers, none, fnone, 12, s, demand}, &reasons);
  EXPECT_EQ(r.spec, "ETS(M,Ad,M)");
  EXPECT_TRUE(reasons.list.empty());
  EXPECT_EQ(r.model["ets"], "MAdM");
  EXPECT_TRUE(r.model.contains("final_states"));
  ASSERT_EQ(r.mean.size(), 12u);
  // On the log scale only additive components are chosen.
  s.transform.kind = TransformSpec::kLog;
  r = EtsSeriesForecast({kAirPassengers, none, fnone, 12, s, demand}, &reasons);
  EXPECT_EQ(r.spec.substr(0, 6), "ETS(A,");
  EXPECT_TRUE(r.model.contains("transform"));
  // A season asked for on a series shorter than two seasons: the same model
  // without it, with a reason.
  s.ets_model = "ANA";
  const std::vector<double> short_y(kUSAccDeaths.begin(), kUSAccDeaths.begin() + 20);
  const Eigen::MatrixXd snone(short_y.size(), 0);
  Reasons short_reasons;
  r = EtsSeriesForecast({short_y, snone, fnone, 12, s, demand}, &short_reasons);
  EXPECT_EQ(r.spec, "ETS(A,N,N)");
  ASSERT_EQ(short_reasons.list.size(), 1u);
  EXPECT_NE(short_reasons.list[0].find("non-seasonal ETS"), std::string::npos);
  s.ets_model = "ZZZ";
  // Too short for anything but the simplest model: a fallback with a reason.
  s.transform = TransformSpec{};
  const std::vector<double> tiny{3, 5, 4};
  const Eigen::MatrixXd tnone(3, 0);
  r = EtsSeriesForecast({tiny, tnone, fnone, 12, s, demand}, &reasons);
  EXPECT_EQ(r.model_name, "naive");
  EXPECT_FALSE(reasons.list.empty());
}

}  // namespace
}  // namespace invplan::forecast
