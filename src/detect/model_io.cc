#include "detect/model_io.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/file_io.h"
#include "invplan/detect.h"
#include "invplan/error.h"

namespace invplan::detect {
namespace {

// Field access that turns every kind of malformation into one clear message.
class Reader {
 public:
  Reader(const Json& doc, std::string name) : doc_(doc), name_(std::move(name)) {}

  const Json& Field(const Json& obj, const char* key, const std::string& where = "") const {
    if (!obj.is_object() || !obj.contains(key)) Fail(where + "missing field \"" + key + "\"");
    return obj[key];
  }
  double Number(const Json& obj, const char* key, const std::string& where = "") const {
    const Json& v = Field(obj, key, where);
    if (!v.is_number()) Fail(where + "field \"" + key + "\" must be a number");
    return v.get<double>();
  }
  std::int64_t Integer(const Json& obj, const char* key, const std::string& where = "") const {
    const Json& v = Field(obj, key, where);
    if (!v.is_number_integer()) Fail(where + "field \"" + key + "\" must be an integer");
    return v.get<std::int64_t>();
  }
  template <typename T>
  std::vector<T> Array(const Json& obj, const char* key, const std::string& where = "") const {
    const Json& v = Field(obj, key, where);
    if (!v.is_array()) Fail(where + "field \"" + key + "\" must be an array");
    try {
      return v.get<std::vector<T>>();
    } catch (const Json::exception&) {
      Fail(where + "field \"" + key + "\" has values of the wrong type");
    }
    return {};
  }
  [[noreturn]] void Fail(const std::string& what) const {
    throw ArtifactError(name_ + ": bad " + kDetectModelFormat + " artifact: " + what);
  }
  const Json& doc() const { return doc_; }

