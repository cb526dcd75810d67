#include "plan/changes.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "invplan/optimize.h"
#include "invplan/rl.h"

namespace invplan::plan {
namespace {

namespace fs = std::filesystem;

struct SkuState {
  bool known = false;  // has a policy (or an order line when there are no policies)
  double quantity = 0.0, demand_mean = NAN, position = NAN;
  std::string binding;  // tonight's constraints that kept it below its wanted order
};

// `with_policies` false: the policies are the same file as the other night's
// (an up-to-date stage links it), so they cannot explain a change and the
// large file is not read twice.
std::map<std::string, SkuState> ReadPlan(const std::string& dir, bool with_policies) {
  std::map<std::string, SkuState> out;
  if (dir.empty()) return out;
  const fs::path orders = fs::path(dir) / "orders.json", policies = fs::path(dir) / "policies.json";
  if (!fs::exists(orders)) return out;
  const Json o = ReadJsonArtifact(orders.string(), kOrdersFormat, kOrdersSchema);
  for (const Json& l : o.value("lines", Json::array())) {
    SkuState& s = out[l.value("sku", std::string())];
    s.known = true;
    s.quantity = l.value("quantity", 0.0);
  }
  for (const Json& n : o.value("not_ordered", Json::array())) {
    std::string why;
    for (const Json& r : n.value("reasons", Json::array())) {
      why += (why.empty() ? "" : ", ") + r.get<std::string>();
    }
    out[n.value("sku", std::string())].binding = why;
  }
  if (!with_policies || !fs::exists(policies)) return out;
  const Json p = ReadJsonArtifact(policies.string(), kPolicyFormat, kPolicySchema);
  for (const Json& entry : p.value("policies", Json::array())) {
    if (entry.value("status", std::string()) != "ok") continue;
    SkuState& s = out[entry.value("sku", std::string())];
    s.known = true;
    const Json& d = entry.value("demand", Json::object());
    const double unit = entry.value("environment", Json::object()).value("unit", 1.0);
    if (d.contains("mean")) s.demand_mean = d["mean"].get<double>() * unit;
    if (entry.contains("today")) {
      s.position = entry["today"].value("state", Json::object()).value("position", NAN);
    }
  }
  return out;
}

std::string Number(double v) {
  return FormatDecimals(v, 3);
}

// The main reason and its kind (for the counts).
std::pair<std::string, std::string> Reason(const SkuState* last, const SkuState* now) {
  if (last == nullptr || !last->known) return {"new SKU", "new"};
  if (now == nullptr || !now->known) return {"dropped SKU", "dropped"};
  if (std::isfinite(last->demand_mean) && std::isfinite(now->demand_mean) &&
      last->demand_mean > 0) {
    const double change = now->demand_mean / last->demand_mean - 1.0;
    if (std::fabs(change) >= 0.05) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "forecast mean changed by %+.1f%%", 100.0 * change);
      return {buf, "forecast"};
    }
  }
  if (std::isfinite(last->position) && std::isfinite(now->position) &&
      last->position != now->position) {
    return {"position changed from " + Number(last->position) + " to " + Number(now->position),
            "position"};
  }
  if (!now->binding.empty()) return {"constraint binding (" + now->binding + ")", "constraint"};
  if (!last->binding.empty() && last->quantity != now->quantity) {
    return {"constraint no longer binding (" + last->binding + ")", "constraint"};
  }
  if (last->quantity == now->quantity) return {"unchanged", "unchanged"};
  return {"policy", "policy"};
}

}  // namespace

Json WriteChanges(const std::string& last_dir, const std::string& run_dir) {
  if (!fs::exists(fs::path(run_dir) / "orders.json")) return nullptr;
  std::error_code ec;
  const bool same_policies =
      !last_dir.empty() &&
      fs::equivalent(fs::path(last_dir) / "policies.json", fs::path(run_dir) / "policies.json", ec);
  const std::map<std::string, SkuState> last = ReadPlan(last_dir, !same_policies),
                                        now = ReadPlan(run_dir, !same_policies);
  std::set<std::string> skus;
  for (const auto& [sku, s] : last) skus.insert(sku);
  for (const auto& [sku, s] : now) skus.insert(sku);
  OutputFile out((fs::path(run_dir) / "changes.csv").string());
  out.stream() << "sku,last_quantity,quantity,change,reason\n";
  Json by_reason = Json::object();
  int rows = 0, changed = 0;
  for (const std::string& sku : skus) {
    const auto l = last.find(sku), n = now.find(sku);
    const SkuState* ls = l == last.end() ? nullptr : &l->second;
    const SkuState* ns = n == now.end() ? nullptr : &n->second;
    const double lq = ls ? ls->quantity : 0.0, nq = ns ? ns->quantity : 0.0;
    const bool known_both = ls && ls->known && ns && ns->known;
    if (lq == 0.0 && nq == 0.0 && known_both) continue;  // not ordered either night
    const auto [reason, kind] = Reason(ls, ns);
    out.stream() << CsvEscape(sku) << ',' << Number(lq) << ',' << Number(nq) << ','
                 << Number(nq - lq) << ',' << CsvEscape(reason) << '\n';
    ++rows;
    changed += lq != nq;
    by_reason[kind] = by_reason.value(kind, 0) + 1;
  }
  out.Commit();
  return Json{{"skus", rows}, {"changed", changed}, {"by_reason", by_reason}};
}

}  // namespace invplan::plan
