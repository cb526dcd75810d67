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
#include <utility>
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

  // Continues a filter that Run(keep_state = true) (or an earlier Resume)
  // left at a_{n|n} = `a`, P_{n|n} = `P` (r x r, row-major; upper triangle
  // read) and `steady`, over the further values w[0..n): exactly the steps
  // Run would have taken over the longer series. The new state is kept.
  // With `one_step`, each step's innovation v_t and its variance F_t (units
  // of sigma2) are appended as pairs.
  KalmanSums Resume(const double* w, int n, const std::vector<double>& phi,
                    const std::vector<double>& theta, const std::vector<double>& a,
                    const std::vector<double>& P, bool steady,
                    std::vector<std::pair<double, double>>* one_step = nullptr);

  // The same sums by the Chandrasekhar recursions, O(r) per step; no state
  // is kept. Used by the optimiser.
  KalmanSums RunFast(const double* w, int n, const std::vector<double>& phi,
                     const std::vector<double>& theta);

  int dim() const { return r_; }
  // After Run(keep_state = true): a_{n|n} (first dim() entries) and P_{n|n}.
  const std::vector<double>& state() const { return a_; }
  const std::vector<double>& covariance() const { return pu_; }
  // After Run/Resume: whether the covariance had converged (P_{n|n} = 0 and
  // the gain is R from then on).
  bool steady() const { return steady_; }

  // Stationary covariance of the state (r x r, row-major) for sigma2 = 1;
  // false when the AR part is (numerically) non-stationary. With
  // first_row_only, only the first row out[0..r) is filled.
  bool StationaryCovariance(const std::vector<double>& phi, const std::vector<double>& theta, int r,
                            double* out, bool first_row_only = false);

 private:
  // Sets up the buffers for the orders of phi and theta; returns r.
  int Setup(const std::vector<double>& phi, const std::vector<double>& theta);
  // The filter steps over w[0..n) from the current a_, p_; with
  // predict_first the first step starts with a prediction (a resumed filter).
  void Filter(const double* w, int n, int p, bool predict_first, bool keep_state, KalmanSums* sums,
              std::vector<std::pair<double, double>>* one_step);

  int r_ = 0;
  bool steady_ = false;
  std::vector<int> pl_, ql_;
  std::vector<double> a_, anew_, p_, pu_, m_, rr_, phipad_, u0_, g_, gamma_, psi_, lu_, rhs_;
};

// Conditional sum of squares: residuals from index ncond on with earlier
// residuals taken as zero. Returns the sum and sets *count.
double CssSum(const double* w, int n, const std::vector<double>& phi,
              const std::vector<double>& theta, int ncond, std::vector<double>* resid, int* count);

}  // namespace invplan::forecast::detail
