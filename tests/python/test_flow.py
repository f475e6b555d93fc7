"""Flow plans: single-product plans against networkx network_simplex on 200 seeded random chains
(an independent model built here from the same tables), and the CLI / run / Python faces."""
import json
import math
import random

import networkx as nx
import pandas as pd
import pytest

import chainnet as cn
from conftest import run_cli


def random_single_product(seed):
    """(chain, networkx cost) for a random one-product chain with traders and lanes."""
    rng = random.Random(seed)
    value = rng.randint(50, 300)
    makers = [f"m{i}" for i in range(rng.randint(1, 5))]
    traders = [f"t{i}" for i in range(rng.randint(0, 3))]
    markets = [f"k{i}" for i in range(rng.randint(1, 4))]
    hubs = [f"h{i}" for i in range(rng.randint(0, 3))]
    sites = makers + traders + markets
    kinds = ["supplier"] * len(makers) + ["warehouse"] * len(traders) + ["market"] * len(markets)
    cap = lambda lo, hi, p: float(rng.randint(lo, hi)) if rng.random() < p else math.nan
    capacities = pd.DataFrame({"site": makers, "product": "x",
                               "capacity": [cap(0, 60, 0.7) for _ in makers],
                               "cost": [float(rng.randint(1, 80)) for _ in makers],
                               "co2": [float(rng.randint(0, 5)) for _ in makers]})
    demands = pd.DataFrame({"site": markets, "product": "x",
                            "quantity": [float(rng.randint(1, 50)) for _ in markets]})
    supplies = []
    sellers = list(makers)
    for t in traders:
        for m in rng.sample(makers, rng.randint(1, len(makers))):
            supplies.append((m, t))
        sellers.append(t)
    for k in markets:
        for s in rng.sample(sellers, rng.randint(1, min(3, len(sellers)))):
            supplies.append((s, k))
    for t in traders:  # every trader sells to someone
        if not any(a == t for a, _ in supplies):
            supplies.append((t, rng.choice(markets)))
    sup = pd.DataFrame({"from": [a for a, _ in supplies], "to": [b for _, b in supplies], "product": "x",
                        "capacity": [cap(0, 40, 0.3) for _ in supplies]})
    nodes = sites + hubs
    lanes = []
    for _ in range(rng.randint(0, 3 * len(nodes))):
        a, b = rng.sample(nodes, 2)
        lanes.append((a, b, float(rng.randint(0, 20)), float(rng.randint(0, 6))))
    carbon = float(rng.choice([0, 1, 2]))
    chain = cn.Chain.from_frames(
        products=pd.DataFrame({"id": ["x"], "value": [float(value)]}),
        sites=pd.DataFrame({"id": sites, "kind": kinds}),
        hubs=pd.DataFrame({"id": hubs}) if hubs else None,
        capacities=capacities, demands=demands, supplies=sup,
        lanes=pd.DataFrame({"from": [l[0] for l in lanes], "to": [l[1] for l in lanes], "mode": "road",
                            "cost": [l[2] for l in lanes], "co2": [l[3] for l in lanes]}) if lanes else None,
        settings={"carbon_price": carbon})

    # The oracle: a min-cost flow from a super source S, built and solved by networkx alone.
    roads = nx.DiGraph()
    roads.add_nodes_from(nodes)
    for a, b, c, co2 in lanes:
        w = c + carbon * co2
        if not roads.has_edge(a, b) or roads[a][b]["weight"] > w:
            roads.add_edge(a, b, weight=w)
    g = nx.MultiDiGraph()
    total = int(demands.quantity.sum())
    g.add_node("S", demand=-total)
    for s in sites:
        g.add_node(s, demand=0)
    for k, d in zip(markets, demands.quantity):
        g.nodes[k]["demand"] = int(d)
        g.add_edge("S", k, weight=value, capacity=int(d))  # lost sale
    for _, r in capacities.iterrows():
        attrs = {"weight": int(r.cost + carbon * r.co2)}
        if not math.isnan(r.capacity):
            attrs["capacity"] = int(r.capacity)
        g.add_edge("S", r.site, **attrs)
    for (a, b), c in zip(supplies, sup.capacity):
        try:
            w = nx.dijkstra_path_length(roads, a, b)
        except nx.NetworkXNoPath:
            w = 0
        attrs = {"weight": int(w)}
        if not math.isnan(c):
            attrs["capacity"] = int(c)
        g.add_edge(a, b, **attrs)
    cost, _ = nx.network_simplex(g)
    return chain, cost


