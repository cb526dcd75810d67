#include "common/policy_table.h"

#include <cstdint>

#include "invplan/error.h"

namespace invplan {
namespace {

// The fast path for the usual in-range integer; the message is only built for
// a value that fails (tables have many rows).
int Quantity(const Json& v, const std::string& where, const char* what) {
  if (v.is_number_unsigned()) {
    if (v.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxPolicyQuantity)) {
      return static_cast<int>(v.get<std::uint64_t>());
    }
  } else if (v.is_number_integer()) {
    const std::int64_t x = v.get<std::int64_t>();
    if (x >= -kMaxPolicyQuantity && x <= kMaxPolicyQuantity) return static_cast<int>(x);
  }
  return static_cast<int>(
      ArtifactInt(v, where + ": policy table " + what, -kMaxPolicyQuantity, kMaxPolicyQuantity));
}

}  // namespace

Json PolicyRowToJson(const PolicyTableRow& row) {
  Json out = Json::array();
  out.push_back(row.on_hand);
  out.push_back(row.order);
  for (int q : row.pipeline) out.push_back(q);
  return out;
}

void ReadPolicyRow(const Json& json, const std::string& where, PolicyTableRow* row) {
  row->pipeline.clear();
  if (json.is_array()) {
    if (json.size() < 2) {
      throw ArtifactError(where + ": policy table row with fewer than 2 numbers");
    }
    row->on_hand = Quantity(json[0], where, "on_hand");
    row->order = Quantity(json[1], where, "order");
    for (std::size_t i = 2; i < json.size(); ++i) {
      row->pipeline.push_back(Quantity(json[i], where, "pipeline"));
    }
    return;
  }
  if (!json.is_object() || !json.contains("on_hand") || !json.contains("order") ||
      !json.contains("pipeline") || !json["pipeline"].is_array()) {
    throw ArtifactError(where +
                        ": policy table row is neither [on_hand, order, pipeline...] nor "
                        "{on_hand, pipeline, order}");
  }
  row->on_hand = Quantity(json["on_hand"], where, "on_hand");
  row->order = Quantity(json["order"], where, "order");
  for (const Json& q : json["pipeline"]) row->pipeline.push_back(Quantity(q, where, "pipeline"));
}

}  // namespace invplan
