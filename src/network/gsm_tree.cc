#include "network/gsm_tree.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "invplan/error.h"

namespace invplan::network {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Tables {
  // f[S]: the cheapest cost of the node's subtree with S_k = S (parent downstream);
  // g[SI]: with SI_k = SI (parent upstream). arg*: the other service time.
  std::vector<double> f, g;
  std::vector<int> argf, argg;
};

// min and argmin of v over [0, x] (prefix) or [x, end) (suffix) for every x;
// ties go to the smaller index.
void RunningMin(const std::vector<double>& v, bool prefix, std::vector<double>* min,
                std::vector<int>* arg) {
  const int n = static_cast<int>(v.size());
  min->assign(v.begin(), v.end());
  arg->resize(v.size());
  for (int i = 0; i < n; ++i) (*arg)[i] = i;
  for (int step = 0; step + 1 < n; ++step) {
    const int x = prefix ? step + 1 : n - 2 - step, prev = prefix ? x - 1 : x + 1;
    if (prefix ? (*min)[prev] <= (*min)[x] : (*min)[prev] < (*min)[x]) {
      (*min)[x] = (*min)[prev];
      (*arg)[x] = (*arg)[prev];
    }
  }
}

}  // namespace

GsmSolution OptimizeGsmTree(const std::vector<GsmNode>& nodes) {
  const int n = static_cast<int>(nodes.size());
  if (n == 0) throw UsageError("guaranteed-service tree: no nodes");
  std::vector<std::vector<int>> succ(n), adj(n);
  int arcs = 0;
  for (int k = 0; k < n; ++k) {
    const GsmNode& v = nodes[k];
    if (v.processing_time < 0 || v.holding_cost < 0 || v.demand_sd < 0 ||
        v.external_inbound_cst < 0 || v.external_outbound_cst < 0) {
      throw UsageError("guaranteed-service tree: node " + std::to_string(k) +
                       ": times and costs must be >= 0");
    }
    for (int p : v.predecessors) {
      if (p < 0 || p >= n || p == k) {
        throw UsageError("guaranteed-service tree: node " + std::to_string(k) +
                         ": bad predecessor " + std::to_string(p));
      }
      succ[p].push_back(k);
      adj[p].push_back(k);
      adj[k].push_back(p);
      ++arcs;
    }
  }
  // A tree: n - 1 arcs and connected.
  std::vector<int> parent(n, -2), order;
  order.reserve(n);
  parent[0] = -1;
  order.push_back(0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (int w : adj[order[i]]) {
      if (parent[w] == -2) {
        parent[w] = order[i];
        order.push_back(w);
      }
    }
  }
  if (arcs != n - 1 || static_cast<int>(order.size()) != n) {
    throw UsageError("guaranteed-service tree: the nodes do not form a tree");
  }

  GsmSolution sol;
  // Demand standard deviation and maximum replenishment time, in topological
  // order of the arcs (successors before predecessors for sigma).
  sol.demand_sd.assign(n, -1.0);
  std::function<double(int)> var = [&](int k) -> double {
    if (sol.demand_sd[k] >= 0.0) return sol.demand_sd[k] * sol.demand_sd[k];
    double v = nodes[k].demand_sd * nodes[k].demand_sd;
    for (int s : succ[k]) v += var(s);
    sol.demand_sd[k] = std::sqrt(v);
    return v;
  };
  std::vector<int> maxrep(n, -1);
  std::function<int(int)> rep = [&](int k) -> int {
    if (maxrep[k] >= 0) return maxrep[k];
    int in = nodes[k].external_inbound_cst;
    for (int p : nodes[k].predecessors) in = std::max(in, rep(p));
    return maxrep[k] = in + nodes[k].processing_time;
  };
  int U = 0;
  for (int k = 0; k < n; ++k) {
    var(k);
    U = std::max(U, rep(k));
  }

  auto stage_cost = [&](int k, int si, int s) {
    const int nlt = si + nodes[k].processing_time - s;
    if (nlt < 0) return kInf;
    return nodes[k].holding_cost * nodes[k].safety_factor * sol.demand_sd[k] *
           std::sqrt(static_cast<double>(nlt));
  };
  auto s_ok = [&](int k, int s) {
    return !nodes[k].external_demand || s <= nodes[k].external_outbound_cst;
  };
  auto si_lo = [&](int k) { return nodes[k].external_inbound_cst; };

  std::vector<Tables> t(n);
  // Running minima over the children's tables: F(x) = min_{x' <= x} f(x'),
  // G(y) = min_{y' >= y} g(y').
  std::vector<std::vector<double>> Fmin(n), Gmin(n);
  std::vector<std::vector<int>> Farg(n), Garg(n);
  auto children_cost = [&](int k, int si, int s) {
    double c = 0.0;
    for (int w : adj[k]) {
      if (w == parent[k]) continue;
      const bool is_pred = std::find(nodes[k].predecessors.begin(), nodes[k].predecessors.end(),
                                     w) != nodes[k].predecessors.end();
      c += is_pred ? Fmin[w][si] : Gmin[w][s];
      if (c == kInf) return kInf;
    }
    return c;
  };
  auto is_pred_of = [&](int w, int k) {
    return std::find(nodes[k].predecessors.begin(), nodes[k].predecessors.end(), w) !=
           nodes[k].predecessors.end();
  };

  for (int idx = n - 1; idx >= 1; --idx) {
    const int k = order[idx], par = parent[k];
    Tables& tk = t[k];
    if (is_pred_of(k, par)) {
      // Parent downstream: f_k(S) = min over SI.
      tk.f.assign(U + 1, kInf);
      tk.argf.assign(U + 1, -1);
      for (int s = 0; s <= U; ++s) {
        if (!s_ok(k, s)) continue;
        for (int si = si_lo(k); si <= U; ++si) {
          const double c = stage_cost(k, si, s);
          if (c == kInf) continue;
          const double total = c + children_cost(k, si, s);
          if (total < tk.f[s] - 1e-12) {
            tk.f[s] = total;
            tk.argf[s] = si;
          }
        }
      }
      RunningMin(tk.f, /*prefix=*/true, &Fmin[k], &Farg[k]);
    } else {
      // Parent upstream: g_k(SI) = min over S.
      tk.g.assign(U + 1, kInf);
      tk.argg.assign(U + 1, -1);
      for (int si = si_lo(k); si <= U; ++si) {
        for (int s = 0; s <= U; ++s) {
          if (!s_ok(k, s)) continue;
          const double c = stage_cost(k, si, s);
          if (c == kInf) continue;
          const double total = c + children_cost(k, si, s);
          if (total < tk.g[si] - 1e-12) {
            tk.g[si] = total;
            tk.argg[si] = s;
          }
        }
      }
      RunningMin(tk.g, /*prefix=*/false, &Gmin[k], &Garg[k]);
    }
  }

  // The root: both service times free.
  const int root = order[0];
  double best = kInf;
  int best_si = -1, best_s = -1;
  for (int si = si_lo(root); si <= U; ++si) {
    for (int s = 0; s <= U; ++s) {
      if (!s_ok(root, s)) continue;
      const double c = stage_cost(root, si, s);
      if (c == kInf) continue;
      const double total = c + children_cost(root, si, s);
      if (total < best - 1e-12) {
        best = total;
        best_si = si;
        best_s = s;
      }
    }
  }
  if (best == kInf) throw UsageError("guaranteed-service tree: no feasible service times");

  sol.outbound_cst.assign(n, 0);
  sol.inbound_cst.assign(n, 0);
  sol.net_lead_time.assign(n, 0.0);
  sol.safety_stock.assign(n, 0.0);
  sol.cost = best;
  // Back out every node's service times from its tree parent's.
  std::vector<int> stack{root};
  sol.inbound_cst[root] = best_si;
  sol.outbound_cst[root] = best_s;
  while (!stack.empty()) {
    const int k = stack.back();
    stack.pop_back();
    for (int w : adj[k]) {
      if (w == parent[k]) continue;
      if (is_pred_of(w, k)) {
        const int s = Farg[w][sol.inbound_cst[k]];
        sol.outbound_cst[w] = s;
        sol.inbound_cst[w] = t[w].argf[s];
      } else {
        const int si = Garg[w][sol.outbound_cst[k]];
        sol.inbound_cst[w] = si;
        sol.outbound_cst[w] = t[w].argg[si];
      }
      stack.push_back(w);
    }
  }
  for (int k = 0; k < n; ++k) {
    // The inbound service time actually seen is the latest predecessor's.
    int si = nodes[k].external_inbound_cst;
    for (int p : nodes[k].predecessors) si = std::max(si, sol.outbound_cst[p]);
    if (!nodes[k].predecessors.empty()) sol.inbound_cst[k] = si;
    sol.net_lead_time[k] = sol.inbound_cst[k] + nodes[k].processing_time - sol.outbound_cst[k];
    sol.safety_stock[k] =
        nodes[k].safety_factor * sol.demand_sd[k] * std::sqrt(std::max(0.0, sol.net_lead_time[k]));
  }
  return sol;
}

}  // namespace invplan::network
