// The CES recursion and its stability checks.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "forecast/ces/ces.h"

namespace invplan::forecast {

char CesTypeLetter(CesType type) {
  switch (type) {
    case CesType::kNone:
      return 'N';
    case CesType::kSimple:
      return 'S';
    case CesType::kPartial:
      return 'P';
    case CesType::kFull:
      return 'F';
  }
  return 'N';
}

double CesState::Predict() const {
  switch (type) {
    case CesType::kNone:
      return l;
    case CesType::kSimple:
      return sl[pos];
    case CesType::kPartial:
    case CesType::kFull:
      return l + sl[pos];
  }
  return l;
}

void CesState::Update(double e) {
  // The lag-1 pair (every type but S), from the previous period's states.
  if (type != CesType::kSimple) {
    const double l0 = l, c0 = c;
    l = l0 - (1 - p.a1) * c0 + (p.a0 - p.a1) * e;
    c = l0 + (1 - p.a0) * c0 + (p.a0 + p.a1) * e;
  }
  // The lag-m states at this position were last updated m periods ago.
  if (type == CesType::kSimple || type == CesType::kFull) {
    const double a0 = type == CesType::kSimple ? p.a0 : p.b0;
    const double a1 = type == CesType::kSimple ? p.a1 : p.b1;
    const double l0 = sl[pos], c0 = sc[pos];
    sl[pos] = l0 - (1 - a1) * c0 + (a0 - a1) * e;
    sc[pos] = l0 + (1 - a0) * c0 + (a0 + a1) * e;
  } else if (type == CesType::kPartial) {
    sl[pos] += p.b0 * e;
  }
  if (type != CesType::kNone) pos = (pos + 1) % m;
}

bool CesPairStable(double a0, double a1) {
  if (!std::isfinite(a0) || !std::isfinite(a1)) return false;
  // D = F - g w' = [[1 - a0 + a1, a1 - 1], [1 - a0 - a1, 1 - a0]]. A real 2x2
  // matrix has both eigenvalues inside the unit circle iff |det| < 1 and
  // |trace| < 1 + det.
  const double d11 = 1 - a0 + a1, d12 = a1 - 1, d21 = 1 - a0 - a1, d22 = 1 - a0;
  const double trace = d11 + d22, det = d11 * d22 - d12 * d21;
  return std::abs(det) < 1 && std::abs(trace) < 1 + det;
}

bool CesStable(CesType type, const CesParams& p) {
  if (!CesPairStable(p.a0, p.a1)) return false;
  if (type == CesType::kPartial) return p.b0 > 0 && p.b0 < 2;
  if (type == CesType::kFull) return CesPairStable(p.b0, p.b1);
  return true;
}

double CesDiscountRadius(CesType type, int m, const CesParams& p) {
  if (type == CesType::kNone) m = 1;
  // The states (l, c, sl[0..m-1] [, sc[0..m-1]]) with y = 0 evolve linearly,
  // the map depending on the position in the season: the product of one
  // season's maps (from position 0), column by column.
  const bool full = type == CesType::kFull || type == CesType::kSimple;
  const int d = 2 + (type == CesType::kNone ? 0 : m * (full ? 2 : 1));
  Eigen::MatrixXd map(d, d);
  CesState s;
  s.type = type;
  s.m = m;
  s.p = p;
  for (int j = 0; j < d; ++j) {
    s.l = j == 0, s.c = j == 1;
    s.sl.assign(m, 0.0);
    s.sc.assign(m, 0.0);
    if (j >= 2 && j < 2 + m) s.sl[j - 2] = 1;
    if (j >= 2 + m) s.sc[j - 2 - m] = 1;
    s.pos = 0;
    for (int t = 0; t < m; ++t) s.Update(-s.Predict());
    map(0, j) = s.l;
    map(1, j) = s.c;
    for (int i = 0; type != CesType::kNone && i < m; ++i) {
      map(2 + i, j) = s.sl[i];
      if (full) map(2 + m + i, j) = s.sc[i];
    }
  }
  // S has no lag-1 pair: its unused l, c would stay put (an eigenvalue of 1).
  if (type == CesType::kSimple) map.topRows(2).setZero();
  const Eigen::VectorXcd eig = map.eigenvalues();
  double radius = 0;
  for (Eigen::Index i = 0; i < eig.size(); ++i) radius = std::max(radius, std::abs(eig[i]));
  return radius;
}

}  // namespace invplan::forecast
