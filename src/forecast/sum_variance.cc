// The variance of a forecast's running sums (ModelForecast::sum_se) from
// psi-weights, and the widening it gives relative to independent steps.
#include <algorithm>
#include <cmath>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

std::vector<double> PsiSumSe(const std::vector<double>& psi, double sigma2) {
  // The sum of errors 1..h is Σ_j a_j Σ_{i<=h-j} ψ_i: the innovation of step j
  // counts with the cumulated weight of the steps it still reaches.
  std::vector<double> out;
  out.reserve(psi.size());
  double cum = 0.0, var = 0.0;
  for (double p : psi) {
    cum += p;
    var += cum * cum;
    out.push_back(std::sqrt(std::max(0.0, sigma2 * var)));
  }
  return out;
}

std::vector<double> SesPsi(double alpha, int h) {
  std::vector<double> psi(std::max(0, h), alpha);
  if (h > 0) psi[0] = 1.0;
  return psi;
}

std::vector<double> SumWidening(const ModelForecast& f) {
  std::vector<double> w(f.se.size(), 1.0);
  if (f.sum_se.size() != f.se.size()) return w;
  double independent = 0.0;
  for (std::size_t j = 0; j < f.se.size(); ++j) {
    independent += f.se[j] * f.se[j];
    const double sum = f.sum_se[j] * f.sum_se[j];
    // Steps without spread carry no correlation worth scaling.
    if (independent > 1e-300 && std::isfinite(sum)) w[j] = sum / independent;
  }
  return w;
}

}  // namespace invplan::forecast
