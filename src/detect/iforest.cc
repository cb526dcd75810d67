#include "detect/iforest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "common/parallel.h"
#include "common/random.h"

namespace invplan::detect {
namespace {

constexpr std::uint64_t kExactHarmonicBelow = 4096;
constexpr double kEulerGamma = 0.57721566490153286061;

const std::vector<double>& HarmonicTable() {
  static const std::vector<double> table = [] {
    std::vector<double> h(kExactHarmonicBelow, 0.0);
    for (std::uint64_t i = 1; i < kExactHarmonicBelow; ++i) {
      h[i] = h[i - 1] + 1.0 / static_cast<double>(i);
    }
    return h;
  }();
  return table;
}

// Draws `k` distinct indices from [0, n) (k <= n), sorted. Floyd's algorithm
// when k is small against n (no O(n) work per tree), a partial shuffle otherwise.
std::vector<std::uint32_t> SampleWithoutReplacement(std::size_t n, std::size_t k, Rng& rng) {
  std::vector<std::uint32_t> out;
  if (k * 4 >= n) {
    std::vector<std::uint32_t> all(n);
    std::iota(all.begin(), all.end(), 0u);
    for (std::size_t i = 0; i < k; ++i) {
      std::size_t j = i + rng.Below(n - i);
      std::swap(all[i], all[j]);
    }
    out.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
  } else {
    std::unordered_set<std::uint32_t> chosen;
    chosen.reserve(k * 2);
    for (std::size_t j = n - k; j < n; ++j) {
      auto t = static_cast<std::uint32_t>(rng.Below(j + 1));
      if (!chosen.insert(t).second) chosen.insert(static_cast<std::uint32_t>(j));
    }
    out.assign(chosen.begin(), chosen.end());
  }
  // Sorted so that the tree does not depend on hash-set iteration order.
  std::sort(out.begin(), out.end());
  return out;
}

class TreeBuilder {
 public:
  TreeBuilder(const Matrix& x, int extension_level, int height_limit, std::uint64_t seed)
      : x_(x),
        cols_(x.cols),
        extension_(extension_level),
        height_limit_(height_limit),
        rng_(seed),
        lo_(x.cols),
        hi_(x.cols) {}

  Tree Build(std::vector<std::uint32_t> sample) {
    idx_ = std::move(sample);
    tree_ = Tree{};
    tree_.nodes.emplace_back();
    tree_.size.push_back(0);
    if (extension_ > 0) {
      tree_.normal.assign(cols_, 0.0);
      tree_.point.assign(cols_, 0.0);
    }
    Grow(0, 0, idx_.size(), 0);
    return std::move(tree_);
  }

 private:
  void MakeLeaf(std::size_t node, std::size_t n, int depth) {
    tree_.nodes[node].left = -1;
    tree_.nodes[node].feature = -1;
    tree_.nodes[node].value = depth + AveragePathLength(n);
  }

  // Bounds of the node's points; false if every feature is constant there.
  bool Bounds(std::size_t begin, std::size_t end) {
    for (std::size_t j = 0; j < cols_; ++j) {
      lo_[j] = hi_[j] = x_.row(idx_[begin])[j];
    }
    for (std::size_t i = begin + 1; i < end; ++i) {
      const double* r = x_.row(idx_[i]);
      for (std::size_t j = 0; j < cols_; ++j) {
        lo_[j] = std::min(lo_[j], r[j]);
        hi_[j] = std::max(hi_[j], r[j]);
      }
    }
    for (std::size_t j = 0; j < cols_; ++j) {
      if (hi_[j] > lo_[j]) return true;
    }
    return false;
  }

