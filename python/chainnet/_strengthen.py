"""The mitigation planner: ``cn.strengthen`` (the same plan as ``chainnet strengthen``)."""
import io as _io
import json

import pandas as pd

from . import _core
from ._chain import Chain


class Plan:
    """What ``strengthen`` returns.

    ``actions``: the chosen candidates in order (``step, candidate, kind, cost, cost_so_far,
    gain, objective_after``). ``frontier``: the best portfolio at each budget step (``budget,
    objective, cost, candidate``: one row per chosen candidate). ``candidates``: every candidate
    with ``chosen``. ``before``, ``after``, ``total_cost``, ``objective``, ``unit``, ``method``,
    ``proof`` (why the answer is optimal, or how far greedy can be from it), ``lp_bound``;
    ``json`` and ``text`` as the CLI writes them. ``variant()``: the chain with the chosen
    actions applied.
    """

    def __init__(self, chain, doc, text, tables, suggest=False, max_suggested=None):
        self._chain = chain
        self._suggest = suggest
        self._max_suggested = max_suggested
        self.json = doc
        self.text = text
        for key in ("objective", "unit", "method", "budget", "before", "after", "total_cost", "proof", "lp_bound",
                    "mip_objective", "evaluations", "plain_evaluations", "bound_kind", "failure_lps"):
            setattr(self, key, doc[key])
        csv = dict(tables)
        self.tables = csv

        def frame(name):
            return pd.read_csv(_io.StringIO(csv[name]), keep_default_na=False, na_values=[""],
                               dtype={"candidate": str, "group": str, "requires": str})

        self.actions = frame("strengthen_actions.csv")
        self.frontier = frame("strengthen_frontier.csv")
        self.candidates = frame("strengthen_candidates.csv")
        self.chosen = [a["id"] for a in doc["chosen"]]

    def variant(self):
        """The chain with the chosen actions applied (a new Chain; the original is unchanged)."""
        return Chain(_core._apply_portfolio(self._chain._core, list(self.chosen), self._suggest,
                                            _max_count(self._max_suggested)))

    def __repr__(self):
        return (f"<chainnet.Plan {self.objective}: {self.before:.6g} -> {self.after:.6g} "
                f"for {self.total_cost:.6g} ({len(self.chosen)} actions)>")


def _max_count(max_suggested):
    # None: no limit (the largest size_t).
    return (1 << 64) - 1 if max_suggested is None else int(max_suggested)


def strengthen(chain, budget, objective="pi", method="auto", runs=0, frontier_steps=10, suggest=False,
               max_suggested=None, warm_start=True):
    """Chooses which of the chain's candidate actions to buy within ``budget`` (scenario
    currency) to make ``objective`` smallest: ``at_risk``, ``pi``, ``expected_loss``, ``cvar95``
    or ``spof``. ``method``: ``exact``, ``greedy`` or ``auto``. ``runs``: Monte Carlo runs for
    expected_loss and cvar95 (0: the scenario's). ``suggest``: add candidates made from the
    chain's weak links (as ``--suggest``); ``max_suggested``: at most that many of them, the most
    exposed inputs' first (as ``--max-suggested``). ``warm_start=False``: every failure LP solved
    from scratch (as ``--no-warm-start``; same answer, for comparisons). Raises ScenarioError for invalid candidates,
    ValueError for a bad budget, objective or method. The work runs without the GIL."""
    if not isinstance(chain, Chain):
        raise TypeError(f"strengthen() takes a Chain, not {type(chain).__name__}")
    if max_suggested is not None and (not suggest or int(max_suggested) < 1):
        raise ValueError("max_suggested needs suggest=True and a count >= 1")
    doc, text, tables = _core._strengthen(chain._core, float(budget), str(objective), str(method), int(runs),
                                          int(frontier_steps), bool(suggest), _max_count(max_suggested),
                                          bool(warm_start))
    return Plan(chain, json.loads(doc), text, tables, bool(suggest), max_suggested)


class RegionProfile:
    """What ``region_profile`` returns: ``stages`` (per BOM level: products, made_here, imported,
    production_value, import_value, value_share), ``products`` (the concentration table: makers,
    makers_here, capacity and its share here, production_share, import_value, top_country and its
    share, hhi_country, hhi_region), ``candidates`` (candidates that would localise an imported
    product, with the import value they can replace), the totals, ``json`` and ``text``."""

    def __init__(self, doc, text, tables):
        self.json = doc
        self.text = text
        for key in ("region", "sites", "production_value", "import_value", "export_value"):
            setattr(self, key, doc[key])
        csv = dict(tables)
        self.tables = csv

        def frame(name, index):
            df = pd.read_csv(_io.StringIO(csv[name]), keep_default_na=False, na_values=[""],
                             dtype={"product": str, "candidate": str, "top_country": str})
            return df.set_index(index) if index else df

        self.stages = frame("region_stages.csv", "level")
        self.products = frame("region_products.csv", "product")
        self.candidates = frame("region_candidates.csv", None)

    def __repr__(self):
        return f"<chainnet.RegionProfile {self.region}: {len(self.sites)} sites>"


def region_profile(chain, region):
    """The regional view of ``region`` (a region code with everything inside it, or a prefix
    ending in '-'), as ``chainnet region``. Raises ValueError when no site lies in it."""
    if not isinstance(chain, Chain):
        raise TypeError(f"region_profile() takes a Chain, not {type(chain).__name__}")
    doc, text, tables = _core._region_profile(chain._core, str(region))
    return RegionProfile(json.loads(doc), text, tables)
