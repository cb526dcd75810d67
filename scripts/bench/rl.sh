# train-rl benchmark: quality of the learned policies against the exact optimum
# (relative value iteration) on Poisson instances, the published optima, and
# training speed against a plain Python tabular Q-learning loop measured in the
# same run. Speeds are per CPU second of the training thread (and of the
# Python process), so the ratio does not depend on how busy the machine is;
# wall-clock rates are printed too.
# Usage: scripts/bench.sh rl
bench_build
BIN=$INVPLAN
[[ -x $PY ]] || PY=python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

field() {  # field FILE EXPR  (python expression on the document d)
  "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

echo "== Quality: learned policy vs exact optimum (Poisson(5), holding 1, lost-sale penalty 9)"
echo "   goal: gap <= 1% (2% for L=2 with a fixed cost); gaps from exact policy evaluation;"
echo "   margin: price 10, unit cost 5, no penalty; seeds 1,2: worst gap with two other seeds;"
echo "   train s = CPU seconds of training, run s = wall time of the whole command"
printf "%-24s %10s %10s %8s %9s %9s %9s %9s %7s\n" instance optimum learned gap "seeds 1,2" base-stock "(s,S)" "train s" "run s"
worst=0
for L in 0 1 2; do
  for K in 0 10; do
    for econ in cost margin; do
      args=(--demand poisson:5 --lead-time $L --fixed-order-cost $K --holding-cost 1)
      if [[ $econ == margin ]]; then
        args+=(--price 10 --unit-cost 5 --lost-sale-penalty 0)
      else
        args+=(--lost-sale-penalty 9)
      fi
      out=$TMP/p_${L}_${K}_$econ.json
      start=$(date +%s.%N)
      "$BIN" train-rl "${args[@]}" -o "$out" -q
      secs=$(echo "$(date +%s.%N) - $start" | bc)
      read -r opt learned gap bs ss train < <(field "$out" "'%.4f %.4f %.3f %.4f %.4f %.2f' % (
        d['evaluation']['optimal']['exact_average_reward'],
        d['evaluation']['learned']['exact_average_reward'] if d['evaluation']['learned'].get('exact_average_reward') is not None else d['evaluation']['learned']['average_reward'],
        100*d['evaluation']['gaps']['to_exact_optimum'],
        d['evaluation']['base_stock']['average_reward'], d['evaluation']['s_S']['average_reward'],
        d['training']['cpu_seconds'])")
      seeds_worst=-100
      for seed in 1 2; do
        "$BIN" train-rl "${args[@]}" --seed $seed --no-search --eval-periods 1000 -o "$out" -q
        g=$(field "$out" "'%.3f' % (100*d['evaluation']['gaps']['to_exact_optimum'])")
        seeds_worst=$(echo "if ($g > $seeds_worst) $g else $seeds_worst" | bc -l)
        worst=$(echo "if ($g > $worst) $g else $worst" | bc -l)
      done
      printf "%-24s %10s %10s %7s%% %8.3f%% %9s %9s %9s %7.2f\n" "L=$L K=$K $econ" "$opt" "$learned" \
        "$gap" "$seeds_worst" "$bs" "$ss" "$train" "$secs"
      key=quality.L${L}_K${K}_$econ
      bench_figure "$key.optimum" "$opt"
      bench_figure "$key.learned" "$learned"
      bench_figure "$key.gap_percent" "$gap"
      bench_figure "$key.seeds_worst_gap_percent" "$seeds_worst"
      bench_figure "$key.base_stock" "$bs"
      bench_figure "$key.s_S" "$ss"
      bench_figure "$key.train_cpu_seconds" "$train"
      bench_figure "$key.run_seconds" "$secs"
      worst=$(echo "if ($gap > $worst) $gap else $worst" | bc -l)
    done
  done
done
printf "   worst gap (all seeds): %.3f%%\n" "$worst"
bench_figure quality.worst_gap_percent "$worst"

echo
echo "== Published optima (average cost per period; exact solver of train-rl)"
printf "%-44s %9s %9s %11s\n" instance published ours base-stock
zipkin() {  # L penalty published [bounds...]
  local L=$1 p=$2 pub=$3; shift 3
  local out=$TMP/z_${L}_$p.json ours bs
  "$BIN" train-rl --demand poisson:5 --lead-time "$L" --lost-sale-penalty "$p" --holding-cost 1 \
    --episodes 1 --steps 1000 --eval-periods 200000 "$@" -o "$out" -q
  ours=$(field "$out" "'%.3f' % -d['evaluation']['optimal']['exact_average_reward']")
  bs=$(field "$out" "'%.3f' % -d['evaluation']['base_stock']['average_reward']")
  printf "%-44s %9s %9s %11s\n" "Zipkin lost sales L=$L p=$p" "$pub" "$ours" "$bs"
  bench_figure "published.zipkin_L${L}_p$p.published" "$pub"
  bench_figure "published.zipkin_L${L}_p$p.ours" "$ours"
  bench_figure "published.zipkin_L${L}_p$p.base_stock" "$bs"
}
zipkin 2 4 4.40
zipkin 2 19 7.66
zipkin 4 4 4.73 --max-inventory 30 --max-order 12
zipkin 4 19 8.89 --max-inventory 36 --max-order 13
out=$TMP/zf.json
"$BIN" train-rl --demand poisson:6 --unmet backorder --lost-sale-penalty 4 --holding-cost 1 \
  --fixed-order-cost 5 --max-inventory 30 --max-order 30 --episodes 1 --steps 1000 -o "$out" -q
zf=$(field "$out" "'%.3f' % -d['evaluation']['optimal']['exact_average_reward']")
printf "%-44s %9s %9s %11s\n" "Zheng-Federgruen backorder (s,S)" "8.034" "$zf" \
  "$(field "$out" "'(s,S)=(%d,%d)' % (d['evaluation']['s_S']['s'], d['evaluation']['s_S']['S'])")"
bench_figure published.zheng_federgruen.published 8.034
bench_figure published.zheng_federgruen.ours "$zf"

echo
echo "== Speed: environment periods per second while training (one thread)"
cat > "$TMP/qlearn.py" <<'PYEOF'
# Plain Python tabular Q-learning on the same environment (lost sales, L=0,
# Poisson(5)): the loop a notebook would run.
import math, random, sys, time
random.seed(1)
lam, M, A, gamma, h, p = 5.0, 15, 16, 0.95, 1.0, 9.0
Q = [[0.0] * A for _ in range(M + 1)]
n = [0] * (M + 1)
def poisson():
    L, k, prod = math.exp(-lam), 0, random.random()
    while prod > L:
        k += 1
        prod *= random.random()
    return k
steps = int(sys.argv[1])
s, eps = 0, 1.0
t0, c0 = time.time(), time.process_time()
for t in range(steps):
    eps = max(0.01, 1.0 - t / (0.8 * steps))
    if random.random() < eps:
        a = random.randrange(A)
    else:
        row = Q[s]
        a = max(range(A), key=row.__getitem__)
    avail = min(s + a, M)
    d = poisson()
    sales = min(avail, d)
    end = avail - sales
    r = -h * end - p * (d - sales)
    n[s] += 1
    alpha = max(0.001, (1 + n[s]) ** -0.6)
    Q[s][a] += alpha * (r + gamma * max(Q[end]) - Q[s][a])
    s = end
print(steps / (time.time() - t0), steps / (time.process_time() - c0))
PYEOF
echo "   (per CPU second; the Python loop runs before and after, its mean is the reference)"
read -r py_wall1 py_cpu1 < <("$PY" "$TMP/qlearn.py" 300000)
speed_lines=()
for mode in sampled all-actions; do
  for L in 0 2; do
    out=$TMP/speed_${mode}_$L.json
    "$BIN" train-rl --demand poisson:5 --lead-time $L --lost-sale-penalty 9 --update $mode \
      --episodes 200 --steps 100000 --max-exact-states 0 --no-search --eval-periods 1000 \
      --threads 1 -o "$out" -q
    speed_lines+=("$mode $L $(field "$out" "'%.0f %.0f %.0f' % (d['training']['periods_per_cpu_second'], d['training']['periods_per_second'], d['training']['q_updates'] / d['training']['cpu_seconds'])")")
  done
done
read -r py_wall2 py_cpu2 < <("$PY" "$TMP/qlearn.py" 300000)
py_cpu=$(echo "($py_cpu1 + $py_cpu2) / 2" | bc -l)
py_wall=$(echo "($py_wall1 + $py_wall2) / 2" | bc -l)
printf "%-36s %12.0f periods/s (wall: %.0f/s)\n" "Python loop (reference)" "$py_cpu" "$py_wall"
bench_figure speed.python.periods_per_cpu_second "$py_cpu"
bench_figure speed.python.periods_per_second "$py_wall"
for line in "${speed_lines[@]}"; do
  read -r mode L cpu wall upd <<<"$line"
  printf "%-36s %12.0f periods/s %5.0fx Python (wall: %.0f/s, %.0fx; %.0f M Q-updates/s)\n" \
    "invplan --update $mode, L=$L" "$cpu" "$(echo "$cpu / $py_cpu" | bc -l)" "$wall" \
    "$(echo "$wall / $py_wall" | bc -l)" "$(echo "$upd / 1000000" | bc -l)"
  key=speed.invplan_${mode}_L$L
  bench_figure "$key.periods_per_cpu_second" "$cpu"
  bench_figure "$key.periods_per_second" "$wall"
  bench_figure "$key.ratio_to_python_cpu" "$(echo "$cpu / $py_cpu" | bc -l)"
  bench_figure "$key.ratio_to_python_wall" "$(echo "$wall / $py_wall" | bc -l)"
  bench_figure "$key.q_updates_per_cpu_second" "$upd"
done
echo "(load average now: $(cut -d' ' -f1-3 /proc/loadavg); one thread each)"
