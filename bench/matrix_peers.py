#!/usr/bin/python3
"""Matrix benchmark, peers side by side in one run: the weighted grid of
../shared/bench/peers_sssp.py (same numpy code, seed 7: integer weights 1..100, 32 sources), timed
for chainnet (C++ distance_matrix via build/bin/matrix_bench, 1 and 2 threads), graph-tool
shortest_distance and igraph distances. Usage: bench/matrix_peers.py [SIDE=500] [SOURCES=32]"""
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
side = int(sys.argv[1]) if len(sys.argv) > 1 else 500
nsrc = int(sys.argv[2]) if len(sys.argv) > 2 else 32
n = side * side
rng = np.random.default_rng(7)
idx = np.arange(n).reshape(side, side)
a = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
b = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
src = np.concatenate([a, b]); dst = np.concatenate([b, a])
w = rng.integers(1, 101, size=src.size).astype(float)
sources = rng.choice(n, size=nsrc, replace=False)
print(f"graph: {n} nodes, {src.size} arcs, {nsrc} sources")

with tempfile.TemporaryDirectory() as tmp:
    prefix = f"{tmp}/grid"
    src.astype(np.int64).tofile(prefix + ".src"); dst.astype(np.int64).tofile(prefix + ".dst")
    w.astype(np.float64).tofile(prefix + ".w"); sources.astype(np.int64).tofile(prefix + ".sources")
    out = subprocess.run([str(ROOT / "build/bin/matrix_bench"), prefix], capture_output=True, text=True, check=True).stdout
print(out, end="")
chainnet = {int(l.split()[1]): float(l.split()[3]) for l in out.splitlines() if l.startswith("chainnet")}

import graph_tool.all as gt
G = gt.Graph(directed=True); G.add_vertex(n); G.add_edge_list(np.column_stack([src, dst]))
ew = G.new_edge_property("double"); ew.a = w
t = time.perf_counter(); s = 0.0
for so in sources:
    s += gt.shortest_distance(G, source=G.vertex(int(so)), weights=ew).a.sum()
tg = time.perf_counter() - t
print(f"graph-tool {gt.__version__.split()[0]}: {tg:.3f} s  sum={s:.0f}")
import igraph as ig
g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True); g.es["w"] = w.tolist()
t = time.perf_counter(); d = np.array(g.distances(source=sources.tolist(), weights="w", mode="out")); ti = time.perf_counter() - t
print(f"igraph {ig.__version__}: {ti:.3f} s  sum={d.sum():.0f}")
print(f"ratios, peer time / chainnet time on 2 threads: graph-tool {tg / chainnet[2]:.1f}x, igraph {ti / chainnet[2]:.1f}x")
