// Robustness curves: the share of final demand still structurally servable as sites fail one
// after another, in random orders and in a targeted order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/weak/structural_loss.hpp"

namespace chainnet::weak {

struct RobustnessOptions {
  std::uint32_t orders = 50;   ///< random removal orders
  std::uint32_t points = 21;   ///< removed fractions 0, 1/(points-1), ..., 1
  std::uint64_t seed = 42;     ///< order r is drawn from (seed, r) alone
  StructuralOptions structural;
};

struct RobustnessCurve {
  std::vector<double> removed_fraction;
  /// Served share of the intact chain's total demand value (demand x product value, all
  /// markets) after removing that fraction of the sites: mean over the random orders, the
  /// 5th and 95th percentiles (nearest rank), and along the targeted order.
  std::vector<double> served_random, served_random_low, served_random_high, served_targeted;
  std::uint32_t orders = 0;
};

/// Removing the first j sites of an order is evaluated Newman-Ziff style: the sites are added
/// back in reverse order and availability only grows, so one forward pass over the chain
/// (O(H + M + R + E)) gives the whole curve of an order. Random orders run in parallel, each from
/// its own counter-based seed, so the curves are identical on any thread count.
/// `targeted` lists sites in removal order (sites it leaves out follow in id order).
RobustnessCurve robustness(const model::Chain& chain, std::span<const model::SiteId> targeted,
                           const RobustnessOptions& options = {});

}  // namespace chainnet::weak
