"""Tidy outputs: run directories with a manifest, no float noise, true/false, no lists in CSV
cells, coordinates in per-site tables, stress tables for every disruption, matrix --long."""
import csv
import hashlib
import json
import re
import signal
import subprocess
import time

import pandas as pd
import pytest

from conftest import BIN, run_cli

NUMBER = re.compile(r"(?<![\w.])-?(\d+\.\d+|\d+)(e[+-]?\d+)?(?![\w.])")


def too_long(text):
    """Numbers written with more than 15 significant digits (floating-point noise such as
    900.0000000000001 takes 16 or 17)."""
    out = []
    for m in NUMBER.finditer(text):
        digits = m.group(1).replace(".", "").lstrip("0")
        if len(digits) > 15:
            out.append(m.group(0))
    return out


@pytest.fixture(scope="module")
def default_run(scenarios, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    r = run_cli("run", scenarios / "default.yaml", "-o", out)
    assert r.returncode == 0, r.stderr
    return out


def csv_files(d):
    return sorted(p for p in d.iterdir() if p.suffix == ".csv")


def test_manifest_names_the_scenario_and_every_file(default_run, scenarios):
    m = json.loads((default_run / "manifest.json").read_text())
    assert m["scenario"]["path"].endswith("default.yaml")
    assert m["scenario"]["sha256"] == hashlib.sha256((scenarios / "default.yaml").read_bytes()).hexdigest()
    assert m["chainnet"] == json.loads((default_run / "results.json").read_text())["chainnet"]
    assert sorted(m["files"]) == sorted(p.name for p in default_run.iterdir())
    doc = json.loads((default_run / "results.json").read_text())
    assert doc["scenario"]["file"].endswith("default.yaml") and doc["scenario"]["name"]


def test_second_run_replaces_exactly_the_first(scenarios, tmp_path):
    out = tmp_path / "out"
    assert run_cli("run", scenarios / "default.yaml", "-o", out).returncode == 0
    (out / "mine.txt").write_text("not chainnet's")
    first = set(json.loads((out / "manifest.json").read_text())["files"])
    r = run_cli("run", scenarios / "minimal.yaml", "-o", out, "--analyses", "info,flow")
    assert r.returncode == 0, r.stderr
    second = json.loads((out / "manifest.json").read_text())
    assert second["analyses"] == ["info", "flow"] and second["scenario"]["path"].endswith("minimal.yaml")
    assert {p.name for p in out.iterdir()} == set(second["files"]) | {"mine.txt"}
    assert first - set(second["files"])  # something of the first run was removed
    assert json.loads((out / "results.json").read_text())["scenario"]["file"].endswith("minimal.yaml")


def test_killed_run_leaves_the_earlier_files(scenarios, tmp_path):
    big = tmp_path / "big"
    assert run_cli("generate", "--sites", 60000, "--seed", 3, "-o", big).returncode == 0
    out = tmp_path / "out"
    assert run_cli("run", scenarios / "minimal.yaml", "-o", out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    p = subprocess.Popen([BIN, "run", str(big / "scenario.yaml"), "-o", str(out), "--analyses", "criticality,sweep,survival"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    assert p.poll() is None, "the run ended before it could be stopped; make the chain larger"
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_no_float_noise_and_true_false(default_run):
    text = (default_run / "results.json").read_text()
    assert too_long(text) == []
    for f in csv_files(default_run):
        assert too_long(f.read_text()) == [], f.name
    flows = pd.read_csv(default_run / "flows.csv", dtype=str).set_index(["from", "to"])
    assert flows.loc[("mine_greenbushes", "refinery_jx"), "quantity"] == "900"  # was 900.0000000000001
    for f in csv_files(default_run):
        frame = pd.read_csv(f, dtype=str, keep_default_na=False)
        for col in frame.columns:
            values = set(frame[col])
            if values and values <= {"0", "1", "true", "false"} and values & {"true", "false"}:
                assert values <= {"true", "false"}, (f.name, col)
        for col in ("at_risk", "hidden", "recovered", "only_as_region"):
            if col in frame.columns:
                assert set(frame[col]) <= {"true", "false"}, (f.name, col)


def test_no_lists_in_csv_cells(default_run):
    for f in csv_files(default_run):
        with f.open(newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert ";" not in cell, (f.name, cell)
    # the lists moved to long tables
    legs = pd.read_csv(default_run / "flow_legs.csv")
    flows = pd.read_csv(default_run / "flows.csv")
    key = ["from", "to", "product", "occurrence"]
    counted = legs.groupby(key).size().rename("n").reset_index()
    joined = flows.merge(counted, on=key, how="left").fillna({"n": 0})
    assert (joined["legs"] == joined["n"]).all()
    for _, f in flows[flows["legs"] > 0].iterrows():
        these = legs[(legs["from"] == f["from"]) & (legs["to"] == f["to"]) & (legs["product"] == f["product"]) &
                     (legs["occurrence"] == f["occurrence"])].sort_values("leg")
        assert "+".join(these["mode"]) == f["modes"]
        assert these["lane_from"].iloc[0] == f["from"] and these["lane_to"].iloc[-1] == f["to"]
    doc = json.loads((default_run / "results.json").read_text())
    cuts = pd.read_csv(default_run / "max_flow_cuts.csv")
    assert len(cuts) == sum(len(b["cut"]) for b in doc["criticality"]["bottlenecks"])
    tiers = pd.read_csv(default_run / "deep_tier_tiers.csv")
    assert len(tiers) == sum(len(d["tiers"]) for d in doc["criticality"]["deep_tier"])


def test_per_site_tables_carry_coordinates(default_run, default_chain):
    sites = default_chain.sites
    for name in ("survival.csv", "sweep.csv", "montecarlo_sites.csv", "site_impact.csv", "deep_tier.csv",
                 "betweenness.csv", "tiers.csv", "production.csv", "stress_sites.csv", "compare_sites.csv"):
        t = pd.read_csv(default_run / name)
        assert {"lat", "lon"} <= set(t.columns), name
        for _, row in t.head(20).iterrows():
            if row["site"] not in sites.index:  # compare_sites.csv: a variant's new site
                continue
            assert row["lat"] == pytest.approx(sites.loc[row["site"], "lat"]), name
            assert row["lon"] == pytest.approx(sites.loc[row["site"], "lon"]), name


def test_stress_tables_cover_every_disruption(default_run, default_chain):
    doc = json.loads((default_run / "results.json").read_text())
    labels = {d["label"] for d in doc["stress"]["disruptions"]}
    assert len(labels) == 5
    for name in ("stress_timeline.csv", "stress_sites.csv", "stress_disruptions.csv"):
        t = pd.read_csv(default_run / name)
        assert t.columns[0] == "disruption" and set(t["disruption"]) == labels, name
    timeline = pd.read_csv(default_run / "stress_timeline.csv")
    markets = len(timeline[(timeline["disruption"] == next(iter(labels))) & (timeline["period"] == 0)])
    assert len(timeline) == 5 * doc["stress"]["horizon"] * markets


def test_matrix_long(scenarios, tmp_path):
    wide, long = tmp_path / "w.csv", tmp_path / "l.csv"
    args = ["matrix", scenarios / "default.yaml", "--sources", "port_ningbo,port_shanghai", "--targets", "all", "--by", "cost"]
    assert run_cli(*args, "-o", wide).returncode == 0
    assert run_cli(*args, "--long", "-o", long).returncode == 0
    w = pd.read_csv(wide).set_index("source")
    lf = pd.read_csv(long)
    assert list(lf.columns) == ["source", "target", "value"]
    assert len(lf) == w.shape[0] * w.shape[1]
    for _, r in lf.iterrows():
        x = w.loc[r["source"], r["target"]]
        assert (pd.isna(x) and pd.isna(r["value"])) or x == r["value"]
