#!/usr/bin/env python3
"""Instructions the compiler runs for one compile of gen.py's program: nanoflux and the
floor (hand-written + the header unused), counted by valgrind (callgrind) on the
compiler proper (clang -cc1, g++'s cc1plus). Unlike times on a shared machine, the
counts repeat to the instruction, so a change of a few percent in the headers shows.

  bench/compile/instructions.py [--actions 200] [--stores 8] [--dists exact,sparse]
                                [--compilers clang++] [--include DIR] [--keep DIR]

--include: the nanoflux headers to measure (default: this tree's include/), so that
two versions can be compared; --keep: also write the callgrind profiles there (read
them with callgrind_annotate --inclusive=yes). Takes about 30 s per compile at 200
actions (valgrind runs the compiler 50x slower). Needs valgrind and python3.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def compiler_proper(compiler, source, include, out):
    """The command line of the compiler proper (what the driver would run)."""
    driver = subprocess.run([compiler, "-###", "-std=c++20", "-O0", "-c", "-I" + include, source, "-o", out],
                            capture_output=True, text=True, check=True)
    for line in reversed(driver.stderr.splitlines()):
        if '"-cc1"' in line or "cc1plus" in line:
            return shlex.split(line)
    raise RuntimeError(f"no compiler proper in: {driver.stderr}")


def instructions(compiler, source, include, work, keep=None, name=""):
    profile = os.path.join(keep or work, f"callgrind.{name}.out")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}"]
    cmd += compiler_proper(compiler, source, include, os.path.join(work, "out.o"))
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        raise RuntimeError(run.stderr[-2000:])
    return int(found.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actions", type=int, default=200)
    ap.add_argument("--stores", type=int, default=8)
    ap.add_argument("--dists", default="exact,sparse")
    ap.add_argument("--compilers", default="clang++")
    ap.add_argument("--include", default=os.path.join(root, "include"))
    ap.add_argument("--keep", default=None)
    args = ap.parse_args()
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    print("| compiler | distribution | floor (hwhdr) | nanoflux | nanoflux - floor | nanoflux / floor |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for dist in args.dists.split(","):
            counts = {}
            for compiler in args.compilers.split(","):
                for variant in ("hwhdr", "nf"):
                    source = os.path.join(work, f"{dist}_{variant}.cpp")
                    with open(source, "w") as f:
                        gen.generate(args.actions, args.stores, dist, variant, f)
                    counts[variant] = instructions(compiler, source, os.path.abspath(args.include), work, args.keep,
                                                   f"{compiler}.{dist}.{variant}")
                floor, nf = counts["hwhdr"], counts["nf"]
                print(f"| {compiler} | {dist} | {floor / 1e6:.1f}M | {nf / 1e6:.1f}M | {(nf - floor) / 1e6:.1f}M"
                      f" | {nf / floor:.3f} |", flush=True)


if __name__ == "__main__":
    main()
