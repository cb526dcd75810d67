// The network stage: read the network, forecast and stock, plan every SKU,
// write tonight's lines and (optionally) simulate the policy.
#include "invplan/network.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "common/file_io.h"
#include "common/forecast_distribution.h"
#include "common/parallel.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "network/network_file.h"
#include "network/policy.h"
#include "network/report.h"
#include "network/simulate.h"
#include "network/stock_file.h"

namespace invplan {
namespace {

using network::Network;
using network::SkuDemand;
using network::SkuPolicy;

struct Line {
  std::string from, to;
  std::int64_t quantity = 0;
};

std::int64_t Units(double x) {
  return static_cast<std::int64_t>(std::ceil(x - 1e-9));
}

std::pair<double, double> Moments(const std::vector<WeightedDemand>& parts) {
  if (parts.empty()) return {0.0, 0.0};
  const DemandDistribution d = SumDemand(parts);
  return {d.mean(), std::sqrt(std::max(0.0, d.variance()))};
}

// The demand moments of one SKU from its series (one per store).
SkuDemand Demand(const Network& net, const ForecastSet& set, const std::string& sku,
                 const std::vector<const SeriesForecast*>& series) {
  SkuDemand d;
  d.sku = sku;
  std::map<int, std::vector<WeightedDemand>> dc_parts, dc_parts_review;
  for (const SeriesForecast* s : series) {
    network::StoreDemand sd;
    sd.location = net.index.at(s->location);
    const network::Location& loc = net.locations[static_cast<std::size_t>(sd.location)];
    std::vector<WeightedDemand> parts;
    AppendPeriods(*s, set, loc.lead_time + 1.0, &parts);
    std::tie(sd.mean, sd.sd) = Moments(parts);
    if (!s->points.empty()) {
      const DemandDistribution one = PointDemand(s->points.front(), set);
      sd.day_mean = one.mean();
      sd.day_sd = std::sqrt(std::max(0.0, one.variance()));
    }
    if (loc.parent_index >= 0) {
      const int lead = net.locations[static_cast<std::size_t>(loc.parent_index)].lead_time;
      if (lead > 0) AppendPeriods(*s, set, lead, &dc_parts[loc.parent_index]);
      AppendPeriods(*s, set, lead + 1.0, &dc_parts_review[loc.parent_index]);
    }
    d.stores.push_back(sd);
  }
  for (const auto& [dc, parts] : dc_parts_review) {
    network::DcDemand dd;
    dd.location = dc;
    std::tie(dd.mean, dd.sd) = Moments(dc_parts[dc]);
    std::tie(dd.mean_review, dd.sd_review) = Moments(parts);
    d.dcs.push_back(dd);
  }
  return d;
}

// Tonight's lines of one SKU.
std::vector<Line> TonightsLines(const Network& net, const SkuDemand& d, const SkuPolicy& pol,
                                const network::StockMap& stock) {
  std::vector<Line> lines;
  auto stock_of = [&](int loc) {
    const auto it =
        stock.find(network::StockKey(d.sku, net.locations[static_cast<std::size_t>(loc)].name));
    return it == stock.end() ? network::Stock{} : it->second;
  };
  std::map<int, double> level;
  for (const network::LocationLevel& lv : pol.levels) level[lv.location] = lv.base_stock;
  std::vector<double> position(d.stores.size());
  std::vector<std::int64_t> need(d.stores.size());
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const network::Stock s = stock_of(d.stores[k].location);
    position[k] = s.on_hand + s.on_order;
    need[k] = std::max<std::int64_t>(0, Units(level[d.stores[k].location] - position[k]));
  }
  for (const network::LocationLevel& lv : pol.levels) {
    const network::Location& dc = net.locations[static_cast<std::size_t>(lv.location)];
    if (dc.children.empty()) continue;
    std::vector<std::size_t> members;
    std::vector<network::StoreParams> params;
    std::vector<double> pos;
    std::vector<std::int64_t> nd;
    std::int64_t total = 0;
    double echelon = 0.0;
    for (std::size_t k = 0; k < d.stores.size(); ++k) {
      if (net.locations[static_cast<std::size_t>(d.stores[k].location)].parent_index ==
          lv.location) {
        members.push_back(k);
        params.push_back(pol.store_params[k]);
        pos.push_back(position[k]);
        nd.push_back(need[k]);
        total += need[k];
        echelon += position[k];
      }
    }
    const network::Stock own = stock_of(lv.location);
    const auto available = static_cast<std::int64_t>(std::floor(own.on_hand + 1e-9));
    const std::vector<std::int64_t> q =
        total <= available ? nd : network::AllocateStock(params, pos, nd, available);
    echelon += own.on_hand + own.on_order;
    const std::int64_t po = std::max<std::int64_t>(0, Units(lv.echelon_base_stock - echelon));
    if (po > 0) lines.push_back({dc.parent, dc.name, po});
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (q[m] > 0) {
        lines.push_back(
            {dc.name, net.locations[static_cast<std::size_t>(d.stores[members[m]].location)].name,
             q[m]});
      }
    }
  }
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const network::Location& s = net.locations[static_cast<std::size_t>(d.stores[k].location)];
    if (s.parent_index < 0 && need[k] > 0) lines.push_back({s.parent, s.name, need[k]});
  }
  return lines;
}

}  // namespace

