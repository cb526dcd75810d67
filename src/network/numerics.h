// Small numerical pieces of the network algorithms: the standard normal
// functions, composite Gauss–Legendre quadrature and Chebyshev interpolation.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

namespace invplan::network {

inline double NormalPdf(double z) {
  return 0.3989422804014327 * std::exp(-0.5 * z * z);
}
inline double NormalCdf(double z) {
  return 0.5 * std::erfc(-z * 0.7071067811865476);
}
// The standard normal loss function E[(Z - z)^+].
inline double NormalLoss(double z) {
  return NormalPdf(z) - z * (1.0 - NormalCdf(z));
}

// The integral of f over [a, b] by 8-point Gauss–Legendre on `panels` equal panels.
double GaussLegendre(const std::function<double(double)>& f, double a, double b, int panels);

// The same for a callable without std::function's indirection (hot loops).
template <class F>
double GaussLegendreT(F&& f, double a, double b, int panels) {
  static constexpr double kX[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                                   0.9602898564975363};
  static constexpr double kW[4] = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                                   0.1012285362903763};
  if (!(b > a) || panels <= 0) return 0.0;
  const double w = (b - a) / panels;
  double sum = 0.0;
  for (int k = 0; k < panels; ++k) {
    const double c = a + (k + 0.5) * w, r = 0.5 * w;
    double s = 0.0;
    for (int i = 0; i < 4; ++i) s += kW[i] * (f(c - r * kX[i]) + f(c + r * kX[i]));
    sum += s * r;
  }
  return sum;
}

// f on [a, b] as a Chebyshev series of n terms (interpolation at the n
// Chebyshev points of the first kind). Accurate to near machine precision for a
// smooth f once n resolves its finest feature.
class Chebyshev {
 public:
  Chebyshev() = default;
  Chebyshev(const std::function<double(double)>& f, double a, double b, int n);
  double operator()(double x) const;  // x is clamped to [a, b]
  double a() const { return a_; }
  double b() const { return b_; }

 private:
  double a_ = 0.0, b_ = 1.0;
  std::vector<double> c_;
};

// The minimum of a convex f on [a, b] by golden-section search (to a bracket of
// about 1e-10 relative width).
double GoldenMin(const std::function<double(double)>& f, double a, double b);

}  // namespace invplan::network
