"""Comparing chains side by side: ``cn.compare`` (the same numbers as ``chainnet compare``)."""
import io as _io
import json

import pandas as pd

from . import _core
from ._chain import Chain


class Comparison:
    """What ``compare`` returns.

    ``kpis``: one row per key figure (index ``kpi``), columns ``analysis``, ``unit``,
    ``lower_is_better`` and one column per chain (the baseline first) with its value.
    ``kpis_long``: the tidy form (``variant, kpi, analysis, value, delta, unit``), as
    ``compare_kpis.csv``. ``diffs``: per variant name, a dict of DataFrames ``rows`` (table rows
    added, removed, changed), ``flows`` (flows that moved), ``spofs`` (single points of failure
    gained or lost), ``sites`` (largest changes of time to survive, performance impact, loss
    share) and ``montecarlo`` (the paired and unpaired 95 % intervals of the expected-loss
    difference, a dict, or None). ``json``: the full result as ``chainnet compare --json`` prints
    it; ``text``: the readable table.
    """

    def __init__(self, doc, text, tables):
        self.json = doc
        self.text = text
        self.baseline = doc["baseline"]
        self.variants = list(doc["variants"])
        names = [self.baseline] + self.variants
        rows = []
        for k in doc["kpis"]:
            row = {"kpi": k["kpi"], "analysis": k["analysis"], "unit": k["unit"],
                   "lower_is_better": k["lower_is_better"]}
            for n in names:
                v = k["values"][n]
                row[n] = float("inf") if v is None and k["kpi"] == "min_tts" else v
            rows.append(row)
        self.kpis = pd.DataFrame(rows, columns=["kpi", "analysis", "unit", "lower_is_better"] + names).set_index("kpi")
        csv = dict(tables)
        self.kpis_long = pd.read_csv(_io.StringIO(csv["compare_kpis.csv"]), keep_default_na=False,
                                     na_values=[""], dtype={"variant": str})
        self.tables = csv
        self.diffs = {}

        def frame(name, variant):
            df = pd.read_csv(_io.StringIO(csv[name]), keep_default_na=False, na_values=[""],
                             dtype={"variant": str})
            return df[df["variant"] == variant].drop(columns="variant").reset_index(drop=True)

        for name, d in doc["diffs"].items():
            self.diffs[name] = {
                "rows": frame("compare_rows.csv", name),
                "flows": frame("compare_flows.csv", name),
                "flows_moved": d["flows_moved"],
                "spofs": frame("compare_spofs.csv", name),
                "sites": frame("compare_sites.csv", name),
                "montecarlo": d["montecarlo"],
            }

    def __repr__(self):
        return f"<chainnet.Comparison baseline={self.baseline!r} variants={self.variants}>"


def compare(chains, analyses=None, names=None, variants=None, runs=0, top=20):
    """Runs the analyses on every chain and compares each with the first (the baseline).

    ``chains``: a list of Chains (the first is the baseline), or one Chain: then it is compared
    with its scenario variants (``variants``: ids, default all). ``analyses``: a list among
    flow, criticality, survival, stress, montecarlo, sweep (default all but sweep). ``names``
    label the chains (default: "baseline" and the variant ids for one Chain, else the chains'
    names). ``runs``: Monte Carlo runs (0: each scenario's own). Variants are compared under
    common random numbers. The work runs without the GIL, in parallel over chains.
    """
    if isinstance(chains, Chain):
        cores, lineup_names = _core._variants_lineup(chains._core, list(variants or []))
        cores = list(cores)
        if names is None:
            names = list(lineup_names)
    else:
        if variants:
            raise ValueError("variants= goes with one Chain (compared with its variants)")
        chains = list(chains)
        for c in chains:
            if not isinstance(c, Chain):
                raise TypeError(f"compare() takes Chains, not {type(c).__name__}")
        cores = [c._core for c in chains]
        if names is None:
            names = [c.name for c in chains]
            seen = {}
            for i, n in enumerate(names):
                seen[n] = seen.get(n, 0) + 1
                if seen[n] > 1:
                    names[i] = f"{n}#{seen[n]}"
    names = [str(n) for n in names]
    if len(names) != len(cores):
        raise ValueError(f"compare() got {len(names)} names for {len(cores)} chains")
    if len(set(names)) != len(names):
        raise ValueError("compare() needs distinct names")
    doc, text, tables = _core._compare(cores, names, list(analyses or []), int(runs), int(top))
    return Comparison(json.loads(doc), text, tables)
