// The optimal response to a shock over the horizon: a time-phased linear program, the lower
// bound that the share-following propagation is compared with (docs/models.md, "Optimal
// response over time").
//
// Periods t = 0 .. T-1. Columns: production x[m,t], shipments z[e,t], end-of-period stock
// s[h,t] >= 0 and lost demand 0 <= l[h,t] <= demand[h]. For every holding h and period t:
//   s[h,t-1] + arrivals[h,t] + x[m_h,t] + l[h,t] = s[h,t] + sum_out z[e,t] + sum_use q x[m',t] + demand[h]
// with s[h,-1] the stock at period 0, arrivals[h,t] = z[e, t - lead_e] (before period 0: the
// propagation's pipelines at period 0), and minimise sum value x l. What a shock does:
// - site hit (keep k): its lines make at most k x capacity; from the period it goes down, what it
//   ships (and sells to final demand) up to each period is at most the stock it held then
//   (k x that stock when the hit destroys stock) plus k of what arrived plus what it made: the
//   propagation's rule, here as cumulative rows;
// - make hit: the line keeps k of its capacity; supply hit: the supply ships at most k x its
//   normal order; delay hit: that share of each shipment arrives `delay` periods later.
// Contract capacities hold every period; lane capacities, costs and value_of_time do not enter.
// Every run of the propagation is a feasible point of this LP, so its lost value is at most the
// propagation's (tested on random chains).
#pragma once

#include <string>

#include "chainnet/stress/propagation.hpp"
#include "chainnet/stress/stress_test.hpp"

namespace chainnet::stress {

/// Solves the LP with `shock` (its transit rerouted as Propagation::run does) and once with no
/// shock, and reports both in the shape of stress_test(): lost value over the horizon, the excess
/// over the undisrupted LP, the market timeline, and production and stock of the holdings whose
/// values differ from the undisrupted optimum; response = "optimal", lp = its size and time.
/// Engines (options.engine): Clp (default) runs its primal simplex in a values pass from the
/// propagation's run of the same shock (a feasible point); GLPK its dual simplex after presolve
/// from a slack basis. Throws Error when the solver stops without an optimum.
/// Size: (2 x holdings + makes + supplies) x horizon columns, holdings x horizon rows plus one
/// row per period of an outage and holding of a down site that sells.
StressResult best_response(const Propagation& propagation, const Shock& shock, std::string label,
                           const StressOptions& options = {});

}  // namespace chainnet::stress
