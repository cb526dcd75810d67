// Choosing the SKUs with a section (see select.h).
#include "report/select.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace invplan::report {

std::vector<SkuPick> SelectSkus(const ReportData& d, int max_skus) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < d.series.size(); ++i) index.emplace(d.series[i].key, i);

  // Each list: (rank value, key), best first.
  using Ranked = std::vector<std::pair<double, std::string>>;
  auto sorted = [](Ranked r) {
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    return r;
  };
  Ranked ordered, anomalous, worst;
  std::map<std::string, double> spend;
  for (const OrderLine& l : d.lines) spend[l.sku] += l.cost;
  for (const SkuForecast& s : d.series) {
    if (auto it = spend.find(s.key); it != spend.end()) ordered.push_back({it->second, s.key});
    if (auto it = d.anomalies.find(s.key); it != d.anomalies.end() && !it->second.empty()) {
      double top = 0;
      for (const AnomalyMark& m : it->second) top = std::max(top, m.score);
      anomalous.push_back({static_cast<double>(it->second.size()) + top, s.key});
    }
    if (s.has_backtest && std::isfinite(s.mase) && std::isfinite(s.snaive_mase) &&
        s.snaive_mase > 0) {
      worst.push_back({s.mase / s.snaive_mase, s.key});
    }
  }
  const Ranked lists[] = {sorted(ordered), sorted(anomalous), sorted(worst)};
  const char* reasons[] = {"ordered", "anomalies", "backtest"};

  std::map<std::string, SkuPick> picked;
  const std::size_t limit = static_cast<std::size_t>(std::max(max_skus, 0));
  std::size_t pos[3] = {0, 0, 0};
  bool progress = true;
  while (picked.size() < limit && progress) {
    progress = false;
    for (int k = 0; k < 3 && picked.size() < limit; ++k) {
      // The next key of list k that is not picked yet.
      while (pos[k] < lists[k].size() && picked.count(lists[k][pos[k]].second)) ++pos[k];
      if (pos[k] == lists[k].size()) continue;
      const std::string& key = lists[k][pos[k]++].second;
      picked[key].series = index.at(key);
      if (k == 2) picked[key].reasons.push_back(reasons[2]);
      progress = true;
    }
  }
  // Being ordered or anomalous is a reason whichever list a SKU came from; a
  // backtest only when picked as one of the worst or worse than seasonal naive.
  for (int k = 0; k < 3; ++k) {
    for (const auto& [v, key] : lists[k]) {
      auto it = picked.find(key);
      if (it == picked.end()) continue;
      auto& r = it->second.reasons;
      if (k == 2 && (v <= 1.0 || std::find(r.begin(), r.end(), reasons[2]) != r.end())) continue;
      r.push_back(reasons[k]);
    }
  }
  for (auto& [key, p] : picked) {
    std::sort(p.reasons.begin(), p.reasons.end(), [&](const std::string& a, const std::string& b) {
      auto rank = [&](const std::string& x) {
        return std::find(std::begin(reasons), std::end(reasons), x) - std::begin(reasons);
      };
      return rank(a) < rank(b);
    });
  }
  // Nothing to choose by (a forecast alone): the first SKUs by key.
  if (lists[0].empty() && lists[1].empty() && lists[2].empty()) {
    for (const auto& [key, i] : index) {
      if (picked.size() >= limit) break;
      picked[key].series = i;
    }
  }
  std::vector<SkuPick> out;
  out.reserve(picked.size());
  for (auto& [key, p] : picked) out.push_back(std::move(p));
  return out;
}

}  // namespace invplan::report
