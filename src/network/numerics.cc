#include "network/numerics.h"

#include <algorithm>

namespace invplan::network {

double GaussLegendre(const std::function<double(double)>& f, double a, double b, int panels) {
  return GaussLegendreT(f, a, b, panels);
}

Chebyshev::Chebyshev(const std::function<double(double)>& f, double a, double b, int n)
    : a_(a), b_(b > a ? b : a + 1e-12), c_(static_cast<std::size_t>(std::max(n, 2)), 0.0) {
  const int m = static_cast<int>(c_.size());
  std::vector<double> fx(c_.size());
  for (int k = 0; k < m; ++k) {
    const double t = std::cos(M_PI * (k + 0.5) / m);
    fx[k] = f(0.5 * (a_ + b_) + 0.5 * (b_ - a_) * t);
  }
  // The discrete cosine transform of the values at the Chebyshev points gives
  // the interpolant's coefficients exactly.
  for (int j = 0; j < m; ++j) {
    double s = 0.0;
    for (int k = 0; k < m; ++k) s += fx[k] * std::cos(M_PI * j * (k + 0.5) / m);
    c_[j] = (j == 0 ? 1.0 : 2.0) * s / m;
  }
}

double Chebyshev::operator()(double x) const {
  const double t = std::clamp((2.0 * x - a_ - b_) / (b_ - a_), -1.0, 1.0);
  // Clenshaw's recurrence.
  double b1 = 0.0, b2 = 0.0;
  for (std::size_t j = c_.size() - 1; j >= 1; --j) {
    const double b0 = 2.0 * t * b1 - b2 + c_[j];
    b2 = b1;
    b1 = b0;
  }
  return t * b1 - b2 + c_[0];
}

double GoldenMin(const std::function<double(double)>& f, double a, double b) {
  const double r = 0.6180339887498949;
  double x1 = b - r * (b - a), x2 = a + r * (b - a);
  double f1 = f(x1), f2 = f(x2);
  const double tol = 1e-10 * std::max(1.0, std::abs(a) + std::abs(b));
  for (int it = 0; it < 300 && b - a > tol; ++it) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = f(x2);
    }
  }
  return 0.5 * (a + b);
}

}  // namespace invplan::network
