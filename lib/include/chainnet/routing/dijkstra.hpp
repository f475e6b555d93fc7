// Dijkstra's algorithm with a reusable workspace: the hot loop of logistics planning.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "chainnet/routing/lane_graph.hpp"

namespace chainnet::routing {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

/// A Dijkstra search over a LaneGraph with its own buffers, reused across searches (one per
/// thread). The queue is a monotone radix heap: Dijkstra's keys never fall below the last one
/// taken, and non-negative doubles order like their 64-bit patterns, so keys go into 65 buckets by
/// the highest bit in which they differ from the last key taken; an entry is moved at most 64
/// times. Decrease-key pushes a new entry and the stale one is skipped when it comes out. A list
/// of the nodes a search touched makes resetting O(visited), not O(N).
///
/// Complexity per search: O(E' + V' log C) for the V' nodes and E' arcs it reaches (C: the key
/// range, at most 2^64), against O((V' + E') log V') for a comparison heap.
class Dijkstra {
 public:
  explicit Dijkstra(std::uint32_t num_nodes);

  /// Searches from `source`. Stops once `target` is settled (kInvalidId: search everything, or
  /// until `stop_after` targets flagged in `is_target` are settled). `blocked_node` and
  /// `blocked_lane` (optional, one byte each) forbid nodes and lanes; a blocked source is
  /// still left, a blocked target never reached. Without `with_paths` no parents are recorded
  /// (distance-only searches move less memory) and path_lanes() is empty.
  void run(const LaneGraph& g, NodeId source, NodeId target = model::kInvalidId,
           const std::uint8_t* blocked_node = nullptr, const std::uint8_t* blocked_lane = nullptr,
           const std::uint8_t* is_target = nullptr, std::uint32_t stop_after = 0, bool with_paths = true);

  /// Distance found for v by the last search (kUnreachable if not reached).
  [[nodiscard]] double distance(NodeId v) const { return dist_[v]; }
  /// The lanes of the path to v found by the last search, from the source (empty if none).
  [[nodiscard]] std::vector<LaneId> path_lanes(NodeId v) const;
  /// Nodes the last search settled, in order.
  [[nodiscard]] const std::vector<NodeId>& settled() const { return settled_; }

 private:
  struct Entry {
    std::uint64_t key;
    NodeId node;
  };
  void push(NodeId v, double d);
  bool pop(NodeId& v);  // false when empty
  void reset();

  std::vector<double> dist_;
  std::vector<std::uint8_t> done_;
  std::vector<LaneId> parent_lane_;
  std::vector<NodeId> parent_node_;
  std::vector<Entry> buckets_[65];
  std::uint64_t last_ = 0;
  std::size_t size_ = 0;
  std::vector<NodeId> touched_;
  std::vector<NodeId> settled_;
};

}  // namespace chainnet::routing
