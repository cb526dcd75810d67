#include "network/serial_ssm.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/log_gamma.h"
#include "common/normal.h"
#include "invplan/error.h"
#include "network/numerics.h"

namespace invplan::network {
namespace {

constexpr double kTail = 12.0;  // normal scores beyond +-12 carry < 1e-32 of the mass

void CheckStages(const std::vector<SerialStage>& stages, double p) {
  if (stages.empty()) throw UsageError("serial system: no stages");
  if (!(p > 0.0) || !std::isfinite(p)) throw UsageError("serial system: stockout cost must be > 0");
  for (std::size_t j = 0; j < stages.size(); ++j) {
    const SerialStage& s = stages[j];
    if (!(s.echelon_holding >= 0.0) || !(s.ltd_mean >= 0.0) || !(s.ltd_sd >= 0.0) ||
        !std::isfinite(s.echelon_holding) || !std::isfinite(s.ltd_mean) ||
        !std::isfinite(s.ltd_sd)) {
      throw UsageError("serial system: stage " + std::to_string(j + 1) +
                       ": holding cost and lead-time demand must be finite and >= 0");
    }
  }
}

SerialSolution SolveNormal(const std::vector<SerialStage>& st, double p, int resolution) {
  const std::size_t n = st.size();
  double local = 0.0;
  for (const auto& s : st) local += s.echelon_holding;
  const double a = p + local;

  // Where each S*_j lies and which part of g_j the next stage reaches.
  std::vector<double> lo_s(n), hi_s(n), low(n);
  double mean_sum = 0.0, sd_sum = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    mean_sum += st[j].ltd_mean;
    sd_sum += st[j].ltd_sd;
    lo_s[j] = mean_sum - kTail * sd_sum - 1.0;
    hi_s[j] = mean_sum + kTail * sd_sum + 1.0;
  }
  low[n - 1] = lo_s[n - 1];
  for (std::size_t j = n - 1; j >= 1; --j) {
    low[j - 1] = std::min(lo_s[j - 1], low[j] - st[j].ltd_mean - kTail * st[j].ltd_sd);
  }

  SerialSolution out;
  out.echelon_base_stock.assign(n, 0.0);
  out.stage_cost.assign(n, 0.0);

