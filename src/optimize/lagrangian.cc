#include "optimize/lagrangian.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "optimize/dual.h"

namespace invplan::optimize {
namespace {

// A candidate of one group as seen by the relaxation.
struct Entry {
  int cand;  // -1: order nothing
  double value;
  const double* w;  // rows weights (nullptr: all zero)
};

double W(const Entry& e, int k) {
  return e.w ? e.w[k] : 0.0;
}

// Entries not dominated by another entry (at least the value with no more of
// any row). Ties keep the earlier entry, so the result is deterministic.
std::vector<Entry> Undominated(std::vector<Entry> in, int rows) {
  std::stable_sort(in.begin(), in.end(),
                   [](const Entry& a, const Entry& b) { return a.value > b.value; });
  std::vector<Entry> kept;
  for (const Entry& e : in) {
    bool dominated = false;
    for (const Entry& k : kept) {
      bool le = true;
      for (int r = 0; r < rows && le; ++r) le = W(k, r) <= W(e, r);
      if (le) {
        dominated = true;
        break;
      }
    }
    if (!dominated) kept.push_back(e);
  }
  return kept;
}

// When every entry's weight vector is t * d for one direction d, the entries
// that can maximise value - t * (lambda . d) are the corners of the upper
// concave hull of (t, value). Returns false if the weights are not proportional.
bool HullCorners(const std::vector<Entry>& in, int rows, std::vector<Entry>* out) {
  const Entry* dir = nullptr;
  double best_norm = 0.0;
  for (const Entry& e : in) {
    double n = 0.0;
    for (int r = 0; r < rows; ++r) n += W(e, r) * W(e, r);
    if (n > best_norm) {
      best_norm = n;
      dir = &e;
    }
  }
  if (dir == nullptr) return false;
  std::vector<std::pair<double, const Entry*>> pts;
  for (const Entry& e : in) {
    double dot = 0.0;
    for (int r = 0; r < rows; ++r) dot += W(e, r) * W(*dir, r);
    double t = dot / best_norm;
    double resid = 0.0, norm = 0.0;
    for (int r = 0; r < rows; ++r) {
      double d = W(e, r) - t * W(*dir, r);
      resid += d * d;
      norm += W(e, r) * W(e, r);
    }
    if (resid > 1e-20 * std::max(norm, 1e-300) && resid > 0) return false;
    pts.emplace_back(t, &e);
  }
  std::stable_sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) {
    return a.first < b.first || (a.first == b.first && a.second->value > b.second->value);
  });
  // Andrew's monotone chain, upper hull.
  std::vector<std::pair<double, const Entry*>> hull;
  for (const auto& p : pts) {
    if (!hull.empty() && hull.back().first == p.first) continue;  // same size, lower value
    while (hull.size() >= 2) {
      const auto& a = hull[hull.size() - 2];
      const auto& b = hull.back();
      double cross = (b.first - a.first) * (p.second->value - a.second->value) -
                     (b.second->value - a.second->value) * (p.first - a.first);
      if (cross >= 0)
        hull.pop_back();
      else
        break;
    }
    hull.push_back(p);
  }
  out->clear();
  for (const auto& p : hull) out->push_back(*p.second);
  return true;
}

}  // namespace

Lagrangian::Lagrangian(const Model& m) : m_(m) {
  const int rows = m.rows;
  offset_.push_back(0);
  std::vector<double> sum_v(rows, 0.0), sum_w(rows, 0.0);
  std::vector<Entry> entries, kept;
  for (const Group& g : m.groups) {
    entries.clear();
    if (!g.mandatory) entries.push_back({-1, 0.0, nullptr});
    for (int c = g.begin; c < g.end; ++c) {
      entries.push_back(
          {c, m.value[c], rows ? &m.weight[static_cast<std::size_t>(c) * rows] : nullptr});
    }
    kept = Undominated(entries, rows);
    std::vector<Entry> hull;
    if (rows > 0 && kept.size() > 2 && HullCorners(kept, rows, &hull)) kept.swap(hull);
    for (const Entry& e : kept) {
      cand_.push_back(e.cand);
      value_.push_back(e.value);
      for (int r = 0; r < rows; ++r) {
        weight_.push_back(W(e, r));
        if (W(e, r) != 0.0) {
          sum_v[r] += std::fabs(e.value);
          sum_w[r] += std::fabs(W(e, r));
        }
      }
      if (e.cand >= 0) ++active_candidates_;
    }
    offset_.push_back(static_cast<int>(cand_.size()));
  }
  scale_.resize(rows);
  for (int r = 0; r < rows; ++r)
    scale_[r] = sum_w[r] > 0 ? std::max(sum_v[r] / sum_w[r], 1e-12) : 1.0;
}

double Lagrangian::Reduced(int c, const std::vector<double>& lambda) const {
  double v = m_.value[c];
  for (int k = 0; k < m_.rows; ++k) v -= lambda[k] * m_.w(c, k);
  return v;
}

double Lagrangian::Evaluate(const std::vector<double>& lambda, std::vector<int>* pick,
                            std::vector<double>* subgradient) const {
  ++evaluations_;
  const int rows = m_.rows;
  const std::size_t groups = offset_.size() - 1;
  double total = 0.0;
  if (subgradient) subgradient->assign(m_.rhs.begin(), m_.rhs.end());
  if (pick) pick->assign(groups, -1);
  for (std::size_t g = 0; g < groups; ++g) {
    double best = -kInf;
    int best_e = -1;
    for (int e = offset_[g]; e < offset_[g + 1]; ++e) {
      double v = value_[e];
      const double* w = weight_.data() + static_cast<std::size_t>(e) * rows;
      for (int k = 0; k < rows; ++k) v -= lambda[k] * w[k];
      if (v > best) {
        best = v;
        best_e = e;
      }
    }
    if (best_e < 0) continue;  // a group without candidates that may order nothing
    total += best;
    if (pick) (*pick)[g] = cand_[best_e];
    if (subgradient) {
      for (int k = 0; k < rows; ++k)
        (*subgradient)[k] -= weight_[static_cast<std::size_t>(best_e) * rows + k];
    }
  }
  for (int k = 0; k < rows; ++k) total += lambda[k] * m_.rhs[k];
  return total;
}

double Lagrangian::Minimize(std::vector<double>* lambda) const {
  lambda->assign(m_.rows, 0.0);
  // A row that even the smallest choices exceed makes the dual unbounded.
  for (int k = 0; k < m_.rows; ++k) {
    double least = 0.0;
    for (std::size_t g = 0; g + 1 < offset_.size(); ++g) {
      double lo = kInf;
      for (int e = offset_[g]; e < offset_[g + 1]; ++e)
        lo = std::min(lo, weight_[static_cast<std::size_t>(e) * m_.rows + k]);
      if (std::isfinite(lo)) least += lo;
    }
    if (least > m_.rhs[k] + FeasTol(m_.rhs[k])) return -kInf;
  }
  if (m_.rows == 0) return Evaluate(*lambda);
  DualSearch search;
  search.scale = scale_;
  search.precision = 1e-13 * std::max(1.0, std::fabs(Evaluate(*lambda)));
  DualFunction f = [this](const std::vector<double>& l, std::vector<double>* g) {
    return Evaluate(l, nullptr, g);
  };
  double best = MinimizeDual(f, &search, lambda);
  return best;
}

}  // namespace invplan::optimize