  void Grow(std::size_t node, std::size_t begin, std::size_t end, int depth) {
    const std::size_t n = end - begin;
    tree_.size[node] = static_cast<std::uint32_t>(n);
    if (depth >= height_limit_ || n <= 1 || !Bounds(begin, end)) {
      MakeLeaf(node, n, depth);
      return;
    }
    std::size_t mid;
    if (extension_ == 0) {
      mid = SplitAxis(node, begin, end);
    } else {
      mid = SplitHyperplane(node, begin, end);
    }
    auto left = static_cast<std::int32_t>(tree_.nodes.size());
    tree_.nodes[node].left = left;
    tree_.nodes.emplace_back();
    tree_.nodes.emplace_back();
    tree_.size.push_back(0);
    tree_.size.push_back(0);
    if (extension_ > 0) {
      tree_.normal.resize(tree_.nodes.size() * cols_, 0.0);
      tree_.point.resize(tree_.nodes.size() * cols_, 0.0);
    }
    Grow(static_cast<std::size_t>(left), begin, mid, depth + 1);
    Grow(static_cast<std::size_t>(left) + 1, mid, end, depth + 1);
  }

  // A random non-constant feature, a threshold uniform between its bounds;
  // points below it go left. Both sides are non-empty.
  std::size_t SplitAxis(std::size_t node, std::size_t begin, std::size_t end) {
    candidates_.clear();
    for (std::size_t j = 0; j < cols_; ++j) {
      if (hi_[j] > lo_[j]) candidates_.push_back(j);
    }
    std::size_t f = candidates_[rng_.Below(candidates_.size())];
    double t = rng_.Uniform(lo_[f], hi_[f]);
    // Rounding may land on a bound; keep at least one point on each side.
    if (!(t > lo_[f])) t = std::nextafter(lo_[f], hi_[f]);
    if (t > hi_[f]) t = hi_[f];
    tree_.nodes[node].feature = static_cast<std::int32_t>(f);
    tree_.nodes[node].value = t;
    auto it = std::partition(idx_.begin() + static_cast<std::ptrdiff_t>(begin),
                             idx_.begin() + static_cast<std::ptrdiff_t>(end),
                             [&](std::uint32_t r) { return x_.row(r)[f] < t; });
    return static_cast<std::size_t>(it - idx_.begin());
  }

  // Hariri et al.: a normal with standard normal components of which
  // cols - extension - 1 (chosen at random) are zeroed, through a point drawn
  // uniformly in the node's bounding box. A side may be empty.
  std::size_t SplitHyperplane(std::size_t node, std::size_t begin, std::size_t end) {
    double* normal = tree_.normal.data() + node * cols_;
    double* point = tree_.point.data() + node * cols_;
    for (std::size_t j = 0; j < cols_; ++j) normal[j] = rng_.Normal();
    order_.resize(cols_);
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::size_t zeroed = cols_ - static_cast<std::size_t>(extension_) - 1;
    for (std::size_t i = 0; i < zeroed; ++i) {
      std::size_t j = i + rng_.Below(cols_ - i);
      std::swap(order_[i], order_[j]);
      normal[order_[i]] = 0.0;
    }
    double t = 0.0;
    for (std::size_t j = 0; j < cols_; ++j) {
      point[j] = rng_.Uniform(lo_[j], hi_[j]);
      if (!(hi_[j] > lo_[j])) point[j] = lo_[j];
      t += normal[j] * point[j];
    }
    tree_.nodes[node].feature = -1;
    tree_.nodes[node].value = t;
    auto it = std::partition(idx_.begin() + static_cast<std::ptrdiff_t>(begin),
                             idx_.begin() + static_cast<std::ptrdiff_t>(end), [&](std::uint32_t r) {
                               const double* v = x_.row(r);
                               double s = 0.0;
                               for (std::size_t j = 0; j < cols_; ++j) s += normal[j] * v[j];
                               return s < t;
                             });
    return static_cast<std::size_t>(it - idx_.begin());
  }

