// Plan mode: candidate order quantities and their expected profit from a
// forecast artifact and the items master.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "common/file_io.h"
#include "common/items.h"
#include "common/parallel.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "optimize/demand.h"
#include "optimize/problem.h"

namespace invplan::optimize {
namespace {

constexpr int kMaxCandidatesPerSku = 2000;
constexpr double kMaxStock = 2e7;

// The items master with plan-mode defaults for what a row does not give: a pack
// of 1, no minimum, no cap (max_qty 0), no lead time, stock, cost or volume.
std::vector<Item> ReadPlanItems(const std::string& path, RunInfo* run) {
  InputInfo info;
  std::vector<Item> items = ReadItems(path, {"unit_cost", "price"}, &info);
  run->inputs.push_back(info);
  for (Item& it : items) {
    it.pack_size = Item::Or(it.pack_size, 1.0);
    for (double* v : {&it.holding_cost, &it.moq, &it.max_qty, &it.lead_time, &it.volume,
                      &it.on_hand, &it.on_order, &it.min_qty}) {
      *v = Item::Or(*v, 0.0);
    }
  }
  return items;
}

}  // namespace

Problem BuildPlanProblem(const OptimizeOptions& o, RunContext& ctx) {
  RunInfo* run = &ctx.run;
  Problem p;
  p.mode = "plan";
  InputInfo finfo;
  ForecastSet fs = ReadForecastArtifact(o.forecast_path, &finfo);
  run->inputs.push_back(finfo);
  std::vector<Item> items = ReadPlanItems(o.items_path, run);
  std::map<std::string, double> minimums;
  if (!o.supplier_min_path.empty()) minimums = ReadSupplierMinimums(o.supplier_min_path, nullptr);

  std::unordered_map<std::string, std::vector<const SeriesForecast*>> by_sku;
  for (const SeriesForecast& s : fs.series) by_sku[s.sku].push_back(&s);
  Json no_forecast = Json::array(), no_item = Json::array();
  std::set<std::string> item_skus;
  std::vector<const Item*> known;
  for (const Item& it : items) {
    item_skus.insert(it.sku);
    if (by_sku.count(it.sku))
      known.push_back(&it);
    else
      no_forecast.push_back(it.sku);
  }
  std::set<std::string> reported;
  for (const SeriesForecast& s : fs.series) {
    if (!item_skus.count(s.sku) && reported.insert(s.sku).second) no_item.push_back(s.sku);
  }
  if (!no_forecast.empty()) {
    spdlog::warn("optimize: {} SKU(s) in the items master have no forecast; they are not ordered",
                 no_forecast.size());
  }
  if (!no_item.empty()) {
    spdlog::warn(
        "optimize: {} forecast SKU(s) are missing from the items master; they are not ordered",
        no_item.size());
  }
  p.unknown["items_without_forecast"] = no_forecast;
  p.unknown["forecasts_without_item"] = no_item;
  if (known.empty())
    throw InputError("optimize: no SKU has both a forecast and an items-master row");

  // Candidates per SKU, computed in parallel into per-SKU slots.
  struct Out {
    std::vector<double> qty, value, fill;
    SkuPlan plan;
    bool extrapolated = false, truncated = false;
    std::string error;
  };
  std::vector<Out> outs(known.size());
  ParallelFor(known.size(), ctx.threads, [&](std::size_t i) {
    const Item& it = *known[i];
    Out& out = outs[i];
    const PlanDemand demand = DemandOver(by_sku[it.sku], fs, it.lead_time + o.review_periods);
    const DemandDistribution& d = demand.demand;
    out.extrapolated = demand.extrapolated;
    const double mean = d.mean(), sd = std::sqrt(d.variance());
    const double pos = it.on_hand + it.on_order;
    out.plan = {mean, sd, pos};
    const double first = it.moq > 0 ? it.moq : it.pack_size;
    double q_max = it.max_qty;
    if (q_max <= 0) {
      double target = std::max(mean + o.max_cover_sd * sd, 2.0 * mean);
      q_max = std::max({first, target - pos + it.pack_size, it.min_qty});
    }
    const bool has_min = minimums.count(it.supplier) && minimums.at(it.supplier) > 0;
    const double stock_max = std::min(pos + q_max, kMaxStock);
    DemandCurve curve(d, stock_max);
    auto profit = [&](double y) {
      double s = curve.ExpectedSales(y);
      return it.price * s - it.holding_cost * (y - s) - o.shortage_penalty * (mean - s);
    };
    const double base = profit(pos);
    double best = -INFINITY;
    // Candidates first + k * pack for whole k, from the first that meets min_qty;
    // counting k (not adding the pack to q) keeps the loop bounded whatever the
    // pack size (a pack of 1e-300 would never move q).
    const double k0 =
        it.min_qty > first ? std::ceil((it.min_qty - 1e-9 - first) / it.pack_size) : 0.0;
    for (double k = k0;; k += 1.0) {
      const double q = first + k * it.pack_size;
      if (!(q <= q_max + 1e-9) || pos + q > kMaxStock) break;
      if (static_cast<int>(out.qty.size()) >= kMaxCandidatesPerSku) {
        out.truncated = true;
        break;
      }
      double v = profit(pos + q) - base - it.unit_cost * q;
      // Value is concave in q along the grid: once it falls, larger orders cost
      // more of every row for less, unless a supplier minimum may need them.
      if (v < best && !has_min) break;
      best = std::max(best, v);
      out.qty.push_back(q);
      out.value.push_back(v);
      out.fill.push_back(mean > 0 ? curve.ExpectedSales(pos + q) / mean : 1.0);
    }
    if (it.min_qty > 0 && out.qty.empty()) {
      out.error = "items line " + std::to_string(it.line) + ": SKU '" + it.sku +
                  "': no order quantity satisfies min_qty " + FormatDouble(it.min_qty);
    }
  });
  int extrapolated = 0, truncated = 0;
  for (std::size_t i = 0; i < known.size(); ++i) {
    const Item& it = *known[i];
    Out& out = outs[i];
    if (!out.error.empty()) throw InputError(DisplayName(o.items_path) + ": " + out.error);
    extrapolated += out.extrapolated;
    truncated += out.truncated;
    Group g;
    g.sku = it.sku;
    g.mandatory = it.min_qty > 0;
    g.begin = static_cast<int>(p.quantity.size());
    for (std::size_t j = 0; j < out.qty.size(); ++j) {
      p.quantity.push_back(out.qty[j]);
      p.cost.push_back(out.qty[j] * it.unit_cost);
      p.volume.push_back(out.qty[j] * it.volume);
      p.demand.push_back(0.0);
      p.fill_rate.push_back(out.fill[j]);
      p.supplier_name.push_back(it.supplier);
      p.model.value.push_back(out.value[j]);
    }
    g.end = static_cast<int>(p.quantity.size());
    p.model.groups.push_back(g);
    p.plan.push_back(out.plan);
  }
  if (extrapolated > 0) {
    p.notes.push_back(std::to_string(extrapolated) +
                      " SKU(s) need more periods than the forecast horizon; the last forecast "
                      "period was repeated");
  }
  if (truncated > 0) {
    p.notes.push_back(std::to_string(truncated) + " SKU(s) have more than " +
                      std::to_string(kMaxCandidatesPerSku) +
                      " candidate quantities; only the smallest " +
                      std::to_string(kMaxCandidatesPerSku) +
                      " were considered, so no order for them exceeds that many packs above "
                      "the MOQ (set max_qty in the items master to choose the range)");
  }
  p.demand_model = "demand over lead_time + " + std::to_string(o.review_periods) +
                   " review period(s): " + kForecastDistributionRule +
                   "; expected sales from its whole-unit probabilities";
  Assemble(o, run, &p);
  return p;
}

}  // namespace invplan::optimize
