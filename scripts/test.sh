#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build, and run every test:
# GoogleTest and pytest through CTest (build/), then the C++ tests again under AddressSanitizer
# and UndefinedBehaviorSanitizer (build-asan/).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# The export tests read back with igraph, geopandas and graphviz; the report's tests open it in
# headless Chromium through Selenium; cn.read_excel reads workbooks with openpyxl.
install_missing python3-igraph python3-geopandas graphviz chromium chromium-driver python3-selenium python3-openpyxl
export CHAINNET_REQUIRE_BROWSER=1
build build -DCHAINNET_BUILD_TESTS=ON -DCHAINNET_BUILD_PYTHON=ON
echo "== tests (C++ and Python)"
ctest --test-dir build --output-on-failure -j "$JOBS"
echo "== C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer"
build build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHAINNET_SANITIZE=ON -DCHAINNET_BUILD_PYTHON=OFF -DCHAINNET_BUILD_TOOLS=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$JOBS"
