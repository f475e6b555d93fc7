"""Time to survive and performance impact against an independent LP solver (scipy's linprog,
HiGHS) on seeded random small chains, written in the natural form of model.md (t as a variable
for the time to survive), plus the CLI / JSON contract."""
import json
import math
import os
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = str(ROOT / "scenarios" / "default.yaml")
BIN = os.environ.get("CHAINNET_BIN", str(ROOT / "build" / "bin" / "chainnet"))


def run(*args, check=True):
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=600)
    if check:
        assert p.returncode == 0, p.stderr
    return p


class RandomChain:
    """Raw materials, parts made from raw, finished goods made from parts; every product made by
    1-3 sites (some sites make two), each maker buying each input from 1-3 of its makers, markets
    buying finished goods directly or through a warehouse with stock."""

    def __init__(self, seed):
        rng = random.Random(seed)
        self.value, self.bom = {}, {}
        levels = [[f"r{i}" for i in range(rng.randint(1, 3))], [f"q{i}" for i in range(rng.randint(1, 3))],
                  [f"f{i}" for i in range(rng.randint(1, 2))]]
        for k, names in enumerate(levels):
            for p in names:
                self.value[p] = float(rng.randint(1, 100))
                self.bom[p] = {}
                if k > 0:
                    for q in rng.sample(levels[k - 1], rng.randint(1, len(levels[k - 1]))):
                        self.bom[p][q] = float(rng.choice([0.5, 1, 2, 3]))
        self.makes, self.stock, self.demand, self.ttr, self.kind = {}, {}, {}, {}, {}
        self.supplies = []  # (seller, buyer, product, capacity or None)
        makers = {}
        n = 0
        for names in levels:
            for p in names:
                makers[p] = []
                for _ in range(rng.randint(1, 3)):
                    others = [s for s in self.makes if p not in self.makes[s]]
                    if others and rng.random() < 0.15:  # an existing maker of another product
                        s = rng.choice(others)
                    else:
                        s = f"s{n}"
                        n += 1
                        self.makes[s], self.kind[s] = {}, "supplier"
                    self.makes[s][p] = float(rng.randint(0, 30)) if rng.random() < 0.9 else math.inf
                    makers[p].append(s)
        for s in list(self.makes):
            if rng.random() < 0.4:
                self.ttr[s] = float(rng.randint(1, 6))
            for p in self.makes[s]:
                if rng.random() < 0.3:
                    self.stock[(s, p)] = float(rng.randint(1, 40))
                for q in self.bom[p]:
                    if rng.random() < 0.3 and (s, q) not in self.stock:
                        self.stock[(s, q)] = float(rng.randint(1, 40))
                    for seller in rng.sample(makers[q], rng.randint(1, len(makers[q]))):
                        if seller != s and not any(e[:3] == (seller, s, q) for e in self.supplies):
                            cap = float(rng.randint(3, 25)) if rng.random() < 0.25 else None
                            self.supplies.append((seller, s, q, cap))
        for i in range(rng.randint(1, 3)):
            m, f = f"m{i}", rng.choice(levels[2])
            self.kind[m], self.makes[m] = "market", {}
            self.demand[(m, f)] = float(rng.randint(2, 15))
            if rng.random() < 0.4:
                w = f"w{i}"
                self.kind[w], self.makes[w] = "warehouse", {}
                self.stock[(w, f)] = float(rng.randint(0, 60))
                self.supplies.append((w, m, f, None))
                buyer = w
            else:
                buyer = m
            for seller in rng.sample(makers[f], rng.randint(1, len(makers[f]))):
                self.supplies.append((seller, buyer, f, None))
        self.sites = list(self.makes)
        self.settings_ttr = float(rng.randint(1, 5))

    def yaml(self):
        out = ["chainnet: 1", f"settings: {{ttr: {self.settings_ttr}}}", "products:"]
        for p, v in self.value.items():
            inputs = ", ".join(f"{q}: {a}" for q, a in self.bom[p].items())
            out.append(f"  - {{id: {p}, value: {v}" + (f", inputs: {{{inputs}}}}}" if inputs else "}"))
        out.append("sites:")
        for s in self.sites:
            parts = [f"id: {s}", f"kind: {self.kind[s]}"]
            if s in self.ttr:
                parts.append(f"ttr: {self.ttr[s]}")
            if self.makes[s]:
                parts.append("makes: {" + ", ".join(f"{p}: {{}}" if math.isinf(c) else f"{p}: {{capacity: {c}}}"
                                                    for p, c in self.makes[s].items()) + "}")
            st = {p: q for (x, p), q in self.stock.items() if x == s}
            if st:
                parts.append("stock: {" + ", ".join(f"{p}: {q}" for p, q in st.items()) + "}")
            dm = {p: q for (x, p), q in self.demand.items() if x == s}
            if dm:
                parts.append("demand: {" + ", ".join(f"{p}: {q}" for p, q in dm.items()) + "}")
            out.append("  - {" + ", ".join(parts) + "}")
        out.append("supplies:")
        for a, b, p, cap in self.supplies:
            out.append(f"  - {{from: {a}, to: {b}, product: {p}" + (f", capacity: {cap}}}" if cap is not None else "}"))
        return "\n".join(out) + "\n"

    # --- the LPs of model.md, built independently of chainnet ---
    def holdings(self):
        hs = set(self.stock) | set(self.demand)
        for s, mk in self.makes.items():
            for p in mk:
                hs.add((s, p))
                hs.update((s, q) for q in self.bom[p])
        for a, b, p, _ in self.supplies:
            hs.update({(a, p), (b, p)})
        return sorted(hs)

    def _rows(self, down, cols, t_coef, sold_to_demand):
        """Balance rows as A_ub x <= b_ub: -(in + x - use - out [+ l]) + demand t <= stock."""
        hs = self.holdings()
        A, b = [], []
        for h in hs:
            row = np.zeros(len(cols))
            for j, c in enumerate(cols):
                kind = c[0]
                if kind == "x":
                    s, p = c[1]
                    if (s, p) == h:
                        row[j] -= 1
                    if s == h[0] and h[1] in self.bom[p]:
                        row[j] += self.bom[p][h[1]]
                elif kind == "z":
                    a, bb, p, _ = self.supplies[c[1]]
                    if (bb, p) == h:
                        row[j] -= 1
                    if (a, p) == h:
                        row[j] += 1
                elif kind == "l" and c[1] == h:
                    row[j] -= 1
            t_coef(row, h)
            A.append(row)
            b.append(self.stock.get(h, 0.0))
        for h in hs:  # a site that is down ships and sells to final demand at most its stock
            if h[0] not in down:
                continue
            row = np.zeros(len(cols))
            for j, c in enumerate(cols):
                if c[0] == "z" and (self.supplies[c[1]][0], self.supplies[c[1]][2]) == h:
                    row[j] = 1
            constant = sold_to_demand(row, h) if self.demand.get(h, 0.0) > 0 else 0.0
            if row.any() or constant:
                A.append(row)
                b.append(self.stock.get(h, 0.0) - constant)
        return np.array(A), np.array(b)

    def impact(self, down, window):
        cols, bounds, cost = [], [], []
        for s, mk in self.makes.items():
            for p, cap in mk.items():
                cols.append(("x", (s, p)))
                bounds.append((0, 0 if s in down else (None if math.isinf(cap) else cap * window)))
                cost.append(0.0)
        for e, (_, _, _, cap) in enumerate(self.supplies):
            cols.append(("z", e))
            bounds.append((0, None if cap is None else cap * window))
            cost.append(0.0)
        for h, d in self.demand.items():
            cols.append(("l", h))
            bounds.append((0, d * window))
            cost.append(self.value[h[1]])
        demand_t = lambda row, h: None

        def sold(row, h):  # demand x window - l
            row[cols.index(("l", h))] = -1
            return self.demand[h] * window
        A, b = self._rows(down, cols, demand_t, sold)
        b = b - np.array([self.demand.get(h, 0.0) * window for h in self.holdings()] + [0.0] * (len(b) - len(self.holdings())))
        res = linprog(cost, A_ub=A, b_ub=b, bounds=bounds, method="highs")
        assert res.status == 0, res.message
        return res.fun

    def time_to_survive(self, down):
        cols, bounds = [], []
        for s, mk in self.makes.items():
            for p, cap in mk.items():
                cols.append(("x", (s, p)))
                bounds.append((0, 0 if s in down else None))
        for e in range(len(self.supplies)):
            cols.append(("z", e))
            bounds.append((0, None))
        cols.append(("t",))
        bounds.append((0, None))
        tj = len(cols) - 1

        def demand_t(row, h):
            row[tj] = self.demand.get(h, 0.0)

        def sold(row, h):  # every demand is met: demand x t
            row[tj] += self.demand[h]
            return 0.0
        A, b = self._rows(down, cols, demand_t, sold)
        extra_A, extra_b = [], []
        for j, c in enumerate(cols):  # capacities scale with t
            cap = None
            if c[0] == "x":
                cap = self.makes[c[1][0]][c[1][1]]
                cap = None if math.isinf(cap) else cap
            elif c[0] == "z":
                cap = self.supplies[c[1]][3]
            if cap is not None:
                row = np.zeros(len(cols))
                row[j], row[tj] = 1, -cap
                extra_A.append(row)
                extra_b.append(0.0)
        if extra_A:
            A, b = np.vstack([A, extra_A]), np.concatenate([b, extra_b])
        cost = np.zeros(len(cols))
        cost[tj] = -1
        # HiGHS's presolve may call an unbounded LP of this kind infeasible (t = 0 with nothing
        # moving is always feasible here), so the time to survive is solved without it.
        res = linprog(cost, A_ub=A, b_ub=b, bounds=bounds, method="highs", options={"presolve": False})
        if res.status == 3:
            return math.inf
        assert res.status == 0, res.message
        return res.x[tj]