 private:
  const Json& doc_;
  std::string name_;
};

Json TreeToJson(const Tree& tree) {
  Json t = Json::object();
  std::vector<std::int32_t> left, feature;
  std::vector<double> value;
  left.reserve(tree.nodes.size());
  for (const Node& n : tree.nodes) {
    left.push_back(n.left);
    feature.push_back(n.feature);
    value.push_back(n.value);
  }
  t["left"] = left;
  t["feature"] = feature;
  t["value"] = value;
  t["size"] = tree.size;
  if (!tree.normal.empty()) {
    t["normal"] = tree.normal;
    t["point"] = tree.point;
  }
  return t;
}

}  // namespace

double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.5;
  q = std::clamp(q, 0.0, 1.0);
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = pos - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

std::vector<double> QuantileTable(std::vector<double>* scores) {
  std::sort(scores->begin(), scores->end());
  std::vector<double> table(1001);
  for (std::size_t i = 0; i < table.size(); ++i) table[i] = Quantile(*scores, i / 1000.0);
  return table;
}

double ThresholdForFraction(const std::vector<double>& table, double fraction) {
  return Quantile(table, 1.0 - fraction);
}

Json ModelToJson(const DetectModel& m, const RunInfo& run) {
  Json doc = MakeEnvelope(kDetectModelFormat, kDetectModelSchema, run);
  doc["mode"] = m.mode;
  doc["features"] = m.features;
  doc["medians"] = m.medians;
  doc["season"] = m.season;
  doc["trees"] = m.forest.trees().size();
  doc["sample_size"] = m.forest.psi();
  doc["extension_level"] = m.forest.extension_level();
  doc["height_limit"] = m.forest.height_limit();
  doc["c_psi"] = m.forest.c_psi();
  doc["training_rows"] = m.training_rows;
  if (m.contamination) {
    doc["contamination"] = *m.contamination;
  } else {
    doc["contamination"] = "auto";
  }
  doc["threshold"] = m.threshold;
  doc["training_score_quantiles"] = m.score_quantiles;
  Json forest = Json::array();
  for (const Tree& t : m.forest.trees()) forest.push_back(TreeToJson(t));
  doc["forest"] = std::move(forest);
  return doc;
}

DetectModel ModelFromJson(const Json& doc, const std::string& name) {
  Reader r(doc, name);
  DetectModel m;
  const Json& mode = r.Field(doc, "mode");
  if (!mode.is_string() || (mode != "table" && mode != "inventory")) {
    r.Fail("\"mode\" must be \"table\" or \"inventory\"");
  }
  m.mode = mode.get<std::string>();
  m.features = r.Array<std::string>(doc, "features");
  m.medians = r.Array<double>(doc, "medians");
  if (m.features.empty()) r.Fail("no features");
  if (m.medians.size() != m.features.size()) r.Fail("\"medians\" does not match \"features\"");
  m.season = static_cast<int>(r.Integer(doc, "season"));
  const std::int64_t psi = r.Integer(doc, "sample_size");
  const std::int64_t ext = r.Integer(doc, "extension_level");
  m.training_rows =
      static_cast<std::uint64_t>(std::max<std::int64_t>(0, r.Integer(doc, "training_rows")));
  const Json& cont = r.Field(doc, "contamination");
  if (cont.is_number()) {
    m.contamination = cont.get<double>();
  } else if (!(cont.is_string() && cont == "auto")) {
    r.Fail("\"contamination\" must be \"auto\" or a number");
  }
  m.threshold = r.Number(doc, "threshold");
  m.score_quantiles = r.Array<double>(doc, "training_score_quantiles");
  if (!std::is_sorted(m.score_quantiles.begin(), m.score_quantiles.end())) {
    r.Fail("\"training_score_quantiles\" is not sorted");
  }
  const Json& forest = r.Field(doc, "forest");
  if (!forest.is_array() || forest.empty()) r.Fail("\"forest\" must be a non-empty array");
  if (static_cast<std::int64_t>(forest.size()) != r.Integer(doc, "trees")) {
    r.Fail("\"trees\" does not match the number of trees in \"forest\"");
  }
  std::vector<Tree> trees;
  trees.reserve(forest.size());
  for (std::size_t t = 0; t < forest.size(); ++t) {
    const std::string where = "tree " + std::to_string(t) + ": ";
    const Json& jt = forest[t];
    auto left = r.Array<std::int32_t>(jt, "left", where);
    auto feature = r.Array<std::int32_t>(jt, "feature", where);
    auto value = r.Array<double>(jt, "value", where);
    Tree tree;
    tree.size = r.Array<std::uint32_t>(jt, "size", where);
    if (feature.size() != left.size() || value.size() != left.size()) {
      r.Fail(where + "node arrays of different lengths");
    }
    tree.nodes.resize(left.size());
    for (std::size_t i = 0; i < left.size(); ++i) {
      tree.nodes[i].left = left[i] < 0 ? -1 : left[i];
      tree.nodes[i].feature = feature[i];
      tree.nodes[i].value = value[i];
    }
    if (jt.contains("normal")) {
      tree.normal = r.Array<double>(jt, "normal", where);
      tree.point = r.Array<double>(jt, "point", where);
    }
    trees.push_back(std::move(tree));
  }
  if (psi < 2 || ext < 0) r.Fail("\"sample_size\" or \"extension_level\" out of range");
  try {
    m.forest = Forest::FromParts(m.features.size(), static_cast<std::size_t>(psi),
                                 static_cast<int>(ext), std::move(trees));
  } catch (const std::invalid_argument& e) {
    r.Fail(e.what());
  }
  return m;
}

void SaveModel(const std::string& path, const DetectModel& model, const RunInfo& run) {
  WriteJsonArtifact(path, ModelToJson(model, run), /*compact=*/true);
}

DetectModel LoadModel(const std::string& path, InputInfo* info) {
  Json doc = ReadJsonArtifact(path, kDetectModelFormat, kDetectModelSchema, info);
  return ModelFromJson(doc, DisplayName(path));
}

}  // namespace invplan::detect
