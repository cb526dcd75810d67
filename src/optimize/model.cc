#include "optimize/model.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "invplan/error.h"

namespace invplan::optimize {

void Model::AddCandidate(double v, const std::vector<double>& weights, double spend_value,
                         int supplier_index) {
  value.push_back(v);
  for (int k = 0; k < rows; ++k) weight.push_back(weights[k]);
  spend.push_back(spend_value);
  supplier.push_back(supplier_index);
  groups.back().end = candidates();
}

Usage ComputeUsage(const Model& m, const std::vector<int>& pick) {
  Usage u;
  u.row.assign(m.rows, 0.0);
  u.supplier.assign(m.suppliers.size(), 0.0);
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    int c = pick[g];
    if (c < 0) continue;
    for (int k = 0; k < m.rows; ++k) u.row[k] += m.w(c, k);
    if (m.supplier[c] >= 0) u.supplier[m.supplier[c]] += m.spend[c];
  }
  return u;
}

double ObjectiveOf(const Model& m, const std::vector<int>& pick) {
  double total = 0.0;
  for (int c : pick) {
    if (c >= 0) total += m.value[c];
  }
  return total;
}

double FeasTol(double scale) {
  return 1e-9 * std::max(1.0, std::fabs(scale));
}

std::string CheckFeasible(const Model& m, const std::vector<int>& pick) {
  if (pick.size() != m.groups.size()) return "wrong number of choices";
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const Group& gr = m.groups[g];
    int c = pick[g];
    if (c < 0) {
      if (gr.mandatory) return "SKU '" + gr.sku + "' must be ordered (min_qty) but is not";
    } else if (c < gr.begin || c >= gr.end) {
      return "SKU '" + gr.sku + "' has a choice outside its candidates";
    }
  }
  Usage u = ComputeUsage(m, pick);
  for (int k = 0; k < m.rows; ++k) {
    if (u.row[k] > m.rhs[k] + FeasTol(m.rhs[k])) {
      std::ostringstream s;
      s.precision(12);
      s << m.row_names[k] << " exceeded: " << u.row[k] << " > " << m.rhs[k];
      return s.str();
    }
  }
  for (std::size_t s = 0; s < m.suppliers.size(); ++s) {
    double spend = u.supplier[s], min = m.suppliers[s].min_value;
    if (min > 0 && spend > FeasTol(min) && spend < min - FeasTol(min)) {
      std::ostringstream o;
      o.precision(12);
      o << "supplier '" << m.suppliers[s].name << "' gets " << spend << ", below its minimum "
        << min;
      return o.str();
    }
  }
  return "";
}

void ValidateModel(const Model& m) {
  if (static_cast<int>(m.rhs.size()) != m.rows || static_cast<int>(m.row_names.size()) != m.rows) {
    throw InternalError("optimize: row data does not match the row count");
  }
  double sum_value = 0.0, sum_spend = 0.0;
  std::vector<double> sum_row(m.rows, 0.0);
  for (const Group& g : m.groups) {
    if (g.begin > g.end || g.end > m.candidates()) {
      throw InternalError("optimize: bad candidate range for SKU '" + g.sku + "'");
    }
    if (g.mandatory && g.begin == g.end) {
      throw InputError("SKU '" + g.sku + "' must be ordered (min_qty) but has no candidate");
    }
    for (int c = g.begin; c < g.end; ++c) {
      if (!std::isfinite(m.value[c]) || !std::isfinite(m.spend[c])) {
        throw InputError("SKU '" + g.sku + "': a candidate has a non-finite value or cost");
      }
      if (m.spend[c] < 0) throw InputError("SKU '" + g.sku + "': negative cost");
      for (int k = 0; k < m.rows; ++k) {
        if (!std::isfinite(m.w(c, k))) {
          throw InputError("SKU '" + g.sku + "': a candidate has a non-finite " + m.row_names[k]);
        }
        sum_row[k] += std::fabs(m.w(c, k));
      }
      sum_value += std::fabs(m.value[c]);
      sum_spend += m.spend[c];
    }
  }
  auto refuse = [](const std::string& what) {
    throw InputError("optimize: the candidates' " + what +
                     " sum to more than 1e200; the numbers are too large to plan with");
  };
  if (!(sum_value < kMaxModelSum)) refuse("values");
  if (!(sum_spend < kMaxModelSum)) refuse("costs");
  for (int k = 0; k < m.rows; ++k) {
    if (!(sum_row[k] < kMaxModelSum) || !(std::fabs(m.rhs[k]) < kMaxModelSum)) {
      refuse(m.row_names[k] + " figures");
    }
  }
}

double ValueStep(const Model& m) {
  // Sums of whole numbers are exact in doubles below 2^53; a margin of 2^50
  // leaves room for the rounding of the hundredths.
  constexpr double kExact = 1125899906842624.0;  // 2^50
  for (double step : {1.0, 0.01}) {
    double sum = 0.0;
    bool whole = true;
    for (double v : m.value) {
      const double units = v / step;
      if (std::fabs(units - std::nearbyint(units)) > 1e-9 * std::max(1.0, std::fabs(units))) {
        whole = false;
        break;
      }
      sum += std::fabs(units);
    }
    if (whole) return sum < kExact ? step : 0.0;
  }
  return 0.0;
}

double PruneMargin(const Model& m, double incumbent, double rel_tol) {
  if (!std::isfinite(incumbent)) return 0.0;
  const double scale = std::max(1.0, std::fabs(incumbent));
  const double real = rel_tol * scale;
  if (m.value_step <= 0) return real;
  // A plan worth more than `incumbent` (a plan's value, or a guessed cutoff
  // between two multiples) is worth at least the next multiple of the step;
  // the margin stays a hair below it so that rounding never prunes that plan.
  const double next = m.value_step * (std::floor(incumbent / m.value_step + 1e-6) + 1.0);
  return std::max(real, next - incumbent - 1e-9 * scale);
}

}  // namespace invplan::optimize
