#include "forecast/arima_kalman.h"

#include <algorithm>
#include <cmath>

namespace invplan::forecast::detail {

bool ArmaKalman::StationaryCovariance(const std::vector<double>& phi,
                                      const std::vector<double>& theta, int r, double* out) {
  const int p = static_cast<int>(phi.size()), q = static_cast<int>(theta.size());
  auto ph = [&](int i) { return i >= 1 && i <= p ? phi[i - 1] : 0.0; };           // phi_i
  auto th = [&](int i) { return i == 0 ? 1.0 : (i <= q ? theta[i - 1] : 0.0); };  // theta_i
  // psi weights 0..r.
  psi_.assign(r + 1, 0.0);
  for (int j = 0; j <= r; ++j) {
    double v = th(j);
    for (int i = 1; i <= std::min(j, p); ++i) v += ph(i) * psi_[j - i];
    psi_[j] = v;
  }
  auto rhs_k = [&](int k) {
    double v = 0;
    for (int j = k; j <= q; ++j) v += th(j) * psi_[j - k];
    return v;
  };
  // Autocovariances gamma(0..p) from the linear system of the Yule-Walker
  // type equations, then the rest by recursion.
  gamma_.assign(std::max(r, p) + 2, 0.0);
  const int m = p + 1;
  lu_.assign(m * m, 0.0);
  rhs_.assign(m, 0.0);
  for (int k = 0; k < m; ++k) {
    lu_[k * m + k] += 1.0;
    for (int i = 1; i <= p; ++i) lu_[k * m + std::abs(k - i)] -= ph(i);
    rhs_[k] = rhs_k(k);
  }
  // Gaussian elimination with partial pivoting (m is small).
  for (int c = 0; c < m; ++c) {
    int piv = c;
    for (int i = c + 1; i < m; ++i)
      if (std::abs(lu_[i * m + c]) > std::abs(lu_[piv * m + c])) piv = i;
    if (std::abs(lu_[piv * m + c]) < 1e-12) return false;
    if (piv != c) {
      for (int j = 0; j < m; ++j) std::swap(lu_[c * m + j], lu_[piv * m + j]);
      std::swap(rhs_[c], rhs_[piv]);
    }
    for (int i = c + 1; i < m; ++i) {
      const double f = lu_[i * m + c] / lu_[c * m + c];
      if (f == 0.0) continue;
      for (int j = c; j < m; ++j) lu_[i * m + j] -= f * lu_[c * m + j];
      rhs_[i] -= f * rhs_[c];
    }
  }
  for (int c = m - 1; c >= 0; --c) {
    double v = rhs_[c];
    for (int j = c + 1; j < m; ++j) v -= lu_[c * m + j] * gamma_[j];
    gamma_[c] = v / lu_[c * m + c];
  }
  for (int k = m; k <= r; ++k) {
    double v = rhs_k(k);
    for (int i = 1; i <= p; ++i) v += ph(i) * gamma_[k - i];
    gamma_[k] = v;
  }
  if (!(gamma_[0] > 0) || !std::isfinite(gamma_[0])) return false;
  // First row: Cov(w_t, a_t[j]), a_t[j] = sum_{k>=j} phi_{k+1} w_{t-1-k+j} + theta_k e_{t-k+j}.
  for (int j = 0; j < r; ++j) {
    double v = 0;
    for (int k = j; k < r; ++k) v += ph(k + 1) * gamma_[k - j + 1] + th(k) * psi_[k - j];
    out[j] = v;
    out[j * r] = v;
  }
  out[0] = gamma_[0];
  // a_t[i] = phi_{i+1} w_{t-1} + theta_i e_t + a_{t-1}[i+1] gives the rest
  // from the bottom-right corner upwards.
  auto at = [&](int i, int j) { return i < r && j < r ? out[i * r + j] : 0.0; };
  for (int i = r - 1; i >= 1; --i) {
    for (int j = r - 1; j >= i; --j) {
      const double v = ph(i + 1) * ph(j + 1) * gamma_[0] + th(i) * th(j) +
                       ph(i + 1) * at(0, j + 1) + ph(j + 1) * at(i + 1, 0) + at(i + 1, j + 1);
      out[i * r + j] = v;
      out[j * r + i] = v;
    }
  }
  return true;
}

KalmanSums ArmaKalman::Run(const double* w, int n, const std::vector<double>& phi,
                           const std::vector<double>& theta, bool keep_state) {
  KalmanSums sums;
  const int p = static_cast<int>(phi.size()), q = static_cast<int>(theta.size());
  const int r = std::max(p, q + 1);
  const int rs = r + 1;  // stride; row r and column r stay zero
  r_ = r;
  a_.assign(r + 1, 0.0);
  anew_.assign(r + 1, 0.0);
  p_.assign(rs * rs, 0.0);
  m_.assign(r * r, 0.0);
  rr_.assign(r + 1, 0.0);
  phipad_.assign(r + 1, 0.0);
  u0_.assign(r + 1, 0.0);
  g_.assign(r + 1, 0.0);
  for (int i = 0; i < r; ++i) rr_[i] = i == 0 ? 1.0 : (i <= q ? theta[i - 1] : 0.0);
  for (int i = 0; i < p; ++i) phipad_[i] = phi[i];
  if (!StationaryCovariance(phi, theta, r, m_.data())) return sums;
  // Only the upper triangle of p_ is kept up to date.
  for (int i = 0; i < r; ++i)
    for (int j = i; j < r; ++j) p_[i * rs + j] = m_[i * r + j];

  bool steady = false;
  double* P = p_.data();
  const double* ph = phipad_.data();
  const double* R = rr_.data();
  for (int t = 0; t < n; ++t) {
    if (t > 0) {
      const double a0 = a_[0];
      for (int i = 0; i < r; ++i) anew_[i] = ph[i] * a0 + a_[i + 1];
      a_.swap(anew_);
      if (!steady) {
        // P = T Pu T' + R R' for the companion matrix T, in place: row i
        // reads row i+1 (not yet overwritten) and the saved row 0.
        for (int j = 0; j <= r; ++j) u0_[j] = P[j];
        const double pu00 = u0_[0];
        for (int i = 0; i < r; ++i) {
          double* row = P + i * rs;
          const double* next = row + rs;
          const double phi_i = ph[i], ri = R[i], ui = u0_[i + 1];
          if (p > 0) {
            for (int j = i; j < r; ++j)
              row[j] = phi_i * (ph[j] * pu00 + u0_[j + 1]) + ph[j] * ui + next[j + 1] + ri * R[j];
          } else {
            for (int j = i; j < r; ++j) row[j] = next[j + 1] + ri * R[j];
          }
        }
      }
    }
    const double v = w[t] - a_[0];
    if (steady) {
      // P_{t|t-1} = RR', F = 1: the state is known up to the new shock.
      sums.ssq += v * v;
      for (int i = 0; i < r; ++i) a_[i] += R[i] * v;
      ++sums.nu;
      continue;
    }
    const double f = P[0];
    if (!(f > 1e-300) || !std::isfinite(f)) return sums;
    sums.ssq += v * v / f;
    sums.sumlog += std::log(f);
    ++sums.nu;
    for (int i = 0; i < r; ++i) g_[i] = P[i];
    const double vf = v / f;
    for (int i = 0; i < r; ++i) a_[i] += g_[i] * vf;
    double maxabs = 0;
    for (int i = 0; i < r; ++i) {
      double* row = P + i * rs;
      const double gi = g_[i] / f;
      for (int j = i; j < r; ++j) {
        row[j] -= gi * g_[j];
        maxabs = std::max(maxabs, std::abs(row[j]));
      }
    }
    if (maxabs < 1e-11) steady = true;
  }
  if (keep_state) {
    pu_.assign(r * r, 0.0);
    if (!steady)
      for (int i = 0; i < r; ++i)
        for (int j = i; j < r; ++j) pu_[i * r + j] = pu_[j * r + i] = P[i * rs + j];
  }
  sums.ok = std::isfinite(sums.ssq) && std::isfinite(sums.sumlog);
  return sums;
}

KalmanSums ArmaKalman::RunFast(const double* w, int n, const std::vector<double>& phi,
                               const std::vector<double>& theta) {
  // Chandrasekhar recursions (Morf, Sidhu & Kailath 1974): with the
  // stationary start P_1 = P_0, P_{t+1} - P_t = M_t W_t W_t' has rank one, so
  // gain and innovation variance follow in O(r) per step instead of O(r^2):
  //   F_{t+1} = F_t + M_t (Z W_t)^2,   K_{t+1} = K_t + M_t (Z W_t) T W_t,
  //   W_{t+1} = T W_t - K_{t+1} (Z W_t) / F_{t+1},
  //   M_{t+1} = M_t + M_t^2 (Z W_t)^2 / F_t,   with K_t = T P_t Z'.
  KalmanSums sums;
  const int p = static_cast<int>(phi.size()), q = static_cast<int>(theta.size());
  const int r = std::max(p, q + 1);
  r_ = r;
  m_.assign(r * r, 0.0);
  phipad_.assign(r + 1, 0.0);
  for (int i = 0; i < p; ++i) phipad_[i] = phi[i];
  if (!StationaryCovariance(phi, theta, r, m_.data())) return sums;
  const double* ph = phipad_.data();
  a_.assign(r + 1, 0.0);
  anew_.assign(r + 1, 0.0);
  g_.assign(r + 1, 0.0);   // K_t
  u0_.assign(r + 1, 0.0);  // W_t
  rr_.assign(r + 1, 0.0);  // T W_t
  double* K = g_.data();
  double* W = u0_.data();
  double* TW = rr_.data();
  // K_1 = T P_0 e_0, with (T x)_i = phi_i x_0 + x_{i+1}.
  for (int i = 0; i < r; ++i) K[i] = ph[i] * m_[0] + (i + 1 < r ? m_[(i + 1) * r] : 0.0);
  double F = m_[0];
  if (!(F > 1e-300) || !std::isfinite(F)) return sums;
  for (int i = 0; i < r; ++i) W[i] = K[i];
  double M = -1.0 / F;
  for (int t = 0; t < n; ++t) {
    if (!(F > 1e-300) || !std::isfinite(F)) return sums;
    const double v = w[t] - a_[0];
    sums.ssq += v * v / F;
    sums.sumlog += std::log(F);
    ++sums.nu;
    // a_{t+1|t} = T a_{t|t-1} + K_t v_t / F_t.
    const double a0 = a_[0], vf = v / F;
    for (int i = 0; i < r; ++i) anew_[i] = ph[i] * a0 + a_[i + 1] + K[i] * vf;
    a_.swap(anew_);
    // Covariance recursions.
    const double zw = W[0];
    const double w0 = W[0];
    for (int i = 0; i < r; ++i) TW[i] = ph[i] * w0 + W[i + 1];
    const double mzw = M * zw;
    const double fnext = F + mzw * zw;
    for (int i = 0; i < r; ++i) K[i] += mzw * TW[i];
    const double c = zw / fnext;
    for (int i = 0; i < r; ++i) W[i] = TW[i] - K[i] * c;
    M += mzw * mzw / F;
    F = fnext;
  }
  sums.ok = std::isfinite(sums.ssq) && std::isfinite(sums.sumlog);
  return sums;
}

double CssSum(const double* w, int n, const std::vector<double>& phi,
              const std::vector<double>& theta, int ncond, std::vector<double>* resid, int* count) {
  const int p = static_cast<int>(phi.size()), q = static_cast<int>(theta.size());
  resid->assign(n, 0.0);
  double ssq = 0;
  int nu = 0;
  for (int l = ncond; l < n; ++l) {
    double tmp = w[l];
    for (int j = 0; j < p; ++j) tmp -= phi[j] * w[l - j - 1];
    const int jmax = std::min(l - ncond, q);
    for (int j = 0; j < jmax; ++j) tmp -= theta[j] * (*resid)[l - j - 1];
    (*resid)[l] = tmp;
    ssq += tmp * tmp;
    ++nu;
  }
  *count = nu;
  return ssq;
}

}  // namespace invplan::forecast::detail
