"""Variants and comparison: `chainnet variant / diff / compare` against Python (`chain.variant`,
`chain.edit`, `cn.compare`), the KPIs against separate runs of each materialised variant (and
numpy on the runs), common random numbers, bad variants."""
import json
import math
import random
import warnings

import numpy as np
import pandas as pd
import pytest

import chainnet as cn
from conftest import as_written

VARIANTS = ["second_separator", "malacca_closed", "sichuan_power_cut", "cobalt_stock", "cobalt_stock_doubled"]


def test_default_scenario_lists_its_variants(cli, scenarios, default_chain):
    r = cli("variant", scenarios / "default.yaml", "--json")
    assert r.returncode == 0, r.stderr
    ids = [v["id"] for v in json.loads(r.stdout)]
    assert ids == VARIANTS
    assert [v["id"] for v in default_chain.variants] == VARIANTS
    assert default_chain.variants[4]["base"] == "cobalt_stock"


@pytest.mark.parametrize("vid", VARIANTS)
def test_written_variant_equals_the_one_in_memory(cli, scenarios, default_chain, tmp_path, vid):
    out = tmp_path / vid
    r = cli("variant", scenarios / "default.yaml", "--variant", vid, "-o", out)
    assert r.returncode == 0, r.stderr
    written = cn.load(out / "scenario.yaml")
    v = default_chain.variant(vid)
    for table in ("products", "sites", "hubs", "supplies", "lanes", "bom", "capacities", "stocks", "demands"):
        pd.testing.assert_frame_equal(getattr(written, table), getattr(v, table), check_dtype=False)
    assert written.disruptions == v.disruptions
    assert written.settings == v.settings
    assert written.variants == []  # a materialised variant is a plain scenario
    # and the CLI diff sees no difference between the two
    d = cli("diff", f"{scenarios / 'default.yaml'}@{vid}", out / "scenario.yaml", "--json")
    assert d.returncode == 0, d.stderr
    assert json.loads(d.stdout)["same"] is True
    # the flow plans are the same number for number
    assert cn.flow_plan(written).total_cost == cn.flow_plan(v).total_cost


