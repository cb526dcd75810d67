// The optimize stage: build the model, solve it, write the orders.
#include "invplan/optimize.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "invplan/artifact.h"
#include "invplan/error.h"
#include "invplan/orders.h"
#include "optimize/cbc_solver.h"
#include "optimize/mck_solver.h"
#include "optimize/problem.h"
#include "optimize/shortfall.h"

namespace invplan {
namespace {

using optimize::Problem;
using optimize::SolveOutcome;
using optimize::SolveStatus;

std::string Money(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void WriteCsv(const std::string& path, const Problem& p, const std::vector<int>& pick) {
  OutputFile out(path);
  std::ostream& s = out.stream();
  // Money to the cent, quantities as counts, the rest rounded (the JSON keeps
  // every digit).
  s << "sku,supplier,quantity,cost,volume,value";
  if (p.mode == "plan") s << ",demand_mean,position,fill_rate";
  if (p.mode == "cover") s << ",demand";
  s << "\n";
  for (std::size_t g = 0; g < pick.size(); ++g) {
    int c = pick[g];
    if (c < 0) continue;
    s << CsvEscape(p.model.groups[g].sku) << ',' << CsvEscape(p.supplier_name[c]) << ','
      << FormatDecimals(p.quantity[c], 3) << ',' << FormatMoney(p.cost[c]) << ','
      << FormatDecimals(p.volume[c], 4) << ',' << FormatMoney(p.model.value[c]);
    if (p.mode == "plan") {
      s << ',' << FormatDecimals(p.plan[g].demand_mean, 2) << ','
        << FormatDecimals(p.plan[g].position, 2) << ',' << FormatDecimals(p.fill_rate[c], 4);
    }
    if (p.mode == "cover") s << ',' << FormatDecimals(p.demand[c], 3);
    s << "\n";
  }
  out.Commit();
}

// What the solve phase hands to the report phase.
struct Solved {
  SolveOutcome sol;
  optimize::MckStats stats;
  std::string solver;  // "mck" or "cbc"
  std::string presolve_reason;
  double seconds = 0.0;
};

Solved Solve(const OptimizeOptions& o, Problem* p) {
  Solved r;
  r.presolve_reason = optimize::DropUnreachableSuppliers(p);
  for (const std::string& n : p->notes) spdlog::info("optimize: {}", n);
  optimize::SolveLimits limits;
  limits.time_limit = o.time_limit;
  limits.log = o.solver_log;
  r.solver = o.solver == OptimizeSolver::kCbc ? "cbc" : "mck";
  auto t0 = std::chrono::steady_clock::now();
  if (!r.presolve_reason.empty()) {
    r.sol.status = SolveStatus::kInfeasible;
    r.sol.message = r.presolve_reason;
  } else if (r.solver == "cbc") {
    r.sol = optimize::SolveWithCbc(p->model, limits);
  } else {
    r.sol = optimize::SolveMck(p->model, limits, &r.stats);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

Json SolverStatsJson(const optimize::MckStats& stats, double sign) {
  Json st = Json::object();
  st["active_candidates"] = stats.active_candidates;
  st["lagrangian_bound"] = JsonNumberOrNull(sign * stats.lagrangian_bound);
  st["multipliers"] = stats.multipliers;
  st["heuristic_objective"] =
      stats.has_incumbent ? JsonNumberOrNull(sign * stats.incumbent) : Json(nullptr);
  st["core_engine"] = stats.core_engine;
  st["switch_rounds"] = stats.switch_rounds;
  st["switches"] = stats.switches;
  st["switch_sets"] = stats.switch_sets;
  st["switch_pairs"] = stats.switch_pairs;
  st["core_skus"] = stats.core_skus;
  st["core_nodes"] = stats.core_nodes;
  st["core_candidates"] = stats.core_candidates;
  st["bound_seconds"] = stats.bound_seconds;
  st["heuristic_seconds"] = stats.heuristic_seconds;
  st["core_seconds"] = stats.core_seconds;
  return st;
}

// Totals of the chosen lines, for the artifact and the summary.
struct Chosen {
  std::vector<int> pick;
  double spend = 0, volume = 0, covered = 0, units = 0;
  int ordered = 0;
  Json lines = Json::array();
  std::map<std::string, std::pair<double, int>> by_supplier;
};

Chosen CollectLines(const Problem& p, const SolveOutcome& sol) {
  const optimize::Model& m = p.model;
  Chosen c;
  c.pick = sol.has_solution ? sol.pick : std::vector<int>(m.groups.size(), -1);
  for (std::size_t g = 0; g < c.pick.size(); ++g) {
    const int k = c.pick[g];
    if (k < 0) continue;
    ++c.ordered;
    c.spend += p.cost[k];
    c.volume += p.volume[k];
    c.covered += p.demand[k];
    c.units += p.quantity[k];
    auto& bs = c.by_supplier[p.supplier_name[k]];
    bs.first += p.cost[k];
    bs.second += 1;
    OrdersLine line;
    line.sku = m.groups[g].sku;
    line.quantity = p.quantity[k];
    line.cost = p.cost[k];
    line.value = p.model.value[k];
    line.volume = p.volume[k];
    line.supplier = p.supplier_name[k];
    Json l = OrdersLineJson(line);
    if (p.mode == "plan") {
      l["demand_mean"] = p.plan[g].demand_mean;
      l["demand_sd"] = p.plan[g].demand_sd;
      l["position"] = p.plan[g].position;
      l["fill_rate"] = p.fill_rate[k];
    }
    if (p.mode == "policies") l["recommended"] = p.recommended[g];
    if (p.mode == "cover") l["demand"] = p.demand[k];
    c.lines.push_back(std::move(l));
  }
  return c;
}

Json SuppliersJson(const optimize::Model& m, const Chosen& c) {
  std::map<std::string, double> minimum;
  for (const auto& s : m.suppliers) minimum[s.name] = s.min_value;
  Json suppliers = Json::array();
  for (const auto& [name, v] : c.by_supplier) {
    Json js = Json::object();
    js["supplier"] = name;
    js["min_value"] = minimum.count(name) ? Json(minimum[name]) : Json(nullptr);
    js["spend"] = v.first;
    js["skus"] = v.second;
    suppliers.push_back(std::move(js));
  }
  return suppliers;
}

Json OrdersArtifact(const OptimizeOptions& o, const Problem& p, const Solved& s, Chosen* c,
                    const RunInfo& run) {
  const optimize::Model& m = p.model;
  const SolveOutcome& sol = s.sol;
  // Report in the user's sense: cover mode minimises cost.
  const double sign = p.mode == "cover" ? -1.0 : 1.0;
  Json doc = MakeEnvelope(kOrdersFormat, kOrdersSchema, run);
  doc["mode"] = p.mode;
  doc["solver"] = s.solver;
  doc["status"] = optimize::StatusName(sol.status);
  if (!sol.message.empty() && sol.status != SolveStatus::kOptimal) doc["reason"] = sol.message;
  doc["objective_kind"] = p.mode == "plan"       ? "expected_profit"
                          : p.mode == "policies" ? "policy_value"
                          : p.mode == "cover"    ? "cost"
                                                 : "value";
  doc["objective"] = sol.has_solution ? JsonNumberOrNull(sign * sol.objective) : Json(nullptr);
  doc["bound"] = sol.has_solution || sol.status == SolveStatus::kTimeLimit
                     ? JsonNumberOrNull(sign * sol.bound)
                     : Json(nullptr);
  double gap = sol.has_solution
                   ? std::fabs(sol.bound - sol.objective) / std::max(1.0, std::fabs(sol.objective))
                   : NAN;
  if (sol.status == SolveStatus::kOptimal) gap = 0.0;
  doc["gap"] = JsonNumberOrNull(gap);
  doc["solve_seconds"] = s.seconds;
  doc["budget"] = o.budget ? Json(*o.budget) : Json(nullptr);
  doc["budget_used"] = c->spend;
  doc["capacity"] = o.capacity ? Json(*o.capacity) : Json(nullptr);
  doc["capacity_used"] = c->volume;
  if (p.mode == "cover") {
    doc["cover"] = *o.cover;
    doc["cover_achieved"] = c->covered;
  }
  doc["suppliers"] = SuppliersJson(m, *c);
  Json totals = Json::object();
  totals["skus"] = m.groups.size();
  totals["candidates"] = m.candidates();
  totals["skus_ordered"] = c->ordered;
  totals["units"] = c->units;
  doc["totals"] = std::move(totals);
  if (s.solver == "mck" && s.presolve_reason.empty()) {
    doc["solver_stats"] = SolverStatsJson(s.stats, sign);
  }
  if (p.mode == "plan" || p.mode == "policies") {
    doc["demand_model"] = p.demand_model;
    doc["unknown_skus"] = p.unknown;
  }
  if (p.mode != "cover") {
    optimize::Shortfall sf = optimize::FindShortfall(o, p, c->pick);
    doc["not_ordered"] = std::move(sf.not_ordered);
    doc["binding"] = std::move(sf.binding);
  }
  doc["notes"] = p.notes;
  doc["lines"] = std::move(c->lines);
  return doc;
}

std::string SummaryLine(const OptimizeOptions& o, const Problem& p, const Solved& s,
                        const Chosen& c, const Json& doc) {
  const SolveOutcome& sol = s.sol;
  std::string text = "optimize: " + std::string(optimize::StatusName(sol.status)) + ", " +
                     std::to_string(c.ordered) + " of " + std::to_string(p.model.groups.size()) +
                     " SKUs ordered, spend " + Money(c.spend);
  if (o.budget) text += " of budget " + Money(*o.budget);
  if (o.capacity) text += ", capacity " + Money(c.volume) + " of " + Money(*o.capacity);
  if (p.mode == "cover") text += ", demand covered " + Money(c.covered) + " of " + Money(*o.cover);
  if (sol.has_solution) {
    text += std::string(", ") +
            (p.mode == "plan"       ? "expected profit over lead time + review vs ordering nothing "
             : p.mode == "policies" ? "value of tonight's orders under the SKUs' policies "
             : p.mode == "cover"    ? "cost "
                                    : "value ") +
            Money(doc["objective"].get<double>());
  }
  if (doc.contains("not_ordered") && !doc["not_ordered"].empty()) {
    std::string bind;
    for (const Json& b : doc["binding"]) bind += (bind.empty() ? "" : ", ") + b.get<std::string>();
    text += "; " + std::to_string(doc["not_ordered"].size()) + " SKU(s) ordered less than wanted" +
            (bind.empty() ? "" : " (binding: " + bind + ")");
  }
  if (sol.status == SolveStatus::kTimeLimit && sol.has_solution) {
    text += " (gap " + FormatDouble(doc["gap"].get<double>()) + ")";
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, " in %.2f s", s.seconds);
  return text + secs;
}

}  // namespace

// Phases: build the problem from the inputs, solve it, collect the chosen
// lines, write the artifact (or the CSV of lines).
OptimizeResult RunOptimize(const OptimizeOptions& o, RunContext& ctx) {
  OptimizeOptionTable().Validate(o);
  Problem p = !o.candidates_path.empty() ? optimize::BuildCandidatesProblem(o, ctx)
              : !o.policies_path.empty() ? optimize::BuildPoliciesProblem(o, ctx)
                                         : optimize::BuildPlanProblem(o, ctx);
  const Solved s = Solve(o, &p);
  Chosen c = CollectLines(p, s.sol);
  Json doc = OrdersArtifact(o, p, s, &c, ctx.run);

  OptimizeResult result;
  result.summary = SummaryLine(o, p, s, c, doc);
  result.output = o.output;
  const SolveOutcome& sol = s.sol;
  if (sol.status == SolveStatus::kInfeasible || sol.status == SolveStatus::kFailed) {
    if (!o.output.empty() && o.format == OutputFormat::kJson) WriteJsonArtifact(o.output, doc);
    std::string why = sol.message.empty() ? "no solution" : sol.message;
    if (sol.status == SolveStatus::kInfeasible) throw InputError("optimize: infeasible: " + why);
    throw InternalError("optimize: solver failed: " + why);
  }
  if (sol.status == SolveStatus::kTimeLimit) {
    spdlog::warn(
        "optimize: time limit reached; {}",
        sol.has_solution ? "best plan found is written, not proven optimal" : "no plan found");
  }
  if (!o.output.empty()) {
    if (o.format == OutputFormat::kCsv) {
      WriteCsv(o.output, p, c.pick);
    } else {
      WriteJsonArtifact(o.output, doc);
    }
  }
  if (!o.csv_path.empty()) WriteCsv(o.csv_path, p, c.pick);
  result.artifact = std::move(doc);
  return result;
}

std::string OptimizeResult::Summary() const {
  return summary + (output.empty() || output == "-" ? "" : " -> " + output);
}

}  // namespace invplan