  const Matrix& x_;
  std::size_t cols_;
  int extension_;
  int height_limit_;
  Rng rng_;
  Tree tree_;
  std::vector<std::uint32_t> idx_;
  std::vector<double> lo_, hi_;
  std::vector<std::size_t> candidates_, order_;
};

int HeightLimit(std::size_t psi) {
  int h = 0;
  while ((std::size_t{1} << h) < psi) ++h;
  return h;
}

// The leaf `x` reaches in `tree`, and the node path if `path` is not null.
std::size_t Descend(const Tree& tree, std::size_t cols, const double* x,
                    std::vector<std::size_t>* path) {
  const Node* nodes = tree.nodes.data();
  std::size_t i = 0;
  if (tree.normal.empty()) {
    while (!nodes[i].leaf()) {
      if (path) path->push_back(i);
      i = static_cast<std::size_t>(nodes[i].left) + (x[nodes[i].feature] < nodes[i].value ? 0 : 1);
    }
  } else {
    while (!nodes[i].leaf()) {
      if (path) path->push_back(i);
      const double* n = tree.normal.data() + i * cols;
      double s = 0.0;
      for (std::size_t j = 0; j < cols; ++j) s += n[j] * x[j];
      i = static_cast<std::size_t>(nodes[i].left) + (s < nodes[i].value ? 0 : 1);
    }
  }
  return i;
}

}  // namespace

double Harmonic(std::uint64_t n) {
  if (n < kExactHarmonicBelow) return HarmonicTable()[n];
  const double x = static_cast<double>(n);
  return std::log(x) + kEulerGamma + 1.0 / (2.0 * x) - 1.0 / (12.0 * x * x);
}

double AveragePathLength(std::uint64_t n) {
  if (n <= 1) return 0.0;
  if (n == 2) return 1.0;
  const double m = static_cast<double>(n - 1);
  return 2.0 * Harmonic(n - 1) - 2.0 * m / static_cast<double>(n);
}

double ScoreFromPathLength(double mean_path_length, double c_psi) {
  return std::exp2(-mean_path_length / c_psi);
}

Forest Forest::Train(const Matrix& x, const ForestParams& params) {
  if (x.rows < 2) throw std::invalid_argument("an isolation forest needs at least 2 rows");
  if (x.cols == 0) throw std::invalid_argument("an isolation forest needs at least 1 feature");
  if (params.trees < 1) throw std::invalid_argument("trees must be at least 1");
  if (params.sample_size < 2) throw std::invalid_argument("sample size must be at least 2");
  if (params.extension_level < 0 || static_cast<std::size_t>(params.extension_level) >= x.cols) {
    throw std::invalid_argument("extension level must be between 0 and " +
                                std::to_string(x.cols - 1) + " (features - 1)");
  }
  if (x.rows > 0xffffffffULL) throw std::invalid_argument("too many training rows");
  Forest f;
  f.cols_ = x.cols;
  f.psi_ = std::min(params.sample_size, x.rows);
  f.extension_level_ = params.extension_level;
  f.height_limit_ = HeightLimit(f.psi_);
  f.c_psi_ = AveragePathLength(f.psi_);
  f.trees_.resize(static_cast<std::size_t>(params.trees));
  ParallelFor(f.trees_.size(), params.threads, [&](std::size_t t) {
    Rng rng(DeriveSeed(params.seed, t));
    std::vector<std::uint32_t> sample = SampleWithoutReplacement(x.rows, f.psi_, rng);
    TreeBuilder builder(x, f.extension_level_, f.height_limit_, rng());
    f.trees_[t] = builder.Build(std::move(sample));
  });
  f.Flatten();
  return f;
}

Forest Forest::FromParts(std::size_t cols, std::size_t psi, int extension_level,
                         std::vector<Tree> trees) {
  if (cols == 0) throw std::invalid_argument("no features");
  if (psi < 2) throw std::invalid_argument("sample size below 2");
  if (trees.empty()) throw std::invalid_argument("no trees");
  if (extension_level < 0 || static_cast<std::size_t>(extension_level) >= cols) {
    throw std::invalid_argument("extension level out of range");
  }
  for (std::size_t t = 0; t < trees.size(); ++t) {
    const Tree& tr = trees[t];
    const std::string where = "tree " + std::to_string(t) + ": ";
    const std::size_t n = tr.nodes.size();
    if (n == 0) throw std::invalid_argument(where + "no nodes");
    if (tr.size.size() != n) throw std::invalid_argument(where + "sizes do not match the nodes");
    const bool hyper = extension_level > 0;
    if (hyper && (tr.normal.size() != n * cols || tr.point.size() != n * cols)) {
      throw std::invalid_argument(where + "hyperplanes do not match the nodes");
    }
    if (!hyper && (!tr.normal.empty() || !tr.point.empty())) {
      throw std::invalid_argument(where + "hyperplanes in an axis-parallel forest");
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Node& nd = tr.nodes[i];
      if (!std::isfinite(nd.value)) throw std::invalid_argument(where + "non-finite value");
      if (nd.leaf()) continue;
      // Children after their parent: every path ends at a leaf.
      if (static_cast<std::size_t>(nd.left) <= i || static_cast<std::size_t>(nd.left) + 1 >= n) {
        throw std::invalid_argument(where + "node " + std::to_string(i) + " has bad children");
      }
      if (!hyper && (nd.feature < 0 || static_cast<std::size_t>(nd.feature) >= cols)) {
        throw std::invalid_argument(where + "node " + std::to_string(i) + " has a bad feature");
      }
    }
  }
  Forest f;
  f.cols_ = cols;
  f.psi_ = psi;
  f.extension_level_ = extension_level;
  f.height_limit_ = HeightLimit(psi);
  f.c_psi_ = AveragePathLength(psi);
  f.trees_ = std::move(trees);
  f.Flatten();
  return f;
}

void Forest::Flatten() {
  // Explanations credit each split with log2(size[parent] / size[child]) bits
  // for the child a row takes; precomputed per child so that explaining a row
  // costs one lookup per level instead of a logarithm. An empty child
  // (possible with hyperplanes) counts as half a point.
  edge_bits_.assign(trees_.size(), {});
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    const Tree& tree = trees_[t];
    std::vector<double>& bits = edge_bits_[t];
    bits.assign(tree.nodes.size(), 0.0);
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
      const Node& nd = tree.nodes[i];
      if (nd.leaf()) continue;
      for (std::size_t c = static_cast<std::size_t>(nd.left);
           c <= static_cast<std::size_t>(nd.left) + 1; ++c) {
        bits[c] = std::log2(static_cast<double>(tree.size[i]) /
                            std::max(0.5, static_cast<double>(tree.size[c])));
      }
    }
  }
  flat_.clear();
  if (extension_level_ > 0) return;
  flat_.resize(trees_.size());
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    const Tree& tree = trees_[t];
    FlatTree& f = flat_[t];
    const std::size_t n = tree.nodes.size();
    f.nodes.resize(n);
    f.value.assign(n, 0.0);
    std::vector<int> depth(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Node& nd = tree.nodes[i];
      if (nd.leaf()) {
        f.nodes[i] = {std::numeric_limits<double>::quiet_NaN(), 0,
                      static_cast<std::int32_t>(i) - 1};
        f.value[i] = nd.value;
        continue;
      }
      f.nodes[i] = {nd.value, nd.feature, nd.left};
      // Children come after their parent (checked when loaded).
      depth[static_cast<std::size_t>(nd.left)] = depth[static_cast<std::size_t>(nd.left) + 1] =
          depth[i] + 1;
      f.depth = std::max(f.depth, depth[i] + 1);
    }
  }
}

