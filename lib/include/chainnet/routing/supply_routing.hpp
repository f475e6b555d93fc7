// Supplies over lanes: each supply's normal route, and detours when lanes or nodes close.
//
// The one routing service behind lane, mode, hub and port disruptions (stress tests, sweeps,
// Monte Carlo) and the re-plan: "route this supply over the lanes that remain, by the scenario's
// generalized cost" (cost + carbon_price x co2 + value_of_time x time_h, per unit).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::routing {

using model::LaneId;
using model::NodeId;
using model::SupplyId;

/// Each supply's cheapest lane path from seller to buyer on `lane_weight` (one weight per lane,
/// +inf: closed), one Dijkstra per seller towards its buyers, in parallel (oneTBB); empty where
/// no path joins them. `cost` (optional) receives each path's weight, +inf where none.
/// O(sellers x Dijkstra). Shared by flow plans, the normal plan and rerouting.
std::vector<std::vector<LaneId>> cheapest_supply_routes(const model::Chain& chain, const std::vector<double>& lane_weight,
                                                        std::vector<double>* cost = nullptr);

/// Where part of a supply goes while its route is closed.
struct SupplyDetour {
  SupplyId supply = model::kInvalidId;
  double share = 0;             ///< of the supply's flow (0..1] that takes this detour
  std::vector<LaneId> lanes;    ///< the detour, seller to buyer
  double extra_time_h = 0;      ///< detour time minus the normal route's (may be < 0)
  double extra_cost = 0;        ///< per unit carried, lane cost only
  double extra_co2 = 0;         ///< kg per unit carried
  std::uint32_t extra_periods = 0;  ///< extra lead time: max(0, round(extra_time_h / hours_per_period))
};

/// What rerouting found: detours, and the share of each supply that no route can carry.
struct Reroute {
  std::vector<SupplyDetour> detours;               ///< in supply order
  std::vector<std::pair<SupplyId, double>> lost;   ///< (supply, share 0..1] with no way left
};

/// Closed lanes and nodes (1 = closed), one byte each; either may be empty (nothing closed).
struct Closure {
  std::vector<std::uint8_t> lane;
  std::vector<std::uint8_t> node;
};

class SupplyRouting {
 public:
  /// `flow`: units per period of each supply in normal operation (the normal plan), which loads
  /// the lanes of its route; lane capacities bound the detours by what is left. Routes are built
  /// on first use (one Dijkstra per seller, in parallel), so a chain whose disruptions never
  /// touch its lanes pays nothing. Thread-safe after construction.
  SupplyRouting(const model::Chain& chain, std::vector<double> flow);
  ~SupplyRouting();
  SupplyRouting(const SupplyRouting&) = delete;
  SupplyRouting& operator=(const SupplyRouting&) = delete;

  /// The normal route of supply e (empty when no lanes join its seller and buyer).
  [[nodiscard]] std::span<const LaneId> route(SupplyId e) const;
  /// Supplies whose normal route uses lane l.
  [[nodiscard]] std::span<const SupplyId> supplies_on_lane(LaneId l) const;
  /// Supplies whose normal route passes through node n between its ends.
  [[nodiscard]] std::span<const SupplyId> supplies_through(NodeId n) const;
  /// False when no simple lane path can pass through n (its lanes touch one other node at most):
  /// a constant-time test that spares building routes for sites that are never transit points.
  [[nodiscard]] bool can_be_transit(NodeId n) const { return transit_capable_[n] != 0; }

  /// Moves `share` of each listed supply (sorted by supply id, shares in (0, 1]) off its route
  /// onto the cheapest routes that avoid `closed`, in supply order: each takes the cheapest route
  /// with capacity left (what the normal flows leave, plus what the moved shares free on lanes
  /// still open), then the next cheapest for what does not fit; what finds no route is lost.
  /// O(listed supplies x routes each x Dijkstra).
  [[nodiscard]] Reroute reroute(std::span<const std::pair<SupplyId, double>> moved, const Closure& closed) const;

 private:
  struct Index;
  const Index& index() const;
  const model::Chain& chain_;
  std::vector<double> flow_;
  std::vector<double> weight_;  // per lane: generalized cost
  std::vector<std::uint8_t> transit_capable_;
  mutable std::unique_ptr<Index> index_;
  mutable std::once_flag built_;
};

}  // namespace chainnet::routing
