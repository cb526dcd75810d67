#include "rl/demand_source.h"

#include <cmath>

#include "common/csv_reader.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/ingest.h"

namespace invplan::rl {
namespace {

bool ParseDouble(const std::string& text, double* v) {
  return ParseNumber(text, v);
}

}  // namespace

Demand DemandFromSpec(const DemandOptions& o, int threads, RunInfo* run) {
  const std::string& spec = o.demand;
  const auto colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (kind == "poisson") {
    double lambda;
    if (!ParseDouble(arg, &lambda)) {
      throw UsageError("--demand poisson:LAMBDA: expected a number after 'poisson:', got \"" + arg +
                       "\"");
    }
    return PoissonDemand(lambda);
  }
  if (kind == "negbin") {
    const auto comma = arg.find(',');
    double mean, var;
    if (comma == std::string::npos || !ParseDouble(arg.substr(0, comma), &mean) ||
        !ParseDouble(arg.substr(comma + 1), &var)) {
      throw UsageError("--demand negbin:MEAN,VARIANCE: expected two numbers, got \"" + arg + "\"");
    }
    return NegBinomialDemand(mean, var);
  }
  if (kind == "empirical") {
    if (arg.empty()) throw UsageError("--demand empirical:FILE: the sales CSV is missing");
    IngestOptions in = o.ingest;
    in.input = arg;
    IngestReport report;
    Panel panel = LoadPanel(in, o.clean, threads, &report, run);
    const Series* chosen = nullptr;
    for (const Series& s : panel.series) {
      if (o.sku.empty() || s.sku == o.sku) {
        if (chosen && o.sku.empty()) {
          throw UsageError(arg + " holds several SKUs: choose one with --sku");
        }
        if (!chosen) chosen = &s;
      }
    }
    if (!chosen) throw UsageError(arg + ": no SKU '" + o.sku + "' in the sales data");
    return EmpiricalDemand(chosen->quantity, arg + " " + chosen->sku);
  }
  throw UsageError("unknown demand spec \"" + spec +
                   "\": expected poisson:LAMBDA, negbin:MEAN,VARIANCE or empirical:FILE");
}

Demand ForecastPeriodDemand(const ForecastPoint& point, const ForecastSet& set) {
  const DemandDistribution d = PointDemand(point, set);
  // The same bound as a demand spec's mean: larger demand needs lots (--unit),
  // not a longer table.
  if (!(d.mean() <= 10000.0)) {
    throw UsageError("forecast demand: the mean must be in [0, 10000] units per period, got " +
                     FormatDouble(d.mean()));
  }
  return TableDemand(d, "forecast(mean " + FormatDouble(d.mean()) + ")");
}

std::vector<SkuDemand> DemandsFromForecast(const std::string& path, const std::string& sku,
                                           RunInfo* run) {
  InputInfo info;
  const ForecastSet set = ReadForecastArtifact(path, &info);
  if (run) run->inputs.push_back(info);
  std::vector<SkuDemand> out;
  for (const SeriesForecast& s : set.series) {
    if (!sku.empty() && s.sku != sku) continue;
    if (s.points.empty()) continue;
    std::vector<Demand> parts;
    for (const ForecastPoint& p : s.points) parts.push_back(ForecastPeriodDemand(p, set));
    out.push_back({s.sku, s.location,
                   MixtureDemand(parts, "forecast(" + s.sku + ", " + std::to_string(parts.size()) +
                                            " periods)"),
                   s.points.front().period, set.frequency});
  }
  if (out.empty()) {
    throw UsageError(path + ": " +
                     (sku.empty() ? std::string("no series with forecasts")
                                  : "no forecast for SKU '" + sku + "'"));
  }
  return out;
}

std::map<std::string, Item> ReadItemsBySku(const std::string& path, RunInfo* run) {
  InputInfo info;
  std::map<std::string, Item> items;
  for (Item& item : ReadItems(path, {}, &info)) items.emplace(item.sku, std::move(item));
  if (run) run->inputs.push_back(info);
  return items;
}

EnvironmentOptions ApplyItem(const EnvironmentOptions& base, const std::set<std::string>& given,
                             const Item& item) {
  EnvironmentOptions e = base;
  auto set = [&](const char* name, double value, auto apply) {
    if (Item::Given(value) && !given.count(name)) apply(value);
  };
  set("unit_cost", item.unit_cost, [&](double v) { e.unit_cost = v; });
  set("price", item.price, [&](double v) { e.price = v; });
  set("holding_cost", item.holding_cost, [&](double v) { e.holding_cost = v; });
  set("order_step", item.pack_size,
      [&](double v) { e.order_step = std::max(1, (int)std::lround(v)); });
  set("min_order", item.moq, [&](double v) { e.min_order = static_cast<int>(std::lround(v)); });
  set("max_order", item.max_qty, [&](double v) { e.max_order = static_cast<int>(std::lround(v)); });
  set("lead_time", item.lead_time,
      [&](double v) { e.lead_time = static_cast<int>(std::lround(v)); });
  return e;
}

}  // namespace invplan::rl
