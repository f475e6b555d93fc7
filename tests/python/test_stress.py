"""Stress tests from the command line: JSON contract, bad input, determinism, and the sweep against
the plain-Python reference of the propagation model (bench/stress_reference.py)."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import chainnet as cn
from conftest import as_written

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = str(ROOT / "scenarios" / "default.yaml")
BIN = os.environ.get("CHAINNET_BIN", str(ROOT / "build" / "bin" / "chainnet"))


def run(*args, check=True):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def reference():
    spec = importlib.util.spec_from_file_location("stress_reference", ROOT / "bench" / "stress_reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_stress_json_contract():
    doc = json.loads(run("stress", DEFAULT, "--disruption", "separator_fire", "--json").stdout)
    for key in ("lost_units_by_product", "lost_value", "recovery_period", "timeline", "worst_period", "first_loss_period"):
        assert key in doc
    assert doc["lost_value"] > 0
    row = doc["timeline"][0]
    assert set(("period", "market", "product", "demand", "served", "lost")) <= set(row)
    total = sum(r["lost_to_disruption"] for r in doc["timeline"])
    assert total == pytest.approx(sum(doc["lost_units_by_product"].values()), rel=1e-9)
    assert "lost_units" not in doc  # units are never summed across products
    for r in doc["timeline"]:
        assert r["served"] + r["lost"] == pytest.approx(r["demand"], rel=1e-12)


def test_stress_ad_hoc_site_and_errors(tmp_path):
    doc = json.loads(run("stress", DEFAULT, "--site", "cell_fujian", "--loss", "0.5", "--duration", "3", "--json").stdout)
    assert doc["label"] == "site cell_fujian"
    bad = run("stress", DEFAULT, "--disruption", "no_such", check=False)
    assert bad.returncode == 2 and "no disruption 'no_such'" in bad.stderr
    bad = run("stress", DEFAULT, "--site", "nowhere", check=False)
    assert bad.returncode == 2
    out = tmp_path / "s"
    run("stress", DEFAULT, "-o", str(out))
    assert {"stress.json", "stress_timeline.csv", "stress_sites.csv", "stress_disruptions.csv"} <= {p.name for p in out.iterdir()}


def test_montecarlo_same_on_any_thread_count_and_seed_matters():
    outs = [run("montecarlo", DEFAULT, "--runs", "2000", "--json", "--threads", str(t)).stdout for t in (1, 2, 8)]
    assert outs[0] == outs[1] == outs[2]
    doc = json.loads(outs[0])
    for key in ("runs", "seed", "mean", "std", "p50", "p95", "p99", "cvar95", "p_any_loss", "site_share"):
        assert key in doc
    assert doc["runs"] == 2000 and doc["seed"] == 7
    other = json.loads(run("montecarlo", DEFAULT, "--runs", "2000", "--json", "--seed", "8").stdout)
    assert other["mean"] != doc["mean"]
    import numpy as np
    v = np.array([r["lost_value"] for r in doc["per_run"]])
    assert doc["mean"] == pytest.approx(v.mean(), rel=1e-9)
    assert doc["std"] == pytest.approx(v.std(ddof=1), rel=1e-9)
    assert doc["p95"] == pytest.approx(np.percentile(v, 95), rel=1e-9)
    assert doc["p_any_loss"] == pytest.approx((v > 1e-9 * 990000000).mean())


def test_sweep_same_on_any_thread_count():
    outs = [run("sweep", DEFAULT, "--json", "--threads", str(t)).stdout for t in (1, 2, 8)]
    assert outs[0] == outs[1] == outs[2]
    doc = json.loads(outs[0])
    assert {"site", "lost_value_share"} <= set(doc["sites"][0])
    shares = [s["lost_value_share"] for s in doc["sites"]]
    assert shares == sorted(shares, reverse=True)


@pytest.mark.parametrize("scenario", ["default", "generated"])
def test_sweep_matches_the_plain_python_reference(scenario, tmp_path):
    path = DEFAULT
    if scenario == "generated":
        run("generate", "--sites", "60", "--seed", "4", "-o", str(tmp_path / "g"))
        path = str(tmp_path / "g" / "scenario.yaml")
    ref = reference()
    chain = cn.load(path)
    m = ref.Model(chain, cn.normal_plan(chain))
    horizon = int(chain.settings["horizon"])
    _, pipe_init = m.simulate({}, 1, zero_lead=True)
    base = m.lost_value({}, horizon, pipe_init)
    demand_value = sum(d * m.value[h[1]] for h, d in m.demand.items()) * horizon
    doc = json.loads(run("sweep", path, "--json", "--duration", "3").stdout)
    # Markets are demand, not failure candidates: the sweep leaves them out unless asked.
    markets = set(chain.sites.index[chain.sites["kind"] == "market"])
    assert markets and len(doc["sites"]) == len(m.sites) - len(markets)
    assert not markets & {s["site"] for s in doc["sites"]}
    both = json.loads(run("sweep", path, "--json", "--duration", "3", "--include-markets").stdout)
    assert len(both["sites"]) == len(m.sites)
    doc["sites"] += [s for s in both["sites"] if s["site"] in markets]
    for s in doc["sites"]:
        expect = (m.lost_value({s["site"]: (1.0, 0, 3)}, horizon, pipe_init) - base) / demand_value
        assert s["lost_value_share"] == pytest.approx(expect, abs=1e-9), s["site"]


# --- the Python API: the same numbers as the command line ---

def test_python_stress_matches_cli():
    chain = cn.load(DEFAULT)
    r = cn.stress(chain, disruption="separator_fire")
    doc = json.loads(run("stress", DEFAULT, "--disruption", "separator_fire", "--json").stdout)
    for key in ("lost_value", "recovery_period", "worst_period", "first_loss_period", "reach"):
        assert as_written(r.summary[key]) == doc[key], key
    assert len(r.timeline) == len(doc["timeline"])
    assert list(r.timeline.columns) == ["period", "market", "product", "demand", "served", "lost", "lost_to_disruption"]
    assert r.timeline["lost_to_disruption"].sum() == pytest.approx(sum(doc["lost_units_by_product"].values()), rel=1e-12)
    adhoc = cn.stress(chain, site="cell_fujian", loss=0.5, start=2, duration=3)
    doc = json.loads(run("stress", DEFAULT, "--site", "cell_fujian", "--loss", "0.5", "--start", "2", "--duration", "3",
                         "--json").stdout)
    assert as_written(adhoc.lost_value) == doc["lost_value"] and adhoc.label == "site cell_fujian"
    worst = cn.stress(chain)
    doc = json.loads(run("stress", DEFAULT, "--json").stdout)
    assert list(worst.disruptions["label"]) == [d["label"] for d in doc["disruptions"]]
    assert worst.label == doc["label"]
    assert worst.lost_value == worst.disruptions["lost_value"].max()
    with pytest.raises(ValueError, match="no disruption"):
        cn.stress(chain, disruption="nope")
    with pytest.raises(ValueError):
        cn.stress(chain, site="cell_fujian", loss=1.5)
    with pytest.raises(ValueError):
        cn.stress(chain, site="no_such_site")


def test_python_survival_sweep_montecarlo_match_cli():
    chain = cn.load(DEFAULT)
    s = cn.survival(chain, ttr=5)
    doc = json.loads(run("survival", DEFAULT, "--ttr", "5", "--json").stdout)
    assert list(s.sites["site"]) == [r["site"] for r in doc["sites"]]
    assert [as_written(x) for x in s.sites["performance_impact"]] == [r["performance_impact"] for r in doc["sites"]]
    assert [None if t == float("inf") else as_written(t) for t in s.sites["tts"]] == [r["tts"] for r in doc["sites"]]
    assert s.summary["at_risk"] == doc["at_risk"] and s.ttr == 5
    assert cn.survival(chain).ttr is None
    w = cn.sweep(chain, duration=3)
    doc = json.loads(run("sweep", DEFAULT, "--duration", "3", "--json").stdout)
    assert list(w.sites["site"]) == [r["site"] for r in doc["sites"]]
    assert [as_written(x) for x in w.sites["lost_value_share"]] == [r["lost_value_share"] for r in doc["sites"]]
    m = cn.monte_carlo(chain, runs=500, seed=9)
    doc = json.loads(run("montecarlo", DEFAULT, "--runs", "500", "--seed", "9", "--json").stdout)
    for key in ("runs", "seed", "mean", "std", "p50", "p95", "p99", "cvar95", "p_any_loss"):
        assert as_written(m.summary[key]) == doc[key], key
    assert list(m.site_share["site"]) == [r["site"] for r in doc["site_share"]]
    assert [as_written(x) for x in m.per_run["lost_value"]] == [r["lost_value"] for r in doc["per_run"]]
    with pytest.raises(ValueError):
        cn.sweep(chain, duration=0)
    with pytest.raises(ValueError):
        cn.survival(chain, ttr=-2)


def test_python_montecarlo_threads_and_seeds():
    chain = cn.load(DEFAULT)
    runs = [cn.monte_carlo(chain, runs=3000, seed=5, threads=t) for t in (1, 2, 8)]
    for r in runs[1:]:
        assert r.summary == runs[0].summary
        assert r.per_run.equals(runs[0].per_run)
    other = cn.monte_carlo(chain, runs=3000, seed=6)
    assert other.mean != runs[0].mean
    sweeps = [cn.sweep(chain, threads=t).sites for t in (1, 2, 8)]
    assert sweeps[0].equals(sweeps[1]) and sweeps[0].equals(sweeps[2])
    surv = [cn.survival(chain, threads=t).sites for t in (1, 2, 8)]
    assert surv[0].equals(surv[1]) and surv[0].equals(surv[2])


# --- one operating model: the normal plan ---

SHARES_CHAIN = """chainnet: 1
settings: {horizon: 4}
products: [{id: wafer, value: 1}, {id: chip, value: 10, inputs: {wafer: 1}}]
sites:
  - {id: W1, kind: supplier, makes: {wafer: {capacity: 60}}}
  - {id: W2, kind: supplier, makes: {wafer: {capacity: 100}}}
  - {id: F1, kind: plant, makes: {chip: {capacity: 200}}}
  - {id: F2, kind: plant, makes: {chip: {capacity: 200}}}
  - {id: D, kind: warehouse}
  - {id: M, kind: market, demand: {chip: 160}}
