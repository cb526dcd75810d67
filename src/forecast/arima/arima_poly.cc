#include "forecast/arima/arima_poly.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <complex>

namespace invplan::forecast::detail {

void ExpandArma(const double* ar, int p, const double* sar, int P, const double* ma, int q,
                const double* sma, int Q, int s, std::vector<double>* phi,
                std::vector<double>* theta) {
  const int np = p + s * P, nq = q + s * Q;
  phi->assign(np, 0.0);
  theta->assign(nq, 0.0);
  for (int i = 0; i < p; ++i) (*phi)[i] = ar[i];
  for (int j = 0; j < P; ++j) {
    (*phi)[(j + 1) * s - 1] += sar[j];
    for (int i = 0; i < p; ++i) (*phi)[(j + 1) * s + i] -= ar[i] * sar[j];
  }
  for (int i = 0; i < q; ++i) (*theta)[i] = ma[i];
  for (int j = 0; j < Q; ++j) {
    (*theta)[(j + 1) * s - 1] += sma[j];
    for (int i = 0; i < q; ++i) (*theta)[(j + 1) * s + i] += ma[i] * sma[j];
  }
}

void PacfToAr(double* x, int p) {
  if (p <= 0) return;
  double work[64];
  double* w = p <= 64 ? work : new double[p];
  for (int j = 0; j < p; ++j) w[j] = x[j] = std::tanh(x[j]);
  for (int j = 1; j < p; ++j) {
    const double a = x[j];
    for (int k = 0; k < j; ++k) w[k] -= a * x[j - k - 1];
    for (int k = 0; k < j; ++k) x[k] = w[k];
  }
  if (w != work) delete[] w;
}

void ArToPacf(double* x, int p) {
  if (p <= 0) return;
  std::vector<double> w(x, x + p);
  for (int j = p - 1; j > 0; --j) {
    const double a = std::clamp(x[j], -0.9999, 0.9999);
    for (int k = 0; k < j; ++k) w[k] = (x[k] + a * x[j - k - 1]) / (1 - a * a);
    for (int k = 0; k < j; ++k) x[k] = w[k];
  }
  for (int j = 0; j < p; ++j) x[j] = std::atanh(std::clamp(x[j], -0.9999, 0.9999));
}

namespace {
// Roots of 1 + sum c_i z^i through the eigenvalues of the companion matrix.
std::vector<std::complex<double>> Roots(const std::vector<double>& c) {
  int deg = static_cast<int>(c.size());
  while (deg > 0 && std::abs(c[deg - 1]) < 1e-12) --deg;
  if (deg == 0) return {};
  // Monic in z: z^deg + (c_{deg-1}/c_deg) z^{deg-1} + ... + 1/c_deg.
  Eigen::MatrixXd comp = Eigen::MatrixXd::Zero(deg, deg);
  for (int i = 0; i < deg; ++i) {
    const double coef = i == 0 ? 1.0 : c[i - 1];
    comp(0, deg - 1 - i) = -coef / c[deg - 1];
  }
  for (int i = 1; i < deg; ++i) comp(i, i - 1) = 1.0;
  Eigen::EigenSolver<Eigen::MatrixXd> es(comp, false);
  std::vector<std::complex<double>> roots(deg);
  for (int i = 0; i < deg; ++i) roots[i] = es.eigenvalues()(i);
  return roots;
}
}  // namespace

double MinRootModulus(const std::vector<double>& c, int sign) {
  std::vector<double> cc(c);
  if (sign < 0)
    for (double& v : cc) v = -v;
  double m = 1e300;
  for (const auto& r : Roots(cc)) m = std::min(m, std::abs(r));
  return m;
}

bool IsStationary(const std::vector<double>& c) {
  return MinRootModulus(c, -1) > 1.0;
}

void InvertMa(std::vector<double>* c) {
  std::vector<double>& ma = *c;
  int q0 = static_cast<int>(ma.size());
  while (q0 > 0 && ma[q0 - 1] == 0.0) --q0;
  if (q0 == 0) return;
  std::vector<double> head(ma.begin(), ma.begin() + q0);
  auto roots = Roots(head);
  bool any_inside = false;
  for (const auto& r : roots) any_inside |= std::abs(r) < 1.0;
  if (!any_inside) return;
  if (q0 == 1) {
    ma[0] = 1.0 / ma[0];
    return;
  }
  for (auto& r : roots)
    if (std::abs(r) < 1.0) r = 1.0 / r;
  // Rebuild prod (1 - z/r) with constant term 1.
  std::vector<std::complex<double>> poly{1.0};
  for (const auto& r : roots) {
    std::vector<std::complex<double>> next(poly.size() + 1, 0.0);
    for (size_t i = 0; i < poly.size(); ++i) {
      next[i] += poly[i];
      next[i + 1] -= poly[i] / r;
    }
    poly.swap(next);
  }
  for (int i = 0; i < q0; ++i) ma[i] = poly[i + 1].real();
}

std::vector<double> DifferencingPolynomial(int d, int D, int s) {
  std::vector<double> poly{1.0};  // coefficients of (1-B)^d(1-B^s)^D
  auto multiply = [&poly](int lag) {
    std::vector<double> next(poly.size() + lag, 0.0);
    for (size_t i = 0; i < poly.size(); ++i) {
      next[i] += poly[i];
      next[i + lag] -= poly[i];
    }
    poly.swap(next);
  };
  for (int i = 0; i < d; ++i) multiply(1);
  for (int i = 0; i < D; ++i) multiply(s);
  std::vector<double> delta(poly.size() - 1);
  for (size_t i = 1; i < poly.size(); ++i) delta[i - 1] = -poly[i];
  return delta;
}

std::vector<double> Difference(const std::vector<double>& x, int d, int D, int s) {
  std::vector<double> out(x);
  auto diff = [&out](int lag) {
    if (static_cast<int>(out.size()) <= lag) {
      out.clear();
      return;
    }
    for (size_t i = out.size() - 1; i >= static_cast<size_t>(lag); --i) {
      out[i] -= out[i - lag];
      if (i == static_cast<size_t>(lag)) break;
    }
    out.erase(out.begin(), out.begin() + lag);
  };
  for (int i = 0; i < D; ++i) diff(s);
  for (int i = 0; i < d; ++i) diff(1);
  return out;
}

}  // namespace invplan::forecast::detail
