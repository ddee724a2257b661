#!/usr/bin/env bash
# Instruction counts (valgrind callgrind) of bench/callgrind/program.cpp: nanoflux vs
# hand-written, at -O2, -Og and -O0. Counts only run_sequence() (--toggle-collect), the
# loop that dispatches the random sequence, so set-up and printing are not counted.
#   bench/callgrind/run.sh [compiler...]     (default: g++ clang++)
#   NANOFLUX_CALLGRIND_ONLY=queue bench/callgrind/run.sh ...   only the queue's table
#   (also: dispatch, notify; a comma-separated list)
# Needs valgrind. Prints a Markdown table; writes bench/results/callgrind.csv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${NANOFLUX_BENCH_OUT:-$root/bench/results}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
compilers=("$@")
[ ${#compilers[@]} -gt 0 ] || compilers=(g++ clang++)
ops=100000
only=,${NANOFLUX_CALLGRIND_ONLY:-dispatch,notify,queue},
part() { [[ $only == *,$1,* ]]; }  # part <name>: whether to run that table

csv=$out/callgrind.csv
if part dispatch; then
echo "compiler,opt,variant,ir,ir_per_dispatch" >"$csv"

count() {  # count <binary>: Ir of run_sequence
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect='*run_sequence*' \
    "$1" 7 "$ops" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "| compiler | opt | hand-written raw | hand-written + guard | nanoflux | nanoflux + middleware | nanoflux / hw+guard | nanoflux+mw / hw+guard | nanoflux / raw |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || { echo "skipping $cxx: not found" >&2; continue; }
  for opt in O2 Og O0; do
    declare -A ir=()
    for v in HW_RAW HW_GUARD NF NF_MW; do
      "$cxx" -std=c++20 "-$opt" -DVARIANT_$v -I"$root/include" -o "$work/p_$v" "$here/program.cpp"
      ir[$v]=$(count "$work/p_$v")
      echo "$cxx,$opt,$v,${ir[$v]},$(awk -v a="${ir[$v]}" -v n=$ops 'BEGIN{printf "%.2f", a/n}')" >>"$csv"
    done
    # Every variant must compute the same result.
    for v in HW_GUARD NF NF_MW; do
      "$work/p_$v" 7 1000 | cmp -s - <("$work/p_HW_RAW" 7 1000) || { echo "$v prints a different result" >&2; exit 1; }
    done
    awk -v c="$cxx" -v o="-$opt" -v r="${ir[HW_RAW]}" -v g="${ir[HW_GUARD]}" -v n="${ir[NF]}" -v m="${ir[NF_MW]}" \
      'BEGIN { printf "| %s | %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n", c, o, r, g, n, m, n/g, m/g, n/r }'
  done
done
echo
echo "($ops dispatches of 4 action types to 4 stores, 2.5 handlers per action on average; CSV: $csv)"
fi

# Dispatch and notify (notify.cpp), -O2: instructions per action with 1 and 10 subscribers;
# the default store, the fixed_subscribers store, and both through with_consistent_views().
if part notify; then
ncsv=$out/callgrind_notify.csv
variants=(HW HW_GUARD NF NF_FIXED NF_CONSISTENT NF_FIXED_CONSISTENT)
echo "compiler,subscribers,variant,ir,ir_per_action" >"$ncsv"
echo
echo "| compiler | subscribers | hand-written {ctx, fn} list | hand-written + busy flag | nanoflux | nanoflux / hand-written | nanoflux / hw + flag | fixed_subscribers | fixed / hand-written | consistent views | fixed + consistent views |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || continue
  for v in "${variants[@]}"; do
    "$cxx" -std=c++20 -O2 -DVARIANT_$v -I"$root/include" -o "$work/n_$v" "$here/notify.cpp"
  done
  for subs in 1 10; do
    declare -A nir=()
    for v in "${variants[@]}"; do
      nir[$v]=$(valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect='*run_sequence*' \
        "$work/n_$v" 7 "$ops" "$subs" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
      echo "$cxx,$subs,$v,${nir[$v]},$(awk -v a="${nir[$v]}" -v n=$ops 'BEGIN{printf "%.2f", a/n}')" >>"$ncsv"
    done
    for v in "${variants[@]}"; do
      "$work/n_$v" 7 1000 "$subs" | cmp -s - <("$work/n_HW" 7 1000 "$subs") || { echo "notify $v prints a different result" >&2; exit 1; }
    done
    awk -v c="$cxx" -v s="$subs" -v h="${nir[HW]}" -v g="${nir[HW_GUARD]}" -v n="${nir[NF]}" -v f="${nir[NF_FIXED]}" \
        -v k="${nir[NF_CONSISTENT]}" -v fk="${nir[NF_FIXED_CONSISTENT]}" -v ops=$ops \
      'BEGIN { printf "| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.1f | %.2f | %.1f | %.1f |\n", c, s, h/ops, g/ops, n/ops, n/h, n/g, f/ops, f/h, k/ops, fk/ops }'
  done
done
echo
echo "(instructions per action, $ops inc/dec actions each notifying every subscriber; CSV: $ncsv)"
fi

# Queued dispatch (queue.cpp), -O2: instructions per post + drain against a hand-written
# ring of a tagged union drained by a switch (single producer), and a hand-written
# multi-producer ring (Vyukov's, CAS on the enqueue position) with the same switch;
# nanoflux with and without the consumer's wait() support (NANOFLUX_QUEUE_WAIT=0: what
# bare-metal builds get).
part queue || exit 0
qcsv=$out/callgrind_queue.csv
limit_line=
echo "compiler,variant,ir,ir_per_action" >"$qcsv"
echo
echo "| compiler | hand-written ring + switch | nanoflux single_producer | same, no wait() | spsc / hw | spsc no-wait / hw | hand-written MPSC ring + switch | nanoflux multi_producer | same, no wait() | mpsc / hw mpsc | mpsc no-wait / hw mpsc | mpsc / hw (spsc) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for cxx in "${compilers[@]}"; do
  command -v "$cxx" >/dev/null || continue
  declare -A qir=()
  for v in HW_RING HW_RING_LIMIT NF_SPSC NF_SPSC_NOWAIT HW_MPSC NF_MPSC NF_MPSC_NOWAIT; do
    flags="-DVARIANT_${v%_NOWAIT}"
    [[ $v == *_NOWAIT ]] && flags="$flags -DNANOFLUX_QUEUE_WAIT=0"
    [[ $v == HW_RING_LIMIT ]] && flags="-DVARIANT_HW_RING -DHW_RING_LIMIT"
    # shellcheck disable=SC2086
    "$cxx" -std=c++20 -O2 $flags -I"$root/include" -o "$work/q_$v" "$here/queue.cpp"
    qir[$v]=$(valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect='*run_sequence*' \
      "$work/q_$v" 7 "$ops" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "$cxx,$v,${qir[$v]},$(awk -v a="${qir[$v]}" -v n=$ops 'BEGIN{printf "%.2f", a/n}')" >>"$qcsv"
    "$work/q_$v" 7 1000 | cmp -s - <("$work/q_HW_RING" 7 1000) || { echo "queue $v prints a different result" >&2; exit 1; }
  done
  awk -v c="$cxx" -v h="${qir[HW_RING]}" -v s="${qir[NF_SPSC]}" -v sn="${qir[NF_SPSC_NOWAIT]}" \
      -v hm="${qir[HW_MPSC]}" -v m="${qir[NF_MPSC]}" -v mn="${qir[NF_MPSC_NOWAIT]}" -v ops=$ops \
    'BEGIN { printf "| %s | %.1f | %.1f | %.1f | %.3f | %.3f | %.1f | %.1f | %.1f | %.3f | %.3f | %.3f |\n", c, h/ops, s/ops, sn/ops, s/h, sn/h, hm/ops, m/ops, mn/ops, m/hm, mn/hm, m/h }'
  limit_line+=$(awk -v c="$cxx" -v l="${qir[HW_RING_LIMIT]}" -v s="${qir[NF_SPSC]}" -v sn="${qir[NF_SPSC_NOWAIT]}" -v ops=$ops \
    'BEGIN { printf "%s %.1f (single_producer / it %.3f, no wait() %.3f), ", c, l/ops, s/l, sn/l }')
done
echo
echo "(the hand-written single-producer ring reading head only when it looks full, as nanoflux's does: ${limit_line%, })"
echo
echo "(instructions per action: $ops actions of 4 types posted in batches of 16, each batch drained into 4 stores; CSV: $qcsv)"
