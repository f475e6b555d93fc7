#!/usr/bin/env bash
# Export through the API users call: `Chain.to_geojson(path)` (and GraphML, DOT) in Python on
# generated chains of 100,000 and 1,000,000 sites, the load timed apart; `chainnet export` for the
# whole command. One process, 2 threads (the export itself is one thread). Builds what it needs.
# Run with nothing else on the machine.
# Usage: bench/run_export.sh [SIZES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
source scripts/common.sh
build build -DCHAINNET_BUILD_PYTHON=ON > /dev/null
sizes=${1:-100000,1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in ${sizes//,/ }; do
  build/bin/chainnet generate --sites "$n" --seed 1 -o "$tmp/g$n" -q > /dev/null
  PYTHONPATH=build/python /usr/bin/python3 - "$tmp/g$n/scenario.yaml" "$tmp" "$n" <<'PY'
import os, sys, time
import chainnet as cn
scenario, tmp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = time.perf_counter(); c = cn.load(scenario); load = time.perf_counter() - t
print(f"{n} sites ({len(c.supplies)} supplies, {len(c.lanes)} lanes): cn.load {load:.2f} s")
for fmt, call in (("geojson", c.to_geojson), ("graphml", c.to_graphml), ("dot", c.to_dot)):
    path = os.path.join(tmp, f"chain.{fmt}")
    best = min((lambda: (lambda t0: (call(path), time.perf_counter() - t0)[1])(time.perf_counter()))() for _ in range(2))
    print(f"  {fmt:<8} {best:6.2f} s  {os.path.getsize(path) / 1e6:8.1f} MB  (best of 2)", flush=True)
PY
  /usr/bin/python3 - "$root/build/bin/chainnet" "$tmp/g$n/scenario.yaml" "$tmp/cli.geojson" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
subprocess.run([sys.argv[1], "export", sys.argv[2], "--format", "geojson", "-o", sys.argv[3], "-q"], check=True)
print(f"  chainnet export --format geojson (load included): {time.perf_counter() - t:.2f} s")
PY
done
