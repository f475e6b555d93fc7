#!/usr/bin/env bash
# Many-to-many matrices on road graphs: contraction hierarchy vs one Dijkstra per source.
# Graphs: New York's roads (../shared/data, 264,346 nodes, each road two arcs, weights uniform
# 1..1000, numpy seed 1) and "NY x4": four copies of it side by side joined by 400 random
# bridging roads (1,057,384 nodes, a million-node road-like graph). Sources and targets: seeded
# random nodes. Dijkstra is timed on a subset of sources and scaled up (stated in the output).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${BENCH_DIR:-/tmp/chainnet_ch}"
mkdir -p "$DIR" && cd "$DIR"
xz -dc "$ROOT/../shared/data/NY-road-topology.pace.xz" > ny.pace
/usr/bin/python3 - <<'PY'
import numpy as np
e = np.loadtxt("ny.pace", skiprows=1, dtype=np.int64) - 1
n = 264346; w = np.random.default_rng(1).integers(1, 1001, size=len(e))
def write(path, n, a, b, w):
    src = np.concatenate([a, b]); dst = np.concatenate([b, a]); ww = np.concatenate([w, w])
    with open(path, "w") as f:
        f.write(f"p sp {n} {len(src)}\n")
        np.savetxt(f, np.column_stack([src + 1, dst + 1, ww]), fmt="a %d %d %d")
write("ny.gr", n, e[:, 0], e[:, 1], w)
rng = np.random.default_rng(2)
a = np.concatenate([e[:, 0] + k * n for k in range(4)]); b = np.concatenate([e[:, 1] + k * n for k in range(4)])
ww = np.concatenate([w] * 4)
bridges_a = rng.integers(0, n, 400) + n * rng.integers(0, 4, 400); bridges_b = rng.integers(0, n, 400) + n * rng.integers(0, 4, 400)
write("ny4.gr", 4 * n, np.concatenate([a, bridges_a]), np.concatenate([b, bridges_b]),
      np.concatenate([ww, rng.integers(1, 1001, 400)]))
PY
echo "== New York, 1000 x 1000"
"$ROOT/build/bin/ch_bench" ny.gr 1000 1000 100
echo "== NY x4 (1.06 M nodes), 2000 x 2000"
"$ROOT/build/bin/ch_bench" ny4.gr 2000 2000 40
