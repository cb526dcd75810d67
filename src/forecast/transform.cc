#include "forecast/transform.h"

#include <algorithm>
#include <cmath>

#include "common/csv_reader.h"

namespace invplan::forecast {

bool ParseTransform(const std::string& text, TransformSpec* spec) {
  *spec = TransformSpec{};
  if (text == "none" || text.empty()) return true;
  if (text == "log") {
    spec->kind = TransformSpec::kLog;
    spec->lambda = 0;
    return true;
  }
  if (text.rfind("boxcox", 0) != 0) return false;
  spec->kind = TransformSpec::kBoxCox;
  if (text.size() == 6) return true;
  if (text[6] != ':') return false;
  double l;
  if (!ParseNumber(text.substr(7), &l) || l < -5 || l > 5) return false;
  spec->lambda_given = true;
  spec->lambda = l;
  return true;
}

double GuerreroLambda(const std::vector<double>& y, int season, double lo, double hi) {
  const std::size_t m = season < 2 ? 2 : static_cast<std::size_t>(season);
  // Blocks of m observations from the end, so the most recent data counts fully.
  std::vector<double> means, sds;
  for (std::size_t end = y.size(); end >= m; end -= m) {
    double s = 0, s2 = 0;
    for (std::size_t i = end - m; i < end; ++i) s += y[i];
    double mu = s / m;
    for (std::size_t i = end - m; i < end; ++i) s2 += (y[i] - mu) * (y[i] - mu);
    means.push_back(mu);
    sds.push_back(std::sqrt(s2 / (m - 1)));
  }
  if (means.size() < 2) return 1.0;
  auto cv = [&](double lambda) {
    std::vector<double> r;
    for (std::size_t k = 0; k < means.size(); ++k) {
      r.push_back(sds[k] / std::pow(means[k], 1.0 - lambda));
    }
    double mu = 0, v = 0;
    for (double x : r) mu += x;
    mu /= r.size();
    for (double x : r) v += (x - mu) * (x - mu);
    return std::sqrt(v / (r.size() - 1)) / mu;
  };
  // Golden-section search, then a coarse grid guard against a non-unimodal curve.
  double best = 1.0, best_cv = cv(1.0);
  for (double l = lo; l <= hi + 1e-9; l += 0.25) {
    double c = cv(l);
    if (c < best_cv) best_cv = c, best = l;
  }
  double a = std::max(lo, best - 0.25), b = std::min(hi, best + 0.25);
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 40; ++it) {
    double c1 = b - g * (b - a), c2 = a + g * (b - a);
    if (cv(c1) < cv(c2))
      b = c2;
    else
      a = c1;
  }
  double l = (a + b) / 2;
  return std::isfinite(cv(l)) && cv(l) <= best_cv ? l : best;
}

Transform Transform::BoxCox(double lambda, double shift) {
  Transform t;
  t.kind_ = std::abs(lambda) < 1e-12 ? TransformSpec::kLog : TransformSpec::kBoxCox;
  t.lambda_ = lambda;
  t.shift_ = shift;
  return t;
}

Transform Transform::For(const TransformSpec& spec, const std::vector<double>& y, int season,
                         std::string* note) {
  if (spec.kind == TransformSpec::kNone) return Transform{};
  double lo = *std::min_element(y.begin(), y.end());
  if (lo < 0) {
    if (note) *note = "negative values: not transformed";
    return Transform{};
  }
  double shift = lo > 0 ? 0.0 : 1.0;
  if (spec.kind == TransformSpec::kLog) return BoxCox(0.0, shift);
  double lambda = spec.lambda;
  if (!spec.lambda_given) {
    std::vector<double> z(y);
    for (double& v : z) v += shift;
    lambda = GuerreroLambda(z, season);
  }
  if (std::abs(lambda - 1.0) < 1e-12) return Transform{};
  return BoxCox(lambda, shift);
}

double Transform::Forward(double y) const {
  double x = y + shift_;
  switch (kind_) {
    case TransformSpec::kNone:
      return y;
    case TransformSpec::kLog:
      return std::log(x);
    case TransformSpec::kBoxCox:
      return (std::pow(x, lambda_) - 1.0) / lambda_;
  }
  return y;
}

std::vector<double> Transform::Forward(const std::vector<double>& y) const {
  std::vector<double> w(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) w[i] = Forward(y[i]);
  return w;
}

double Transform::Inverse(double w) const {
  switch (kind_) {
    case TransformSpec::kNone:
      return w;
    case TransformSpec::kLog:
      return std::exp(w) - shift_;
    case TransformSpec::kBoxCox: {
      // Outside the range of the transform (λw + 1 <= 0) the original value is
      // the lowest possible one.
      double base = lambda_ * w + 1.0;
      if (base <= 0) return lambda_ > 0 ? -shift_ : INFINITY;
      return std::pow(base, 1.0 / lambda_) - shift_;
    }
  }
  return w;
}

double Transform::MeanBack(double mean, double variance) const {
  switch (kind_) {
    case TransformSpec::kNone:
      return mean;
    case TransformSpec::kLog:
      return std::exp(mean) * (1.0 + variance / 2.0) - shift_;
    case TransformSpec::kBoxCox: {
      double base = lambda_ * mean + 1.0;
      if (base <= 0) return Inverse(mean);
      double x = std::pow(base, 1.0 / lambda_);
      return x * (1.0 + variance * (1.0 - lambda_) / (2.0 * base * base)) - shift_;
    }
  }
  return mean;
}

Json Transform::ToJson() const {
  if (kind_ == TransformSpec::kNone) return nullptr;
  Json j = Json::object();
  j["name"] = kind_ == TransformSpec::kLog ? "log" : "boxcox";
  j["lambda"] = kind_ == TransformSpec::kLog ? 0.0 : lambda_;
  j["shift"] = shift_;
  return j;
}

void Transform::Describe(PointDistribution* d) const {
  d->shift = 0.0;
  switch (kind_) {
    case TransformSpec::kNone:
      d->transform.clear();
      break;
    case TransformSpec::kLog:
      // The shift is 0 or 1: log(y + 1) has its own name.
      d->transform = shift_ == 1.0 ? "log1p" : "log";
      if (shift_ != 0.0 && shift_ != 1.0) d->shift = shift_;
      break;
    case TransformSpec::kBoxCox:
      d->transform = "boxcox:" + FormatDouble(lambda_);
      d->shift = shift_;
      break;
  }
}

}  // namespace invplan::forecast
