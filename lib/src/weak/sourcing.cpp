#include "chainnet/weak/sourcing.hpp"

#include <algorithm>
#include <tuple>

namespace chainnet::weak {
namespace {

using model::HoldingId;
using model::kInvalidId;
using model::RegionId;
using model::SiteId;

// Deepest common ancestor of two regions in the prefix tree (kInvalidId when none).
RegionId common_region(const model::RegionTable& rt, RegionId a, RegionId b) {
  if (a == kInvalidId || b == kInvalidId) return kInvalidId;
  auto depth = [&](RegionId r) {
    int d = 0;
    for (; r != kInvalidId; r = rt.parent[r]) ++d;
    return d;
  };
  int da = depth(a), db = depth(b);
  for (; da > db; --da) a = rt.parent[a];
  for (; db > da; --db) b = rt.parent[b];
  while (a != b) {
    a = rt.parent[a];
    b = rt.parent[b];
  }
  return a;
}

}  // namespace

std::vector<SourcingPair> sourcing_pairs(const StructuralLoss& loss) {
  const model::Chain& c = loss.chain();
  const auto& ht = c.holdings();
  const auto& sp = c.supplies();
  const auto& st = c.sites();
  std::vector<SourcingPair> pairs;
  std::vector<std::pair<SiteId, double>> sellers;  // (seller, share) of one pair
  for (HoldingId h = 0; h < ht.size(); ++h) {
    sellers.clear();
    bool any_share = false;
    for (model::SupplyId e : ht.bought[h]) {
      if (!(sp.capacity[e] > 0)) continue;
      sellers.emplace_back(sp.seller[e], sp.share[e]);
      any_share |= sp.share[e] > 0;
    }
    if (sellers.empty()) continue;
    std::sort(sellers.begin(), sellers.end());
    SourcingPair p{};
    p.buyer_holding = h;
    double total = 0.0;
    std::vector<double> per_seller;
    for (std::size_t i = 0; i < sellers.size(); ++i) {
      const double share = any_share ? sellers[i].second : 1.0;
      if (i == 0 || sellers[i].first != sellers[i - 1].first) per_seller.push_back(0.0);
      per_seller.back() += share;
      total += share;
    }
    p.suppliers = static_cast<std::uint32_t>(per_seller.size());
    p.supplier = p.suppliers == 1 ? sellers[0].first : kInvalidId;
    for (double s : per_seller) p.hhi += (s / total) * (s / total);
    p.common_region = st.region[sellers[0].first];
    for (const auto& [s, share] : sellers) p.common_region = common_region(c.regions(), p.common_region, st.region[s]);
    pairs.push_back(p);
  }
  loss.parallel_queries(pairs.size(), [&](std::size_t i, StructuralLoss::Workspace& ws, std::vector<HoldingId>& lost) {
    loss.lost_when_holding_cut(pairs[i].buyer_holding, ws, lost);
    double value = 0.0;
    std::uint32_t count = 0;
    for (HoldingId h : lost)
      if (ht.demand[h] > 0) {
        value += ht.demand[h] * c.products().value[ht.product[h]];
        ++count;
      }
    pairs[i].value_at_risk = value;
    pairs[i].demands_at_risk = count;
  });
  std::sort(pairs.begin(), pairs.end(), [&](const SourcingPair& a, const SourcingPair& b) {
    if (a.value_at_risk != b.value_at_risk) return a.value_at_risk > b.value_at_risk;
    if (a.hhi != b.hhi) return a.hhi > b.hhi;
    return a.buyer_holding < b.buyer_holding;  // holdings are ordered by (site, product)
  });
  return pairs;
}

}  // namespace chainnet::weak
