#include "chainnet/weak/deep_tier.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "chainnet/error.hpp"
#include "chainnet/weak/single_points.hpp"

namespace chainnet::weak {
namespace {

using model::HoldingId;
using model::kInvalidId;
using model::MakeId;
using model::SiteId;

// Value weight of each holding at a master site (0 elsewhere); see deep_tier() in the header.
void master_input_weights(const model::Chain& c, SiteId master, std::vector<double>& w) {
  const auto& ht = c.holdings();
  const auto& mt = c.makes();
  const auto& value = c.products().value;
  bool all_finite = true;
  for (MakeId m : c.sites().makes[master]) all_finite &= std::isfinite(mt.capacity[m]);
  // The site's holdings are consecutive ids: mark which feed one of its lines.
  const model::IdRange own = c.sites().holdings[master];
  std::vector<std::uint8_t> used(own.size(), 0);
  for (MakeId m : c.sites().makes[master]) {
    const double line = all_finite ? mt.capacity[m] : 1.0;
    for (std::uint32_t j = mt.recipe.first[m]; j < mt.recipe.first[m + 1]; ++j) {
      const HoldingId h = mt.recipe_holding[j];
      w[h] += line * mt.recipe_quantity[j] * value[ht.product[h]];
      used[h - own.begin_] = 1;
    }
  }
  for (HoldingId h : own)
    if (!used[h - own.begin_] && ht.bought.degree(h) > 0) w[h] = (ht.demand[h] > 0 ? ht.demand[h] : 1.0) * value[ht.product[h]];
}

}  // namespace

std::uint32_t DeepTierSite::lowest_tier() const {
  return tiers == 0 ? kInvalidId : static_cast<std::uint32_t>(std::countr_zero(tiers));
}

std::vector<std::uint32_t> DeepTierSite::tier_list() const {
  std::vector<std::uint32_t> t;
  for (std::uint32_t i = 0; i <= kMaxTier; ++i)
    if (tiers >> i & 1u) t.push_back(i);
  return t;
}

std::vector<SiteId> resolve_masters(const model::Chain& chain, SiteId chosen) {
  std::vector<SiteId> seeds;
  if (chosen != kInvalidId) seeds.push_back(chosen);
  else seeds = chain.chain_masters();
  if (seeds.empty()) return seeds;
  std::vector<std::uint8_t> firm(chain.firms().size(), 0);
  for (SiteId s : seeds)
    if (s < chain.num_sites()) firm[chain.sites().firm[s]] = 1;
  std::vector<SiteId> out;
  for (SiteId s = 0; s < chain.num_sites(); ++s)
    if (firm[chain.sites().firm[s]] || std::find(seeds.begin(), seeds.end(), s) != seeds.end()) out.push_back(s);
  return out;
}

DeepTier deep_tier(const StructuralLoss& loss, SiteId master) { return deep_tier(loss, std::vector<SiteId>{master}); }

DeepTier deep_tier(const StructuralLoss& loss, const std::vector<SiteId>& masters) {
  const model::Chain& c = loss.chain();
  if (masters.empty()) throw InvalidInput("deep tier: no master site given");
  for (SiteId m : masters)
    if (m >= c.num_sites()) throw InvalidInput("deep tier: the master is not a site of the chain");
  const auto& ht = c.holdings();
  const auto& mt = c.makes();
  const auto& sp = c.supplies();
  const std::uint32_t S = c.num_sites();
  DeepTier out;
  out.masters = masters;
  std::sort(out.masters.begin(), out.masters.end());
  out.masters.erase(std::unique(out.masters.begin(), out.masters.end()), out.masters.end());
  out.master = out.masters.front();
  std::vector<std::uint8_t> is_master(S, 0);
  for (SiteId m : out.masters) is_master[m] = 1;

  // Tiers per holding as bit sets, propagated upstream to a fixpoint (each mask only grows, at
  // most 64 times, so cycles of mutual supply end).
  std::vector<std::uint64_t> mask(ht.size(), 0);
  std::vector<HoldingId> work;
  std::vector<std::uint8_t> queued(ht.size(), 0);
  auto add = [&](HoldingId h, std::uint64_t bits) {
    if ((mask[h] | bits) == mask[h]) return;
    mask[h] |= bits;
    if (!queued[h]) {
      queued[h] = 1;
      work.push_back(h);
    }
  };
  for (SiteId m : out.masters)
    for (HoldingId h : c.sites().holdings[m]) add(h, 1u);
  while (!work.empty()) {
    const HoldingId h = work.back();
    work.pop_back();
    queued[h] = 0;
    for (model::SupplyId e : ht.bought[h])
      if (sp.capacity[e] > 0 && !is_master[sp.seller[e]]) {
        if (mask[h] >> kMaxTier) out.tiers_truncated = true;
        add(sp.seller_holding[e], mask[h] << 1);
      }
    const MakeId m = ht.make[h];
    if (m != kInvalidId && mt.capacity[m] > 0)
      for (std::uint32_t j = mt.recipe.first[m]; j < mt.recipe.first[m + 1]; ++j) add(mt.recipe_holding[j], mask[h]);
  }
  std::vector<std::uint64_t> site_tiers(S, 0);
  for (HoldingId h = 0; h < ht.size(); ++h)
    if (!is_master[ht.site[h]]) site_tiers[ht.site[h]] |= mask[h] & ~std::uint64_t{1};

  // Tier-1 suppliers and, for each, the sites upstream of what it sells the master.
  std::vector<SiteId> tier1;
  for (SiteId s = 0; s < S; ++s)
    if (site_tiers[s] & 2u) tier1.push_back(s);
  out.tier1_suppliers = static_cast<std::uint32_t>(tier1.size());
  struct Walk {
    std::vector<std::uint32_t> seen_h, seen_s, count;
    std::vector<HoldingId> stack;
    std::uint32_t epoch = 0;
  };
  tbb::enumerable_thread_specific<Walk> walks([&] {
    return Walk{std::vector<std::uint32_t>(ht.size(), 0), std::vector<std::uint32_t>(S, 0),
                std::vector<std::uint32_t>(S, 0), {}, 0};
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tier1.size(), 1), [&](const auto& r) {
    Walk& w = walks.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const SiteId t = tier1[i];
      ++w.epoch;
      w.stack.clear();
      w.seen_s[t] = w.epoch;
      for (SiteId m : out.masters) w.seen_s[m] = w.epoch;
      for (HoldingId h : c.sites().holdings[t])
        for (model::SupplyId e : ht.sold[h])
          if (is_master[sp.buyer[e]] && sp.capacity[e] > 0 && w.seen_h[h] != w.epoch) {
            w.seen_h[h] = w.epoch;
            w.stack.push_back(h);
          }
      while (!w.stack.empty()) {
        const HoldingId h = w.stack.back();
        w.stack.pop_back();
        const SiteId s = ht.site[h];
        if (w.seen_s[s] != w.epoch) {
          w.seen_s[s] = w.epoch;
          ++w.count[s];
        }
        auto visit = [&](HoldingId g) {
          if (w.seen_h[g] != w.epoch && !is_master[ht.site[g]]) {
            w.seen_h[g] = w.epoch;
            w.stack.push_back(g);
          }
        };
        for (model::SupplyId e : ht.bought[h])
          if (sp.capacity[e] > 0) visit(sp.seller_holding[e]);
        const MakeId m = ht.make[h];
        if (m != kInvalidId && mt.capacity[m] > 0)
          for (std::uint32_t j = mt.recipe.first[m]; j < mt.recipe.first[m + 1]; ++j) visit(mt.recipe_holding[j]);
      }
    }
  });
  std::vector<std::uint32_t> dependents(S, 0);
  for (const Walk& w : walks)
    for (SiteId s = 0; s < S; ++s) dependents[s] += w.count[s];

