"""report.html in a real browser: headless Chromium driven by Selenium (Debian's chromium,
chromium-driver and python3-selenium). The page must load without a JavaScript error, draw one
marker per located site, draw every chart, keep hostile names as text, and stay small and quick
on a 100,000-site chain. A screenshot of the default scenario's report is kept in the test output."""
import json
import math
import os
import pathlib
import re
import shutil
import time

import pytest

import chainnet as cn

REQUIRED = os.environ.get("CHAINNET_REQUIRE_BROWSER") == "1"
OUTPUT = pathlib.Path(os.environ.get("CHAINNET_TEST_OUTPUT",
                                     pathlib.Path(__file__).resolve().parents[2] / "build" / "test-output"))


def _webdriver():
    if REQUIRED:
        from selenium import webdriver
    else:
        webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium")
    driver_bin = shutil.which("chromedriver")
    if not (chromium and driver_bin):
        if REQUIRED:
            pytest.fail("chromium and chromedriver are required (scripts/test.sh installs them)")
        pytest.skip("no chromium / chromedriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
              "--disable-extensions", "--no-first-run"):
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver_bin), options=options)


@pytest.fixture(scope="module")
def browser():
    d = _webdriver()
    yield d
    d.quit()


def open_report(browser, path):
    """Loads the page; returns (seconds until the page said it was drawn, the page's state)."""
    browser.get_log("browser")  # drop what earlier pages logged
    start = time.perf_counter()
    browser.get(pathlib.Path(path).resolve().as_uri())
    while not browser.execute_script("return !!(window.chainnetReport && window.chainnetReport.ready)"):
        if time.perf_counter() - start > 60:
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    state = browser.execute_script(
        "var s = window.chainnetReport; return s && {markers: s.markers, hubMarkers: s.hubMarkers, lanes: s.lanes,"
        " supplies: s.supplies, charts: s.charts, tables: s.tables, errors: s.errors, ready: s.ready,"
        " siteLayer: s.siteLayer.getLayers().length};")
    return seconds, state


