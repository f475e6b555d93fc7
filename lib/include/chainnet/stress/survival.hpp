// Time to survive and performance impact of every site (model.md, "Stress tests", the
// optimal-response view), ranked by risk exposure.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/stress/optimal_response.hpp"

namespace chainnet::stress {

struct SurvivalOptions {
  /// Time to recover of every site, periods; NaN: each site's own ttr, else settings.ttr.
  double ttr = std::numeric_limits<double>::quiet_NaN();
  /// false: every LP from the slack basis (a cold start), for comparisons.
  bool warm_start = true;
  /// Sites to assess; empty: every failure candidate (shock.hpp: markets only with
  /// include_markets).
  std::vector<SiteId> sites;
  bool include_markets = false;
  /// `stock: lost`: a failed site's stock is destroyed with it (default: it ships its stock).
  bool stock_lost = false;
  /// Called from the calling thread about every 0.2 s while the sites are solved, and once at
  /// the end, with (sites done, sites in all). The LPs grow with the chain, so a chain of
  /// thousands of sites takes minutes (5,000 generated sites: about 8 minutes on 2 cores).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct SiteSurvival {
  SiteId site = 0;
  double tts = 0;                 ///< periods; +inf when the site is not needed
  double ttr = 0;                 ///< periods
  double performance_impact = 0;  ///< currency: least demand value lost over ttr with the site down
  double rei = 0;                 ///< performance_impact / the largest of the sites assessed, in [0, 1]
  bool at_risk = false;           ///< tts < ttr (by more than a relative 1e-9)
};

struct SurvivalStats {
  std::uint32_t rows = 0, columns = 0;  ///< of the impact LP
  std::uint32_t solves = 0;             ///< LPs solved (impact and survival)
  std::uint32_t from_baseline = 0;      ///< answers taken from the nothing-failed optimum unchanged
  std::uint64_t iterations = 0;         ///< simplex iterations in all
  int threads = 1;
};

struct Survival {
  std::vector<SiteSurvival> sites;  ///< by rei, largest first; ties: smaller tts, then site id
  double baseline_tts = 0;          ///< nothing failed: bounds every site's tts
  double max_impact = 0;
  std::uint32_t at_risk = 0;
  SurvivalStats stats;
};

/// The sites with these string ids, in the order given. Throws InvalidInput for an unknown id
/// (with a suggestion) or a hub.
std::vector<SiteId> resolve_sites(const model::Chain& chain, const std::vector<std::string>& ids);

/// PI and TTS of each site (with that site alone down), in parallel over sites.
///
/// Each worker thread builds the two LPs once; the nothing-failed optimum of each window is
/// solved once and every site's LP starts from its basis (dual simplex: only bounds change),
/// or is answered by it outright when it stays feasible with the site down. Results do not
/// depend on the thread count (every site starts from the same basis).
///
/// GLPK keeps its state per thread (built with thread-local storage, checked at run time) and
/// a problem must live and die in the thread that made it, so the workers are plain threads
/// that build, use and free their own LPs and GLPK environment. A GLPK built without
/// thread-local storage runs on one thread.
/// Time: O(sites x pivots) after one cold solve per distinct ttr. Throws InvalidInput for a
/// negative or infinite ttr, or a site index out of range.
Survival survival(const model::Chain& chain, const SurvivalOptions& options = {});

}  // namespace chainnet::stress
