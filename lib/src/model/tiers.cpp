#include "chainnet/model/tiers.hpp"

#include <algorithm>

#include "chainnet/model/csr.hpp"

namespace chainnet::model {

Tiers upstream_tiers(const Chain& chain, std::span<const SiteId> roots) {
  const SiteTable& st = chain.sites();
  const SupplyTable& sp = chain.supplies();
  Tiers t;
  t.tier.assign(st.size(), kInvalidId);
  std::vector<SiteId> frontier;
  for (SiteId r : roots)
    if (t.tier[r] == kInvalidId) {
      t.tier[r] = 0;
      frontier.push_back(r);
    }
  for (std::size_t head = 0; head < frontier.size(); ++head) {
    const SiteId b = frontier[head];
    for (SupplyId e : st.supplies_in[b]) {
      const SiteId s = sp.seller[e];
      if (t.tier[s] == kInvalidId) {
        t.tier[s] = t.tier[b] + 1;
        frontier.push_back(s);
      }
    }
  }
  for (std::uint32_t x : t.tier) {
    if (x == kInvalidId) {
      ++t.unreached;
      continue;
    }
    if (x >= t.sites_per_tier.size()) t.sites_per_tier.resize(x + 1, 0);
    ++t.sites_per_tier[x];
    t.max_tier = std::max(t.max_tier, x);
  }
  return t;
}

std::vector<SiteId> market_sites(const Chain& chain) {
  std::vector<SiteId> out;
  for (SiteId s = 0; s < chain.num_sites(); ++s)
    if (chain.sites().kind[s] == SiteKind::market || chain.has_demand(s)) out.push_back(s);
  return out;
}

std::vector<std::uint32_t> bom_levels(const Chain& chain) {
  const ProductTable& pt = chain.products();
  const MakeTable& mt = chain.makes();
  const std::uint32_t P = pt.size();
  // arcs input -> product, so that a topological order visits inputs first
  std::vector<std::uint32_t> rows;
  std::vector<ProductId> heads;
  for (ProductId p = 0; p < P; ++p)
    for (ProductId in : pt.bom[p]) {
      rows.push_back(in);
      heads.push_back(p);
    }
  for (MakeId m = 0; m < mt.size(); ++m)
    if (mt.own_recipe[m])
      for (ProductId in : mt.recipe[m]) {
        rows.push_back(in);
        heads.push_back(mt.product[m]);
      }
  Csr users = csr_from_rows(P, rows);
  std::vector<std::uint32_t> indegree(P, 0);
  for (ProductId h : heads) ++indegree[h];
  std::vector<std::uint32_t> level(P, kInvalidId);
  std::vector<ProductId> order;
  for (ProductId p = 0; p < P; ++p)
    if (indegree[p] == 0) {
      level[p] = 0;
      order.push_back(p);
    }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const ProductId in = order[i];
    for (std::uint32_t k : users[in]) {
      const ProductId p = heads[k];
      level[p] = level[p] == kInvalidId ? level[in] + 1 : std::max(level[p], level[in] + 1);
      if (--indegree[p] == 0) order.push_back(p);
    }
  }
  for (ProductId p = 0; p < P; ++p)
    if (indegree[p] != 0) level[p] = kInvalidId;
  return level;
}

}  // namespace chainnet::model
