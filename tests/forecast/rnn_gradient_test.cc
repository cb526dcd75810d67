// Finite-difference checks of the hand-derived backpropagation through time:
// every parameter of every cell type (one and two layers, with the embedding,
// regressors, dropout, the Gaussian and the negative-binomial heads, censored
// targets) against central differences.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>

#include "common/random.h"
#include "forecast/rnn/rnn.h"

namespace invplan::forecast {
namespace {

std::vector<RnnSeriesInput> SmallPanel(std::uint64_t seed, bool censored) {
  Rng rng(seed);
  std::vector<RnnSeriesInput> panel;
  for (int i = 0; i < 2; ++i) {
    RnnSeriesInput s;
    s.sku = "sku" + std::to_string(i);
    s.start = 19000 + i;
    s.regressors.resize(1);
    for (int t = 0; t < 30; ++t) {
      const double promo = rng.Uniform() < 0.3 ? 1.0 : 0.0;
      s.y.push_back(std::floor(rng.Uniform(0, 20) * (1 + promo)));
      s.regressors[0].push_back(promo);
    }
    panel.push_back(s);
  }
  panel[1].y[12] = std::nan("");  // a missing value inside a window
  if (!censored) return panel;
  // Two stock-outs: targets that are lower bounds (loss -log P(Y >= y)).
  panel[0].censored.assign(panel[0].y.size(), 0);
  panel[0].y[8] = 4.0, panel[0].censored[8] = 1;
  panel[0].y[21] = 6.0, panel[0].censored[21] = 1;
  return panel;
}

// cell, layers, log1p inputs, likelihood
using GradientCase = std::tuple<RnnCell, int, bool, RnnLikelihood>;

void CheckGradient(const GradientCase& param, bool censored) {
  const auto [cell, layers, log1p, likelihood] = param;
  RnnConfig c;
  c.cell = cell;
  c.layers = layers;
  c.hidden = 3;
  c.embedding = 2;
  c.lookback = 7;
  c.horizon = 3;
  c.frequency = Frequency::kDay;
  c.regressors = {"promo"};
  c.log1p = log1p;
  c.likelihood = likelihood;
  c.dropout = layers == 2 ? 0.3 : 0.0;
  c.threads = 1;
  const auto panel = SmallPanel(7, censored);
  RnnModel model;
  model.Initialize(panel, c);
  // Larger weights than the initial ones so that saturation is exercised too.
  std::vector<double> p = model.parameters();
  Rng rng(3);
  for (double& v : p) v += rng.Uniform(-0.5, 0.5);
  model.set_parameters(p);

  const std::vector<std::pair<std::size_t, std::size_t>> windows{{0, 0}, {1, 4}, {0, 13}, {1, 9}};
  std::vector<double> grad;
  const double loss = model.LossAndGradient(panel, windows, 11, &grad);
  ASSERT_TRUE(std::isfinite(loss));
  ASSERT_EQ(grad.size(), p.size());
  const double eps = 1e-6;
  double worst = 0.0, worst_numeric = 0.0;
  std::size_t worst_at = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    std::vector<double> q = p;
    q[i] = p[i] + eps;
    model.set_parameters(q);
    const double up = model.LossAndGradient(panel, windows, 11, nullptr);
    q[i] = p[i] - eps;
    model.set_parameters(q);
    const double down = model.LossAndGradient(panel, windows, 11, nullptr);
    const double numeric = (up - down) / (2 * eps);
    const double err =
        std::fabs(numeric - grad[i]) / (1e-3 + std::fabs(numeric) + std::fabs(grad[i]));
    if (err > worst) worst = err, worst_at = i, worst_numeric = numeric;
  }
  model.set_parameters(p);
  EXPECT_LT(worst, 1e-5) << "worst relative error at parameter " << worst_at << " of " << p.size()
                         << ": numeric " << worst_numeric << ", analytic " << grad[worst_at]
                         << ", loss " << loss;
}

class RnnGradientTest : public ::testing::TestWithParam<GradientCase> {};

TEST_P(RnnGradientTest, MatchesCentralDifferences) {
  CheckGradient(GetParam(), false);
}

// Censored targets: -log P(Y >= y) of either head (the negative binomial's
// survival differentiated numerically inside the analytic gradient).
TEST(RnnGradientCensored, MatchesCentralDifferences) {
  CheckGradient(GradientCase(RnnCell::kGru, 1, false, RnnLikelihood::kGaussian), true);
  CheckGradient(GradientCase(RnnCell::kGru, 1, true, RnnLikelihood::kGaussian), true);
  CheckGradient(GradientCase(RnnCell::kLstm, 1, true, RnnLikelihood::kNegBin), true);
  CheckGradient(GradientCase(RnnCell::kGru, 2, false, RnnLikelihood::kNegBin), true);
}

constexpr RnnLikelihood kGauss = RnnLikelihood::kGaussian;
constexpr RnnLikelihood kNegBin = RnnLikelihood::kNegBin;
INSTANTIATE_TEST_SUITE_P(Cells, RnnGradientTest,
                         ::testing::Values(GradientCase(RnnCell::kRnn, 1, false, kGauss),
                                           GradientCase(RnnCell::kRnn, 2, true, kGauss),
                                           GradientCase(RnnCell::kGru, 1, true, kGauss),
                                           GradientCase(RnnCell::kGru, 2, false, kGauss),
                                           GradientCase(RnnCell::kLstm, 1, false, kGauss),
                                           GradientCase(RnnCell::kLstm, 2, true, kGauss),
                                           GradientCase(RnnCell::kGru, 1, true, kNegBin),
                                           GradientCase(RnnCell::kLstm, 2, false, kNegBin)),
                         [](const auto& test) {
                           return std::string(RnnCellName(std::get<0>(test.param))) + "_" +
                                  std::to_string(std::get<1>(test.param)) + "layers" +
                                  (std::get<2>(test.param) ? "_log1p" : "") + "_" +
                                  RnnLikelihoodName(std::get<3>(test.param));
                         });

}  // namespace
}  // namespace invplan::forecast
