#!/usr/bin/env bash
# Benchmark of the recurrent-network forecaster (src/forecast/rnn*):
#  1. accuracy on the Rossmann stores 1..100 (../shared/data/rossmann, daily
#     sales with Open/Promo/StateHoliday/SchoolHoliday as regressors, the last
#     42 days held out): MASE of the global GRU against seasonal naive, and the
#     training time;
#  2. speed: seconds per training epoch (50 batches of 64 windows of 98 steps,
#     GRU with 40 hidden units, Gaussian head, Adam) against the same
#     architecture in PyTorch on CPU (Debian's python3-torch) with the same batch
#     and thread count.
# Usage: scripts/bench-rnn.sh [THREADS]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
build=${INVPLAN_BENCH_BUILD:-build/release}
data=../shared/data/rossmann/train_stores_1_100.csv
[ -f "$data" ] || { echo "missing $data" >&2; exit 1; }

if [ ! -f "$build/libinvplan_forecast.a" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$threads" --target invplan_forecast >/dev/null
fi
work=$(mktemp -d /tmp/invplan-bench-rnn.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat > "$work/driver.cc" <<'EOF'
// Reads the Rossmann CSV, trains the global network, prints accuracy and timing.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "forecast/rnn.h"

using namespace invplan;
using namespace invplan::forecast;

int main(int argc, char** argv) {
  const std::string path = argv[1];
  const int threads = std::atoi(argv[2]);
  const int epochs = std::atoi(argv[3]);
  const int horizon = 42, season = 7;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  struct Row { double sales, open, promo, state, school; };
  std::map<int, std::map<std::int64_t, Row>> stores;
  std::int64_t first = INT64_MAX, last = INT64_MIN;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    std::int64_t day;
    ParseIsoDay(f[2], &day);
    first = std::min(first, day);
    last = std::max(last, day);
    stores[std::stoi(f[0])][day] = {std::stod(f[3]), std::stod(f[5]), std::stod(f[6]),
                                    f[7] != "0" ? 1.0 : 0.0, std::stod(f[8])};
  }
  std::vector<RnnSeriesInput> train;
  std::vector<std::vector<double>> actual;
  const double nan = std::nan("");
  for (const auto& [store, rows] : stores) {
    RnnSeriesInput s;
    s.sku = std::to_string(store);
    s.start = first;
    s.regressors.assign(4, {});
    s.future_regressors.assign(4, {});
    std::vector<double> act;
    for (std::int64_t d = first; d <= last; ++d) {
      auto it = rows.find(d);
      const bool have = it != rows.end();
      const Row r = have ? it->second : Row{nan, 0, 0, 0, 0};
      const double reg[4] = {r.open, r.promo, r.state, r.school};
      if (d <= last - horizon) {
        s.y.push_back(r.sales);
        for (int k = 0; k < 4; ++k) s.regressors[k].push_back(reg[k]);
      } else {
        act.push_back(r.sales);
        for (int k = 0; k < 4; ++k) s.future_regressors[k].push_back(reg[k]);
      }
    }
    train.push_back(s);
    actual.push_back(act);
  }
  RnnConfig c;
  c.cell = RnnCell::kGru;
  c.hidden = 40;
  c.lookback = 56;
  c.horizon = horizon;
  c.frequency = Frequency::kDay;
  c.regressors = {"open", "promo", "state_holiday", "school_holiday"};
  c.epochs = epochs;
  c.batches_per_epoch = 50;
  c.batch = 64;
  c.patience = 6;
  c.threads = threads;
  RnnModel model;
  const auto t0 = std::chrono::steady_clock::now();
  const RnnTrainResult r = model.Train(train, c);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto fc = model.ForecastAll(train, {80.0, 95.0});
  double mase_rnn = 0, mase_snaive = 0, cover80 = 0, cover95 = 0;
  int n = 0, cn = 0;
  for (std::size_t i = 0; i < train.size(); ++i) {
    const auto& y = train[i].y;
    double scale = 0;
    int m = 0;
    for (std::size_t t = season; t < y.size(); ++t) {
      if (std::isnan(y[t]) || std::isnan(y[t - season])) continue;
      scale += std::fabs(y[t] - y[t - season]);
      ++m;
    }
    scale /= m;
    double e_rnn = 0, e_sn = 0;
    int k = 0;
    for (int h = 0; h < horizon; ++h) {
      const double a = actual[i][h];
      if (std::isnan(a)) continue;
      const double sn = y[y.size() - season + h % season];
      const double f = std::max(0.0, fc[i].mean[h]);
      e_rnn += std::fabs(a - f);
      e_sn += std::fabs(a - sn);
      cover80 += a >= fc[i].lo[0][h] && a <= fc[i].hi[0][h];
      cover95 += a >= fc[i].lo[1][h] && a <= fc[i].hi[1][h];
      ++k, ++cn;
    }
    if (k == 0) continue;
    mase_rnn += e_rnn / k / scale;
    mase_snaive += e_sn / k / scale;
    ++n;
  }
  double epoch_secs = 0;
  for (const RnnEpoch& e : r.curve) epoch_secs += e.seconds;
  std::printf("series %d, parameters %zu, epochs run %zu (best %d), training %.1f s\n", n,
              model.parameter_count(), r.curve.size(), r.best_epoch, secs);
  std::printf("seconds_per_epoch %.3f\n", epoch_secs / r.curve.size());
  std::printf("MASE rnn %.3f, seasonal naive %.3f, ratio %.2f; coverage 80%% %.1f%%, 95%% %.1f%%\n",
              mase_rnn / n, mase_snaive / n, mase_rnn / mase_snaive, 100 * cover80 / cn,
              100 * cover95 / cn);
  return 0;
}
EOF

libs="$build/libinvplan_forecast.a $build/libinvplan_common.a"
g++ -O2 -std=c++17 -DNDEBUG -Iinclude -Isrc -I/usr/include/eigen3 "$work/driver.cc" $libs \
  -lspdlog -lfmt -lpthread -o "$work/driver"

echo "== accuracy: Rossmann stores 1..100, last 42 days held out, GRU(40), threads $threads"
"$work/driver" "$data" "$threads" 25 | tee "$work/ours.txt"
ours=$(awk '/seconds_per_epoch/ {print $2}' "$work/ours.txt")

echo "== speed: one epoch (50 batches x 64 windows x 98 steps), same architecture in PyTorch"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "installing python3-torch (Debian) for the comparison..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch >/dev/null
  fi
fi
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "python3-torch is not installed and cannot be installed here; skipping the comparison"
  exit 0
fi
features=$(( 5 + 9 + 4 ))  # base + daily calendar + regressors (see rnn_features.cc)
cat > "$work/torch_epoch.py" <<EOF
import time, torch
torch.manual_seed(0)
torch.set_num_threads($threads)
B, T, L, F, E, H = 64, 98, 56, $features, 4, 40
emb = torch.nn.Embedding(100, E)
gru = torch.nn.GRU(F + E, H)
head = torch.nn.Linear(H, 2)
params = list(emb.parameters()) + list(gru.parameters()) + list(head.parameters())
opt = torch.optim.Adam(params, lr=3e-3)
x = torch.randn(T, B, F)
y = torch.randn(T - L, B)
sku = torch.randint(0, 100, (B,))
def epoch():
    for _ in range(50):
        e = emb(sku).unsqueeze(0).expand(T, B, E)
        out, _ = gru(torch.cat([x, e], 2))
        z = head(out[L:])
        mu, sd = z[..., 0], torch.nn.functional.softplus(z[..., 1]) + 1e-3
        loss = (torch.log(sd) + 0.5 * ((y - mu) / sd) ** 2).mean()
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
epoch()
times = []
for _ in range(3):
    t = time.perf_counter(); epoch(); times.append(time.perf_counter() - t)
print("%.3f" % min(times))
EOF
theirs=$(/usr/bin/python3 "$work/torch_epoch.py")
echo "invplan  seconds per epoch: $ours (includes feature building and validation)"
echo "PyTorch  seconds per epoch: $theirs (torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), float32, threads $threads)"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio PyTorch/invplan: %.2f (>1: invplan faster)\n", b / a }'
