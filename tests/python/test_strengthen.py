"""The strengthen planner: `chainnet strengthen` against Python `cn.strengthen`, the objective
after re-run independently on the strengthened chain, candidates in CSV form, bad input."""
import json

import pytest

import chainnet as cn


def pi_sum(chain, sites):
    s = cn.survival(chain).sites.set_index("site")
    return float(s.loc[[x for x in sites if x in s.index], "performance_impact"].sum())


def test_cli_equals_python_and_after_equals_a_rerun(cli, scenarios, default_chain, tmp_path):
    r = cli("strengthen", scenarios / "default.yaml", "--budget", "5e7", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    plan = cn.strengthen(default_chain, budget=5e7)
    assert plan.json == doc
    assert plan.method == "exact" and plan.proof.startswith("optimal")
    failures = list(cn.survival(default_chain).sites["site"])
    assert plan.before == pytest.approx(pi_sum(default_chain, failures), rel=1e-9)
    strengthened = plan.variant()
    assert plan.after == pytest.approx(pi_sum(strengthened, failures), rel=1e-9)
    assert plan.after < plan.before
    assert plan.total_cost <= 5e7
    assert list(plan.actions["candidate"]) == plan.chosen
    assert plan.actions["gain"].sum() == pytest.approx(plan.before - plan.after, rel=1e-9)
    # more budget never makes the objective worse
    f = plan.frontier.drop_duplicates("budget")
    assert list(f["objective"]) == sorted(f["objective"], reverse=True)
    # the written variant is the same chain
    out = tmp_path / "v"
    r = cli("strengthen", scenarios / "default.yaml", "--budget", "5e7", "--write-variant", out, "-o", tmp_path / "o")
    assert r.returncode == 0, r.stderr
    written = cn.load(out / "scenario.yaml")
    assert pi_sum(written, failures) == pytest.approx(plan.after, rel=1e-9)
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "strengthen.json", "strengthen_actions.csv", "strengthen_candidates.csv", "strengthen_frontier.csv"]


def test_greedy_is_never_better_than_exact(default_chain):
    for objective in ("pi", "at_risk"):
        e = cn.strengthen(default_chain, budget=4e8, objective=objective, method="exact")
        g = cn.strengthen(default_chain, budget=4e8, objective=objective, method="greedy")
        assert g.after >= e.after * (1 - 1e-9)
        assert g.lp_bound <= e.after * (1 + 1e-9)


def test_candidates_as_csv(tmp_path):
    (tmp_path / "candidates.csv").write_text(
        "id,kind,site,product,quantity,capacity,from,to,cost,group,requires\n"
        "stock_p,stock,p,a,40,,,,5,,\n"
        "feed_p2,supply,,a,,10,s1,p2,3,,\n"
        "ship_p2,supply,,b,,10,p2,m,3,,feed_p2\n")
    (tmp_path / "s.yaml").write_text(
        "chainnet: 1\nsettings: {ttr: 4}\nproducts: [{id: a}, {id: b, inputs: {a: 1}}]\n"
        "sites:\n  - {id: s1, kind: supplier, makes: {a: 10}}\n  - {id: p, kind: plant, makes: {b: 10}}\n"
        "  - {id: p2, kind: plant, makes: {b: 10}}\n  - {id: m, kind: market, demand: {b: 10}}\n"
        "supplies: [{from: s1, to: p, product: a}, {from: p, to: m, product: b}]\n"
        "candidates: {csv: candidates.csv}\n")
    chain = cn.load(tmp_path / "s.yaml")
    plan = cn.strengthen(chain, budget=11)
    assert sorted(plan.chosen) == ["feed_p2", "ship_p2", "stock_p"]
    assert plan.after == pytest.approx(0, abs=1e-6)
    assert plan.before == pytest.approx(80)


def test_bad_input_exits_2_and_writes_nothing(cli, scenarios, tmp_path, default_chain):
    out = tmp_path / "o"
    for args in (["--budget", "-5"], ["--budget", "1e6", "--objective", "nope"], ["--budget", "1e6", "--method", "magic"]):
        r = cli("strengthen", scenarios / "default.yaml", *args, "-o", out)
        assert r.returncode == 2, (args, r.stderr)
        assert not out.exists()
    bad = (scenarios / "default.yaml").read_text().replace("product: separator, quantity: 40", "product: separatorr, quantity: 40")
    (tmp_path / "bad.yaml").write_text(bad)
    r = cli("strengthen", tmp_path / "bad.yaml", "--budget", "1e7", "-o", out)
    assert r.returncode == 2
    assert "bad.yaml:" in r.stderr and "unknown product 'separatorr'" in r.stderr
    assert not out.exists()
    r = cli("validate", tmp_path / "bad.yaml")
    assert r.returncode == 2
    with pytest.raises(ValueError):
        cn.strengthen(default_chain, budget=-1)
    with pytest.raises(ValueError):
        cn.strengthen(default_chain, budget=1, objective="nope")


