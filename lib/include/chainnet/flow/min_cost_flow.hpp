// Minimum-cost flow on an integer network: the kernel behind single-product flow plans.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace chainnet::flow {

/// An arc capacity meaning "no limit".
inline constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

/// A directed network with integer capacities, costs and node supplies, as arrays by arc and by
/// node (nodes 0 .. num_nodes-1). Lower bounds are 0. supply[v] > 0 is a source of that many
/// units, < 0 a sink; the supplies must sum to 0. Costs may be negative; capacities are >= 0.
struct Network {
  std::uint32_t num_nodes = 0;
  std::vector<std::uint32_t> tail;
  std::vector<std::uint32_t> head;
  std::vector<std::int64_t> capacity;  ///< kNoLimit for none
  std::vector<std::int64_t> cost;      ///< per unit of flow
  std::vector<std::int64_t> supply;    ///< by node

  std::uint32_t add_arc(std::uint32_t from, std::uint32_t to, std::int64_t cap, std::int64_t unit_cost) {
    tail.push_back(from);
    head.push_back(to);
    capacity.push_back(cap);
    cost.push_back(unit_cost);
    return static_cast<std::uint32_t>(tail.size() - 1);
  }
  [[nodiscard]] std::uint32_t num_arcs() const { return static_cast<std::uint32_t>(tail.size()); }
};

enum class McfStatus : std::uint8_t {
  optimal,     ///< flow and potentials hold an optimal primal-dual pair
  infeasible,  ///< the supplies cannot be routed within the capacities
  unbounded,   ///< a negative-cost cycle of unlimited capacity
};
std::string_view to_string(McfStatus s);

/// Which LEMON algorithm solves it. automatic: the network simplex below kCostScalingFromNodes
/// nodes, cost scaling from there on (the faster one at each size, measured in
/// bench/run_mcf_sizes.sh). cost_scaling (and automatic) fall back to the network simplex when a negative-cost arc
/// has no capacity limit (LEMON's CostScaling cannot tell those from unbounded problems).
enum class McfAlgorithm : std::uint8_t { automatic, network_simplex, cost_scaling };
inline constexpr std::uint32_t kCostScalingFromNodes = 100'000;

/// An optimal flow and a dual certificate: for every arc uv the reduced cost
/// cost(uv) - potential[v] + potential[u] is >= 0 when flow < capacity and <= 0 when flow > 0
/// (potential[v] is the marginal cost of one more unit delivered at v).
struct McfSolution {
  McfStatus status = McfStatus::infeasible;
  std::vector<std::int64_t> flow;       ///< by arc
  std::vector<std::int64_t> potential;  ///< by node
  long double total_cost = 0;           ///< sum of cost * flow (exact up to 2^64 ulps)
};

/// Solves the network by LEMON's NetworkSimplex (or CostScaling), on a static digraph built in
/// O(N + A). Throws InvalidInput when supplies do not sum to 0, a capacity is negative or an
/// arc end is out of range. Complexity: pseudo-polynomial in the worst case, near-linear in
/// practice for chain networks (see bench/README.md).
McfSolution solve_min_cost_flow(const Network& net, McfAlgorithm algorithm = McfAlgorithm::automatic);

}  // namespace chainnet::flow
