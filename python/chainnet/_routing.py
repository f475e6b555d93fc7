"""Routes and distance matrices over lanes."""
import math

import pandas as pd

from . import _core


class Path:
    """One route: ``nodes`` (site/hub ids in order), ``lanes`` (DataFrame: from, to, mode, lane),
    and its totals ``cost``, ``time_h``, ``distance_km``, ``co2``, ``generalized``, plus
    ``weight`` (the total of the metric it was found by)."""

    def __init__(self, d):
        self.nodes = list(d["nodes"])
        self.lanes = pd.DataFrame({"from": d["lane_from"], "to": d["lane_to"], "mode": d["lane_mode"],
                                   "lane": d["lane_ids"]})
        for key in ("cost", "time_h", "distance_km", "co2", "generalized", "weight"):
            setattr(self, key, d[key])

    def __repr__(self):
        return (f"<Path {' -> '.join(self.nodes)}: cost {self.cost:g}, {self.time_h:g} h, "
                f"{self.distance_km:g} km, {self.co2:g} kg CO2>")


def _words(x):
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    return [str(v) for v in x]


def _price(x):
    return math.nan if x is None else float(x)


def route(chain, a, b, by="cost", k=1, max_time=None, avoid=None, carbon_price=None, value_of_time=None):
    """Up to ``k`` loopless routes from ``a`` to ``b`` (site or hub ids) by increasing ``by``
    (cost, time, distance, co2 or generalized); with ``max_time`` (hours) only routes within it,
    cheapest first (exact). ``avoid``: site/hub ids, region codes or mode names (``region:X``,
    ``mode:X`` to be explicit). Returns a list of Path, empty when there is no route.
    Prices of the generalized cost default to the scenario's settings."""
    status, paths = _core._route(chain._core, str(a), str(b), by, int(k),
                                 None if max_time is None else float(max_time), _words(avoid),
                                 _price(carbon_price), _price(value_of_time))
    if status == "label_limit":
        raise RuntimeError("the time-limited route search gave up (too many labels)")
    return [Path(p) for p in paths]


def distance_matrix(chain, sources=None, targets=None, by="time", threads=0, avoid=None,
                    carbon_price=None, value_of_time=None, method="auto"):
    """Least total ``by`` from every source to every target over lanes, as a DataFrame (rows:
    sources, columns: targets, NaN where unreachable). ``sources``/``targets``: ids, or None for
    every site. One search per source, in parallel on ``threads`` threads (0: all cores), without
    the GIL; the result does not depend on the thread count. ``method``: "dijkstra", "ch" (a
    contraction hierarchy, for many sources on large road graphs; no ``avoid``) or "auto"
    (the hierarchy from 100,000 nodes and 1,000 sources up)."""
    src = ["all"] if sources is None else _words(sources)
    dst = ["all"] if targets is None else _words(targets)
    s, t, values = _core._distance_matrix(chain._core, src, dst, by, _words(avoid), int(threads),
                                          _price(carbon_price), _price(value_of_time), str(method))
    return pd.DataFrame(values, index=pd.Index(s, name="source"), columns=pd.Index(t, name="target"))
