// Systemic importance: every site fails alone; how much final demand value is lost.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/stress/propagation.hpp"

namespace chainnet::stress {

struct SweepOptions {
  std::uint32_t duration = 4;  ///< periods each site is down
  double loss = 1.0;           ///< capacity loss while down
  std::uint32_t start = 0;     ///< first period down
  bool include_markets = false;  ///< markets are demand, not failure candidates, unless asked
  bool stock_lost = false;       ///< each failed site's stock is destroyed too (`stock: lost`)
};

struct SiteImportance {
  SiteId site = 0;
  double lost_value = 0;        ///< beyond the baseline, over the horizon
  double lost_units = 0;        ///< beyond the baseline
  double lost_value_share = 0;  ///< lost_value / final demand value over the horizon, in [0, 1]
  std::int32_t recovery_period = -1;  ///< as ShockOutcome
  std::uint32_t reach = 0;      ///< holdings the shock reached
};

struct Sweep {
  std::uint32_t horizon = 0;
  SweepOptions options;
  double demand_value = 0;            ///< final demand value over the horizon
  std::vector<SiteImportance> sites;  ///< by lost_value_share, largest first; ties by site id
};

/// One propagation per site, in parallel over sites (oneTBB, one workspace per thread); the
/// numbers do not depend on the thread count. Time: the sum over sites of the part of the chain
/// each reaches (incremental runs), or sites x horizon x chain when the baseline is not
/// stationary. Throws InvalidInput when duration is 0 or loss is outside (0, 1].
Sweep systemic_sweep(const Propagation& propagation, const SweepOptions& options = {});

}  // namespace chainnet::stress
