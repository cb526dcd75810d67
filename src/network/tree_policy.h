// Distribution trees deeper than two echelons (supplier -> regional DC -> DC
// -> stores, any depth): echelon base-stock levels of one SKU on the subtree of
// a root (a location whose parent is a supplier).
//
// APPROXIMATION (the balance assumption applied recursively, after Federgruen
// & Zipkin 1984). Every internal location is assumed able to split its echelon
// stock so that all of its children's subtrees sit at the same normal score.
// Under it the locations at one distance from the root act as one stage, and
// the subtree is the serial system
//   stage 1      the stores (all of them, whatever their depth): mean sum mu_i
//                over each store's exposure, sd sum sigma_i (no pooling);
//   stage j >= 2 the internal locations j - 1 levels above the deepest stage
//                (stage N = the root): mean sum of their lead-time demands, sd
//                sum of their lead-time sds (each location's own sd pools its
//                stores; locations of one stage are not pooled);
// with sigma-weighted local holding (and stockout) costs, echelon holding
// cost of a stage = its local cost less the next stage's. Chen–Zheng's exact
// recursion (network/serial_ssm.h) gives the stage levels S*_1..S*_N. Store i
// gets mu_i + z_1 sigma_i with z_1 = (S*_1 - sum mu) / sum sigma; stage j's
// share S*_j - S*_{j-1} goes to its locations as mu_x + z_j sigma_x; a
// location's echelon level is its share plus its children's echelon levels.
// For a serial chain (one location per stage) nothing is aggregated and the
// levels are Chen–Zheng's exact optimum (Snyder & Shen example 6.1 through the
// CLI: tests/cli). A store closer to the root than the deepest stores is in
// stage 1 as well (the stages between have zero lead time for it).
#pragma once

#include <map>
#include <vector>

#include "network/distribution.h"
#include "network/network_file.h"

namespace invplan::network {

struct TreeInternal {
  int location = -1;
  double mean = 0.0, sd = 0.0;  // its lead-time demand (all its stores)
};

struct TreeStore {
  int location = -1;
  StoreParams params;
};

struct TreePlan {
  std::map<int, double> echelon, installation;  // per internal location
  std::vector<double> store_level;              // parallel to the stores
};

// `internal`: every internal location of the root's subtree, root included;
// `stores`: every store in it.
TreePlan PlanTree(const Network& net, int root, const std::vector<TreeInternal>& internal,
                  const std::vector<TreeStore>& stores);

}  // namespace invplan::network
