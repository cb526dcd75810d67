// Network planning speed: one DC and STORES stores, SKUS SKUs, each store x SKU
// a forecast series of HORIZON daily points (normal distributions), made in
// memory one SKU at a time. Times, in CPU seconds of one thread, the plan of
// `invplan network` per SKU (demand moments with SumDemand, the Clark–Scarf
// levels, tonight's lines) and, as the reference in the same run, every
// location planned alone (the same demand moments, a newsvendor level each).
//   network_bench STORES SKUS [HORIZON]
#include <time.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/normal.h"
#include "common/random.h"
#include "network/sku_plan.h"

using namespace invplan;
using namespace invplan::network;

namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: network_bench STORES SKUS [HORIZON]\n");
    return 2;
  }
  const int stores = std::atoi(argv[1]), skus = std::atoi(argv[2]);
  const int horizon = argc > 3 ? std::atoi(argv[3]) : 9;
  Network net;
  net.path = "network.csv";
  net.locations.push_back({"DC", "ACME", 7, 0.02, -1.0, 0.0, 2, -1, {}, 0, 0.0});
  for (int i = 0; i < stores; ++i) {
    Location l;
    l.name = "S" + std::to_string(i);
    l.parent = "DC";
    l.lead_time = 1 + i % 2;
    l.holding_cost = 0.05;
    l.parent_index = 0;
    l.depth = 1;
    net.locations[0].children.push_back(i + 1);
    net.locations.push_back(l);
  }
  for (std::size_t i = 0; i < net.locations.size(); ++i) {
    net.index[net.locations[i].name] = static_cast<int>(i);
  }
  ForecastSet set;
  set.horizon = horizon;
  set.levels = {};
  set.series.resize(static_cast<std::size_t>(stores));
  std::vector<const SeriesForecast*> ptrs;
  for (auto& s : set.series) ptrs.push_back(&s);
  const StockMap stock;
  Rng rng(7);
  double t_plan = 0.0, t_alone = 0.0, checksum = 0.0, checksum_alone = 0.0;
  std::size_t lines = 0;
  const double z = NormalQuantile(0.95);
  for (int k = 0; k < skus; ++k) {
    const std::string sku = "SKU" + std::to_string(k);
    for (int i = 0; i < stores; ++i) {
      SeriesForecast& s = set.series[static_cast<std::size_t>(i)];
      s.sku = sku;
      s.location = net.locations[static_cast<std::size_t>(i + 1)].name;
      s.points.resize(static_cast<std::size_t>(horizon));
      const double mu = rng.Uniform(0.2, 20.0), sigma = mu * rng.Uniform(0.3, 1.0);
      for (int t = 0; t < horizon; ++t) {
        ForecastPoint& p = s.points[static_cast<std::size_t>(t)];
        p.period = t;
        p.mean = mu;
        p.distribution.family = DistributionFamily::kNormal;
        p.distribution.mu = mu;
        p.distribution.sigma = sigma;
      }
    }
    double t0 = CpuSeconds();
    const SkuDemand d = Demand(net, set, sku, ptrs);
    const SkuPolicy pol = PlanSku(net, d, 0.95);
    const std::vector<Line> l = TonightsLines(net, d, pol, stock);
    double t1 = CpuSeconds();
    t_plan += t1 - t0;
    lines += l.size();
    checksum += pol.levels.front().echelon_base_stock;
    // Reference: the same moments, every location at its own newsvendor level.
    t0 = CpuSeconds();
    const SkuDemand d2 = Demand(net, set, sku, ptrs);
    double sum = 0.0;
    for (const StoreDemand& s : d2.stores) sum += s.mean + z * s.sd;
    for (const DcDemand& dc : d2.dcs) sum += dc.mean_review + z * dc.sd_review;
    t1 = CpuSeconds();
    t_alone += t1 - t0;
    checksum_alone += sum;
  }
  const double per1000 = 1000.0 * t_plan / skus, per1000_alone = 1000.0 * t_alone / skus;
  std::printf("stores %d skus %d horizon %d lines %zu checksum %.3f %.3f\n", stores, skus, horizon,
              lines, checksum, checksum_alone);
  std::printf("plan_cpu_seconds %.3f per_1000_skus %.3f\n", t_plan, per1000);
  std::printf("alone_cpu_seconds %.3f per_1000_skus %.3f\n", t_alone, per1000_alone);
  std::printf("ratio_plan_to_alone %.2f\n", t_alone > 0 ? t_plan / t_alone : 0.0);
  return 0;
}
