#!/usr/bin/env bash
# Reproduces every figure of bench/README.md, on Debian 12, as root or with sudo:
#   bench/run.sh            everything (about 35 minutes on 2 cores)
#   bench/run.sh --quick    a smaller compile-cost grid (about 10 minutes)
# Installs what is missing (Google Benchmark, libsigc++, valgrind, GNU time, python3,
# node and npm), then writes bench/results/ (JSON, CSV) and bench/compile_cost.svg
# (or NANOFLUX_BENCH_OUT=dir and dir/../compile_cost.svg):
#   1. run time          build/bench (Release, -O2): bench_dispatch -> results/dispatch.json
#                        and with clang (build/bench-clang)     -> results/dispatch_clang.json
#   2. instructions      bench/callgrind/run.sh      -> results/callgrind.csv, callgrind_notify.csv
#                        bench/callgrind/state.sh    -> results/callgrind_state.csv (typed state)
#   3. compile cost      bench/compile/run.py        -> results/compile*.csv, compile_cost.svg
#   4. JavaScript peer   bench/js/run.sh             -> results/js.json
#   5. bench_names (dispatch by name), bench_fusion     -> results/names.json, fusion.json
#   6. bench_queue (queued dispatch across threads)     -> results/queue.json
#      bench/compile/queue_cost.py (a queue over 500 actions) -> results/compile_queue.csv
#      (the queue's instruction counts are part of step 2: results/callgrind_queue.csv)
# and prints the tables. The machine may be shared: compare ratios within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"

# Libraries: by Debian package. Tools: by command (node, npm or python3 may come from
# elsewhere, e.g. NodeSource's nodejs, which provides npm itself).
libraries=(libboost1.81-dev libbenchmark-dev libsigc++-3.0-dev)
tools=(g++:g++ clang++:clang cmake:cmake make:make pkg-config:pkg-config valgrind:valgrind
       /usr/bin/time:time python3:python3 objdump:binutils node:nodejs npm:npm)
missing=()
for p in "${libraries[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for t in "${tools[@]}"; do
  command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# NANOFLUX_BENCH_OUT=dir writes the results there (and the chart next to it) instead.
out=${NANOFLUX_BENCH_OUT:-bench/results}
svg=$(dirname "$out")/compile_cost.svg
mkdir -p "$out"
export NANOFLUX_BENCH_OUT=$out
jobs=${NANOFLUX_JOBS:-$(nproc)}

echo "== machine"
{ uname -srm; grep -m1 "model name" /proc/cpuinfo; nproc; uptime; g++ --version | head -1;
  clang++ --version | head -1; node --version; } | tee "$out/machine.txt"

echo "== 1. run time (Google Benchmark)"
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
  -DNANOFLUX_BUILD_TESTS=OFF -DNANOFLUX_BUILD_EXAMPLES=OFF -DNANOFLUX_BUILD_BENCH=ON >/dev/null
cmake --build build/bench --target bench_dispatch -j "$jobs"
build/bench/bench/bench_dispatch --benchmark_repetitions=3 --benchmark_report_aggregates_only=false \
  --benchmark_out="$out/dispatch.json" --benchmark_out_format=json

echo "== 1b. run time with clang: dispatch, and dispatch and notify"
cmake -S . -B build/bench-clang -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DNANOFLUX_BUILD_TESTS=OFF -DNANOFLUX_BUILD_EXAMPLES=OFF -DNANOFLUX_BUILD_BENCH=ON >/dev/null
cmake --build build/bench-clang --target bench_dispatch -j "$jobs"
build/bench-clang/bench/bench_dispatch --benchmark_filter='^bm_(direct|nanoflux|notify)' --benchmark_repetitions=5 \
  --benchmark_out="$out/dispatch_clang.json" --benchmark_out_format=json

echo "== 4. JavaScript peer (npm nanoflux@1.1.1 on node)"
bench/js/run.sh --json | tee "$out/js.json"

echo "== 2. instruction counts (callgrind)"
bench/callgrind/run.sh g++ clang++
bench/callgrind/state.sh g++ clang++

echo "== 3. compile cost"
python3 bench/compile/run.py $quick --out "$out" --svg "$svg"
python3 bench/compile/run.py --focus --out "$out"

echo "== 5. the other layers' benchmarks (name layer, Fusion)"
for b in names fusion; do
  if cmake --build build/bench --target "bench_$b" -j "$jobs"; then
    "build/bench/bench/bench_$b" --benchmark_out="$out/$b.json" --benchmark_out_format=json
  else
    echo "bench: bench_$b did not build; skipped" >&2
  fi
done

echo "== 6. queued dispatch: throughput across threads, compile cost of a queue over 500 actions"
cmake --build build/bench --target bench_queue -j "$jobs"
build/bench/bench/bench_queue --benchmark_repetitions=5 --benchmark_out="$out/queue.json" --benchmark_out_format=json
python3 bench/queue_summary.py "$out/queue.json"
python3 bench/compile/queue_cost.py --out "$out"

echo "== run-time tables (g++)"
python3 bench/summarize.py "$out/dispatch.json" "$out/js.json"
echo "== run-time tables (clang)"
python3 bench/summarize.py "$out/dispatch_clang.json"