def test_suggested_candidates(cli, scenarios, default_chain):
    plan = cn.strengthen(default_chain, budget=5e7, suggest=True, frontier_steps=2)
    assert len(plan.candidates) > len(default_chain.candidates)
    assert plan.after < plan.before and plan.total_cost <= 5e7
    failures = list(cn.survival(default_chain).sites["site"])
    assert plan.after == pytest.approx(pi_sum(plan.variant(), failures), rel=1e-9)
    r = cli("strengthen", scenarios / "default.yaml", "--suggest", "--budget", "5e7", "--frontier-steps", "2", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == plan.json
    # greedy over the same candidates is never better than the exact plan
    g = cn.strengthen(default_chain, budget=5e7, suggest=True, method="greedy", frontier_steps=1)
    assert g.after >= plan.after * (1 - 1e-9)


def test_region_profile_cli_equals_python_and_pandas(cli, scenarios, default_chain, tmp_path):
    rp = cn.region_profile(default_chain, "CN")
    r = cli("region", scenarios / "default.yaml", "--region", "CN", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == rp.json
    # an independent count with pandas: capacity share of each product made in China
    caps = default_chain.capacities.reset_index() if "site" not in default_chain.capacities.columns else default_chain.capacities
    sites = default_chain.sites
    region = caps["site"].map(sites["region"]).fillna("")
    here = region.str.startswith("CN-") | (region == "CN")
    for product, group in caps.groupby("product"):
        if not group["capacity"].notna().all() or (group["capacity"] == float("inf")).any():
            continue
        share = group.loc[here[group.index], "capacity"].sum() / group["capacity"].sum()
        assert rp.products.loc[product, "capacity_share"] == pytest.approx(share, rel=1e-9), product
    r = cli("region", scenarios / "default.yaml", "--region", "XX", "-o", tmp_path / "r")
    assert r.returncode == 2 and not (tmp_path / "r").exists()


def test_max_suggested_and_plain_resolving_agree(cli, scenarios, default_chain):
    # at most 20 suggested candidates, after the scenario's own 8
    plan = cn.strengthen(default_chain, budget=5e7, objective="at_risk", method="greedy", suggest=True,
                         max_suggested=20, frontier_steps=3)
    assert len(plan.candidates) == len(default_chain.candidates) + 20
    r = cli("strengthen", scenarios / "default.yaml", "--budget", "5e7", "--objective", "at_risk", "--method",
            "greedy", "--suggest", "--max-suggested", "20", "--frontier-steps", "3", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == plan.json
    # the LPs solved from scratch for every portfolio choose the same and value it the same
    plain = cn.strengthen(default_chain, budget=5e7, objective="at_risk", method="greedy", suggest=True,
                          max_suggested=20, frontier_steps=3, warm_start=False)
    assert plain.chosen == plan.chosen
    assert plain.after == pytest.approx(plan.after, rel=1e-9)
    assert plain.failure_lps["settled_by_duals"] == 0
    assert plan.failure_lps["settled_by_duals"] > 0
    assert plan.failure_lps["solves"] < plain.failure_lps["solves"]
    # the plan's variant is rebuilt with the same suggested candidates, and re-runs to `after`
    before = cn.survival(default_chain).sites.set_index("site")
    after = cn.survival(plan.variant()).sites.set_index("site")
    at_risk = [x for x in before.index if after.loc[x, "at_risk"]]
    assert float(before.loc[at_risk, "performance_impact"].sum()) == pytest.approx(plan.after, rel=1e-9)
    assert float(before.loc[before["at_risk"], "performance_impact"].sum()) == pytest.approx(plan.before, rel=1e-9)
    # --max-suggested needs --suggest
    r = cli("strengthen", scenarios / "default.yaml", "--budget", "5e7", "--max-suggested", "3")
    assert r.returncode == 2 and "--suggest" in r.stderr
    with pytest.raises(ValueError):
        cn.strengthen(default_chain, budget=5e7, max_suggested=3)
