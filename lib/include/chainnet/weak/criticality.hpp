// The weak-links report: single points of failure, stuck-neck inputs, hidden deep-tier
// concentration, flow bottlenecks, centrality and robustness curves, in one call.
#pragma once

#include <optional>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/weak/betweenness.hpp"
#include "chainnet/weak/deep_tier.hpp"
#include "chainnet/weak/flow_bottlenecks.hpp"
#include "chainnet/weak/robustness.hpp"
#include "chainnet/weak/single_points.hpp"
#include "chainnet/weak/sourcing.hpp"
#include "chainnet/weak/structural_loss.hpp"

namespace chainnet::weak {

struct CriticalityOptions {
  model::SiteId master = model::kInvalidId;  ///< chain master; default: the site tagged chain_master
  model::SiteId market = model::kInvalidId;  ///< keep single points of failure of this market only
  StructuralOptions structural;
  SinglePointsOptions single_points;
  FlowBottleneckOptions bottlenecks;
  BetweennessOptions betweenness;
  RobustnessOptions robustness;  ///< its `structural` is replaced by the one above
  /// Markets are demand, not failure candidates: site_impact leaves them out unless asked.
  bool include_markets = false;
};

struct CriticalityReport {
  StructuralOptions structural;
  bool include_markets = false;  ///< as asked: site_impact lists markets too
  SinglePoints single_points;
  std::vector<SourcingPair> sourcing;  ///< every pair, ranked (see sourcing_pairs)
  std::optional<DeepTier> deep_tier;   ///< when the chain has a master
  std::vector<ProductBottleneck> bottlenecks;
  bool bottleneck_lanes = false;  ///< supplies were capped by their routes' lane capacities
  Betweenness betweenness;
  RobustnessCurve robustness;
  /// Sites ranked by structural damage, the targeted removal order of the robustness curve:
  /// demand value lost when the site fails alone, then share of the master's input value, then
  /// value at risk of the single-sourced inputs it supplies, then betweenness (all descending),
  /// then site id.
  std::vector<model::SiteId> ranking;
  /// Per site: value at risk of the single-sourced (buyer, input) pairs it is the only supplier of.
  std::vector<double> single_sourced_value;
};

/// Runs every part of the report. Parallel inside each part; identical results on any thread
/// count. Throws InvalidInput for a master or market id out of range or a dominator method on a
/// chain with BOM production.
CriticalityReport criticality(const model::Chain& chain, const CriticalityOptions& options = {});

}  // namespace chainnet::weak