@pytest.mark.parametrize("block", range(10))
def test_single_product_cost_matches_networkx(block):
    for seed in range(block * 20, block * 20 + 20):
        chain, expected = random_single_product(seed)
        plan = cn.flow_plan(chain)
        assert plan.status == "optimal"
        assert plan.method == "network"
        assert plan.total_cost == pytest.approx(expected, rel=1e-9, abs=1e-9), seed
        lp = cn.flow_plan(chain, method="lp")
        assert lp.total_cost == pytest.approx(expected, rel=1e-7, abs=1e-7), seed
        # the parts add up, served + unmet = demand
        assert plan.total_cost == pytest.approx(plan.production_cost + plan.transport_cost +
                                                plan.carbon_cost + plan.lost_sale_cost)
        assert plan.served + plan.unmet.quantity.sum() == pytest.approx(plan.demand)


def test_flow_plan_frames(default_chain):
    plan = cn.flow_plan(default_chain)
    assert plan.status == "optimal"
    assert plan.method == "lp"
    assert plan.served == pytest.approx(plan.demand)
    assert list(plan.flows.columns) == ["from", "to", "product", "quantity", "unit_transport_cost",
                                        "unit_co2", "lane_path"]
    assert (plan.flows.quantity > 0).all()
    routed = plan.flows[plan.flows.lane_path.notna()]
    assert len(routed) > 0
    for _, f in routed.iterrows():
        assert f.lane_path[0] == f["from"] and f.lane_path[-1] == f["to"]
    assert set(plan.bottlenecks.kind) <= {"lane", "supply", "production"}
    assert (plan.bottlenecks.shadow_price > 0).all()
    assert list(plan.bottlenecks.shadow_price) == sorted(plan.bottlenecks.shadow_price, reverse=True)
    assert (plan.production.quantity <= plan.production.capacity + 1e-9).all()
    # the marginal vehicle costs less than it is worth, or the plan would not serve it
    vehicle = plan.prices[(plan.prices["product"] == "vehicle") & plan.prices.site.str.startswith("market")]
    assert (vehicle.price < 220000).all()
    # a lower lost-sale penalty gives up demand, never costs more
    cheap = cn.flow_plan(default_chain, penalty_factor=0.3)
    assert cheap.total_cost <= plan.total_cost + 1e-6
    assert cheap.served < plan.served
    with pytest.raises(ValueError, match="method"):
        cn.flow_plan(default_chain, method="simplex")
    with pytest.raises(ValueError, match="network method"):
        cn.flow_plan(default_chain, method="network")


def test_flow_cli_json_and_tables(scenarios, tmp_path):
    r = run_cli("flow", str(scenarios / "default.yaml"), "--json", "-o", str(tmp_path / "plan"))
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ("status", "total_cost", "transport_cost", "production_cost", "co2", "flows",
                "production", "unmet", "bottlenecks"):
        assert key in d
    assert d["status"] == "optimal"
    for f in d["flows"]:
        assert set(f) >= {"from", "to", "product", "quantity", "lane_path"}
    plan = cn.flow_plan(cn.load(scenarios / "default.yaml"))
    assert d["total_cost"] == pytest.approx(plan.total_cost, rel=1e-12)
    for name in ("flow.json", "flows.csv", "production.csv", "unmet.csv", "bottlenecks.csv"):
        assert (tmp_path / "plan" / name).exists()
    flows = pd.read_csv(tmp_path / "plan" / "flows.csv")
    assert len(flows) == len(d["flows"])
    assert flows.quantity.sum() == pytest.approx(sum(f["quantity"] for f in d["flows"]))
    r = run_cli("flow", str(scenarios / "default.yaml"))
    assert r.returncode == 0 and "flow plan: optimal" in r.stdout


def test_flow_in_run(scenarios, tmp_path):
    r = run_cli("run", str(scenarios / "rail_traction.yaml"), "--analyses", "flow", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "results.json").read_text())
    assert res["analyses"] == ["flow"]
    assert res["flow"]["status"] == "optimal"
    assert (tmp_path / "bottlenecks.csv").exists()


def test_flow_cli_bad_arguments(scenarios):
    r = run_cli("flow", str(scenarios / "default.yaml"), "--method", "simplex")
    assert r.returncode == 2 and "unknown method 'simplex'" in r.stderr
    r = run_cli("flow", str(scenarios / "default.yaml"), "--method", "network")
    assert r.returncode == 2 and "bills of materials" in r.stderr
    r = run_cli("flow", str(scenarios / "default.yaml"), "--penalty-factor", "0")
    assert r.returncode == 2