supplies:
  - {from: W1, to: F1, product: wafer}
  - {from: W2, to: F2, product: wafer}
  - {from: F1, to: D, product: chip}
  - {from: F2, to: D, product: chip}
  - {from: D, to: M, product: chip}
"""


def test_no_baseline_loss_when_the_flow_plan_serves_all(tmp_path):
    # Equal shares would order 80 chips from F1, whose only wafer maker W1 makes 60: 20 chips
    # (value 200) lost every period with nothing disrupted. The normal plan is the flow plan:
    # F1 makes 60 and F2 100, so nothing is lost, and a negligible shock loses nothing.
    path = tmp_path / "shares.yaml"
    path.write_text(SHARES_CHAIN)
    r = run("stress", str(path), "--site", "M", "--loss", "1e-9", "--start", "3", "--duration", "1", "--json")
    doc = json.loads(r.stdout)
    assert "warning" not in r.stderr
    assert doc["baseline_lost_value"] == 0
    assert doc["lost_value"] == pytest.approx(0, abs=1e-5)
    assert doc["worst_period"] is None or doc["lost_value_by_period"][doc["worst_period"]] < 1e-5
    assert all(row["served"] == pytest.approx(160) for row in doc["timeline"] if row["period"] != 3)
    chain = cn.load(str(path))
    plan = cn.normal_plan(chain)
    q = dict(zip(zip(plan.supplies["from"], plan.supplies["to"]), plan.supplies["quantity"]))
    assert q[("W1", "F1")] == pytest.approx(60) and q[("F1", "D")] == pytest.approx(60)
    assert q[("W2", "F2")] == pytest.approx(100) and q[("F2", "D")] == pytest.approx(100)
    assert plan.lost_value == 0 and plan.warnings == []
    flow = cn.flow_plan(chain)
    assert flow.served == pytest.approx(160)


def test_a_short_chain_warns_and_keeps_the_baseline_apart(tmp_path):
    # W1 makes 60 wafers, M wants 100 chips of one wafer each: 40 chips (value 400) are short
    # every period with nothing disrupted. W1 down in period 1 loses the other 60 (value 600).
    path = tmp_path / "short.yaml"
    path.write_text("""chainnet: 1
