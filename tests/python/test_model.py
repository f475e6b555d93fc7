"""The Python face of the model: DataFrames, from_frames, to_networkx, info, errors."""
import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import chainnet as cn
from conftest import expectations, malformed_cases, run_cli


def test_dataframe_shapes_dtypes_and_values(default_chain):
    c = default_chain
    assert c.products.shape == (26, 2)
    assert c.products.index.name == "id"
    assert c.products.loc["li2co3", "value"] == 95000
    assert c.products["value"].dtype == np.float64

    s = c.sites
    assert s.shape == (43, 8)
    assert s.index.name == "id" and s.index.is_unique
    assert list(s.columns) == ["name", "firm", "kind", "region", "lat", "lon", "ttr", "tags"]
    assert isinstance(s["kind"].dtype, pd.CategoricalDtype)
    assert list(s["kind"].cat.categories) == cn.SITE_KINDS
    assert s["lat"].dtype == np.float64 and s["ttr"].dtype == np.float64
    row = s.loc["refinery_jx"]
    assert (row["kind"], row["region"], row["firm"], row["ttr"]) == ("supplier", "CN-JX", "jx_lithium", 6)
    assert row["lat"] == pytest.approx(27.81)
    assert np.isnan(s.loc["refinery_sc", "ttr"])  # not given: settings.ttr applies
    assert s.loc["assembly_shanghai", "tags"] == ["chain_master"]
    assert s["kind"].value_counts()["market"] == 5

    sp = c.supplies
    assert sp.shape == (58, 7)
    assert list(sp.columns) == ["from", "to", "product", "capacity", "share", "share_effective", "lead_time"]
    assert sp["lead_time"].dtype.kind == "u"
    first = sp.iloc[0]
    assert (first["from"], first["to"], first["product"], first["share"], first["lead_time"]) == (
        "mine_greenbushes", "refinery_jx", "spodumene", 0.6, 4)
    assert np.isinf(first["capacity"])
    # default shares split what the given ones leave; each buyer-product group sums to 1 here
    assert np.allclose(sp.groupby(["to", "product"])["share_effective"].sum(), 1.0)

    ln = c.lanes
    assert ln.shape == (49, 8)
    assert set(ln["mode"].unique()) == {"road", "rail", "sea"}
    assert c.hubs.shape == (15, 4)
    assert c.bom.shape[1] == 3 and len(c.bom) == 25
    assert len(c.capacities) == 36 and len(c.demands) == 5


def test_default_scenario_flags_single_sourced_inputs(default_chain):
    sp = default_chain.supplies
    n = sp.groupby(["to", "product"]).size()
    single = set(n[n == 1].index)
    # inputs a real analyst would want flagged: one cobalt mine, one cobalt refinery, one
    # separator plant, one spheroidizer, one BMS maker
    for pair in [("cobalt_refinery_zj", "cobalt_hydroxide"), ("precursor_hunan", "co_sulfate"),
                 ("cell_fujian", "separator"), ("cell_sichuan", "separator"),
                 ("anode_guangdong", "spherical_graphite"), ("pack_shanghai", "bms")]:
        assert pair in single, pair
    assert default_chain.info()["single_sourced"] == len(single)


def test_info_matches_the_cli(default_chain, scenarios):
    r = run_cli("info", scenarios / "default.yaml", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == default_chain.info()
    info = default_chain.info()
    for key in ["products", "sites", "supplies", "lanes", "hubs", "regions", "sites_by_kind",
                "lanes_by_mode", "max_tier", "bom_depth"]:
        assert key in info
    assert info["sites_by_kind"]["market"] == 5
    assert info["lanes_by_mode"]["sea"] == 10
    assert info["chain_masters"] == ["assembly_shanghai"]


def test_to_networkx(default_chain):
    g = default_chain.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == 43 and g.number_of_edges() == 58
    assert g.nodes["cathode_hunan"]["kind"] == "supplier"
    assert g.nodes["cathode_hunan"]["region"] == "CN-HN"
    e = g.edges["mine_greenbushes", "refinery_jx", 0]
    assert e["product"] == "spodumene" and e["share"] == 0.6 and e["lead_time"] == 4
    assert g.edges["refinery_sc", "cathode_hunan", 5]["share"] == pytest.approx(0.3)


def _all_frames(c):
    return dict(products=c.products, sites=c.sites, hubs=c.hubs, supplies=c.supplies, lanes=c.lanes,
                bom=c.bom, capacities=c.capacities, stocks=c.stocks, demands=c.demands,
                recipes=c.recipes if len(c.recipes) else None)


@pytest.mark.parametrize("name", ["default.yaml", "rail_traction.yaml", "minimal.yaml"])
def test_from_frames_equals_load(scenarios, name):
    a = cn.load(scenarios / name)
    b = cn.Chain.from_frames(**_all_frames(a), name=a.name, units=a.units, settings=a.settings)
    for table in ["products", "sites", "hubs", "supplies", "lanes", "bom", "capacities", "stocks",
                  "demands", "recipes"]:
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table), obj=table)
    assert a.info() == b.info()
    assert a.settings == b.settings


def test_from_frames_reports_positions():
    products = pd.DataFrame({"id": ["ore", "metal"], "value": [1.0, -2.0]})
    sites = pd.DataFrame({"id": ["a", "b"], "kind": ["supplier", "markt"]})
    with pytest.raises(cn.ScenarioError) as e:
        cn.Chain.from_frames(products=products, sites=sites)
    errs = e.value.errors
    assert isinstance(e.value, ValueError)
    assert [(x.file, x.line, x.column) for x in errs] == [("<products>", 3, 2), ("<sites>", 3, 2)]
    assert errs[0].message == 'value "-2.0" must be >= 0'
    assert "did you mean 'market'?" in errs[1].message
    with pytest.raises(TypeError):
        cn.Chain.from_frames(product=products)


@pytest.mark.parametrize("case", malformed_cases(), ids=lambda p: p.parent.name if p.name == "scenario.yaml" else p.stem)
def test_malformed_through_python_and_cli(case):
    expected = expectations(case)
    assert expected
    with pytest.raises(cn.ScenarioError) as e:
        cn.load(case)
    got = [(pathlib_name(x.file), x.line, x.column, x.message) for x in e.value.errors]
    for file, line, col, msg in expected:
        assert any(g[0] == file and g[1] == line and g[2] == col and msg in g[3] for g in got), (expected, got)
    r = run_cli("validate", case)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    for file, line, col, msg in expected:
        where = f"{file}:{line}:{col}" if col else f"{file}:{line}"
        assert f"{where}: error: " in r.stderr and msg in r.stderr, r.stderr
    rj = run_cli("validate", case, "--json")
    assert rj.returncode == 2
    doc = json.loads(rj.stdout)
    assert doc["valid"] is False and len(doc["errors"]) >= len(expected)


def pathlib_name(p):
    import pathlib
    return pathlib.Path(p).name


def test_missing_file_raises_oserror():
    with pytest.raises(OSError):
        cn.load("/nonexistent/scenario.yaml")
