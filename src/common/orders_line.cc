#include "invplan/error.h"
#include "invplan/orders.h"

namespace invplan {
namespace {

std::string OrdersText(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (!it->is_string()) {
    throw ArtifactError(std::string("orders line: field '") + key + "' is not a string");
  }
  return it->get<std::string>();
}

double OrdersNumber(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return 0.0;
  if (!it->is_number()) {
    throw ArtifactError(std::string("orders line: field '") + key + "' is not a number");
  }
  return it->get<double>();
}

}  // namespace

Json OrdersLineJson(const OrdersLine& l) {
  Json j = Json::object();
  j["sku"] = l.sku;
  j["quantity"] = l.quantity;
  j["cost"] = l.cost;
  j["value"] = l.value;
  j["volume"] = l.volume;
  j["supplier"] = l.supplier;
  if (!l.from.empty()) {
    j["from"] = l.from;
    j["to"] = l.to;
    j["kind"] = l.kind;
  }
  return j;
}

OrdersLine ReadOrdersLine(const Json& j) {
  if (!j.is_object()) throw ArtifactError("orders line: not an object");
  OrdersLine l;
  l.sku = OrdersText(j, "sku");
  l.supplier = OrdersText(j, "supplier");
  l.quantity = OrdersNumber(j, "quantity");
  l.cost = OrdersNumber(j, "cost");
  l.value = OrdersNumber(j, "value");
  l.volume = OrdersNumber(j, "volume");
  l.from = OrdersText(j, "from");
  l.to = OrdersText(j, "to");
  l.kind = OrdersText(j, "kind");
  return l;
}

}  // namespace invplan