settings: {horizon: 4}
products: [{id: wafer, value: 1}, {id: chip, value: 10, inputs: {wafer: 1}}]
sites:
  - {id: W1, kind: supplier, makes: {wafer: {capacity: 60}}}
  - {id: F1, kind: plant, makes: {chip: {capacity: 200}}}
  - {id: M, kind: market, demand: {chip: 100}}
supplies:
  - {from: W1, to: F1, product: wafer}
  - {from: F1, to: M, product: chip}
""")
    v = run("validate", str(path))
    assert "normal plan: market 'M' is short of 40 of its 100 'chip'" in v.stderr and "F1" in v.stderr
    r = run("stress", str(path), "--site", "W1", "--start", "1", "--duration", "1", "--json")
    assert "warning: normal plan" in r.stderr
    doc = json.loads(r.stdout)
    assert doc["baseline_lost_value"] == pytest.approx(400)
    assert doc["lost_value"] == pytest.approx(600)
    assert doc["total_lost_value"] == pytest.approx(600 + 4 * 400)
    assert doc["lost_value_by_period"] == pytest.approx([0, 600, 0, 0])
    assert doc["baseline_lost_value_by_period"] == pytest.approx([400] * 4)
    assert doc["worst_period"] == 1 and doc["recovery_period"] == 2
    q = run("stress", str(path), "--site", "W1", "--start", "1", "--duration", "1", "--json", "-q")
    assert q.stderr == ""
    res = json.loads(run("run", str(path), "--analyses", "validate,stress", "-o", str(tmp_path / "o"), "--json").stdout)
    assert any("normal plan" in w["message"] for w in res["validate"]["warnings"])
    assert res["normal_plan"]["baseline_lost_value"] == pytest.approx(400)
