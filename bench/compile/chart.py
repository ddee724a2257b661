#!/usr/bin/env python3
"""Draws bench/compile_cost.svg from the compile-cost rows (no plotting library).

  chart.py [bench/results/compile.csv] [bench/compile_cost.svg]
Panels: compile time (top) and peak memory (bottom) against the number of actions
(log scale), one column per compiler and distribution; one colour per store count,
nanoflux solid, hand-written dashed.
"""
import csv
import math
import os
import sys

COLOURS = {1: "#7f7f7f", 8: "#1f77b4", 32: "#d62728"}
PANEL_W, PANEL_H, MARGIN_L, MARGIN_T, GAP_X, GAP_Y = 300, 210, 70, 80, 80, 70


def nice_max(v):
    if v <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(v))
    for f in (1, 2, 2.5, 5, 10):
        if v <= f * exp:
            return f * exp
    return 10 * exp


def write_svg(rows, path):
    rows = [dict(r) for r in rows]
    for r in rows:
        r["stores"], r["actions"] = int(r["stores"]), int(r["actions"])
        r["seconds"], r["peak_mb"] = float(r["seconds"]), float(r["peak_mb"])
    columns = [(c, d) for c in dict.fromkeys(r["compiler"] for r in rows) for d in ("all", "sparse", "exact")
               if any(r["compiler"] == c and r["dist"] == d for r in rows)]
    metrics = [("seconds", "compile time (s)"), ("peak_mb", "peak memory (MB)")]
    ns = sorted({r["actions"] for r in rows})
    lo, hi = math.log10(min(ns)), math.log10(max(ns))
    if hi == lo:
        hi = lo + 1
    width = MARGIN_L + len(columns) * (PANEL_W + GAP_X) + 20
    height = MARGIN_T + len(metrics) * (PANEL_H + GAP_Y) + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{MARGIN_L}" y="22" font-size="15" font-weight="bold">nanoflux compile cost '
           f'(solid) vs hand-written calls (dashed), -O0 -c, min of repeats</text>']
    legend_x = MARGIN_L
    for m, colour in COLOURS.items():
        if any(r["stores"] == m for r in rows):
            out.append(f'<line x1="{legend_x}" y1="42" x2="{legend_x + 24}" y2="42" stroke="{colour}" stroke-width="2"/>'
                       f'<text x="{legend_x + 28}" y="46">{m} store{"s" if m > 1 else ""}</text>')
            legend_x += 100
    for ci, (compiler, dist) in enumerate(columns):
        for mi, (metric, label) in enumerate(metrics):
            x0 = MARGIN_L + ci * (PANEL_W + GAP_X)
            y0 = MARGIN_T + mi * (PANEL_H + GAP_Y)
            sel = [r for r in rows if r["compiler"] == compiler and r["dist"] == dist]
            ymax = nice_max(max(r[metric] for r in sel))
            sx = lambda n: x0 + (math.log10(n) - lo) / (hi - lo) * PANEL_W  # noqa: E731
            sy = lambda v: y0 + PANEL_H - v / ymax * PANEL_H  # noqa: E731
            title = f"{compiler}, " + {"all": "every store handles every action", "sparse": "1-2 stores per action",
                                       "exact": "1-2 per action, exact_handlers"}[dist]
            out.append(f'<text x="{x0}" y="{y0 - 8}" font-weight="bold">{title}</text>')
            out.append(f'<rect x="{x0}" y="{y0}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#999"/>')
            for k in range(5):
                v = ymax * k / 4
                out.append(f'<line x1="{x0}" y1="{sy(v):.1f}" x2="{x0 + PANEL_W}" y2="{sy(v):.1f}" stroke="#eee"/>'
                           f'<text x="{x0 - 5}" y="{sy(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
            for n in ns:
                out.append(f'<text x="{sx(n):.1f}" y="{y0 + PANEL_H + 14}" text-anchor="middle">{n}</text>')
            out.append(f'<text x="{x0 + PANEL_W / 2}" y="{y0 + PANEL_H + 28}" text-anchor="middle">actions (log scale)</text>')
            out.append(f'<text transform="translate({x0 - 42},{y0 + PANEL_H / 2}) rotate(-90)" text-anchor="middle">{label}</text>')
            for m in sorted({r["stores"] for r in sel}):
                for variant, dash in (("hw", ' stroke-dasharray="5,4"'), ("nf", "")):
                    pts = sorted((r["actions"], r[metric]) for r in sel if r["stores"] == m and r["variant"] == variant)
                    if not pts:
                        continue
                    d = " ".join(f"{sx(n):.1f},{sy(v):.1f}" for n, v in pts)
                    colour = COLOURS.get(m, "#000")
                    out.append(f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
                    out.extend(f'<circle cx="{sx(n):.1f}" cy="{sy(v):.1f}" r="2.5" fill="{colour}"/>' for n, v in pts)
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "results", "compile.csv")
    dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "compile_cost.svg")
    with open(src) as f:
        write_svg(list(csv.DictReader(f)), dst)
