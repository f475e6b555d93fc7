// Betweenness centrality of sites in the supply graph.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::weak {

struct BetweennessOptions {
  /// 0: exact (every site a source). k > 0 and below the number of sites: k sources drawn
  /// uniformly without replacement (from `seed`), scaled by sites / k.
  std::uint32_t samples = 0;
  std::uint64_t seed = 42;
};

struct Betweenness {
  /// Per site: the number of shortest seller -> buyer paths between other pairs of sites that
  /// pass through it, each pair's paths sharing one unit (unnormalized, directed, unweighted;
  /// networkx betweenness_centrality(G, normalized=False) on the supply DiGraph).
  std::vector<double> value;
  /// Sampled runs: per site, the standard error of `value` (from the spread of the sampled
  /// sources' contributions, with the finite-population correction); empty when exact.
  std::vector<double> standard_error;
  std::uint32_t sources = 0;  ///< sources used
  bool exact = true;
};

/// Brandes' algorithm over the directed supply graph (one arc seller -> buyer per pair of sites
/// with some supply of capacity > 0), one breadth-first search per source, parallel over sources.
/// The sum over sources is a deterministic reduction tree fixed by the number of sources, so
/// the result is bit-identical on any thread count.
/// Complexity: O(k (S + A)) time for k sources and A site pairs, O(threads x S) memory.
Betweenness betweenness(const model::Chain& chain, const BetweennessOptions& options = {});

}  // namespace chainnet::weak
