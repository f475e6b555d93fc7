// Turning the user's words (ids, region codes, mode names) into routing inputs, with the same
// messages for the command line and Python.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chainnet/routing/lane_graph.hpp"
#include "chainnet/routing/routes.hpp"

namespace chainnet::routing {

/// The node (site or hub) with this id. Throws InvalidInput naming the id, with a suggestion.
NodeId resolve_node(const model::Chain& chain, std::string_view id);

/// Each word is a site or hub id, a region code, or a mode name (in that order of preference);
/// `site:X`, `hub:X`, `region:X` and `mode:X` say which explicitly. Throws InvalidInput.
Avoid resolve_avoid(const model::Chain& chain, const std::vector<std::string>& words);

/// "all" (every site) or a list of node ids. Throws InvalidInput.
std::vector<NodeId> resolve_nodes(const model::Chain& chain, const std::vector<std::string>& words);

/// The metric named `text`. Throws InvalidInput listing the metrics.
Metric resolve_metric(std::string_view text);

/// The matrix method named `text` (auto, dijkstra or ch). Throws InvalidInput listing them.
MatrixMethod resolve_matrix_method(std::string_view text);

/// The scenario's prices, with overrides where given (NaN: keep the scenario's).
Prices prices_of(const model::Chain& chain, double carbon_price, double value_of_time);

}  // namespace chainnet::routing
