// Semantic checks of a built chain (the checks the scenario format promises).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chainnet/error.hpp"
#include "chainnet/model/chain.hpp"

namespace chainnet::model {

/// What a finding is about, so that a loader can point at the place it came from.
enum class FindingSubject : std::uint8_t {
  chain,      ///< the chain as a whole
  bom_entry,  ///< index = product, index2 = input (product BOM)
  recipe,     ///< index = make id (a site's own recipe), index2 = input product
  site,       ///< index = site id
  demand,     ///< index = holding id (site, product) with demand
  supply,     ///< index = supply id (input order)
  lane,       ///< index = lane id (input order)
};

struct Finding {
  FindingSubject subject = FindingSubject::chain;
  std::uint32_t index = kInvalidId;
  std::uint32_t index2 = kInvalidId;
  Severity severity = Severity::error;
  std::string message;
};

/// Runs every semantic check of the scenario format on a built chain:
/// - errors: cycles in bills of materials (product BOMs and site recipes together; one finding
///   per cycle, at most 50), a supply whose seller neither makes, stocks nor buys the product, a
///   supply whose buyer never uses the product (no recipe of the buyer needs it, the buyer has no
///   demand for it and sells none of it), a site supplying itself;
/// - warnings: shares of one buyer's suppliers of one product summing to more than 1 (they are
///   normalised where used), a market site with no demand, a lane from a node to itself, and
///   demand that no chain can reach under AND/OR semantics (only checked when there is no error,
///   since a BOM cycle makes reachability meaningless).
/// Numbers (sign, finiteness, shares in [0, 1]) are the loader's job, where positions are known.
/// Complexity: O(P + R + H + M + E + L).
std::vector<Finding> check_semantics(const Chain& chain);

/// The part of check_semantics that supplies alone can change: every supply's seller and buyer,
/// shares of one buyer and product summing to more than 1, and (when `reachability`, and nothing
/// else was found) demand that no chain can reach. For edits that add or remove supplies and
/// leave products, recipes, sites and lanes as they were. Complexity: O(H + E), plus
/// O(P + R + H + M + E) with reachability.
std::vector<Finding> check_supply_rows(const Chain& chain, bool reachability);

/// The same supply checks for some supplies (seller and buyer) and some buyer holdings (shares
/// summing to more than 1) only: for edits that add supplies or change shares, whose other rows
/// are as they were. Complexity: O(their supplies and recipe entries).
std::vector<Finding> check_supplies_at(const Chain& chain, std::span<const SupplyId> supplies,
                                       std::span<const HoldingId> buyers);

}  // namespace chainnet::model
