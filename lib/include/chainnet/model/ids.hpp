// Dense 32-bit ids of the chain model. String ids live only at the boundary (loader, writers,
// bindings) and are mapped to these through Chain's id tables.
#pragma once

#include <cstdint>
#include <limits>

namespace chainnet::model {

using ProductId = std::uint32_t;
/// Sites and hubs share one node space for lanes: sites are 0..num_sites-1, hubs follow.
using SiteId = std::uint32_t;
using HubId = std::uint32_t;
using NodeId = std::uint32_t;
using SupplyId = std::uint32_t;
using LaneId = std::uint32_t;
/// A (site, product) pair that the chain mentions: made, stocked, demanded, bought or sold there.
using HoldingId = std::uint32_t;
/// A production line: one site making one product, with its capacity and recipe.
using MakeId = std::uint32_t;
using RegionId = std::uint32_t;
using FirmId = std::uint32_t;
using TagId = std::uint32_t;

/// The "no such id" value of every id type above.
inline constexpr std::uint32_t kInvalidId = std::numeric_limits<std::uint32_t>::max();

}  // namespace chainnet::model