  // g_1 in closed form.
  const SerialStage& s1 = st[0];
  std::function<double(double)> prev = [h = s1.echelon_holding, m = s1.ltd_mean, sd = s1.ltd_sd,
                                        a](double y) {
    const double shortage = sd > 0.0 ? sd * NormalLoss((y - m) / sd) : std::max(m - y, 0.0);
    return h * (y - m) + a * shortage;
  };
  double feature = s1.ltd_sd > 0.0 ? s1.ltd_sd : 1.0;  // finest scale of g seen so far
  Chebyshev table;
  for (std::size_t j = 0; j < n; ++j) {
    std::function<double(double)> g;
    if (j == 0) {
      g = prev;
    } else {
      const double S = out.echelon_base_stock[j - 1];
      const double gS = out.stage_cost[j - 1];
      const double h = st[j].echelon_holding, m = st[j].ltd_mean, sd = st[j].ltd_sd;
      // Clamped as a double first: a huge ratio must not overflow the int.
      const int panels = static_cast<int>(std::clamp(
          std::ceil(kTail * resolution * std::max(1.0, 2.0 * sd / feature)), 12.0, 20000.0));
      g = [prev, S, gS, h, m, sd, panels](double y) {
        double e;
        if (sd <= 0.0) {
          e = prev(std::min(S, y - m));
        } else {
          // D <= y - S: the previous stage sits at its base-stock level.
          const double z0 = (y - S - m) / sd;
          e = gS * NormalCdf(z0);
          const double za = std::max(z0, -kTail);
          if (za < kTail) {
            const int k =
                std::max(1, static_cast<int>(std::ceil(panels * (kTail - za) / (2.0 * kTail))));
            e += GaussLegendreT([&](double z) { return prev(y - m - sd * z) * NormalPdf(z); }, za,
                                kTail, k);
          }
        }
        return h * (y - m) + e;
      };
      if (sd > 0.0) feature = std::min(feature, sd);
    }
    // g_1 is a newsvendor cost: its minimiser in closed form.
    const double S = j == 0 && s1.ltd_sd > 0.0 && s1.echelon_holding > 0.0
                         ? s1.ltd_mean + s1.ltd_sd * NormalQuantile(1.0 - s1.echelon_holding / a)
                         : GoldenMin(g, lo_s[j], hi_s[j]);
    out.echelon_base_stock[j] = S;
    out.stage_cost[j] = g(S);
    if (j >= 1 && j + 1 < n) {
      // Keep g_j below S*_j as an interpolant for the next stage's expectations
      // (g_1 stays in closed form).
      const double width = S - low[j];
      const int nodes =
          static_cast<int>(std::clamp(std::ceil(8.0 * resolution * width / feature), 64.0, 6000.0));
      table = Chebyshev(g, low[j], S, nodes);
      prev = [t = table](double x) { return t(x); };
    }
  }
  out.expected_cost = out.stage_cost[n - 1];
  return out;
}

std::vector<double> PoissonPmf(double lambda, int* dmax) {
  const int top = static_cast<int>(std::ceil(lambda + 12.0 * std::sqrt(lambda) + 30.0));
  std::vector<double> pmf(static_cast<std::size_t>(top) + 1, 0.0);
  for (int d = 0; d <= top; ++d) {
    pmf[d] = lambda > 0.0 ? std::exp(d * std::log(lambda) - lambda - LogGamma(d + 1.0))
                          : (d == 0 ? 1.0 : 0.0);
  }
  *dmax = top;
  return pmf;
}

SerialSolution SolvePoisson(const std::vector<SerialStage>& st, double p) {
  const int n = static_cast<int>(st.size());
  double local = 0.0;
  for (const auto& s : st) local += s.echelon_holding;
  const double a = p + local;
  std::vector<std::vector<double>> pmf(n);
  std::vector<int> dmax(n);
  for (int j = 0; j < n; ++j) pmf[j] = PoissonPmf(st[j].ltd_mean, &dmax[j]);
  std::vector<long> lo_s(n), hi_s(n), low(n);
  long total = 0;
  for (int j = 0; j < n; ++j) {
    total += dmax[j];
    lo_s[j] = -1;
    hi_s[j] = total + 1;
  }
  low[n - 1] = lo_s[n - 1];
  for (int j = n - 1; j >= 1; --j) low[j - 1] = std::min(lo_s[j - 1], low[j] - dmax[j]);

  SerialSolution out;
  out.echelon_base_stock.assign(n, 0.0);
  out.stage_cost.assign(n, 0.0);
  // prev(x): g_{j-1}(min(S*_{j-1}, x)) on whole units; for j = 1, g_0.
  std::vector<double> prev_table;
  long prev_low = 0, prev_S = 0;
  for (int j = 0; j < n; ++j) {
    const long lo = std::min(low[j], lo_s[j]), hi = hi_s[j];
    std::vector<double> g(static_cast<std::size_t>(hi - lo + 1));
    for (long y = lo; y <= hi; ++y) {
      double e = 0.0;
      for (int d = 0; d <= dmax[j]; ++d) {
        const long x = y - d;
        double v;
        if (j == 0) {
          v = a * static_cast<double>(std::max(-x, 0L));
        } else {
          v = prev_table[static_cast<std::size_t>(std::min(x, prev_S) - prev_low)];
        }
        e += pmf[j][d] * v;
      }
      g[static_cast<std::size_t>(y - lo)] = st[j].echelon_holding * (y - st[j].ltd_mean) + e;
    }
    long best = lo_s[j];
    for (long y = lo_s[j]; y <= hi; ++y) {
      if (g[static_cast<std::size_t>(y - lo)] < g[static_cast<std::size_t>(best - lo)] - 1e-12) {
        best = y;
      }
    }
    out.echelon_base_stock[j] = static_cast<double>(best);
    out.stage_cost[j] = g[static_cast<std::size_t>(best - lo)];
    prev_table = std::move(g);
    prev_low = lo;
    prev_S = best;
  }
  out.expected_cost = out.stage_cost[n - 1];
  return out;
}

}  // namespace

SerialSolution OptimizeSerial(const std::vector<SerialStage>& stages, double stockout_cost,
                              SerialDemand demand, int resolution) {
  CheckStages(stages, stockout_cost);
  if (demand == SerialDemand::kPoisson) {
    for (const SerialStage& st : stages) {
      // Whole-unit tables grow with the mean: beyond this, use the normal.
      if (st.ltd_mean > 1e6) throw UsageError("serial system: Poisson mean above 1e6");
    }
    return SolvePoisson(stages, stockout_cost);
  }
  return SolveNormal(stages, stockout_cost, std::max(1, resolution));
}

}  // namespace invplan::network
