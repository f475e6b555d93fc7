// Structural availability under AND/OR semantics.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::model {

/// Which (site, product) holdings can obtain their product at all, structurally: a holding is
/// available when its site is up and it has stock (> 0), or it has a production line with
/// capacity > 0 whose every recipe input (AND) is available at the site, or some supply with
/// capacity > 0 from an available holding of the same product sells to it (OR).
/// Quantities other than "> 0" are ignored: this is reachability, not a flow.
///
/// `site_down` (optional, size num_sites or empty) marks sites that provide nothing: no stock,
/// no production, no pass-through.
///
/// Returns one byte per holding (1 = available). Complexity: O(H + M + R + E) for H holdings,
/// M lines, R recipe entries and E supplies (each is touched once). Works on chains with BOM
/// cycles too (a cycle with no way in stays unavailable).
std::vector<std::uint8_t> structural_availability(const Chain& chain,
                                                  std::span<const std::uint8_t> site_down = {});

}  // namespace chainnet::model
