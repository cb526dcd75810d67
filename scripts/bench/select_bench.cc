// The per-series forecast of `invplan forecast` (ForecastSeries: gap filling,
// demand classes, models, fallbacks) on competition series, one
// configuration after another, each timed in CPU seconds on one core.
// A configuration is MODEL[:SELECT[:COMBINE[:THETA[:MEMBERS]]]], e.g. arima,
// combo:combo:median, auto (the defaults), auto:backtest, theta:::dynamic,
// combo:combo:mean:auto (THETA: --theta-method), combo:combo:mean::arima+ets+theta+ces
// (MEMBERS: --combo-members joined by +). Input: a long CSV series,split,t,value
// (split train|test) and an info CSV whose columns 0, 1, 4 and 7 are the
// series, its period name, horizon and seasonal period (M3_info.csv's layout).
// Writes series,period,step,actual and one column per configuration, and
// prints `cpu CONFIG SECONDS` lines and, for auto, how often each model was
// selected (for ces, each seasonal type).
//
// Usage: select_bench LONG.csv INFO.csv STRIDE OUT.csv CONFIG...
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "forecast/series_forecaster.h"

namespace {

std::vector<std::string> SplitOn(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == sep && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

struct SeriesInfo {
  std::string id, period;
  int h = 0, freq = 1;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace invplan::forecast;
  if (argc < 6) {
    std::cerr << "usage: select_bench LONG.csv INFO.csv STRIDE OUT.csv CONFIG...\n";
    return 2;
  }
  std::map<std::string, std::vector<double>> train, test;
  {
    std::ifstream in(argv[1]);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto v = SplitOn(line, ',');
      (v[1] == "train" ? train : test)[v[0]].push_back(std::stod(v[3]));
    }
  }
  std::vector<SeriesInfo> infos;
  {
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);
    const int stride = std::stoi(argv[3]);
    for (int i = 0; std::getline(in, line); ++i) {
      const auto v = SplitOn(line, ',');
      if (i % stride == 0) infos.push_back({v[0], v[1], std::stoi(v[4]), std::stoi(v[7])});
    }
  }
  const std::vector<std::string> configs(argv + 5, argv + argc);
  // [config][series] forecasts
  std::vector<std::vector<std::vector<double>>> fc(configs.size());
  for (std::size_t c = 0; c < configs.size(); ++c) {
    const auto parts = SplitOn(configs[c], ':');
    SeriesSettings s;
    s.model = parts[0];
    if (parts.size() > 1 && !parts[1].empty()) s.select = parts[1];
    if (parts.size() > 2) s.median = parts[2] == "median";
    if (parts.size() > 3 && !parts[3].empty()) s.theta_method = parts[3];
    if (parts.size() > 4) s.combo_members = SplitOn(parts[4], '+');
    std::map<std::string, int> selected;
    const std::clock_t t0 = std::clock();
    for (const SeriesInfo& info : infos) {
      s.season = info.freq;
      const auto& y = train[info.id];
      const Eigen::MatrixXd none(y.size(), 0), fnone(info.h, 0);
      SeriesResult r = ForecastSeries(y, none, fnone, info.h, s);
      const auto it = r.model.find("selection");
      ++selected[it != r.model.end() ? it->at("selected").get<std::string>()
                                     : (r.model_name == "ces" ? r.spec : r.model_name)];
      fc[c].push_back(std::move(r.mean));
    }
    const double cpu = static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    std::printf("cpu %s %.3f\n", configs[c].c_str(), cpu);
    std::printf("models %s:", configs[c].c_str());
    for (const auto& [name, count] : selected) std::printf(" %s %d;", name.c_str(), count);
    std::printf("\n");
    std::fflush(stdout);
  }
  std::ofstream out(argv[4]);
  out << "series,period,step,actual";
  for (const auto& c : configs) out << ',' << c;
  out << '\n';
  for (std::size_t k = 0; k < infos.size(); ++k) {
    const auto& yt = test[infos[k].id];
    for (int i = 0; i < infos[k].h && i < static_cast<int>(yt.size()); ++i) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g", yt[i]);
      out << infos[k].id << ',' << infos[k].period << ',' << (i + 1) << ',' << buf;
      for (std::size_t c = 0; c < configs.size(); ++c) {
        std::snprintf(buf, sizeof buf, "%.10g", fc[c][k][i]);
        out << ',' << buf;
      }
      out << '\n';
    }
  }
  return 0;
}
