"""`chainnet export` and Chain.to_geojson / to_graphml / to_gexf / to_dot, read back by the tools
users open them with: geopandas (GeoJSON), networkx and igraph (GraphML), networkx (GEXF),
graphviz (DOT); counts and values checked against the chain, hostile names kept as text."""
import json
import math
import shutil
import subprocess

import networkx as nx
import pytest

import chainnet as cn


def test_geojson_cli_equals_python_and_reads_in_geopandas(cli, scenarios, default_chain, tmp_path):
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "chain.geojson"
    r = cli("export", scenarios / "default.yaml", "--format", "geojson", "--with", "survival", "-o", path)
    assert r.returncode == 0, r.stderr
    doc = default_chain.to_geojson(join=["survival"])
    assert json.loads(path.read_text()) == doc
    # RFC 7946: a FeatureCollection of Features, positions [lon, lat]
    assert doc["type"] == "FeatureCollection"
    c = default_chain
    n_nodes = len(c.sites) + len(c.hubs)
    n_edges = len(c.supplies) + len(c.lanes)
    assert len(doc["features"]) == n_nodes + n_edges
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        g = f["geometry"]
        if g is not None:
            pts = [g["coordinates"]] if g["type"] == "Point" else g["coordinates"]
            assert g["type"] in ("Point", "LineString")
            for lon, lat in pts:
                assert -180 <= lon <= 180 and -90 <= lat <= 90
    frame = gpd.read_file(path)
    assert len(frame) == n_nodes + n_edges
    sites = frame[frame["node"] == "site"].set_index("id")
    assert sorted(sites.index) == sorted(c.sites.index)
    for sid, row in c.sites.iterrows():
        got = sites.loc[sid]
        assert got["kind"] == row["kind"] and got["region"] == row["region"]
        if not math.isnan(row["lat"]):
            assert got.geometry.x == pytest.approx(row["lon"]) and got.geometry.y == pytest.approx(row["lat"])
    # joined survival numbers are the survival analysis's
    s = cn.survival(c).sites.set_index("site")
    for sid in s.index:
        assert sites.loc[sid, "performance_impact"] == pytest.approx(s.loc[sid, "performance_impact"], rel=1e-12)
        assert bool(sites.loc[sid, "at_risk"]) == bool(s.loc[sid, "at_risk"])
    edges = frame[frame["edge"].notna()]
    assert (edges["edge"] == "supply").sum() == len(c.supplies)
    assert (edges["edge"] == "lane").sum() == len(c.lanes)
    supplies = edges[edges["edge"] == "supply"].reset_index(drop=True)
    assert list(supplies["from"]) == list(c.supplies["from"]) and list(supplies["product"]) == list(c.supplies["product"])


def test_graphml_in_networkx_and_igraph(cli, scenarios, default_chain, tmp_path):
    c = default_chain
    path = tmp_path / "chain.graphml"
    c.to_graphml(path, join=["flow"])
    r = cli("export", scenarios / "default.yaml", "--format", "graphml", "--with", "flow", "-o", tmp_path / "cli.graphml")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "cli.graphml").read_text() == path.read_text()
    g = nx.read_graphml(path)
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_nodes() == len(c.sites) + len(c.hubs)
    assert g.number_of_edges() == len(c.supplies) + len(c.lanes)
    ttr = cn.survival(c).sites.set_index("site")["ttr"]  # each site's own ttr, else the default
    for sid, row in c.sites.iterrows():
        assert g.nodes[sid]["kind"] == row["kind"]
        if sid in ttr.index:
            assert g.nodes[sid]["ttr"] == pytest.approx(ttr[sid])
        assert isinstance(g.nodes[sid]["throughput"], float)
    supplies = [(a, b, d) for a, b, d in g.edges(data=True) if d["edge"] == "supply"]
    assert sorted((a, b, d["product"]) for a, b, d in supplies) == sorted(
        zip(c.supplies["from"], c.supplies["to"], c.supplies["product"]))
    lanes = [d for _, _, d in g.edges(data=True) if d["edge"] == "lane"]
    assert sorted(d["mode"] for d in lanes) == sorted(c.lanes["mode"])
    assert sum(d["distance_km"] for d in lanes) == pytest.approx(float(c.lanes["distance_km"].sum()))
    ig = pytest.importorskip("igraph")
    h = ig.Graph.Read_GraphML(str(path))
    assert h.is_directed()
    assert h.vcount() == g.number_of_nodes() and h.ecount() == g.number_of_edges()
    kinds = dict(zip(h.vs["id"], h.vs["kind"]))
    assert all(kinds[s] == k for s, k in c.sites["kind"].items())


def test_gexf_in_networkx(default_chain, tmp_path):
    c = default_chain
    path = tmp_path / "chain.gexf"
    c.to_gexf(path)
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == len(c.sites) + len(c.hubs)
    assert g.number_of_edges() == len(c.supplies) + len(c.lanes)
    assert all(g.nodes[s]["kind"] == k for s, k in c.sites["kind"].items())


def test_dot_renders_with_graphviz(default_chain, tmp_path):
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("graphviz is not installed")
    c = default_chain
    path = tmp_path / "chain.dot"
    c.to_dot(path)
    r = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count('class="node"') == len(c.sites) + len(c.hubs)
    assert r.stdout.count('class="edge"') == len(c.supplies) + len(c.lanes)


HOSTILE = """chainnet: 1
products: [{id: a}]
sites:
  - {id: "<script>alert(1)</script>", name: "a \\"quoted\\" & <b>bold</b> \\\\ back", kind: supplier, makes: {a: 10}, lat: 1, lon: 2}
  - {id: "m&m's", kind: market, demand: {a: 5}}
supplies: [{from: "<script>alert(1)</script>", to: "m&m's", product: a}]
"""


def test_hostile_names_stay_text(cli, tmp_path):
    (tmp_path / "h.yaml").write_text(HOSTILE)
    c = cn.load(tmp_path / "h.yaml")
    bad, market = "<script>alert(1)</script>", "m&m's"
    name = 'a "quoted" & <b>bold</b> \\ back'
    assert c.sites.loc[bad, "name"] == name
    doc = c.to_geojson()
    props = {f["properties"]["id"]: f["properties"] for f in doc["features"] if f["properties"].get("node")}
    assert props[bad]["name"] == name and market in props
    c.to_graphml(tmp_path / "h.graphml")
    g = nx.read_graphml(tmp_path / "h.graphml")
    assert set(g.nodes) == {bad, market} and g.nodes[bad]["name"] == name
    c.to_gexf(tmp_path / "h.gexf")
    g = nx.read_gexf(tmp_path / "h.gexf")
    assert set(g.nodes) == {bad, market}
    if shutil.which("dot"):
        c.to_dot(tmp_path / "h.dot")
        r = subprocess.run(["dot", "-Tsvg", str(tmp_path / "h.dot")], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert "<script>" not in r.stdout and "&lt;script&gt;" in r.stdout


def test_bad_export_input_exits_2_and_writes_nothing(cli, scenarios, tmp_path):
    out = tmp_path / "x.geojson"
    r = cli("export", scenarios / "default.yaml", "--format", "shapefile", "-o", out)
    assert r.returncode == 2 and "expected geojson, graphml, gexf or dot" in r.stderr
    r = cli("export", scenarios / "default.yaml", "--format", "geojson", "--with", "magic", "-o", out)
    assert r.returncode == 2 and "expected flow or survival" in r.stderr
    assert not out.exists()
    with pytest.raises(ValueError):
        cn.load(scenarios / "default.yaml").to_geojson(join=["magic"])