@pytest.mark.parametrize("seed", range(40))
def test_tts_and_pi_match_scipy_linprog(tmp_path, seed):
    chain = RandomChain(seed)
    path = tmp_path / "c.yaml"
    path.write_text(chain.yaml())
    doc = json.loads(run("survival", path, "--json", "--include-markets").stdout)
    assert len(doc["sites"]) == len(chain.sites)
    for row in doc["sites"]:
        s = row["site"]
        ttr = chain.ttr.get(s, chain.settings_ttr)
        assert row["ttr"] == ttr
        want_pi = chain.impact({s}, ttr)
        assert row["performance_impact"] == pytest.approx(want_pi, rel=1e-6, abs=1e-6), (seed, s)
        want_tts = chain.time_to_survive({s})
        if math.isinf(want_tts):
            assert row["tts"] is None, (seed, s, row["tts"])
        else:
            assert row["tts"] is not None and row["tts"] == pytest.approx(want_tts, rel=1e-6, abs=1e-7), (seed, s)
        if abs(want_tts - ttr) > 1e-6 * ttr:  # a tie may fall either way
            assert row["at_risk"] == (want_tts < ttr)
    base = chain.time_to_survive(set())
    assert (doc["baseline_tts"] is None) == math.isinf(base)
    top = max(r["performance_impact"] for r in doc["sites"])
    for r in doc["sites"]:
        assert r["rei"] == pytest.approx(r["performance_impact"] / top if top > 0 else 0.0, rel=1e-12)


