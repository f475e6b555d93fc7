#include "chainnet/weak/single_points.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/model/csr.hpp"

namespace chainnet::weak {
namespace {

using model::HoldingId;
using model::kInvalidId;
using model::RegionId;
using model::SiteId;

// Per site: the holdings lost when it fails, from the dominator tree of the holding graph (pure
// OR chains). Lost holdings of site s = the dominator subtrees of its available holdings, which
// are contiguous ranges of the tree's preorder.
class DominatorLoss {
 public:
  explicit DominatorLoss(const StructuralLoss& loss) {
    const model::Chain& c = loss.chain();
    const auto& ht = c.holdings();
    const auto& mt = c.makes();
    const auto& sp = c.supplies();
    const std::uint32_t H = ht.size();
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
    using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
    Graph g(H + 1);
    const Vertex root = H;
    for (model::MakeId m = 0; m < mt.size(); ++m)
      if (mt.recipe.degree(m) == 0 && mt.capacity[m] > 0) boost::add_edge(root, mt.holding[m], g);
    if (loss.options().count_stock)
      for (HoldingId h = 0; h < H; ++h)
        if (ht.stock[h] > 0) boost::add_edge(root, h, g);
    // Only arcs between holdings the super-source reaches: Boost's Lengauer-Tarjan computes wrong
    // semidominators when an unreachable vertex has an arc into the reachable part.
    const auto& avail = loss.available();
    for (model::SupplyId e = 0; e < sp.size(); ++e)
      if (sp.capacity[e] > 0 && avail[sp.seller_holding[e]])
        boost::add_edge(sp.seller_holding[e], sp.buyer_holding[e], g);
    std::vector<Vertex> idom_v(H + 1, boost::graph_traits<Graph>::null_vertex());
    boost::lengauer_tarjan_dominator_tree(
        g, root, boost::make_iterator_property_map(idom_v.begin(), boost::get(boost::vertex_index, g)));
    idom.assign(H, kInvalidId);
    std::vector<std::uint32_t> parent_row, kids;
    for (HoldingId h = 0; h < H; ++h) {
      if (idom_v[h] == boost::graph_traits<Graph>::null_vertex()) continue;
      idom[h] = static_cast<std::uint32_t>(idom_v[h]);  // == H for the root
      parent_row.push_back(idom[h]);
      kids.push_back(h);
    }
    model::Csr children = model::csr_from_rows(H + 1, parent_row);
    for (auto& k : children.items) k = kids[k];
    // preorder numbering and subtree sizes, iteratively
    pre.assign(H, kInvalidId);
    size.assign(H, 0);
    order.reserve(kids.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // (node, next child index)
    stack.emplace_back(H, children.first[H]);
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < children.first[v + 1]) {
        const HoldingId k = children.items[next++];
        pre[k] = static_cast<std::uint32_t>(order.size());
        order.push_back(k);
        stack.emplace_back(k, children.first[k]);
      } else {
        if (v != H) size[v] = static_cast<std::uint32_t>(order.size()) - pre[v];
        stack.pop_back();
      }
    }
  }
  std::vector<std::uint32_t> idom;  // per holding: immediate dominator (H = super-source), or invalid
  std::vector<std::uint32_t> pre, size;
  std::vector<HoldingId> order;
};

template <class Fn>
void parallel_items(std::size_t n, Fn&& fn) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 16), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) fn(i);
  });
}

}  // namespace

std::string_view to_string(SpofMethod m) {
  switch (m) {
    case SpofMethod::automatic: return "auto";
    case SpofMethod::dominators: return "dominators";
    case SpofMethod::sweep: return "sweep";
  }
  return "?";
}

SpofMethod parse_spof_method(std::string_view text) {
  for (SpofMethod m : {SpofMethod::automatic, SpofMethod::dominators, SpofMethod::sweep})
    if (to_string(m) == text) return m;
  throw InvalidInput("unknown method '" + std::string(text) + "' (expected auto, dominators or sweep)");
}

bool is_or_only(const model::Chain& chain) { return chain.makes().recipe.items.empty(); }

void for_each_site_failure(const StructuralLoss& loss, std::span<const SiteId> sites,
                           const std::function<void(SiteId, std::span<const HoldingId>)>& visit) {
  loss.parallel_queries(sites.size(), [&](std::size_t i, StructuralLoss::Workspace& ws, std::vector<HoldingId>& lost) {
    loss.lost_when_sites_fail(sites.subspan(i, 1), ws, lost);
    visit(sites[i], lost);
  });
}

