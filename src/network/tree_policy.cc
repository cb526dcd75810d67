#include "network/tree_policy.h"

#include <algorithm>
#include <cmath>

#include "network/serial_ssm.h"

namespace invplan::network {
namespace {

int DepthBelow(const Network& net, int root, int at) {
  return net.locations[static_cast<std::size_t>(at)].depth -
         net.locations[static_cast<std::size_t>(root)].depth;
}

// Splits `total` among parts with the given means and sds at one normal score
// (equally beyond the means when no part has a spread).
std::vector<double> SplitAtOneScore(double total, const std::vector<double>& mean,
                                    const std::vector<double>& sd) {
  double mu = 0.0, sigma = 0.0;
  for (std::size_t i = 0; i < mean.size(); ++i) {
    mu += mean[i];
    sigma += sd[i];
  }
  std::vector<double> out(mean.size());
  for (std::size_t i = 0; i < mean.size(); ++i) {
    out[i] = sigma > 0.0 ? mean[i] + (total - mu) / sigma * sd[i]
                         : mean[i] + (total - mu) / static_cast<double>(mean.size());
  }
  return out;
}

}  // namespace

TreePlan PlanTree(const Network& net, int root, const std::vector<TreeInternal>& internal,
                  const std::vector<TreeStore>& stores) {
  int height = 0;  // internal levels: the root's is 0
  for (const TreeInternal& x : internal)
    height = std::max(height, DepthBelow(net, root, x.location));
  const int n_stages = height + 2;
  // Stage of an internal location: n_stages - depth below the root.
  std::vector<SerialStage> st(static_cast<std::size_t>(n_stages));
  std::vector<double> local(static_cast<std::size_t>(n_stages), 0.0);
  std::vector<double> sigma(static_cast<std::size_t>(n_stages), 0.0);
  double p = 0.0;
  for (const TreeStore& s : stores) {
    st[0].ltd_mean += s.params.mean;
    sigma[0] += s.params.sd;
  }
  for (const TreeInternal& x : internal) {
    const std::size_t j =
        static_cast<std::size_t>(n_stages - 1 - DepthBelow(net, root, x.location));
    st[j].ltd_mean += x.mean;
    sigma[j] += x.sd;
  }
  // sigma-weighted local costs (equal weights without spread).
  std::vector<int> count(static_cast<std::size_t>(n_stages), 0);
  count[0] = static_cast<int>(stores.size());
  for (const TreeInternal& x : internal) {
    ++count[static_cast<std::size_t>(n_stages - 1 - DepthBelow(net, root, x.location))];
  }
  for (const TreeStore& s : stores) {
    const double w = sigma[0] > 0.0 ? s.params.sd / sigma[0] : 1.0 / count[0];
    local[0] += w * s.params.holding;
    p += w * s.params.stockout;
  }
  for (const TreeInternal& x : internal) {
    const std::size_t j =
        static_cast<std::size_t>(n_stages - 1 - DepthBelow(net, root, x.location));
    const double w = sigma[j] > 0.0 ? x.sd / sigma[j] : 1.0 / count[j];
    local[j] += w * net.locations[static_cast<std::size_t>(x.location)].holding_cost;
  }
  for (std::size_t j = 0; j < st.size(); ++j) {
    st[j].ltd_sd = sigma[j];
    st[j].echelon_holding = j + 1 < st.size() ? std::max(0.0, local[j] - local[j + 1]) : local[j];
  }
  const SerialSolution sol = OptimizeSerial(st, std::max(p, 1e-12));

  TreePlan out;
  {
    std::vector<double> mean, sd;
    for (const TreeStore& s : stores) {
      mean.push_back(s.params.mean);
      sd.push_back(s.params.sd);
    }
    out.store_level = SplitAtOneScore(sol.echelon_base_stock[0], mean, sd);
  }
  for (int j = 1; j < n_stages; ++j) {
    std::vector<int> at;
    std::vector<double> mean, sd;
    for (const TreeInternal& x : internal) {
      if (n_stages - 1 - DepthBelow(net, root, x.location) != j) continue;
      at.push_back(x.location);
      mean.push_back(x.mean);
      sd.push_back(x.sd);
    }
    const double share = std::max(0.0, sol.echelon_base_stock[static_cast<std::size_t>(j)] -
                                           sol.echelon_base_stock[static_cast<std::size_t>(j - 1)]);
    const std::vector<double> split = SplitAtOneScore(share, mean, sd);
    for (std::size_t k = 0; k < at.size(); ++k) out.installation[at[k]] = split[k];
  }
  // Echelon levels bottom-up: a location's share plus its children's echelons.
  for (const auto& [loc, inst] : out.installation) out.echelon[loc] = inst;
  for (std::size_t k = 0; k < stores.size(); ++k) {
    for (int a = net.locations[static_cast<std::size_t>(stores[k].location)].parent_index; a >= 0;
         a = net.locations[static_cast<std::size_t>(a)].parent_index) {
      out.echelon[a] += out.store_level[k];
      if (a == root) break;
    }
  }
  for (const TreeInternal& x : internal) {
    if (x.location == root) continue;
    const double own = out.installation[x.location];
    for (int a = net.locations[static_cast<std::size_t>(x.location)].parent_index; a >= 0;
         a = net.locations[static_cast<std::size_t>(a)].parent_index) {
      out.echelon[a] += own;
      if (a == root) break;
    }
  }
  // The root's echelon level is never below what the rest holds (as for one DC).
  const double below = out.echelon[root] - out.installation[root];
  out.echelon[root] = std::max(sol.echelon_base_stock.back(), below);
  out.installation[root] = out.echelon[root] - below;
  return out;
}

}  // namespace invplan::network
