"""Weak links against networkx on 200 seeded random OR-only chains (an independent model built
here from the same tables): single points of failure vs immediate_dominators from a super-source,
betweenness vs betweenness_centrality(normalized=False), per-product max flow vs
maximum_flow_value. Then the known answers of the default scenario and the CLI / run faces."""
import json
import math
import random

import networkx as nx
import pandas as pd
import pytest

import chainnet as cn
from conftest import run_cli


def random_or_chain(seed):
    """(chain, tables) for a random chain without bills of materials: makers, traders that buy
    and resell (also to each other, so supplies form cycles), markets; zero and limited capacities."""
    rng = random.Random(seed)
    products = [f"p{i}" for i in range(rng.randint(1, 3))]
    makers = [f"m{i}" for i in range(rng.randint(1, 7))]
    traders = [f"t{i}" for i in range(rng.randint(0, 4))]
    markets = [f"k{i}" for i in range(rng.randint(1, 4))]
    sites = makers + traders + markets
    kinds = ["supplier"] * len(makers) + ["warehouse"] * len(traders) + ["market"] * len(markets)
    regions = [rng.choice(["A-1", "A-2", "B-1", "B-2", "C"]) for _ in sites]
    cap = lambda lo, hi, p: float(rng.randint(lo, hi)) if rng.random() < p else math.nan
    made = {m: rng.sample(products, rng.randint(1, len(products))) for m in makers}
    capacities = [(m, p, cap(0, 60, 0.6)) for m in makers for p in made[m]]
    holds = {s: set(made.get(s, [])) for s in sites}
    supplies = {}

    def sell(a, b, p):
        if a != b and (a, b, p) not in supplies:
            supplies[(a, b, p)] = cap(0, 40, 0.3)
            holds[b].add(p)

    for t in traders:
        p = rng.choice(products)
        for m in rng.sample(makers, rng.randint(1, len(makers))):
            if p in holds[m]:
                sell(m, t, p)
    for _ in range(rng.randint(0, 2 * len(traders))):  # traders trade with each other
        a, b = rng.sample(traders, 2) if len(traders) >= 2 else (None, None)
        if a and holds[a]:
            sell(a, b, rng.choice(sorted(holds[a])))
    demands = []
    for k in markets:
        p = rng.choice(products)
        demands.append((k, p, float(rng.randint(1, 50))))
        sellers = [s for s in makers + traders if p in holds[s]]
        for s in rng.sample(sellers, min(len(sellers), rng.randint(1, 3))):
            sell(s, k, p)
    for t in traders:  # a trader sells what it buys
        for p in sorted(holds[t]):
            if not any(a == t and q == p for a, _, q in supplies):
                buyers = [k for k, q, _ in demands if q == p]
                if buyers:
                    sell(t, rng.choice(buyers), p)
    # keep only supplies whose buyer uses the product: a market demanding it or a trader reselling it
    def used(b, p):
        return any(k == b and q == p for k, q, _ in demands) or any(a == b and q == p for a, _, q in supplies)
    while True:  # dropping a resale can leave its trader's purchase unused in turn
        kept = {k: v for k, v in supplies.items() if used(k[1], k[2])}
        if len(kept) == len(supplies):
            break
        supplies = kept
    sup = pd.DataFrame({"from": [a for a, _, _ in supplies], "to": [b for _, b, _ in supplies],
                        "product": [p for _, _, p in supplies], "capacity": list(supplies.values())})
    chain = cn.Chain.from_frames(
        products=pd.DataFrame({"id": products, "value": [float(rng.randint(1, 100)) for _ in products]}),
        sites=pd.DataFrame({"id": sites, "kind": kinds, "region": regions}),
        capacities=pd.DataFrame(capacities, columns=["site", "product", "capacity"]),
        demands=pd.DataFrame(demands, columns=["site", "product", "quantity"]),
        supplies=sup)
    return chain, dict(sites=sites, capacities=capacities, supplies=supplies, demands=demands, products=products)


def positive(c):
    return math.isnan(c) or c > 0


def oracle(t):
    """(single points as a set of (market, product, site), betweenness dict, max flow per product)"""
    g = nx.DiGraph()
    g.add_node("S")
    for m, p, c in t["capacities"]:
        if positive(c):
            g.add_edge("S", (m, p))
    for (a, b, p), c in t["supplies"].items():
        if positive(c):
            g.add_edge((a, p), (b, p))
    idom = nx.immediate_dominators(g, "S")
    spof = set()
    for k, p, _ in t["demands"]:
        v = (k, p)
        if v not in idom:
            continue
        while idom[v] != "S":
            v = idom[v]
            spof.add((k, p, v[0]))
    sg = nx.DiGraph()
    sg.add_nodes_from(t["sites"])
    for (a, b, p), c in t["supplies"].items():
        if positive(c):
            sg.add_edge(a, b)
    bc = nx.betweenness_centrality(sg, normalized=False)
    flows = {}
    for p in t["products"]:
        demand = sum(q for _, x, q in t["demands"] if x == p)
        if demand <= 0:
            continue
        f = nx.DiGraph()
        f.add_node("S")
        f.add_node("T")
        for m, x, c in t["capacities"]:
            if x == p and positive(c):
                f.add_edge("S", m, **({} if math.isnan(c) else {"capacity": c}))
        for (a, b, x), c in t["supplies"].items():
            if x == p and positive(c):
                f.add_edge(a, b, **({} if math.isnan(c) else {"capacity": c}))
        for k, x, q in t["demands"]:
            if x == p:
                f.add_edge(k, "T", capacity=q)
        flows[p] = nx.maximum_flow_value(f, "S", "T")
    return spof, bc, flows


