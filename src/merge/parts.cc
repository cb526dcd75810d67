// The parts of a merge: read, then checked to be the N shards of one run.
#include "merge/parts.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/artifact_envelope.h"
#include "common/file_io.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/ingest.h"
#include "invplan/rl.h"

namespace invplan::merge {
namespace {

// The formats merge knows and the newest schema of each.
const std::map<std::string, int>& Formats() {
  static const std::map<std::string, int> kFormats = {{kForecastFormat, kForecastSchema},
                                                      {kAnomaliesFormat, kAnomaliesSchema},
                                                      {kPolicyFormat, kPolicySchema},
                                                      {kCleanReportFormat, kCleanReportSchema}};
  return kFormats;
}

// Configuration keys that may differ between the pieces of one run: the shard
// itself, where each piece wrote, and settings that do not change results.
bool MayDiffer(const std::string& key) {
  static const std::set<std::string> kKeys = {"output",  "csv",       "report", "save-model",
                                              "metrics", "log-level", "quiet",  "threads"};
  return IsShardOptionName(key) || kKeys.count(key) > 0;
}

std::string Shown(const Json& v) {
  return v.is_string() ? v.get<std::string>() : DumpJson(v);
}

Part ReadPart(const std::string& path) {
  Part p;
  p.path = path;
  p.name = DisplayName(path);
  p.doc = ParseArtifactText(ReadArtifactText(path), p.name);
  if (!p.doc.is_object() || !p.doc.contains("format") || !p.doc["format"].is_string()) {
    throw ArtifactError(p.name + ": not an invplan artifact (no format)");
  }
  const std::string format = p.doc["format"].get<std::string>();
  const auto known = Formats().find(format);
  if (known == Formats().end()) {
    throw ArtifactError(p.name +
                        ": merge joins invplan.forecast, invplan.anomalies, "
                        "invplan.rl-policy and invplan.clean-report artifacts, not " +
                        format);
  }
  CheckArtifactEnvelope(p.doc, p.name, format, known->second);
  const Json& config = p.doc.contains("config") ? p.doc["config"] : Json();
  const auto shard = config.is_object() ? config.find("shard") : config.end();
  if (!config.is_object() || shard == config.end() || !shard->is_string() ||
      shard->get<std::string>().empty()) {
    throw ArtifactError(p.name +
                        ": not the artifact of a shard (its configuration has no "
                        "--shard K/N)");
  }
  try {
    ShardOptionTable().Set(p.shard, "shard", shard->get<std::string>());
  } catch (const Error& e) {
    throw ArtifactError(p.name + ": configuration 'shard': " + e.what());
  }
  return p;
}

void CheckSameRun(const Part& first, const Part& p) {
  if (p.doc["format"] != first.doc["format"]) {
    throw ArtifactError(p.name + ": format " + Shown(p.doc["format"]) + ", but " + first.name +
                        " is " + Shown(first.doc["format"]) + ": merge parts of one format");
  }
  if (p.doc["schema_version"] != first.doc["schema_version"]) {
    throw ArtifactError(p.name + ": schema_version " + Shown(p.doc["schema_version"]) + ", but " +
                        first.name + " has " + Shown(first.doc["schema_version"]));
  }
  const Json& a = first.doc["config"];
  const Json& b = p.doc["config"];
  std::set<std::string> keys;
  for (const auto& [k, v] : a.items()) keys.insert(k);
  for (const auto& [k, v] : b.items()) keys.insert(k);
  for (const std::string& k : keys) {
    if (MayDiffer(k)) continue;
    const Json va = a.contains(k) ? a[k] : Json();
    const Json vb = b.contains(k) ? b[k] : Json();
    if (va != vb) {
      throw ArtifactError(p.name + ": configuration differs from " + first.name + ": '" + k +
                          "' is \"" + Shown(vb) + "\" there, \"" + Shown(va) + "\" in " +
                          first.name + " (the parts of one run share every option but --shard)");
    }
  }
  const Json ia = SharedInputs(first), ib = SharedInputs(p);
  bool same = ia.size() == ib.size();
  for (std::size_t i = 0; same && i < ia.size(); ++i) {
    same = ia[i].is_object() && ib[i].is_object() &&
           ia[i].value("sha256", "") == ib[i].value("sha256", "x");
  }
  if (!same) {
    throw ArtifactError(p.name + ": its inputs' checksums differ from " + first.name +
                        "'s: the parts were made from different files");
  }
}

}  // namespace

Json SharedInputs(const Part& part) {
  Json shared = Json::array();
  const auto inputs = part.doc.find("inputs");
  if (inputs == part.doc.end() || !inputs->is_array()) return shared;
  for (const Json& in : *inputs) {
    const bool own_shard = in.is_object() && in.contains("shard") && in["shard"].is_string() &&
                           in["shard"].get<std::string>() == part.shard.Text();
    if (!own_shard) shared.push_back(in);
  }
  return shared;
}

std::vector<Part> ReadParts(const std::vector<std::string>& paths) {
  if (paths.empty()) throw UsageError("merge: give the artifacts of the shards to merge");
  std::vector<Part> parts;
  for (const std::string& path : paths) parts.push_back(ReadPart(path));
  std::map<int, const Part*> by_index;
  const int n = parts[0].shard.count;
  for (const Part& p : parts) {
    CheckSameRun(parts[0], p);
    if (p.shard.count != n) {
      throw ArtifactError(p.name + ": shard " + p.shard.Text() + ", but " + parts[0].name +
                          " is shard " + parts[0].shard.Text() + ": the parts of one run share N");
    }
    const auto [at, added] = by_index.emplace(p.shard.index, &p);
    if (!added) {
      throw ArtifactError("shard " + p.shard.Text() + " is given twice: " + at->second->name +
                          " and " + p.name);
    }
  }
  std::string missing;
  for (int k = 0; k < n; ++k) {
    if (by_index.count(k)) continue;
    if (!missing.empty()) missing += ", ";
    missing += std::to_string(k) + "/" + std::to_string(n);
  }
  if (!missing.empty()) {
    throw ArtifactError("shard " + missing + " missing: merge needs all " + std::to_string(n) +
                        " shards of the run, each once");
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const Part& a, const Part& b) { return a.shard.index < b.shard.index; });
  return parts;
}

