// Count distributions fitted to demand observed through sales: a period whose
// shelf ran empty shows sales y, and says only that demand was at least y (a
// right-censored observation). Its likelihood term is the survival probability
// P(Y >= y) instead of P(Y = y); fitting as if sales were demand underestimates
// the mean.
//
// Contracts:
//  * Counts are whole units: a fractional censoring point c means Y >= ceil(c);
//    an observed fractional y uses the continuous extension of the pmf
//    (NegBinLogPmf).
//  * Negative binomial with mean μ and dispersion α (variance μ + αμ²); α = 0
//    is Poisson (CountDistribution).
#pragma once

#include <cstddef>
#include <vector>

#include "common/count_distribution.h"

namespace invplan {

// The count distribution with mean `mean` > 0 and dispersion `alpha` >= 0
// (0: Poisson).
CountDistribution CountWithDispersion(double mean, double alpha);

// log P(Y >= ceil(c)) (0 for c <= 0), by summing the probabilities of the
// counts below ceil(c).
double CountLogSurvival(const CountDistribution& d, double c);

// E[Y | Y >= ceil(c)] = (μ − Σ_{k<ceil c} k·P(k)) / (1 − Σ_{k<ceil c} P(k)),
// at least ceil(c) (where the tail beyond c holds too little mass to divide by).
double CountTailMean(const CountDistribution& d, double c);

struct CensoredCountFit {
  double mean = 0.0;
  double alpha = 0.0;  // 0: Poisson
  double log_likelihood = 0.0;
  std::size_t censored = 0;  // observations that were censored
};

// Maximum likelihood fit of a Poisson (`poisson`) or negative binomial to
// values y_i >= 0 where censored[i] != 0 marks Y_i >= y_i. The mean is found by
// EM for a given α (the complete-data estimate is the sample mean, the E-step
// CountTailMean), α by golden-section search on log α in [1e-6, 100] over the
// profile likelihood. Non-finite values are skipped. An empty or all-zero
// sample gives mean 0.
CensoredCountFit FitCensoredCounts(const std::vector<double>& y, const std::vector<char>& censored,
                                   bool poisson);

}  // namespace invplan