@pytest.mark.parametrize("block", range(10))
def test_or_chains_match_networkx(block):
    for seed in range(block * 20, block * 20 + 20):
        chain, tables = random_or_chain(seed)
        expect_spof, expect_bc, expect_flow = oracle(tables)
        for method in ("dominators", "sweep"):
            r = cn.criticality(chain, method=method, orders=3)
            assert r.method == method
            got = set(map(tuple, r.single_points_of_failure[["market", "product", "site"]].values))
            assert got == expect_spof, (seed, method)
        bc = dict(zip(r.betweenness.site, r.betweenness.value))
        assert set(bc) == set(expect_bc)
        for s, v in expect_bc.items():
            assert bc[s] == pytest.approx(v, abs=1e-9), (seed, s)
        flows = dict(zip(r.bottlenecks["product"], r.bottlenecks.max_flow))
        assert set(flows) == set(expect_flow)
        for p, v in expect_flow.items():
            assert flows[p] == pytest.approx(v, rel=1e-9, abs=1e-9), (seed, p)
        for _, row in r.bottlenecks.iterrows():  # the cut's capacity is the max flow
            assert sum(a["capacity"] for a in row.cut) == pytest.approx(row.max_flow, rel=1e-9, abs=1e-9)


def test_default_scenario_known_weak_links(default_chain):
    r = cn.criticality(default_chain)
    assert r.method == "sweep"  # the chain has bills of materials
    single = set(map(tuple, r.single_sourced[["buyer", "product"]].values))
    # the stuck-neck inputs the scenario was written around
    for pair in [("cobalt_refinery_zj", "cobalt_hydroxide"), ("separator_yunnan", "polyethylene"),
                 ("refinery_atacama", "li_brine")]:
        assert pair in single, pair
    assert len(r.single_sourced) == 38
    assert (r.single_sourced.value_at_risk.diff().dropna() <= 1e-9).all()  # ranked
    assert r.master["site"] == "assembly_shanghai"
    hidden = r.hidden
    assert len(hidden) > 0 and (hidden.lowest_tier >= 2).all()
    assert "cobalt_katanga" in set(hidden.site)
    assert r.robustness.served_fraction_random.iloc[0] == pytest.approx(1.0)
    assert (r.hhi.hhi.between(0, 1)).all()


def test_threads_give_identical_reports():
    chain = cn.generate(sites=1500, seed=3)
    a = cn.criticality(chain, threads=1, samples=300)
    b = cn.criticality(chain, threads=2, samples=300)
    for key in ("single_points_of_failure", "single_sourced", "deep_tier", "betweenness", "robustness"):
        pd.testing.assert_frame_equal(getattr(a, key), getattr(b, key))
    assert not a.betweenness_exact and "standard_error" in a.betweenness


def test_criticality_cli_json_tables_and_run(scenarios, tmp_path):
    r = run_cli("criticality", scenarios / "default.yaml", "--json", "--orders", "5")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ("single_points_of_failure", "regional_single_points_of_failure", "single_sourced",
                "single_region", "hhi", "deep_tier", "bottlenecks", "betweenness", "robustness"):
        assert key in d, key
    assert set(d["single_points_of_failure"][0]) >= {"market", "product", "site"}
    assert set(d["deep_tier"][0]) >= {"site", "tiers", "tier1_dependents", "master_value_share"}
    assert set(d["robustness"][0]) >= {"removed_fraction", "served_fraction_random", "served_fraction_targeted"}
    r = run_cli("criticality", scenarios / "default.yaml", "--market", "market_east", "-o", tmp_path / "w")
    assert r.returncode == 0, r.stderr
    assert "HIDDEN deep-tier" in r.stdout
    spof = pd.read_csv(tmp_path / "w" / "single_points_of_failure.csv")
    assert set(spof.market) == {"market_east"}
    assert (tmp_path / "w" / "criticality.json").exists()
    r = run_cli("run", scenarios / "default.yaml", "--analyses", "criticality", "-o", tmp_path / "run")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "run" / "results.json").read_text())
    assert res["criticality"]["master"]["site"] == "assembly_shanghai"
    assert (tmp_path / "run" / "single_sourced.csv").exists()


def test_criticality_bad_arguments(scenarios, default_chain, tmp_path):
    r = run_cli("criticality", scenarios / "default.yaml", "--master", "nobody", "-o", tmp_path / "x")
    assert r.returncode == 2 and "nobody" in r.stderr
    assert not (tmp_path / "x").exists()  # nothing half-written
    r = run_cli("criticality", scenarios / "default.yaml", "--method", "dominators")
    assert r.returncode == 2 and "BOM" in r.stderr
    r = run_cli("criticality", scenarios / "default.yaml", "--market", "cobalt_katanga")
    assert r.returncode == 2 and "no demand" in r.stderr
    r = run_cli("criticality", scenarios / "default.yaml", "--orders", "0")
    assert r.returncode == 2
    with pytest.raises(ValueError):
        cn.criticality(default_chain, method="magic")
    with pytest.raises(ValueError):
        cn.criticality(default_chain, master="nobody")
