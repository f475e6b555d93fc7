// What a disruption does to the chain, resolved to ids: capacity losses of sites, production
// lines and supplies over periods. The propagation simulation and the Monte Carlo runs read it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/routing/supply_routing.hpp"

namespace chainnet::stress {

using model::HoldingId;
using model::MakeId;
using model::SiteId;
using model::SupplyId;

/// One capacity loss: `loss` (a fraction in (0, 1]) of a site, a production line or a supply,
/// for periods start .. start + duration - 1.
/// - site: its production lines and its outbound handling (shipments and sales to final
///   demand) keep 1 - loss of their normal level;
/// - make: the line's capacity keeps 1 - loss;
/// - supply: shipments on it keep 1 - loss of their normal level (lanes on its route with no
///   detour left, an export stop);
/// - delay: `loss` of the shipments on the supply take a detour that is `delay` periods longer
///   (their route is closed); they arrive late, nothing is lost.
/// Several hits on one thing multiply: the remaining fraction is the product of (1 - loss).
struct Hit {
  enum class Kind : std::uint8_t { site, make, supply, delay };
  Kind kind = Kind::site;
  std::uint32_t id = 0;
  double loss = 1.0;
  std::uint32_t start = 0;
  std::uint32_t duration = 1;
  /// Site hits: `loss` of the site's stock is destroyed at `start` (a fire, a flood). Otherwise
  /// a failed site can still ship the stock it holds (docs/models.md, "The operating model").
  bool destroys_stock = false;
  std::uint32_t delay = 0;  ///< delay hits: extra periods in transit
  [[nodiscard]] bool active(std::uint32_t t) const { return t >= start && t - start < duration; }
  bool operator==(const Hit&) const = default;
};

/// A supply moved off its closed route while a hit lasts (for reports: extra time, cost, CO2).
struct RerouteNote {
  routing::SupplyDetour detour;
  std::uint32_t start = 0, duration = 1;
};

/// Everything that goes wrong in one simulated run.
struct Shock {
  std::vector<Hit> hits;
  std::vector<RerouteNote> reroutes;  ///< detours taken (the delay hits, and those of no delay)
  /// Site hits' transit (supplies routed through a failed site) already rerouted: set by
  /// Propagation::with_transit so that a run does not do it twice.
  bool transit_done = false;
  void add(const Shock& other) {
    hits.insert(hits.end(), other.hits.begin(), other.hits.end());
    reroutes.insert(reroutes.end(), other.reroutes.begin(), other.reroutes.end());
    transit_done = transit_done && other.transit_done;
  }
};

/// Supplies moved off closed lanes and nodes from `start` for `duration` periods, each with the
/// share of its flow that must move: detours from `routing` become delay hits (when they take a
/// period or more longer) and notes; what finds no route becomes supply hits.
Shock reroute_shock(const routing::SupplyRouting& routing, std::span<const std::pair<SupplyId, double>> moved,
                    const routing::Closure& closed, std::uint32_t start, std::uint32_t duration);

/// Resolves a scenario disruption:
/// - sites / region: a site hit for each site (a region takes every site inside it); the
///   supplies routed through them (and through the region's hubs) are rerouted when the run
///   starts (Propagation::with_transit), the region's hubs here;
/// - hubs: the supplies routed through them are rerouted;
/// - lanes / mode: the supplies whose route uses a hit lane move `capacity_loss` of their flow
///   onto the lanes that remain (routing::SupplyRouting::reroute): detours with extra lead time,
///   and a supply hit for the share no route can carry;
/// - product: a make hit for every line of the product; with `from_region`, an export stop
///   instead: a supply hit on every supply of the product from a seller inside the region to a
///   buyer outside it.
/// Throws InvalidInput for a lane, mode, hub or region target without `routing`.
Shock resolve_disruption(const model::Chain& chain, const model::Disruption& d, const routing::SupplyRouting* routing);

/// The sites that can fail in sweeps, `sites: all` Monte Carlo events, survival and site impact:
/// every site but markets (they are demand, not failure candidates), unless `include_markets`.
/// In id order.
std::vector<SiteId> failure_candidates(const model::Chain& chain, bool include_markets = false);

/// "kept" -> false, "lost" -> true (what a failure does to the failed site's stock). Throws
/// InvalidInput for anything else.
bool parse_stock_lost(std::string_view text);

/// True when resolving `d` needs supply routes.
bool needs_routes(const model::Disruption& d);

/// Site `s` loses `loss` of its capacity for `duration` periods from `start` (and `loss` of its
/// stock at `start` when `stock_lost`).
Shock site_failure(SiteId s, double loss, std::uint32_t start, std::uint32_t duration, bool stock_lost = false);

}  // namespace chainnet::stress