Key KeyOf(const Json& entry, const Part& part, const char* what) {
  if (!entry.is_object() || !entry.contains("sku") || !entry["sku"].is_string()) {
    throw ArtifactError(part.name + ": a " + std::string(what) + " without a SKU");
  }
  Key k{entry["sku"].get<std::string>(), ""};
  if (entry.contains("location") && entry["location"].is_string()) {
    k.location = entry["location"].get<std::string>();
  }
  return k;
}

std::vector<std::pair<Key, Json>> MergedEntries(std::vector<Part>& parts, const char* field,
                                                bool unique) {
  std::vector<std::pair<Key, Json>> all;
  std::map<Key, const Part*> owner;
  for (Part& p : parts) {
    if (!p.doc.contains(field) || !p.doc[field].is_array()) {
      throw ArtifactError(p.name + ": no '" + std::string(field) + "' array");
    }
    Key last;
    bool first = true;
    for (Json& e : p.doc[field]) {
      Key k = KeyOf(e, p, field);
      const bool repeat = !first && k == last;
      first = false;
      last = k;
      if (!repeat) {
        const auto [at, added] = owner.emplace(k, &p);
        if (!added) {
          throw ArtifactError("SKU '" + k.sku + (k.location.empty() ? "" : "' at '" + k.location) +
                              "' is in " + at->second->name + " and in " + p.name +
                              ": a SKU belongs to one shard");
        }
        // Policies, like the forecast series they come from, are hashed on SKU
        // and location (a policy has a location when its forecast has one).
        const int shard = ShardOf(k.sku, k.location, p.shard.count);
        if (shard != p.shard.index) {
          throw ArtifactError(p.name + ": SKU '" + k.sku + "' belongs to shard " +
                              std::to_string(shard) + "/" + std::to_string(p.shard.count) +
                              ", not " + p.shard.Text());
        }
      } else if (unique) {
        throw ArtifactError(p.name + ": SKU '" + k.sku + "' is listed twice");
      }
      all.emplace_back(std::move(k), std::move(e));
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return all;
}

void CheckSame(const std::vector<Part>& parts, const char* field) {
  for (const Part& p : parts) {
    const Json a = parts[0].doc.contains(field) ? parts[0].doc[field] : Json();
    const Json b = p.doc.contains(field) ? p.doc[field] : Json();
    if (a != b) {
      throw ArtifactError(p.name + ": '" + std::string(field) + "' is " + DumpJson(b) + ", but " +
                          DumpJson(a) + " in " + parts[0].name);
    }
  }
}

}  // namespace invplan::merge
