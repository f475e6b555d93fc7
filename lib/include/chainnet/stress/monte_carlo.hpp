// Monte Carlo stress tests: random site and regional failures, many runs, loss distribution.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "chainnet/stress/propagation.hpp"

namespace chainnet::stress {

struct MonteCarloOptions {
  std::uint32_t runs = 0;       ///< 0: the scenario's montecarlo.runs
  std::uint64_t seed = 0;
  bool seed_given = false;      ///< false: the scenario's montecarlo.seed
  bool include_markets = false; ///< `sites: all` events fail markets too
  /// Called from the calling thread after each block of runs with (runs done, runs in all).
  std::function<void(std::size_t, std::size_t)> progress;
};

/// The draw keys of a chain's sites and regions: hashes of their string ids.
struct DrawKeys {
  std::vector<std::uint64_t> site;
  std::vector<std::uint64_t> region;
};
DrawKeys draw_keys(const model::Chain& chain);

/// Draws the failures of run `run`: a pure function of (seed, run, event index, site id), so any
/// thread or process count gives the same shocks, and a site or region draws the same events in
/// every variant of a chain that has it (common random numbers: keyed by id, not by index).
/// Per event: each listed site (or every site) fails with `probability` (one draw from the
/// site's own stream), or the whole region with one draw from the region's; a failure starts in a period uniform over the horizon and lasts a
/// duration drawn from the event's distribution (whole periods, at least 1: fixed and lognormal
/// values rounded to the nearest, uniform [a, b] a whole number from a to b equally likely,
/// empirical one of the values equally likely). `failed` receives the failed sites (sorted,
/// unique). Markets are not failure candidates of `sites: all` events unless `include_markets`
/// (a listed market, or a region's, still fails).
Shock draw_run(const model::Chain& chain, const model::MonteCarloSpec& spec, std::uint64_t seed,
               std::uint64_t run, std::uint32_t horizon, std::vector<SiteId>* failed = nullptr,
               bool include_markets = false);
/// The same with the keys computed once (draw_keys(chain)). Time: O(sites) per `sites: all` event.
Shock draw_run(const model::Chain& chain, const model::MonteCarloSpec& spec, const DrawKeys& keys,
               std::uint64_t seed, std::uint64_t run, std::uint32_t horizon,
               std::vector<SiteId>* failed = nullptr, bool include_markets = false);

struct MonteCarloResult {
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  std::uint32_t horizon = 0;
  // Lost value beyond the undisrupted baseline, per run (currency over the horizon).
  std::vector<double> lost_value;
  std::vector<double> lost_units;
  std::vector<std::uint32_t> failed_sites;  ///< per run: sites that failed
  double mean = 0, std = 0;                 ///< std: sample standard deviation (n - 1)
  double p50 = 0, p95 = 0, p99 = 0;         ///< linear interpolation between order statistics
  double cvar95 = 0;                        ///< mean of the worst ceil(5 % of runs) losses
  double p_any_loss = 0;                    ///< share of runs that lost anything
  /// Per site: share of the loss-making runs in which the site failed (0 when none lost).
  std::vector<double> site_share;
  /// Per site: its share of all lost value, each run's loss split equally among its failed sites.
  std::vector<double> site_loss_share;
};

/// Runs the Monte Carlo stress test in parallel (oneTBB) with counter-based draws: identical
/// numbers on any thread count. Time: runs x (the part of the chain each run's failures reach).
/// Throws InvalidInput when runs is 0 or the scenario has no events.
MonteCarloResult monte_carlo(const Propagation& propagation, const model::MonteCarloSpec& spec,
                             const MonteCarloOptions& options = {});

/// Sample quantile q in [0, 1] of sorted values (linear interpolation, as numpy's default).
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace chainnet::stress
