#!/usr/bin/env bash
# The optimal response (stress --response optimal) through the CLI, side by side in one run
# (one thread: the LP solvers are sequential):
# - now: Clp's primal simplex in a values pass from the propagation's run;
# - before: the commit BASE (Clp's dual simplex after presolve from a slack basis), built here
#   from git; and GLPK (--lp-engine glpk) on the smaller chains;
# on the default scenario (every disruption), generated chains of 300 and 1,000 sites over 13
# and 26 periods (before: up to 1,000 sites; GLPK: 300), 3,000 sites over 26, and a generated
# 10,000-site chain over 26 periods (each chain's first fire and first flood: one site, and a
# whole province). Each run is stopped after
# LIMIT seconds (default 3600; "did not finish" is then printed).
# Usage: bench/run_optimal_response.sh [BASE] [LIMIT] [SIZES]   (SIZES default "300 1000 3000 10000";
#        "default" in SIZES runs the default scenario)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
base=${1:-4cb1f36}
limit=${2:-3600}
sizes=${3:-"default 300 1000 3000 10000"}
cd "$root"
source scripts/common.sh
build build > /dev/null
bin="$root/build/bin/chainnet"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

old=""
if [[ " $sizes " =~ " default " || " $sizes " =~ " 300 " || " $sizes " =~ " 1000 " ]]; then
  echo "building the base commit $base in $tmp/base"
  old=$(build_commit "$base" "$tmp/base")
fi

# One optimal response: label, binary, then the stress arguments. Prints wall time, peak memory,
# the LP's size and iterations, and the lost value (to check both sides agree).
one() {
  local label=$1 exe=$2
  shift 2
  if timeout "$limit" /usr/bin/time -f "%e %M" -o "$tmp/time" "$exe" stress "$@" --response optimal --json -q > "$tmp/out.json"; then
    /usr/bin/python3 - "$label" "$tmp/time" "$tmp/out.json" <<'PY'
import json, sys
label, tfile, ofile = sys.argv[1:4]
wall, kb = open(tfile).read().split()[-2:]
d = json.load(open(ofile))
runs = d if isinstance(d, list) else [d]
lp = runs[0]["lp"]
lost = sum(r["lost_value"] for r in runs)
print(f"    {label:<28} {float(wall):9.2f} s {int(kb) / 1024:8.0f} MB   LP {lp['rows']:,} x {lp['columns']:,} "
      f"({lp['nonzeros']:,} nonzeros), {sum(r['lp']['iterations'] for r in runs):,} iterations; lost {lost:.10g}")
PY
  else
    echo "    $label did not finish within $limit s"
  fi
}

for n in $sizes; do
  if [ "$n" = default ]; then
    echo "default scenario, every disruption (the worst one's LP shown), 26 periods:"
    one "now (Clp values pass)" "$bin" "$root/scenarios/default.yaml"
    one "before (Clp dual, $base)" "$old" "$root/scenarios/default.yaml"
    one "GLPK" "$bin" "$root/scenarios/default.yaml" --lp-engine glpk
    continue
  fi
  "$bin" generate --sites "$n" --seed 1 -o "$tmp/g$n" -q > /dev/null
  flood=$(grep -o 'id: "flood[^"]*' "$tmp/g$n/scenario.yaml" | head -1 | cut -d'"' -f2)
  fire=$(grep -o 'id: "fire[^"]*' "$tmp/g$n/scenario.yaml" | head -1 | cut -d'"' -f2)
  periods="13 26"
  [ "$n" -gt 1000 ] && periods=26
  for p in $periods; do
    for d in "$fire" "$flood"; do
      echo "generated $n sites, $p periods, disruption $d:"
      one "now (Clp values pass)" "$bin" "$tmp/g$n/scenario.yaml" --disruption "$d" --horizon "$p"
      if [ "$n" -le 1000 ]; then
        one "before (Clp dual, $base)" "$old" "$tmp/g$n/scenario.yaml" --disruption "$d" --horizon "$p"
      fi
      if [ "$n" -le 300 ]; then
        one "GLPK" "$bin" "$tmp/g$n/scenario.yaml" --disruption "$d" --horizon "$p" --lp-engine glpk
      fi
    done
  done
done
