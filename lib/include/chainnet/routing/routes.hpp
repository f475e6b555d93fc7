// Routes over lanes: shortest, k loopless alternatives (Yen), cheapest within a time limit.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chainnet/routing/lane_graph.hpp"

namespace chainnet::routing {

struct RouteQuery {
  NodeId from = model::kInvalidId;
  NodeId to = model::kInvalidId;
  Metric metric = Metric::cost;
  Prices prices;                        ///< for Metric::generalized (and reported figures)
  std::uint32_t k = 1;                  ///< alternatives wanted, in order (>= 1)
  std::optional<double> max_time_h;     ///< only routes whose total time_h is at most this
  Avoid avoid;
  std::uint64_t label_limit = 20'000'000;  ///< time-limited search: give up beyond this many labels
};

/// One route: its nodes (sites/hubs), its lanes, and its totals over the lanes.
struct Path {
  std::vector<NodeId> nodes;
  std::vector<LaneId> lanes;
  double weight = 0;       ///< total of the query's metric
  double cost = 0;         ///< currency per unit
  double time_h = 0;
  double distance_km = 0;
  double co2 = 0;          ///< kg per unit
  double generalized = 0;  ///< cost + carbon_price * co2 + value_of_time * time_h
};

enum class RouteStatus : std::uint8_t {
  ok,           ///< at least one route found
  no_route,     ///< none exists (within the time limit, avoiding what was asked)
  label_limit,  ///< the time-limited search gave up (label_limit reached)
};
std::string_view to_string(RouteStatus s);

struct RouteResult {
  RouteStatus status = RouteStatus::no_route;
  std::vector<Path> paths;  ///< up to k, by increasing weight (ties: by nodes, then lanes)
  std::uint32_t requested = 1;  ///< the k asked for (paths.size() is how many were found)
};

/// Finds up to `q.k` loopless routes from q.from to q.to by increasing total metric (fewer when
/// fewer exist: paths.size() says how many were found). A route is a sequence of lanes: parallel
/// lanes between the same nodes (another mode, another carrier) make different routes. With max_time_h, every route returned has total time_h <= max_time_h and is the
/// cheapest such (exact: label setting with Pareto dominance on (metric, time), pruned by lower
/// bounds from reverse searches); Yen's spur searches then keep the remaining time budget.
/// from == to gives one empty route. Blocked end points give no_route.
/// Complexity: k * (path length) spur searches, each a Dijkstra (or a label-setting search).
/// Throws InvalidInput for ids out of range or k == 0.
RouteResult find_routes(const model::Chain& chain, const LaneGraph& graph, const RouteQuery& q);

/// Totals of a lane sequence.
Path path_from_lanes(const model::Chain& chain, NodeId from, const std::vector<LaneId>& lanes,
                     Metric metric, const Prices& prices);

/// A many-to-many distance matrix: values[i * targets + j] is the least total metric from
/// sources[i] to targets[j], kUnreachable when there is no route.
struct DistanceMatrix {
  std::vector<NodeId> sources;
  std::vector<NodeId> targets;
  std::vector<double> values;
};

/// How a matrix is computed. dijkstra: one search per source (below). hierarchy: a contraction
/// hierarchy built for the call, then bucket many-to-many searches (pays off on large graphs
/// with many sources; no avoid masks). automatic: hierarchy when nothing is avoided and the
/// sources and the graph are large enough for its build to pay (measured in bench/README.md).
enum class MatrixMethod : std::uint8_t { automatic, dijkstra, hierarchy };
std::string_view to_string(MatrixMethod m);

/// One Dijkstra per source, in parallel (oneTBB, one workspace per thread, each source writes its
/// own row; a search stops once it has settled every target). The result does not depend on the
/// number of threads. Complexity: O(S * (V + E) log V) work at most. With `method` hierarchy
/// (or automatic choosing it) see ContractionHierarchy; hierarchy with a non-empty avoid throws
/// InvalidInput.
DistanceMatrix distance_matrix(const model::Chain& chain, const LaneGraph& graph,
                               const std::vector<NodeId>& sources, const std::vector<NodeId>& targets,
                               const Avoid& avoid = {}, MatrixMethod method = MatrixMethod::dijkstra);

}  // namespace chainnet::routing
