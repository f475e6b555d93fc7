"""Weak links: single points of failure, stuck-neck inputs, hidden deep tiers, bottlenecks,
centrality and robustness curves (as ``chainnet criticality``)."""
import json

import pandas as pd

from . import _core

SECTIONS = ("single_points_of_failure", "regional_single_points_of_failure", "unservable",
            "site_impact", "single_sourced", "single_region", "hhi", "deep_tier", "bottlenecks",
            "betweenness", "robustness")


class Criticality:
    """The result of :func:`criticality`: one DataFrame per section, with the columns and ranking
    of the JSON report (``chainnet criticality --json``):

    - ``single_points_of_failure``: market, product, site, demand_value
    - ``regional_single_points_of_failure``: market, product, region, only_as_region
    - ``unservable``: market, product, demand (unservable even in the intact chain)
    - ``site_impact``: site, lost_demand_value, lost_demands (loss of the site alone)
    - ``single_sourced``: buyer, product, supplier, value_at_risk, demands_at_risk
    - ``single_region``: buyer, product, region, suppliers, value_at_risk
    - ``hhi``: buyer, product, hhi (0..1), suppliers, value_at_risk
    - ``deep_tier``: site, tiers (list), lowest_tier, tier1_dependents, master_value_share, hidden
    - ``bottlenecks``: product, max_flow, demand, unmet, cut (list of dicts)
    - ``betweenness``: site, value (and standard_error when sampled)
    - ``robustness``: removed_fraction, served_fraction_random, served_fraction_random_low,
      served_fraction_random_high, served_fraction_targeted

    plus ``method``, ``count_stock``, ``master`` (dict or None), ``bottleneck_lanes``, ``betweenness_exact``,
    ``betweenness_sources`` and ``robustness_orders``.
    """

    def __init__(self, d):
        for key in ("method", "count_stock", "master", "bottleneck_lanes", "betweenness_exact", "betweenness_sources",
                    "robustness_orders"):
            setattr(self, key, d[key])
        for key, sec in d["sections"].items():
            rows = [[json.loads(x) if isinstance(x, bytes) else x for x in row] for row in sec["rows"]]
            setattr(self, key, pd.DataFrame(rows, columns=sec["columns"]))

    @property
    def hidden(self):
        """Deep-tier sites the master's tier-1 list does not show but that its inputs depend on."""
        d = self.deep_tier
        return d[d["hidden"] & ((d["master_value_share"] > 0) | (d["tier1_dependents"] >= 2))]

    def __repr__(self):
        return (f"<Criticality ({self.method}): {len(self.single_points_of_failure)} single points of failure, "
                f"{len(self.single_sourced)} single-sourced inputs, {len(self.hidden)} hidden deep-tier sites>")


def criticality(chain, master=None, market=None, method="auto", count_stock=False, regions=True,
                lanes=None, samples=0, orders=50, points=21, seed=None, threads=0, include_markets=False):
    """The weak-links report. ``master``: chain master site id (default: the site tagged
    chain_master); ``market``: keep this market's single points of failure only; ``method``:
    "auto", "dominators" (chains without bills of materials) or "sweep"; ``count_stock``: count
    stock on hand as a source; ``samples``: betweenness from this many sampled sources (0 =
    exact); ``lanes``: cap supplies by their routes' lane capacities in the bottlenecks (None:
    automatic, see ``bottleneck_lanes``); ``orders``/``points``: the random robustness curve; ``seed`` defaults to the
    scenario's settings; ``include_markets``: list markets in ``site_impact`` too (they are demand,
    not failure candidates). Runs without the GIL; identical on any ``threads``."""
    d = _core._criticality(chain._core, master, market, str(method), bool(count_stock), bool(regions),
                           None if lanes is None else bool(lanes), int(samples), int(orders), int(points), seed, int(threads),
                           bool(include_markets))
    return Criticality(d)
