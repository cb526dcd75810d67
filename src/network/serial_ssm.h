// Serial systems under the stochastic-service model (Clark–Scarf): the optimal
// echelon base-stock levels by the exact recursion of Chen and Zheng (1994), as
// presented in Snyder & Shen, "Fundamentals of Supply Chain Theory", ch. 6.
//
// Model. Stages 1..N in series; stage 1 faces the customers, stage N orders from
// an unlimited supplier. Stage j has echelon holding cost h_j >= 0 per unit and
// period and a lead-time demand D_j (demand over its lead time, independent
// between stages); unmet demand at stage 1 is backordered at cost p per unit and
// period. Local holding cost at stage 1 is h'_1 = h_1 + ... + h_N. The recursion:
//   g_0(x)  = (p + h'_1) max(-x, 0)
//   g_j(y)  = h_j (y - E[D_j]) + E[ g_{j-1}(min(S*_{j-1}, y - D_j)) ]   (S*_0 = +inf)
//   S*_j    = argmin g_j(y),   C* = g_N(S*_N)
// Echelon base-stock policies with levels S*_j are optimal and C* is the optimal
// expected cost per period.
//
// Numerics (the result is exact up to the stated tolerances, not a grid optimum):
//  * Normal lead-time demand: g_1 in closed form (normal loss function). For
//    j >= 2 the expectation is split where min(S*, .) starts to bind: the flat
//    part is g(S*)·P(D <= y - S*) and the rest an integral of a smooth function,
//    taken by composite Gauss–Legendre quadrature over the normal score. g_j
//    (j < N) is kept as a Chebyshev interpolant on the part of the line below
//    S*_j that the next stage reaches (12 standard deviations). S* by golden
//    section on the convex g_j (stage 1: the newsvendor fractile in closed
//    form). With doubled quadrature and interpolation resolution the levels move
//    by < 1e-6 and the cost by < 1e-8 on Snyder & Shen's example 6.1
//    (tests/network).
//  * Poisson demand: integer levels; g_j tabulated on whole units, every
//    expectation a finite sum over the Poisson mass up to a tail of 1e-16.
// A stage with zero lead time has D_j = 0.
#pragma once

#include <vector>

namespace invplan::network {

struct SerialStage {
  double echelon_holding = 0.0;  // h_j >= 0
  double ltd_mean = 0.0;         // E[D_j] >= 0
  double ltd_sd = 0.0;           // sd of D_j >= 0 (normal); ignored for Poisson
};

enum class SerialDemand { kNormal, kPoisson };

struct SerialSolution {
  std::vector<double> echelon_base_stock;  // S*_j, index 0 = stage 1
  std::vector<double> stage_cost;          // g_j(S*_j)
  double expected_cost = 0.0;              // C* = g_N(S*_N)
};

// `stages[0]` is stage 1 (downstream). p > 0. For kPoisson, ltd_mean is the
// Poisson mean of D_j. Throws Error(kUsage) for negative or non-finite parameters.
SerialSolution OptimizeSerial(const std::vector<SerialStage>& stages, double stockout_cost,
                              SerialDemand demand = SerialDemand::kNormal, int resolution = 1);

}  // namespace invplan::network
