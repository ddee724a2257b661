#!/usr/bin/env python3
"""Prints the run-time tables of bench/README.md from one Google Benchmark JSON run
(bench/results/dispatch.json) and, if given, the JavaScript peer's results.

  bench/summarize.py bench/results/dispatch.json [bench/results/js.json]
"""
import json
import sys


def ns_per_item(b):
    # items_per_second is counted over the measured (CPU) time of the run.
    return 1e9 / b["items_per_second"]


def main():
    with open(sys.argv[1]) as f:
        run = json.load(f)
    ctx = run["context"]
    # With --benchmark_repetitions, keep each benchmark's fastest repetition.
    benches = {}
    for b in run["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        if name not in benches or b["items_per_second"] > benches[name]["items_per_second"]:
            benches[name] = b
    print(f"Machine: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz, "
          f"load average {', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}; {ctx.get('date')}\n")

    dispatch = [n for n in benches if not n.startswith(("bm_notify", "bm_js"))]
    base = benches.get("bm_direct")
    if base:
        print("| approach | ns per action | time / hand-written | time / hand-written + guard |")
        print("|---|---:|---:|---:|")
        guard = benches.get("bm_direct_guarded", base)
        for n in dispatch:
            t = ns_per_item(benches[n])
            print(f"| {n} | {t:.2f} | {t / ns_per_item(base):.2f} | {t / ns_per_item(guard):.2f} |")
        print()

    notify = [n for n in benches if n.startswith("bm_notify_nanoflux")]
    if notify:
        print("| dispatch + notify | nanoflux ns per action | hand-written {ctx, fn} ns per action |"
              " hand-written + busy flag ns per action | nanoflux throughput / hand-written |"
              " nanoflux throughput / hand-written + flag |")
        print("|---|---:|---:|---:|---:|---:|")
        for nf in notify:
            hw = nf.replace("bm_notify_nanoflux", "bm_notify_hand_written")
            hg = nf.replace("bm_notify_nanoflux", "bm_notify_hand_written_guarded")
            if hw in benches and hg in benches:
                a, b, c = ns_per_item(benches[nf]), ns_per_item(benches[hw]), ns_per_item(benches[hg])
                print(f"| {nf.split('/', 1)[-1]} subscriber(s) | {a:.2f} | {b:.2f} | {c:.2f} | {b / a:.2f} | {c / a:.2f} |")
        print()

    if len(sys.argv) > 2 and "bm_js_scenario" in benches:
        cpp = {n: benches[n]["items_per_second"] for n in ("bm_js_scenario", "bm_js_scenario_strings")
               if n in benches}
        print("| JS perf scenario (op = 2 actions, each dispatch -> store -> notify -> 1 subscriber) |"
              " ops per second | ns per op | " + " | ".join(f"{n} is x faster" for n in cpp) + " |")
        print("|---|---:|---:|" + "---:|" * len(cpp))
        for n, ops in cpp.items():
            print(f"| nanoflux C++ ({n}) | {ops:,.0f} | {1e9 / ops:.1f} |" + " |" * len(cpp))
        with open(sys.argv[2]) as f:
            for line in f:
                r = json.loads(line)
                print(f"| nanoflux {r['nanoflux']} on node {r['node']}: {r['name']} | {r['opsPerSecond']:,.0f}"
                      f" | {r['nsPerOp']:.1f} | " + " | ".join(f"{ops / r['opsPerSecond']:.1f}" for ops in cpp.values())
                      + " |")


if __name__ == "__main__":
    main()
