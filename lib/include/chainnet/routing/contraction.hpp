// Contraction hierarchies: preprocessing that makes many-to-many matrices on road-sized lane
// graphs (millions of nodes) a matter of small searches.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/routing/lane_graph.hpp"

namespace chainnet::routing {

/// A contraction hierarchy of one LaneGraph (Geisberger et al. 2008): nodes are contracted one
/// by one in the order of a priority (edge difference plus contracted neighbours, updated
/// lazily), adding a shortcut u->w for u->v->w whenever a bounded witness search finds no
/// path of at most that length without v. Distances between any two nodes are then the least
/// meeting point of an upward search from the source and an upward search (on reversed arcs)
/// from the target. A witness search that gives up adds the shortcut, so limits cost speed,
/// never correctness.
///
/// Many-to-many (Knopp et al. 2007): one backward upward search per target fills buckets at
/// the nodes it settles; one forward upward search per source scans them. Both run in
/// parallel; every cell is a minimum over the same candidates whatever the thread, so results
/// do not depend on the thread count.
///
/// Distances equal Dijkstra's up to the order of floating-point additions along a path
/// (relative differences of the order of 1e-15). No masks: a matrix that avoids nodes or modes
/// uses Dijkstra.
class ContractionHierarchy {
 public:
  /// Builds the hierarchy. Complexity: about O(N log N) witness searches of bounded size on
  /// road-like graphs; single-threaded. Memory: the upward graphs, about 2x the arcs.
  explicit ContractionHierarchy(const LaneGraph& graph);

  [[nodiscard]] std::uint32_t num_nodes() const { return static_cast<std::uint32_t>(rank_.size()); }
  /// Arcs of the upward graphs (original arcs and shortcuts), forward plus backward.
  [[nodiscard]] std::size_t num_arcs() const { return up_arcs_.size() + down_arcs_.size(); }
  [[nodiscard]] std::size_t num_shortcuts() const { return shortcuts_; }

  /// values[i * targets.size() + j] = least weight from sources[i] to targets[j]
  /// (kUnreachable when none). Throws InvalidInput for ids out of range.
  [[nodiscard]] std::vector<double> many_to_many(const std::vector<NodeId>& sources,
                                                 const std::vector<NodeId>& targets) const;

 private:
  struct Arc {
    double weight;
    NodeId head;
  };
  std::vector<std::uint32_t> rank_;
  std::vector<std::uint32_t> up_first_, down_first_;  // CSR by node
  std::vector<Arc> up_arcs_;    // v -> higher-ranked head
  std::vector<Arc> down_arcs_;  // higher-ranked head -> v, stored at v (for backward searches)
  std::size_t shortcuts_ = 0;
};

}  // namespace chainnet::routing
