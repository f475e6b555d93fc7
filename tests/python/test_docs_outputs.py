"""docs/outputs.md lists every key of every JSON output and every column of every CSV table.

Every command runs on the default scenario with --json and -o; each output is matched to the
section of docs/outputs.md whose `<!-- outputs: ... -->` marker names it, and every key (at any
depth) or column must appear in that section's tables. Keys under a map keyed by data (product
ids, variant names, ...) are named in a `<!-- keyed: ... -->` marker instead.
Run this file directly to print what is missing."""
import json
import pathlib
import re
import sys

import pytest

from conftest import SOURCE, run_cli

DOC = SOURCE / "docs" / "outputs.md"
ANALYSES = {"validate", "info", "flow", "criticality", "stress", "sweep", "montecarlo", "survival", "compare"}


def documented():
    """{output id: (names documented, keys whose children are data-keyed)} from docs/outputs.md."""
    text = DOC.read_text()
    sections = re.split(r"^## ", text, flags=re.M)
    out = {}
    for sec in sections:
        marker = re.search(r"<!-- outputs: (.*?) -->", sec)
        if not marker:
            continue
        names = set()
        for line in sec.splitlines():
            if line.startswith("|") and not re.match(r"^\|\s*-", line):
                first = line.split("|")[1]
                names.update(re.findall(r"`([^`]+)`", first))
        keyed = set()
        for m in re.finditer(r"<!-- keyed: (.*?) -->", sec):
            keyed.update(x.strip() for x in m.group(1).split(","))
        for oid in (x.strip() for x in marker.group(1).split(",")):
            prev = out.get(oid, (set(), set()))
            out[oid] = (prev[0] | names, prev[1] | keyed)
    return out


def json_keys(doc, keyed, path=""):
    """Every key at any depth, as (key, path); the children of keyed maps are skipped."""
    found = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            found.append((k, path))
            if k in keyed:
                for child in (v.values() if isinstance(v, dict) else []):
                    found.extend(json_keys(child, keyed, path + "." + k + ".*"))
            else:
                found.extend(json_keys(v, keyed, path + "." + k))
    elif isinstance(doc, list):
        for item in doc:
            found.extend(json_keys(item, keyed, path + "[]"))
    return found


def csv_columns(path):
    with open(path, newline="") as f:
        return f.readline().strip().split(",")


def collect(scenarios, tmp):
    """{output id: ("json", document) | ("csv", columns)} of every command's outputs."""
    s = scenarios / "default.yaml"
    out = {}

    def js(oid, *args):
        r = run_cli(*args, "--json")
        assert r.returncode == 0, (args, r.stderr)
        out[oid] = ("json", json.loads(r.stdout))

    def csvs(d):
        for p in sorted(pathlib.Path(d).glob("*.csv")):
            out[p.name] = ("csv", csv_columns(p))

    js("validate.json", "validate", s)
    js("info.json", "info", s)
    js("route.json", "route", s, "--from", "mine_greenbushes", "--to", "refinery_jx", "--by", "time", "--k", "3")
    js("matrix.json", "matrix", s, "--sources", "port_ningbo", "--targets", "all", "--by", "cost")
    assert run_cli("matrix", s, "--sources", "port_ningbo", "--targets", "all", "--long", "-o", tmp / "ml.csv").returncode == 0
    out["matrix_long.csv"] = ("csv", csv_columns(tmp / "ml.csv"))
    js("flow.json", "flow", s, "-o", tmp / "flow")
    csvs(tmp / "flow")
    js("replan.json", "flow", s, "--disruption", "separator_fire", "-o", tmp / "replan")
    out["delta.csv"] = ("csv", csv_columns(tmp / "replan" / "delta.csv"))
    js("criticality.json", "criticality", s, "-o", tmp / "crit")
    csvs(tmp / "crit")
    js("stress.json", "stress", s, "-o", tmp / "stress")
    csvs(tmp / "stress")
    js("sweep.json", "sweep", s, "-o", tmp / "sweep")
    csvs(tmp / "sweep")
    js("montecarlo.json", "montecarlo", s, "--runs", "200", "-o", tmp / "mc")
    csvs(tmp / "mc")
    js("survival.json", "survival", s, "-o", tmp / "surv")
    csvs(tmp / "surv")
    js("variant.json", "variant", s)
    js("diff.json", "diff", s, "--variant", "second_separator")
    js("compare.json", "compare", s, "--runs", "200", "-o", tmp / "cmp")
    csvs(tmp / "cmp")
    js("strengthen.json", "strengthen", s, "--budget", "5e7", "-o", tmp / "str")
    csvs(tmp / "str")
    js("region.json", "region", s, "--region", "CN", "-o", tmp / "reg")
    csvs(tmp / "reg")
    js("report.json", "report", s, "-o", tmp / "rep", "--analyses", "info")
    r = run_cli("run", s, "-o", tmp / "run")
    assert r.returncode == 0, r.stderr
    out["results.json"] = ("json", json.loads((tmp / "run" / "results.json").read_text()))
    out["manifest.json"] = ("json", json.loads((tmp / "run" / "manifest.json").read_text()))
    csvs(tmp / "run")
    html = (tmp / "run" / "report.html").read_text()
    data = re.search(r'<script type="application/json" id="chainnet-data">(.*?)</script>', html, re.S).group(1)
    out["report data"] = ("json", json.loads(data))
    return out


def undocumented(outputs, docs):
    """[(output id, name, where)] of what docs/outputs.md does not list."""
    missing = []
    for oid, (kind, content) in sorted(outputs.items()):
        if oid not in docs:
            missing.append((oid, "(the whole output)", ""))
            continue
        names, keyed = docs[oid]
        if kind == "csv":
            missing.extend((oid, c, "") for c in content if c not in names)
        elif oid == "results.json":
            # Each analysis's object is that command's JSON output; the rest is results.json's own.
            for k, v in content.items():
                if k not in names:
                    missing.append((oid, k, ""))
                if k in ANALYSES and isinstance(v, (dict, list)):
                    sub = docs.get(k + ".json", (set(), set()))
                    missing.extend((k + ".json (in results.json)", key, where) for key, where in json_keys(v, sub[1])
                                   if key not in sub[0])
                elif isinstance(v, (dict, list)):
                    missing.extend((oid, key, where) for key, where in json_keys(v, keyed) if key not in names)
        else:
            missing.extend((oid, key, where) for key, where in json_keys(content, keyed) if key not in names)
    return sorted(set(missing))


@pytest.fixture(scope="module")
def outputs(scenarios, tmp_path_factory):
    return collect(scenarios, tmp_path_factory.mktemp("outputs"))


def test_every_key_and_column_is_documented(outputs):
    missing = undocumented(outputs, documented())
    assert missing == [], "\n".join(f"{o}: {k} {w}" for o, k, w in missing)


def test_the_check_fails_on_an_undocumented_key(outputs):
    docs = documented()
    fake = dict(outputs)
    kind, doc = fake["info.json"]
    fake["info.json"] = (kind, dict(doc, surprise=1))
    fake["flows.csv"] = ("csv", fake["flows.csv"][1] + ["mystery"])
    missing = undocumented(fake, docs)
    assert ("info.json", "surprise", "") in missing and ("flows.csv", "mystery", "") in missing


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as t:
        outs = collect(SOURCE / "scenarios", pathlib.Path(t))
        for o, k, w in undocumented(outs, documented()):
            print(o, k, w)