SinglePoints single_points_of_failure(const StructuralLoss& loss, const SinglePointsOptions& options) {
  const model::Chain& c = loss.chain();
  const auto& ht = c.holdings();
  const auto& st = c.sites();
  const auto& avail = loss.available();
  const std::uint32_t S = c.num_sites();
  SinglePoints out;
  out.method = options.method;
  if (out.method == SpofMethod::automatic) out.method = is_or_only(c) ? SpofMethod::dominators : SpofMethod::sweep;
  if (out.method == SpofMethod::dominators && !is_or_only(c))
    throw InvalidInput("the dominator method needs a chain without BOM production (no line with inputs); use sweep");

  auto demand_value = [&](HoldingId h) { return ht.demand[h] * c.products().value[ht.product[h]]; };
  for (HoldingId h = 0; h < ht.size(); ++h)
    if (ht.demand[h] > 0 && !avail[h]) out.unservable.push_back(h);

  out.lost_demand_value.assign(S, 0.0);
  out.lost_demands.assign(S, 0);
  std::vector<std::vector<SinglePoint>> per_site(S);
  // One site's failure: its lost holdings -> its single-point entries and totals.
  auto account = [&](SiteId s, auto&& lost_range) {
    double value = 0.0;
    std::uint32_t count = 0;
    auto& mine = per_site[s];
    for (HoldingId h : lost_range) {
      if (ht.demand[h] <= 0) continue;
      value += demand_value(h);
      ++count;
      if (ht.site[h] != s) mine.push_back({h, s});
    }
    out.lost_demand_value[s] = value;
    out.lost_demands[s] = count;
  };

  std::vector<SiteId> candidates;  // sites with something available: nothing else can matter
  for (SiteId s = 0; s < S; ++s)
    for (HoldingId h : st.holdings[s])
      if (avail[h]) {
        candidates.push_back(s);
        break;
      }

  if (out.method == SpofMethod::dominators) {
    const DominatorLoss dom(loss);
    parallel_items(candidates.size(), [&](std::size_t i) {
      const SiteId s = candidates[i];
      std::vector<HoldingId> lost;
      for (HoldingId h : st.holdings[s])
        if (dom.pre[h] != kInvalidId)
          lost.insert(lost.end(), dom.order.begin() + dom.pre[h], dom.order.begin() + dom.pre[h] + dom.size[h]);
      account(s, lost);
    });
  } else {
    for_each_site_failure(loss, candidates, [&](SiteId s, std::span<const HoldingId> lost) { account(s, lost); });
  }
  for (auto& v : per_site) out.sites.insert(out.sites.end(), v.begin(), v.end());
  std::sort(out.sites.begin(), out.sites.end(), [&](const SinglePoint& a, const SinglePoint& b) {
    return std::tie(ht.site[a.demand], ht.product[a.demand], a.site) < std::tie(ht.site[b.demand], ht.product[b.demand], b.site);
  });

  if (!options.regions) return out;
  const auto& rt = c.regions();
  // sites of each region, a region containing its sub-regions' sites
  std::vector<std::uint32_t> row;
  std::vector<SiteId> item;
  for (SiteId s = 0; s < S; ++s)
    for (RegionId r = st.region[s]; r != kInvalidId; r = rt.parent[r]) {
      row.push_back(r);
      item.push_back(s);
    }
  model::Csr region_sites = model::csr_from_rows(rt.size(), row);
  for (auto& x : region_sites.items) x = item[x];
  // (demand, region) pairs already explained by a single site of the region
  std::vector<std::uint64_t> by_site;
  for (const SinglePoint& p : out.sites)
    for (RegionId r = st.region[p.site]; r != kInvalidId; r = rt.parent[r])
      by_site.push_back(static_cast<std::uint64_t>(p.demand) << 32 | r);
  model::sort_unique(by_site);
  std::vector<std::vector<RegionalSinglePoint>> per_region(rt.size());
  loss.parallel_queries(rt.size(), [&](std::size_t i, StructuralLoss::Workspace& ws, std::vector<HoldingId>& lost) {
    const auto r = static_cast<RegionId>(i);
    loss.lost_when_sites_fail(region_sites[r], ws, lost);
    for (HoldingId h : lost) {
      if (ht.demand[h] <= 0 || rt.within(st.region[ht.site[h]], r)) continue;
      const bool explained = std::binary_search(by_site.begin(), by_site.end(), static_cast<std::uint64_t>(h) << 32 | r);
      per_region[r].push_back({h, r, !explained});
    }
  });
  for (auto& v : per_region) out.regions.insert(out.regions.end(), v.begin(), v.end());
  std::sort(out.regions.begin(), out.regions.end(), [&](const RegionalSinglePoint& a, const RegionalSinglePoint& b) {
    return std::tie(ht.site[a.demand], ht.product[a.demand], a.region) <
           std::tie(ht.site[b.demand], ht.product[b.demand], b.region);
  });
  return out;
}

}  // namespace chainnet::weak
