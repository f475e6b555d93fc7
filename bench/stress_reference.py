#!/usr/bin/python3
"""The propagation model of docs/models.md written plainly in Python (dicts and lists, every holding
simulated every period), as a reference for chainnet's stress tests: same numbers, and how much
faster chainnet is on the same work.

    PYTHONPATH=build/python bench/stress_reference.py [scenario.yaml] [--chainnet build/bin/chainnet]

Runs the systemic-importance sweep (every site down for settings.ttr periods from period 0) in
Python and with `chainnet sweep --json`, checks that the shares agree, and prints both times and
their ratio. Only the Python module's table export is used (to read the chain), not its stress code.
"""
import argparse
import heapq
import json
import math
import subprocess
import sys
import time

import chainnet as cn

INF = float("inf")


def num(x):
    return INF if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


class Model:
    def __init__(self, chain, plan=None):
        """plan: a cn.normal_plan(chain) to take normal orders, production and sales from; None:
        orders by shares computed here (the shares method, without its repair rounds)."""
        sites = list(chain.sites.index)
        products = list(chain.products.index)
        self.value = {p: float(v) for p, v in chain.products["value"].items()}
        site_idx = {s: i for i, s in enumerate(sites)}
        prod_idx = {p: i for i, p in enumerate(products)}
        bom = {}
        for r in chain.bom.itertuples(index=False):
            bom.setdefault(r.product, []).append((r.input, float(r.quantity)))
        own = {}
        for r in chain.recipes.itertuples(index=False):
            own.setdefault((r.site, r.product), []).append((r.input, float(r.quantity)))
        keys = set()
        self.cap, self.recipe = {}, {}
        for r in chain.capacities.itertuples(index=False):
            h = (r.site, r.product)
            keys.add(h)
            self.cap[h] = num(r.capacity)
            rec = own.get(h, bom.get(r.product, []))
            self.recipe[h] = sorted(((r.site, q), x) for q, x in rec)
            self.recipe[h].sort(key=lambda t: prod_idx[t[0][1]])
            for inp, _ in self.recipe[h]:
                keys.add(inp)
        self.stock0, self.demand = {}, {}
        for r in chain.stocks.itertuples(index=False):
            keys.add((r.site, r.product))
            self.stock0[(r.site, r.product)] = self.stock0.get((r.site, r.product), 0.0) + float(r.quantity)
        for r in chain.demands.itertuples(index=False):
            keys.add((r.site, r.product))
            self.demand[(r.site, r.product)] = self.demand.get((r.site, r.product), 0.0) + float(r.quantity)
        self.supplies = []
        for r in chain.supplies.itertuples(index=False):
            e = dict(seller=(r[0], r.product), buyer=(r[1], r.product), site=r[0], cap=num(r.capacity),
                     share=float(r.share_effective), lead=int(r.lead_time))
            keys.add(e["seller"])
            keys.add(e["buyer"])
            self.supplies.append(e)
        self.holdings = sorted(keys, key=lambda h: (site_idx[h[0]], prod_idx[h[1]]))
        self.sites = sites
        self.sold = {h: [] for h in self.holdings}
        self.bought = {h: [] for h in self.holdings}
        for i, e in enumerate(self.supplies):
            self.sold[e["seller"]].append(i)
            self.bought[e["buyer"]].append(i)
        self.used_in = {h: [] for h in self.holdings}  # (output holding, quantity), in line order
        for out in self.holdings:
            for inp, q in self.recipe.get(out, []):
                self.used_in[inp].append((out, q))
        self.order_topo()
        if plan is None:
            self.sales = dict(self.demand)
            self.orders()
        else:
            self.take_plan(plan)

    def take_plan(self, plan):
        self.o = [0.0 if self.cycle[e] else float(q) for e, q in enumerate(plan.supplies["quantity"])]
        self.plan = {h: 0.0 for h in self.cap}
        for r in plan.production.itertuples(index=False):
            self.plan[(r.site, r.product)] = float(r.quantity)
        self.sales = {(r.site, r.product): float(r.sales) for r in plan.sales.itertuples(index=False)}
        self.req = {}
        for h in self.holdings:
            req = self.sales.get(h, 0.0) + sum(self.o[e] for e in self.sold[h] if not self.cycle[e])
            self.req[h] = req + sum(q * self.plan[out] for out, q in self.used_in[h])

    def order_topo(self):
        colour, post = {}, []
        self.cycle = [False] * len(self.supplies)
        for root in self.holdings:
            if root in colour:
                continue
            colour[root] = 1
            stack = [(root, 0)]
            while stack:
                h, i = stack[-1]
                arcs = [("s", e, self.supplies[e]["buyer"]) for e in self.sold[h]] + [("r", None, o) for o, _ in self.used_in[h]]
                if i < len(arcs):
                    stack[-1] = (h, i + 1)
                    kind, e, to = arcs[i]
                    if to not in colour:
                        colour[to] = 1
                        stack.append((to, 0))
                    elif colour[to] == 1 and kind == "s":
                        self.cycle[e] = True
                else:
                    colour[h] = 2
                    post.append(h)
                    stack.pop()
        self.topo = post[::-1]

    def orders(self):
        S = self.supplies
        self.o = [0.0] * len(S)
        self.plan, self.req = {}, {}
        live = lambda e: not self.cycle[e]
        room = {}
        for h in self.holdings:
            buys = any(live(e) for e in self.bought[h])
            room[h] = max(0.0, self.cap[h] - self.demand.get(h, 0.0)) if (not buys and h in self.cap) else INF
        waiting = {h: sum(1 for e in self.sold[h] if live(e)) + len(self.used_in[h]) for h in self.holdings}
        index = {h: i for i, h in enumerate(self.holdings)}
        nsup = {h: sum(1 for e in self.bought[h] if live(e)) for h in self.holdings}
        ready = [(nsup[h], index[h], h) for h in self.holdings if waiting[h] == 0]
        heapq.heapify(ready)
        while ready:
            _, _, h = heapq.heappop(ready)
            req = self.demand.get(h, 0.0) + sum(self.o[e] for e in self.sold[h] if live(e))
            req += sum(q * self.plan[out] for out, q in self.used_in[h])
            self.req[h] = req
            need = req
            if h in self.cap:
                self.plan[h] = min(self.cap[h], req)
                need -= self.plan[h]
                for inp, q in self.recipe[h]:
                    room[inp] -= q * self.plan[h]
            for pas in (0, 1):
                def limit(e):
                    c = S[e]["cap"] - self.o[e]
                    return min(c, max(0.0, room[S[e]["seller"]])) if pas == 0 else c
                open_ = [e for e in self.bought[h] if live(e) and limit(e) > 0]
                while need > 1e-12 * max(1.0, req) and open_:
                    w = sum(S[e]["share"] for e in open_)
                    equal = not (w > 0)
                    if equal:
                        w = float(len(open_))
                    want = lambda e: need * (1.0 if equal else S[e]["share"]) / w
                    if not any(want(e) > limit(e) for e in open_):
                        for e in open_:
                            v = want(e)
                            self.o[e] += v
                            room[S[e]["seller"]] -= v
                        need = 0.0
                        break
                    still, taken = [], 0.0
                    for e in open_:
                        lim = limit(e)
                        if want(e) > lim:
                            self.o[e] += lim
                            room[S[e]["seller"]] -= lim
                            taken += lim
                        else:
                            still.append(e)
                    need -= taken
                    open_ = still
            for e in self.bought[h]:
                if live(e):
                    s = S[e]["seller"]
                    waiting[s] -= 1
                    if waiting[s] == 0:
                        heapq.heappush(ready, (nsup[s], index[s], s))
            for inp, _ in self.recipe.get(h, []):
                waiting[inp] -= 1
                if waiting[inp] == 0:
                    heapq.heappush(ready, (nsup[inp], index[inp], inp))

    def simulate(self, failures, horizon, zero_lead=False, pipe_init=None):
        """failures: {site: (loss, start, duration[, stock_lost])}. Returns (served per period per
        market, shipments of period 0). A failed site ships the stock it held when it went down
        (unless stock_lost destroys `loss` of it then), what it makes, and `keep` of what arrives."""
        S = self.supplies
        stock = {h: self.stock0.get(h, 0.0) for h in self.holdings}
        pipes = {}
        for e, s in enumerate(S):
            if not self.cycle[e] and s["lead"] > 0 and not zero_lead:
                pipes[e] = [pipe_init[e]] * s["lead"]  # arrivals of periods t .. t+lead-1
        served_by_t = []
        ship0 = None
        releasable, down_at = {}, {}
        for t in range(horizon):
            keep = {}
            for site, (loss, start, dur, *lost) in failures.items():
                if start <= t < start + dur:
                    keep[site] = keep.get(site, 1.0) * (1.0 - loss)
                    if lost and lost[0] and t == start:
                        for h in self.holdings:
                            if h[0] == site:
                                stock[h] *= 1.0 - loss
            z, made, reserve, served = {}, {}, {}, {}
            shipped_now = {}
            for h in self.topo:
                # 1. substitution
                short = sum(max(0.0, self.o[e] - z.get(e, 0.0)) for e in self.bought[h] if not self.cycle[e])
                if short > 1e-9 * max(1.0, self.req[h]):
                    def extra(sh):
                        if sh not in self.cap:
                            return 0.0
                        room = (0.0 if keep.get(sh[0], 1.0) <= 0 else self.cap[sh] * keep.get(sh[0], 1.0)) - made.get(sh, 0.0)
                        for inp, q in self.recipe[sh]:
                            room = min(room, max(0.0, stock[inp]) / q)
                        return max(0.0, room)
                    offers, total = [], 0.0
                    for e in self.bought[h]:
                        if self.cycle[e] or keep.get(S[e]["site"], 1.0) < 1.0:
                            continue
                        sh = S[e]["seller"]
                        room = S[e]["cap"] - z.get(e, 0.0)
                        if not room > 1e-12:
                            continue
                        spare = min(room, max(0.0, stock[sh]) + extra(sh))
                        if spare > 1e-12:
                            offers.append((e, spare))
                            total += spare
                    if total > 0:
                        frac = min(1.0, short / total)
                        for e, spare in offers:
                            sh = S[e]["seller"]
                            take = min(spare * frac, max(0.0, stock[sh]) + extra(sh))
                            if not take > 0:
                                continue
                            y = min(take, extra(sh))
                            if y > 0:
                                made[sh] = made.get(sh, 0.0) + y
                                for inp, q in self.recipe[sh]:
                                    stock[inp] -= q * y
                            if take > y:
                                stock[sh] -= take - y
                            z[e] = z.get(e, 0.0) + take
                            if e in pipes:
                                shipped_now[e] = shipped_now.get(e, 0.0) + take
                # 2. arrivals
                on_hand = stock[h]
                avail = stock[h]
                for e in self.bought[h]:
                    if self.cycle[e]:
                        continue
                    avail += pipes[e][0] if e in pipes else z.get(e, 0.0)
                # 3. production
                if h in self.cap:
                    k = keep.get(h[0], 1.0)
                    x = min(0.0 if k <= 0 else self.cap[h] * k, self.plan[h])
                    for inp, q in self.recipe[h]:
                        x = min(x, reserve[(inp, h)] / q)
                    x = max(0.0, x)
                    for inp, q in self.recipe[h]:
                        stock[inp] += reserve[(inp, h)] - q * x
                    made[h] = made.get(h, 0.0) + x
                    arrived = avail - on_hand
                    avail += x
                else:
                    arrived = avail - on_hand
                # 4. rationing
                req = self.req[h]
                phi = avail / req if req > 0 and avail < req - 1e-9 * max(1.0, req) else 1.0
                k = keep.get(h[0], 1.0)
                out = phi
                if k < 1.0:
                    if down_at.get(h) != t - 1:
                        releasable[h] = on_hand
                    down_at[h] = t
                    if req > 0:
                        out = min(phi, (releasable[h] + k * arrived + made.get(h, 0.0)) / req)
                used = 0.0
                for e in self.sold[h]:
                    if self.cycle[e]:
                        continue
                    v = self.o[e] * out
                    z[e] = v
                    if e in pipes:
                        shipped_now[e] = v
                    used += v
                served[h] = self.sales.get(h, 0.0) * out
                used += served[h]
                if k < 1.0:
                    releasable[h] = max(0.0, releasable[h] - used)
                for o, q in self.used_in[h]:
                    reserve[(h, o)] = q * self.plan[o] * phi
                    used += reserve[(h, o)]
                stock[h] = max(0.0, avail - used)
            for e, p in pipes.items():
                p.pop(0)
                p.append(shipped_now.get(e, 0.0))
            served_by_t.append({h: v for h, v in served.items() if h in self.demand})
            if ship0 is None:
                ship0 = [z.get(e, 0.0) for e in range(len(S))]
        return served_by_t, ship0

    def lost_value(self, failures, horizon, pipe_init):
        served, _ = self.simulate(failures, horizon, pipe_init=pipe_init)
        return sum((d - served[t][h]) * self.value[h[1]] for t in range(horizon) for h, d in self.demand.items())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", default="scenarios/default.yaml")
    ap.add_argument("--chainnet", default="build/bin/chainnet")
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    chain = cn.load(a.scenario)
    horizon = int(chain.settings["horizon"])
    duration = max(1, math.ceil(chain.settings["ttr"] - 1e-9))
    t0 = time.perf_counter()
    m = Model(chain, cn.normal_plan(chain))
    _, pipe_init = m.simulate({}, 1, zero_lead=True)
    base = m.lost_value({}, horizon, pipe_init)
    shares = {}
    demand_value = sum(d * m.value[h[1]] for h, d in m.demand.items()) * horizon
    for s in m.sites:
        shares[s] = (m.lost_value({s: (1.0, 0, duration)}, horizon, pipe_init) - base) / demand_value
    t_py = time.perf_counter() - t0
    cmd = [a.chainnet, "sweep", a.scenario, "--json", "--duration", str(duration), "-q"]
    times = []
    for _ in range(a.repeats):
        t1 = time.perf_counter()
        doc = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        times.append(time.perf_counter() - t1)
    t_cn = min(times)
    worst = max(abs(x["lost_value_share"] - shares[x["site"]]) for x in doc["sites"])
    # the same work in-process: cn.sweep on the loaded chain (no process start, no YAML load)
    times = []
    for _ in range(a.repeats):
        t1 = time.perf_counter()
        inproc = cn.sweep(chain, duration=duration)
        times.append(time.perf_counter() - t1)
    t_in = min(times)
    worst = max(worst, max(abs(r.lost_value_share - shares[r.site]) for r in inproc.sites.itertuples()))
    print(f"sweep of {len(m.sites)} sites x {horizon} periods ({len(m.holdings)} holdings)")
    print(f"  python reference: {t_py:.3f} s   chainnet (whole CLI run, best of {a.repeats}): {t_cn:.4f} s   ratio {t_py / t_cn:.0f}x")
    print(f"  chainnet in-process (cn.sweep, best of {a.repeats}): {t_in:.5f} s   ratio {t_py / t_in:.0f}x")
    print(f"  largest difference of lost_value_share: {worst:.2e}")
    if worst > 1e-9:
        print("MISMATCH", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
