// Isolation forest (Liu, Ting & Zhou, ICDM 2008) and its extended variant with
// random hyperplane splits (Hariri, Carrasco Kind & Brunner, 2019).
//
// A forest is trained on a row-major matrix. Each tree draws `sample_size` rows
// without replacement (all rows if there are fewer), splits recursively until a
// node holds one distinct point or reaches the height limit ceil(log2 psi), and
// records at each leaf depth + c(size). The anomaly score of a point is
//   s(x) = 2^(-E[h(x)] / c(psi)),  in (0, 1], higher = more anomalous.
// Tree t draws its random numbers from DeriveSeed(seed, t) only, so a forest is
// identical for any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace invplan::detect {

// The n-th harmonic number: exact summation for n < 4096, the asymptotic
// expansion ln n + gamma + 1/(2n) - 1/(12 n^2) beyond (error < 1e-15 there).
double Harmonic(std::uint64_t n);

// c(n): the average path length of an unsuccessful search in a binary search
// tree of n points, 2 H(n-1) - 2 (n-1)/n; c(2) = 1, c(0) = c(1) = 0.
double AveragePathLength(std::uint64_t n);

// A dense row-major matrix of features; NaN is not allowed in what a forest sees.
struct Matrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> data;
  const double* row(std::size_t i) const { return data.data() + i * cols; }
  double* row(std::size_t i) { return data.data() + i * cols; }
};

// One node; children of an internal node are stored next to each other
// (right = left + 1). Leaves have left = -1 and hold their path length
// (depth + c(size)) in `value`; internal nodes hold the split threshold.
struct Node {
  double value = 0.0;
  std::int32_t feature = -1;  // split feature (classic forest); -1 for hyperplanes
  std::int32_t left = -1;
  bool leaf() const { return left < 0; }
};

struct Tree {
  std::vector<Node> nodes;          // nodes[0] is the root
  std::vector<std::uint32_t> size;  // training points that reached each node
  // Extended forest: node i's hyperplane passes through point[i*cols .. +cols)
  // with normal normal[i*cols .. +cols) (zeros for leaves); a point goes left
  // when dot(normal, x) < value (= dot(normal, point)).
  std::vector<double> normal, point;
};

struct ForestParams {
  int trees = 100;
  std::size_t sample_size = 256;
  int extension_level = 0;  // 0: axis-parallel splits; up to cols-1
  std::uint64_t seed = 42;
  int threads = 0;
};

class Forest {
 public:
  Forest() = default;
  // Trains on every row of `x` (rows >= 2, no NaN). Throws std::invalid_argument
  // for parameters the data cannot support (the caller validates user input).
  static Forest Train(const Matrix& x, const ForestParams& params);
  // Assembles a forest from stored parts (a saved model); checks the structure
  // and throws std::invalid_argument if it is inconsistent.
  static Forest FromParts(std::size_t cols, std::size_t psi, int extension_level,
                          std::vector<Tree> trees);

  // Path length of `x` (cols values) in tree t, including the leaf's c(size).
  double PathLength(std::size_t t, const double* x) const;
  // Mean path length over the trees.
  double MeanPathLength(const double* x) const;
  // The anomaly score 2^(-E[h]/c(psi)).
  double Score(const double* x) const;
  // Scores rows [0, x.rows) of `x` into out[0..rows), in parallel; the result
  // does not depend on `threads`.
  void ScoreAll(const Matrix& x, int threads, double* out) const;

  // How much each feature did to isolate `x`: at every split on the path of
  // every tree the point is separated from part of the node's training points,
  // worth log2(parent size / child size) bits; a classic split credits those
  // bits to its feature, a hyperplane split shares them in proportion to
  // |normal_j * (x_j - point_j)|, each feature's part of the distance to the
  // plane. Returns one non-negative share per feature, summing to 1 (all zeros
  // if no split separated anything).
  std::vector<double> Explain(const double* x) const;

  std::size_t cols() const { return cols_; }
  std::size_t psi() const { return psi_; }
  int extension_level() const { return extension_level_; }
  int height_limit() const { return height_limit_; }
  double c_psi() const { return c_psi_; }
  const std::vector<Tree>& trees() const { return trees_; }

 private:
  std::size_t cols_ = 0;
  std::size_t psi_ = 0;
  int extension_level_ = 0;
  int height_limit_ = 0;
  double c_psi_ = 0.0;
  std::vector<Tree> trees_;

  // Axis-parallel trees in a form for batch scoring: the next node is
  // left + !(x[feature] < threshold). A leaf has a NaN threshold (so the step
  // always adds 1) and left = itself - 1: it leads to itself, every row takes
  // exactly `depth` steps with no branch to mispredict, and several rows walk a
  // tree side by side.
  struct FlatNode {
    double threshold;
    std::int32_t feature, left;
  };
  struct FlatTree {
    std::vector<FlatNode> nodes;
    std::vector<double> value;
    int depth = 0;
  };
  std::vector<FlatTree> flat_;
  std::vector<std::vector<double>> edge_bits_;  // [tree][child]: bits of the split into it
  void Flatten();
};

// Score from a mean path length and c(psi).
double ScoreFromPathLength(double mean_path_length, double c_psi);

}  // namespace invplan::detect
