// The exact method for pi and at_risk on chains whose deterministic equivalent is too large to
// hand to a MIP solver whole: Benders decomposition with one subproblem per failure (the
// per-failure LPs of failure_lps.hpp, warm-started), docs/models.md, "Strengthen".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chainnet/strengthen/candidates.hpp"
#include "strengthen/failure_lps.hpp"

namespace chainnet::strengthen {

struct BendersAnswer {
  std::vector<char> chosen;   ///< per candidate: the best portfolio found (the cheapest optimum when optimal)
  double objective = 0;       ///< its objective, measured by the failures' LPs
  double lower_bound = 0;     ///< the master's last optimum: no portfolio within the budget is below it
  bool optimal = false;       ///< objective - lower_bound within a relative 1e-9
  std::uint32_t iterations = 0;  ///< master MIP solves
  std::uint32_t cuts = 0;        ///< cuts in the master at the end
};

/// Minimises the objective of `lps` (the empty portfolio's state) over the portfolios within
/// `budget`, at most one per group, requirements kept. The master MIP (GLPK) holds the choices y,
/// one variable per failure (its loss for pi; whether it stays at risk for at_risk) and cuts
/// loss_f(y) >= loss_f(y^) + slopes (y - y^) from the failures' LPs at each master answer y^,
/// starting with the cuts at the empty portfolio; `pool` keeps the cuts across calls (they do not
/// depend on the budget). Stops when the best portfolio's objective meets the master's bound, or
/// after max_iterations master solves (optimal = false, the gap in lower_bound). Then, among the
/// optimal portfolios, finds the cheapest in the same way. Throws Error when GLPK fails.
BendersAnswer solve_benders(FailureLps& lps, std::span<const Candidate> candidates, double budget,
                            std::vector<FailureCut>& pool, std::uint32_t max_iterations = 2000);

}  // namespace chainnet::strengthen