  // The master's input value lost when each upstream site fails alone.
  std::vector<double> weight(ht.size(), 0.0);
  for (SiteId m : out.masters) master_input_weights(c, m, weight);
  for (SiteId m : out.masters)
    for (HoldingId h : c.sites().holdings[m]) out.master_input_value += weight[h];
  std::vector<SiteId> upstream;
  for (SiteId s = 0; s < S; ++s)
    if (site_tiers[s] != 0) upstream.push_back(s);
  std::vector<double> lost_value(S, 0.0);
  for_each_site_failure(loss, upstream, [&](SiteId s, std::span<const HoldingId> lost) {
    double v = 0.0;
    for (HoldingId h : lost)
      if (is_master[ht.site[h]]) v += weight[h];
    lost_value[s] = v;
  });
  for (SiteId s : upstream)
    out.sites.push_back({s, site_tiers[s], dependents[s],
                         out.master_input_value > 0 ? lost_value[s] / out.master_input_value : 0.0});
  std::sort(out.sites.begin(), out.sites.end(), [](const DeepTierSite& a, const DeepTierSite& b) {
    if (a.master_value_share != b.master_value_share) return a.master_value_share > b.master_value_share;
    if (a.tier1_dependents != b.tier1_dependents) return a.tier1_dependents > b.tier1_dependents;
    return a.site < b.site;
  });
  return out;
}

}  // namespace chainnet::weak
