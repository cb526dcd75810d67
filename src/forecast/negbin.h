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

// The smallest integer k with P(Y <= k) >= p, for p in (0, 1). Exact summation
// of the probabilities while the mean is moderate; for large means (where the
// distribution is close to normal) the normal approximation with the same mean
// and variance, rounded up.
double NegBinQuantile(double p, double mu, double alpha);

}  // namespace invplan::forecast
