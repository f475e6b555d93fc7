// Dijkstra's algorithm with a reusable workspace: the hot loop of logistics planning.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "chainnet/routing/lane_graph.hpp"

namespace chainnet::routing {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

/// A Dijkstra search over a LaneGraph with its own buffers, reused across searches (one per
/// thread): a 4-ary heap with decrease-key, distances and parents per node, and a list of the
/// nodes a search touched so that resetting costs O(visited), not O(N).
///
/// Complexity per search: O((V' + E') log_4 V') for the V' nodes and E' arcs it reaches.
class Dijkstra {
 public:
  explicit Dijkstra(std::uint32_t num_nodes);

  /// Searches from `source`. Stops once `target` is settled (kInvalidId: search everything, or
  /// until `stop_after` targets flagged in `is_target` are settled). `blocked_node` and
  /// `blocked_lane` (optional, one byte each) forbid nodes and lanes; a blocked source is
  /// still left, a blocked target never reached.
  void run(const LaneGraph& g, NodeId source, NodeId target = model::kInvalidId,
           const std::uint8_t* blocked_node = nullptr, const std::uint8_t* blocked_lane = nullptr,
           const std::uint8_t* is_target = nullptr, std::uint32_t stop_after = 0);

  /// Distance found for v by the last search (kUnreachable if not reached).
  [[nodiscard]] double distance(NodeId v) const { return dist_[v]; }
  /// The lanes of the path to v found by the last search, from the source (empty if none).
  [[nodiscard]] std::vector<LaneId> path_lanes(NodeId v) const;
  /// Nodes the last search settled, in order.
  [[nodiscard]] const std::vector<NodeId>& settled() const { return settled_; }

 private:
  void push_or_decrease(NodeId v, double d);
  NodeId pop();
  void sift_up(std::uint32_t i);
  void sift_down(std::uint32_t i);
  void reset();

  std::vector<double> dist_;
  std::vector<std::uint32_t> pos_;        // position in heap_, or kNotInHeap / kDone
  std::vector<LaneId> parent_lane_;
  std::vector<NodeId> parent_node_;
  std::vector<NodeId> heap_;
  std::vector<NodeId> touched_;
  std::vector<NodeId> settled_;
};

}  // namespace chainnet::routing
