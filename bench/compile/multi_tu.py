#!/usr/bin/env python3
"""Compile cost of a program split over many translation units: what
nanoflux::dispatcher_ref does for a large codebase.

The program: N action types, M stores (each action handled by 1 or 2 stores, gen.py's
"sparse"), and one action creator per action, fire_i(d, v), spread over T translation
units of N/T creators each, plus main.cpp, which owns the stores and calls every
creator. Three ways to write it:

  hw     hand-written: a creator calls the stores that handle the action,
         s.store_j.on(a); its unit includes actions.hpp and stores.hpp.
  tmpl   today's templates: a creator takes the dispatcher (its type names every
         store) and calls d.dispatch(a); its unit includes actions.hpp, stores.hpp and
         <nanoflux/dispatcher.hpp>, and instantiates the dispatch of its actions.
  ref    dispatcher_ref: a creator takes nanoflux::dispatcher_ref<actions<...>>; its
         unit includes actions.hpp and <nanoflux/dispatcher_ref.hpp> only (no store, no
         dispatcher); main.cpp makes the reference from the dispatcher, which
         instantiates the dispatch of every action once, there.

Each unit is compiled alone (-std=c++20 -O0 -c), REPEATS times, interleaved across the
three ways; the minimum CPU time (user + system, less disturbed by a loaded machine
than wall time) of each unit is kept. Printed per way and compiler: the full build
(the sum over units), the longest unit (a parallel build's floor), the rebuild after a
change to a store (every unit that includes stores.hpp), and the rebuild after a change
to one creator unit. The program is also linked and run once per way (the three must
compute the same value).

  bench/compile/multi_tu.py [--actions N] [--stores M] [--units T] [--repeats R]
                            [--compilers g++,clang++]
"""
import argparse
import os
import resource  # noqa: F401  (os.wait4 reports rusage)
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
sys.path.insert(0, here)
import gen  # noqa: E402

WAYS = ("hw", "tmpl", "ref")


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def generate(n, m, t, way, d):
    """Writes the program's files in directory d; returns the list of units."""
    h = gen.handlers(n, m, "sparse")
    acts = "".join(f"struct a{i} {{ int v; }};\n" for i in range(n))
    names = ", ".join(f"a{i}" for i in range(n))
    write(os.path.join(d, "actions.hpp"),
          "#pragma once\n#include <nanoflux/fwd.hpp>\n" + acts +
          f"using all_actions = nanoflux::actions<{names}>;\n")
    by_store = [[] for _ in range(m)]
    for i, stores in enumerate(h):
        for j in stores:
            by_store[j].append(i)
    stores_hpp = ["#pragma once\n#include \"actions.hpp\"\n"]
    for j in range(m):
        stores_hpp.append(f"struct store{j} {{\n  long x = 0;\n")
        stores_hpp += [f"  void on(a{i} const& a) {{ x += a.v * {i % 7 + 1}; }}\n" for i in by_store[j]]
        stores_hpp.append("};\n")
    stores_hpp.append("struct stores {\n" + "".join(f"  store{j} s{j};\n" for j in range(m)) + "};\n")
    write(os.path.join(d, "stores.hpp"), "".join(stores_hpp))
    store_list = ", ".join(f"store{j}" for j in range(m))
    if way == "hw":
        param, head = "stores& s", "#include \"stores.hpp\"\n"
    elif way == "tmpl":
        param = "dispatcher_t& d"
        head = ("#include \"stores.hpp\"\n#include <nanoflux/dispatcher.hpp>\n"
                f"using dispatcher_t = nanoflux::dispatcher<{store_list}>;\n")
    else:
        param = "dispatcher_t d"
        head = ("#include \"actions.hpp\"\n#include <nanoflux/dispatcher_ref.hpp>\n"
                "using dispatcher_t = nanoflux::dispatcher_ref<all_actions>;\n")
    write(os.path.join(d, "creators.hpp"), "#pragma once\n" + head +
          "".join(f"void fire{i}({param}, int v);\n" for i in range(n)))
    units = []
    per = (n + t - 1) // t
    for u in range(t):
        body = []
        for i in range(u * per, min(n, (u + 1) * per)):
            if way == "hw":
                calls = " ".join(f"s.s{j}.on(a);" for j in h[i])
                body.append(f"void fire{i}(stores& s, int v) {{ a{i} const a{{v}}; {calls} }}\n")
            else:
                body.append(f"void fire{i}({param}, int v) {{ d.dispatch(a{i}{{v}}); }}\n")
        name = f"creators{u}.cpp"
        write(os.path.join(d, name), "#include \"creators.hpp\"\n" + "".join(body))
        units.append(name)
    main = ["#include \"creators.hpp\"\n#include \"stores.hpp\"\n"]
    if way != "hw":
        main.append("#include <nanoflux/dispatcher.hpp>\n")
    main.append("int main(int argc, char**) {\n  stores s;\n")
    if way == "hw":
        arg = "s"
    else:
        main.append(f"  nanoflux::dispatcher<{store_list}> nf{{" + ", ".join(f"s.s{j}" for j in range(m)) + "};\n")
        if way == "ref":
            main.append("  dispatcher_t d = nf;\n")
        arg = "d" if way == "ref" else "nf"
    main += [f"  fire{i}({arg}, argc);\n" for i in range(n)]
    total = " + ".join(f"s.s{j}.x" for j in range(m))
    main.append(f"  return static_cast<int>(({total}) % 251);\n}}\n")
    write(os.path.join(d, "main.cpp"), "".join(main))
    return units + ["main.cpp"]


