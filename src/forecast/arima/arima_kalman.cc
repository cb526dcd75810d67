#include "forecast/arima/arima_kalman.h"

#include <algorithm>
#include <cmath>

namespace invplan::forecast::detail {

bool ArmaKalman::StationaryCovariance(const std::vector<double>& phi,
                                      const std::vector<double>& theta, int r, double* out,
                                      bool first_row_only) {
  const int p = static_cast<int>(phi.size()), q = static_cast<int>(theta.size());
  auto ph = [&](int i) { return i >= 1 && i <= p ? phi[i - 1] : 0.0; };           // phi_i
  auto th = [&](int i) { return i == 0 ? 1.0 : (i <= q ? theta[i - 1] : 0.0); };  // theta_i
  // Non-zero lags (seasonal expansions are sparse).
  pl_.clear();
  ql_.clear();
  for (int i = 1; i <= p; ++i)
    if (phi[i - 1] != 0.0) pl_.push_back(i);
  ql_.push_back(0);
  for (int i = 1; i <= q; ++i)
    if (theta[i - 1] != 0.0) ql_.push_back(i);
  // psi weights 0..r.
  psi_.assign(r + 1, 0.0);
  for (int j = 0; j <= r; ++j) {
    double v = th(j);
    for (int i : pl_) {
      if (i > j) break;
      v += phi[i - 1] * psi_[j - i];
    }
    psi_[j] = v;
  }
  // Autocovariances of the AR part u (phi(B) u = e): partial
  // autocorrelations by the step-down recursion, then the Yule-Walker
  // relations of each order, O(p^2); lags beyond p by the AR recursion.
  const int lags = r + q + 1;
  gamma_.assign(lags + 1, 0.0);
  lu_.assign((p + 1) * (p + 1), 0.0);  // row k: order-k coefficients a^{(k)}_1..k
  for (int j = 1; j <= p; ++j) lu_[p * (p + 1) + j] = phi[j - 1];
  double g0 = 1.0;
  for (int k = p; k >= 1; --k) {
    const double* a = &lu_[k * (p + 1)];
    const double kappa = a[k];
    const double den = 1 - kappa * kappa;
    if (!(den > 1e-12)) return false;
    g0 /= den;
    double* b = &lu_[(k - 1) * (p + 1)];
    for (int j = 1; j < k; ++j) b[j] = (a[j] + kappa * a[k - j]) / den;
  }
  rhs_.assign(lags + 1, 0.0);  // gamma of u
  rhs_[0] = g0;
  for (int k = 1; k <= lags; ++k) {
    double v = 0;
    if (k <= p) {
      const double* a = &lu_[k * (p + 1)];
      for (int j = 1; j <= k; ++j) v += a[j] * rhs_[k - j];
    } else {
      for (int i : pl_) v += phi[i - 1] * rhs_[k - i];
    }
    rhs_[k] = v;
  }
  // gamma_w(h) = sum_{i,j} theta_i theta_j gamma_u(h - i + j).
  for (int h = 0; h <= r + 1 && h <= lags; ++h) {
    double v = 0;
    for (int i : ql_)
      for (int j : ql_) v += th(i) * th(j) * rhs_[std::abs(h - i + j)];
    gamma_[h] = v;
  }
  if (!(gamma_[0] > 0) || !std::isfinite(gamma_[0])) return false;
  // First row: Cov(w_t, a_t[j]), a_t[j] = sum_{k>=j} phi_{k+1} w_{t-1-k+j} + theta_k e_{t-k+j}.
  for (int j = 0; j < r; ++j) {
    double v = 0;
    for (int i : pl_)
      if (i - 1 >= j) v += phi[i - 1] * gamma_[i - j];
    for (int k : ql_)
      if (k >= j) v += th(k) * psi_[k - j];
    out[j] = v;
    out[j * r] = v;
  }
  out[0] = gamma_[0];
  if (first_row_only) return true;
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

int ArmaKalman::Setup(const std::vector<double>& phi, const std::vector<double>& theta) {
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
  return r;
}

KalmanSums ArmaKalman::Run(const double* w, int n, const std::vector<double>& phi,
                           const std::vector<double>& theta, bool keep_state) {
  KalmanSums sums;
  const int r = Setup(phi, theta);
  const int rs = r + 1;
  steady_ = false;
  if (!StationaryCovariance(phi, theta, r, m_.data())) return sums;
  // Only the upper triangle of p_ is kept up to date.
  for (int i = 0; i < r; ++i)
    for (int j = i; j < r; ++j) p_[i * rs + j] = m_[i * r + j];
  Filter(w, n, static_cast<int>(phi.size()), false, keep_state, &sums, nullptr);
  return sums;
}

KalmanSums ArmaKalman::Resume(const double* w, int n, const std::vector<double>& phi,
                              const std::vector<double>& theta, const std::vector<double>& a,
                              const std::vector<double>& P, bool steady,
                              std::vector<std::pair<double, double>>* one_step) {
  KalmanSums sums;
  const int r = Setup(phi, theta);
  const int rs = r + 1;
  if (static_cast<int>(a.size()) != r || static_cast<int>(P.size()) != r * r) return sums;
  for (int i = 0; i < r; ++i) a_[i] = a[i];
  for (int i = 0; i < r; ++i)
    for (int j = i; j < r; ++j) p_[i * rs + j] = P[i * r + j];
  steady_ = steady;
  Filter(w, n, static_cast<int>(phi.size()), true, true, &sums, one_step);
  return sums;
}

void ArmaKalman::Filter(const double* w, int n, int p, bool predict_first, bool keep_state,
                        KalmanSums* out, std::vector<std::pair<double, double>>* one_step) {
  KalmanSums& sums = *out;
  const int r = r_;
  const int rs = r + 1;
  bool steady = steady_;
  double* P = p_.data();
  const double* ph = phipad_.data();
  const double* R = rr_.data();
  for (int t = 0; t < n; ++t) {
    if (t > 0 || predict_first) {
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
      if (one_step) one_step->emplace_back(v, 1.0);
      continue;
    }
    const double f = P[0];
    if (!(f > 1e-300) || !std::isfinite(f)) return;
    sums.ssq += v * v / f;
    sums.sumlog += std::log(f);
    ++sums.nu;
    if (one_step) one_step->emplace_back(v, f);
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
  steady_ = steady;
  if (keep_state) {
    pu_.assign(r * r, 0.0);
    if (!steady)
      for (int i = 0; i < r; ++i)
        for (int j = i; j < r; ++j) pu_[i * r + j] = pu_[j * r + i] = P[i * rs + j];
  }
  sums.ok = std::isfinite(sums.ssq) && std::isfinite(sums.sumlog);
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
  if (!StationaryCovariance(phi, theta, r, m_.data(), true)) return sums;
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
  for (int i = 0; i < r; ++i) K[i] = ph[i] * m_[0] + (i + 1 < r ? m_[i + 1] : 0.0);
  double F = m_[0];
  if (!(F > 1e-300) || !std::isfinite(F)) return sums;
  for (int i = 0; i < r; ++i) W[i] = K[i];
  double M = -1.0 / F;
  // log F_t summed through products (F_t >= 1), renormalised now and then.
  double prod = 1.0;
  bool steady = false;
  for (int t = 0; t < n; ++t) {
    if (!(F > 1e-300) || !std::isfinite(F)) return sums;
    const double v = w[t] - a_[0];
    sums.ssq += v * v / F;
    prod *= F;
    if (prod > 1e100 || prod < 1e-100) {
      sums.sumlog += std::log(prod);
      prod = 1.0;
    }
    ++sums.nu;
    // a_{t+1|t} = T a_{t|t-1} + K_t v_t / F_t.
    const double a0 = a_[0], vf = v / F;
    for (int i = 0; i < r; ++i) anew_[i] = ph[i] * a0 + a_[i + 1] + K[i] * vf;
    a_.swap(anew_);
    if (steady) continue;
    // Covariance recursions; once the rank-one increment vanishes the gain
    // and F are constant.
    const double zw = W[0];
    for (int i = 0; i < r; ++i) TW[i] = ph[i] * zw + W[i + 1];
    const double mzw = M * zw;
    const double fnext = F + mzw * zw;
    for (int i = 0; i < r; ++i) K[i] += mzw * TW[i];
    const double c = zw / fnext;
    double wmax = 0;
    for (int i = 0; i < r; ++i) {
      W[i] = TW[i] - K[i] * c;
      wmax = std::max(wmax, std::abs(W[i]));
    }
    M += mzw * mzw / F;
    F = fnext;
    if (std::abs(M) * wmax * wmax < 1e-14 * F) steady = true;
  }
  sums.sumlog += std::log(prod);
  sums.ok = std::isfinite(sums.ssq) && std::isfinite(sums.sumlog);
  return sums;
}

double CssSum(const double* w, int n, const std::vector<double>& phi,
              const std::vector<double>& theta, int ncond, std::vector<double>* resid, int* count) {
  // Seasonal expansions are sparse: loop over the non-zero lags only.
  int pl[256], ql[256];
  double pv[256], qv[256];
  int np = 0, nq = 0;
  for (size_t j = 0; j < phi.size() && np < 256; ++j)
    if (phi[j] != 0.0) pl[np] = static_cast<int>(j) + 1, pv[np++] = phi[j];
  for (size_t j = 0; j < theta.size() && nq < 256; ++j)
    if (theta[j] != 0.0) ql[nq] = static_cast<int>(j) + 1, qv[nq++] = theta[j];
  resid->assign(n, 0.0);
  double* e = resid->data();
  double ssq = 0;
  int nu = 0;
  // Residuals before ncond are zero, so lags reaching past it drop out: only
  // the first max-lag steps need the check.
  const int maxq = nq > 0 ? ql[nq - 1] : 0;
  const int checked = std::min(n, ncond + maxq);
  for (int l = ncond; l < checked; ++l) {
    double tmp = w[l];
    for (int j = 0; j < np; ++j) tmp -= pv[j] * w[l - pl[j]];
    for (int j = 0; j < nq; ++j)
      if (l - ql[j] >= ncond) tmp -= qv[j] * e[l - ql[j]];
    e[l] = tmp;
    ssq += tmp * tmp;
  }
  for (int l = std::max(ncond, checked); l < n; ++l) {
    double tmp = w[l];
    for (int j = 0; j < np; ++j) tmp -= pv[j] * w[l - pl[j]];
    for (int j = 0; j < nq; ++j) tmp -= qv[j] * e[l - ql[j]];
    e[l] = tmp;
    ssq += tmp * tmp;
  }
  nu = std::max(0, n - ncond);
  *count = nu;
  return ssq;
}

}  // namespace invplan::forecast::detail
