// Writers of flow plans: JSON, a readable summary, CSV tables.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/flow/replan.hpp"
#include "chainnet/io/json_writer.hpp"

namespace chainnet::io {

/// Where a bottleneck sits, as string ids: from / to (lanes, supplies), site (production lines),
/// product (supplies, production lines), mode (lanes); empty where it does not apply.
struct BottleneckPlace {
  std::string from, to, site, product, mode;
};
BottleneckPlace place_of(const model::Chain& chain, const flow::Bottleneck& b);

/// {"status", "method", "total_cost", "transport_cost", "production_cost", "carbon_cost",
///  "lost_sale_cost", "co2", "carbon_price", "demand", "served", "unrouted_supplies", "rounds",
///  "flows": [{"from", "to", "product", "quantity", "lane_path" (node ids, null when unrouted),
///             "modes", "unit_transport_cost", "unit_co2"}],
///  "production": [{"site", "product", "quantity", "capacity"}],
///  "unmet": [{"site", "product", "quantity", "demand", "penalty"}],
///  "bottlenecks": [{"kind", "from", "to", "site", "product", "mode", "capacity", "flow",
///                   "shadow_price"}]}  (keys that do not apply to a kind are left out)
void write_flow_plan_json(JsonWriter& w, const model::Chain& chain, const flow::FlowPlan& plan);

/// Totals, then the largest unmet demands and bottlenecks (at most `top` each).
std::string format_flow_plan_text(const model::Chain& chain, const flow::FlowPlan& plan, std::size_t top = 10);

/// A re-plan: the plan with the shock in force (as write_flow_plan_json) plus
/// "shock" (what is in force, as `label` says), "normal" {"total_cost", "production_cost",
/// "transport_cost", "carbon_cost", "lost_sale_cost", "co2", "served"} and
/// "delta" {"total_cost", "production_cost", "transport_cost", "carbon_cost", "lost_sale_cost",
///          "co2", "lost_sales_value",
///          "flows": [{"from", "to", "product", "normal", "replanned", "change", "rerouted",
///                     "normal_unit_cost", "replanned_unit_cost"}],
///          "markets": [{"market", "product", "normal_unmet", "replanned_unmet", "lost_value"}]}.
void write_replan_json(JsonWriter& w, const model::Chain& chain, const flow::Replan& r, const std::string& label);
std::string format_replan_text(const model::Chain& chain, const flow::Replan& r, const std::string& label, std::size_t top = 10);
/// The re-plan's tables (as flow_plan_tables) plus delta.csv (one row per changed supply).
std::vector<std::pair<std::string, std::string>> replan_tables(const model::Chain& chain, const flow::Replan& r);

/// flows.csv, production.csv, unmet.csv, bottlenecks.csv: file name -> content.
std::vector<std::pair<std::string, std::string>> flow_plan_tables(const model::Chain& chain, const flow::FlowPlan& plan);

}  // namespace chainnet::io
