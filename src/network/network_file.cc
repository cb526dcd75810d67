#include "network/network_file.h"

#include <cmath>

#include "common/csv_reader.h"
#include "common/file_io.h"
#include "invplan/error.h"

namespace invplan::network {

std::string Network::Where(int i) const {
  return DisplayName(path) + ":" + std::to_string(locations[static_cast<std::size_t>(i)].line);
}

Network ReadNetwork(const std::string& path, InputInfo* info) {
  Network net;
  net.path = path;
  CsvReader r(path);
  const int c_loc = r.RequireColumn("location", "--network");
  const int c_parent = r.RequireColumn("parent", "--network");
  const int c_lead = r.RequireColumn("lead_time", "--network");
  const int c_hold = r.RequireColumn("holding_cost", "--network");
  const int c_cap = r.FindColumn("capacity");
  const int c_trans = r.FindColumn("transport_cost");
  auto number = [&](int col, const char* expected, bool positive, bool whole) {
    double v = 0.0;
    const std::string_view text = r.field(static_cast<std::size_t>(col));
    if (!ParseNumber(text, &v) || !std::isfinite(v) || v < 0.0 || (positive && v <= 0.0) ||
        (whole && (v != std::floor(v) || v > 3650))) {
      throw InputError(r.FieldError(static_cast<std::size_t>(col), expected));
    }
    return v;
  };
  while (r.Next()) {
    r.CheckFieldCount();
    Location loc;
    loc.line = r.line();
    loc.name = std::string(r.field(static_cast<std::size_t>(c_loc)));
    loc.parent = std::string(r.field(static_cast<std::size_t>(c_parent)));
    if (loc.name.empty()) throw InputError(r.FieldError(c_loc, "a location name"));
    if (loc.parent.empty()) throw InputError(r.FieldError(c_parent, "a location or supplier"));
    loc.lead_time =
        static_cast<int>(number(c_lead, "a whole number between 0 and 3650", false, true));
    loc.holding_cost = number(c_hold, "a number >= 0", false, false);
    if (c_cap >= 0 && !r.field(static_cast<std::size_t>(c_cap)).empty()) {
      loc.capacity = number(c_cap, "a number > 0", true, false);
    }
    if (c_trans >= 0 && !r.field(static_cast<std::size_t>(c_trans)).empty()) {
      loc.transport_cost = number(c_trans, "a number >= 0", false, false);
    }
    const auto [it, fresh] = net.index.emplace(loc.name, static_cast<int>(net.locations.size()));
    if (!fresh) {
      throw InputError(r.Where() + ": location '" + loc.name + "' is listed twice (first on line " +
                       std::to_string(net.locations[static_cast<std::size_t>(it->second)].line) +
                       ")");
    }
    net.locations.push_back(std::move(loc));
  }
  if (info != nullptr) *info = r.Info();
  if (net.locations.empty()) throw InputError(DisplayName(path) + ": no locations");
  const int n = static_cast<int>(net.locations.size());
  for (int i = 0; i < n; ++i) {
    Location& loc = net.locations[static_cast<std::size_t>(i)];
    const auto it = net.index.find(loc.parent);
    loc.parent_index = it == net.index.end() ? -1 : it->second;
    if (loc.parent_index >= 0) {
      net.locations[static_cast<std::size_t>(loc.parent_index)].children.push_back(i);
    }
  }
  // Every location must reach a supplier by following parents: walk up at most
  // n steps; coming back to a location seen on this walk is a cycle.
  for (int i = 0; i < n; ++i) {
    std::vector<int> seen{i};
    int at = net.locations[static_cast<std::size_t>(i)].parent_index;
    while (at >= 0) {
      for (std::size_t k = 0; k < seen.size(); ++k) {
        if (seen[k] == at) {
          std::string chain;
          for (std::size_t m = k; m < seen.size(); ++m) {
            chain += net.locations[static_cast<std::size_t>(seen[m])].name + " -> ";
          }
          chain += net.locations[static_cast<std::size_t>(at)].name;
          throw InputError(net.Where(i) + ": location '" +
                           net.locations[static_cast<std::size_t>(i)].name +
                           "' has no path to a supplier: cycle " + chain);
        }
      }
      seen.push_back(at);
      at = net.locations[static_cast<std::size_t>(at)].parent_index;
    }
    net.locations[static_cast<std::size_t>(i)].depth = static_cast<int>(seen.size()) - 1;
  }
  return net;
}

}  // namespace invplan::network
