// The `info` analysis: what a chain contains, by kind, mode, region, tier and BOM depth.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/model/tiers.hpp"

namespace chainnet::model {

struct ChainSummary {
  std::uint32_t products = 0;
  std::uint32_t raw_materials = 0;  ///< products made from nothing
  std::uint32_t sites = 0;
  std::uint32_t hubs = 0;
  std::uint32_t supplies = 0;
  std::uint32_t lanes = 0;
  std::uint32_t regions = 0;        ///< distinct region codes that sites or hubs name
  std::uint32_t firms = 0;
  std::uint32_t production_lines = 0;
  std::uint32_t markets = 0;        ///< sites with demand or of kind market
  std::uint32_t single_sourced = 0; ///< (buyer, product) pairs bought from exactly one supplier
  std::array<std::uint32_t, kNumSiteKinds> sites_by_kind{};
  std::array<std::uint32_t, kNumModes> lanes_by_mode{};
  double demand_per_period = 0;         ///< units, all products
  double demand_value_per_period = 0;   ///< currency, by product value
  Tiers tiers;                          ///< from the markets
  std::vector<SiteId> masters;          ///< sites tagged chain_master
  Tiers master_tiers;                   ///< from the chain master(s); empty when none
  std::uint32_t bom_depth = 0;          ///< highest BOM level (raw materials are level 0)
};

/// Summarises a chain. Complexity: O(S + P + R + H + E + L).
ChainSummary summarize(const Chain& chain);

}  // namespace chainnet::model
