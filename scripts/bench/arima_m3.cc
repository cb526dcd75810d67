// ARIMA engine on the M3 competition series (yearly, quarterly, monthly):
// fits AutoArima on each training part, forecasts the test horizon and writes
// series,step,mean,lo95,hi95. Given a second CSV of the same shape (R's
// auto.arima, from arima_m3.R), prints per-period MASE, the geometric mean of
// the per-series MASE ratios and the 95% interval coverage of both.
//
// Usage: arima_m3 M3_long.csv M3_info.csv STRIDE OUT.csv [REFERENCE.csv]
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "forecast/arima/arima.h"

namespace {

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

struct Info {
  std::string id, period;
  int h = 0, freq = 1;
};
struct Point {
  double mean, lo, hi;
};
using Forecasts = std::map<std::string, std::vector<Point>>;

Forecasts ReadForecasts(const std::string& path) {
  Forecasts f;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto v = SplitCsv(line);
    if (v.size() < 5) continue;
    f[v[0]].push_back({std::stod(v[2]), std::stod(v[3]), std::stod(v[4])});
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: arima_m3 M3_long.csv M3_info.csv STRIDE OUT.csv [REFERENCE.csv]\n";
    return 2;
  }
  std::map<std::string, std::vector<double>> train, test;
  {
    std::ifstream in(argv[1]);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto v = SplitCsv(line);
      (v[1] == "train" ? train : test)[v[0]].push_back(std::stod(v[3]));
    }
  }
  std::vector<Info> all;
  {
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto v = SplitCsv(line);
      if (v[1] != "YEARLY" && v[1] != "QUARTERLY" && v[1] != "MONTHLY") continue;
      all.push_back({v[0], v[1], std::stoi(v[4]), std::stoi(v[7])});
    }
  }
  const int stride = std::stoi(argv[3]);
  std::vector<Info> infos;
  for (size_t i = 0; i < all.size(); i += stride) infos.push_back(all[i]);

  Forecasts ours;
  std::map<std::string, std::string> specs;
  double seconds = 0;
  int failures = 0;
  std::ofstream out(argv[4]);
  out << "series,step,mean,lo95,hi95\n";
  for (const Info& info : infos) {
    const auto& y = train[info.id];
    const std::clock_t t0 = std::clock();
    std::vector<Point> pts;
    try {
      const auto m = invplan::forecast::AutoArima(y, Eigen::MatrixXd(y.size(), 0), info.freq);
      const auto p = invplan::forecast::PredictArima(m, y, Eigen::MatrixXd(y.size(), 0),
                                                     Eigen::MatrixXd(info.h, 0), info.h);
      for (int h = 0; h < info.h; ++h)
        pts.push_back({p.mean[h], p.mean[h] - 1.959963984540054 * p.se[h],
                       p.mean[h] + 1.959963984540054 * p.se[h]});
      specs[info.id] = m.Spec();
    } catch (const std::exception& e) {
      ++failures;
      for (int h = 0; h < info.h; ++h) pts.push_back({y.back(), y.back(), y.back()});
      specs[info.id] = std::string("failed: ") + e.what();
    }
    seconds += static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    for (int h = 0; h < info.h; ++h) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s,%d,%.10g,%.10g,%.10g\n", info.id.c_str(), h + 1,
                    pts[h].mean, pts[h].lo, pts[h].hi);
      out << buf;
    }
    ours[info.id] = pts;
  }
  std::printf("invplan AutoArima: %zu series, %.3f s CPU, %d failures\n", infos.size(), seconds,
              failures);
  if (argc < 6) return 0;
  const Forecasts ref = ReadForecasts(argv[5]);

  struct Acc {
    int n = 0, covered_ours = 0, covered_ref = 0, points = 0, same_spec = 0;
    double log_ratio = 0, mase_ours = 0, mase_ref = 0;
  };
  std::map<std::string, Acc> acc;
  for (const Info& info : infos) {
    auto it = ref.find(info.id);
    if (it == ref.end()) continue;
    const auto& y = train[info.id];
    const auto& yt = test[info.id];
    const int m = info.freq;
    double scale = 0;
    int cnt = 0;
    for (size_t t = m; t < y.size(); ++t, ++cnt) scale += std::abs(y[t] - y[t - m]);
    scale /= std::max(cnt, 1);
    if (!(scale > 0)) continue;
    double eo = 0, er = 0;
    const int h = std::min<int>(info.h, yt.size());
    for (const std::string& key : {info.period, std::string("ALL")}) {
      Acc& a = acc[key];
      for (int k = 0; k < h; ++k) {
        a.covered_ours += yt[k] >= ours[info.id][k].lo && yt[k] <= ours[info.id][k].hi;
        a.covered_ref += yt[k] >= it->second[k].lo && yt[k] <= it->second[k].hi;
        ++a.points;
      }
    }
    for (int k = 0; k < h; ++k) {
      eo += std::abs(yt[k] - ours[info.id][k].mean);
      er += std::abs(yt[k] - it->second[k].mean);
    }
    const double mo = eo / h / scale, mr = er / h / scale;
    for (const std::string& key : {info.period, std::string("ALL")}) {
      Acc& a = acc[key];
      ++a.n;
      a.mase_ours += mo;
      a.mase_ref += mr;
      // Identical forecasts give ratio 1; guard zero errors.
      a.log_ratio += std::log(std::max(mo, 1e-12) / std::max(mr, 1e-12));
    }
  }
  std::printf("%-10s %6s %10s %10s %12s %10s %10s\n", "period", "series", "MASE ours", "MASE R",
              "gm ratio", "cover95 us", "cover95 R");
  for (const auto& [key, a] : acc) {
    std::printf("%-10s %6d %10.4f %10.4f %12.4f %9.1f%% %9.1f%%\n", key.c_str(), a.n,
                a.mase_ours / a.n, a.mase_ref / a.n, std::exp(a.log_ratio / a.n),
                100.0 * a.covered_ours / a.points, 100.0 * a.covered_ref / a.points);
  }
  return 0;
}
