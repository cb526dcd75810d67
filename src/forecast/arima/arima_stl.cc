#include "forecast/arima/arima_stl.h"

#include <algorithm>
#include <cmath>

namespace invplan::forecast::detail {

namespace {

// Loess estimate at xs (1-based positions) from y[nleft..nright] (1-based),
// tricube weights, degree 0 or 1. Returns false when all weights vanish.
bool Est(const double* y, int n, int len, int ideg, double xs, double* ys, int nleft, int nright,
         double* w) {
  const double range = n - 1.0;
  double h = std::max(xs - nleft, nright - xs);
  if (len > n) h += (len - n) / 2;
  const double h9 = 0.999 * h, h1 = 0.001 * h;
  double a = 0;
  for (int j = nleft; j <= nright; ++j) {
    w[j - 1] = 0;
    const double r = std::abs(j - xs);
    if (r <= h9) {
      if (r <= h1) {
        w[j - 1] = 1;
      } else {
        const double q = r / h;
        const double t = 1 - q * q * q;
        w[j - 1] = t * t * t;
      }
      a += w[j - 1];
    }
  }
  if (a <= 0) return false;
  for (int j = nleft; j <= nright; ++j) w[j - 1] /= a;
  if (h > 0 && ideg > 0) {
    a = 0;
    for (int j = nleft; j <= nright; ++j) a += w[j - 1] * j;
    double b = xs - a, c = 0;
    for (int j = nleft; j <= nright; ++j) c += w[j - 1] * (j - a) * (j - a);
    if (std::sqrt(c) > 0.001 * range) {
      b /= c;
      for (int j = nleft; j <= nright; ++j) w[j - 1] *= b * (j - a) + 1;
    }
  }
  double s = 0;
  for (int j = nleft; j <= nright; ++j) s += w[j - 1] * y[j - 1];
  *ys = s;
  return true;
}

// Loess smoothing of y[0..n) into ys with evaluation every njump points and
// linear interpolation in between.
void Ess(const double* y, int n, int len, int ideg, int njump, double* ys, double* work) {
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  const int newnj = std::min(njump, n - 1);
  int nleft = 1, nright = n;
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (int i = 1; i <= n; i += newnj)
      if (!Est(y, n, len, ideg, i, &ys[i - 1], nleft, nright, work)) ys[i - 1] = y[i - 1];
  } else if (newnj == 1) {
    const int nsh = (len + 1) / 2;
    nleft = 1;
    nright = len;
    for (int i = 1; i <= n; ++i) {
      if (i > nsh && nright != n) {
        ++nleft;
        ++nright;
      }
      if (!Est(y, n, len, ideg, i, &ys[i - 1], nleft, nright, work)) ys[i - 1] = y[i - 1];
    }
  } else {
    const int nsh = (len + 1) / 2;
    for (int i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      if (!Est(y, n, len, ideg, i, &ys[i - 1], nleft, nright, work)) ys[i - 1] = y[i - 1];
    }
  }
  if (newnj != 1) {
    for (int i = 1; i <= n - newnj; i += newnj) {
      const double delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj;
      for (int j = i + 1; j <= i + newnj - 1; ++j) ys[j - 1] = ys[i - 1] + delta * (j - i);
    }
    const int k = ((n - 1) / newnj) * newnj + 1;
    if (k != n) {
      if (!Est(y, n, len, ideg, n, &ys[n - 1], nleft, nright, work)) ys[n - 1] = y[n - 1];
      if (k != n - 1) {
        const double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
        for (int j = k + 1; j <= n - 1; ++j) ys[j - 1] = ys[k - 1] + delta * (j - k);
      }
    }
  }
}

void MovingAverage(const std::vector<double>& x, int len, std::vector<double>* out) {
  const int n = static_cast<int>(x.size()) - len + 1;
  out->assign(std::max(n, 0), 0.0);
  if (n <= 0) return;
  double s = 0;
  for (int i = 0; i < len; ++i) s += x[i];
  (*out)[0] = s / len;
  for (int j = 1; j < n; ++j) {
    s += x[j + len - 1] - x[j - 1];
    (*out)[j] = s / len;
  }
}

int NextOdd(double x) {
  int v = static_cast<int>(std::lround(x));
  return v % 2 == 0 ? v + 1 : v;
}

}  // namespace

