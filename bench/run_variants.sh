#!/usr/bin/env bash
# Variants and compare through the Python API (bench/variants_bench.py): 10 changes against
# loading generated chains of 10,000, 100,000 and 1,000,000 sites, and 10 to 100 variants of the
# default scenario compared with flow, criticality and survival (cn.compare against the three
# analyses called chain by chain). Builds what it needs. Run with nothing else on the machine.
# Usage: bench/run_variants.sh [SIZES]   (default "10000 100000 1000000")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
sizes=${1:-"10000 100000 1000000"}
cd "$root"
source scripts/common.sh
build build -DCHAINNET_BUILD_PYTHON=ON > /dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args=()
for n in $sizes; do
  build/bin/chainnet generate --sites "$n" --seed 1 -o "$tmp/g$n" -q > /dev/null
  args+=("$n=$tmp/g$n")
done
PYTHONPATH="$root/build/python" /usr/bin/python3 "$here/variants_bench.py" "$root/scenarios/default.yaml" "${args[@]}"
