// What a disruption does to the chain, resolved to ids: capacity losses of sites, production
// lines and supplies over periods. The propagation simulation and the Monte Carlo runs read it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"

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
/// - supply: shipments on it keep 1 - loss of their normal level (lanes on its route, an export
///   stop).
/// Several hits on one thing multiply: the remaining fraction is the product of (1 - loss).
struct Hit {
  enum class Kind : std::uint8_t { site, make, supply };
  Kind kind = Kind::site;
  std::uint32_t id = 0;
  double loss = 1.0;
  std::uint32_t start = 0;
  std::uint32_t duration = 1;
  /// Site hits: `loss` of the site's stock is destroyed at `start` (a fire, a flood). Otherwise
  /// a failed site can still ship the stock it holds (docs/models.md, "The operating model").
  bool destroys_stock = false;
  [[nodiscard]] bool active(std::uint32_t t) const { return t >= start && t - start < duration; }
  bool operator==(const Hit&) const = default;
};

/// Everything that goes wrong in one simulated run.
struct Shock {
  std::vector<Hit> hits;
  void add(const Shock& other) { hits.insert(hits.end(), other.hits.begin(), other.hits.end()); }
};

/// Each supply's lanes: the cheapest route on lane cost + carbon price x CO2 from seller to
/// buyer (empty when lanes do not connect them). Lane and mode disruptions act through it.
/// O(distinct sellers x Dijkstra over lanes); build it only when a disruption names lanes.
struct SupplyRoutes {
  std::vector<std::uint32_t> first;  ///< per supply + 1
  std::vector<model::LaneId> lanes;
};
SupplyRoutes supply_routes(const model::Chain& chain);

/// Resolves a scenario disruption:
/// - sites / region: a site hit for each site (a region takes every site inside it);
/// - lanes / mode: a supply hit for each supply whose route uses a hit lane (loss of the worst
///   such lane on the route); `routes` must then be given;
/// - product: a make hit for every line of the product; with `from_region`, an export stop
///   instead: a supply hit on every supply of the product from a seller inside the region to a
///   buyer outside it.
/// Throws InvalidInput for lanes / mode without routes.
Shock resolve_disruption(const model::Chain& chain, const model::Disruption& d, const SupplyRoutes* routes);

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
