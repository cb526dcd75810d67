// The demand distribution of a forecast period, read from a forecast artifact
// (invplan/forecast_artifact.h) the same way by every stage that consumes one:
// detect's inventory baseline, train-rl's and simulate's demand, optimize's plan.
//
// Demand is never negative. Whatever the family, mass the model puts below zero
// is moved to zero (the demand is max(0, X), "censored" at 0), and mean,
// variance, quantiles and probabilities are those of that censored demand.
//
// By family of ForecastPoint::distribution:
//   kNegBin, kPoisson  the count distribution (common/count_distribution.h).
//   kNormal            with a transform ("log", "log1p", "boxcox:LAMBDA"):
//                      X = scale·(g⁻¹(mu + sigma·Z) − shift), Z standard normal
//                      (the model's normal is that of g(y / scale + shift)),
//                      demand max(0, X).
//                      Without a transform (the normal on the data's scale):
//                      the count distribution with the model's mean
//                      m = max(0, scale·(mu − shift)) and variance
//                      max(m, (scale·sigma)²), as for schema 1 below. Censoring
//                      that normal at zero would move the demand's mean far
//                      above the model's forecast when sigma is several times
//                      mu (erratic SKUs). Quantiles are back-transformed exactly (g is
//                      monotone); mean and variance in closed form for no
//                      transform (censored normal) and "log" (log-normal),
//                      otherwise by numerical integration over Z.
//   kQuantiles         the listed quantiles, linear in the normal score Φ⁻¹(p)
//                      between them and extended linearly beyond the outermost
//                      two (a normal tail), censored at 0; moments numerically.
//   kNone (schema 1: only mean and interval bounds), the one rule for deriving
//                      a spread from bounds: take the widest level L (largest
//                      value) with z = Φ⁻¹(0.5 + L/200) and
//                        sd = max((hi − lo) / (2z), (hi − mean) / z)
//                      (the upper half-width is the reliable one when bounds
//                      were clipped at zero or the interval is skewed, so the
//                      artifact's clipped_at_zero flag needs no separate case);
//                      mean m = max(0, mean), variance v = max(m, sd²) (the
//                      Poisson variance is a floor: a zero-width interval [0, 0]
//                      of a slow mover says nothing about the spread). Demand is
//                      then the count distribution with that mean and variance:
//                      negative binomial when v > m, Poisson otherwise. No
//                      levels or unusable bounds: Poisson with mean m.
//
// Whole units: stages that need probabilities per unit (expected sales, demand
// tables) get the count distribution itself, or for the continuous families the
// demand rounded to the nearest whole unit: P(k) = P(k − ½ < D <= k + ½),
// P(0) = P(D <= ½).
//
// Totals over several periods (TotalDemand): the count distribution with the
// total's mean and variance when every period's demand is a count
// distribution, otherwise the log-normal with those moments (never negative,
// right-skewed like demand); a variance of 0 is a point mass at the mean.
//
// Periods 1..h of one series (lead time + review): from the artifact's
// cumulative demand when it has one (schema 3), whose variance carries the
// model's correlated forecast errors (AddQuantilesAndTotals states the rule);
// a fractional last period interpolates mean and variance linearly between
// the whole periods around it, periods past the horizon repeat the last
// period as independent. Without a cumulative demand (schema 1 and 2
// artifacts), and across series (one period over several locations), the
// parts are INDEPENDENT: means and variances add (a fractional last period
// counts with its fraction of mean and variance).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "common/count_distribution.h"
#include "invplan/forecast_artifact.h"

