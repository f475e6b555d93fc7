#!/usr/bin/env bash
# Min-cost flow, one run, peers side by side: networkx network_simplex (the shared peer script,
# which also writes the DIMACS instance), then chainnet's kernel and LEMON directly.
# Usage: bench/run_mcf.sh [NODES] [ARCS]   (default: the issue's 20,000 nodes, 140,000 arcs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${1:-20000}
m=${2:-140000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$root/../shared/bench/peers_mcf.py" "$n" "$m" "$tmp/instance.min"
"$root/build/bin/mcf_bench" "$tmp/instance.min"
