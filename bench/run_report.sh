#!/usr/bin/env bash
# report.html through the command users run (`chainnet report`) on generated chains, and the page
# opened in headless Chromium (Selenium): the time to write it, its size, and the time until the
# page has drawn everything (measured from navigation start, in the browser). Then the map's
# sampling limit: the 100,000-site report with 2,500 / 10,000 / 40,000 nodes drawn, to show what
# the default (10,000) costs. The CLI runs on 2 threads; Chromium uses its own processes.
# Builds what it needs. Run with nothing else on the machine.
# Usage: bench/run_report.sh [SIZES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
source scripts/common.sh
install_missing chromium chromium-driver python3-selenium
build build > /dev/null
sizes=${1:-10000,100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/open.py" <<'PY'
import pathlib, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
o = Options()
o.binary_location = "/usr/bin/chromium"
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
    o.add_argument(a)
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
try:
    for path in sys.argv[1:]:
        best = None
        for _ in range(3):
            t = time.perf_counter()
            d.get(pathlib.Path(path).resolve().as_uri())
            while not d.execute_script("return !!(window.chainnetReport && window.chainnetReport.ready)"):
                time.sleep(0.01)
            wall = time.perf_counter() - t
            drawn = d.execute_script("return performance.now()") / 1000
            markers = d.execute_script("return window.chainnetReport.markers")
            best = min(best or (1e9,), (wall, drawn, markers))
        size = pathlib.Path(path).stat().st_size / 1e6
        print(f"  {pathlib.Path(path).parent.name:<22} {size:6.1f} MB  {best[2]:>6} markers  "
              f"opened and drawn in {best[0]:.2f} s (best of 3; navigation to drawn {best[1]:.2f} s)", flush=True)
finally:
    d.quit()
PY
for n in ${sizes//,/ }; do
  build/bin/chainnet generate --sites "$n" --seed 1 -o "$tmp/g$n" -q > /dev/null
  TIMEFORMAT="$n sites: chainnet report --analyses info,criticality,sweep (load included, 2 threads): %R s"
  time build/bin/chainnet report "$tmp/g$n/scenario.yaml" --analyses info,criticality,sweep -o "$tmp/r$n" -q > /dev/null
  /usr/bin/python3 "$tmp/open.py" "$tmp/r$n/report.html"
done
n=${sizes##*,}
echo "map sampling limit, $n sites:"
pages=()
for m in 2500 10000 40000; do
  mkdir -p "$tmp/map_sites_$m"
  build/bin/chainnet report "$tmp/g$n/scenario.yaml" --analyses info,criticality,sweep --map-sites "$m" --map-links $((2 * m)) \
    -o "$tmp/map_sites_$m" -q > /dev/null
  pages+=("$tmp/map_sites_$m/report.html")
done
/usr/bin/python3 "$tmp/open.py" "${pages[@]}"
