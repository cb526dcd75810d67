// Policies mode: tonight's candidate orders of each SKU's replenishment policy
// (the `today` lists of a train-rl --items artifact) as purchase lines.
#include <spdlog/spdlog.h>

#include <cmath>
#include <set>
#include <unordered_map>

#include "common/file_io.h"
#include "common/items.h"
#include "invplan/error.h"
#include "invplan/rl.h"
#include "optimize/problem.h"

namespace invplan::optimize {
namespace {

struct Candidate {
  double quantity = 0.0, value = 0.0;
};

struct SkuCandidates {
  std::string sku;
  double recommended = 0.0;
  std::vector<Candidate> lines;  // quantity > 0 only: ordering nothing is the implicit choice
};

double Number(const Json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number() || !std::isfinite(it->get<double>())) {
    throw ArtifactError(where + ": '" + key + "' must be a finite number");
  }
  return it->get<double>();
}

// The SKUs with a `today` decision; failed policies are skipped (counted).
std::vector<SkuCandidates> ReadToday(const std::string& path, RunInfo* run, int* failed) {
  InputInfo info;
  const Json doc = ReadJsonArtifact(path, kPolicyFormat, kPolicySchema, &info);
  run->inputs.push_back(info);
  const std::string name = DisplayName(path);
  const auto policies = doc.find("policies");
  if (policies == doc.end() || !policies->is_array()) {
    throw ArtifactError(name + ": no 'policies' list (train-rl --forecast F --items I writes one)");
  }
  std::vector<SkuCandidates> out;
  *failed = 0;
  for (const Json& p : *policies) {
    if (!p.is_object() || !p.contains("sku") || !p["sku"].is_string()) {
      throw ArtifactError(name + ": a policy without a 'sku'");
    }
    const std::string sku = p["sku"].get<std::string>();
    const std::string where = name + ": SKU '" + sku + "'";
    if (p.value("status", std::string("ok")) != "ok") {
      ++*failed;
      continue;
    }
    const auto today = p.find("today");
    if (today == p.end() || !today->is_object()) {
      throw ArtifactError(where + ": no 'today' decision (train-rl needs --items for it)");
    }
    SkuCandidates s;
    s.sku = sku;
    s.recommended = Number(*today, "recommended", where);
    const auto list = today->find("candidates");
    if (list == today->end() || !list->is_array()) {
      throw ArtifactError(where + ": 'today' has no 'candidates' list");
    }
    for (const Json& c : *list) {
      const Candidate k{Number(c, "quantity", where), Number(c, "value", where)};
      if (k.quantity < 0) throw ArtifactError(where + ": a negative candidate quantity");
      if (k.quantity > 0) s.lines.push_back(k);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Problem BuildPoliciesProblem(const OptimizeOptions& o, RunContext& ctx) {
  RunInfo* run = &ctx.run;
  Problem p;
  p.mode = "policies";
  int failed = 0;
  const std::vector<SkuCandidates> skus = ReadToday(o.policies_path, run, &failed);
  InputInfo info;
  const std::vector<Item> items = ReadItems(o.items_path, {"unit_cost"}, &info);
  run->inputs.push_back(info);
  std::unordered_map<std::string, const Item*> by_sku;
  for (const Item& it : items) by_sku[it.sku] = &it;

  Json no_item = Json::array();
  std::set<std::string> with_policy;
  for (const SkuCandidates& s : skus) {
    with_policy.insert(s.sku);
    const auto it = by_sku.find(s.sku);
    if (it == by_sku.end()) {
      no_item.push_back(s.sku);
      continue;
    }
    const Item& item = *it->second;
    Group g;
    g.sku = s.sku;
    g.mandatory = Item::Or(item.min_qty, 0.0) > 0;
    g.begin = static_cast<int>(p.quantity.size());
    for (const Candidate& c : s.lines) {
      if (c.quantity + 1e-9 < Item::Or(item.min_qty, 0.0)) continue;
      p.quantity.push_back(c.quantity);
      p.cost.push_back(c.quantity * item.unit_cost);
      p.volume.push_back(c.quantity * Item::Or(item.volume, 0.0));
      p.demand.push_back(0.0);
      p.fill_rate.push_back(0.0);
      p.supplier_name.push_back(item.supplier);
      p.model.value.push_back(c.value);
    }
    g.end = static_cast<int>(p.quantity.size());
    if (g.mandatory && g.end == g.begin) {
      throw InputError(DisplayName(o.items_path) + ": SKU '" + s.sku +
                       "': no candidate order satisfies min_qty " + FormatDouble(item.min_qty));
    }
    p.model.groups.push_back(g);
    p.recommended.push_back(s.recommended);
  }
  Json no_policy = Json::array();
  for (const Item& it : items) {
    if (!with_policy.count(it.sku)) no_policy.push_back(it.sku);
  }
  if (!no_item.empty()) {
    spdlog::warn("optimize: {} SKU(s) with a policy are missing from the items master; not ordered",
                 no_item.size());
  }
  if (failed > 0) {
    p.notes.push_back(std::to_string(failed) + " SKU(s) have no policy (failed); not ordered");
  }
  p.unknown["items_without_policy"] = no_policy;
  p.unknown["policies_without_item"] = no_item;
  if (p.model.groups.empty()) {
    throw InputError("optimize: no SKU has both a policy decision and an items-master row");
  }
  p.demand_model = "values of tonight's orders under each SKU's policy (see the policy artifact)";
  Assemble(o, run, &p);
  return p;
}

}  // namespace invplan::optimize