namespace invplan {

// One line for run reports, e.g. in optimize's "demand_model".
constexpr const char* kForecastDistributionRule =
    "each period's distribution as the forecast recorded it; for artifacts without one, a count "
    "distribution with the forecast mean and variance max(mean, sd^2), sd from the widest "
    "interval's half-width (the upper one when larger): negative binomial when variance > mean, "
    "otherwise Poisson; totals over periods 1..h from the forecast's cumulative demand "
    "(correlated errors) when recorded, otherwise periods independent";

class DemandDistribution {
 public:
  // All mass at 0.
  DemandDistribution() = default;
  static DemandDistribution Count(const CountDistribution& c);
  // max(0, scale·(g⁻¹(mu + sigma·Z) − shift)): the normal of g(y / scale + shift);
  // throws Error(kArtifact) for an unknown transform or a scale <= 0.
  static DemandDistribution Normal(double mu, double sigma, const std::string& transform = "",
                                   double scale = 1.0, double shift = 0.0);
  // (probability, value) pairs with increasing probabilities in (0, 1).
  static DemandDistribution Quantiles(const std::vector<std::pair<double, double>>& quantiles);
  // The log-normal with this mean and variance (a point mass when variance <= 0).
  static DemandDistribution LogNormal(double mean, double variance);

  // The count distribution, or null for the continuous families.
  const CountDistribution* count() const { return discrete_ ? &count_ : nullptr; }
  double mean() const { return mean_; }
  double variance() const { return variance_; }
  // The smallest x >= 0 with P(D <= x) >= p, p in (0, 1) (a whole number for counts).
  double Quantile(double p) const;
  // P(D <= x).
  double Cdf(double x) const;
  // P(D = k), k = 0..n, in whole units (see above).
  std::vector<double> PmfTable(std::size_t n) const;
  // P(D = k) up to where less than `tail` remains, folded into the last entry.
  std::vector<double> TruncatedPmf(double tail = 1e-12, std::size_t max_support = 100000) const;

 private:
  enum class Shape { kNormal, kTable };
  // The latent monotone map: X = Map(Z).
  double Map(double z) const;
  // Z with Map(Z) = x (the largest such Z where Map is flat).
  double InverseMap(double x) const;
  void SetMoments();

  bool discrete_ = true;
  CountDistribution count_;
  Shape shape_ = Shape::kNormal;
  double mu_ = 0.0, sigma_ = 0.0;
  int transform_ = 0;  // 0 none, 1 log, 2 log1p, 3 Box-Cox with lambda_
  double lambda_ = 0.0;
  double scale_ = 1.0, shift_ = 0.0;              // y = scale·(g⁻¹(·) − shift)
  std::vector<std::pair<double, double>> table_;  // (normal score, value)
  double mean_ = 0.0, variance_ = 0.0;
};

// The demand of one forecast period of `set` (its levels for family kNone).
DemandDistribution PointDemand(const ForecastPoint& point, const ForecastSet& set);

// The total of several periods with this mean and variance: the count
// distribution when `counts`, otherwise the log-normal (see above).
DemandDistribution TotalDemand(double mean, double variance, bool counts);

// Fills each point's quantiles at set.quantiles (of PointDemand) and the
// series' cumulative demand over periods 1..h, h = 1..points: mean the running
// sum of the points' means; variance widening[h-1] · Σ_{t<=h} Var(D_t), the
// demand variances of the periods widened as the model's correlated errors
// widen the sum on the model's scale (widening 1 where not given: independent
// periods; exact for a normal on the data's scale, a moment-matched rule for
// transformed models); counts when every period is a count distribution; the
// quantiles those of TotalDemand (for h = 1, of the period itself).
void AddQuantilesAndTotals(const ForecastSet& set, const std::vector<double>& widening,
                           SeriesForecast* series);

// A period's demand and the fraction of it that counts.
struct WeightedDemand {
  DemandDistribution demand;
  double weight = 1.0;
};

// The periods 1..ceil(periods) of `series` from the start of its forecast (a
// fractional last period counts in part), appended to `parts`: one part for
// the periods the cumulative demand covers when the series has one and more
// than one period is asked for, else one part per period. Periods past the
// horizon repeat the last one; returns whether that happened.
bool AppendPeriods(const SeriesForecast& series, const ForecastSet& set, double periods,
                   std::vector<WeightedDemand>* parts);

// The distribution of the sum of independent parts (see above); a single
// whole part is returned as it is.
DemandDistribution SumDemand(const std::vector<WeightedDemand>& parts);

}  // namespace invplan
