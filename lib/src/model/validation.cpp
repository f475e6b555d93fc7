#include "chainnet/model/validation.hpp"

#include <string>

#include "chainnet/model/availability.hpp"
#include "chainnet/model/csr.hpp"

namespace chainnet::model {
namespace {

constexpr std::size_t kMaxCycles = 50;

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

// Product graph for cycle search: product -> inputs by its BOM and by every site recipe.
struct ProductGraph {
  Csr out;
  std::vector<FindingSubject> subject;  // per arc: bom_entry or recipe
  std::vector<std::uint32_t> owner;     // per arc: product (bom) or make id (recipe)
};

ProductGraph product_graph(const Chain& c) {
  const ProductTable& pt = c.products();
  const MakeTable& mt = c.makes();
  struct Arc {
    ProductId from, to;
    FindingSubject subject;
    std::uint32_t owner;
  };
  std::vector<Arc> arcs;
  for (ProductId p = 0; p < pt.size(); ++p)
    for (ProductId in : pt.bom[p]) arcs.push_back({p, in, FindingSubject::bom_entry, p});
  for (MakeId m = 0; m < mt.size(); ++m)
    if (mt.own_recipe[m])
      for (ProductId in : mt.recipe[m]) arcs.push_back({mt.product[m], in, FindingSubject::recipe, m});
  std::vector<std::uint32_t> rows(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) rows[i] = arcs[i].from;
  ProductGraph g;
  g.out = csr_from_rows(pt.size(), rows);
  for (auto& i : g.out.items) {
    const Arc a = arcs[i];
    g.subject.push_back(a.subject);
    g.owner.push_back(a.owner);
    i = a.to;
  }
  return g;
}

void find_bom_cycles(const Chain& c, std::vector<Finding>& out) {
  const ProductGraph g = product_graph(c);
  const std::uint32_t P = c.products().size();
  std::vector<std::uint8_t> color(P, 0);  // 0 new, 1 on the DFS stack, 2 done
  std::vector<std::pair<ProductId, std::uint32_t>> stack;  // node, next arc
  std::size_t cycles = 0;
  for (ProductId root = 0; root < P && cycles < kMaxCycles; ++root) {
    if (color[root]) continue;
    stack.push_back({root, g.out.first[root]});
    color[root] = 1;
    while (!stack.empty() && cycles < kMaxCycles) {
      auto& [u, k] = stack.back();
      if (k == g.out.first[u + 1]) {
        color[u] = 2;
        stack.pop_back();
        continue;
      }
      const std::uint32_t arc = k++;
      const ProductId v = g.out.items[arc];
      if (color[v] == 0) {
        color[v] = 1;
        stack.push_back({v, g.out.first[v]});
      } else if (color[v] == 1) {
        std::string path;
        std::size_t i = stack.size();
        while (i > 0 && stack[i - 1].first != v) --i;
        for (std::size_t j = i - 1; j < stack.size(); ++j) path += std::string(c.product_id(stack[j].first)) + " -> ";
        path += c.product_id(v);
        Finding f;
        f.subject = g.subject[arc];
        f.index = g.owner[arc];
        f.index2 = v;
        f.message = (f.subject == FindingSubject::recipe
                         ? "site " + q(c.site_id(c.makes().site[f.index])) + " has a recipe that closes a cycle: "
                         : std::string("bill of materials has a cycle: ")) + path;
        out.push_back(std::move(f));
        ++cycles;
      }
    }
    stack.clear();
  }
}

// A supply's seller must make, stock or buy the product; its buyer must use it.
void check_supply(const Chain& c, SupplyId e, std::vector<Finding>& out) {
  const HoldingTable& ht = c.holdings();
  const SupplyTable& sp = c.supplies();
  const MakeTable& mt = c.makes();
  const std::string product = q(c.product_id(sp.product[e]));
  if (sp.seller[e] == sp.buyer[e]) {
    out.push_back({FindingSubject::supply, e, kInvalidId, Severity::error,
                   "site " + q(c.site_id(sp.seller[e])) + " supplies " + product + " to itself"});
    return;
  }
  const HoldingId hs = sp.seller_holding[e];
  if (ht.make[hs] == kInvalidId && !(ht.stock[hs] > 0) && ht.bought.degree(hs) == 0)
    out.push_back({FindingSubject::supply, e, kInvalidId, Severity::error,
                   "supply of " + product + " from " + q(c.site_id(sp.seller[e])) +
                       ", which neither makes, stocks nor buys " + product});
  const HoldingId hb = sp.buyer_holding[e];
  bool used = ht.demand[hb] > 0 || ht.sold.degree(hb) > 0;
  for (std::uint32_t k : ht.used_in[hb]) used = used || mt.recipe_quantity[k] > 0;
  if (!used)
    out.push_back({FindingSubject::supply, e, kInvalidId, Severity::error,
                   "supply of " + product + " to " + q(c.site_id(sp.buyer[e])) +
                       ", which never uses it (no recipe there needs it, it has no demand for it "
                       "and sells none of it)"});
}

// Given shares of one buyer and product summing to more than 1: report once, at the first.
void check_shares(const Chain& c, HoldingId h, std::vector<Finding>& out) {
  const HoldingTable& ht = c.holdings();
  const SupplyTable& sp = c.supplies();
  double sum = 0;
  for (SupplyId e : ht.bought[h])
    if (sp.share_given[e]) sum += sp.share[e];
  if (sum <= 1.0 + 1e-9) return;
  out.push_back({FindingSubject::supply, ht.bought[h].front(), kInvalidId, Severity::warning,
                 "shares of " + q(c.site_id(ht.site[h])) + "'s suppliers of " +
                     q(c.product_id(ht.product[h])) + " sum to " + std::to_string(sum) +
                     " (more than 1); they are scaled down where used"});
}

void check_supplies(const Chain& c, std::vector<Finding>& out) {
  for (SupplyId e = 0; e < c.supplies().size(); ++e) check_supply(c, e, out);
  for (HoldingId h = 0; h < c.holdings().size(); ++h) check_shares(c, h, out);
}

void check_sites_and_lanes(const Chain& c, std::vector<Finding>& out) {
  const SiteTable& st = c.sites();
  for (SiteId s = 0; s < st.size(); ++s)
    if (st.kind[s] == SiteKind::market && !c.has_demand(s))
      out.push_back({FindingSubject::site, s, kInvalidId, Severity::warning,
                     "market " + q(c.site_id(s)) + " has no demand"});
  const LaneTable& lt = c.lanes();
  for (LaneId l = 0; l < lt.size(); ++l)
    if (lt.from[l] == lt.to[l])
      out.push_back({FindingSubject::lane, l, kInvalidId, Severity::warning,
                     "lane from " + q(c.node_ids().name(lt.from[l])) + " to itself"});
}

void check_reachability(const Chain& c, std::vector<Finding>& out) {
  const HoldingTable& ht = c.holdings();
  const auto available = structural_availability(c);
  for (HoldingId h = 0; h < ht.size(); ++h)
    if (ht.demand[h] > 0 && !available[h])
      out.push_back({FindingSubject::demand, h, kInvalidId, Severity::warning,
                     "market " + q(c.site_id(ht.site[h])) + " demands " +
                         q(c.product_id(ht.product[h])) +
                         ", which no chain can deliver (some input has no source under AND/OR "
                         "semantics)"});
}

}  // namespace

std::vector<Finding> check_supplies_at(const Chain& chain, std::span<const SupplyId> supplies,
                                       std::span<const HoldingId> buyers) {
  std::vector<Finding> out;
  for (SupplyId e : supplies) check_supply(chain, e, out);
  for (HoldingId h : buyers) check_shares(chain, h, out);
  return out;
}

std::vector<Finding> check_supply_rows(const Chain& chain, bool reachability) {
  std::vector<Finding> out;
  check_supplies(chain, out);
  if (out.empty() && reachability) check_reachability(chain, out);
  return out;
}

std::vector<Finding> check_semantics(const Chain& chain) {
  std::vector<Finding> out;
  find_bom_cycles(chain, out);
  check_supplies(chain, out);
  check_sites_and_lanes(chain, out);
  bool errors = false;
  for (const Finding& f : out) errors = errors || f.severity == Severity::error;
  if (!errors) check_reachability(chain, out);
  return out;
}

}  // namespace chainnet::model
