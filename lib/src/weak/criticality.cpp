#include "chainnet/weak/criticality.hpp"

#include <algorithm>
#include <numeric>

#include "chainnet/error.hpp"

namespace chainnet::weak {

CriticalityReport criticality(const model::Chain& c, const CriticalityOptions& options) {
  const std::uint32_t S = c.num_sites();
  if (options.master != model::kInvalidId && options.master >= S) throw InvalidInput("criticality: master is not a site");
  if (options.market != model::kInvalidId && options.market >= S) throw InvalidInput("criticality: market is not a site");
  CriticalityReport r;
  r.structural = options.structural;
  r.include_markets = options.include_markets;
  const StructuralLoss loss(c, options.structural);
  r.single_points = single_points_of_failure(loss, options.single_points);
  if (options.market != model::kInvalidId) {
    const auto& ht = c.holdings();
    std::erase_if(r.single_points.sites, [&](const SinglePoint& p) { return ht.site[p.demand] != options.market; });
    std::erase_if(r.single_points.regions,
                  [&](const RegionalSinglePoint& p) { return ht.site[p.demand] != options.market; });
  }
  r.sourcing = sourcing_pairs(loss);
  const std::vector<model::SiteId> masters = resolve_masters(c, options.master);
  if (!masters.empty()) r.deep_tier = deep_tier(loss, masters);
  r.bottleneck_lanes = bottlenecks_use_lanes(c, options.bottlenecks);
  FlowBottleneckOptions bo = options.bottlenecks;
  bo.lanes = r.bottleneck_lanes ? LaneUse::on : LaneUse::off;
  r.bottlenecks = flow_bottlenecks(c, bo);
  r.betweenness = betweenness(c, options.betweenness);

  r.single_sourced_value.assign(S, 0.0);
  for (const SourcingPair& p : r.sourcing)
    if (p.suppliers == 1) r.single_sourced_value[p.supplier] += p.value_at_risk;
  std::vector<double> master_share(S, 0.0);
  if (r.deep_tier)
    for (const DeepTierSite& d : r.deep_tier->sites) master_share[d.site] = d.master_value_share;
  r.ranking.resize(S);
  std::iota(r.ranking.begin(), r.ranking.end(), 0u);
  const auto& lost = r.single_points.lost_demand_value;
  const auto& bc = r.betweenness.value;
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](model::SiteId a, model::SiteId b) {
    if (lost[a] != lost[b]) return lost[a] > lost[b];
    if (master_share[a] != master_share[b]) return master_share[a] > master_share[b];
    if (r.single_sourced_value[a] != r.single_sourced_value[b])
      return r.single_sourced_value[a] > r.single_sourced_value[b];
    if (bc[a] != bc[b]) return bc[a] > bc[b];
    return a < b;
  });
  RobustnessOptions ro = options.robustness;
  ro.structural = options.structural;
  r.robustness = robustness(c, r.ranking, ro);
  return r;
}

}  // namespace chainnet::weak
