"""The chainnet command: help, version, validate, info, generate, run."""
import json

import pandas as pd

import chainnet as cn
from conftest import run_cli


def test_help_and_version():
    r = run_cli("--help")
    assert r.returncode == 0 and "Examples:" in r.stdout and "chainnet run" in r.stdout
    for sub in ["validate", "info", "generate", "run"]:
        assert sub in r.stdout
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("chainnet ")
    r = run_cli("info", "--help")
    assert r.returncode == 0 and "--json" in r.stdout and "--threads" in r.stdout


def test_bad_arguments_exit_2(scenarios):
    assert run_cli().returncode == 2
    assert run_cli("nosuchcommand").returncode == 2
    assert run_cli("info").returncode == 2
    r = run_cli("info", "/nonexistent.yaml")
    assert r.returncode == 2 and "cannot open" in r.stderr
    r = run_cli("run", scenarios / "minimal.yaml", "--analyses", "validate,flo", "-o", "/tmp/chainnet_never")
    assert r.returncode == 2 and "unknown analysis 'flo'" in r.stderr


def test_validate_and_info(scenarios):
    for name in ["default.yaml", "rail_traction.yaml", "minimal.yaml"]:
        r = run_cli("validate", scenarios / name)
        assert r.returncode == 0 and "valid" in r.stdout, r.stderr
    r = run_cli("validate", scenarios / "minimal.yaml", "--json")
    assert json.loads(r.stdout) == {"file": str(scenarios / "minimal.yaml"), "valid": True, "errors": [], "warnings": []}
    r = run_cli("info", scenarios / "minimal.yaml")
    assert r.returncode == 0 and "Minimal bicycle chain" in r.stdout and "tiers from markets" in r.stdout


def test_generate_then_load_counts(tmp_path):
    r = run_cli("generate", "--sites", 3000, "--seed", 5, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    words = r.stdout.split()
    generated = {words[i + 1].rstrip(","): int(words[i]) for i in range(len(words) - 1) if words[i].isdigit()}
    chain = cn.load(tmp_path / "scenario.yaml")
    info = chain.info()
    for key in ["sites", "products", "supplies", "hubs", "lanes"]:
        assert info[key] == generated[key], key
    assert not chain.warnings
    again = tmp_path / "again"
    run_cli("generate", "--sites", 3000, "--seed", 5, "-o", again)
    for f in (tmp_path).glob("*.csv"):
        assert f.read_bytes() == (again / f.name).read_bytes(), f.name
    # pandas reads the same tables
    assert len(pd.read_csv(tmp_path / "supplies.csv")) == info["supplies"]
    assert run_cli("generate", "--sites", 5, "-o", tmp_path / "x").returncode == 2


def test_generate_tiers(tmp_path):
    r = run_cli("generate", "--tiers", "200,500,1000", "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    chain = cn.load(tmp_path / "scenario.yaml")
    info = chain.info()
    assert info["sites"] == 1700 and 1700 <= info["supplies"] <= 2600
    assert not chain.warnings
    assert set(chain.sites["kind"]) == {"plant", "supplier"}
    assert run_cli("generate", "--tiers", "200", "-o", tmp_path / "x").returncode == 2
    assert run_cli("generate", "--tiers", "2,x", "-o", tmp_path / "y").returncode == 2
    assert run_cli("generate", "--tiers", "2,3", "--sites", 100, "-o", tmp_path / "z").returncode == 2


def test_run_writes_results(tmp_path, scenarios):
    out = tmp_path / "out"
    r = run_cli("run", scenarios / "default.yaml", "-o", out)
    assert r.returncode == 0, r.stderr
    doc = json.loads((out / "results.json").read_text())
    assert doc["analyses"] == ["validate", "info", "flow", "criticality", "stress", "sweep", "montecarlo", "survival",
                               "compare", "report"]
    assert (out / "report.html").stat().st_size == doc["report"]["bytes"] and doc["report"]["strengthen"] is True
    assert doc["validate"]["valid"] is True
    # compare in run: the scenario against each of its variants, the same as `chainnet compare`
    cmp = json.loads(run_cli("compare", scenarios / "default.yaml", "--json").stdout)
    assert doc["compare"] == cmp
    assert len(pd.read_csv(out / "compare_kpis.csv")) == 6 * len(cmp["kpis"])
    assert doc["flow"]["status"] == "optimal" and doc["flow"]["served"] == doc["flow"]["demand"]
    assert len(pd.read_csv(out / "flows.csv")) == len(doc["flow"]["flows"])
    assert doc["info"]["sites"] == 43
    tiers = pd.read_csv(out / "tiers.csv")
    assert len(tiers) == 43 and tiers.set_index("site").loc["assembly_shanghai", "master_tier"] == 0
    assert not list(out.glob("*.tmp-*"))
    r = run_cli("run", scenarios / "minimal.yaml", "-o", out, "--json")
    assert json.loads(r.stdout)["info"]["sites"] == 6


def test_bad_scenario_writes_nothing(tmp_path, source):
    out = tmp_path / "out"
    r = run_cli("run", source / "tests/data/malformed/many_errors.yaml", "-o", out)
    assert r.returncode == 2
    assert "3 error(s)" in r.stderr
    assert not out.exists()
