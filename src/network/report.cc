#include "network/report.h"

#include <cmath>

namespace invplan::network {
namespace {

Json Interval(const std::vector<double>& x) {
  const double r = static_cast<double>(x.size());
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= r;
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double half =
      x.size() > 1 ? StudentT975(static_cast<int>(x.size()) - 1) * std::sqrt(ss / (r - 1.0) / r)
                   : 0.0;
  return {{"mean", mean}, {"lo", mean - half}, {"hi", mean + half}};
}

const char* Role(const Location& l) {
  return l.children.empty() ? "store" : "dc";
}

}  // namespace

double StudentT975(int df) {
  const double z = 1.959963984540054, v = df;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

Json MethodJson() {
  return {{"dc_and_stores",
           "Clark-Scarf echelon base-stock levels by Chen-Zheng's exact recursion on the two-stage "
           "system (aggregate store, DC) under the balance assumption; stores at a common normal "
           "score"},
          {"store_alone", "newsvendor level mean + z(service) x sd over lead time + 1 period"},
          {"stockout_cost", "service / (1 - service) x the store's holding cost"},
          {"allocation",
           "when the DC is short: greedy on marginal expected-profit gains (exact, concave)"},
          {"demand", "forecast periods summed with SumDemand; stores independent"}};
}

Json LocationsJson(const Network& net) {
  Json a = Json::array();
  for (const Location& l : net.locations) {
    Json j = {{"location", l.name},
              {"parent", l.parent},
              {"role", Role(l)},
              {"lead_time", l.lead_time},
              {"holding_cost", l.holding_cost}};
    if (l.capacity >= 0.0) j["capacity"] = l.capacity;
    if (l.transport_cost > 0.0) j["transport_cost"] = l.transport_cost;
    a.push_back(std::move(j));
  }
  return a;
}

Json SkuJson(const Network& net, const std::string& sku, const SkuPolicy& policy,
             const Network* base) {
  Json levels = Json::array();
  for (const LocationLevel& lv : policy.levels) {
    const auto at = static_cast<std::size_t>(lv.location);
    Json j = {{"location", net.locations[at].name},
              {"echelon_base_stock", lv.echelon_base_stock},
              {"base_stock", lv.base_stock},
              {"safety_stock", lv.safety_stock},
              {"demand_mean", lv.mean},
              {"demand_sd", lv.sd},
              {"alone_base_stock", lv.alone_base_stock}};
    if (base != nullptr && base != &net) {
      const Location &l = net.locations[at], &b = base->locations[at];
      if (l.lead_time != b.lead_time) j["lead_time"] = l.lead_time;
      if (l.holding_cost != b.holding_cost) j["holding_cost"] = l.holding_cost;
      if (l.service_level > 0.0) j["service_level"] = l.service_level;
    }
    levels.push_back(std::move(j));
  }
  return {{"sku", sku}, {"levels", std::move(levels)}};
}

Json SimulationJson(const Network& net, const SimulationSetup& setup,
                    const SimulationTotals& totals, SimulationSummary* summary) {
  Json out = {{"days", setup.days},
              {"warmup", setup.warmup},
              {"replications", setup.replications},
              {"demand",
               "per store and day: the forecast distribution of that period (the last "
               "period's past the horizon) at a uniform draw, rounded, floored at 0; lost sales; "
               "the same draws for both policies"},
              {"start",
               "the plan's stock (--stock): on hand, on order arriving after the lead "
               "time; without a stock file, every location at its level"}};
  const char* names[2] = {"plan", "alone"};
  const std::size_t reps = static_cast<std::size_t>(setup.replications);
  const double days = setup.days;
  for (int p = 0; p < 2; ++p) {
    std::vector<double> fill(reps), stock(reps), lost(reps), cost(reps);
    Json locs = Json::array();
    for (std::size_t r = 0; r < reps; ++r) {
      double demand = 0.0, served = 0.0;
      for (std::size_t i = 0; i < net.locations.size(); ++i) {
        const LocationTotals& t = totals.totals[p][r][i];
        if (net.locations[i].children.empty()) {
          demand += t.demand;
          served += t.served;
          lost[r] += t.lost;
        }
        stock[r] += t.stock_days / days;
        cost[r] += t.cost / days;
      }
      fill[r] = demand > 0.0 ? served / demand : 1.0;
    }
    for (std::size_t i = 0; i < net.locations.size(); ++i) {
      std::vector<double> f(reps), s(reps), l(reps), c(reps);
      for (std::size_t r = 0; r < reps; ++r) {
        const LocationTotals& t = totals.totals[p][r][i];
        f[r] = t.demand > 0.0 ? t.served / t.demand : 1.0;
        s[r] = t.stock_days / days;
        l[r] = t.lost;
        c[r] = t.cost / days;
      }
      locs.push_back({{"location", net.locations[i].name},
                      {"fill_rate", Interval(f)},
                      {"average_stock", Interval(s)},
                      {"lost_sales", Interval(l)},
                      {"cost_per_day", Interval(c)}});
    }
    Json sys = {{"fill_rate", Interval(fill)},
                {"average_stock", Interval(stock)},
                {"lost_sales", Interval(lost)},
                {"cost_per_day", Interval(cost)}};
    summary->fill_rate[p] = sys["fill_rate"]["mean"].get<double>();
    summary->stock[p] = sys["average_stock"]["mean"].get<double>();
    out[names[p]] = {{"system", std::move(sys)}, {"locations", std::move(locs)}};
  }
  // The paired difference (common random numbers) in total stock.
  std::vector<double> diff(reps);
  for (std::size_t r = 0; r < reps; ++r) {
    double a = 0.0, b = 0.0;
    for (std::size_t i = 0; i < net.locations.size(); ++i) {
      a += totals.totals[0][r][i].stock_days;
      b += totals.totals[1][r][i].stock_days;
    }
    diff[r] = b > 0.0 ? a / b - 1.0 : 0.0;
  }
  out["stock_change_vs_alone"] = Interval(diff);
  return out;
}

}  // namespace invplan::network
