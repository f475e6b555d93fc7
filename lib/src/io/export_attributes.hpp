// The properties of the chain's nodes and edges, once for every export format: their names and
// types, and each element's values in the same order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chainnet/io/export.hpp"

namespace chainnet::io {

enum class AttrType { text, number, integer, boolean };

struct AttrSpec {
  std::string_view name;
  AttrType type;
};

/// One value; `present` false when the element has none (NaN, an unlimited capacity, a site
/// without coordinates, a result not joined for it).
struct AttrValue {
  bool present = false;
  std::string text;  ///< text
  double number = 0; ///< number, integer, boolean (0 / 1)
};

/// Node properties: id, node (site or hub), name, kind, region, firm, lat, lon, ttr, tags, then
/// joined results.
std::vector<AttrSpec> node_attributes(const ExportJoins& joins);
/// Edge properties: edge (supply or lane), from, to, product, capacity, share, lead_time, mode,
/// distance_km, time_h, cost, co2 (the scenario's lane keys), then joined results.
std::vector<AttrSpec> edge_attributes(const ExportJoins& joins);

/// Per-site sums of joined results, computed once for all nodes.
struct NodeJoins {
  std::vector<double> throughput;  ///< flow: units per period shipped and sold
  std::vector<double> tts, impact; ///< survival, per site (NaN: not assessed)
  std::vector<int> at_risk;        ///< survival, per site (-1: not assessed)
};
NodeJoins node_joins(const model::Chain& chain, const ExportJoins& joins);

/// Values of node n (site or hub), parallel to node_attributes(joins). `out` is reused: empty
/// or sized for nodes (a vector used for edges must not be passed here).
void node_values(const model::Chain& chain, model::NodeId n, const ExportJoins& joins, const NodeJoins& nj,
                 std::vector<AttrValue>& out);
/// Number of edges: supplies, then lanes.
std::size_t edge_count(const model::Chain& chain);
/// Ends (node ids) of edge e.
std::pair<model::NodeId, model::NodeId> edge_ends(const model::Chain& chain, std::size_t e);
/// Values of edge e, parallel to edge_attributes(joins). `out`: empty or sized for edges.
void edge_values(const model::Chain& chain, std::size_t e, const ExportJoins& joins, std::vector<AttrValue>& out);

}  // namespace chainnet::io
