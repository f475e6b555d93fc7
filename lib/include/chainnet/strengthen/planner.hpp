// The strengthen planner: which candidate actions to buy under a budget, and what each buys
// (docs/models.md, "Strengthen"). A portfolio is a variant of the chain; its effect is an
// objective measured on that variant by the analysis it comes from.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/strengthen/candidates.hpp"

namespace chainnet::strengthen {

/// What a portfolio should make small.
enum class Objective {
  at_risk,        ///< sites with TTS < TTR, each weighted by its performance impact in the chain as it is
  pi,             ///< sum of performance impacts over the single-site failures of the chain as it is
  expected_loss,  ///< Monte Carlo mean lost value (common random numbers across portfolios)
  cvar95,         ///< Monte Carlo mean of the worst 5 % of runs
  spof            ///< single points of failure, each weighted by the demand value it cuts off
};
std::string_view to_string(Objective o);
std::optional<Objective> parse_objective(std::string_view text);
/// Every objective's name, in the order above.
const std::vector<std::string>& objective_names();

enum class Method { automatic, exact, greedy };
std::string_view to_string(Method m);
std::optional<Method> parse_method(std::string_view text);

struct StrengthenOptions {
  double budget = 0;                          ///< scenario currency, >= 0
  Objective objective = Objective::pi;
  Method method = Method::automatic;
  std::uint32_t montecarlo_runs = 0;          ///< 0: the scenario's montecarlo.runs
  std::uint32_t frontier_steps = 10;          ///< budgets B k / steps, k = 1..steps (and 0)
  /// automatic: exact (every admissible portfolio) up to this many candidates, else greedy.
  std::uint32_t exact_limit = 14;
  /// automatic, pi and at_risk: the MIP while failures x (lines + supplies + demands + candidates)
  /// stays within this many columns, else greedy. GLPK's branch and bound grows with the copies
  /// of the LP: 0.4 s a budget at 4,300 columns (the default scenario), 83 s at 70,000 (a
  /// 170-site generated chain, 50 candidates).
  std::uint64_t mip_column_limit = 20000;
  /// greedy, pi and at_risk: the deterministic equivalent's LP relaxation is solved for the bound
  /// while it has at most this many columns (GLPK takes about 25 s at 80,000); the first-order
  /// bound is always given.
  std::uint64_t relaxation_column_limit = 20000;
  /// exact, pi and at_risk, beyond mip_column_limit: Benders decomposition stops after this many
  /// master solves per budget (then the answer says it is not proved optimal, with its gap).
  std::uint32_t benders_max_iterations = 2000;
  /// pi and at_risk: each failure's LP starts from its last optimal basis and the failures whose
  /// duals show no change are not solved. false: every LP from the slack basis, every failure
  /// solved (plain re-solving, for comparisons; same answers).
  bool warm_start = true;
};

/// The objective of one chain, measured as the planner measures it. The failures (pi, at_risk)
/// and weights (at_risk) are those of `reference`, the chain before any action; sites it does not
/// have are not failures. Throws InvalidInput when the objective needs what the chain lacks
/// (Monte Carlo events for expected_loss and cvar95).
class ObjectiveMeter {
 public:
  ObjectiveMeter(const model::Chain& reference, Objective objective, std::uint32_t montecarlo_runs = 0);
  /// The objective of `chain` (a variant of the reference). Unit: unit().
  [[nodiscard]] double operator()(const model::Chain& chain) const;
  [[nodiscard]] const std::string& unit() const { return unit_; }
  [[nodiscard]] Objective objective() const { return objective_; }
  /// pi, at_risk: the objective of the reference chain (measured on construction); NaN otherwise.
  [[nodiscard]] double reference_value() const { return reference_value_; }
  /// pi, at_risk: the failures (site ids) and, at_risk, their weights.
  [[nodiscard]] const std::vector<std::string>& failures() const { return failures_; }
  [[nodiscard]] const std::vector<double>& weights() const { return weights_; }

