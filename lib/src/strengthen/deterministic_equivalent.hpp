// The exact method for the LP-based objectives (pi, at_risk): one mixed-integer program holding
// a copy of the performance-impact LP (stress/optimal_response.hpp) for every single-site
// failure, all sharing one binary choice per candidate (docs/models.md, "Strengthen").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/strengthen/candidates.hpp"

namespace chainnet::strengthen {

struct MipAnswer {
  std::vector<char> chosen;    ///< per candidate
  double objective = 0;        ///< the MIP's optimum (currency)
  double lp_bound = 0;         ///< the LP relaxation's optimum: a lower bound on every portfolio
  bool optimal = false;        ///< GLPK proved the optimum (gap 0)
  std::uint32_t rows = 0, columns = 0, binaries = 0;
};

/// Minimises, over portfolios within `budget` (groups and requirements kept), the sum over the
/// failures (site ids of `chain`) of their performance impact (at_risk = false), or the sum of
/// `weights` over the failures still at risk, a failure being at risk when it loses more than a
/// relative 1e-9 of its weight (at_risk = true). Each failure's window is its site's ttr.
/// Candidates act as they do when applied as a variant: new supplies and new sites' lines and
/// supplies open, stock and capacity grow by the chosen amounts; lanes do not enter these LPs.
/// relaxation_only: solve the LP relaxation alone (lp_bound; chosen left empty).
/// Throws Error when GLPK fails.
MipAnswer solve_deterministic_equivalent(const model::Chain& chain, std::span<const Candidate> candidates,
                                         const std::vector<std::string>& failures, const std::vector<double>& weights,
                                         bool at_risk, double budget, bool relaxation_only = false);

}  // namespace chainnet::strengthen
