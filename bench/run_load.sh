#!/usr/bin/env bash
# Load benchmark (issue: foundation): generate a chain of N sites, then measure
#   1. `chainnet info` end to end: wall time and peak memory (/usr/bin/time -v),
#   2. the loader alone (bench/load_bench: rows per second on one core, bytes per supply row),
#   3. pandas read_csv on the same CSV files, for comparison.
# Usage: bench/run_load.sh [SITES=1000000] [SEED=1]     (build first: scripts/demo.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITES="${1:-1000000}"
SEED="${2:-1}"
DIR="${BENCH_DIR:-/tmp/chainnet_bench_${SITES}}"
cd "$ROOT"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHAINNET_BUILD_BENCH=ON >/dev/null
cmake --build build -j "$(nproc)" --target chainnet_cli load_bench >/dev/null
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

echo "== generate --sites $SITES --seed $SEED"
/usr/bin/time -f "   %e s wall, %M KB peak" build/bin/chainnet generate --sites "$SITES" --seed "$SEED" -o "$DIR"
echo "== chainnet info (one thread)"
/usr/bin/time -f "   %e s wall, %M KB peak" build/bin/chainnet info --threads 1 "$DIR/scenario.yaml" > /dev/null
echo "== loader alone"
build/bin/load_bench "$DIR/scenario.yaml"
echo "== pandas read_csv on the same files"
/usr/bin/python3 - "$DIR" <<'PY'
import glob, os, sys, time
import pandas as pd
rows = 0
t = time.perf_counter()
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.csv"))):
    rows += len(pd.read_csv(f, keep_default_na=False, dtype=str if "sites" in f else None))
dt = time.perf_counter() - t
print(f"pandas {pd.__version__}: {rows} rows in {dt:.2f} s = {rows / dt / 1e6:.2f} M rows/s (parsing only: no ids resolved, nothing validated)")
PY
