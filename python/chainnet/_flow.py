"""Flow plans: least-cost production and transport meeting the markets' demand per period."""
import math

import pandas as pd

from . import _core


class FlowPlan:
    """The result of :func:`flow_plan`.

    ``status`` ("optimal", "infeasible" or "limit"), ``method`` ("network" or "lp"), cost figures
    per period ``total_cost``, ``production_cost``, ``transport_cost``, ``carbon_cost``,
    ``lost_sale_cost``, ``co2`` (kg), ``demand`` and ``served`` (units), and DataFrames:

    - ``flows``: from, to, product, quantity, unit_transport_cost, unit_co2, lane_path (list of
      node ids, None when no lane routes the supply)
    - ``production``: site, product, quantity, capacity
    - ``unmet``: site, product, quantity, demand, penalty
    - ``bottlenecks``: kind (lane, supply, production), from, to, site, product, mode, capacity,
      flow, shadow_price (currency per extra unit of capacity), largest first
    - ``prices``: site, product, price (marginal cost of one more unit there; the dual prices)

    A re-plan (a shock given to :func:`flow_plan`) also has ``shock`` (what is in force),
    ``normal`` (the normal plan's cost figures), ``delta`` (re-plan minus normal, per period:
    total_cost, production_cost, transport_cost, carbon_cost, lost_sale_cost, co2,
    lost_sales_value) and ``delta_flows`` (DataFrame: from, to, product, normal, replanned,
    rerouted, normal_unit_cost, replanned_unit_cost, change); otherwise these are None.
    """

    def __init__(self, d):
        for key in ("status", "method", "total_cost", "production_cost", "transport_cost",
                    "carbon_cost", "lost_sale_cost", "co2", "carbon_price", "demand", "served",
                    "unrouted_supplies", "rounds"):
            setattr(self, key, d[key])
        self.flows = pd.DataFrame(d["flows"], columns=["from", "to", "product", "quantity",
                                                       "unit_transport_cost", "unit_co2", "lane_path"])
        self.production = pd.DataFrame(d["production"], columns=["site", "product", "quantity", "capacity"])
        self.unmet = pd.DataFrame(d["unmet"], columns=["site", "product", "quantity", "demand", "penalty"])
        self.bottlenecks = pd.DataFrame(d["bottlenecks"], columns=["kind", "from", "to", "site", "product",
                                                                   "mode", "capacity", "flow", "shadow_price"])
        self.prices = pd.DataFrame(d["prices"], columns=["site", "product", "price"])
        self.closed_supplies = d["closed_supplies"]
        self.shock = d.get("shock")
        self.normal = d.get("normal")
        self.delta = d.get("delta")
        self.delta_flows = None
        if "delta_flows" in d:
            self.delta_flows = pd.DataFrame(d["delta_flows"], columns=["from", "to", "product", "normal", "replanned",
                                                                       "rerouted", "normal_unit_cost",
                                                                       "replanned_unit_cost"])
            self.delta_flows["change"] = self.delta_flows["replanned"] - self.delta_flows["normal"]

    def __repr__(self):
        return (f"<FlowPlan {self.status} ({self.method}): total cost {self.total_cost:.6g}, "
                f"served {self.served:g} of {self.demand:g}, {len(self.bottlenecks)} bottlenecks>")


def flow_plan(chain, method="auto", penalty_factor=1.0, carbon_price=None, threads=0, disruption=None, site=None,
              loss=1.0, avoid=None):
    """Least-cost flow plan for one period (as ``chainnet flow``): production, supplies routed
    over lanes, and unmet demand priced at ``penalty_factor`` x product value. ``method``: "auto",
    "network" (one min-cost flow per product; chains without bills of materials) or "lp".
    ``carbon_price`` defaults to the scenario's settings. Runs without the GIL.

    Re-plan (as ``chainnet flow --disruption/--site/--avoid``): with ``disruption`` (an id or a
    list), ``site`` (failed with capacity ``loss``) or ``avoid`` (ids, region codes, modes) the
    plan is made with the shock in force and carries its difference from the normal plan."""
    ids = [] if disruption is None else ([disruption] if isinstance(disruption, str) else [str(x) for x in disruption])
    words = [] if avoid is None else ([avoid] if isinstance(avoid, str) else [str(x) for x in avoid])
    d = _core._flow_plan(chain._core, str(method), float(penalty_factor),
                         math.nan if carbon_price is None else float(carbon_price), int(threads), ids,
                         "" if site is None else str(site), float(loss), words)
    return FlowPlan(d)


class NormalPlan:
    """The result of :func:`normal_plan`: the one definition of normal operation that every
    stress analysis starts from (docs/models.md, "The operating model").

    ``method`` ("flow_plan" or "shares"), ``cost`` (per period; NaN for shares),
    ``demand_value`` and ``lost_value`` (per period, nothing disrupted), ``given_shares`` and
    ``honoured_shares`` (written shares into buyers with two or more suppliers, and how many the
    plan carries), ``warnings`` (one line per shortfall), and DataFrames in the chain's order:

    - ``supplies``: from, to, product, quantity (units per period), inert (closes a ring)
    - ``production``: site, product, quantity
    - ``sales``: site, product, demand, sales (final demand served per period)
    """

    def __init__(self, d):
        for key in ("method", "cost", "demand_value", "lost_value", "given_shares", "honoured_shares",
                    "lp_solves", "warnings"):
            setattr(self, key, d[key])
        self.supplies = pd.DataFrame(d["supplies"], columns=["from", "to", "product", "quantity", "inert"])
        self.supplies["inert"] = self.supplies["inert"].astype(bool)
        self.production = pd.DataFrame(d["production"], columns=["site", "product", "quantity"])
        self.sales = pd.DataFrame(d["sales"], columns=["site", "product", "demand", "sales"])

    def __repr__(self):
        return (f"<NormalPlan ({self.method}): lost value {self.lost_value:.6g} of {self.demand_value:.6g} "
                f"per period, {len(self.warnings)} warning(s)>")


def normal_plan(chain, method="auto"):
    """The normal plan (as stress tests use it): the least-cost flow plan with given shares
    honoured where feasible ("flow_plan"), or orders by shares with repaired rooms ("shares", for
    chains too large for the LPs); "auto" picks by size. Runs without the GIL."""
    return NormalPlan(_core._normal_plan(chain._core, str(method)))
