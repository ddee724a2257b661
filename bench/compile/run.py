#!/usr/bin/env python3
"""Compile cost of nanoflux against hand-written calls (bench/compile/gen.py programs).

For every point (compiler, distribution, M stores, N actions) the nanoflux and the
hand-written program are compiled alternately (-std=c++20 -O0 -c), REPEATS times
each, under /usr/bin/time; the minimum wall time and the minimum peak resident memory
of each are kept (the machine may be shared: the minimum is the least disturbed run).
Writes bench/results/compile.csv and bench/compile_cost.svg (see chart.py).

  bench/compile/run.py [--quick | --focus] [--repeats R] [--compilers g++,clang++]
                       [--cpu] [--dists sparse,exact]
--quick: N in {10, 100, 500}, M in {1, 8} (a few minutes instead of a quarter hour).
--focus: only N=500, M=8 (the goal's point), every distribution, with two more
         programs: hand-written plus the standard headers nanoflux includes ("hwstd"),
         and hand-written plus #include <nanoflux/dispatcher.hpp>, unused ("hwhdr":
         the floor, what any nanoflux program pays before its first dispatch);
         writes bench/results/compile_focus.csv and prints a Markdown table.
--cpu: keep the minimum CPU time (user + system) instead of the wall time: on a machine
       loaded by other work, wall times grow with the load, CPU times much less.
--dists: only these distributions (all, sparse, exact).
Needs python3 and GNU time (/usr/bin/time, Debian package `time`).
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
sys.path.insert(0, here)
import gen  # noqa: E402
import chart  # noqa: E402

FULL_N = [10, 50, 100, 250, 500, 1000]
FULL_M = [1, 8, 32]


CPU_TIME = False


def measure(compiler, source, workdir):
    timing = os.path.join(workdir, "time.txt")
    cmd = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing, compiler, "-std=c++20", "-O0", "-c",
           "-I" + os.path.join(root, "include"), source, "-o", os.path.join(workdir, "out.o")]
    subprocess.run(cmd, check=True)
    with open(timing) as f:
        seconds, kb, user, system = f.read().split()[-4:]
    if CPU_TIME:
        return float(user) + float(system), int(kb)
    return float(seconds), int(kb)


def points(quick, focus=False, dists=gen.DISTRIBUTIONS):
    if focus:
        for dist in dists:
            yield dist, 8, 500
        return
    ns = [10, 100, 500] if quick else FULL_N
    ms = [1, 8] if quick else FULL_M
    for m in ms:
        for dist in (["all"] if m == 1 else gen.DISTRIBUTIONS):
            for n in ns:
                # Every store handling every one of 1000 actions with 32 stores is 32000
                # handlers: minutes per compile. Stop the worst case at 500 actions.
                if dist == "all" and m == 32 and n > 500:
                    continue
                yield dist, m, n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--focus", action="store_true")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--compilers", default="g++,clang++")
    ap.add_argument("--cpu", action="store_true", help="CPU time (user + system) instead of wall time")
    ap.add_argument("--dists", default=",".join(gen.DISTRIBUTIONS), help="focus: the distributions")
    ap.add_argument("--out", default=os.path.join(root, "bench", "results"), help="directory for the CSV")
    ap.add_argument("--svg", default=os.path.join(root, "bench", "compile_cost.svg"), help="the chart")
    args = ap.parse_args()
    global CPU_TIME
    CPU_TIME = args.cpu
    os.makedirs(args.out, exist_ok=True)
    csv_name = ("compile_focus" if args.focus else "compile") + ("_cpu" if args.cpu else "")
    csv_path = os.path.join(args.out, csv_name + ".csv")
    variants = ("hw", "hwstd", "hwhdr", "nf") if args.focus else ("hw", "nf")
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for dist, m, n in points(args.quick, args.focus, args.dists.split(",")):
            sources = {}
            for variant in variants:
                sources[variant] = os.path.join(work, f"{variant}.cpp")
                with open(sources[variant], "w") as f:
                    gen.generate(n, m, dist, variant, f)
            for compiler in args.compilers.split(","):
                best = {v: (float("inf"), float("inf")) for v in sources}
                for _ in range(args.repeats):
                    for variant in variants:  # interleaved
                        s, kb = measure(compiler, sources[variant], work)
                        best[variant] = (min(best[variant][0], s), min(best[variant][1], kb))
                for variant in variants:
                    rows.append({"compiler": compiler, "dist": dist, "stores": m, "actions": n,
                                 "variant": variant, "seconds": best[variant][0],
                                 "peak_mb": round(best[variant][1] / 1024, 1)})
                hw, nf = best["hw"], best["nf"]
                line = (f"{compiler:8} {dist:6} M={m:2} N={n:4}: hw {hw[0]:6.2f} s {hw[1] / 1024:6.0f} MB   "
                        f"nf {nf[0]:6.2f} s {nf[1] / 1024:6.0f} MB   x{nf[0] / hw[0]:.2f} time x{nf[1] / hw[1]:.2f} memory")
                if "hwstd" in best:
                    hs, hh = best["hwstd"], best["hwhdr"]
                    line += (f"   | hwstd {hs[0]:6.2f} s {hs[1] / 1024:6.0f} MB: nf x{nf[0] / hs[0]:.2f} time"
                             f" x{nf[1] / hs[1]:.2f} memory   | floor hwhdr/hw x{hh[0] / hw[0]:.2f} time"
                             f" x{hh[1] / hw[1]:.2f} memory")
                print(line, flush=True)
                with open(csv_path, "w", newline="") as f:  # rewritten after every point
                    w = csv.DictWriter(f, fieldnames=list(rows[0]))
                    w.writeheader()
                    w.writerows(rows)
    if args.focus:
        print("\n| compiler | distribution | hand-written | hand-written + std headers | nanoflux |"
              " time nf/hw | memory nf/hw | time nf/hwstd | memory nf/hwstd | floor: time, memory hwhdr/hw |"
              " time, memory nf/hwhdr (the goal's ratio) |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for i in range(0, len(rows), len(variants)):
            hw, hs, hh, nf = rows[i:i + len(variants)]
            print(f"| {hw['compiler']} | {hw['dist']} | {hw['seconds']:.2f} s, {hw['peak_mb']:.0f} MB"
                  f" | {hs['seconds']:.2f} s, {hs['peak_mb']:.0f} MB | {nf['seconds']:.2f} s, {nf['peak_mb']:.0f} MB"
                  f" | {nf['seconds'] / hw['seconds']:.2f} | {nf['peak_mb'] / hw['peak_mb']:.2f}"
                  f" | {nf['seconds'] / hs['seconds']:.2f} | {nf['peak_mb'] / hs['peak_mb']:.2f}"
                  f" | {hh['seconds'] / hw['seconds']:.2f}, {hh['peak_mb'] / hw['peak_mb']:.2f}"
                  f" | {nf['seconds'] / hh['seconds']:.2f}, {nf['peak_mb'] / hh['peak_mb']:.2f} |")
        print(f"wrote {csv_path}")
        return
    chart.write_svg(rows, args.svg)
    print(f"wrote {csv_path} and {args.svg}")


if __name__ == "__main__":
    main()
