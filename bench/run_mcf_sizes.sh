#!/usr/bin/env bash
# Which min-cost flow solver at which size: NETGEN-8-shaped instances (bench/netgen_like.py) from
# 2^12 to 2^MAX nodes; network simplex, cost scaling, `automatic` and LEMON's NetworkSimplex
# called directly, same optimum checked. Usage: bench/run_mcf_sizes.sh [MAX_LOG2] (default 18)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
max=${1:-18}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for k in $(seq 12 "$max"); do
  /usr/bin/python3 "$here/netgen_like.py" "$k" "$tmp/i.min" > /dev/null
  echo "== 2^$k nodes"
  reps=3; [ "$k" -ge 17 ] && reps=1
  "$root/build/bin/mcf_bench" "$tmp/i.min" "$reps"
done
