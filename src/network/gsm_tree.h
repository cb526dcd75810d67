// Tree systems under the guaranteed-service model: optimal committed service
// times by the dynamic programme of Graves and Willems (2000) on a spanning
// tree (any mix of assembly and distribution arcs), as in Snyder & Shen,
// "Fundamentals of Supply Chain Theory", ch. 6.
//
// Model. Node k has a processing (lead) time T_k in whole periods, a holding
// cost h_k, a safety factor z_k and the demand it serves: its own external
// demand (standard deviation sigma_ext per period) plus one unit per unit of
// each successor's demand, independent, so sigma_k^2 = sigma_ext_k^2 + sum over
// successors of sigma_s^2. Node k quotes an outbound service time S_k to its
// successors and receives its inputs after SI_k >= S_i for every predecessor i
// (and >= its external inbound service time). It holds safety stock
//   SS_k = z_k sigma_k sqrt(SI_k + T_k - S_k),   SI_k + T_k - S_k >= 0,
// and a node with external demand must quote S_k <= its external outbound
// service time. The programme minimises sum h_k SS_k over whole-period service
// times; it is exact (a tree has no cycles, so each node's subproblem depends
// only on the service time it shares with its tree parent).
#pragma once

#include <vector>

namespace invplan::network {

struct GsmNode {
  std::vector<int> predecessors;  // indices of upstream nodes
  int processing_time = 0;        // T_k >= 0
  double holding_cost = 0.0;      // h_k >= 0
  double safety_factor = 1.0;     // z_k
  double demand_sd = 0.0;         // sd of its own external demand per period
  bool external_demand = false;   // whether it serves customers
  int external_outbound_cst = 0;  // max S_k when external_demand
  int external_inbound_cst = 0;   // min SI_k
};

struct GsmSolution {
  std::vector<int> outbound_cst;  // S_k
  std::vector<int> inbound_cst;   // SI_k
  std::vector<double> net_lead_time, safety_stock, demand_sd;
  double cost = 0.0;  // sum h_k SS_k
};

// Throws Error(kUsage) when the nodes do not form a tree (connected, no cycle in
// the undirected sense) or parameters are out of range.
GsmSolution OptimizeGsmTree(const std::vector<GsmNode>& nodes);

}  // namespace invplan::network