def test_oracle_covers_the_interesting_cases():
    """The random chains give finite, infinite and zero times to survive and non-zero impacts."""
    kinds = {"finite": 0, "infinite": 0, "zero": 0, "impact": 0}
    for seed in range(40):
        chain = RandomChain(seed)
        for s in chain.sites:
            t = chain.time_to_survive({s})
            kinds["infinite" if math.isinf(t) else "zero" if t == 0 else "finite"] += 1
            kinds["impact"] += chain.impact({s}, chain.ttr.get(s, chain.settings_ttr)) > 1e-9
    assert min(kinds.values()) >= 10, kinds


def test_survival_cli_contract_and_ttr_flag(tmp_path):
    doc = json.loads(run("survival", DEFAULT, "--json").stdout)
    for key in ("sites", "baseline_tts", "max_impact", "at_risk", "lp"):
        assert key in doc
    row = doc["sites"][0]
    assert set(("site", "tts", "ttr", "performance_impact", "rei", "at_risk")) <= set(row)
    assert row["rei"] == 1.0
    reis = [r["rei"] for r in doc["sites"]]
    assert reis == sorted(reis, reverse=True)
    assert doc["at_risk"] == sum(r["at_risk"] for r in doc["sites"])
    six = json.loads(run("survival", DEFAULT, "--ttr", "6", "--json").stdout)
    assert {r["ttr"] for r in six["sites"]} == {6}
    assert six["ttr"] == 6
    out = tmp_path / "s"
    text = run("survival", DEFAULT, "-o", out).stdout
    assert "time to survive" in text
    assert {"survival.json", "survival.csv"} <= {p.name for p in out.iterdir()}
    bad = run("survival", DEFAULT, "--ttr", "-1", check=False)
    assert bad.returncode == 2
    one, two = (run("survival", DEFAULT, "--json", "--threads", t).stdout for t in (1, 2))
    assert one == two
    full = {r["site"]: r for r in json.loads(one)["sites"]}
    some = json.loads(run("survival", DEFAULT, "--site", "body_anhui", "--site", "cobalt_katanga", "--json").stdout)
    assert {r["site"] for r in some["sites"]} == {"body_anhui", "cobalt_katanga"}
    for r in some["sites"]:
        assert r["performance_impact"] == full[r["site"]]["performance_impact"] and r["tts"] == full[r["site"]]["tts"]
    bad = run("survival", DEFAULT, "--site", "cobalt_katang", check=False)
    assert bad.returncode == 2 and "did you mean 'cobalt_katanga'" in bad.stderr
