// Variance-stabilising transforms applied before fitting and undone after.
//
//   none
//   log        w = log(y + c)
//   boxcox     w = ((y + c)^λ − 1)/λ  (log for λ = 0); λ given or chosen by
//              Guerrero's method on [−1, 2] when not given.
// c = 1 when the series has zeros (log1p, the usual choice for demand), else 0.
// A series with negative values is not transformed (the caller records why).
//
// Back transform: means use the bias adjustment (the mean, not the median, of
// the back-transformed normal), for Box-Cox
//   ŷ = f⁻¹(w)·[1 + σ²(1−λ)/(2(λw+1)²)],  log: exp(w)(1 + σ²/2);
// interval bounds are the back-transformed bounds (quantiles map exactly).
#pragma once

#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/forecast_artifact.h"

namespace invplan::forecast {

struct TransformSpec {
  enum Kind { kNone, kLog, kBoxCox } kind = kNone;
  bool lambda_given = false;
  double lambda = 1.0;
};

// Parses none|log|boxcox|boxcox:LAMBDA; false if malformed.
bool ParseTransform(const std::string& text, TransformSpec* spec);

class Transform {
 public:
  Transform() = default;  // identity
  // Chooses the transform for y (NaN-free). `note` receives why it was not
  // applied, if it was not.
  static Transform For(const TransformSpec& spec, const std::vector<double>& y, int season,
                       std::string* note);
  static Transform BoxCox(double lambda, double shift);

  bool identity() const { return kind_ == TransformSpec::kNone; }
  double Forward(double y) const;
  double Inverse(double w) const;
  // Mean of the back-transformed value when w ~ N(mean, variance).
  double MeanBack(double mean, double variance) const;
  std::vector<double> Forward(const std::vector<double>& y) const;
  Json ToJson() const;  // null for the identity
  // Names the transform in a normal distribution of the artifact: sets its
  // `transform` ("", "log", "log1p" for log with shift 1, "boxcox:LAMBDA") and
  // `shift` (Box-Cox of y + 1).
  void Describe(PointDistribution* d) const;

 private:
  TransformSpec::Kind kind_ = TransformSpec::kNone;
  double lambda_ = 1.0, shift_ = 0.0;
};

// Guerrero (1993): the λ in [lo, hi] minimising the coefficient of variation
// of sd/mean^(1−λ) over consecutive blocks of `season` (2 if season < 2)
// observations. y must be positive.
double GuerreroLambda(const std::vector<double>& y, int season, double lo = -1.0, double hi = 2.0);

}  // namespace invplan::forecast
