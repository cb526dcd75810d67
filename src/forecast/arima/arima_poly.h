// Polynomial helpers of the ARIMA engine: seasonal expansion, the PACF
// reparametrisation that keeps AR parts stationary during optimisation, root
// checks and inversion of MA polynomials.
//
// Conventions: AR polynomial 1 - phi_1 B - ... - phi_p B^p, MA polynomial
// 1 + theta_1 B + ... + theta_q B^q (as R's arima).
#pragma once
#include <vector>

namespace invplan::forecast::detail {

// Expanded coefficients of (1 - a(B))(1 - A(B^s)) as phi (1 - sum phi_i B^i),
// and of (1 + b(B))(1 + B(B^s)) as theta. Outputs are resized.
void ExpandArma(const double* ar, int p, const double* sar, int P, const double* ma, int q,
                const double* sma, int Q, int s, std::vector<double>* phi,
                std::vector<double>* theta);

// Maps unconstrained values to the coefficients of a stationary AR polynomial
// (tanh to partial autocorrelations, then Durbin-Levinson), in place.
void PacfToAr(double* x, int p);
// The inverse of PacfToAr; values are clamped just inside (-1, 1) first.
void ArToPacf(double* x, int p);

// Smallest modulus of the roots of 1 - sum c_i z^i (sign = -1) or
// 1 + sum c_i z^i (sign = +1); 1e300 when the polynomial is constant.
double MinRootModulus(const std::vector<double>& c, int sign);
// True when 1 - sum c_i z^i has all roots outside the unit circle.
bool IsStationary(const std::vector<double>& c);
// Reflects the roots of 1 + sum c_i z^i inside the unit circle to make the MA
// polynomial invertible (same autocovariances).
void InvertMa(std::vector<double>* c);

// Differencing polynomial (1-B)^d (1-B^s)^D as delta: u_t = sum delta_i u_{t-i} + w_t.
std::vector<double> DifferencingPolynomial(int d, int D, int s);
// Applies (1-B)^d (1-B^s)^D; the result is n - d - s*D long.
std::vector<double> Difference(const std::vector<double>& x, int d, int D, int s);

}  // namespace invplan::forecast::detail
