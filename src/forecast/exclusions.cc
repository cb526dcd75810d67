#include "forecast/exclusions.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "common/file_io.h"
#include "invplan/detect.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

// Straight lines across the excluded points between the kept values around
// them; excluded points at the start take the first kept value, at the end the
// last one.
void Interpolate(std::vector<double>* y, const std::vector<char>& out) {
  std::vector<double>& v = *y;
  const std::size_t n = v.size();
  std::size_t t = 0;
  while (t < n) {
    if (!out[t]) {
      ++t;
      continue;
    }
    std::size_t end = t;
    while (end < n && out[end]) ++end;
    const bool has_left = t > 0, has_right = end < n;
    for (std::size_t k = t; k < end; ++k) {
      if (has_left && has_right) {
        const double w = static_cast<double>(k - t + 1) / static_cast<double>(end - t + 1);
        v[k] = v[t - 1] + (v[end] - v[t - 1]) * w;
      } else if (has_left) {
        v[k] = v[t - 1];
      } else if (has_right) {
        v[k] = v[end];
      }
    }
    t = end;
  }
}

}  // namespace

std::vector<std::vector<Excluded>> ReadAnomalyPoints(const std::string& path,
                                                     const std::vector<std::string>& types,
                                                     const Panel& panel, RunInfo* run,
                                                     std::size_t* unmatched) {
  InputInfo info;
  const Json doc = ReadJsonArtifact(path, kAnomaliesFormat, kAnomaliesSchema, &info);
  run->inputs.push_back(info);
  const auto records = doc.find("records");
  if (records == doc.end() || !records->is_array()) {
    throw ArtifactError(DisplayName(path) + ": no 'records' list");
  }
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (std::size_t i = 0; i < panel.series.size(); ++i) {
    index[{panel.series[i].sku, panel.series[i].location}] = i;
  }
  const std::set<std::string> wanted(types.begin(), types.end());
  std::vector<std::vector<Excluded>> out(panel.series.size());
  *unmatched = 0;
  for (const Json& r : *records) {
    if (!r.is_object() || !r.value("anomaly", false)) continue;
    const auto type = r.find("type");
    if (type == r.end() || !type->is_string() || !wanted.count(type->get<std::string>())) continue;
    std::int64_t day = 0;
    const std::string date = r.value("date", std::string());
    const auto it = index.find({r.value("sku", std::string()), r.value("location", std::string())});
    if (it == index.end() || !ParseIsoDay(date, &day)) {
      ++*unmatched;
      continue;
    }
    const Series& s = panel.series[it->second];
    const std::int64_t t = PeriodOfDay(day, panel.frequency) - s.start;
    if (t < 0 || t >= static_cast<std::int64_t>(s.quantity.size())) {
      ++*unmatched;
      continue;
    }
    out[it->second].push_back(
        {static_cast<std::size_t>(t), type->get<std::string>(), s.quantity[t]});
  }
  for (auto& list : out) {
    std::sort(list.begin(), list.end(),
              [](const Excluded& a, const Excluded& b) { return a.index < b.index; });
    list.erase(std::unique(list.begin(), list.end(),
                           [](const Excluded& a, const Excluded& b) { return a.index == b.index; }),
               list.end());
  }
  return out;
}

void ExcludePoints(const std::vector<Excluded>& list, Series* s) {
  if (list.empty()) return;
  std::vector<char> mark(s->quantity.size(), 0);
  for (const Excluded& e : list) {
    if (e.index < mark.size()) mark[e.index] = 1;
  }
  Interpolate(&s->quantity, mark);
}

std::vector<std::vector<Excluded>> ExcludeAnomalies(const std::string& path,
                                                    const std::vector<std::string>& types,
                                                    Panel* panel, RunInfo* run,
                                                    std::size_t* unmatched) {
  std::vector<std::vector<Excluded>> out = ReadAnomalyPoints(path, types, *panel, run, unmatched);
  for (std::size_t i = 0; i < out.size(); ++i) ExcludePoints(out[i], &panel->series[i]);
  return out;
}

Json ExcludedJson(const std::vector<Excluded>& list, const Series& s, Frequency f) {
  Json out = Json::array();
  for (const Excluded& e : list) {
    Json j = Json::object();
    j["date"] = FormatPeriod(s.start + static_cast<std::int64_t>(e.index), f);
    j["type"] = e.type;
    j["value"] = std::isfinite(e.value) ? Json(e.value) : Json(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<double> WithRecorded(std::vector<double> values, std::size_t offset,
                                 const std::vector<Excluded>& list) {
  for (const Excluded& e : list) {
    if (e.index >= offset && e.index - offset < values.size()) values[e.index - offset] = e.value;
  }
  return values;
}

}  // namespace invplan::forecast
