# Shared by demo.sh and test.sh: install what is missing (Debian 12), then configure and build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-$(nproc)}"

PACKAGES=(g++ cmake ninja-build pkg-config
          libboost-graph-dev liblemon-dev libglpk-dev coinor-libclp-dev libtbb-dev libyaml-cpp-dev libcli11-dev
          libjs-leaflet libjs-chart.js libgtest-dev pybind11-dev python3-dev python3-pybind11
          python3-numpy python3-pandas python3-networkx python3-pytest python3-scipy)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "== all required Debian packages are installed"
    return
  fi
  echo "== installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [cmake options...]: configure (Release unless told) and build with ninja.
build() {
  local dir="$1"; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

# build_commit COMMIT DIR: the CLI of a past commit, built in DIR from `git archive` (for benches
# that compare with it). Prints the binary's path.
build_commit() {
  local commit="$1" dir="$2"
  mkdir -p "$dir"
  git -C "$ROOT" archive "$commit" | tar -x -C "$dir"
  cmake -S "$dir" -B "$dir/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHAINNET_BUILD_TESTS=OFF \
        -DCHAINNET_BUILD_PYTHON=OFF > /dev/null
  cmake --build "$dir/build" -j "$JOBS" --target chainnet_cli > /dev/null
  echo "$dir/build/bin/chainnet"
}
