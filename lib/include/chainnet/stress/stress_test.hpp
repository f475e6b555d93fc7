// One stress test: a shock simulated over the horizon, with per-period timelines for reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chainnet/stress/propagation.hpp"

namespace chainnet::stress {

/// Served and lost final demand of one market holding in one period (units per period).
struct MarketPeriod {
  std::uint32_t period = 0;
  HoldingId holding = 0;
  double demand = 0, served = 0, lost = 0;
  double added = 0;  ///< lost beyond the undisrupted run (what the disruption adds)
};

/// Production and end-of-period stock of one holding in one period (production NaN when the
/// site has no line for the product).
struct HoldingPeriod {
  std::uint32_t period = 0;
  HoldingId holding = 0;
  double production = 0, stock = 0;
};

/// A supply on a detour while its route is closed, with what the detour adds.
struct RerouteCost {
  RerouteNote note;
  double units_per_period = 0;  ///< share x the supply's normal flow
  double extra_cost = 0;        ///< currency over the horizon (extra lane cost x units x periods)
  double extra_co2 = 0;         ///< kg over the horizon
};

/// The LP engine of the optimal response (best_response.hpp).
enum class ResponseEngine : std::uint8_t { clp, glpk };

struct StressOptions {
  bool all_holdings = false;  ///< site timeline of every holding (default: those the shock changes)
  /// Optimal response only: COIN-OR Clp (default; measured faster on large chains, see
  /// bench/README.md) or GLPK.
  ResponseEngine engine = ResponseEngine::clp;
};

/// Size and time of the linear program of the optimal response (best_response.hpp).
struct ResponseLp {
  std::uint32_t rows = 0, columns = 0;
  std::uint64_t nonzeros = 0;
  std::uint32_t iterations = 0;  ///< simplex iterations, both solves
  double seconds = 0;            ///< building and solving both LPs (wall clock)
};

struct StressResult {
  std::string label;                      ///< what was simulated (disruption ids, or "site X")
  /// How the chain answers: "propagation" (orders by the normal plan, rationing, substitution:
  /// stress_test) or "optimal" (the time-phased best response, a lower bound: best_response).
  std::string response = "propagation";
  ResponseLp lp;                          ///< response "optimal" only
  std::uint32_t horizon = 0;
  ShockOutcome outcome;
  /// Lost with nothing disrupted (the normal plan's shortfall), per period on average; the
  /// outcome's lost_value adds it over the horizon, excess_lost_value leaves it out.
  double baseline_lost_value = 0;
  std::vector<double> baseline_lost_value_by_period;
  std::vector<double> lost_value_by_period;  ///< what the disruption adds, per period
  std::vector<MarketPeriod> timeline;     ///< period-major, every market holding
  std::vector<HoldingPeriod> holdings;    ///< period-major
  std::vector<RerouteCost> reroutes;      ///< supplies moved onto detours, in the order found
  double extra_transport_cost = 0;        ///< sum of reroutes' extra_cost
  double extra_co2 = 0;                   ///< sum of reroutes' extra_co2 (kg)
};

/// Simulates `shock` with `propagation` and collects the timelines. O(horizon x holdings) time
/// and memory on top of the run (for the site timeline).
StressResult stress_test(const Propagation& propagation, const Shock& shock, std::string label,
                         const StressOptions& options = {});

/// Adds the detours of `shock` (after with_transit) to `r`, with their extra cost and CO2 over
/// the horizon at the normal plan's flows.
void add_reroute_costs(StressResult& r, const Propagation& p, const Shock& shock);

/// The scenario disruptions named by `ids`, acting together, as one shock; `label` gets the ids
/// joined by "+". Lane, mode, hub and region targets reroute over `p`'s supply routing (loaded
/// with the normal plan's flows). Throws InvalidInput for an id the scenario does not define
/// (listing those it does).
Shock disruption_shock(const Propagation& p, const std::vector<std::string>& ids, std::string* label = nullptr);
/// The same on a chain alone: detours see lane capacities without the normal flows' load.
Shock disruption_shock(const model::Chain& chain, const std::vector<std::string>& ids, std::string* label = nullptr);

/// Whole periods of a failure that lasts `ttr` periods: ceil(ttr), at least 1.
std::uint32_t ttr_periods(double ttr);

/// An ad-hoc failure of the site with string id `id`: capacity loss `loss` in (0, 1] from period
/// `start` for `duration` periods (0: the site's time to recover, ttr_periods). `label` gets
/// "site ID". Throws InvalidInput for an unknown id (with a suggestion), a hub, or a loss
/// outside (0, 1].
Shock site_shock(const model::Chain& chain, std::string_view id, double loss, std::uint32_t start,
                 std::uint32_t duration, std::string* label = nullptr);

/// Every scenario disruption on its own, in scenario order (empty when there are none).
/// With `optimal`, each answered by best_response() instead (best_response.hpp).
std::vector<StressResult> stress_each_disruption(const Propagation& propagation, const StressOptions& options = {},
                                                 bool optimal = false);

/// The result with the largest lost value (the first of equals). Requires a non-empty list.
const StressResult& worst_of(const std::vector<StressResult>& results);

}  // namespace chainnet::stress
