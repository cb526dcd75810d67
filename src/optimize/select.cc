// SelectOrders: optimize's model and solvers for lines priced by another stage.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "invplan/error.h"
#include "invplan/optimize.h"
#include "optimize/cbc_solver.h"
#include "optimize/mck_solver.h"
#include "optimize/problem.h"

namespace invplan {
namespace {

bool OverLimit(double used, double limit) {
  return used > limit + 1e-9 * std::max(1.0, std::fabs(limit));
}

}  // namespace

OrderSelectionResult SelectOrders(const OrderSelection& sel, RunInfo* run) {
  using optimize::Group;
  OrderSelectionResult out;
  optimize::Problem p;
  p.mode = "selection";
  optimize::Model& m = p.model;
  m.rows = static_cast<int>(sel.row_names.size());
  m.row_names = sel.row_names;
  m.rhs = sel.rhs;
  for (int k = 0; k < m.rows; ++k) {
    if (sel.row_names[static_cast<std::size_t>(k)] == "budget") p.row_budget = k;
  }
  std::map<std::string, double> minimum;
  if (!sel.supplier_min_path.empty()) {
    InputInfo info;
    minimum = optimize::ReadSupplierMinimums(sel.supplier_min_path, &info);
    if (run) run->inputs.push_back(info);
  }
  std::map<std::string, int> sup_index;
  for (const OrderGroup& g : sel.groups) {
    Group mg;
    mg.sku = g.name;
    mg.begin = m.candidates();
    int sup = -1;
    const auto it = minimum.find(g.supplier);
    if (!g.supplier.empty() && it != minimum.end() && it->second > 0) {
      auto [si, fresh] = sup_index.emplace(it->first, static_cast<int>(m.suppliers.size()));
      if (fresh) m.suppliers.push_back({it->first, it->second});
      sup = si->second;
    }
    for (const OrderChoice& c : g.choices) {
      if (c.weights.size() != sel.row_names.size()) {
        throw InternalError("SelectOrders: a choice of '" + g.name + "' has " +
                            std::to_string(c.weights.size()) + " weights for " +
                            std::to_string(sel.row_names.size()) + " rows");
      }
      m.value.push_back(c.value);
      m.weight.insert(m.weight.end(), c.weights.begin(), c.weights.end());
      m.spend.push_back(c.cost);
      m.supplier.push_back(sup);
      p.quantity.push_back(c.quantity);
      p.cost.push_back(c.cost);
      p.volume.push_back(0.0);
      p.demand.push_back(0.0);
      p.fill_rate.push_back(0.0);
      p.supplier_name.push_back(g.supplier);
    }
    mg.end = m.candidates();
    m.groups.push_back(mg);
  }
  optimize::ValidateModel(m);
  m.value_step = optimize::ValueStep(m);

  // The presolve drops lines of suppliers that cannot reach their minimum; the
  // groups keep their order, so a choice is found again by its quantity.
  const std::string why = optimize::DropUnreachableSuppliers(&p);
  out.notes = p.notes;
  optimize::SolveLimits limits;
  limits.time_limit = sel.time_limit;
  out.solver = sel.solver == OptimizeSolver::kCbc ? "cbc" : "mck";
  optimize::SolveOutcome sol;
  if (!why.empty()) {
    sol.status = optimize::SolveStatus::kInfeasible;
    sol.message = why;
  } else if (out.solver == "cbc") {
    sol = optimize::SolveWithCbc(m, limits);
  } else {
    sol = optimize::SolveMck(m, limits);
  }
  out.status = optimize::StatusName(sol.status);
  out.reason = sol.message;
  out.objective = sol.objective;
  out.bound = sol.bound;
  out.chosen.assign(sel.groups.size(), -1);
  if (!sol.has_solution) return out;
  for (std::size_t g = 0; g < sel.groups.size(); ++g) {
    const int c = sol.pick[g];
    if (c < 0) continue;
    const auto& choices = sel.groups[g].choices;
    for (std::size_t k = 0; k < choices.size(); ++k) {
      if (choices[k].quantity == p.quantity[static_cast<std::size_t>(c)]) {
        out.chosen[g] = static_cast<int>(k);
        break;
      }
    }
  }

  // What the constraints cut: each group's wanted line against the others' choices.
  std::vector<double> used(sel.row_names.size(), 0.0);
  std::map<std::string, double> spend;
  for (std::size_t g = 0; g < sel.groups.size(); ++g) {
    if (out.chosen[g] < 0) continue;
    const OrderChoice& c = sel.groups[g].choices[static_cast<std::size_t>(out.chosen[g])];
    for (std::size_t k = 0; k < used.size(); ++k) used[k] += c.weights[k];
    spend[sel.groups[g].supplier] += c.cost;
  }
  std::set<std::string> binding;
  for (std::size_t g = 0; g < sel.groups.size(); ++g) {
    const OrderGroup& gr = sel.groups[g];
    if (gr.wanted < 0) continue;
    const OrderChoice& want = gr.choices[static_cast<std::size_t>(gr.wanted)];
    const OrderChoice* now =
        out.chosen[g] >= 0 ? &gr.choices[static_cast<std::size_t>(out.chosen[g])] : nullptr;
    if (now != nullptr && now->quantity >= want.quantity) continue;
    Json reasons = Json::array();
    for (std::size_t k = 0; k < used.size(); ++k) {
      if (OverLimit(used[k] - (now ? now->weights[k] : 0.0) + want.weights[k], sel.rhs[k])) {
        reasons.push_back(sel.row_names[k]);
      }
    }
    const auto min = minimum.find(gr.supplier);
    if (!gr.supplier.empty() && min != minimum.end() && min->second > 0) {
      const double others = spend[gr.supplier] - (now ? now->cost : 0.0);
      if (others + want.cost < min->second * (1 - 1e-9)) reasons.push_back("supplier minimum");
    }
    for (const Json& r : reasons) binding.insert(r.get<std::string>());
    if (reasons.empty()) reasons.push_back("the other lines are worth more");
    out.not_ordered.push_back({{"sku", gr.name},
                               {"wanted", want.quantity},
                               {"ordered", now ? now->quantity : 0.0},
                               {"wanted_value", want.value},
                               {"reasons", std::move(reasons)}});
  }
  for (const std::string& b : binding) out.binding.push_back(b);
  return out;
}

}  // namespace invplan
