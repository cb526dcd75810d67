#include "optimize/dual.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "optimize/model.h"

namespace invplan::optimize {
namespace {

struct Point {
  double f = kInf;
  std::vector<double> lambda, g;
};

class Nested {
 public:
  Nested(const DualFunction& f, DualSearch* s)
      : f_(f), s_(s), rows_(static_cast<int>(s->scale.size())) {}

  // Minimises over coordinates k.. with the earlier ones as in p->lambda; on
  // return p holds the best point found and a subgradient whose coordinates
  // k.. are (about) zero, or non-negative where the multiplier is 0.
  void Level(int k, Point* p) {
    if (k == rows_) {
      ++s_->evaluations;
      p->f = f_(p->lambda, &p->g);
      return;
    }
    auto at = [&](const Point& from, double t) {
      Point q = from;
      q.lambda[k] = t;
      Level(k + 1, &q);
      return q;
    };
    Point start = at(*p, std::max(0.0, p->lambda[k]));
    if (start.f == -kInf) {
      *p = start;
      return;
    }
    const double t0 = start.lambda[k];
    double step = 1e-3 * (t0 > 0 ? t0 : s_->scale[k]);
    Point lo, hi;
    if (start.g[k] == 0.0 || (start.g[k] > 0 && t0 == 0.0)) {
      *p = std::move(start);
      return;
    }
    if (start.g[k] > 0) {
      hi = std::move(start);
      for (;;) {  // downwards until the slope turns negative or 0 is reached
        double t = std::max(0.0, hi.lambda[k] - step);
        step *= 2;
        Point q = at(hi, t);
        if (q.f == -kInf) {
          *p = std::move(q);
          return;
        }
        if (q.g[k] == 0.0 || (q.g[k] > 0 && t == 0.0)) {
          *p = std::move(q);
          return;
        }
        if (q.g[k] < 0) {
          lo = std::move(q);
          break;
        }
        hi = std::move(q);
      }
    } else {
      lo = std::move(start);
      for (int i = 0;; ++i) {  // upwards until the slope turns non-negative
        if (i == 200) {
          p->f = -kInf;
          return;
        }
        double t = lo.lambda[k] + step;
        step *= 2;
        Point q = at(lo, t);
        if (q.f == -kInf) {
          *p = std::move(q);
          return;
        }
        if (q.g[k] == 0.0) {
          *p = std::move(q);
          return;
        }
        if (q.g[k] > 0) {
          hi = std::move(q);
          break;
        }
        lo = std::move(q);
      }
    }
    // Refine: intersect the supporting lines at both ends; bisect when that
    // does not shrink the bracket enough.
    bool bisect = false;
    for (int iter = 0; iter < 200; ++iter) {
      const double a = lo.lambda[k], b = hi.lambda[k];
      const double sa = lo.g[k], sb = hi.g[k];
      double t = (hi.f - lo.f + sa * a - sb * b) / (sa - sb);
      const double floor = lo.f + sa * (t - a);
      const double best = std::min(lo.f, hi.f);
      if (!(best - floor > s_->precision) || b - a <= 1e-15 * b) break;
      if (bisect || !(t > a && t < b)) t = 0.5 * (a + b);
      Point q = at(t < 0.5 * (a + b) ? lo : hi, t);
      if (q.f == -kInf) {
        *p = std::move(q);
        return;
      }
      if (q.g[k] == 0.0) {
        *p = std::move(q);
        return;
      }
      const double width = b - a;
      if (q.g[k] < 0)
        lo = std::move(q);
      else
        hi = std::move(q);
      bisect = hi.lambda[k] - lo.lambda[k] > 0.5 * width;
    }
    // The convex combination of the two ends' subgradients with zero slope in
    // coordinate k is a subgradient of the minimum over k.. (LP primal).
    const double theta = hi.g[k] / (hi.g[k] - lo.g[k]);
    Point& best = lo.f <= hi.f ? lo : hi;
    for (int r = 0; r < rows_; ++r) best.g[r] = theta * lo.g[r] + (1 - theta) * hi.g[r];
    best.g[k] = 0.0;
    *p = std::move(best);
  }

 private:
  const DualFunction& f_;
  DualSearch* s_;
  int rows_;
};

}  // namespace

double MinimizeDual(const DualFunction& f, DualSearch* search, std::vector<double>* lambda) {
  Point p;
  p.lambda = *lambda;
  p.lambda.resize(search->scale.size(), 0.0);
  Nested n(f, search);
  n.Level(0, &p);
  if (p.f == -kInf) return -kInf;
  *lambda = p.lambda;
  return p.f;
}

}  // namespace invplan::optimize