double Forest::PathLength(std::size_t t, const double* x) const {
  const Tree& tree = trees_[t];
  return tree.nodes[Descend(tree, cols_, x, nullptr)].value;
}

double Forest::MeanPathLength(const double* x) const {
  double sum = 0.0;
  for (std::size_t t = 0; t < trees_.size(); ++t) sum += PathLength(t, x);
  return sum / static_cast<double>(trees_.size());
}

double Forest::Score(const double* x) const {
  return ScoreFromPathLength(MeanPathLength(x), c_psi_);
}

void Forest::ScoreAll(const Matrix& x, int threads, double* out) const {
  constexpr std::size_t kBlock = 512;
  const std::size_t blocks = (x.rows + kBlock - 1) / kBlock;
  // Tree-major within a block keeps one tree in cache while it sees 512 rows;
  // each row still sums its trees in order 0..T-1, so the result is the same as
  // Score() for any thread count.
  ParallelFor(blocks, threads, [&](std::size_t b) {
    const std::size_t begin = b * kBlock, end = std::min(x.rows, begin + kBlock);
    double sums[kBlock] = {};
    if (!flat_.empty()) {
      constexpr std::size_t kLanes = 16;
      std::int32_t at[kLanes];
      const std::size_t cols = cols_;
      for (const FlatTree& f : flat_) {
        const FlatNode* nodes = f.nodes.data();
        for (std::size_t g = begin; g < end; g += kLanes) {
          const std::size_t lanes = std::min(kLanes, end - g);
          const double* base = x.row(g);
          for (std::size_t l = 0; l < lanes; ++l) at[l] = 0;
          for (int level = 0; level < f.depth; ++level) {
            for (std::size_t l = 0; l < lanes; ++l) {
              const FlatNode& nd = nodes[at[l]];
              const double v = base[l * cols + static_cast<std::size_t>(nd.feature)];
              at[l] = nd.left + !(v < nd.threshold);
            }
          }
          for (std::size_t l = 0; l < lanes; ++l) sums[g - begin + l] += f.value[at[l]];
        }
      }
    } else {
      for (const Tree& tree : trees_) {
        for (std::size_t r = begin; r < end; ++r) {
          sums[r - begin] += tree.nodes[Descend(tree, cols_, x.row(r), nullptr)].value;
        }
      }
    }
    const double nt = static_cast<double>(trees_.size());
    for (std::size_t r = begin; r < end; ++r) {
      out[r] = ScoreFromPathLength(sums[r - begin] / nt, c_psi_);
    }
  });
}

