#!/usr/bin/python3
"""Betweenness peers on chainnet's own supply graph (written by criticality_bench): igraph and
graph-tool exact directed betweenness, timed in one run, values compared with chainnet's.
Usage: betweenness_peers.py DIR   (DIR/edges.txt, DIR/chainnet_betweenness.txt)"""
import sys
import time

import numpy as np

d = sys.argv[1]
with open(f"{d}/edges.txt") as f:
    n = int(f.readline())
    arcs = np.loadtxt(f, dtype=np.int64).reshape(-1, 2)
ours = np.loadtxt(f"{d}/chainnet_betweenness.txt")
print(f"supply graph: {n} sites, {len(arcs)} seller->buyer arcs")
import igraph as ig
import graph_tool.all as gt
g = ig.Graph(n=n, edges=arcs.tolist(), directed=True)
t = time.perf_counter()
bi = np.array(g.betweenness(directed=True))
ti = time.perf_counter() - t
print(f"igraph {ig.__version__}: {ti:.2f} s, max |diff| to chainnet {np.abs(bi - ours).max():.3g}")
G = gt.Graph(directed=True)
G.add_vertex(n)
G.add_edge_list(arcs)
t = time.perf_counter()
vb, _ = gt.betweenness(G, norm=False)
tg = time.perf_counter() - t
print(f"graph-tool {gt.__version__.split()[0]} (OpenMP, all cores): {tg:.2f} s, max |diff| to chainnet {np.abs(vb.a - ours).max():.3g}")
