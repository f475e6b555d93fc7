"""Stress tests: disruption propagation, time to survive and performance impact, systemic
importance sweep and Monte Carlo risk (as ``chainnet stress / survival / sweep / montecarlo``).
Every call runs without the GIL; ``threads=0`` uses every core and the numbers never depend on it."""
import math

import pandas as pd

from . import _core


class _Result:
    _SUMMARY = ()

    @property
    def summary(self):
        """The headline figures as a plain dictionary."""
        return {k: getattr(self, k) for k in self._SUMMARY}


class StressResult(_Result):
    """The result of :func:`stress`. Summary (also as attributes): ``label``, ``horizon``,
    ``lost_value`` (what the disruption adds over the horizon, currency; the same as
    ``excess_lost_value``; units lost per product are in the timeline's lost_to_disruption), ``baseline_lost_value`` (lost per period
    with nothing disrupted: the normal plan's shortfall), ``total_lost_value`` (both),
    ``first_loss_period``, ``worst_period``, ``recovery_period`` (None when none), ``recovered``,
    ``reach`` (holdings the shock reached). DataFrames:

    - ``timeline``: period, market, product, demand, served, lost, lost_to_disruption (every
      market, every period; lost counts the baseline shortfall too, lost_to_disruption does not)
    - ``sites``: period, site, product, production (NaN: no line), stock
    - ``disruptions``: the summary of each scenario disruption when several ran (else None)
    - ``reroutes``: supplies moved onto detours while their routes were closed: from, to, product,
      share (of the supply's flow), units_per_period, start, duration, extra_time_h,
      extra_lead_periods, extra_cost and extra_co2 (over the horizon), route (node ids), modes;
      their totals are ``extra_transport_cost`` and ``extra_co2``

    and ``lost_value_by_period`` (what the disruption adds) and ``baseline_lost_value_by_period``
    (numpy arrays).
    """
    _SUMMARY = ("label", "response", "horizon", "lost_value", "excess_lost_value",
                "baseline_lost_value", "total_lost_value", "first_loss_period", "worst_period", "recovery_period", "recovered", "reach")

    def __init__(self, d):
        for k in self._SUMMARY:
            setattr(self, k, d[k])
        self.lost_value_by_period = d["lost_value_by_period"]
        self.lp = d.get("lp")
        self.baseline_lost_value_by_period = d["baseline_lost_value_by_period"]
        self.extra_transport_cost = d["extra_transport_cost"]
        self.extra_co2 = d["extra_co2"]
        self.reroutes = pd.DataFrame(d["reroutes"], columns=["from", "to", "product", "share", "units_per_period", "start",
                                                             "duration", "extra_time_h", "extra_lead_periods",
                                                             "extra_cost", "extra_co2", "route", "modes"])
        self.timeline = pd.DataFrame(d["timeline"], columns=["period", "market", "product", "demand", "served", "lost",
                                                            "lost_to_disruption"])
        self.sites = pd.DataFrame(d["sites"], columns=["period", "site", "product", "production", "stock"])
        self.disruptions = None
        if d["disruptions"] is not None:
            t = pd.DataFrame(d["disruptions"], columns=list(self._SUMMARY))
            for k in ("first_loss_period", "worst_period", "recovery_period"):
                t[k] = t[k].astype("Int64")  # None stays missing, numbers stay whole
            self.disruptions = t

    def __repr__(self):
        rec = "not recovered" if self.recovery_period is None else f"recovered in period {self.recovery_period}"
        return f"<StressResult {self.label}: lost {self.lost_value:.6g} over {self.horizon} periods, {rec}>"


class Survival(_Result):
    """The result of :func:`survival`. ``sites``: DataFrame with site, tts (periods, inf when the
    site is not needed), ttr, performance_impact (currency lost over ttr with the site down, the
    optimal response), rei (performance_impact / the largest), at_risk (tts < ttr), ranked by
    rei. Summary: ``ttr`` (the one given, None when each site's own), ``baseline_tts``,
    ``max_impact``, ``at_risk`` (count), and LP figures ``lp_rows``, ``lp_columns``,
    ``lp_solves``, ``lp_from_baseline``, ``lp_iterations``."""
    _SUMMARY = ("ttr", "baseline_tts", "max_impact", "at_risk", "lp_rows", "lp_columns", "lp_solves",
                "lp_from_baseline", "lp_iterations")

    def __init__(self, d):
        for k in self._SUMMARY:
            setattr(self, k, d[k])
        if self.ttr is not None and math.isnan(self.ttr):
            self.ttr = None
        self.sites = pd.DataFrame(d["sites"], columns=["site", "tts", "ttr", "performance_impact", "rei", "at_risk"])

    def __repr__(self):
        return f"<Survival: {len(self.sites)} sites, {self.at_risk} at risk, largest impact {self.max_impact:.6g}>"


class Sweep(_Result):
    """The result of :func:`sweep`. ``sites``: DataFrame with site, lost_value_share (of the
    final demand value over the horizon), lost_value, recovery_period (-1: none),
    reach, ranked by share. Summary: ``horizon``, ``duration``, ``loss``, ``start``,
    ``demand_value``."""
    _SUMMARY = ("horizon", "duration", "loss", "start", "demand_value")

    def __init__(self, d):
        for k in self._SUMMARY:
            setattr(self, k, d[k])
        self.sites = pd.DataFrame(d["sites"], columns=["site", "lost_value_share", "lost_value",
                                                       "recovery_period", "reach"])

    def __repr__(self):
        top = self.sites.iloc[0] if len(self.sites) else None
        most = f", most important {top['site']} ({100 * top['lost_value_share']:.3g} %)" if top is not None else ""
        return f"<Sweep: {len(self.sites)} sites down {self.duration} periods each{most}>"


