#!/usr/bin/python3
"""A NETGEN-8-shaped min-cost flow instance in DIMACS min format (for the solver-size study in
run_mcf_sizes.sh): n nodes, 8n arcs, about sqrt(n) sources and sinks, costs 1..10,000, capacities
1..1,000, total supply 1,000 * sqrt(n). Like NETGEN, each source reaches its sinks over a skeleton
path of uncapacitated arcs through transshipment nodes, so the instance is feasible; the other
arcs are random. Not NETGEN's exact generator (same family parameters, own random process).
Usage: netgen_like.py LOG2_NODES OUT.min [SEED]"""
import sys
import numpy as np

log2n, out = int(sys.argv[1]), sys.argv[2]
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = np.random.default_rng(seed)
n = 1 << log2n
m = 8 * n
k = max(2, int(round(np.sqrt(n))))
total = 1000 * k
nodes = rng.permutation(n)
sources, sinks, trans = nodes[:k], nodes[k:2 * k], nodes[2 * k:]
supply = np.zeros(n, dtype=np.int64)
share = rng.multinomial(total - k, np.full(k, 1.0 / k)) + 1
supply[sources] = share
# skeleton: source i walks through its own slice of transshipment nodes, then feeds 1..3 sinks
src, dst = [], []
slices = np.array_split(trans, k)
for i in range(k):
    path = [sources[i]] + list(slices[i])
    src += path[:-1]
    dst += path[1:]
    targets = rng.choice(sinks, size=int(rng.integers(1, 4)), replace=False)
    parts = rng.multinomial(share[i], np.full(len(targets), 1.0 / len(targets)))
    for t, q in zip(targets, parts):
        src.append(path[-1]); dst.append(t); supply[t] -= q
skeleton = len(src)
extra = m - skeleton
u = rng.integers(0, n, extra); v = rng.integers(0, n, extra)
keep = u != v
src = np.concatenate([np.array(src, dtype=np.int64), u[keep]])
dst = np.concatenate([np.array(dst, dtype=np.int64), v[keep]])
cost = rng.integers(1, 10001, len(src))
cap = rng.integers(1, 1001, len(src))
cap[:skeleton] = total
with open(out, "w") as f:
    f.write(f"p min {n} {len(src)}\n")
    for i in np.nonzero(supply)[0]:
        f.write(f"n {i + 1} {supply[i]}\n")
    lines = np.char.add(np.char.add(np.char.add("a ", (src + 1).astype(str)), " "), (dst + 1).astype(str))
    body = "\n".join(f"{a} 0 {c} {w}" for a, c, w in zip(lines, cap.tolist(), cost.tolist()))
    f.write(body + "\n")
print(f"{out}: {n} nodes, {len(src)} arcs, {k} sources/sinks, total supply {total}")
