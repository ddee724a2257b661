#!/usr/bin/env python3
"""Throughput table of bench_queue's JSON: the best (fastest) repetition of each
benchmark, items per second, and each one's throughput relative to nanoflux's in its
group (spsc/: one producer, mpsc/: two producers).

  python3 bench/queue_summary.py bench/results/queue.json
"""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    best = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b["run_name"]
        best[name] = max(best.get(name, 0.0), b["items_per_second"])
    for group, reference in (("spsc/", "spsc/nanoflux_single_producer/1/real_time"),
                             ("mpsc/", "mpsc/nanoflux_multi_producer/2/real_time")):
        print(f"| {group[:-1]}: queue | million actions per second (best of the repetitions) | nanoflux / this |")
        print("|---|---:|---:|")
        for name, ips in best.items():
            if name.startswith(group):
                print(f"| {name} | {ips / 1e6:.2f} | {best[reference] / ips:.2f} |")
        print()


if __name__ == "__main__":
    main()