class MonteCarlo(_Result):
    """The result of :func:`monte_carlo`. Summary: ``runs``, ``seed``, ``horizon``, and of the
    lost value beyond the baseline per run: ``mean``, ``std`` (n - 1), ``p50``, ``p95``,
    ``p99``, ``cvar95`` (mean of the worst 5 %), ``p_any_loss``. DataFrames: ``per_run`` (run,
    lost_value, failed_sites) and ``site_share`` (site, share: of the loss-making runs
    in which it failed, loss_share: of all lost value; sites that took part in a loss, ranked)."""
    _SUMMARY = ("runs", "seed", "horizon", "mean", "std", "p50", "p95", "p99", "cvar95", "p_any_loss")

    def __init__(self, d):
        for k in self._SUMMARY:
            setattr(self, k, d[k])
        self.per_run = pd.DataFrame(d["per_run"], columns=["run", "lost_value", "failed_sites"])
        s = pd.DataFrame(d["site_share"], columns=["site", "share", "loss_share"])
        s = s[s["share"] > 0].sort_values(["loss_share", "share"], ascending=False, kind="stable")
        self.site_share = s.reset_index(drop=True)

    def __repr__(self):
        return (f"<MonteCarlo: {self.runs} runs, mean loss {self.mean:.6g}, p95 {self.p95:.6g}, "
                f"CVaR95 {self.cvar95:.6g}, P(any loss) {self.p_any_loss:.3g}>")


def _whole(x, name):
    if x is None:
        return 0
    if x != int(x) or x < 1:
        raise ValueError(f"{name} must be a whole number >= 1 (got {x})")
    return int(x)


def stress(chain, disruption=None, site=None, loss=1.0, start=0, duration=None, horizon=None, all_sites=False,
           threads=0, stock="kept", response="propagation"):
    """Simulates a disruption period by period (as ``chainnet stress``). ``disruption``: a
    scenario disruption id or a list of them (acting together); ``site``: an ad-hoc failure of
    this site with capacity ``loss`` in (0, 1] from period ``start`` for ``duration`` periods
    (default: its time to recover); both may be given. With neither, every scenario disruption
    runs on its own: the result is the worst, with ``disruptions`` listing all. ``horizon``:
    periods simulated (default: settings.horizon); ``all_sites``: site timeline of every holding,
    not only of those the shock changes; ``stock``: "kept" (the failed ``site`` can still ship its
    stock) or "lost" (destroyed with it); ``response``: "propagation" (orders follow the normal
    plan) or "optimal" (the best response over the horizon, a linear program: the lower bound;
    ``lp`` then has its size and time). Raises ValueError for unknown ids or bad numbers."""
    ids = [] if disruption is None else ([disruption] if isinstance(disruption, str) else list(disruption))
    if int(start) < 0:
        raise ValueError("start must be >= 0")
    d = _core._stress(chain._core, [str(x) for x in ids], None if site is None else str(site), float(loss),
                      int(start), _whole(duration, "duration"), _whole(horizon, "horizon"), bool(all_sites),
                      int(threads), str(stock), str(response))
    return StressResult(d)


def survival(chain, ttr=None, sites=None, threads=0, stock="kept", include_markets=False):
    """Time to survive and performance impact of every site (as ``chainnet survival``): the
    linear programs of the optimal-response view, each site alone down. ``ttr``: time to recover
    of every site in periods (default: each site's own, else settings.ttr); ``sites``: assess
    only these site ids (default: every site but markets, which are demand, not failure
    candidates, unless ``include_markets``; the LPs span the whole chain either way; thousands of
    sites take minutes); ``stock``: "kept" (a failed site ships its stock) or "lost"."""
    t = math.nan if ttr is None else float(ttr)
    if not math.isnan(t) and not (0 <= t < math.inf):
        raise ValueError("ttr must be a finite number of periods >= 0")
    ids = [] if sites is None else ([sites] if isinstance(sites, str) else [str(s) for s in sites])
    return Survival(_core._survival(chain._core, t, ids, int(threads), str(stock), bool(include_markets)))


def sweep(chain, duration=None, loss=1.0, start=0, horizon=None, threads=0, stock="kept", include_markets=False):
    """Systemic importance (as ``chainnet sweep``): every site but markets (unless
    ``include_markets``) fails alone for ``duration`` periods (default: settings.ttr rounded up)
    with capacity ``loss``; share of the final demand value lost over the horizon. ``stock``:
    "kept" (a failed site ships its stock) or "lost"."""
    if int(start) < 0:
        raise ValueError("start must be >= 0")
    return Sweep(_core._sweep(chain._core, _whole(duration, "duration"), float(loss), int(start),
                              _whole(horizon, "horizon"), int(threads), str(stock), bool(include_markets)))


def monte_carlo(chain, runs=None, seed=None, horizon=None, threads=0, include_markets=False):
    """Random failures from the scenario's montecarlo events (as ``chainnet montecarlo``).
    ``runs`` and ``seed`` default to the scenario's; the same seed gives the same numbers on any
    thread count. ``sites: all`` events fail markets only with ``include_markets``."""
    return MonteCarlo(_core._monte_carlo(chain._core, _whole(runs, "runs"), None if seed is None else int(seed),
                                         _whole(horizon, "horizon"), int(threads), bool(include_markets)))