def cpu_seconds(cmd, cwd):
    p = subprocess.Popen(cmd, cwd=cwd)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actions", type=int, default=500)
    ap.add_argument("--stores", type=int, default=8)
    ap.add_argument("--units", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--compilers", default="g++,clang++")
    args = ap.parse_args()
    inc = "-I" + os.path.join(root, "include")
    with tempfile.TemporaryDirectory() as work:
        dirs, units = {}, {}
        for way in WAYS:
            dirs[way] = os.path.join(work, way)
            os.makedirs(dirs[way])
            units[way] = generate(args.actions, args.stores, args.units, way, dirs[way])
        print(f"N={args.actions} actions, M={args.stores} stores (1-2 per action), {args.units} creator units + main.cpp;"
              f" minimum CPU seconds of {args.repeats} compiles per unit (-O0)")
        print("| compiler | way | full build (sum) | longest unit | main.cpp | one creator unit | rebuild after a store changes |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for compiler in args.compilers.split(","):
            results = {}
            for way in WAYS:  # link and run once: the three compute the same value
                objs = []
                for u in units[way]:
                    subprocess.run([compiler, "-std=c++20", "-O0", "-c", inc, u, "-o", u + ".o"], cwd=dirs[way], check=True)
                    objs.append(u + ".o")
                subprocess.run([compiler, *objs, "-o", "prog"], cwd=dirs[way], check=True)
                results[way] = subprocess.run(["./prog", "x"], cwd=dirs[way]).returncode
            if len(set(results.values())) != 1:
                sys.exit(f"the three programs disagree: {results}")
            best = {way: {u: float("inf") for u in units[way]} for way in WAYS}
            for _ in range(args.repeats):
                for way in WAYS:  # interleaved
                    for u in units[way]:
                        s = cpu_seconds([compiler, "-std=c++20", "-O0", "-c", inc, u, "-o", "o.o"], dirs[way])
                        best[way][u] = min(best[way][u], s)
            for way in WAYS:
                b = best[way]
                creators = [v for u, v in b.items() if u != "main.cpp"]
                with_stores = sum(v for u, v in b.items() if way != "ref" or u == "main.cpp")
                print(f"| {compiler} | {way} | {sum(b.values()):.2f} s | {max(b.values()):.2f} s | {b['main.cpp']:.2f} s"
                      f" | {max(creators):.2f} s | {with_stores:.2f} s |", flush=True)


if __name__ == "__main__":
    main()
