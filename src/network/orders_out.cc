#include "network/orders_out.h"

#include <map>
#include <set>

#include "invplan/optimize.h"
#include "invplan/orders.h"

namespace invplan::network {

Json OrdersFromPlan(const RunInfo& run, const Network& net, const std::vector<std::string>& skus,
                    const std::vector<std::vector<Line>>& lines, const ItemsMaster& items,
                    const Json& constraints) {
  Json doc = MakeEnvelope(kOrdersFormat, kOrdersSchema, run);
  doc["mode"] = "network";
  const bool constrained = constraints.is_object();
  doc["status"] = constrained ? constraints["status"] : Json("optimal");
  if (!constrained) doc["reason"] = "no purchase constraints: every planned line is placed";
  doc["objective"] = constrained ? constraints["objective"] : Json(0.0);
  if (constrained && constraints.contains("budget")) doc["budget"] = constraints["budget"];
  Json out = Json::array();
  double spend = 0.0;
  std::map<std::string, std::pair<double, std::set<std::string>>> by_supplier;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    for (const Line& l : lines[i]) {
      const auto from = net.index.find(l.from);
      const bool purchase = from == net.index.end();
      const Item* item = items.Find(skus[i], l.to);
      OrdersLine o;
      o.sku = skus[i];
      o.quantity = static_cast<double>(l.quantity);
      o.from = l.from;
      o.to = l.to;
      o.kind = purchase ? "purchase"
               : net.locations[static_cast<std::size_t>(from->second)].children.empty()
                   ? "transfer"
                   : "shipment";
      o.volume = item ? o.quantity * Item::Or(item->volume, 0.0) : 0.0;
      if (purchase) {
        o.supplier = item && !item->supplier.empty() ? item->supplier : l.from;
        o.cost = item ? o.quantity * Item::Or(item->unit_cost, 0.0) : 0.0;
        spend += o.cost;
        auto& s = by_supplier[o.supplier];
        s.first += o.cost;
        s.second.insert(o.sku);
      }
      out.push_back(OrdersLineJson(o));
    }
  }
  doc["budget_used"] = spend;
  Json suppliers = Json::array();
  for (const auto& [name, s] : by_supplier) {
    suppliers.push_back({{"supplier", name}, {"spend", s.first}, {"skus", s.second.size()}});
  }
  doc["suppliers"] = std::move(suppliers);
  doc["notes"] = constrained ? constraints["notes"] : Json::array();
  if (constrained) {
    doc["not_ordered"] = constraints["not_ordered"];
    doc["binding"] = constraints["binding"];
  }
  doc["lines"] = std::move(out);
  return doc;
}

}  // namespace invplan::network
