#include "chainnet/model/summary.hpp"

#include <algorithm>

namespace chainnet::model {

ChainSummary summarize(const Chain& c) {
  ChainSummary s;
  s.products = c.products().size();
  s.sites = c.num_sites();
  s.hubs = c.hubs().size();
  s.supplies = c.supplies().size();
  s.lanes = c.lanes().size();
  s.firms = c.firms().size();
  s.production_lines = c.makes().size();
  for (RegionId r = 0; r < c.regions().size(); ++r) s.regions += c.regions().assigned[r];
  for (SiteKind k : c.sites().kind) ++s.sites_by_kind[static_cast<int>(k)];
  for (Mode m : c.lanes().mode) ++s.lanes_by_mode[static_cast<int>(m)];
  const HoldingTable& ht = c.holdings();
  for (HoldingId h = 0; h < ht.size(); ++h) {
    s.demand_per_period += ht.demand[h];
    s.demand_value_per_period += ht.demand[h] * c.products().value[ht.product[h]];
    if (ht.bought.degree(h) == 1) ++s.single_sourced;
  }
  const auto levels = bom_levels(c);
  for (ProductId p = 0; p < s.products; ++p) {
    if (levels[p] == 0) ++s.raw_materials;
    if (levels[p] != kInvalidId) s.bom_depth = std::max(s.bom_depth, levels[p]);
  }
  const auto markets = market_sites(c);
  s.markets = static_cast<std::uint32_t>(markets.size());
  s.tiers = upstream_tiers(c, markets);
  s.masters = c.chain_masters();
  if (!s.masters.empty()) s.master_tiers = upstream_tiers(c, s.masters);
  return s;
}

}  // namespace chainnet::model
