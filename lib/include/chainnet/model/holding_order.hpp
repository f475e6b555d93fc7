// The order in which goods move through a chain: holdings (site, product) sorted so that
// sellers come before their buyers and a line's inputs before its output.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::model {

struct HoldingOrder {
  std::vector<HoldingId> topo;      ///< every holding, sellers and inputs first
  std::vector<std::uint32_t> rank;  ///< per holding: its position in topo
  /// Per supply: 1 when it closes a ring of supplies of one product (A sells to B, B to A).
  /// Bills of materials are acyclic, so such rings are the only cycles; an inert supply carries
  /// no planned flow and no orders in the normal plan and the propagation.
  std::vector<std::uint8_t> inert;
  std::uint32_t inert_count = 0;
};

/// Depth-first search over supplies (seller -> buyer) and recipe entries (input -> output), roots
/// in holding id order, sold supplies before recipe uses; a supply met while its buyer is on the
/// stack closes a ring and is marked inert. Deterministic. O(holdings + supplies + recipe entries).
HoldingOrder holding_order(const Chain& chain);

}  // namespace chainnet::model
