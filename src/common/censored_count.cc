#include "common/censored_count.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace invplan {
namespace {

// Survival below this is treated as this: a censoring point far in the tail
// of the current fit must not give log(0) while the mean climbs towards it.
constexpr double kMinSurvival = 1e-300;

// The mean E[Y; Y < c] of the counts below whole c, in closed form:
// Poisson k·P(k; μ) = μ·P(k−1; μ); negative binomial with size r,
// k·P(k; r, μ) = μ·P(k−1; r+1, μ(r+1)/r).
double PartialMean(const CountDistribution& d, double c) {
  if (c <= 1.0) return 0.0;
  const double mu = d.mean();
  if (d.poisson()) return mu * d.Cdf(c - 2.0);
  const double r = d.size();
  return mu * CountDistribution::NegBin(mu * (r + 1.0) / r, r + 1.0).Cdf(c - 2.0);
}

struct Sample {
  std::vector<double> observed, censored;  // censored: whole thresholds
  double observed_sum = 0.0;
};

// Profile EM for the mean at a given α; returns the log-likelihood at it.
double FitMean(const Sample& s, double alpha, double* mean) {
  const double n = static_cast<double>(s.observed.size() + s.censored.size());
  double mu = std::max(*mean, 1e-9);
  for (int it = 0; it < 500 && !s.censored.empty(); ++it) {
    const CountDistribution d = CountWithDispersion(mu, alpha);
    double total = s.observed_sum;
    for (double c : s.censored) total += CountTailMean(d, c);
    const double next = std::max(total / n, 1e-9);
    const bool done = std::fabs(next - mu) <= 1e-9 * std::max(1.0, mu);
    mu = next;
    if (done) break;
  }
  if (s.censored.empty()) mu = std::max(s.observed_sum / n, 1e-9);
  *mean = mu;
  const CountDistribution d = CountWithDispersion(mu, alpha);
  double ll = 0.0;
  for (double y : s.observed) ll += d.LogPmf(y);
  for (double c : s.censored) ll += CountLogSurvival(d, c);
  return ll;
}

}  // namespace

CountDistribution CountWithDispersion(double mean, double alpha) {
  return alpha > 0.0 ? CountDistribution::NegBin(mean, 1.0 / alpha)
                     : CountDistribution::Poisson(mean);
}

double CountLogSurvival(const CountDistribution& d, double c) {
  const double whole = std::ceil(c);
  if (whole <= 0.0) return 0.0;
  if (d.mean() <= 0.0) return std::log(kMinSurvival);
  return std::log(std::max(1.0 - d.Cdf(whole - 1.0), kMinSurvival));
}

double CountTailMean(const CountDistribution& d, double c) {
  const double whole = std::max(0.0, std::ceil(c));
  if (whole <= 0.0) return d.mean();
  const double survival = 1.0 - d.Cdf(whole - 1.0);
  // Too little mass above c to divide by: the bound itself.
  if (!(survival > 1e-12)) return whole;
  const double tail = (d.mean() - PartialMean(d, whole)) / survival;
  return std::isfinite(tail) ? std::max(tail, whole) : whole;
}

CensoredCountFit FitCensoredCounts(const std::vector<double>& y, const std::vector<char>& censored,
                                   bool poisson) {
  Sample s;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y[i])) continue;
    const double v = std::max(0.0, y[i]);
    if (i < censored.size() && censored[i] && v > 0.0) {
      s.censored.push_back(std::ceil(v));
    } else {
      s.observed.push_back(v);
      s.observed_sum += v;
    }
  }
  CensoredCountFit fit;
  fit.censored = s.censored.size();
  const std::size_t n = s.observed.size() + s.censored.size();
  if (n == 0) return fit;
  double cens_sum = 0.0;
  for (double c : s.censored) cens_sum += c;
  if (s.observed_sum + cens_sum <= 0.0) return fit;
  double mu = (s.observed_sum + cens_sum) / static_cast<double>(n);
  if (poisson) {
    fit.log_likelihood = FitMean(s, 0.0, &mu);
    fit.mean = mu;
    return fit;
  }
  // Golden-section search on log α; the profile likelihood is unimodal in
  // practice (one dispersion explains the spread best).
  const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
  double a = std::log(1e-6), b = std::log(100.0);
  double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
  double m1 = mu, m2 = mu;
  double f1 = FitMean(s, std::exp(x1), &m1), f2 = FitMean(s, std::exp(x2), &m2);
  for (int it = 0; it < 40 && b - a > 1e-3; ++it) {
    if (f1 >= f2) {
      b = x2, x2 = x1, f2 = f1, m2 = m1;
      x1 = b - phi * (b - a);
      m1 = m2;
      f1 = FitMean(s, std::exp(x1), &m1);
    } else {
      a = x1, x1 = x2, f1 = f2, m1 = m2;
      x2 = a + phi * (b - a);
      m2 = m1;
      f2 = FitMean(s, std::exp(x2), &m2);
    }
  }
  const bool first = f1 >= f2;
  fit.alpha = std::exp(first ? x1 : x2);
  fit.mean = first ? m1 : m2;
  fit.log_likelihood = first ? f1 : f2;
  // The lower end of the search is Poisson in all but name.
  const double poisson_mean_start = mu;
  double pm = poisson_mean_start;
  const double poisson_ll = FitMean(s, 0.0, &pm);
  if (poisson_ll >= fit.log_likelihood) {
    fit.alpha = 0.0;
    fit.mean = pm;
    fit.log_likelihood = poisson_ll;
  }
  return fit;
}

}  // namespace invplan
