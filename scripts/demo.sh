#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build in Release into
# build/, and run the main job on the bundled default scenario (results in out/).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing
build build -DCHAINNET_BUILD_TESTS=OFF
echo "== chainnet run scenarios/default.yaml -o out"
build/bin/chainnet run scenarios/default.yaml -o out
echo "== open out/report.html in a browser: the chain on a map, charts and sortable tables"
