// The network stage: read the network, forecast and stock, plan every SKU,
// write tonight's lines and (optionally) simulate the policy.
#include "invplan/network.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>

#include "common/file_io.h"
#include "common/forecast_distribution.h"
#include "common/items.h"
#include "common/parallel.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/panel.h"
#include "network/anomaly_actions.h"
#include "network/constraints.h"
#include "network/gsm_plan.h"
#include "network/item_rules.h"
#include "network/network_file.h"
#include "network/orders_out.h"
#include "network/policy.h"
#include "network/report.h"
#include "network/simulate.h"
#include "network/sku_plan.h"
#include "network/stock_file.h"

namespace invplan {
namespace {

using network::Demand;
using network::Line;
using network::Network;
using network::SkuDemand;
using network::SkuPolicy;
using network::TonightsLines;

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
  if (units_transferred > 0) {
    std::snprintf(buf, sizeof buf, "; %.0f units transferred between stores", units_transferred);
    text += buf;
  }
  if (blocked + delayed > 0) {
    std::snprintf(buf, sizeof buf, "; anomalies: %llu blocked, %llu delayed",
                  static_cast<unsigned long long>(blocked),
                  static_cast<unsigned long long>(delayed));
    text += buf;
  }
  if (not_ordered > 0) {
    std::snprintf(buf, sizeof buf, "; %llu purchase(s) cut by the constraints",
                  static_cast<unsigned long long>(not_ordered));
    text += buf;
  }
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
  if (o.simulate > 0) network::CheckTwoEchelons(net);
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

  ItemsMaster items;
  if (!o.items.empty()) {
    InputInfo it_info;
    items = ReadItemsMaster(o.items, {}, &it_info);
    network::CheckItemLocations(net, items, o.items);
    ctx.run.inputs.push_back(it_info);
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

  network::AnomalyActions actions;
  if (!o.anomalies.empty()) {
    std::int64_t last_day = INT64_MIN;
    for (const SeriesForecast& s : set.series) {
      last_day = std::max(last_day, PeriodStartDay(s.history_end + 1, set.frequency) - 1);
    }
    InputInfo an_info;
    actions = network::ReadAnomalyActions(o.anomalies, net, last_day, o.anomaly_days, &an_info);
    ctx.run.inputs.push_back(an_info);
    for (const network::AnomalyAction& a : actions.actions) {
      result.blocked += a.block;
      result.delayed += a.skip_on_order;
    }
  }

  const std::size_t n = skus.size();
  std::vector<SkuDemand> demand(n);
  std::vector<SkuPolicy> policy(n);
  std::vector<std::vector<Line>> lines(n);
  // A SKU with location rows plans on its own copy of the network.
  std::vector<std::unique_ptr<Network>> own(n);
  std::vector<const Network*> nets(n, &net);
  std::vector<double> service(n, o.service_level);
  ParallelFor(n, ctx.threads, [&](std::size_t i) {
    ctx.ThrowIfCancelled();
    if (!items.empty()) {
      own[i] = network::NetworkForSku(net, items, skus[i]);
      if (own[i]) nets[i] = own[i].get();
    }
    const Network& sku_net = *nets[i];
    demand[i] = Demand(sku_net, set, skus[i], by_sku[skus[i]], o.simulate > 0);
    service[i] =
        items.empty() ? o.service_level : network::SkuService(items, skus[i], o.service_level);
    policy[i] = network::PlanSku(sku_net, demand[i], service[i], o.alone_service_level);
    lines[i] = TonightsLines(sku_net, demand[i], policy[i], stock, &actions, o.transfers);
    if (!items.empty()) {
      for (Line& l : lines[i]) {
        if (net.index.count(l.from) == 0) {
          l.quantity = network::RoundPurchase(l.quantity, items.Find(skus[i], l.to));
        }
      }
    }
  });

  Json constraints;
  const network::PurchaseLimits limits{o.budget, o.supplier_minimums, 60.0};
  if (network::HasPurchaseLimits(net, limits)) {
    constraints = network::ConstrainPurchases(net, skus, nets, policy, items, stock, limits,
                                              &ctx.run, &lines);
  }

  Json orders_doc;
  Json doc = MakeEnvelope(kNetworkPlanFormat, kNetworkPlanSchema, ctx.run);
  doc["service_level"] = o.service_level;
  doc["alone_service_level"] =
      o.alone_service_level > 0.0 ? o.alone_service_level : o.service_level;
  doc["method"] = network::MethodJson();
  if (o.gsm) {
    doc["method"]["gsm"] =
        "guaranteed-service model: committed service times by the Graves-Willems dynamic "
        "programme on each supplier-fed tree; external demand per store the forecast's "
        "first-period sd, stores quote 0 to customers; safety stock z x sd x sqrt(net lead "
        "time); base stock mean x net lead time + safety stock";
  }
  doc["locations"] = network::LocationsJson(net);
  Json jskus = Json::array();
  Json jlines = Json::array();
  for (std::size_t i = 0; i < n; ++i) {
    jskus.push_back(network::SkuJson(*nets[i], skus[i], policy[i], &net));
    if (service[i] != o.service_level) jskus.back()["service_level"] = service[i];
    if (o.gsm) jskus.back()["gsm"] = network::GsmPlacementJson(*nets[i], demand[i], service[i]);
    for (const Line& l : lines[i]) {
      const auto from = net.index.find(l.from);
      const char* kind = from == net.index.end() ? "purchase"
                         : net.locations[static_cast<std::size_t>(from->second)].children.empty()
                             ? "transfer"
                             : "shipment";
      jlines.push_back({{"from", l.from},
                        {"to", l.to},
                        {"sku", skus[i]},
                        {"quantity", l.quantity},
                        {"kind", kind}});
      double& units = kind[0] == 'p'   ? result.units_ordered
                      : kind[0] == 's' ? result.units_shipped
                                       : result.units_transferred;
      units += static_cast<double>(l.quantity);
      ++result.lines;
    }
  }
  doc["skus"] = std::move(jskus);
  doc["lines"] = std::move(jlines);
  if (!o.anomalies.empty()) doc["actions"] = network::ActionsJson(actions);
  if (!o.orders.empty()) {
    // Before the plan's own fields move out of `constraints`.
    orders_doc = network::OrdersFromPlan(ctx.run, net, skus, lines, items, constraints);
  }
  if (!constraints.is_null()) {
    doc["not_ordered"] = constraints["not_ordered"];
    doc["binding"] = constraints["binding"];
    constraints.erase("not_ordered");
    constraints.erase("binding");
    result.not_ordered = doc["not_ordered"].size();
    doc["constraints"] = std::move(constraints);
  }

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
        network::SimulateSku(*nets[b0 + j], demand[b0 + j], policy[b0 + j], setup, b0 + j, &part[j],
                             o.stock.empty() ? nullptr : &stock);
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
  if (!o.orders.empty()) WriteJsonArtifact(o.orders, orders_doc);
  result.skus = n;
  result.locations = net.locations.size();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace invplan
