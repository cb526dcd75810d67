// Nightly updates: a model continued from the state it left after a shorter
// history forecasts exactly as the same model (same parameters) run over the
// whole history. Each family's state goes through a JSON text round trip, as
// it does through the artifact.
#include "forecast/update/update.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "forecast/arima/arima.h"
#include "forecast/arima/arima_state.h"
#include "forecast/ets/ets.h"
#include "forecast/ets/ets_state.h"
#include "forecast/local/baselines.h"
#include "forecast/local/intermittent.h"
#include "forecast/local/local_state.h"
#include "forecast/theta/theta.h"
#include "forecast/theta/theta_state.h"

namespace invplan::forecast {
namespace {

constexpr int kH = 14;

// A positive weekly-seasonal series with a random-walk level.
std::vector<double> Smooth(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> e(0.0, 1.0);
  std::vector<double> y(n);
  double level = 50;
  for (int t = 0; t < n; ++t) {
    level += 0.3 * e(rng);
    y[t] = level + 6 * std::sin(2 * M_PI * t / 7) + 2 * e(rng);
  }
  return y;
}

std::vector<double> Intermittent(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> y(n);
  for (int t = 0; t < n; ++t) y[t] = u(rng) < 0.3 ? std::floor(1 + 6 * u(rng)) : 0.0;
  return y;
}

std::vector<double> Prefix(const std::vector<double>& y, std::size_t n) {
  return std::vector<double>(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
}

// The model JSON as the next run reads it back from the artifact.
Json RoundTrip(const Json& model) {
  return Json::parse(model.dump());
}

void ExpectSameForecast(const std::vector<double>& got, const std::vector<double>& want,
                        const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-9 * std::max(1.0, std::abs(want[i]))) << what << " step " << i;
  }
}

void ExpectSameForecast(const ModelForecast& got, const ModelForecast& want) {
  ExpectSameForecast(got.mean, want.mean, "mean");
  ExpectSameForecast(got.se, want.se, "se");
  ExpectSameForecast(got.sum_se, want.sum_se, "sum_se");
}

const Eigen::MatrixXd kNoX(0, 0);

TEST(Update, ArimaContinuedEqualsFilteringTheWholeHistory) {
  const std::vector<double> y = Smooth(200, 1);
  const std::size_t n0 = 193;
  for (const ArimaOrder order : {ArimaOrder{1, 1, 1, 0, 1, 1, 7}, ArimaOrder{2, 0, 0, 0, 0, 0, 1},
                                 ArimaOrder{0, 1, 2, 1, 0, 0, 7}}) {
    const std::vector<double> head = Prefix(y, n0);
    const ArimaModel model = FitArima(head, kNoX, order, order.d + order.D == 0);
    ArimaFilterState state;
    PredictArima(model, head, kNoX, kNoX, kH, &state);
    const Json json = RoundTrip({{"name", "arima"}, {"state", ArimaStateJson(model, state, {})}});
    OneStepErrors errors;
    const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
    const ModelForecast got = ContinueArimaForecast(StateInput{json, y, x, fx, 7, kH}, &errors);
    const ArimaPrediction want = PredictArima(model, y, kNoX, kNoX, kH);
    SCOPED_TRACE(model.Spec());
    ExpectSameForecast(got.mean, want.mean, "mean");
    ExpectSameForecast(got.se, want.se, "se");
    ExpectSameForecast(got.sum_se, want.sum_se, "sum_se");
    EXPECT_EQ(errors.steps, 7);
    EXPECT_GT(errors.sum_sq, 0.0);
    // Continuing night by night lands on the same state as one step of seven.
    Json night = json;
    for (std::size_t end = n0 + 1; end <= y.size(); ++end) {
      const std::vector<double> part = Prefix(y, end);
      const Eigen::MatrixXd xp(part.size(), 0);
      OneStepErrors e;
      night = RoundTrip(ContinueArimaForecast(StateInput{night, part, xp, fx, 1, kH}, &e).model);
    }
    const ModelForecast nightly =
        ContinueArimaForecast(StateInput{night, y, x, fx, 0, kH}, &errors);
    ExpectSameForecast(nightly.mean, want.mean, "nightly mean");
  }
}

TEST(Update, ArimaStateMustFitTheModel) {
  const std::vector<double> y = Smooth(120, 2);
  const ArimaModel model = FitArima(Prefix(y, 110), kNoX, ArimaOrder{1, 1, 1, 0, 0, 0, 1}, false);
  ArimaFilterState state;
  PredictArima(model, Prefix(y, 110), kNoX, kNoX, kH, &state);
  state.a.push_back(0.0);  // one element too many for the order
  const Json json = {{"state", ArimaStateJson(model, state, {})}};
  OneStepErrors errors;
  const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
  EXPECT_THROW(ContinueArimaForecast(StateInput{json, y, x, fx, 10, kH}, &errors), ModelFitError);
  const Json empty = {{"name", "arima"}};
  EXPECT_THROW(ContinueArimaForecast(StateInput{empty, y, x, fx, 10, kH}, &errors), ModelFitError);
}

TEST(Update, EtsContinuedEqualsThePassOverTheWholeHistory) {
  const std::vector<double> y = Smooth(150, 3);
  const std::size_t n0 = 143;
  for (const char* code : {"ANN", "AAdA", "MNM", "MAN"}) {
    EtsRequest request;
    ASSERT_TRUE(ParseEtsRequest(code, &request));
    const EtsModel fit = AutoEts(Prefix(y, n0), 7, request);
    const Json json = RoundTrip({{"name", "ets"}, {"state", EtsStateJson(fit)}});
    OneStepErrors errors;
    const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
    const ModelForecast got = ContinueEtsForecast(StateInput{json, y, x, fx, 7, kH}, &errors);
    EtsModel full = fit;
    std::vector<double> residuals;
    ASSERT_TRUE(std::isfinite(
        detail::EtsPass(y, fit.spec, fit.m, fit.par, fit.initial, &full.state, &residuals)));
    const EtsPrediction want = PredictEts(full, kH);
    SCOPED_TRACE(code);
    ExpectSameForecast(got.mean, want.mean, "mean");
    ExpectSameForecast(got.se, want.se, "se");
    EXPECT_EQ(errors.steps, 7);
  }
}

TEST(Update, ThetaContinuedEqualsTheSesPassOverTheWholeHistory) {
  const std::vector<double> y = Smooth(160, 4);
  const std::size_t n0 = 150;
  const ModelForecast fit = ThetaForecast(Prefix(y, n0), 7, kH);
  const Json json = RoundTrip(fit.model);
  OneStepErrors errors;
  const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
  const ModelForecast got = ContinueThetaForecast(StateInput{json, y, x, fx, 10, kH}, &errors);
  // The SES level over the whole (seasonally adjusted) history from the
  // initial level, with the same weight.
  const Json& s = json["state"];
  const std::vector<double> figure = s["figure"].get<std::vector<double>>();
  std::vector<double> adjusted = y;
  for (std::size_t t = 0; t < y.size() && !figure.empty(); ++t) adjusted[t] /= figure[t % 7];
  const EtsSpec ses{EtsComponent::kAdditive, EtsComponent::kNone, false, EtsComponent::kNone};
  EtsParams par;
  par.alpha = s["ses_alpha"].get<double>();
  std::vector<double> level, residuals;
  detail::EtsPass(adjusted, ses, 1, par, {s["level0"].get<double>()}, &level, &residuals);
  ThetaState st;
  st.ses_alpha = par.alpha;
  st.drift = s["drift"].get<double>();
  st.level = level[0];
  st.n = static_cast<int>(y.size());
  st.m = 7;
  st.sigma2 = s["sigma2"].get<double>();
  st.figure = figure;
  ExpectSameForecast(got, ThetaFromState(st, kH));
  EXPECT_EQ(errors.steps, 10);
}

TEST(Update, CrostonAndTsbContinuedEqualTheFitWithTheSameConstants) {
  const std::vector<double> y = Intermittent(300, 5);
  const std::size_t n0 = 290;
  for (CrostonVariant v : {CrostonVariant::kSba, CrostonVariant::kClassic}) {
    const ModelForecast fit = CrostonForecast(Prefix(y, n0), kH, v);
    OneStepErrors errors;
    const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
    const ModelForecast got = ContinueLocalForecast(
        "croston", StateInput{RoundTrip(fit.model), y, x, fx, 10, kH}, &errors);
    const ModelForecast want = CrostonForecast(y, kH, v, fit.model["alpha"].get<double>());
    ExpectSameForecast(got, want);
    EXPECT_EQ(got.spec, want.spec);
    EXPECT_EQ(errors.steps, 10);
  }
  const ModelForecast tsb = TsbForecast(Prefix(y, n0), kH);
  OneStepErrors errors;
  const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
  const ModelForecast got =
      ContinueLocalForecast("tsb", StateInput{RoundTrip(tsb.model), y, x, fx, 10, kH}, &errors);
  ExpectSameForecast(
      got, TsbForecast(y, kH, tsb.model["alpha"].get<double>(), tsb.model["beta"].get<double>()));
}

TEST(Update, BaselinesContinuedEqualTheFitToTheWholeHistory) {
  const std::vector<double> y = Smooth(100, 6);
  const std::size_t n0 = 90;
  const std::vector<double> head = Prefix(y, n0);
  const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
  struct Case {
    const char* name;
    ModelForecast fit, full;
  };
  const Case cases[] = {
      {"naive", NaiveForecast(head, kH), NaiveForecast(y, kH)},
      {"snaive", SeasonalNaiveForecast(head, 7, kH), SeasonalNaiveForecast(y, 7, kH)},
      {"mean", MeanForecast(head, kH), MeanForecast(y, kH)},
      {"drift", DriftForecast(head, kH), DriftForecast(y, kH)},
  };
  for (const Case& c : cases) {
    OneStepErrors errors;
    const ModelForecast got = ContinueLocalForecast(
        c.name, StateInput{RoundTrip(c.fit.model), y, x, fx, 10, kH}, &errors);
    SCOPED_TRACE(c.name);
    ExpectSameForecast(got, c.full);
    EXPECT_EQ(errors.steps, 10);
  }
}

TEST(Update, OneStepTestRejectsErrorsFarBeyondSigma) {
  // A naive model of a quiet series meets a jump ten sigmas high.
  std::vector<double> y(60);
  for (std::size_t t = 0; t < y.size(); ++t) y[t] = 100 + (t % 2 ? 1.0 : -1.0);
  const ModelForecast fit = NaiveForecast(Prefix(y, 58), kH);
  y[58] = 140;
  y[59] = 139;
  OneStepErrors errors;
  const Eigen::MatrixXd x(y.size(), 0), fx(kH, 0);
  ContinueLocalForecast("naive", StateInput{fit.model, y, x, fx, 2, kH}, &errors);
  EXPECT_GT(errors.sum_sq, ChiSquare99(2));
  // Errors of the model's own size pass.
  std::vector<double> calm(y.begin(), y.begin() + 58);
  calm.push_back(calm.back() + 2.0);
  calm.push_back(calm.back() - 2.0);
  OneStepErrors ok;
  ContinueLocalForecast("naive", StateInput{fit.model, calm, x, fx, 2, kH}, &ok);
  EXPECT_LT(ok.sum_sq, ChiSquare99(2));
}

TEST(Update, ChiSquareQuantiles) {
  // Tabulated 99% quantiles: 6.635 (1), 9.210 (2), 18.475 (7), 48.278 (28).
  EXPECT_NEAR(ChiSquare99(1), 6.635, 0.05);
  EXPECT_NEAR(ChiSquare99(2), 9.210, 0.05);
  EXPECT_NEAR(ChiSquare99(7), 18.475, 0.05);
  EXPECT_NEAR(ChiSquare99(28), 48.278, 0.05);
}

TEST(Update, HistoryChecksumSeesEveryValueAndRegressor) {
  const std::vector<double> y = {1, 2, NAN, 4};
  Eigen::MatrixXd x(4, 1);
  x << 0, 1, 0, 1;
  const std::string base = HistoryChecksum(y, x, 4);
  EXPECT_EQ(base.size(), 16u);
  EXPECT_EQ(HistoryChecksum(y, x, 4), base);
  std::vector<double> y2 = y;
  y2[0] = 1.0000000001;
  EXPECT_NE(HistoryChecksum(y2, x, 4), base);
  Eigen::MatrixXd x2 = x;
  x2(1, 0) = 0;
  EXPECT_NE(HistoryChecksum(y, x2, 4), base);
  EXPECT_NE(HistoryChecksum(y, x, 3), base);
  // Values after n do not count.
  std::vector<double> longer = y;
  longer.push_back(9);
  EXPECT_EQ(HistoryChecksum(longer, kNoX, 4), HistoryChecksum(y, kNoX, 4));
}

}  // namespace
}  // namespace invplan::forecast
