// The chain with every candidate applied, and which of its production lines, supplies and stocks
// each candidate opens: the common ground of the LPs that choose among candidates (the
// deterministic-equivalent MIP, the per-failure LPs of greedy). A portfolio is then a set of
// bounds on one LP instead of a new chain.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/strengthen/candidates.hpp"

namespace chainnet::strengthen {

struct CandidateColumns {
  model::Chain all;  ///< every candidate applied (apply_portfolio with all chosen)
  /// Per holding of `all`: the chain's own stock and demand (0 on a holding only candidates add).
  std::vector<double> stock, demand;
  /// Per holding of `all`: (candidate, units) of the stock each candidate adds there (stock
  /// candidates, and a site candidate's own stock).
  std::vector<std::vector<std::pair<std::uint32_t, double>>> stock_of;
  /// Per line of `all`: its capacity in the chain (a new site's line: as the candidate gives it).
  std::vector<double> line_capacity;
  /// Per line of `all`: (candidate, units per period) of the capacity candidates on it.
  std::vector<std::vector<std::pair<std::uint32_t, double>>> extra_capacity;
  /// Per line and per supply of `all`: the candidate that adds it, -1 for the chain's own.
  std::vector<std::int64_t> line_opened_by, supply_opened_by;
};

/// Builds the mapping. O(candidates x apply + lines + supplies log supplies). Throws Error when
/// the applied chain holds a supply no candidate accounts for (an internal inconsistency), and
/// ScenarioError as apply_portfolio does.
CandidateColumns candidate_columns(const model::Chain& chain, std::span<const Candidate> candidates);

}  // namespace chainnet::strengthen
