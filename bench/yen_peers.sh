#!/usr/bin/env bash
# k = 10 loopless alternatives on a road-sized graph, chainnet vs igraph get_k_shortest_paths.
# The graph: New York's roads from ../shared/data/NY-road-topology.pace.xz (264,346 nodes, 365,050
# roads), each road as two arcs, integer weights uniform in 1..1000 (numpy seed 1), written as a
# DIMACS .gr file and loaded through the scenario key `road`. Query: node 1 to node 264346.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${BENCH_DIR:-/tmp/chainnet_ny}"
mkdir -p "$DIR" && cd "$DIR"
xz -dc "$ROOT/../shared/data/NY-road-topology.pace.xz" > ny.pace
/usr/bin/python3 - <<'PY'
import numpy as np
e = np.loadtxt("ny.pace", skiprows=1, dtype=np.int64)
n = 264346; w = np.random.default_rng(1).integers(1, 1001, size=len(e))
src = np.concatenate([e[:, 0], e[:, 1]]); dst = np.concatenate([e[:, 1], e[:, 0]]); ww = np.concatenate([w, w])
with open("ny.gr", "w") as f:
    f.write(f"c NY roads, weights uniform 1..1000 (numpy seed 1)\np sp {n} {len(src)}\n")
    np.savetxt(f, np.column_stack([src, dst, ww]), fmt="a %d %d %d")
open("scenario.yaml", "w").write("chainnet: 1\nroad: {dimacs_graph: ny.gr}\n")
PY
start=$(date +%s.%N)
"$ROOT/build/bin/chainnet" route --quiet scenario.yaml --from road:1 --to road:264346 --by distance --k 10 --json > ours.json
echo "chainnet: $(echo "$(date +%s.%N) - $start" | bc) s (including loading the graph)"
/usr/bin/python3 - <<'PY'
import json, time, numpy as np, igraph as ig
e = np.loadtxt("ny.pace", skiprows=1, dtype=np.int64)
n = 264346; w = np.random.default_rng(1).integers(1, 1001, size=len(e))
src = np.concatenate([e[:, 0], e[:, 1]]) - 1; dst = np.concatenate([e[:, 1], e[:, 0]]) - 1; ww = np.concatenate([w, w]).astype(float)
g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True); g.es["w"] = ww.tolist()
t = time.perf_counter(); paths = g.get_k_shortest_paths(0, to=n - 1, k=10, weights="w", mode="out", output="epath"); ti = time.perf_counter() - t
costs = [sum(ww[i] for i in p) / 1000 for p in paths]
ours = [p["distance_km"] for p in json.load(open("ours.json"))["paths"]]
print(f"igraph {ig.__version__}: {ti:.1f} s; same cost sequence: {np.allclose(costs, ours)}")
PY
