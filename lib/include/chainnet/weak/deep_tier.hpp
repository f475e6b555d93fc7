// Hidden deep-tier concentration: upstream sites that a chain master's tier-1 list does not show
// but that many tier-1 suppliers, or much of the master's input value, depend on.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/weak/structural_loss.hpp"

namespace chainnet::weak {

inline constexpr std::uint32_t kMaxTier = 63;

struct DeepTierSite {
  model::SiteId site;
  /// Bit t set when the site sits on tier t (1..kMaxTier) upstream of the master, following
  /// products: a seller is one tier above the buyer holding it sells to, and a line's inputs are
  /// on the tier of its output (so a site is only upstream for what the master's inputs need).
  std::uint64_t tiers;
  /// Distinct tier-1 suppliers of the master that have this site upstream of what they sell it.
  std::uint32_t tier1_dependents;
  /// Share (0..1) of the master's input value that cannot be made without this site: the inputs
  /// that become structurally unavailable at the master when the site fails alone.
  double master_value_share;
  /// Not a tier-1 supplier: the master's own supplier list does not show it.
  [[nodiscard]] bool hidden() const { return (tiers & 2u) == 0; }
  [[nodiscard]] std::uint32_t lowest_tier() const;
  [[nodiscard]] std::vector<std::uint32_t> tier_list() const;
};

struct DeepTier {
  model::SiteId master = model::kInvalidId;  ///< the first of `masters`
  std::vector<model::SiteId> masters;         ///< every site of the master firm, in id order
  double master_input_value = 0.0;  ///< value weight of the master's inputs (see deep_tier())
  std::uint32_t tier1_suppliers = 0;
  bool tiers_truncated = false;     ///< some site sits above kMaxTier (only deeper tiers dropped)
  /// Every upstream site (on some tier >= 1), ranked by master_value_share, then
  /// tier1_dependents (both descending), then site id.
  std::vector<DeepTierSite> sites;
};

/// Deep-tier report for `master`. Input value weights of the master's holdings: for an input of
/// its production lines, value x quantity per unit of output summed over the lines (each line
/// weighted by its capacity when every line's capacity is finite, else equally); for a product it
/// buys and does not transform, its demand there x value (or one unit's value without demand).
/// Parallel over tier-1 suppliers and upstream sites; identical on any thread count.
/// Complexity: O(64 (H + E)) for the tiers, O(T1 x upstream) for the dependents, and one
/// StructuralLoss query per upstream site.
/// Several master sites act as one master: tiers count from any of them, supplies between them
/// are not tier steps, tier-1 suppliers sell to any of them and the input value is theirs together.
/// Throws InvalidInput when a master is not a site id of the chain or none is given.
DeepTier deep_tier(const StructuralLoss& loss, const std::vector<model::SiteId>& masters);
DeepTier deep_tier(const StructuralLoss& loss, model::SiteId master);

/// The chain's master firm as its sites, in id order: `chosen` when given (kInvalidId otherwise),
/// else every site tagged chain_master; then every other site of the same firms. Empty when the
/// chain names no master.
std::vector<model::SiteId> resolve_masters(const model::Chain& chain, model::SiteId chosen = model::kInvalidId);

}  // namespace chainnet::weak
