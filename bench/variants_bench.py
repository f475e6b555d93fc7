"""Variants and compare, measured through the Python API users call (cn.load, Chain.edit,
cn.compare), all on this machine's two cores. Run by bench/run_variants.sh.

1. Applying 10 changes to a generated chain (10,000 to 1,000,000 sites) against loading it:
   numbers of existing rows, lanes and supplies added and removed between existing sites, and a
   list that adds a site (all three the quick way: a copy that shares the untouched tables, appends
   rows into their spare room and grows the indexes).
2. 10, 30 and 100 variants of the default scenario with flow, criticality and survival:
   cn.compare (parallel over variants) against the same three analyses called one chain after
   another (cn.flow_plan, cn.criticality, cn.survival, each on all cores), the numbers checked equal.
"""
import random
import resource
import sys
import time

import chainnet as cn

QUICK = [
    {"table": "capacities", "action": "scale", "where": {"region": "C01-"}, "column": "capacity", "factor": 0.5},
    {"table": "stocks", "action": "scale", "where": {}, "column": "quantity", "factor": 2},
    {"table": "supplies", "action": "set", "where": {"from": "raw_1"}, "values": {"lead_time": 3}},
    {"table": "lanes", "action": "scale", "where": {"mode": "sea"}, "column": "cost", "factor": 1.3},
    {"table": "sites", "action": "set", "where": {"region": "C02-P03"}, "values": {"ttr": 8}},
    {"table": "settings", "action": "set", "values": {"horizon": 13}},
    {"table": "demands", "action": "scale", "where": {"region": "C02"}, "column": "quantity", "factor": 1.1},
    {"table": "capacities", "action": "set", "where": {"site": "proc_5"}, "values": {"cost": 9}},
    {"table": "disruptions", "action": "scale", "where": {}, "column": "duration", "factor": 2},
    {"table": "supplies", "action": "scale", "where": {"to_region": "C03"}, "column": "capacity", "factor": 1.5},
]


def rows_changes(chain):
    """Rows added and removed between existing sites: a lane closed, a second contract beside the
    chain's first supply, an air lane for it."""
    first = chain.supplies.iloc[0]
    a, b, p = first["from"], first["to"], first["product"]
    return QUICK[:7] + [
        {"table": "lanes", "action": "remove", "where": {"from": "raw_2"}},
        {"table": "supplies", "action": "add", "rows": [{"from": a, "to": b, "product": p, "lead_time": 2}]},
        {"table": "lanes", "action": "add", "rows": [{"from": a, "to": b, "mode": "air", "cost": 50, "time_h": 5}]},
    ]
# A new site (a plant in a known region): its node id and firm as an overlay on the base's.
FULL = QUICK[:8] + [
    {"table": "lanes", "action": "remove", "where": {"from": "raw_2"}},
    {"table": "sites", "action": "add", "rows": [{"id": "new_plant", "kind": "plant", "region": "C01-P01"}]},
]


def timed(f):
    t = time.perf_counter()
    r = f()
    return r, time.perf_counter() - t


def edits(folders):
    print("1. ten changes against loading the chain (Python API, wall time)")
    print(f"   {'sites':>9}  {'load':>7}  {'numbers':>8}  {'ratio':>6}  {'rows':>7}  {'ratio':>6}  {'new site':>8}  {'ratio':>6}")
    for sites, folder in folders:
        chain, t_load = timed(lambda: cn.load(f"{folder}/scenario.yaml"))
        _, t_quick = timed(lambda: chain.edit(QUICK))
        rows = rows_changes(chain)
        _, t_rows = timed(lambda: chain.edit(rows))
        _, t_full = timed(lambda: chain.edit(FULL))
        print(f"   {sites:>9,}  {t_load:6.2f}s  {t_quick:7.3f}s  {t_quick / t_load:6.3f}  {t_rows:6.3f}s  {t_rows / t_load:6.3f}"
              f"  {t_full:7.2f}s  {t_full / t_load:6.2f}", flush=True)
    print(f"   peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def variants(scenario):
    print("\n2. variants of the default scenario with flow, criticality and survival (2 threads each side)")
    base = cn.load(scenario)
    rng = random.Random(12)
    caps = list(base.capacities["site"])
    regions = sorted({r.split("-")[0] for r in base.sites["region"]})
    made = []
    for i in range(100):
        change = rng.choice([
            {"table": "capacities", "action": "scale", "where": {"site": rng.choice(caps)}, "column": "capacity",
             "factor": rng.choice([0.5, 0.8, 1.25, 2])},
            {"table": "stocks", "action": "scale", "where": {}, "column": "quantity", "factor": rng.choice([0.5, 2, 3])},
            {"table": "capacities", "action": "scale", "where": {"region": rng.choice(regions)}, "column": "capacity",
             "factor": rng.choice([0.6, 1.5])},
            {"table": "lanes", "action": "scale", "where": {"mode": "sea"}, "column": "cost", "factor": 1 + i / 100},
        ])
        made.append(base.edit([change]))
    analyses = ["flow", "criticality", "survival"]
    print(f"   {'variants':>8}  {'cn.compare':>10}  {'one by one':>10}  {'ratio':>6}")
    for n in (10, 30, 100):
        chains = [base] + made[:n]
        cmp, t_cmp = timed(lambda: cn.compare(chains, analyses=analyses, names=["base"] + [f"v{i}" for i in range(n)]))

        def one_by_one():
            out = []
            for c in chains:
                f = cn.flow_plan(c)
                cr = cn.criticality(c)
                s = cn.survival(c)
                out.append((f.total_cost, s.at_risk, cr.single_points_of_failure["site"].nunique()))
            return out
        ref, t_ref = timed(one_by_one)
        for i, (cost, at_risk, spof) in enumerate(ref):
            name = "base" if i == 0 else f"v{i - 1}"
            assert cmp.kpis.loc["total_cost", name] == cost
            assert cmp.kpis.loc["at_risk_sites", name] == at_risk
            assert cmp.kpis.loc["single_points_of_failure", name] == spof
        print(f"   {n:>8}  {t_cmp:9.2f}s  {t_ref:9.2f}s  {t_ref / t_cmp:6.2f}   (same numbers)", flush=True)


if __name__ == "__main__":
    scenario = sys.argv[1]
    folders = [(int(a.split("=")[0]), a.split("=")[1]) for a in sys.argv[2:]]
    variants(scenario)
    if folders:
        print()
        edits(folders)