def test_diff_lists_rows(cli, scenarios):
    r = cli("diff", scenarios / "default.yaml", "--variant", "sichuan_power_cut", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["tables"] == [{"table": "capacities", "added": 0, "removed": 0, "changed": 2}]
    changed = {row["key"]: row["cells"][0] for row in d["rows"]}
    assert changed["site=cell_sichuan, product=cell"] == {"column": "capacity", "before": "130000", "after": "78000"}
    assert changed["site=refinery_sc, product=lioh"]["after"] == "54"


def test_edit_leaves_the_original_and_matches_the_variant(default_chain):
    before = default_chain.capacities.copy()
    e = default_chain.edit({"table": "capacities", "action": "scale", "where": {"region": "CN-SC"},
                            "column": "capacity", "factor": 0.6})
    pd.testing.assert_frame_equal(default_chain.capacities, before)
    pd.testing.assert_frame_equal(e.capacities, default_chain.variant("sichuan_power_cut").capacities)
    assert [v["id"] for v in e.variants] == VARIANTS  # an edited chain keeps its variants
    with pytest.raises(cn.ScenarioError) as err:
        default_chain.edit([{"table": "stocks", "action": "scale", "where": {}, "column": "quantity", "factor": 2},
                            {"table": "supplies", "action": "set", "where": {"to": "market_east"},
                             "values": {"share": 3}}])
    assert err.value.errors[0].line == 2  # the second change
    assert "edit, change 2" in err.value.errors[0].message


def test_from_frames_ignores_extra_columns_with_a_suggestion():
    sites = pd.DataFrame({"id": ["a", "m"], "kind": ["supplier", "market"], "latitude": [1.0, 2.0]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = cn.Chain.from_frames(
            products=pd.DataFrame({"id": ["x"], "value": [2.0]}), sites=sites,
            capacities=pd.DataFrame({"site": ["a"], "product": ["x"], "capacity": [5.0]}),
            demands=pd.DataFrame({"site": ["m"], "product": ["x"], "quantity": [3.0]}),
            supplies=pd.DataFrame({"from": ["a"], "to": ["m"], "product": ["x"]}))
    assert len(c.sites) == 2
    msgs = [str(w.message) for w in caught]
    assert any("'latitude'" in m and "did you mean 'lat'" in m for m in msgs), msgs


@pytest.fixture(scope="module")
def cli_compare(cli, scenarios, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    r = cli("compare", scenarios / "default.yaml", "--json", "-o", out, "--threads", "2")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), out


def test_cli_compare_equals_python(cli_compare, default_chain):
    doc, out = cli_compare
    py = cn.compare(default_chain)
    assert py.json == doc
    assert json.loads((out / "compare.json").read_text()) == doc
    long = pd.read_csv(out / "compare_kpis.csv", keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(py.kpis_long, long, check_dtype=False)
    assert list(py.kpis.columns[3:]) == ["baseline"] + VARIANTS


def test_compare_is_the_same_on_one_and_two_threads(cli, scenarios, cli_compare):
    r = cli("compare", scenarios / "default.yaml", "--json", "--threads", "1")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == cli_compare[0]


def test_compare_kpis_equal_separate_runs(cli_compare, default_chain):
    doc, _ = cli_compare
    values = {k["kpi"]: k["values"] for k in doc["kpis"]}
    for name in ["baseline"] + VARIANTS:
        chain = default_chain if name == "baseline" else default_chain.variant(name)
        f = cn.flow_plan(chain)
        assert values["total_cost"][name] == as_written(f.total_cost)
        assert values["transport_cost"][name] == as_written(f.transport_cost)
        assert values["co2"][name] == as_written(f.co2)
        s = cn.survival(chain)
        assert values["at_risk_sites"][name] == s.at_risk
        assert values["min_tts"][name] == (None if math.isinf(s.sites["tts"].min()) else as_written(s.sites["tts"].min()))
        mc = cn.monte_carlo(chain)
        assert values["expected_loss"][name] == as_written(mc.mean)
        assert values["p95_loss"][name] == as_written(mc.p95)
        assert values["cvar95_loss"][name] == as_written(mc.cvar95)
        worst = max(cn.stress(chain, disruption=d["id"]).lost_value for d in chain.disruptions)
        assert values["lost_value"][name] == pytest.approx(worst, rel=1e-12)
        crit = cn.criticality(chain)
        assert values["single_points_of_failure"][name] == crit.single_points_of_failure["site"].nunique()
        assert values["single_sourced_inputs"][name] == len(crit.single_sourced)
        assert values["single_sourced_value_at_risk"][name] == pytest.approx(crit.single_sourced["value_at_risk"].sum(), rel=1e-12)
        rob = crit.robustness
        assert values["robustness_area"][name] == pytest.approx(
            np.trapz(rob["served_fraction_random"], rob["removed_fraction"]), rel=1e-12)


def test_paired_interval_from_the_runs_and_narrower(cli_compare, default_chain):
    doc, _ = cli_compare
    base = cn.monte_carlo(default_chain).per_run["lost_value"].to_numpy()
    for name in VARIANTS:
        p = doc["diffs"][name]["montecarlo"]
        var = cn.monte_carlo(default_chain.variant(name)).per_run["lost_value"].to_numpy()
        d = var - base
        n = len(d)
        se = d.std(ddof=1) / math.sqrt(n)
        assert p["mean_difference"] == pytest.approx(d.mean(), rel=1e-9, abs=1e-6)
        assert p["paired_interval"][0] == pytest.approx(d.mean() - 1.959963984540054 * se, rel=1e-9, abs=1e-6)
        unpaired = math.sqrt((base.var(ddof=1) + var.var(ddof=1)) / n)
        assert p["unpaired_interval"][1] == pytest.approx(d.mean() + 1.959963984540054 * unpaired, rel=1e-9)
        # Common random numbers: the paired interval is far narrower than independent runs'.
        width = p["paired_interval"][1] - p["paired_interval"][0]
        assert width < 0.5 * (p["unpaired_interval"][1] - p["unpaired_interval"][0]), name


def test_entity_diffs(cli_compare):
    doc, out = cli_compare
    sep = doc["diffs"]["second_separator"]
    lost = {(s["site"], s["market"]) for s in sep["spofs"] if s["change"] == "lost"}
    assert ("separator_yunnan", "market_east") in lost
    sites = {s["site"]: s for s in sep["sites"]}
    assert sites["separator_korea"]["tts_before"] is None  # absent from the baseline
    assert sites["separator_yunnan"]["performance_impact_after"] < sites["separator_yunnan"]["performance_impact_before"]
    power = doc["diffs"]["sichuan_power_cut"]
    assert power["flows_moved"] > 0
    top = power["flows"][0]
    assert (top["from"], top["to"], top["after"]) == ("cell_sichuan", "pack_shanghai", 78000)
    flows = pd.read_csv(out / "compare_flows.csv")
    assert len(flows[flows["variant"] == "sichuan_power_cut"]) == len(power["flows"])


def test_compare_several_files(cli, scenarios, tmp_path):
    cli("variant", scenarios / "default.yaml", "--variant", "cobalt_stock", "-o", tmp_path / "cobalt")
    r = cli("compare", scenarios / "default.yaml", tmp_path / "cobalt" / "scenario.yaml",
            f"{scenarios / 'default.yaml'}@cobalt_stock", "--analyses", "flow,survival", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["baseline"] == "default" and d["variants"] == ["cobalt", "cobalt_stock"]
    values = {k["kpi"]: k["values"] for k in d["kpis"]}
    assert values["max_performance_impact"]["cobalt"] == values["max_performance_impact"]["cobalt_stock"]
    assert values["max_performance_impact"]["cobalt"] < values["max_performance_impact"]["default"]


BAD = """chainnet: 1
products: [{id: wafer}, {id: chip, inputs: {wafer: 1}}]
sites:
  - {id: W1, kind: supplier, makes: {wafer: 60}}
  - {id: F1, kind: plant, makes: {chip: 200}}
  - {id: M, kind: market, demand: {chip: 50}}
supplies:
  - {from: W1, to: F1, product: wafer}
  - {from: F1, to: M, product: chip}
variants:
  - id: ok
    changes:
      - {table: capacities, action: scale, where: {site: W1}, column: capacity, factor: 2}
  - id: invalid_result
    changes:
      - {table: supplies, action: set, where: {from: W1}, values: {lead_time: -1}}
"""


def test_bad_variants_exit_2_and_write_nothing(cli, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text(BAD)
    r = cli("validate", p)
    assert r.returncode == 2
    assert "bad.yaml:16:9: error: variant 'invalid_result', change 1 (supplies):" in r.stderr, r.stderr
    out = tmp_path / "out"
    r = cli("variant", p, "--variant", "invalid_result", "-o", out)
    assert r.returncode == 2 and not out.exists()
    r = cli("compare", p, "-o", out)
    assert r.returncode == 2 and not out.exists()
    r = cli("variant", p, "--variant", "nope", "-o", out)
    assert r.returncode == 2 and "it defines: ok, invalid_result" in r.stderr
    # cycles, unknown bases and bad where are load errors with positions
    p2 = tmp_path / "cycle.yaml"
    p2.write_text(BAD.replace("  - id: ok\n", "  - id: ok\n    base: loop\n") +
                  "  - id: loop\n    base: ok\n    changes:\n      - {table: sites, action: remove, where: {idd: W1}}\n")
    r = cli("validate", p2)
    assert r.returncode == 2
    assert "cycle.yaml:11:9: error: variant 'ok': its bases form a cycle" in r.stderr, r.stderr
    assert "unknown column 'idd' in 'where' of table 'sites' (did you mean 'id'?)" in r.stderr


BASE = BAD.split("variants:")[0]


def test_variants_from_a_csv_of_scenario_items(tmp_path):
    (tmp_path / "items.csv").write_text(
        "variant,name,base,table,action,where,values,column,factor\n"
        "more,More wafers,,capacities,scale,site=W1,,capacity,2\n"
        "more,,,supplies,set,from=W1|F1,lead_time=2,,\n"
        "backup,A backup fab,more,sites,add,,id=F2; kind=plant,,\n"
        "backup,,,capacities,add,,site=F2; product=chip; capacity=50,,\n"
        "backup,,,supplies,add,,from=W1; to=F2; product=wafer,,\n"
        "backup,,,supplies,add,,from=F2; to=M; product=chip,,\n"
        "named_only,Nothing changed,,,,,,,\n")
    (tmp_path / "csv.yaml").write_text(BASE + "variants: {csv: items.csv}\n")
    (tmp_path / "yaml.yaml").write_text(BASE + """variants:
  - id: more
    name: More wafers
    changes:
      - {table: capacities, action: scale, where: {site: W1}, column: capacity, factor: 2}
      - {table: supplies, action: set, where: {from: [W1, F1]}, values: {lead_time: 2}}
  - id: backup
    name: A backup fab
    base: more
    changes:
      - {table: sites, action: add, rows: [{id: F2, kind: plant}]}
      - {table: capacities, action: add, rows: [{site: F2, product: chip, capacity: 50}]}
      - {table: supplies, action: add, rows: [{from: W1, to: F2, product: wafer}]}
      - {table: supplies, action: add, rows: [{from: F2, to: M, product: chip}]}
  - id: named_only
    name: Nothing changed
    changes: []
""")
    a, b = cn.load(tmp_path / "csv.yaml"), cn.load(tmp_path / "yaml.yaml")
    assert [v["id"] for v in a.variants] == ["more", "backup", "named_only"]
    assert a.variants == b.variants  # the same changes, whichever form they were written in
    for vid in ("more", "backup", "named_only"):
        va, vb = a.variant(vid), b.variant(vid)
        for table in ("sites", "supplies", "capacities"):
            pd.testing.assert_frame_equal(getattr(va, table), getattr(vb, table))
    assert len(a.variant("backup").sites) == 4
    # a bad item is an error at its row and field
    (tmp_path / "items.csv").write_text("variant,table,action,where\nx,capacitys,scale,site W1\n")
    with pytest.raises(cn.ScenarioError) as err:
        cn.load(tmp_path / "csv.yaml")
    msgs = [(e.line, e.column, e.message) for e in err.value.errors]
    assert any(line == 2 and col == 4 and "expected COLUMN=VALUE" in m for line, col, m in msgs), msgs


def _in_region(code, want):
    """The region rule written independently: the code itself, anything inside it, or a prefix."""
    code = "" if code is None or (isinstance(code, float) and math.isnan(code)) else str(code)
    if want.endswith("-"):
        return code.startswith(want)
    return code == want or code.startswith(want + "-")


@pytest.mark.parametrize("seed", range(1, 21))
def test_edits_against_pandas(seed):
    """`where`, `set` and `scale` redone with pandas on the chain's own DataFrames, on 20 generated
    chains: capacities by their site's region (hierarchy and prefix), supplies by a list of sellers,
    lanes by mode, stocks scaled everywhere."""
    rng = random.Random(seed)
    c = cn.generate(150 + 20 * seed, seed)
    sites = c.sites
    codes = sorted({str(r) for r in sites["region"] if r})
    region = rng.choice(codes)
    want = region.split("-")[0] + ("-" if rng.random() < 0.5 else "") if rng.random() < 0.5 else region
    sellers = rng.sample(sorted(set(c.supplies["from"])), 3)
    f1, f2, f3 = rng.choice([0.5, 1.5, 2.0]), rng.choice([0.25, 3.0]), rng.choice([1.1, 0.9])
    e = c.edit([
        {"table": "capacities", "action": "scale", "where": {"region": want}, "column": "capacity", "factor": f1},
        {"table": "supplies", "action": "set", "where": {"from": sellers}, "values": {"lead_time": 7, "capacity": 123}},
        {"table": "lanes", "action": "scale", "where": {"mode": ["sea", "rail"]}, "column": "cost", "factor": f2},
        {"table": "stocks", "action": "scale", "where": {}, "column": "quantity", "factor": f3},
    ])
    cap = c.capacities.copy()
    hit = cap["site"].map(sites["region"]).map(lambda r: _in_region(r, want))
    cap.loc[hit, "capacity"] = cap.loc[hit, "capacity"] * f1  # inf stays inf: "unlimited"
    pd.testing.assert_frame_equal(e.capacities, cap)
    sup = c.supplies.copy()
    hit = sup["from"].isin(sellers)
    sup.loc[hit, "lead_time"] = 7
    sup.loc[hit, "capacity"] = 123.0
    pd.testing.assert_frame_equal(e.supplies.drop(columns="share_effective"), sup.drop(columns="share_effective"),
                                  check_dtype=False)
    lanes = c.lanes.copy()
    hit = lanes["mode"].isin(["sea", "rail"])
    lanes.loc[hit, "cost"] = lanes.loc[hit, "cost"] * f2
    pd.testing.assert_frame_equal(e.lanes, lanes)
    stocks = c.stocks.copy()
    stocks["quantity"] = stocks["quantity"] * f3
    pd.testing.assert_frame_equal(e.stocks, stocks)
    assert e.settings == c.settings
