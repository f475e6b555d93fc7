// Tiers (distance upstream from markets or from the chain master) and BOM levels.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::model {

/// Upstream tiers from a set of root sites.
struct Tiers {
  /// Per site: the fewest supply edges from the site down to a root (roots are 0; tier 1 sells
  /// to a root directly, ...); kInvalidId when the site supplies no root, directly or not.
  std::vector<std::uint32_t> tier;
  /// sites_per_tier[t]: number of sites on tier t (t = 0..max_tier).
  std::vector<std::uint32_t> sites_per_tier;
  std::uint32_t max_tier = 0;
  std::uint32_t unreached = 0;  ///< sites with no tier
};

/// Breadth-first search upstream (buyer -> seller over supplies) from `roots`.
/// A site can sit on several tiers (several paths of different lengths); this gives the lowest.
/// Complexity: O(S + E).
Tiers upstream_tiers(const Chain& chain, std::span<const SiteId> roots);

/// The markets: sites with demand for some product, or of kind market.
std::vector<SiteId> market_sites(const Chain& chain);

/// BOM level of each product over product BOMs and site recipes together: raw materials (made
/// from nothing anywhere) are 0, a product is 1 + the highest level of its inputs.
/// kInvalidId for products on or above a BOM cycle (a validated chain has none).
/// Complexity: O(P + R).
std::vector<std::uint32_t> bom_levels(const Chain& chain);

}  // namespace chainnet::model
