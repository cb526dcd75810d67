// The negative binomial distribution in the mean/dispersion form used for count
// data: mean μ > 0, dispersion α > 0, variance μ + α·μ² (α → 0 is Poisson). The
// network's count head (forecast/rnn_net.h) is trained on its log-likelihood and
// forecasts with its mean and quantiles.
#pragma once

namespace invplan::forecast {

// ψ(x), the derivative of log Γ, for x > 0.
double Digamma(double x);

// log P(Y = y) for y >= 0 (non-integer y is allowed: the continuous extension
// through Γ, so fractional quantities still give a smooth loss).
double NegBinLogPmf(double y, double mu, double alpha);

// Derivatives of log P(Y = y) with respect to μ and α.
void NegBinLogPmfGradient(double y, double mu, double alpha, double* d_mu, double* d_alpha);

// I_x(a, b), the regularized incomplete beta function, for a, b > 0.
double RegularizedIncompleteBeta(double a, double b, double x);

// P(Y <= k) = I_{r/(r+μ)}(r, floor(k) + 1) with r = 1/α.
double NegBinCdf(double k, double mu, double alpha);

// The smallest integer k with P(Y <= k) >= p, for p in (0, 1): by summing the
// probabilities for small counts, by bisection on NegBinCdf for large ones (a few
// dozen evaluations whatever the mean).
double NegBinQuantile(double p, double mu, double alpha);

}  // namespace invplan::forecast
