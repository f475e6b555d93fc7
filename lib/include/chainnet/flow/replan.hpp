// Re-planning under a disruption: the least-cost plan with the shock in force, and what it
// changes against the normal plan (docs/models.md, "Re-planning").
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/routing/lane_graph.hpp"

namespace chainnet::flow {

/// What is disrupted, all of it in force at once (start and duration do not enter a steady plan).
struct ReplanShock {
  std::vector<const model::Disruption*> disruptions;        ///< scenario disruptions
  std::vector<std::pair<model::SiteId, double>> sites;      ///< ad-hoc failures: site, loss (0, 1]
  routing::Avoid avoid;                                     ///< nodes, regions and modes closed to routes
};

/// The shock the user names: scenario disruption ids, an ad-hoc site failure (`site` empty: none)
/// with capacity `loss`, and words to avoid (as `route --avoid`: ids, region codes, modes).
/// `label` gets a description ("separator_fire+site cell_fujian (loss 0.5)+avoid mode:sea").
/// Throws InvalidInput for an unknown disruption (listing those the scenario defines), an
/// unknown site or a hub, a loss outside (0, 1], or an unknown word to avoid.
ReplanShock replan_shock(const model::Chain& chain, const std::vector<std::string>& disruptions, const std::string& site,
                         double loss, const std::vector<std::string>& avoid, std::string* label = nullptr);

/// The capacities and closures a shock leaves, relative to the normal plan `normal`:
/// - a site with loss f: its lines keep 1 - f of their capacity; a site without a line for a
///   product (a warehouse, a port) passes on 1 - f of what it passes in the normal plan; f = 1
///   also closes it to transit; its sales to final demand keep 1 - f of the normal plan's. A
///   region takes its sites and closes its hubs (f = 1);
/// - a lane (or every lane of a mode) with loss f: closed when f = 1, else 1 - f of its capacity
///   (of its normal load when unlimited);
/// - hubs: closed to routes (f = 1), else their lanes keep 1 - f of their normal load;
/// - a product: its lines keep 1 - f; with from_region, its supplies from the region to buyers
///   outside keep 1 - f of their normal flow;
/// - avoid: the nodes, the regions' nodes and the modes' lanes are closed.
/// Stock does not enter a steady-state plan. Throws InvalidInput for a loss outside (0, 1].
PlanConditions conditions_of(const model::Chain& chain, const ReplanShock& shock, const FlowPlan& normal);

/// One supply's flow in the normal plan and in the re-plan (units per period).
struct FlowChange {
  SupplyId supply = model::kInvalidId;
  double normal = 0;
  double replanned = 0;
  bool rerouted = false;          ///< its main route (the one carrying most) changed
  double normal_unit_cost = 0;    ///< transport currency per unit on the normal main route
  double replanned_unit_cost = 0;
};

/// A market holding's unmet demand before and after (units per period).
struct MarketChange {
  HoldingId holding = model::kInvalidId;
  double normal_unmet = 0;
  double replanned_unmet = 0;
  double lost_value = 0;  ///< (replanned - normal) x product value, per period
};

/// Re-plan minus normal plan, per period.
struct PlanDelta {
  double total_cost = 0, production_cost = 0, transport_cost = 0, carbon_cost = 0, lost_sale_cost = 0;
  double co2_kg = 0;
  double lost_sales_value = 0;     ///< demand value the re-plan leaves unmet beyond the normal plan's
  std::vector<FlowChange> flows;   ///< supplies whose flow or main route changed, by supply
  std::vector<MarketChange> markets;  ///< markets whose unmet demand changed, by lost value
};

struct Replan {
  FlowPlan normal;
  FlowPlan replanned;
  PlanDelta delta;
};

/// The normal plan (plan_flows with `options`), the plan with the shock in force (the same
/// options plus conditions_of), and their difference. Two plan_flows solves.
Replan replan(const model::Chain& chain, const ReplanShock& shock, const PlanOptions& options = {});

/// The difference of two plans of one chain.
PlanDelta plan_delta(const model::Chain& chain, const FlowPlan& normal, const FlowPlan& replanned);

}  // namespace chainnet::flow
