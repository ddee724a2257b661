#!/usr/bin/env bash
# Instruction counts (valgrind callgrind) of typed state, bench/callgrind/state.cpp:
# nanoflux's state_store against the code written by hand, per scenario. Counts only
# the scenario's entry function (--toggle-collect=count_<scenario>_<variant>).
#   bench/callgrind/state.sh [compiler...]     (default: g++ clang++)
# Needs valgrind. Prints Markdown tables; writes bench/results/callgrind_state.csv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${NANOFLUX_BENCH_OUT:-$root/bench/results}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
compilers=("$@")
[ ${#compilers[@]} -gt 0 ] || compilers=(g++ clang++)
ops=20000
csv=$out/callgrind_state.csv
echo "compiler,opt,scenario,items,variant,ir,ir_per_op" >"$csv"

count() {  # count <binary> <scenario> <variant> [items]
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect="count_$2_$3" \
    "$1" "$2" "$3" "$ops" ${4:-} 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_op() { awk -v a="$1" -v n=$ops 'BEGIN{printf "%.1f", a/n}'; }

echo "| compiler | opt | scenario | hand-written (instr/op) | nanoflux (instr/op) | nanoflux / hand-written |"
echo "|---|---|---|---:|---:|---:|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || { echo "skipping $cxx: not found" >&2; continue; }
  for opt in O2 Og; do
    bin=$work/state_$opt
    "$cxx" -std=c++20 "-$opt" -DNDEBUG -I"$root/include" -o "$bin" "$here/state.cpp"
    for s in todo ints effects consistent selectors; do
      # Both variants must end with the same result.
      [ "$("$bin" $s hw 2000)" = "$("$bin" $s nf 2000)" ] || { echo "$s: the variants differ" >&2; exit 1; }
      h=$(count "$bin" $s hw)
      n=$(count "$bin" $s nf)
      echo "$cxx,$opt,$s,,hw,$h,$(per_op "$h")" >>"$csv"
      echo "$cxx,$opt,$s,,nf,$n,$(per_op "$n")" >>"$csv"
      awk -v c="$cxx" -v o="-$opt" -v s="$s" -v h="$h" -v n="$n" -v ops=$ops \
        'BEGIN { printf "| %s | %s | %s | %.1f | %.1f | %.3f |\n", c, o, s, h/ops, n/ops, n/h }'
    done
  done
done
echo
echo "($ops updates per scenario; CSV: $csv)"

# History: instructions per recorded step and per undo/redo, against the size of the
# model's shared slice; and the same update through a Fusion actor.
echo
echo "| compiler | items in the shared slice | update without history | update recorded in history<64> | undo or redo | Fusion actor call, same update |"
echo "|---|---:|---:|---:|---:|---:|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || continue
  bin=$work/state_O2
  "$cxx" -std=c++20 -O2 -DNDEBUG -I"$root/include" -o "$bin" "$here/state.cpp"
  for items in 1000 10000 100000; do
    plain=$(count "$bin" history hw $items)
    step=$(count "$bin" history nf $items)
    undo=$(count "$bin" undo nf $items)
    fus=$(count "$bin" fusion nf $items)
    for v in plain:$plain step:$step undo:$undo fusion:$fus; do
      echo "$cxx,O2,history,$items,${v%%:*},${v#*:},$(per_op "${v#*:}")" >>"$csv"
    done
    echo "| $cxx | $items | $(per_op "$plain") | $(per_op "$step") | $(per_op "$undo") | $(per_op "$fus") |"
  done
done
echo
echo "(instructions per operation, -O2; each row's model holds the items in a fusion::shared<std::vector<int>>)"
