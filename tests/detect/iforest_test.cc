#include "detect/iforest.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/random.h"

namespace invplan::detect {
namespace {

Matrix Gaussian(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  Matrix m;
  m.rows = rows;
  m.cols = cols;
  m.data.resize(rows * cols);
  Rng rng(seed);
  for (double& v : m.data) v = rng.Normal();
  return m;
}

TEST(AveragePathLength, SmallValuesAreExact) {
  EXPECT_EQ(AveragePathLength(0), 0.0);
  EXPECT_EQ(AveragePathLength(1), 0.0);
  EXPECT_EQ(AveragePathLength(2), 1.0);
  // c(3) = 2 H(2) - 2*2/3 = 3 - 4/3.
  EXPECT_NEAR(AveragePathLength(3), 3.0 - 4.0 / 3.0, 1e-15);
  // c(4) = 2 (1 + 1/2 + 1/3) - 3/2.
  EXPECT_NEAR(AveragePathLength(4), 2.0 * (11.0 / 6.0) - 1.5, 1e-15);
  // psi = 256: the normaliser every default score uses.
  double h255 = 0.0;
  for (int i = 1; i <= 255; ++i) h255 += 1.0 / i;
  EXPECT_NEAR(AveragePathLength(256), 2.0 * h255 - 2.0 * 255.0 / 256.0, 1e-12);
}

TEST(Harmonic, AsymptoticBranchJoinsTheExactSum) {
  double exact = 0.0;
  for (int i = 1; i <= 5000; ++i) exact += 1.0 / i;
  EXPECT_NEAR(Harmonic(5000), exact, 1e-12);
  EXPECT_NEAR(Harmonic(4095) + 1.0 / 4096, Harmonic(4096), 1e-13);
}

TEST(Score, MeanPathLengthOfCpsiGivesOneHalf) {
  EXPECT_DOUBLE_EQ(ScoreFromPathLength(AveragePathLength(256), AveragePathLength(256)), 0.5);
  EXPECT_DOUBLE_EQ(ScoreFromPathLength(0.0, 5.0), 1.0);
  EXPECT_LT(ScoreFromPathLength(20.0, AveragePathLength(256)), 0.5);
}

// A hand-made tree: root splits feature 0 at 5; left leaf holds 1 point at depth
// 1, right child splits feature 1 at 0 into two leaves of 2 and 1 points.
Forest HandMade() {
  Tree t;
  t.nodes.resize(5);
  t.size = {4, 1, 3, 2, 1};
  t.nodes[0] = {5.0, 0, 1};
  t.nodes[1] = {1.0 + AveragePathLength(1), -1, -1};
  t.nodes[2] = {0.0, 1, 3};
  t.nodes[3] = {2.0 + AveragePathLength(2), -1, -1};
  t.nodes[4] = {2.0 + AveragePathLength(1), -1, -1};
  return Forest::FromParts(2, 4, 0, {t});
}

TEST(Forest, PathLengthsOnAHandMadeTree) {
  Forest f = HandMade();
  const double a[] = {1.0, 9.0}, b[] = {7.0, -1.0}, c[] = {7.0, 3.0};
  EXPECT_DOUBLE_EQ(f.PathLength(0, a), 1.0);
  EXPECT_DOUBLE_EQ(f.PathLength(0, b), 3.0);  // depth 2 + c(2) = 1
  EXPECT_DOUBLE_EQ(f.PathLength(0, c), 2.0);
  EXPECT_DOUBLE_EQ(f.c_psi(), AveragePathLength(4));
  EXPECT_DOUBLE_EQ(f.Score(a), std::exp2(-1.0 / AveragePathLength(4)));
  EXPECT_EQ(f.height_limit(), 2);
  // The point isolated at the root owes all of it to feature 0.
  auto share = f.Explain(a);
  EXPECT_DOUBLE_EQ(share[0], 1.0);
  EXPECT_DOUBLE_EQ(share[1], 0.0);
  // c = (7, 3): log2(4/3) bits from feature 0, log2(3/1) from feature 1.
  share = f.Explain(c);
  EXPECT_NEAR(share[1], std::log2(3.0) / (std::log2(3.0) + std::log2(4.0 / 3.0)), 1e-12);
}

TEST(Forest, FromPartsRejectsCycles) {
  Tree t;
  t.nodes.resize(3);
  t.size = {2, 1, 1};
  t.nodes[0] = {0.0, 0, 0};  // points at itself
  EXPECT_THROW(Forest::FromParts(1, 2, 0, {t}), std::invalid_argument);
}

TEST(Forest, OutlierScoresHigherThanInliers) {
  Matrix x = Gaussian(2000, 3, 7);
  for (std::size_t j = 0; j < 3; ++j) x.row(0)[j] = 8.0;  // one far point
  ForestParams p;
  Forest f = Forest::Train(x, p);
  EXPECT_EQ(f.psi(), 256u);
  EXPECT_EQ(f.height_limit(), 8);
  std::vector<double> s(x.rows);
  f.ScoreAll(x, 2, s.data());
  EXPECT_GT(s[0], 0.7);
  double mean = 0.0;
  for (std::size_t i = 1; i < s.size(); ++i) mean += s[i];
  mean /= static_cast<double>(s.size() - 1);
  EXPECT_LT(mean, 0.5);
  EXPECT_DOUBLE_EQ(s[5], f.Score(x.row(5)));
}

TEST(Forest, SameSeedSameForestForAnyThreadCount) {
  Matrix x = Gaussian(1000, 4, 3);
  for (int ext : {0, 3}) {
    ForestParams p;
    p.extension_level = ext;
    p.threads = 1;
    Forest a = Forest::Train(x, p);
    p.threads = 4;
    Forest b = Forest::Train(x, p);
    std::vector<double> sa(x.rows), sb(x.rows);
    a.ScoreAll(x, 1, sa.data());
    b.ScoreAll(x, 3, sb.data());
    EXPECT_EQ(sa, sb) << "extension level " << ext;
    p.seed = 43;
    Forest c = Forest::Train(x, p);
    std::vector<double> sc(x.rows);
    c.ScoreAll(x, 1, sc.data());
    EXPECT_NE(sa, sc);
  }
}

TEST(Forest, ExtendedForestFindsAnOffDiagonalOutlier) {
  // Points on the line y = x; (2, -2) is inside both marginals' ranges.
  Matrix x;
  x.rows = 1001;
  x.cols = 2;
  Rng rng(5);
  for (std::size_t i = 0; i < 1000; ++i) {
    double t = rng.Uniform(-3, 3);
    x.data.push_back(t);
    x.data.push_back(t + 0.05 * rng.Normal());
  }
  x.data.push_back(2.0);
  x.data.push_back(-2.0);
  ForestParams p;
  p.extension_level = 1;
  Forest f = Forest::Train(x, p);
  std::vector<double> s(x.rows);
  f.ScoreAll(x, 2, s.data());
  int above = 0;
  for (std::size_t i = 0; i < 1000; ++i) above += s[i] >= s[1000];
  EXPECT_LT(above, 10);
  auto share = f.Explain(x.row(1000));
  EXPECT_NEAR(share[0] + share[1], 1.0, 1e-12);
}

TEST(Forest, DuplicatesMakeLeavesWithTheirSize) {
  Matrix x;
  x.rows = 10;
  x.cols = 1;
  x.data.assign(10, 1.0);
  x.data[9] = 2.0;
  ForestParams p;
  p.trees = 1;
  Forest f = Forest::Train(x, p);
  const double v[] = {1.0};
  // One split separates the 9 duplicates, which stay together: 1 + c(9).
  EXPECT_DOUBLE_EQ(f.PathLength(0, v), 1.0 + AveragePathLength(9));
}

TEST(Forest, RejectsBadParameters) {
  Matrix x = Gaussian(10, 2, 1);
  ForestParams p;
  p.extension_level = 2;
  EXPECT_THROW(Forest::Train(x, p), std::invalid_argument);
  Matrix one = Gaussian(1, 2, 1);
  EXPECT_THROW(Forest::Train(one, ForestParams{}), std::invalid_argument);
}

}  // namespace
}  // namespace invplan::detect
