// Candidates and cover modes, and what every mode shares: rows and suppliers.
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "common/csv_reader.h"
#include "invplan/error.h"
#include "optimize/problem.h"

namespace invplan::optimize {
namespace {

double Field(const CsvReader& r, int col, bool allow_negative, const char* what) {
  double v;
  if (!ParseNumber(r.field(col), &v)) throw InputError(r.FieldError(col, "a number"));
  if (!allow_negative && v < 0) throw InputError(r.FieldError(col, what));
  return v;
}

}  // namespace

std::map<std::string, double> ReadSupplierMinimums(const std::string& path, InputInfo* info) {
  std::map<std::string, double> minimum;
  CsvReader r(path);
  const int c_sup = r.RequireColumn("supplier", "--supplier-min");
  const int c_min = r.RequireColumn("min_value", "--supplier-min");
  while (r.Next()) {
    r.CheckFieldCount();
    double v;
    if (!ParseNumber(r.field(c_min), &v) || v < 0) {
      throw InputError(r.FieldError(c_min, "a minimum order value >= 0"));
    }
    std::string name(r.field(c_sup));
    if (!minimum.emplace(name, v).second) {
      throw InputError(r.Where() + ": supplier '" + name + "' is listed twice");
    }
  }
  if (info) *info = r.Info();
  return minimum;
}

Problem BuildCandidatesProblem(const OptimizeOptions& o, RunContext& ctx) {
  RunInfo* run = &ctx.run;
  Problem p;
  p.mode = o.cover.has_value() ? "cover" : "candidates";
  CsvReader r(o.candidates_path);
  const int c_sku = r.RequireColumn("sku", "--candidates");
  const int c_cost = r.RequireColumn("cost", "--candidates");
  const int c_qty = r.FindColumn("quantity");
  const int c_value =
      o.cover.has_value() ? r.FindColumn("value") : r.RequireColumn("value", "--candidates");
  const int c_demand = o.cover.has_value()
                           ? r.RequireColumn("demand", "--candidates (with --cover)")
                           : r.FindColumn("demand");
  const int c_volume = o.capacity.has_value()
                           ? r.RequireColumn("volume", "--candidates (with --capacity)")
                           : r.FindColumn("volume");
  const int c_supplier = r.FindColumn("supplier");

  struct Line {
    double qty, cost, value, volume, demand;
    std::string supplier;
  };
  std::unordered_map<std::string, int> index;
  std::vector<std::string> skus;
  std::vector<std::vector<Line>> lines;
  while (r.Next()) {
    r.CheckFieldCount();
    std::string sku(r.field(c_sku));
    while (!sku.empty() && sku.back() == ' ') sku.pop_back();
    while (!sku.empty() && sku.front() == ' ') sku.erase(sku.begin());
    if (sku.empty()) throw InputError(r.FieldError(c_sku, "a SKU"));
    Line l;
    l.cost = Field(r, c_cost, false, "a cost >= 0");
    l.qty = c_qty >= 0 ? Field(r, c_qty, false, "a quantity >= 0") : 1.0;
    l.demand = c_demand >= 0 ? Field(r, c_demand, false, "a demand >= 0") : 0.0;
    l.volume = c_volume >= 0 ? Field(r, c_volume, false, "a volume >= 0") : 0.0;
    l.value = o.cover.has_value() ? -l.cost : Field(r, c_value, true, "");
    if (c_supplier >= 0) l.supplier = std::string(r.field(c_supplier));
    auto [it, fresh] = index.emplace(sku, static_cast<int>(skus.size()));
    if (fresh) {
      skus.push_back(sku);
      lines.emplace_back();
    }
    lines[it->second].push_back(std::move(l));
  }
  run->inputs.push_back(r.Info());
  if (skus.empty()) throw InputError(DisplayName(o.candidates_path) + ": no candidate lines");
  for (std::size_t g = 0; g < skus.size(); ++g) {
    Group gr;
    gr.sku = skus[g];
    gr.begin = static_cast<int>(p.quantity.size());
    for (const Line& l : lines[g]) {
      p.quantity.push_back(l.qty);
      p.cost.push_back(l.cost);
      p.volume.push_back(l.volume);
      p.demand.push_back(l.demand);
      p.fill_rate.push_back(0.0);
      p.supplier_name.push_back(l.supplier);
      p.model.value.push_back(l.value);
    }
    gr.end = static_cast<int>(p.quantity.size());
    p.model.groups.push_back(gr);
  }
  Assemble(o, run, &p);
  return p;
}

void Assemble(const OptimizeOptions& o, RunInfo* run, Problem* p) {
  Model& m = p->model;
  const int n = static_cast<int>(p->quantity.size());
  m.rows = 0;
  if (o.budget.has_value()) {
    p->row_budget = m.rows++;
    m.row_names.push_back("budget");
    m.rhs.push_back(*o.budget);
  }
  if (o.capacity.has_value()) {
    p->row_capacity = m.rows++;
    m.row_names.push_back("capacity");
    m.rhs.push_back(*o.capacity);
  }
  if (o.cover.has_value()) {
    p->row_cover = m.rows++;
    m.row_names.push_back("cover");
    m.rhs.push_back(-*o.cover);
  }
  m.weight.assign(static_cast<std::size_t>(n) * m.rows, 0.0);
  for (int c = 0; c < n; ++c) {
    double* w = m.weight.data() + static_cast<std::size_t>(c) * m.rows;
    if (p->row_budget >= 0) w[p->row_budget] = p->cost[c];
    if (p->row_capacity >= 0) w[p->row_capacity] = p->volume[c];
    if (p->row_cover >= 0) w[p->row_cover] = -p->demand[c];
  }
  m.spend = p->cost;

  // Supplier minimums.
  std::map<std::string, double> minimum;
  if (!o.supplier_min_path.empty()) {
    InputInfo info;
    minimum = ReadSupplierMinimums(o.supplier_min_path, &info);
    run->inputs.push_back(info);
  }
  std::map<std::string, int> sup_index;
  m.supplier.assign(n, -1);
  for (int c = 0; c < n; ++c) {
    auto it = minimum.find(p->supplier_name[c]);
    if (p->supplier_name[c].empty() || it == minimum.end() || it->second <= 0) continue;
    auto [si, fresh] = sup_index.emplace(it->first, static_cast<int>(m.suppliers.size()));
    if (fresh) m.suppliers.push_back({it->first, it->second});
    m.supplier[c] = si->second;
  }
  std::size_t unused = 0;
  for (const auto& [name, v] : minimum) unused += v > 0 && !sup_index.count(name);
  if (unused > 0) {
    p->notes.push_back(std::to_string(unused) +
                       " supplier(s) in --supplier-min have no candidate lines");
  }
  ValidateModel(m);
  m.value_step = ValueStep(m);
}

std::string DropUnreachableSuppliers(Problem* p) {
  Model& m = p->model;
  const int n_sup = static_cast<int>(m.suppliers.size());
  if (n_sup == 0) return "";
  // The most a supplier could get: its largest line per SKU, summed.
  std::vector<double> reach(n_sup, 0.0);
  for (const Group& g : m.groups) {
    std::vector<double> best(n_sup, 0.0);
    std::vector<int> touched;
    for (int c = g.begin; c < g.end; ++c) {
      int s = m.supplier[c];
      if (s < 0) continue;
      best[s] = std::max(best[s], m.spend[c]);
      touched.push_back(s);
    }
    for (int s : touched) {
      reach[s] += best[s];
      best[s] = 0.0;
    }
  }
  double budget = p->row_budget >= 0 ? m.rhs[p->row_budget] : INFINITY;
  std::vector<char> dead(n_sup, 0);
  for (int s = 0; s < n_sup; ++s) {
    double min = m.suppliers[s].min_value;
    double can = std::min(reach[s], budget);
    if (can >= min - FeasTol(min)) continue;
    dead[s] = 1;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "supplier '%s' cannot be ordered from: its minimum %.6g exceeds %s %.6g",
                  m.suppliers[s].name.c_str(), min,
                  reach[s] < budget ? "all its lines together" : "the budget", can);
    p->notes.push_back(buf);
  }
  bool any = false;
  for (char d : dead) any = any || d;
  if (!any) return "";
  // Rebuild without the dead suppliers' lines.
  Problem q;
  Model& nm = q.model;
  nm.rows = m.rows;
  nm.row_names = m.row_names;
  nm.rhs = m.rhs;
  nm.suppliers = m.suppliers;
  for (std::size_t gi = 0; gi < m.groups.size(); ++gi) {
    Group g = m.groups[gi];
    int begin = nm.candidates();
    for (int c = g.begin; c < g.end; ++c) {
      if (m.supplier[c] >= 0 && dead[m.supplier[c]]) continue;
      nm.value.push_back(m.value[c]);
      for (int k = 0; k < m.rows; ++k) nm.weight.push_back(m.w(c, k));
      nm.spend.push_back(m.spend[c]);
      nm.supplier.push_back(m.supplier[c]);
      q.quantity.push_back(p->quantity[c]);
      q.cost.push_back(p->cost[c]);
      q.volume.push_back(p->volume[c]);
      q.demand.push_back(p->demand[c]);
      q.fill_rate.push_back(p->fill_rate[c]);
      q.supplier_name.push_back(p->supplier_name[c]);
    }
    if (g.mandatory && nm.candidates() == begin) {
      return "SKU '" + g.sku + "' must be ordered (min_qty) but its supplier '" +
             p->supplier_name[g.begin] + "' cannot reach its minimum order value";
    }
    g.begin = begin;
    g.end = nm.candidates();
    nm.groups.push_back(g);
  }
  m = std::move(nm);
  p->quantity = std::move(q.quantity);
  p->cost = std::move(q.cost);
  p->volume = std::move(q.volume);
  p->demand = std::move(q.demand);
  p->fill_rate = std::move(q.fill_rate);
  p->supplier_name = std::move(q.supplier_name);
  return "";
}

}  // namespace invplan::optimize