 private:
  Objective objective_;
  std::uint32_t runs_;
  std::vector<std::string> failures_;  ///< pi, at_risk: site ids
  std::vector<double> weights_;        ///< at_risk: PI of each failure in the reference
  std::string unit_;
  double reference_value_ = std::numeric_limits<double>::quiet_NaN();
};

struct PlanStep {
  std::uint32_t candidate = 0;  ///< index into the candidates
  double cost_so_far = 0;       ///< currency, this step included
  double objective_after = 0;   ///< with this and every earlier step
  double gain = 0;              ///< the objective before this step minus after it
};

struct FrontierPoint {
  double budget = 0;
  double objective = 0;  ///< of the best portfolio found within the budget
  double cost = 0;       ///< of that portfolio
  std::vector<std::uint32_t> chosen;
};

struct StrengthenResult {
  Objective objective = Objective::pi;
  std::string unit;
  Method method = Method::exact;  ///< the method used (never automatic)
  double budget = 0;
  double before = 0;      ///< the objective with no action
  double after = 0;       ///< with the chosen portfolio
  double total_cost = 0;
  std::vector<std::uint32_t> chosen;  ///< in the order of `steps`
  std::vector<PlanStep> steps;        ///< the chosen actions one by one, largest marginal gain first
  std::vector<FrontierPoint> frontier;
  /// How good the answer is: "optimal: every admissible portfolio evaluated (N)", or greedy's
  /// guarantee (none in general: gains need not shrink as actions are added) and what it did.
  std::string proof;
  std::uint64_t evaluations = 0;        ///< portfolios whose objective was measured
  std::uint64_t plain_evaluations = 0;  ///< greedy: what re-evaluating every candidate each round would take
  std::uint64_t admissible = 0;         ///< exact by enumeration: admissible portfolios within the budget
  /// pi and at_risk: the optimum of the deterministic-equivalent MIP (exact) and its LP
  /// relaxation, a lower bound on every portfolio within the budget (NaN when not solved).
  double mip_objective = std::numeric_limits<double>::quiet_NaN();
  double lp_bound = std::numeric_limits<double>::quiet_NaN();
  std::uint32_t mip_rows = 0, mip_columns = 0, mip_binaries = 0;
  /// What lp_bound is: the deterministic equivalent's LP relaxation (exact, and greedy while the
  /// MIP fits), or the first-order bound of the failures' LPs (greedy on larger chains).
  std::string bound_kind;
  /// pi, at_risk: the failures' LPs that the search solved (warm), and the (failure, portfolio)
  /// pairs their duals settled without a solve; simplex iterations; wall seconds in those LPs;
  /// the threads that solved them (seconds and threads are not written to the JSON: the
  /// result is the same on any thread count).
  std::uint64_t lp_solves = 0, lp_settled = 0, lp_iterations = 0;
  double lp_seconds = 0;
  int lp_threads = 0;
  /// greedy, pi and at_risk: the search's value of the chosen portfolio when it differs from the
  /// analysis re-run on the applied chain (`after`) by more than a relative 1e-6 (NaN: agrees).
  double search_disagrees = std::numeric_limits<double>::quiet_NaN();
};

/// Chooses the portfolio of `candidates` (resolve_candidates) with the least objective whose cost
/// is within the budget, at most one candidate per group and every requirement chosen with its
/// candidate. Ties: the cheaper, then the one with the lower candidate indices.
/// exact: for pi and at_risk the deterministic-equivalent MIP (one copy of the impact LP per
/// failure, GLPK's branch and bound to gap 0) while it has at most mip_column_limit columns,
/// Benders decomposition beyond (one warm-started LP per failure as its subproblem), one solve
/// per frontier budget; for the others
/// every admissible portfolio (O(2^candidates) evaluations). Either way the answer is optimal
/// and the frontier exact. greedy: lazy greedy by gain per cost, compared with the best single
/// action (O(candidates x rounds) evaluations at most, fewer when last rounds' gains still rank);
/// for pi and at_risk the LP relaxation's bound says how far from optimal it can be.
/// automatic: exact for pi and at_risk while the MIP stays within mip_column_limit columns, and
/// for the others up to exact_limit candidates; greedy otherwise.
/// Throws InvalidInput for a negative or non-finite budget, or exact enumeration of more than 24
/// candidates.
StrengthenResult strengthen(const model::Chain& chain, std::span<const Candidate> candidates,
                            const StrengthenOptions& options);

}  // namespace chainnet::strengthen
