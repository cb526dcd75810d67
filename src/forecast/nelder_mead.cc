#include "forecast/nelder_mead.h"

#include <algorithm>
#include <cmath>

namespace invplan::forecast::detail {
SimplexResult MinimiseNash(const std::function<double(const std::vector<double>&)>& fn,
                           std::vector<double>* x, int max_evaluations, double reltol) {
  constexpr double kBig = 1e35;
  const std::size_t k = x->size();
  int evals = 0;
  auto eval = [&](const std::vector<double>& v) {
    ++evals;
    const double r = fn(v);
    return std::isfinite(r) ? r : kBig;
  };
  const double f0 = eval(*x);
  const double convtol = reltol * (std::abs(f0) + reltol);
  double step = 0;
  for (double v : *x) step = std::max(step, 0.1 * std::abs(v));
  if (step == 0) step = 0.1;
  std::vector<std::vector<double>> p(k + 1, *x);
  std::vector<double> f(k + 1, f0);
  double size = 0;
  for (std::size_t j = 1; j <= k; ++j) {
    double trial = step;
    // A step too small to change the coordinate grows tenfold.
    while (p[j][j - 1] == (*x)[j - 1]) {
      p[j][j - 1] = (*x)[j - 1] + trial;
      trial *= 10;
    }
    size += trial;
    f[j] = eval(p[j]);
  }
  double old_size = size;
  std::size_t lo = 0;
  std::vector<double> c(k), xr(k), xt(k);
  while (evals <= max_evaluations) {
    std::size_t hi = lo;
    for (std::size_t j = 0; j <= k; ++j) {
      if (f[j] < f[lo]) lo = j;
    }
    for (std::size_t j = 0; j <= k; ++j) {
      if (j != lo && f[j] > f[hi]) hi = j;
    }
    if (hi == lo) hi = (lo + 1) % (k + 1);
    if (f[hi] <= f[lo] + convtol) break;
    for (std::size_t i = 0; i < k; ++i) {
      double sum = -p[hi][i];
      for (std::size_t j = 0; j <= k; ++j) sum += p[j][i];
      c[i] = sum / k;
    }
    for (std::size_t i = 0; i < k; ++i) xr[i] = 2.0 * c[i] - p[hi][i];
    const double fr = eval(xr);
    if (fr < f[lo]) {
      for (std::size_t i = 0; i < k; ++i) xt[i] = 2.0 * xr[i] - c[i];
      const double fe = eval(xt);
      if (fe < fr) {
        p[hi] = xt, f[hi] = fe;
      } else {
        p[hi] = xr, f[hi] = fr;
      }
      continue;
    }
    const double high = f[hi];
    if (fr < high) p[hi] = xr, f[hi] = fr;
    for (std::size_t i = 0; i < k; ++i) xt[i] = 0.5 * p[hi][i] + 0.5 * c[i];
    const double fc = eval(xt);
    if (fc < f[hi]) {
      p[hi] = xt, f[hi] = fc;
    } else if (fr >= high) {
      size = 0;
      for (std::size_t j = 0; j <= k; ++j) {
        if (j == lo) continue;
        for (std::size_t i = 0; i < k; ++i) {
          p[j][i] = 0.5 * (p[j][i] - p[lo][i]) + p[lo][i];
          size += std::abs(p[j][i] - p[lo][i]);
        }
        f[j] = eval(p[j]);
      }
      if (size >= old_size) break;  // the simplex no longer shrinks
      old_size = size;
    }
  }
  for (std::size_t j = 0; j <= k; ++j) {
    if (f[j] < f[lo]) lo = j;
  }
  *x = p[lo];
  return {f[lo], evals};
}

}  // namespace invplan::forecast::detail
