"""Routes and matrices against networkx on 200 seeded random lane graphs of varied shape."""
import itertools
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import chainnet as cn
from conftest import run_cli

SHAPES = ["sparse", "dense", "grid", "disconnected", "parallel", "zero_cost"]


def random_lanes(seed):
    """A random lane graph: (chain, networkx DiGraph keeping the cheapest parallel lane)."""
    rng = random.Random(seed)
    shape = SHAPES[seed % len(SHAPES)]
    arcs = []
    if shape == "grid":
        side = rng.randint(2, 6)
        n = side * side
        for r, c in itertools.product(range(side), range(side)):
            v = r * side + c
            if c + 1 < side:
                arcs += [(v, v + 1), (v + 1, v)]
            if r + 1 < side:
                arcs += [(v, v + side), (v + side, v)]
    else:
        n = rng.randint(2, 30)
        m = {"sparse": n + rng.randint(0, n), "dense": n * rng.randint(3, 8), "disconnected": n // 2,
             "parallel": 2 * n, "zero_cost": 2 * n}[shape]
        for _ in range(m):
            u, v = rng.randrange(n), rng.randrange(n)
            if u != v:
                arcs.append((u, v))
        if shape == "parallel":
            arcs += arcs[: len(arcs) // 2]
    weights = []
    for _ in arcs:
        if shape == "zero_cost" and rng.random() < 0.3:
            weights.append(0.0)
        else:
            weights.append(float(rng.randint(1, 20)) if rng.random() < 0.5 else round(rng.uniform(0.1, 20), 3))
    times = [float(rng.randint(1, 10)) for _ in arcs]
    sites = pd.DataFrame({"id": [f"n{i}" for i in range(n)], "kind": ["warehouse"] * n})
    lanes = pd.DataFrame({"from": [f"n{u}" for u, _ in arcs], "to": [f"n{v}" for _, v in arcs],
                          "mode": ["road"] * len(arcs), "cost": weights, "time_h": times})
    chain = cn.Chain.from_frames(sites=sites, lanes=lanes)
    g = nx.DiGraph()
    g.add_nodes_from(f"n{i}" for i in range(n))
    for (u, v), w, t in zip(arcs, weights, times):
        a, b = f"n{u}", f"n{v}"
        if not g.has_edge(a, b) or g[a][b]["weight"] > w:
            g.add_edge(a, b, weight=w, time=t)
    # Every lane as its own node between its ends: simple node paths here are the lane sequences
    # (routes), parallel lanes included, which is what k alternatives enumerate.
    g.graph["lanes"] = nx.DiGraph()
    for i, ((u, v), w) in enumerate(zip(arcs, weights)):
        g.graph["lanes"].add_edge(f"n{u}", ("lane", i), weight=w)
        g.graph["lanes"].add_edge(("lane", i), f"n{v}", weight=0.0)
    return chain, g, n


@pytest.mark.parametrize("seed", range(200))
def test_routes_and_matrices_match_networkx(seed):
    chain, g, n = random_lanes(seed)
    rng = random.Random(1000 + seed)
    nodes = [f"n{i}" for i in range(n)]
    # the full matrix against single-source Dijkstra
    m = cn.distance_matrix(chain, by="cost", threads=1 + seed % 3)
    ch = cn.distance_matrix(chain, by="cost", threads=1 + seed % 3, method="ch")  # contraction hierarchy
    assert list(m.index) == nodes and list(m.columns) == nodes
    for s in nodes:
        ref = nx.single_source_dijkstra_path_length(g, s, weight="weight")
        for row in (m.loc[s], ch.loc[s]):
            for t in nodes:
                if t in ref:
                    assert row[t] == pytest.approx(ref[t], abs=1e-9)
                else:
                    assert math.isnan(row[t])
    # routes and k alternatives between a few pairs
    for _ in range(3):
        a, b = rng.sample(nodes, 2) if n > 1 else (nodes[0], nodes[0])
        paths = cn.route(chain, a, b, by="cost", k=4)
        if not nx.has_path(g, a, b):
            assert paths == []
            continue
        assert paths[0].weight == pytest.approx(nx.dijkstra_path_length(g, a, b, weight="weight"), abs=1e-9)
        gl = g.graph["lanes"]
        ref = [sum(gl[u][v]["weight"] for u, v in zip(p, p[1:]))
               for p in itertools.islice(nx.shortest_simple_paths(gl, a, b, weight="weight"), 4)]
        assert [p.weight for p in paths] == pytest.approx(ref, abs=1e-9)
        assert len({tuple(p.lanes["lane"]) for p in paths}) == len(paths)
        for p in paths:
            assert len(set(p.nodes)) == len(p.nodes)  # loopless
            assert p.nodes[0] == a and p.nodes[-1] == b
            assert p.cost == pytest.approx(p.weight)


@pytest.mark.parametrize("seed", range(40))
def test_time_limited_routes_match_brute_force(seed):
    chain, g, n = random_lanes(seed)
    rng = random.Random(7 + seed)
    nodes = [f"n{i}" for i in range(n)]
    if n > 12:  # keep the enumeration of simple paths small
        return
    for _ in range(3):
        a, b = rng.sample(nodes, 2)
        limit = rng.randint(1, 30)
        best = math.inf
        for p in nx.all_simple_paths(g, a, b):
            t = sum(g[u][v]["time"] for u, v in zip(p, p[1:]))
            if t <= limit:
                best = min(best, sum(g[u][v]["weight"] for u, v in zip(p, p[1:])))
        # the DiGraph keeps the cheapest parallel lane; brute force over lanes needs the multigraph
        got = cn.route(chain, a, b, by="cost", max_time=limit)
        if got:
            assert got[0].time_h <= limit + 1e-9
            assert got[0].weight <= best + 1e-9
        elif not math.isinf(best):
            pytest.fail(f"no route found but one of cost {best} exists")


def test_avoid_and_errors(default_chain):
    c = default_chain
    base = cn.route(c, "mine_greenbushes", "refinery_jx", by="cost")[0]
    assert "hub_wuhan" in base.nodes
    alt = cn.route(c, "mine_greenbushes", "refinery_jx", by="cost", avoid=["hub_wuhan"])[0]
    assert "hub_wuhan" not in alt.nodes and alt.weight >= base.weight
    assert cn.route(c, "mine_greenbushes", "refinery_jx", avoid="mode:sea") == []
    assert cn.route(c, "mine_greenbushes", "refinery_jx", avoid="CN-HB")[0].nodes == alt.nodes
    with pytest.raises(ValueError, match="did you mean 'refinery_jx'"):
        cn.route(c, "mine_greenbushes", "refinery_xj")
    with pytest.raises(ValueError, match="unknown metric"):
        cn.route(c, "mine_greenbushes", "refinery_jx", by="speed")
    g = cn.route(c, "mine_greenbushes", "refinery_jx", by="generalized", carbon_price=1.0)[0]
    assert g.generalized == pytest.approx(g.cost + 1.0 * g.co2)


def test_cli_route_k_over_parallel_lanes(tmp_path):
    import json
    # Road (cost 5) and rail (cost 3) both A -> B: two routes through the same nodes; k = 3
    # finds 2 and says so.
    path = tmp_path / "par.yaml"
    path.write_text("""chainnet: 1
sites: [{id: A, kind: supplier}, {id: B, kind: market}]
lanes:
  - {from: A, to: B, mode: road, cost: 5, time_h: 5}
  - {from: A, to: B, mode: rail, cost: 3, time_h: 20}
""")
    doc = json.loads(run_cli("route", path, "--from", "A", "--to", "B", "--k", "3", "--json").stdout)
    assert doc["found"] == 2 and doc["k"] == 3
    assert [p["lanes"][0]["mode"] for p in doc["paths"]] == ["rail", "road"]
    text = run_cli("route", path, "--from", "A", "--to", "B", "--k", "3").stdout
    assert "only 2 of the 3 routes asked for exist" in text
    chain = cn.load(str(path))
    assert [p.lanes["mode"][0] for p in cn.route(chain, "A", "B", k=2)] == ["rail", "road"]


def test_cli_route_and_matrix(scenarios, tmp_path):
    import json
    r = run_cli("route", scenarios / "default.yaml", "--from", "mine_greenbushes", "--to", "refinery_jx",
                "--by", "time", "--k", "2", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["status"] == "ok" and len(doc["paths"]) == 2 and doc["k"] == 2 and doc["found"] == 2
    p = doc["paths"][0]
    assert set(p) >= {"nodes", "lanes", "cost", "time_h", "distance_km", "co2", "generalized"}
    assert p["lanes"][0] == {"from": "mine_greenbushes", "to": "port_bunbury", "mode": "road", "lane": 0}
    r = run_cli("route", scenarios / "default.yaml", "--from", "market_east", "--to", "mine_greenbushes", "--json")
    assert json.loads(r.stdout) == {"status": "no_route", "by": "cost", "k": 1, "found": 0, "paths": []}
    outs = []
    for threads in (1, 2, 8):
        f = tmp_path / f"m{threads}.csv"
        r = run_cli("matrix", scenarios / "default.yaml", "--by", "time", "--threads", threads, "-o", f)
        assert r.returncode == 0, r.stderr
        outs.append(f.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    m = pd.read_csv(tmp_path / "m1.csv", index_col=0)
    ref = cn.distance_matrix(cn.load(scenarios / "default.yaml"), by="time")
    assert np.allclose(m.values, ref.values, equal_nan=True)
    r = run_cli("matrix", scenarios / "default.yaml", "--sources", "port_shanghai", "--targets", "pack_shanghai", "--json")
    assert json.loads(r.stdout)["values"] == [[1.0]]
    assert run_cli("matrix", scenarios / "default.yaml", "--sources", "nowhere").returncode == 2
    f = tmp_path / "ch.csv"
    assert run_cli("matrix", scenarios / "default.yaml", "--by", "time", "--method", "ch", "-o", f).returncode == 0
    assert np.allclose(pd.read_csv(f, index_col=0).values, ref.values, equal_nan=True)
    r = run_cli("matrix", scenarios / "default.yaml", "--method", "ch", "--avoid", "sea")
    assert r.returncode == 2 and "contraction hierarchy cannot avoid" in r.stderr
    r = run_cli("matrix", scenarios / "default.yaml", "--method", "fast")
    assert r.returncode == 2 and "unknown matrix method 'fast'" in r.stderr