StlResult Stl(const std::vector<double>& y, int np, int s_window) {
  const int n = static_cast<int>(y.size());
  const int ns = std::max(3, NextOdd(s_window));
  const int nt = std::max(3, NextOdd(std::ceil(1.5 * np / (1 - 1.5 / ns))));
  const int nl = std::max(3, NextOdd(np));
  const int nsjump = static_cast<int>(std::ceil(ns / 10.0));
  const int ntjump = static_cast<int>(std::ceil(nt / 10.0));
  const int nljump = static_cast<int>(std::ceil(nl / 10.0));
  const int isdeg = 0, itdeg = 1, ildeg = 1, inner = 2;
  StlResult out;
  out.trend.assign(n, 0.0);
  out.seasonal.assign(n, 0.0);
  std::vector<double> work1(n), c(n + 2 * np), lowpass(n), sub, subs, weights(n + 2 * np + 2), ma1,
      ma2, ma3;
  for (int pass = 0; pass < inner; ++pass) {
    for (int i = 0; i < n; ++i) work1[i] = y[i] - out.trend[i];
    // Cycle-subseries smoothing, extended by one period at each end.
    for (int j = 1; j <= np; ++j) {
      const int k = (n - j) / np + 1;
      sub.resize(k);
      subs.assign(k + 2, 0.0);
      for (int i = 1; i <= k; ++i) sub[i - 1] = work1[(i - 1) * np + j - 1];
      Ess(sub.data(), k, ns, isdeg, nsjump, subs.data() + 1, weights.data());
      int nright = std::min(ns, k);
      if (!Est(sub.data(), k, ns, isdeg, 0, &subs[0], 1, nright, weights.data())) subs[0] = subs[1];
      int nleft = std::max(1, k - ns + 1);
      if (!Est(sub.data(), k, ns, isdeg, k + 1, &subs[k + 1], nleft, k, weights.data()))
        subs[k + 1] = subs[k];
      for (int m = 1; m <= k + 2; ++m) c[(m - 1) * np + j - 1] = subs[m - 1];
    }
    // Low-pass filter of the cycle-subseries: MA(np), MA(np), MA(3), loess.
    MovingAverage(c, np, &ma1);
    MovingAverage(ma1, np, &ma2);
    MovingAverage(ma2, 3, &ma3);
    Ess(ma3.data(), n, nl, ildeg, nljump, lowpass.data(), weights.data());
    for (int i = 0; i < n; ++i) {
      out.seasonal[i] = c[np + i] - lowpass[i];
      work1[i] = y[i] - out.seasonal[i];
    }
    Ess(work1.data(), n, nt, itdeg, ntjump, out.trend.data(), weights.data());
  }
  out.remainder.resize(n);
  for (int i = 0; i < n; ++i) out.remainder[i] = y[i] - out.seasonal[i] - out.trend[i];
  return out;
}

double SeasonalStrength(const std::vector<double>& y, int period) {
  const int n = static_cast<int>(y.size());
  if (period < 2 || n <= 2 * period) return 0.0;
  const StlResult d = Stl(y, period);
  auto var = [n](const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m += x;
    m /= n;
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return s / (n - 1);
  };
  std::vector<double> rs(n);
  for (int i = 0; i < n; ++i) rs[i] = d.remainder[i] + d.seasonal[i];
  const double vrs = var(rs);
  if (!(vrs > 0)) return 0.0;
  return std::max(0.0, std::min(1.0, 1 - var(d.remainder) / vrs));
}

}  // namespace invplan::forecast::detail
