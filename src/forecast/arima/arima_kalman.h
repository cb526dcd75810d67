// Exact Gaussian likelihood of a stationary zero-mean ARMA process by the
// Kalman filter on the state-space form of Gardner, Harvey & Phillips (1980)
// as used by R's arima, plus the conditional sum of squares used for starting
// values.
//
// State of dimension r = max(p, q + 1): a_t = T a_{t-1} + R e_t, w_t = a_t[0],
// with T the companion matrix of phi and R = (1, theta_1, ..., theta_{r-1}).
// All work buffers live in ArmaKalman, so repeated evaluations (one per
// optimiser step) allocate nothing once the largest order has been seen.
#pragma once
#include <vector>

namespace invplan::forecast::detail {

struct KalmanSums {
  double ssq = 0;     // sum of v_t^2 / F_t (innovations scaled to sigma2 = 1)
  double sumlog = 0;  // sum of log F_t
  int nu = 0;         // innovations counted
  bool ok = false;    // false when the covariance broke down
};

class ArmaKalman {
 public:
  // Runs the filter over w[0..n). phi, theta are the expanded coefficients.
  // With keep_state, the filtered state a_{n|n} and its covariance P_{n|n}
  // (r x r, row-major, in units of sigma2) are kept for forecasting.
  KalmanSums Run(const double* w, int n, const std::vector<double>& phi,
                 const std::vector<double>& theta, bool keep_state = false);

  // The same sums by the Chandrasekhar recursions, O(r) per step; no state
  // is kept. Used by the optimiser.
  KalmanSums RunFast(const double* w, int n, const std::vector<double>& phi,
                     const std::vector<double>& theta);

  int dim() const { return r_; }
  // After Run(keep_state = true): a_{n|n} (first dim() entries) and P_{n|n}.
  const std::vector<double>& state() const { return a_; }
  const std::vector<double>& covariance() const { return pu_; }

  // Stationary covariance of the state (r x r, row-major) for sigma2 = 1;
  // false when the AR part is (numerically) non-stationary. With
  // first_row_only, only the first row out[0..r) is filled.
  bool StationaryCovariance(const std::vector<double>& phi, const std::vector<double>& theta, int r,
                            double* out, bool first_row_only = false);

 private:
  int r_ = 0;
  std::vector<int> pl_, ql_;
  std::vector<double> a_, anew_, p_, pu_, m_, rr_, phipad_, u0_, g_, gamma_, psi_, lu_, rhs_;
};

// Conditional sum of squares: residuals from index ncond on with earlier
// residuals taken as zero. Returns the sum and sets *count.
double CssSum(const double* w, int n, const std::vector<double>& phi,
              const std::vector<double>& theta, int ncond, std::vector<double>* resid, int* count);

}  // namespace invplan::forecast::detail