std::vector<double> Forest::Explain(const double* x) const {
  std::vector<double> credit(cols_, 0.0);
  std::vector<std::size_t> path;
  std::vector<double> part(cols_);
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    const Tree& tree = trees_[t];
    if (tree.normal.empty()) {
      // Axis-parallel: the split feature takes the bits, no path to keep.
      const Node* nodes = tree.nodes.data();
      const double* bits = edge_bits_[t].data();
      std::size_t i = 0;
      while (!nodes[i].leaf()) {
        const Node& nd = nodes[i];
        const std::size_t child =
            static_cast<std::size_t>(nd.left) + (x[nd.feature] < nd.value ? 0 : 1);
        if (bits[child] > 0.0) credit[static_cast<std::size_t>(nd.feature)] += bits[child];
        i = child;
      }
      continue;
    }
    path.clear();
    const std::size_t leaf = Descend(tree, cols_, x, &path);
    for (std::size_t k = 0; k < path.size(); ++k) {
      const std::size_t i = path[k];
      const std::size_t child = k + 1 < path.size() ? path[k + 1] : leaf;
      const double bits = edge_bits_[t][child];
      if (bits <= 0.0) continue;
      const double* n = tree.normal.data() + i * cols_;
      const double* p = tree.point.data() + i * cols_;
      double total = 0.0;
      for (std::size_t j = 0; j < cols_; ++j) {
        part[j] = std::fabs(n[j] * (x[j] - p[j]));
        total += part[j];
      }
      if (total <= 0.0) continue;
      for (std::size_t j = 0; j < cols_; ++j) credit[j] += bits * part[j] / total;
    }
  }
  double sum = 0.0;
  for (double c : credit) sum += c;
  if (sum > 0.0) {
    for (double& c : credit) c /= sum;
  }
  return credit;
}

}  // namespace invplan::detect
