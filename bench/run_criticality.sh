#!/usr/bin/env bash
# The weak-links report on a generated chain (default 100,000 sites): parts, whole, 1 -> 2
# threads, peak memory, sweep vs naive recompute; then betweenness side by side with igraph and
# graph-tool on the same supply graph. Usage: bench/run_criticality.sh [SITES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/build/bin/criticality_bench" "${1:-100000}" "$tmp"
/usr/bin/python3 "$here/betweenness_peers.py" "$tmp"
