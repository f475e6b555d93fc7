// Stuck-neck inputs: how concentrated each buyer's sourcing of each input product is.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/weak/structural_loss.hpp"

namespace chainnet::weak {

/// One (buyer, input product) pair: a buyer holding with at least one supply of capacity > 0.
struct SourcingPair {
  model::HoldingId buyer_holding;
  std::uint32_t suppliers;     ///< distinct sellers (capacity > 0)
  model::SiteId supplier;      ///< the seller when suppliers == 1, else kInvalidId
  /// The deepest region holding every seller (kInvalidId when they share none). For a single
  /// supplier, its own region.
  model::RegionId common_region;
  /// Herfindahl-Hirschman index of the sellers' shares of the pair, on 0..1 (1 = one supplier;
  /// n equal suppliers give 1/n). Shares are the supplies' normal shares, summed per seller and
  /// normalized to 1 (equal when none is given).
  double hhi;
  /// Demand value per period (units x product value) of the markets' holdings that become
  /// structurally unservable when the buyer loses this input altogether.
  double value_at_risk;
  /// Same, counted in market holdings.
  std::uint32_t demands_at_risk;
};

/// Every sourcing pair, ranked by value_at_risk (descending), then hhi (descending), then buyer
/// and product ids. Parallel over pairs; identical on any thread count.
/// Complexity: O(E log E) for the pairs plus, per pair, what its loss takes away (StructuralLoss).
std::vector<SourcingPair> sourcing_pairs(const StructuralLoss& loss);

}  // namespace chainnet::weak
