#!/usr/bin/env bash
# The stress tests side by side: sweep on a generated chain (default 100,000 sites) and Monte
# Carlo on the default scenario, each on 1 and 2 threads with wall time and peak memory; the
# plain-Python propagation against chainnet (CLI and in-process); survival on the tiered chain
# of the public stress-test reference (200 / 500 / 1,000 sites) against cold GLPK solves.
# Usage: bench/run_stress.sh [SITES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bin="$root/build/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timed() { /usr/bin/time -f "    %e s wall, %M KB peak" "$@" > /dev/null; }

sites=${1:-100000}
"$bin/chainnet" generate --sites "$sites" --seed 1 -o "$tmp/big" -q > /dev/null
for t in 1 2; do
  echo "sweep, $sites sites, $t thread(s):"
  timed "$bin/chainnet" sweep "$tmp/big/scenario.yaml" --threads "$t" --json
done
for runs in 10000 100000; do
  for t in 1 2; do
    echo "montecarlo, default.yaml, $runs runs, $t thread(s):"
    timed "$bin/chainnet" montecarlo "$root/scenarios/default.yaml" --runs "$runs" --threads "$t" --json
  done
done

echo "plain-Python propagation vs chainnet:"
PYTHONPATH="$root/build/python" /usr/bin/python3 "$here/stress_reference.py" "$root/scenarios/default.yaml" --chainnet "$bin/chainnet"
"$bin/chainnet" generate --sites 150 --seed 1 -o "$tmp/small" -q > /dev/null
PYTHONPATH="$root/build/python" /usr/bin/python3 "$here/stress_reference.py" "$tmp/small/scenario.yaml" --chainnet "$bin/chainnet"

echo "survival on the tiered chain:"
"$bin/chainnet" generate --tiers 200,500,1000 --seed 1 -o "$tmp/tiers" -q > /dev/null
"$bin/survival_bench" "$tmp/tiers/scenario.yaml" 60
