#!/usr/bin/env bash
# The operating model's costs, side by side in one run (2 cores):
# - the sweep of a generated chain (default 100,000 sites) with the normal plan and rerouting,
#   against the same sweep of the commit before them (BASE, built here from git), 1 and 2 threads;
# - the normal plan through the API users call (cn.normal_plan) on generated chains: the LPs
#   (flow_plan) and the shares method;
# - the re-plan (flow --site) against a plain flow on the same chain.
# Usage: bench/run_operating_model.sh [SITES] [BASE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
source scripts/common.sh
build build -DCHAINNET_BUILD_PYTHON=ON > /dev/null
bin="$root/build/bin/chainnet"
sites=${1:-100000}
base=${2:-104ab07}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timed() { /usr/bin/time -f "    %e s wall, %M KB peak" "$@" > /dev/null; }

echo "building the base commit $base (the sweep before the operating model) in $tmp/base"
old=$(build_commit "$base" "$tmp/base")

# The same generator and seed on both sides (each writes the scenario keys it knows).
"$bin" generate --sites "$sites" --seed 1 -o "$tmp/big" -q > /dev/null
"$old" generate --sites "$sites" --seed 1 -o "$tmp/big_base" -q > /dev/null
for t in 1 2; do
  echo "sweep, $sites sites, $t thread(s): base $base, then now"
  timed "$old" sweep "$tmp/big_base/scenario.yaml" --threads "$t" --json
  timed "$bin" sweep "$tmp/big/scenario.yaml" --threads "$t" --json
done

echo "normal plan through cn.normal_plan (2 threads):"
for n in 1000 3000; do "$bin" generate --sites "$n" --seed 1 -o "$tmp/g$n" -q > /dev/null; done
PYTHONPATH="$root/build/python" /usr/bin/python3 - "$tmp" <<'PY'
import sys, time
import chainnet as cn
tmp = sys.argv[1]
for n in (1000, 3000):
    c = cn.load(f"{tmp}/g{n}/scenario.yaml")
    for method in ("flow_plan", "shares"):
        t = time.perf_counter(); p = cn.normal_plan(c, method); dt = time.perf_counter() - t
        print(f"  {n} sites, {method}: {dt:.2f} s, {p.lp_solves} LP solves, lost {p.lost_value:.6g} of "
              f"{p.demand_value:.6g} a period, {p.honoured_shares}/{p.given_shares} given shares honoured")
    t = time.perf_counter(); cn.flow_plan(c); print(f"  {n} sites, plain flow plan: {time.perf_counter() - t:.2f} s")
PY

# The optimal response (stress --response optimal) has its own script: run_optimal_response.sh.

echo "re-plan against a plain flow (default scenario, then 3,000 generated sites):"
timed "$bin" flow "$root/scenarios/default.yaml" --json
timed "$bin" flow "$root/scenarios/default.yaml" --site cell_fujian --json
site=$(sed -n 2p "$tmp/g3000/sites.csv" | cut -d, -f1)
timed "$bin" flow "$tmp/g3000/scenario.yaml" --json
timed "$bin" flow "$tmp/g3000/scenario.yaml" --site "$site" --json
