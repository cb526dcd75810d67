#include "optimize/shortfall.h"

#include <algorithm>
#include <set>

namespace invplan::optimize {
namespace {

bool Above(double used, double limit) {
  return used > limit + 1e-9 * std::max(1.0, std::fabs(limit));
}

}  // namespace

Shortfall FindShortfall(const OptimizeOptions& o, const Problem& p, const std::vector<int>& pick) {
  const Model& m = p.model;
  double spend = 0.0, volume = 0.0;
  std::vector<double> supplier_spend(m.suppliers.size(), 0.0);
  for (std::size_t g = 0; g < pick.size(); ++g) {
    const int k = pick[g];
    if (k < 0) continue;
    spend += p.cost[k];
    volume += p.volume[k];
    if (m.supplier[k] >= 0) supplier_spend[m.supplier[k]] += m.spend[k];
  }
  Shortfall out;
  std::set<std::string> binding;
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const Group& gr = m.groups[g];
    int wanted = -1;
    for (int c = gr.begin; c < gr.end; ++c) {
      if (m.value[c] > 0 && (wanted < 0 || m.value[c] > m.value[wanted])) wanted = c;
    }
    const int chosen = pick[g];
    if (wanted < 0 || (chosen >= 0 && p.quantity[chosen] >= p.quantity[wanted])) continue;
    const double cost_now = chosen >= 0 ? p.cost[chosen] : 0.0;
    const double volume_now = chosen >= 0 ? p.volume[chosen] : 0.0;
    Json reasons = Json::array();
    if (o.budget && Above(spend - cost_now + p.cost[wanted], *o.budget))
      reasons.push_back("budget");
    if (o.capacity && Above(volume - volume_now + p.volume[wanted], *o.capacity)) {
      reasons.push_back("capacity");
    }
    const int sup = m.supplier[wanted];
    if (sup >= 0) {
      const double others =
          supplier_spend[sup] - (chosen >= 0 && m.supplier[chosen] == sup ? m.spend[chosen] : 0.0);
      if (others + m.spend[wanted] < m.suppliers[sup].min_value * (1 - 1e-9)) {
        reasons.push_back("supplier minimum");
      }
    }
    for (const Json& r : reasons) binding.insert(r.get<std::string>());
    if (reasons.empty()) reasons.push_back("the other SKUs' lines are worth more");
    Json row = Json::object();
    row["sku"] = gr.sku;
    row["wanted"] = p.quantity[wanted];
    row["ordered"] = chosen >= 0 ? p.quantity[chosen] : 0.0;
    row["wanted_value"] = m.value[wanted];
    row["reasons"] = std::move(reasons);
    out.not_ordered.push_back(std::move(row));
  }
  for (const std::string& b : binding) out.binding.push_back(b);
  return out;
}

}  // namespace invplan::optimize
