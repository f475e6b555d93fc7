#!/usr/bin/env bash
# The strengthen planner through the CLI users call: the default scenario with its candidates and
# with the suggested ones (58), objective pi and at_risk, exact (the deterministic-equivalent MIP)
# against greedy (lazy) and against the enumeration of every admissible portfolio where it is
# feasible; wall time of `chainnet strengthen`, one process, 2 threads. Builds what it needs. Run
# with nothing else on the machine.
# Usage: bench/run_strengthen.sh
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
run() {  # label, args...: one `chainnet strengthen` run, timed
  /usr/bin/python3 - "$bin" "$scenario" "$@" <<'PY'
import json, subprocess, sys, time
binary, scenario, label, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
t = time.perf_counter()
out = subprocess.run([binary, "strengthen", scenario, *args, "--json"], check=True, capture_output=True, text=True).stdout
secs = time.perf_counter() - t
d = json.loads(out)
print(f"  {label:<44} {len(d['candidates']):>4} cand.  {secs:7.2f} s  before {d['before']:.6g}  after {d['after']:.6g}"
      f"  cost {d['total_cost']:.4g}  evaluations {d['evaluations']}", flush=True)
PY
}
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
