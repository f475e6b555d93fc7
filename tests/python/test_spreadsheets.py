"""Tables saved by spreadsheet programs load: a UTF-8 byte-order mark, ';' separators, CRLF line
ends and a trailing separator on every line give the same chain as the plain CSV files; what
cannot load gives one clear root-cause error first. cn.read_excel reads a workbook with one
sheet per table."""
import csv
import io
import json

import pandas as pd
import pytest

import chainnet as cn
from conftest import run_cli


@pytest.fixture(scope="module")
def written(default_chain, tmp_path_factory):
    d = tmp_path_factory.mktemp("plain")
    default_chain.write(d)
    return d


def spreadsheet_style(src, dst, sep=";", bom=True, crlf=True, trailing=True, decimal_comma=False):
    rows = list(csv.reader(io.StringIO(src.read_text())))
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator="\r\n" if crlf else "\n")
    for r in rows:
        if decimal_comma:
            r = [c.replace(".", ",") if c.replace(".", "", 1).replace("-", "", 1).isdigit() else c for c in r]
        w.writerow(r + [""] if trailing else r)
    dst.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8")


def same_chain(a, b):
    for t in ("products", "sites", "hubs", "supplies", "lanes", "bom", "capacities", "stocks", "demands"):
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t), check_dtype=False)
    assert a.info() == b.info()


@pytest.mark.parametrize("style", [dict(sep=";"), dict(sep=",", trailing=True), dict(sep=";", trailing=False, crlf=False),
                                   dict(sep=",", bom=True, trailing=False)])
def test_spreadsheet_saved_tables_load_as_the_plain_ones(written, default_chain, tmp_path, style):
    for f in written.iterdir():
        if f.suffix == ".csv":
            spreadsheet_style(f, tmp_path / f.name, **style)
        else:
            (tmp_path / f.name).write_text(f.read_text())
    chain = cn.load(tmp_path / "scenario.yaml")
    same_chain(chain, default_chain)
    r = run_cli("validate", tmp_path / "scenario.yaml")
    assert r.returncode == 0, r.stderr


def test_decimal_commas_get_a_hint(written, tmp_path):
    for f in written.iterdir():
        (tmp_path / f.name).write_text(f.read_text())
    spreadsheet_style(written / "sites.csv", tmp_path / "sites.csv", decimal_comma=True)
    assert "-33,86" in (tmp_path / "sites.csv").read_text()
    r = run_cli("validate", tmp_path / "scenario.yaml")
    assert r.returncode == 2
    first = r.stderr.splitlines()[0]
    assert "sites.csv:" in first and "-33,86" in first and "decimal comma" in first


def test_a_column_without_a_name_is_explained(written, tmp_path):
    for f in written.iterdir():
        (tmp_path / f.name).write_text(f.read_text())
    lines = (tmp_path / "sites.csv").read_text().splitlines()
    lines[0] = lines[0].replace(",kind,", ",,kind,")
    lines[1:] = [ln.replace(",supplier,", ",,supplier,", 1) for ln in lines[1:]]
    (tmp_path / "sites.csv").write_text("\n".join(lines) + "\n")
    r = run_cli("validate", tmp_path / "scenario.yaml")
    assert r.returncode == 2
    first = r.stderr.splitlines()[0]
    assert "sites.csv:1:" in first and "no name" in first and "stray separator" in first
    assert "unknown column ''" not in r.stderr


def test_root_cause_comes_first(written, tmp_path):
    """A broken row in sites.csv makes the demands that name its site fail too; the broken row is
    the first error printed, though demands.csv sorts before sites.csv."""
    for f in written.iterdir():
        (tmp_path / f.name).write_text(f.read_text())
    demands = pd.read_csv(written / "demands.csv")
    market = demands["site"].iloc[0]
    lines = (tmp_path / "sites.csv").read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(market + ","))
    lines[at] += ",extra"
    (tmp_path / "sites.csv").write_text("\n".join(lines) + "\n")
    r = run_cli("validate", tmp_path / "scenario.yaml")
    assert r.returncode == 2
    errors = [ln for ln in r.stderr.splitlines() if ": error: " in ln]
    assert f"sites.csv:{at + 1}:" in errors[0] and "fields" in errors[0]
    assert any("demands.csv" in e for e in errors[1:])  # the follow-on errors are still listed


def test_read_excel(written, default_chain, tmp_path):
    pytest.importorskip("openpyxl")
    book = tmp_path / "chain.xlsx"
    with pd.ExcelWriter(book, engine="openpyxl") as x:
        for f in sorted(written.glob("*.csv")):
            pd.read_csv(f, dtype=str, keep_default_na=False).to_excel(x, sheet_name=f.stem.capitalize(), index=False)
        pd.DataFrame({"note": ["made by hand"]}).to_excel(x, sheet_name="Notes", index=False)
    with pytest.warns(UserWarning, match="Notes"):
        chain = cn.read_excel(book, name=default_chain.name, units=default_chain.units, settings=default_chain.settings)
    for t in ("products", "sites", "hubs", "supplies", "lanes", "bom", "capacities", "stocks", "demands"):
        pd.testing.assert_frame_equal(getattr(chain, t), getattr(default_chain, t), check_dtype=False)
    # errors name the workbook, the sheet, the line and the column
    sites = pd.read_csv(written / "sites.csv", dtype=str, keep_default_na=False)
    sites.loc[2, "lat"] = "north"
    with pd.ExcelWriter(book, engine="openpyxl") as x:
        for f in sorted(written.glob("*.csv")):
            frame = sites if f.stem == "sites" else pd.read_csv(f, dtype=str, keep_default_na=False)
            frame.to_excel(x, sheet_name=f.stem, index=False)
    with pytest.raises(cn.ScenarioError) as e:
        cn.read_excel(book)
    col = list(sites.columns).index("lat") + 1
    assert f"chain.xlsx[sites]:4:{col}" in str(e.value)
