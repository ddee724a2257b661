#!/usr/bin/env python3
"""Compile cost of an action_queue over N actions, next to the dispatcher alone.

Two programs over the same N actions and M stores (bench/compile/gen.py's stores, with
the given distribution):
  dispatcher:  fire_i(d, v) dispatches a_i{v} on a nanoflux dispatcher (gen.py's "nf")
  queue:       fire_i(q, v) posts a_i{v} to a nanoflux::action_queue over all N actions,
               and run() drains the queue into the dispatcher once: the drain's table
               has N entries, each dispatching one action type
Each is compiled (-std=c++20 -O0 -c) REPEATS times, alternately, under /usr/bin/time;
the minimum wall time and the minimum peak resident memory are kept.

  bench/compile/queue_cost.py [--n 500] [--m 8] [--dist exact] [--repeats 5] [--compilers g++,clang++]
Prints a Markdown table; writes bench/results/compile_queue.csv.
"""
import argparse
import csv
import io
import os
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
sys.path.insert(0, here)
import gen  # noqa: E402
from run import measure  # noqa: E402


def queue_program(n, m, dist):
    text = io.StringIO()
    gen.generate(n, m, dist, "nf", text)
    src = text.getvalue()
    # The same actions and stores; the fire functions post, run() drains once.
    head, _, _ = src.partition("using dispatcher_t")
    out = io.StringIO()
    w = out.write
    w(head.replace("#include <nanoflux/dispatcher.hpp>\n",
                   "#include <nanoflux/dispatcher.hpp>\n#include <nanoflux/queue.hpp>\n"))
    args = ", ".join(f"store{j}" for j in range(m))
    acts = ", ".join(f"a{i}" for i in range(n))
    w(f"using dispatcher_t = nanoflux::dispatcher<{args}>;\n")
    w(f"using queue_t = nanoflux::action_queue<nanoflux::actions<{acts}>, 64>;\n\n")
    for i in range(n):
        w(f"void fire{i}(queue_t& q, int v) {{ q.post(a{i}{{v}}); }}\n")
    w("\nlong run(stores& s, int v) {\n")
    refs = ", ".join(f"s.s{j}" for j in range(m))
    w(f"  dispatcher_t d{{{refs}}};\n  static queue_t q;\n")
    for i in range(n):
        w(f"  fire{i}(q, v);\n")
    w("  q.drain(d);\n")
    total = " + ".join(f"s.s{j}.x" for j in range(m))
    w(f"  return {total};\n}}\n\n")
    w("int main(int argc, char**) {\n  stores s;\n  return static_cast<int>(run(s, argc) & 1);\n}\n")
    return src, out.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--m", type=int, default=8)
    ap.add_argument("--dist", default="exact", choices=gen.DISTRIBUTIONS)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--compilers", default="g++,clang++")
    ap.add_argument("--out", default=os.path.join(root, "bench", "results"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        dispatcher_src, queue_src = queue_program(args.n, args.m, args.dist)
        sources = {"dispatcher": os.path.join(work, "dispatcher.cpp"), "queue": os.path.join(work, "queue.cpp")}
        with open(sources["dispatcher"], "w") as f:
            f.write(dispatcher_src)
        with open(sources["queue"], "w") as f:
            f.write(queue_src)
        print(f"| compiler | dispatcher alone: s | MB | dispatcher + queue over {args.n} actions: s | MB | time ratio | memory ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for compiler in args.compilers.split(","):
            best = {}
            for _ in range(args.repeats):
                for variant, source in sources.items():
                    seconds, kb = measure(compiler, source, work)
                    t, mem = best.get(variant, (seconds, kb))
                    best[variant] = (min(t, seconds), min(mem, kb))
            (dt, dm), (qt, qm) = best["dispatcher"], best["queue"]
            rows.append([compiler, args.n, args.m, args.dist, dt, dm, qt, qm])
            print(f"| {compiler} | {dt:.2f} | {dm / 1024:.0f} | {qt:.2f} | {qm / 1024:.0f} | {qt / dt:.2f} | {qm / dm:.2f} |")
    with open(os.path.join(args.out, "compile_queue.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["compiler", "n", "m", "dist", "dispatcher_s", "dispatcher_kb", "queue_s", "queue_kb"])
        writer.writerows(rows)
    print(f"\n(N={args.n} actions, M={args.m} stores, {args.dist}; -O0 -c; min of {args.repeats}; "
          f"CSV: {args.out}/compile_queue.csv)")


if __name__ == "__main__":
    main()