std::string NetworkResult::Summary() const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "network: %llu SKUs over %llu locations, %llu lines (%.0f units ordered, %.0f "
                "shipped) -> %s (%.2f s)",
                static_cast<unsigned long long>(skus), static_cast<unsigned long long>(locations),
                static_cast<unsigned long long>(lines), units_ordered, units_shipped,
                output.c_str(), seconds);
  std::string text = buf;
  if (simulated) {
    std::snprintf(buf, sizeof buf,
                  "; simulated: fill rate %.2f%% (alone %.2f%%), stock %.1f units (alone %.1f, "
                  "%+.1f%%)",
                  100.0 * fill_rate, 100.0 * fill_rate_alone, stock, stock_alone,
                  stock_alone > 0.0 ? 100.0 * (stock / stock_alone - 1.0) : 0.0);
    text += buf;
  }
  return text;
}

NetworkResult RunNetwork(const NetworkOptions& o, RunContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  NetworkOptionTable().Validate(o);
  NetworkResult result;
  result.output = o.output;

  InputInfo net_info;
  const Network net = network::ReadNetwork(o.network, &net_info);
  network::CheckTwoEchelons(net);
  ctx.run.inputs.push_back(net_info);
  InputInfo fc_info;
  const ForecastSet set = ReadForecastArtifact(o.forecast, &fc_info);
  ctx.run.inputs.push_back(fc_info);
  network::StockMap stock;
  if (!o.stock.empty()) {
    InputInfo st_info;
    stock = network::ReadStock(o.stock, net, &st_info);
    ctx.run.inputs.push_back(st_info);
  }

  // Series by SKU (sorted), each at a store of the network.
  std::map<std::string, std::vector<const SeriesForecast*>> by_sku;
  std::map<std::string, std::size_t> seen;
  for (const SeriesForecast& s : set.series) {
    const auto it = net.index.find(s.location);
    if (s.location.empty() || it == net.index.end()) {
      throw InputError(DisplayName(o.forecast) + ": series '" + s.sku + "' at location '" +
                       s.location + "': not a location of " + DisplayName(o.network) +
                       " (forecast with --location-col and the network's store names)");
    }
    if (!net.locations[static_cast<std::size_t>(it->second)].children.empty()) {
      throw InputError(DisplayName(o.forecast) + ": series '" + s.sku + "' at location '" +
                       s.location + "': a DC; forecasts are per store");
    }
    by_sku[s.sku].push_back(&s);
  }
  std::vector<std::string> skus;
  for (const auto& [sku, v] : by_sku) skus.push_back(sku);
  // Stores in network order within each SKU.
  for (auto& [sku, v] : by_sku) {
    std::stable_sort(v.begin(), v.end(), [&](const SeriesForecast* a, const SeriesForecast* b) {
      return net.index.at(a->location) < net.index.at(b->location);
    });
    for (std::size_t i = 1; i < v.size(); ++i) {
      if (v[i]->location == v[i - 1]->location) {
        throw InputError(DisplayName(o.forecast) + ": SKU '" + sku + "' has two series at '" +
                         v[i]->location + "'");
      }
    }
  }

  const std::size_t n = skus.size();
  std::vector<SkuDemand> demand(n);
  std::vector<SkuPolicy> policy(n);
  std::vector<std::vector<Line>> lines(n);
  ParallelFor(n, ctx.threads, [&](std::size_t i) {
    ctx.ThrowIfCancelled();
    demand[i] = Demand(net, set, skus[i], by_sku[skus[i]]);
    policy[i] = network::PlanSku(net, demand[i], o.service_level, o.alone_service_level);
    lines[i] = TonightsLines(net, demand[i], policy[i], stock);
  });

  Json doc = MakeEnvelope(kNetworkPlanFormat, kNetworkPlanSchema, ctx.run);
  doc["service_level"] = o.service_level;
  doc["alone_service_level"] =
      o.alone_service_level > 0.0 ? o.alone_service_level : o.service_level;
  doc["method"] = network::MethodJson();
  doc["locations"] = network::LocationsJson(net);
  Json jskus = Json::array();
  Json jlines = Json::array();
  for (std::size_t i = 0; i < n; ++i) {
    jskus.push_back(network::SkuJson(net, skus[i], policy[i]));
    for (const Line& l : lines[i]) {
      jlines.push_back(
          {{"from", l.from}, {"to", l.to}, {"sku", skus[i]}, {"quantity", l.quantity}});
      if (net.index.count(l.from) != 0) {
        result.units_shipped += static_cast<double>(l.quantity);
      } else {
        result.units_ordered += static_cast<double>(l.quantity);
      }
      ++result.lines;
    }
  }
  doc["skus"] = std::move(jskus);
  doc["lines"] = std::move(jlines);

  if (o.simulate > 0) {
    network::SimulationSetup setup{o.simulate, o.warmup, o.replications, ctx.seed};
    network::SimulationTotals totals = network::MakeTotals(net, o.replications);
    // Blocks of SKUs in parallel, added in SKU order, so sums do not depend on
    // the thread count.
    constexpr std::size_t kBlock = 64;
    for (std::size_t b0 = 0; b0 < n; b0 += kBlock) {
      const std::size_t b1 = std::min(n, b0 + kBlock);
      std::vector<network::SimulationTotals> part(b1 - b0);
      ParallelFor(b1 - b0, ctx.threads, [&](std::size_t j) {
        ctx.ThrowIfCancelled();
        part[j] = network::MakeTotals(net, o.replications);
        network::SimulateSku(net, demand[b0 + j], policy[b0 + j], setup, b0 + j, &part[j]);
      });
      for (const auto& p : part) network::AddTotals(p, &totals);
    }
    network::SimulationSummary summary;
    doc["simulation"] = network::SimulationJson(net, setup, totals, &summary);
    result.simulated = true;
    result.fill_rate = summary.fill_rate[0];
    result.fill_rate_alone = summary.fill_rate[1];
    result.stock = summary.stock[0];
    result.stock_alone = summary.stock[1];
  }
  WriteJsonArtifact(o.output, doc);
  result.skus = n;
  result.locations = net.locations.size();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace invplan
