// Flow bottlenecks per product: how much of a product can reach its markets per period at all,
// and the minimum cut that limits it (LEMON Preflow).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::weak {

/// An arc of a minimum cut.
struct CutArc {
  enum class Kind : std::uint8_t { production, supply, demand };
  Kind kind;
  std::uint32_t id;   ///< make id (production), supply id (supply), holding id (demand)
  double capacity;    ///< units per period
  /// supply arcs: the lane of the supply's route whose capacity is below the supply's own
  /// (kInvalidId when the supply's capacity binds)
  model::LaneId lane = model::kInvalidId;
};
std::string_view to_string(CutArc::Kind k);

struct ProductBottleneck {
  model::ProductId product;
  double max_flow;  ///< units per period that can reach the product's markets
  double demand;    ///< the markets' demand per period
  std::vector<CutArc> cut;  ///< a minimum cut (source side: what the preflow reaches)
  [[nodiscard]] double unmet() const { return demand > max_flow ? demand - max_flow : 0.0; }
};

enum class LaneUse : std::uint8_t { automatic, on, off };

struct FlowBottleneckOptions {
  /// Cap each supply by the smallest lane capacity on its cheapest route (cost + settings carbon
  /// price). Lanes serve several supplies and products at once, so this is an upper bound on
  /// what the supply can carry; the flow plan (chainnet flow) decides lane sharing exactly.
  /// Routing costs one Dijkstra per seller over the lanes; automatic routes when some lane has a
  /// finite capacity and sellers x lane nodes <= kAutoLaneWork (measured: about 27 ns per unit,
  /// so at most ~8 s; a 100,000-site chain would need ~200 s), on always, off never.
  LaneUse lanes = LaneUse::automatic;
};
inline constexpr double kAutoLaneWork = 3e8;

/// Whether flow_bottlenecks() caps supplies by their routes' lanes under `options`.
bool bottlenecks_use_lanes(const model::Chain& chain, const FlowBottleneckOptions& options);

/// One max-flow problem per product with demand: super-source -> each production line of the
/// product (its capacity; inputs are taken as available, which the flow plan relaxes) -> supplies
/// of the product (their capacity) -> markets' holdings -> super-sink (their demand). Unlimited
/// capacities stand for more than the product's total demand, so a cut never holds one and its
/// capacities add up to max_flow. Products in id order; parallel over products.
/// Complexity: one Preflow (O(V^2 sqrt(E))) per product on its own holdings and supplies, plus
/// one Dijkstra per seller when lanes route supplies.
std::vector<ProductBottleneck> flow_bottlenecks(const model::Chain& chain, const FlowBottleneckOptions& options = {});

}  // namespace chainnet::weak
