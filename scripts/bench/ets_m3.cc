// ETS, Theta and ARIMA engines on the M3 competition series (all periods:
// yearly, quarterly, monthly, other), each fitted to the training part and
// forecast over the official horizon, timed separately (CPU seconds).
// Writes series,period,step,actual,ets,theta,arima,combo,spec (combo: the
// mean of the three; spec: the ETS model) and prints the CPU seconds of each engine and the ETS
// models chosen.
//
// Usage: ets_m3 M3_long.csv M3_info.csv STRIDE OUT.csv
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "forecast/arima/arima.h"
#include "forecast/ets/ets.h"
#include "forecast/theta/theta.h"

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

// The last value repeated: what a failed engine contributes.
std::vector<double> Flat(const std::vector<double>& y, int h) {
  return std::vector<double>(h, y.back());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace invplan::forecast;
  if (argc < 5) {
    std::cerr << "usage: ets_m3 M3_long.csv M3_info.csv STRIDE OUT.csv\n";
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
  std::vector<Info> infos;
  {
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);
    const int stride = std::stoi(argv[3]);
    for (int i = 0; std::getline(in, line); ++i) {
      const auto v = SplitCsv(line);
      if (i % stride == 0) infos.push_back({v[0], v[1], std::stoi(v[4]), std::stoi(v[7])});
    }
  }
  double cpu[3] = {0, 0, 0};
  int failures[3] = {0, 0, 0};
  std::map<std::string, int> chosen;
  std::ofstream out(argv[4]);
  out << "series,period,step,actual,ets,theta,arima,combo,spec\n";
  for (const Info& info : infos) {
    const auto& y = train[info.id];
    const int h = info.h;
    std::vector<double> f[3];
    std::string spec = "failed";
    for (int k = 0; k < 3; ++k) {
      const std::clock_t t0 = std::clock();
      try {
        if (k == 0) {
          const EtsModel m = AutoEts(y, info.freq);
          f[k] = PredictEts(m, h).mean;
          spec = m.spec.Name();
          ++chosen[spec];
        } else if (k == 1) {
          f[k] = ThetaForecast(y, info.freq, h).mean;
        } else {
          const Eigen::MatrixXd none(y.size(), 0), fnone(h, 0);
          f[k] = PredictArima(AutoArima(y, none, info.freq), y, none, fnone, h).mean;
        }
      } catch (const std::exception&) {
        ++failures[k];
        f[k] = Flat(y, h);
      }
      cpu[k] += static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    }
    const auto& yt = test[info.id];
    for (int i = 0; i < h && i < static_cast<int>(yt.size()); ++i) {
      char buf[256];
      std::snprintf(buf, sizeof buf, "%s,%s,%d,%.10g,%.10g,%.10g,%.10g,%.10g,\"%s\"\n",
                    info.id.c_str(), info.period.c_str(), i + 1, yt[i], f[0][i], f[1][i], f[2][i],
                    (f[0][i] + f[1][i] + f[2][i]) / 3.0, spec.c_str());
      out << buf;
    }
  }
  std::printf("invplan: %zu series; CPU s ets %.2f, theta %.2f, arima %.2f; failures %d %d %d\n",
              infos.size(), cpu[0], cpu[1], cpu[2], failures[0], failures[1], failures[2]);
  std::printf("cpu ets %.3f\ncpu theta %.3f\ncpu arima %.3f\n", cpu[0], cpu[1], cpu[2]);
  std::printf("ETS models chosen:");
  for (const auto& [name, count] : chosen) std::printf(" %s %d;", name.c_str(), count);
  std::printf("\n");
  return 0;
}
