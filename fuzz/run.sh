#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) from its seed corpus (copied, so the
# repository's corpus stays small) with the dictionary; any finding fails.
#   fuzz/run.sh [build-dir] [seconds]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/fuzz}
seconds=${2:-60}
failed=0
for target in dispatch_by_name dispatch_json replay fusion_replay devtools_incoming; do
  work=$(mktemp -d)
  cp "$here/corpus/$target/"* "$work/"
  log="$build/fuzz/$target.log"
  dict="$here/actions.dict"
  if [ "$target" = devtools_incoming ]; then dict="$here/devtools.dict"; fi
  "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -dict="$dict" -print_final_stats=1 \
    -artifact_prefix="$build/fuzz/$target-" "$work" >"$log" 2>&1
  status=$?
  runs=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}')
  echo "fuzz_$target: ${seconds}s, ${runs:-?} executions, exit $status"
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    failed=1
  fi
  rm -rf "$work"
done
exit $failed
