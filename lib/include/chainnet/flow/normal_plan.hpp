// The normal plan: one definition of normal operation that every stress analysis starts from
// (docs/models.md, "The operating model").
//
// It says, per period, how much each supply carries, how much each line makes and how much of
// each market's demand is served when nothing is disrupted:
// - by default the least-cost flow plan (flow_plan.hpp) with given shares honoured as far as they
//   are feasible. Three linear programs over the same columns, each from the previous optimum:
//   1. the flow plan (least cost including lost-sale penalties): unmet demand u*;
//   2. unmet demand held at most u*, minimise cost + W x deviation from the given shares (W
//      exceeds any cost difference a unit of re-sourcing can make, so shares come first);
//   3. that objective held at its optimum, minimise the deviation from the default shares (what
//      the given shares of a buyer leave, split equally): among equally cheap plans, the one
//      closest to an even split, so ties do not depend on the solver's pivoting.
//   A supply without a given share is thus ordered as the least-cost plan routes it.
// - for chains beyond `lp_size_limit` (or method shares): orders by shares, water-filled within
//   each seller's room, where the room is repaired until the steady state delivers every order
//   (each holding's room is what it can actually deliver); exact when the chain can serve all
//   demand with its given shares and one round suffices, a heuristic otherwise. Its shortfalls
//   are reported as such.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::flow {

enum class NormalPlanMethod : std::uint8_t {
  automatic,  ///< flow_plan up to lp_size_limit, shares beyond
  flow_plan,  ///< the least-cost flow plan with shares honoured (LPs on GLPK)
  shares,     ///< orders by shares with repaired rooms (linear time)
};
std::string_view to_string(NormalPlanMethod m);
/// auto, flow_plan or shares. Throws InvalidInput listing them.
NormalPlanMethod parse_normal_plan_method(std::string_view text);

struct NormalPlanOptions {
  NormalPlanMethod method = NormalPlanMethod::automatic;
  /// automatic uses the LPs while holdings + supplies + lanes stay below this (GLPK takes about
  /// 10 s at 25,000 (3,000 generated sites), measured with bench/run_normal_plan.sh).
  std::uint64_t lp_size_limit = 20000;
};

/// A market holding whose demand the normal plan does not serve in full.
struct MarketShortfall {
  model::HoldingId holding = model::kInvalidId;
  double demand = 0;    ///< units per period
  double served = 0;    ///< units per period
  double lost_value = 0;  ///< (demand - served) x product value, per period
};

/// A supply whose normal order its seller cannot deliver (shares method only: the least-cost
/// plan never orders what cannot be delivered).
struct SupplyShortfall {
  model::SupplyId supply = model::kInvalidId;
  double ordered = 0;    ///< units per period
  double delivered = 0;  ///< units per period
};

struct NormalPlan {
  NormalPlanMethod method = NormalPlanMethod::flow_plan;  ///< what made it
  std::vector<double> supply;      ///< per supply: units per period (0 on inert supplies)
  std::vector<double> production;  ///< per make: units per period
  /// Per holding: final demand the plan sells there per period (the flow plan's served demand;
  /// all demand for the shares method, whose shortfalls then show as rationing).
  std::vector<double> sales;
  std::vector<std::uint8_t> inert; ///< per supply: closes a ring of supplies (model/holding_order.hpp)
  double demand_value = 0;         ///< final demand value per period
  double lost_value = 0;           ///< per period: sum over markets of unmet x value
  double lost_units = 0;           ///< per period, all products (a count, not a quantity)
  double cost = 0;                 ///< flow_plan: the flow plan's total cost per period; NaN for shares
  std::uint32_t given_shares = 0;     ///< supplies with a written share into multi-supplier buyers
  std::uint32_t honoured_shares = 0;  ///< of those, carried within 1e-6 of share x the buyer's inflow
  std::vector<MarketShortfall> markets;   ///< by lost value, largest first
  std::vector<SupplyShortfall> supplies;  ///< by shortfall, largest first
  std::uint32_t lp_solves = 0;
};

/// Computes the normal plan. O(LP) for flow_plan (three GLPK solves over route columns); O(k x
/// (holdings + supplies + recipe entries)) for shares with k <= 20 repair rounds. Throws
/// InvalidInput for a forced flow_plan method on a chain the LP cannot take, Error when GLPK stops
/// without an optimum.
NormalPlan normal_plan(const model::Chain& chain, const NormalPlanOptions& options = {});

/// One line per shortfall (markets first, then supplies), naming the seller, buyer, product and
/// the shortfall per period, for `validate`, `run` and the stress commands to print as warnings.
/// Empty when the plan serves all demand.
std::vector<std::string> normal_plan_warnings(const model::Chain& chain, const NormalPlan& plan,
                                              std::size_t most = 20);

}  // namespace chainnet::flow
