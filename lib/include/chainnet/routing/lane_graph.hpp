// The lane network as a weighted graph for routing, and what a route may avoid.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::routing {

using model::LaneId;
using model::NodeId;

/// What a route minimises. All lane attributes are per lane as written in the scenario:
/// cost (currency per unit), time_h (hours), distance_km, co2 (kg per unit), and
/// generalized = cost + carbon_price * co2 + value_of_time * time_h.
enum class Metric : std::uint8_t { cost, time, distance, co2, generalized };
std::string_view to_string(Metric m);
std::optional<Metric> parse_metric(std::string_view text);

/// Prices of the generalized cost (defaults: the scenario's settings).
struct Prices {
  double carbon_price = 0.0;   ///< currency per kg CO2
  double value_of_time = 0.0;  ///< currency per hour
};

/// The weight of lane l under metric m. Always >= 0 for a validated chain.
double lane_weight(const model::Chain& chain, LaneId l, Metric m, const Prices& prices);

/// What a route must not use: nodes (sites or hubs), every node inside some regions, modes.
/// Expressed as masks over the snapshot, never as a copied graph.
struct Avoid {
  std::vector<NodeId> nodes;
  std::vector<model::RegionId> regions;
  std::vector<model::Mode> modes;
  [[nodiscard]] bool empty() const { return nodes.empty() && regions.empty() && modes.empty(); }
};

/// Masks derived from an Avoid: one byte per node and per lane (1 = blocked).
struct Blocked {
  std::vector<std::uint8_t> node;
  std::vector<std::uint8_t> lane;
  [[nodiscard]] bool any() const { return any_; }
  bool any_ = false;
};
Blocked make_blocked(const model::Chain& chain, const Avoid& avoid);

/// The lanes as a forward CSR with one weight per arc, for one metric: built once, shared
/// read-only by every search (and every thread). Arcs of a node are contiguous and each carries
/// its head, weight and lane id together, so a relaxation touches one cache line.
/// Complexity: O(N + L) to build, 16 bytes per lane.
class LaneGraph {
 public:
  struct Arc {
    double weight;
    NodeId head;
    LaneId lane;
  };

  LaneGraph(const model::Chain& chain, Metric metric, const Prices& prices);
  /// The lanes with caller-given weights, one per lane (>= 0, not NaN; +inf removes the lane).
  /// For searches on prices of one's own (flow plans price lanes by cost plus shadow price).
  LaneGraph(const model::Chain& chain, const std::vector<double>& weight_by_lane);

  [[nodiscard]] std::uint32_t num_nodes() const { return static_cast<std::uint32_t>(first_.size() - 1); }
  [[nodiscard]] const Arc* begin(NodeId v) const { return arcs_.data() + first_[v]; }
  [[nodiscard]] const Arc* end(NodeId v) const { return arcs_.data() + first_[v + 1]; }
  [[nodiscard]] std::size_t num_arcs() const { return arcs_.size(); }
  [[nodiscard]] Metric metric() const { return metric_; }
  /// The same graph with every arc reversed (for searches towards a target).
  [[nodiscard]] LaneGraph reversed() const;

 private:
  LaneGraph() = default;
  std::vector<std::uint32_t> first_;
  std::vector<Arc> arcs_;
  Metric metric_ = Metric::cost;
};

}  // namespace chainnet::routing
