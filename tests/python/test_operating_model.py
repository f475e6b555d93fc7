"""One operating model, checked against an independent LP solver (scipy's linprog, HiGHS): the
re-plan under a site failure and the time-phased optimal response, both written here from the
scenario in their natural form (model.md and docs/models.md), on 40 seeded random chains; and the
command line, `run` and Python giving the same numbers."""
import json

import numpy as np
import pytest
from scipy.optimize import linprog

import chainnet as cn
from conftest import as_written
from test_survival import DEFAULT, RandomChain, run


def replan_lost(ch, down):
    """Least lost demand value of one period with the sites in `down` failed (lines idle, nothing
    shipped or sold there): makes cost nothing in these chains, so the plan's cost is its lost
    sales."""
    hs = ch.holdings()
    idx = {h: i for i, h in enumerate(hs)}
    cols, bounds, cost = [], [], []
    for s, mk in ch.makes.items():
        for p, cap in mk.items():
            cols.append(("x", s, p))
            bounds.append((0, 0 if s in down else (None if np.isinf(cap) else cap)))
            cost.append(0.0)
    for e, (a, b, p, cap) in enumerate(ch.supplies):
        cols.append(("z", e))
        bounds.append((0, 0 if a in down else cap))
        cost.append(0.0)
    for h, d in ch.demand.items():
        cols.append(("u", h))
        bounds.append((d if h[0] in down else 0, d))
        cost.append(ch.value[h[1]])
    A = np.zeros((len(hs), len(cols)))
    for j, c in enumerate(cols):
        if c[0] == "x":
            _, s, p = c
            A[idx[(s, p)], j] += 1
            for q, qty in ch.bom[p].items():
                A[idx[(s, q)], j] -= qty
        elif c[0] == "z":
            a, b, p, _ = ch.supplies[c[1]]
            A[idx[(b, p)], j] += 1
            A[idx[(a, p)], j] -= 1
        else:
            A[idx[c[1]], j] += 1
    rhs = np.array([ch.demand.get(h, 0.0) for h in hs])
    res = linprog(cost, A_eq=A, b_eq=rhs, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return res.fun


def optimal_lost(ch, down, horizon, start, duration):
    """Least lost demand value over `horizon` periods with `down` failed in start..start+duration-1:
    stock carried between periods; a site that is down ships and sells, up to each period of its
    outage, at most the stock it held when it went down (its lines idle, no arrivals passed on)."""
    hs = ch.holdings()
    T = horizon
    cols, bounds, cost = [], [], []
    col = {}

    def add(key, lo, hi, c=0.0):
        col[key] = len(cols)
        cols.append(key)
        bounds.append((lo, hi))
        cost.append(c)
    window = range(start, min(T, start + duration))
    for t in range(T):
        for s, mk in ch.makes.items():
            for p, cap in mk.items():
                add(("x", s, p, t), 0, 0 if (s in down and t in window) else (None if np.isinf(cap) else cap))
        for e, (a, b, p, cap) in enumerate(ch.supplies):
            add(("z", e, t), 0, cap)
        for h in hs:
            add(("s", h, t), 0, None)
        for h, d in ch.demand.items():
            add(("l", h, t), 0, d, ch.value[h[1]])
    A_eq, b_eq = [], []
    for t in range(T):
        for h in hs:
            row = np.zeros(len(cols))
            rhs = ch.demand.get(h, 0.0)
            if t == 0:
                rhs -= ch.stock.get(h, 0.0)
            else:
                row[col[("s", h, t - 1)]] += 1
            row[col[("s", h, t)]] -= 1
            if h in ch.demand:
                row[col[("l", h, t)]] += 1
            s_, p_ = h
            if p_ in ch.makes.get(s_, {}):
                row[col[("x", s_, p_, t)]] += 1
            for p, _ in ch.makes.get(s_, {}).items():
                if p_ in ch.bom[p]:
                    row[col[("x", s_, p, t)]] -= ch.bom[p][p_]
            for e, (a, b, p, _) in enumerate(ch.supplies):
                if (b, p) == h:
                    row[col[("z", e, t)]] += 1
                if (a, p) == h:
                    row[col[("z", e, t)]] -= 1
            A_eq.append(row)
            b_eq.append(rhs)
    A_ub, b_ub = [], []
    a = start
    for h in hs:
        if h[0] not in down:
            continue
        out = [e for e, (s, _, p, _) in enumerate(ch.supplies) if (s, p) == h]
        if not out and h not in ch.demand:
            continue
        for u in window:
            row = np.zeros(len(cols))
            rhs = 0.0
            if a == 0:
                rhs += ch.stock.get(h, 0.0)
            else:
                row[col[("s", h, a - 1)]] -= 1
            for tau in range(a, u + 1):
                for e in out:
                    row[col[("z", e, tau)]] += 1
                if h in ch.demand:
                    row[col[("l", h, tau)]] -= 1
                    rhs -= ch.demand[h]
            A_ub.append(row)
            b_ub.append(rhs)
    res = linprog(cost, A_eq=np.array(A_eq), b_eq=np.array(b_eq), A_ub=np.array(A_ub) if A_ub else None,
                  b_ub=np.array(b_ub) if b_ub else None, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return res.fun


@pytest.mark.parametrize("seed", range(44))  # 42 of them without rings of supplies
def test_replan_and_optimal_response_match_scipy(tmp_path, seed):
    ch = RandomChain(seed)
    path = tmp_path / "c.yaml"
    path.write_text(ch.yaml())
    chain = cn.load(str(path))
    if cn.normal_plan(chain).supplies["inert"].any():
        pytest.skip("a ring of supplies (inert in the operating model)")
    candidates = [s for s in ch.sites if ch.kind[s] != "market"]
    rng = np.random.default_rng(seed)
    for s in rng.choice(candidates, size=min(3, len(candidates)), replace=False):
        doc = json.loads(run("flow", path, "--site", s, "--json").stdout)
        want = replan_lost(ch, {s})
        assert doc["lost_sale_cost"] == pytest.approx(want, rel=1e-7, abs=1e-7), (seed, s)
        assert doc["delta"]["lost_sale_cost"] == pytest.approx(want - replan_lost(ch, set()), rel=1e-7, abs=1e-6)
        start, duration = int(rng.integers(0, 3)), int(rng.integers(1, 4))
        doc = json.loads(run("stress", path, "--site", s, "--start", start, "--duration", duration, "--horizon", 5,
                             "--response", "optimal", "--json").stdout)
        want = optimal_lost(ch, {s}, 5, start, duration)
        assert doc["total_lost_value"] == pytest.approx(want, rel=1e-5, abs=1e-6), (seed, s, start, duration)
        assert doc["response"] == "optimal" and doc["lp"]["rows"] > 0


def test_cli_run_and_python_agree(tmp_path):
    chain = cn.load(DEFAULT)
    cli = json.loads(run("stress", DEFAULT, "--disruption", "separator_fire", "--json").stdout)
    py = cn.stress(chain, disruption="separator_fire")
    assert as_written(py.lost_value) == cli["lost_value"] and as_written(py.baseline_lost_value) == cli["baseline_lost_value"]
    res = json.loads(run("run", DEFAULT, "--analyses", "stress,sweep", "-o", tmp_path / "o", "--json").stdout)
    each = {d["label"]: d for d in res["stress"]["disruptions"]}
    assert each["separator_fire"]["lost_value"] == cli["lost_value"]
    sweep = cn.sweep(chain, duration=int(np.ceil(chain.settings["ttr"])))
    by_site = {s["site"]: s["lost_value"] for s in res["sweep"]["sites"]}
    assert {k: as_written(v) for k, v in zip(sweep.sites["site"], sweep.sites["lost_value"])} == by_site
    opt_cli = json.loads(run("stress", DEFAULT, "--disruption", "separator_fire", "--response", "optimal", "--json").stdout)
    opt_py = cn.stress(chain, disruption="separator_fire", response="optimal")
    assert opt_py.lost_value == pytest.approx(opt_cli["lost_value"], rel=1e-12)
    assert opt_cli["lost_value"] <= cli["lost_value"] * (1 + 1e-9)
    flow_cli = json.loads(run("flow", DEFAULT, "--site", "cell_fujian", "--loss", "0.5", "--json").stdout)
    flow_py = cn.flow_plan(chain, site="cell_fujian", loss=0.5)
    assert flow_py.delta["total_cost"] == pytest.approx(flow_cli["delta"]["total_cost"], rel=1e-12)
    assert len(flow_py.delta_flows) == len(flow_cli["delta"]["flows"])


def test_bad_options_exit_2(tmp_path):
    for args in (["stress", DEFAULT, "--disruption", "no_such"], ["flow", DEFAULT, "--disruption", "no_such"],
                 ["stress", DEFAULT, "--site", "cell_fujian", "--loss", "2"], ["flow", DEFAULT, "--site", "nope"],
                 ["stress", DEFAULT, "--response", "best"], ["sweep", DEFAULT, "--stock", "gone"],
                 ["flow", DEFAULT, "--avoid", "mode:teleport"]):
        p = run(*args, check=False)
        assert p.returncode == 2, (args, p.stderr)
        assert p.stderr.strip() and "Traceback" not in p.stderr
