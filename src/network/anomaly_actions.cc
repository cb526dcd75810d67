#include "network/anomaly_actions.h"

#include "common/file_io.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/panel.h"
#include "network/stock_file.h"

namespace invplan::network {
namespace {

bool Has(const AnomalyActions& a, const std::string& key, bool AnomalyAction::*flag) {
  const auto it = a.by_key.find(key);
  if (it == a.by_key.end()) return false;
  for (std::size_t i : it->second) {
    if (a.actions[i].*flag) return true;
  }
  return false;
}

}  // namespace

bool AnomalyActions::Blocked(const std::string& sku, const std::string& location) const {
  return Has(*this, StockKey(sku, location), &AnomalyAction::block);
}

bool AnomalyActions::SkipOnOrder(const std::string& sku, const std::string& location) const {
  return Has(*this, StockKey(sku, location), &AnomalyAction::skip_on_order);
}

AnomalyActions ReadAnomalyActions(const std::string& path, const Network& net,
                                  std::int64_t last_day, int days, InputInfo* info) {
  const std::string name = DisplayName(path);
  const Json doc = ReadJsonArtifact(path, kAnomaliesFormat, kAnomaliesSchema, info);
  const auto records = doc.find("records");
  if (records == doc.end() || !records->is_array()) {
    throw ArtifactError(name + ": no 'records' list");
  }
  AnomalyActions out;
  for (const Json& r : *records) {
    if (!r.is_object() || !r.value("anomaly", false)) continue;
    const std::string type = r.value("type", std::string());
    if (type != "data_error" && type != "supply_delay") continue;
    AnomalyAction a;
    a.type = type;
    a.sku = r.value("sku", std::string());
    a.location = r.value("location", std::string());
    a.date = r.value("date", std::string());
    a.note = r.value("note", std::string());
    std::int64_t day = 0;
    if (a.sku.empty() || !ParseIsoDay(a.date, &day)) {
      ++out.ignored_unknown;
      continue;
    }
    if (day > last_day || day <= last_day - days) {
      ++out.ignored_old;
      continue;
    }
    if (!a.location.empty() && net.index.count(a.location) == 0) {
      ++out.ignored_unknown;
      continue;
    }
    a.block = type == "data_error";
    a.skip_on_order = type == "supply_delay";
    const std::size_t k = out.actions.size();
    if (a.location.empty()) {
      for (const Location& l : net.locations) out.by_key[StockKey(a.sku, l.name)].push_back(k);
    } else {
      out.by_key[StockKey(a.sku, a.location)].push_back(k);
    }
    out.actions.push_back(std::move(a));
  }
  return out;
}

Json ActionsJson(const AnomalyActions& a) {
  Json out = Json::array();
  for (const AnomalyAction& x : a.actions) {
    const std::string where = x.location.empty() ? "every location" : x.location;
    out.push_back({{"sku", x.sku},
                   {"location", x.location},
                   {"type", x.type},
                   {"date", x.date},
                   {"effect", x.block ? "nothing ordered or shipped for the SKU at " + where +
                                            " tonight: its stock figures cannot be trusted"
                                      : "on_order at " + where +
                                            " not counted tonight: its arrival is delayed"},
                   {"note", x.note}});
  }
  return out;
}

}  // namespace invplan::network
