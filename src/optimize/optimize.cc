// The optimize stage: build the model, solve it, write the orders.
#include "invplan/optimize.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "invplan/error.h"
#include "optimize/cbc_solver.h"
#include "optimize/mck_solver.h"
#include "optimize/problem.h"

namespace invplan {
namespace {

using optimize::Problem;
using optimize::SolveOutcome;
using optimize::SolveStatus;

void CheckOptions(const OptimizeOptions& o) {
  const bool plan = !o.forecast_path.empty() || !o.items_path.empty();
  const bool lines = !o.candidates_path.empty();
  if (plan && lines)
    throw UsageError("optimize: give either --forecast/--items or --candidates, not both");
  if (!plan && !lines) {
    throw UsageError(
        "optimize: nothing to optimise; give --forecast and --items (plan mode) or "
        "--candidates (candidates or --cover mode)");
  }
  if (plan && (o.forecast_path.empty() || o.items_path.empty())) {
    throw UsageError("optimize: plan mode needs both --forecast and --items");
  }
  if (o.has_cover && !lines) throw UsageError("optimize: --cover needs --candidates");
  if (o.has_budget && !(o.budget >= 0)) throw UsageError("optimize: --budget must be >= 0");
  if (o.has_capacity && !(o.capacity >= 0)) throw UsageError("optimize: --capacity must be >= 0");
  if (o.has_cover && !(o.cover >= 0)) throw UsageError("optimize: --cover must be >= 0");
  if (o.solver != "auto" && o.solver != "mck" && o.solver != "cbc") {
    throw UsageError("optimize: --solver must be auto, mck or cbc");
  }
  if (o.format != "json" && o.format != "csv")
    throw UsageError("optimize: --format must be json or csv");
}

Json NumberOrNull(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

std::string Money(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void WriteCsv(const std::string& path, const Problem& p, const std::vector<int>& pick) {
  OutputFile out(path);
  std::ostream& s = out.stream();
  s.precision(17);
  s << "sku,supplier,quantity,cost,volume,value";
  if (p.mode == "plan") s << ",demand_mean,position,fill_rate";
  if (p.mode == "cover") s << ",demand";
  s << "\n";
  for (std::size_t g = 0; g < pick.size(); ++g) {
    int c = pick[g];
    if (c < 0) continue;
    s << CsvEscape(p.model.groups[g].sku) << ',' << CsvEscape(p.supplier_name[c]) << ','
      << FormatDouble(p.quantity[c]) << ',' << FormatDouble(p.cost[c]) << ','
      << FormatDouble(p.volume[c]) << ',' << FormatDouble(p.model.value[c]);
    if (p.mode == "plan") {
      s << ',' << FormatDouble(p.plan[g].demand_mean) << ',' << FormatDouble(p.plan[g].position)
        << ',' << FormatDouble(p.fill_rate[c]);
    }
    if (p.mode == "cover") s << ',' << FormatDouble(p.demand[c]);
    s << "\n";
  }
  out.Commit();
}

}  // namespace

OptimizeResult RunOptimize(const OptimizeOptions& o, RunInfo* run) {
  CheckOptions(o);
  Problem p = o.candidates_path.empty() ? optimize::BuildPlanProblem(o, run)
                                        : optimize::BuildCandidatesProblem(o, run);
  const optimize::Model& m = p.model;
  std::string presolve_reason = optimize::DropUnreachableSuppliers(&p);
  for (const std::string& n : p.notes) spdlog::info("optimize: {}", n);

  optimize::SolveLimits limits;
  limits.time_limit = o.time_limit;
  limits.log = o.solver_log;
  const std::string solver = o.solver == "auto" ? "mck" : o.solver;
  auto t0 = std::chrono::steady_clock::now();
  SolveOutcome sol;
  optimize::MckStats stats;
  if (!presolve_reason.empty()) {
    sol.status = SolveStatus::kInfeasible;
    sol.message = presolve_reason;
  } else if (solver == "cbc") {
    sol = optimize::SolveWithCbc(m, limits);
  } else {
    sol = optimize::SolveMck(m, limits, &stats);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Report in the user's sense: cover mode minimises cost.
  const bool minimise = p.mode == "cover";
  const double sign = minimise ? -1.0 : 1.0;
  Json doc = MakeEnvelope(kOrdersFormat, kOrdersSchema, *run);
  doc["mode"] = p.mode;
  doc["solver"] = solver;
  doc["status"] = optimize::StatusName(sol.status);
  if (!sol.message.empty() && sol.status != SolveStatus::kOptimal) doc["reason"] = sol.message;
  doc["objective_kind"] = p.mode == "plan" ? "expected_profit" : (minimise ? "cost" : "value");
  const double objective = sign * sol.objective, bound = sign * sol.bound;
  doc["objective"] = sol.has_solution ? NumberOrNull(objective) : Json(nullptr);
  doc["bound"] = sol.has_solution || sol.status == SolveStatus::kTimeLimit ? NumberOrNull(bound)
                                                                           : Json(nullptr);
  double gap = sol.has_solution
                   ? std::fabs(sol.bound - sol.objective) / std::max(1.0, std::fabs(sol.objective))
                   : NAN;
  if (sol.status == SolveStatus::kOptimal) gap = 0.0;
  doc["gap"] = NumberOrNull(gap);
  doc["solve_seconds"] = seconds;

  std::vector<int> pick = sol.has_solution ? sol.pick : std::vector<int>(m.groups.size(), -1);
  optimize::Usage use = optimize::ComputeUsage(m, pick);
  double spend = 0, volume = 0, covered = 0, units = 0;
  int ordered = 0;
  std::map<std::string, std::pair<double, int>> by_supplier;
  Json lines = Json::array();
  for (std::size_t g = 0; g < pick.size(); ++g) {
    int c = pick[g];
    if (c < 0) continue;
    ++ordered;
    spend += p.cost[c];
    volume += p.volume[c];
    covered += p.demand[c];
    units += p.quantity[c];
    auto& bs = by_supplier[p.supplier_name[c]];
    bs.first += p.cost[c];
    bs.second += 1;
    Json l = Json::object();
    l["sku"] = m.groups[g].sku;
    l["quantity"] = p.quantity[c];
    l["cost"] = p.cost[c];
    l["value"] = p.model.value[c];
    l["volume"] = p.volume[c];
    l["supplier"] = p.supplier_name[c];
    if (p.mode == "plan") {
      l["demand_mean"] = p.plan[g].demand_mean;
      l["demand_sd"] = p.plan[g].demand_sd;
      l["position"] = p.plan[g].position;
      l["fill_rate"] = p.fill_rate[c];
    }
    if (p.mode == "cover") l["demand"] = p.demand[c];
    lines.push_back(std::move(l));
  }
  doc["budget"] = o.has_budget ? Json(o.budget) : Json(nullptr);
  doc["budget_used"] = spend;
  doc["capacity"] = o.has_capacity ? Json(o.capacity) : Json(nullptr);
  doc["capacity_used"] = volume;
  if (p.mode == "cover") {
    doc["cover"] = o.cover;
    doc["cover_achieved"] = covered;
  }
  std::map<std::string, double> minimum;
  for (const auto& s : m.suppliers) minimum[s.name] = s.min_value;
  Json suppliers = Json::array();
  for (const auto& [name, v] : by_supplier) {
    Json js = Json::object();
    js["supplier"] = name;
    js["min_value"] = minimum.count(name) ? Json(minimum[name]) : Json(nullptr);
    js["spend"] = v.first;
    js["skus"] = v.second;
    suppliers.push_back(std::move(js));
  }
  doc["suppliers"] = std::move(suppliers);
  Json totals = Json::object();
  totals["skus"] = m.groups.size();
  totals["candidates"] = m.candidates();
  totals["skus_ordered"] = ordered;
  totals["units"] = units;
  doc["totals"] = std::move(totals);
  if (solver == "mck" && presolve_reason.empty()) {
    Json st = Json::object();
    st["active_candidates"] = stats.active_candidates;
    st["lagrangian_bound"] = NumberOrNull(sign * stats.lagrangian_bound);
    st["multipliers"] = stats.multipliers;
    st["heuristic_objective"] =
        stats.has_incumbent ? NumberOrNull(sign * stats.incumbent) : Json(nullptr);
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
    doc["solver_stats"] = std::move(st);
  }
  if (p.mode == "plan") {
    doc["demand_model"] = p.demand_model;
    doc["unknown_skus"] = p.unknown;
  }
  doc["notes"] = p.notes;
  doc["lines"] = std::move(lines);

  OptimizeResult result;
  std::string s = "optimize: " + std::string(optimize::StatusName(sol.status)) + ", " +
                  std::to_string(ordered) + " of " + std::to_string(m.groups.size()) +
                  " SKUs ordered, spend " + Money(spend);
  if (o.has_budget) s += " of budget " + Money(o.budget);
  if (o.has_capacity) s += ", capacity " + Money(volume) + " of " + Money(o.capacity);
  if (p.mode == "cover") s += ", demand covered " + Money(covered) + " of " + Money(o.cover);
  if (sol.has_solution) {
    s += std::string(", ") +
         (p.mode == "plan" ? "expected profit "
          : minimise       ? "cost "
                           : "value ") +
         Money(objective);
  }
  if (sol.status == SolveStatus::kTimeLimit && sol.has_solution)
    s += " (gap " + FormatDouble(gap) + ")";
  char secs[32];
  std::snprintf(secs, sizeof secs, " in %.2f s", seconds);
  s += secs;
  result.summary = s;

  if (sol.status == SolveStatus::kInfeasible || sol.status == SolveStatus::kFailed) {
    if (!o.output.empty() && o.format == "json") WriteJsonArtifact(o.output, doc);
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
    if (o.format == "csv")
      WriteCsv(o.output, p, pick);
    else
      WriteJsonArtifact(o.output, doc);
  }
  result.artifact = std::move(doc);
  return result;
}

}  // namespace invplan
