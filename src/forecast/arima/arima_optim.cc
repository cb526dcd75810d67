#include "forecast/arima/arima_optim.h"

#include <cmath>
#include <limits>

namespace invplan::forecast::detail {

BfgsResult MinimiseBfgs(const std::function<double(const double*)>& fn, std::vector<double>* xp,
                        int max_iter, double reltol, double step, const GradientFn& gradient) {
  std::vector<double>& b = *xp;
  const int n = static_cast<int>(b.size());
  BfgsResult res;
  std::vector<double> g(n), c(n), t(n), X(n), work(n), B(n * n);
  auto eval = [&](const double* x) {
    ++res.evaluations;
    const double f = fn(x);
    return std::isfinite(f) ? f : std::numeric_limits<double>::infinity();
  };
  auto grad = [&](std::vector<double>& x, std::vector<double>& out) {
    if (gradient && gradient(x.data(), out.data())) return;
    for (int i = 0; i < n; ++i) {
      const double xi = x[i];
      x[i] = xi + step;
      const double f1 = eval(x.data());
      x[i] = xi - step;
      const double f2 = eval(x.data());
      x[i] = xi;
      double gi = (f1 - f2) / (2 * step);
      // One-sided when one side is infeasible.
      if (!std::isfinite(gi)) {
        const double f0 = eval(x.data());
        gi = std::isfinite(f1) ? (f1 - f0) / step : (std::isfinite(f2) ? (f0 - f2) / step : 0.0);
      }
      out[i] = gi;
    }
  };
  double f = eval(b.data());
  res.value = f;
  if (n == 0 || !std::isfinite(f)) {
    res.converged = n == 0;
    return res;
  }
  const double acctol = 1e-4, stepredn = 0.2, reltest = 10.0;
  double fmin = f;
  grad(b, g);
  int iter = 1, gradcount = 1, ilast = 1;
  int count = 0;
  do {
    if (ilast == gradcount)
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) B[i * n + j] = i == j ? 1.0 : 0.0;
    for (int i = 0; i < n; ++i) {
      X[i] = b[i];
      c[i] = g[i];
    }
    double gradproj = 0;
    for (int i = 0; i < n; ++i) {
      double s = 0;
      for (int j = 0; j < n; ++j) s -= B[i * n + j] * g[j];
      t[i] = s;
      gradproj += s * g[i];
    }
    if (gradproj < 0) {
      double steplength = 1.0;
      bool accpoint = false;
      do {
        count = 0;
        for (int i = 0; i < n; ++i) {
          b[i] = X[i] + steplength * t[i];
          if (reltest + X[i] == reltest + b[i]) ++count;
        }
        if (count < n) {
          f = eval(b.data());
          accpoint = std::isfinite(f) && f <= fmin + gradproj * steplength * acctol;
          if (!accpoint) steplength *= stepredn;
        }
      } while (!(count == n || accpoint));
      const bool enough = std::abs(f - fmin) > reltol * (std::abs(fmin) + reltol);
      if (!enough) {
        count = n;
        fmin = f;
      }
      if (count < n) {
        fmin = f;
        grad(b, g);
        ++gradcount;
        ++iter;
        double d1 = 0;
        for (int i = 0; i < n; ++i) {
          t[i] *= steplength;
          c[i] = g[i] - c[i];
          d1 += t[i] * c[i];
        }
        if (d1 > 0) {
          double d2 = 0;
          for (int i = 0; i < n; ++i) {
            double s = 0;
            for (int j = 0; j < n; ++j) s += B[i * n + j] * c[j];
            work[i] = s;
            d2 += s * c[i];
          }
          d2 = 1.0 + d2 / d1;
          for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
              B[i * n + j] += (d2 * t[i] * t[j] - work[i] * t[j] - t[i] * work[j]) / d1;
        } else {
          ilast = gradcount;
        }
      } else if (ilast < gradcount) {
        count = 0;
        ilast = gradcount;
      }
    } else {
      count = 0;
      if (ilast == gradcount)
        count = n;
      else
        ilast = gradcount;
    }
    if (iter >= max_iter) break;
    if (gradcount - ilast > 2 * n) ilast = gradcount;
  } while (count != n || ilast != gradcount);
  // The line search may leave b at a rejected trial point; restore the best.
  if (count == n && f > fmin) {
    for (int i = 0; i < n; ++i) b[i] = X[i];
  }
  res.value = fmin;
  res.iterations = iter;
  res.converged = iter < max_iter;
  return res;
}

}  // namespace invplan::forecast::detail