def console_errors(browser):
    return [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def page_data(path):
    text = pathlib.Path(path).read_text()
    m = re.search(r'<script type="application/json" id="chainnet-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


def canvas_ink(browser):
    """Per chart: how many pixels of its canvas were painted."""
    return browser.execute_script("""
        var out = {};
        document.querySelectorAll('#charts section.panel').forEach(function (p) {
          var c = p.querySelector('canvas'), g = c.getContext('2d');
          var px = g.getImageData(0, 0, c.width, c.height).data, ink = 0;
          for (var i = 3; i < px.length; i += 4) if (px[i] > 0) ++ink;
          out[p.id.replace('chart-', '')] = ink;
        });
        return out;""")


@pytest.fixture(scope="module")
def default_report(cli, scenarios, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    r = cli("report", scenarios / "default.yaml", "-o", out, "--budget", "5e7")
    assert r.returncode == 0, r.stderr
    return out / "report.html"


def test_default_report_draws_everything_without_errors(browser, default_report, default_chain):
    seconds, state = open_report(browser, default_report)
    assert state["ready"], state
    assert console_errors(browser) == []
    assert state["errors"] == []
    c = default_chain
    located_sites = int((c.sites["lat"].notna() & c.sites["lon"].notna()).sum())
    located_hubs = int((c.hubs["lat"].notna() & c.hubs["lon"].notna()).sum())
    assert state["markers"] == located_sites and located_sites > 0
    assert state["siteLayer"] == located_sites + located_hubs
    assert state["hubMarkers"] == located_hubs
    assert state["lanes"] == len(c.lanes)  # every lane of the default scenario joins located nodes
    # every chart the data calls for: the tiers, stress, Monte Carlo, robustness, TTS/TTR, sweep,
    # the variants and the strengthen frontier
    expected = {"tiers", "stress", "montecarlo", "robustness", "survival", "sweep", "compare", "frontier"}
    assert set(state["charts"]) == expected
    assert all(points > 0 for points in state["charts"].values()), state["charts"]
    ink = canvas_ink(browser)
    assert set(ink) == expected
    assert all(v > 2000 for v in ink.values()), ink
    for key in ("single_points_of_failure", "single_sourced", "deep_tier", "bottlenecks", "sites", "compare_kpis",
                "strengthen_steps"):
        assert state["tables"].get(key, 0) > 0, key
    assert seconds < 5
    # The screenshot of the whole page, kept with the test output.
    OUTPUT.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, min(int(height), 8000))
    shot = OUTPUT / "report-default.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 50_000


def test_tables_sort_by_a_click(browser, default_report):
    open_report(browser, default_report)
    values = browser.execute_script("""
        var table = document.querySelector('#table-single_sourced table');
        var th = table.querySelectorAll('th')[3];  // value_at_risk
        th.click();
        var up = Array.from(table.querySelectorAll('tbody tr')).map(function (r) { return r.children[3].textContent; });
        th.click();
        var down = Array.from(table.querySelectorAll('tbody tr')).map(function (r) { return r.children[3].textContent; });
        return [up, down, th.getAttribute('aria-sort')];""")
    up, down, sort = values
    parse = lambda s: float(s.replace(",", ""))
    assert [parse(x) for x in up] == sorted(parse(x) for x in up)
    assert [parse(x) for x in down] == sorted((parse(x) for x in down), reverse=True)
    assert sort == "descending"


def test_data_matches_the_chain_and_the_analyses(default_report, default_chain):
    data = page_data(default_report)
    c = default_chain
    assert data["counts"]["sites"] == len(c.sites)
    assert data["counts"]["supplies"] == len(c.supplies)
    ids = data["nodes"]["id"]
    assert sorted(ids) == sorted(list(c.sites.index) + list(c.hubs.index))
    # single points of failure flagged on the map are the criticality analysis's
    crit = cn.criticality(c)
    spof_sites = set(crit.single_points_of_failure["site"])
    flagged = {i for i, f in zip(ids, data["nodes"]["flags"]) if f & 1}
    assert flagged == spof_sites
    # at-risk sites are survival's
    sv = cn.survival(c).sites
    at_risk = set(sv.index[sv["at_risk"]]) if "site" not in sv.columns else set(sv.loc[sv["at_risk"], "site"])
    assert {i for i, f in zip(ids, data["nodes"]["flags"]) if f & 2} == at_risk
    # the Monte Carlo histogram counts every run
    mc = data["montecarlo"]
    assert sum(mc["counts"]) == mc["runs"]
    assert mc["var95"] <= mc["cvar95"]
    # the strengthen plan stays within its budget, and its frontier never rises
    st = data["strengthen"]
    assert st["total_cost"] <= st["budget"] and st["after"] <= st["before"]
    objs = [f["objective"] for f in st["frontier"]]
    assert all(b <= a + 1e-9 * max(1.0, abs(a)) for a, b in zip(objs, objs[1:]))


HOSTILE = """chainnet: 1
name: "<img src=x onerror=alert(2)> chain"
products: [{id: a}]
sites:
  - {id: "<script>alert(1)</script>", name: "a \\"quoted\\" & <b>bold</b>", kind: supplier, makes: {a: 10}, lat: 1, lon: 2, region: "<i>r</i>"}
  - {id: "m&m's", kind: market, demand: {a: 5}, lat: 3, lon: 4}
supplies: [{from: "<script>alert(1)</script>", to: "m&m's", product: a}]
disruptions:
  - {id: "</script><script>alert(3)</script>", sites: ["<script>alert(1)</script>"], start: 1, duration: 2}
"""


def test_hostile_names_render_as_text(browser, cli, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    (tmp_path / "h.yaml").write_text(HOSTILE)
    r = cli("report", tmp_path / "h.yaml", "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    path = tmp_path / "report.html"
    _, state = open_report(browser, path)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert state["ready"] and state["errors"] == [] and console_errors(browser) == []
    assert state["markers"] == 2
    # only the page's own five script elements; no element made from a name
    assert browser.execute_script("return document.scripts.length") == 5
    assert browser.execute_script("return document.querySelectorAll('main b, main i, main img').length") == 0
    cells = browser.execute_script(
        "return Array.from(document.querySelectorAll('#table-sites td')).map(function (td) { return td.textContent; })")
    assert "<script>alert(1)</script>" in cells
    assert 'a "quoted" & <b>bold</b>' in cells
    assert "<i>r</i>" in cells
    assert browser.execute_script("return document.getElementById('title').textContent") == "<img src=x onerror=alert(2)> chain"
    # a popup shows the id as text
    popup = browser.execute_script("""
        var layers = window.chainnetReport.siteLayer.getLayers();
        for (var i = 0; i < layers.length; ++i) {
          layers[i].openPopup();
          var p = document.querySelector('.leaflet-popup-content');
          if (p && p.textContent.indexOf('alert(1)') >= 0) return [p.textContent, p.querySelectorAll('script, b').length];
        }
        return null;""")
    assert popup is not None and "<script>alert(1)</script>" in popup[0] and popup[1] == 0


@pytest.fixture(scope="module")
def big_report(cli, tmp_path_factory):
    """The report of a generated 100,000-site chain (the analyses that take seconds at that size)."""
    d = tmp_path_factory.mktemp("big")
    r = cli("generate", "--sites", 100000, "--seed", 1, "-o", d)
    assert r.returncode == 0, r.stderr
    r = cli("report", d / "scenario.yaml", "-o", d, "--analyses", "info,criticality,sweep", "-q")
    assert r.returncode == 0, r.stderr
    return d / "report.html"


def test_report_of_100000_sites_is_small_and_opens_quickly(browser, big_report):
    size = big_report.stat().st_size
    assert size < 20 * 1024 * 1024, size
    data = page_data(big_report)
    assert data["counts"]["sites"] == 100000
    assert len(data["nodes"]["id"]) <= 10000
    assert any("The map shows" in n for n in data["notes"])
    seconds, state = open_report(browser, big_report)
    assert state["ready"] and state["errors"] == [] and console_errors(browser) == []
    located = sum(1 for k, la, lo in zip(data["nodes"]["kind"], data["nodes"]["lat"], data["nodes"]["lon"])
                  if k != "hub" and la is not None and lo is not None)
    assert state["markers"] == located
    notes = browser.execute_script("return document.getElementById('notes').textContent")
    assert "The map shows" in notes
    assert seconds < 5, seconds
    print(f"100,000-site report: {size / 1e6:.1f} MB, drawn in {seconds:.2f} s")


def test_python_report(default_chain, tmp_path):
    path = cn.report(default_chain, tmp_path / "r.html", analyses=["info", "criticality"])
    assert pathlib.Path(path) == tmp_path / "r.html"
    data = page_data(path)
    assert data["counts"]["sites"] == len(default_chain.sites)
    assert data["stress"] is None and data["robustness"] is not None


def test_report_bad_input(cli, scenarios, tmp_path):
    r = cli("report", scenarios / "default.yaml", "--analyses", "magic", "-o", tmp_path)
    assert r.returncode == 2 and "magic" in r.stderr
    assert not (tmp_path / "report.html").exists()
    r = cli("report", scenarios / "default.yaml", "--budget", "-1", "-o", tmp_path)
    assert r.returncode == 2
    (tmp_path / "s.yaml").write_text("chainnet: 1\nsettings: {report: {tiles: ftp://x}}\n")
    r = cli("validate", tmp_path / "s.yaml")
    assert r.returncode == 2 and "s.yaml:2:" in r.stderr and "tiles" in r.stderr


def test_settings_report_tiles_and_budget(cli, tmp_path):
    (tmp_path / "t.yaml").write_text("""chainnet: 1
settings: {report: {tiles: "https://tile.example.org/{z}/{x}/{y}.png"}}
products: [{id: a}]
sites:
  - {id: s, kind: supplier, makes: {a: 10}, lat: 1, lon: 2}
  - {id: m, kind: market, demand: {a: 5}, lat: 3, lon: 4}
supplies: [{from: s, to: m, product: a}]
""")
    r = cli("report", tmp_path / "t.yaml", "-o", tmp_path, "--analyses", "info")
    assert r.returncode == 0, r.stderr
    data = page_data(tmp_path / "report.html")
    assert data["meta"]["tiles"] == "https://tile.example.org/{z}/{x}/{y}.png"
    assert data["strengthen"] is None  # no budget, no candidates
    # the scenario's settings survive a round trip through the scenario writer
    chain = cn.load(tmp_path / "t.yaml")
    chain.write(tmp_path / "again")
    assert cn.load(tmp_path / "again" / "scenario.yaml").settings["report"]["tiles"] == data["meta"]["tiles"]
