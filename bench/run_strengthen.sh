#!/usr/bin/env bash
# The strengthen planner through the CLI users call: the default scenario with its candidates and
# with the suggested ones (58), objective pi and at_risk, exact (the deterministic-equivalent MIP)
# against greedy (lazy) and against the enumeration of every admissible portfolio where it is
# feasible; then greedy on at_risk with suggested candidates on generated three-tier chains
# (`chainnet generate --tiers`), growing the candidates and the sites, and warm-started LPs with
# dual bounds against plain re-solving. Wall time of `chainnet strengthen`, one process,
# 2 threads. Builds what it needs. Run with nothing else on the machine.
# Usage: bench/run_strengthen.sh [default|tiers|plain|exact|all]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
source scripts/common.sh
build build > /dev/null
bin=build/bin/chainnet
scenario=scenarios/default.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
what=${1:-all}
run_on() {  # scenario, label, args...: one `chainnet strengthen` run, timed
  /usr/bin/python3 - "$bin" "$@" <<'PY'
import json, subprocess, sys, time
binary, scenario, label, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
t = time.perf_counter()
run = subprocess.run([binary, "strengthen", scenario, *args, "--json"], check=True, capture_output=True, text=True)
secs = time.perf_counter() - t
d = json.loads(run.stdout)
lps = d["failure_lps"]
lp_secs = 0.0
for line in run.stderr.splitlines():  # "failure LPs: N solved in X s on T threads"
    if line.startswith("failure LPs:"):
        lp_secs = float(line.split(" in ")[1].split(" s")[0])
print(f"  {label:<44} {len(d['candidates']):>4} cand.  {secs:7.2f} s  before {d['before']:.6g}  after {d['after']:.6g}"
      f"  cost {d['total_cost']:.4g}  actions {len(d['chosen'])}  portfolios {d['evaluations']} of {d['plain_evaluations']}"
      f"  failure LPs {lps['solves']} solved ({lp_secs:.2f} s), {lps['settled_by_duals']} settled"
      f"  bound {d['lp_bound'] if d['lp_bound'] is None else format(d['lp_bound'], '.6g')}", flush=True)
PY
}
run() { run_on "$scenario" "$@"; }
if [ "$what" = default ] || [ "$what" = all ]; then
echo "default scenario, budget 5e7 CNY, 10 frontier steps (each an optimum), 2 threads"
for obj in pi at_risk; do
  echo " objective $obj"
  run "exact (MIP), scenario candidates" --budget 5e7 --objective $obj --method exact
  run "greedy, scenario candidates" --budget 5e7 --objective $obj --method greedy
  run "exact (MIP), + suggested" --budget 5e7 --objective $obj --method exact --suggest
  run "greedy, + suggested" --budget 5e7 --objective $obj --method greedy --suggest
done
echo " objective spof (no MIP form: every admissible portfolio)"
run "exact (enumeration), scenario candidates" --budget 5e7 --objective spof --method exact
run "greedy, scenario candidates" --budget 5e7 --objective spof --method greedy
fi
if [ "$what" = tiers ] || [ "$what" = all ]; then
  echo "generated three-tier chains, greedy on at_risk, suggested candidates (the most exposed inputs' first),"
  echo "budget 2e7 USD, 10 frontier steps (a greedy run each), 2 threads"
  for tiers in 100,250,500 200,500,1000 400,1000,2000; do
    "$bin" generate --tiers $tiers -o "$tmp/t$tiers" -q > /dev/null
    sites=$(( $(echo $tiers | tr ',' '+') ))
    echo " $sites sites (tiers $tiers)"
    for k in 50 100 200; do
      run_on "$tmp/t$tiers/scenario.yaml" "greedy at_risk, $k suggested" --budget 2e7 --objective at_risk --method greedy \
        --suggest --max-suggested $k
    done
  done
fi
if [ "$what" = plain ] || [ "$what" = all ]; then
  echo "warm-started failure LPs with dual bounds against plain re-solving (every failure's LP from scratch"
  echo "for every portfolio measured; same portfolios), 170-site three-tier chain, 50 suggested, budget 2e6 USD"
  "$bin" generate --tiers 20,50,100 -o "$tmp/small" -q > /dev/null
  for mode in warm plain; do
    extra=(); [ $mode = plain ] && extra=(--no-warm-start)
    run_on "$tmp/small/scenario.yaml" "greedy at_risk, $mode" --budget 2e6 --objective at_risk --method greedy \
      --suggest --max-suggested 50 "${extra[@]}"
    run_on "$tmp/small/scenario.yaml" "greedy pi, $mode" --budget 2e6 --objective pi --method greedy \
      --suggest --max-suggested 50 "${extra[@]}"
  done
fi
if [ "$what" = exact ] || [ "$what" = all ]; then
  echo "exact for pi and at_risk: the deterministic-equivalent MIP against Benders decomposition, 2 threads"
  "$bin" generate --tiers 20,50,100 -o "$tmp/small" -q > /dev/null
  echo " 170 sites (tiers 20,50,100), 50 suggested, pi, budget 2e6 USD, one budget"
  run_on "$tmp/small/scenario.yaml" "exact, deterministic-equivalent MIP" --budget 2e6 --objective pi --method exact \
    --suggest --max-suggested 50 --frontier-steps 1 --mip-column-limit 100000000
  run_on "$tmp/small/scenario.yaml" "exact, Benders" --budget 2e6 --objective pi --method exact \
    --suggest --max-suggested 50 --frontier-steps 1
  "$bin" generate --tiers 200,500,1000 -o "$tmp/t1700" -q > /dev/null
  echo " 1700 sites (tiers 200,500,1000), 200 suggested, budget 2e7 USD, 10 frontier steps"
  for obj in at_risk pi; do
    run_on "$tmp/t1700/scenario.yaml" "exact (Benders), $obj" --budget 2e7 --objective $obj --method exact \
      --suggest --max-suggested 200
    run_on "$tmp/t1700/scenario.yaml" "greedy, $obj" --budget 2e7 --objective $obj --method greedy \
      --suggest --max-suggested 200
  done
fi
