#include "chainnet/model/chain_builder.hpp"

#include <algorithm>
#include <numeric>

#include "chainnet/error.hpp"
#include "chainnet/model/csr.hpp"
#include "chainnet/model/memory.hpp"

namespace chainnet::model {
namespace {

std::uint64_t pair_key(SiteId s, ProductId p) { return (std::uint64_t{s} << 32) | p; }

void require(bool ok, const std::string& what) {
  if (!ok) throw InvalidInput(what);
}

}  // namespace

ProductId ChainBuilder::add_product(const ProductSpec& spec) {
  auto [id, inserted] = product_ids_.insert(spec.id);
  require(inserted, "duplicate product id '" + std::string(spec.id) + "'");
  product_names_.push_back(spec.name);
  product_value_.push_back(spec.value);
  return id;
}

void ChainBuilder::add_bom_input(ProductId product, ProductId input, double quantity) {
  require(product < num_products() && input < num_products(), "BOM entry names no product");
  bom_.push_back({product, input, quantity});
}

RegionId ChainBuilder::intern_region(std::string_view code) {
  if (code.empty()) return kInvalidId;
  for (std::size_t i = code.find('-'); i != std::string_view::npos; i = code.find('-', i + 1))
    if (i > 0) regions_.insert(code.substr(0, i));
  return regions_.insert(code).first;
}

SiteId ChainBuilder::add_site(const SiteSpec& spec) {
  require(hub_ids_.find(spec.id) == kInvalidId,
          "site id '" + std::string(spec.id) + "' is already a hub id");
  auto [id, inserted] = site_ids_.insert(spec.id);
  require(inserted, "duplicate site id '" + std::string(spec.id) + "'");
  sites_.names.push_back(spec.name);
  sites_.kind.push_back(spec.kind);
  sites_.region.push_back(intern_region(spec.region));
  sites_.firm.push_back(firms_.insert(spec.firm.empty() ? spec.id : spec.firm).first);
  sites_.lat.push_back(spec.lat);
  sites_.lon.push_back(spec.lon);
  sites_.ttr.push_back(spec.ttr);
  for (std::string_view t : spec.tags) add_tag(id, t);
  return id;
}

void ChainBuilder::add_tag(SiteId site, std::string_view tag) {
  require(site < num_sites(), "tag names no site");
  site_tags_.emplace_back(site, tags_.insert(tag).first);  // repeats are dropped in build()
}

HubId ChainBuilder::add_hub(const HubSpec& spec) {
  require(site_ids_.find(spec.id) == kInvalidId,
          "hub id '" + std::string(spec.id) + "' is already a site id");
  auto [id, inserted] = hub_ids_.insert(spec.id);
  require(inserted, "duplicate hub id '" + std::string(spec.id) + "'");
  hubs_.names.push_back(spec.name);
  hubs_.region.push_back(intern_region(spec.region));
  hubs_.lat.push_back(spec.lat);
  hubs_.lon.push_back(spec.lon);
  return id;
}

void ChainBuilder::add_make(const MakeSpec& spec) {
  require(spec.site < num_sites() && spec.product < num_products(),
          "production line names no site or product");
  makes_.push_back(spec);
}

void ChainBuilder::add_recipe_input(SiteId site, ProductId product, ProductId input,
                                    double quantity) {
  require(site < num_sites() && product < num_products() && input < num_products(),
          "site recipe names no site or product");
  recipes_.push_back({site, product, input, quantity});
}

void ChainBuilder::add_stock(SiteId site, ProductId product, double quantity) {
  require(site < num_sites() && product < num_products(), "stock names no site or product");
  stocks_.push_back({site, product, quantity});
}

void ChainBuilder::add_demand(SiteId site, ProductId product, double quantity) {
  require(site < num_sites() && product < num_products(), "demand names no site or product");
  demands_.push_back({site, product, quantity});
}

void ChainBuilder::reserve_supplies(std::size_t n) {
  reserve_huge(supplies_.seller, n);
  reserve_huge(supplies_.buyer, n);
  reserve_huge(supplies_.product, n);
  reserve_huge(supplies_.capacity, n);
  reserve_huge(supplies_.share, n);
  reserve_huge(supplies_.share_given, n);
  reserve_huge(supplies_.lead_time, n);
}

void ChainBuilder::reserve_sites(std::size_t n) {
  site_ids_.reserve(n, n * 12);
  firms_.reserve(n, n * 12);
  reserve_huge(sites_.kind, n);
  reserve_huge(sites_.region, n);
  reserve_huge(sites_.firm, n);
  reserve_huge(sites_.lat, n);
  reserve_huge(sites_.lon, n);
  reserve_huge(sites_.ttr, n);
}

void ChainBuilder::reserve_lanes(std::size_t n) {
  reserve_huge(lanes_.from, n);
  reserve_huge(lanes_.to, n);
  reserve_huge(lanes_.mode, n);
  reserve_huge(lanes_.distance_km, n);
  reserve_huge(lanes_.time_h, n);
  reserve_huge(lanes_.cost, n);
  reserve_huge(lanes_.capacity, n);
  reserve_huge(lanes_.co2_kg, n);
}

SupplyId ChainBuilder::add_supply(const SupplySpec& spec) {
  require(spec.seller < num_sites() && spec.buyer < num_sites() &&
              spec.product < num_products(),
          "supply names no site or product");
  const auto id = static_cast<SupplyId>(supplies_.seller.size());
  supplies_.seller.push_back(spec.seller);
  supplies_.buyer.push_back(spec.buyer);
  supplies_.product.push_back(spec.product);
  supplies_.capacity.push_back(spec.capacity);
  supplies_.share.push_back(spec.share);
  supplies_.share_given.push_back(std::isnan(spec.share) ? 0 : 1);
  supplies_.lead_time.push_back(spec.lead_time);
  return id;
}

LaneId ChainBuilder::add_lane(const LaneSpec& spec) {
  auto ok = [&](NodeRef r) { return r.hub ? r.index < num_hubs() : r.index < num_sites(); };
  require(ok(spec.from) && ok(spec.to), "lane names no site or hub");
  lanes_.from.push_back(encode(spec.from));
  lanes_.to.push_back(encode(spec.to));
  lanes_.mode.push_back(spec.mode);
  lanes_.distance_km.push_back(spec.distance_km);
  lanes_.time_h.push_back(spec.time_h);
  lanes_.cost.push_back(spec.cost);
  lanes_.capacity.push_back(spec.capacity);
  lanes_.co2_kg.push_back(spec.co2_kg);
  return static_cast<LaneId>(lanes_.from.size() - 1);
}

void resolve_default_shares(SupplyTable& sp, const Csr& bought, std::span<const HoldingId> buyers) {
  // Reads through a const view and writes only shares that change: a variant's supplies share
  // their columns with the base, and a write copies the whole column.
  const SupplyTable& r = sp;
  for (HoldingId h : buyers) {
    double given = 0;
    std::uint32_t missing = 0;
    for (SupplyId e : bought[h]) {
      if (r.share_given[e]) given += r.share[e];
      else ++missing;
    }
    if (missing == 0) continue;
    const double each = std::max(0.0, 1.0 - given) / missing;
    for (SupplyId e : bought[h])
      if (!r.share_given[e] && !(r.share[e] == each)) sp.share[e] = each;
  }
}

Chain ChainBuilder::build() {
  Chain c;
  c.name_ = std::move(name_);
  c.description_ = std::move(description_);
  c.units_ = std::move(units_);
  c.settings_ = settings_;
  c.analyses_ = std::move(analyses_);
  c.variants_ = std::move(variants_);
  c.candidates_ = std::move(candidates_);
  const std::uint32_t S = num_sites();
  const std::uint32_t P = num_products();

  // Products and their bills of materials, sorted by (product, input).
  ProductTable& pt = *c.products_;
  pt.ids = std::move(product_ids_);
  pt.names = std::move(product_names_);
  pt.value = std::move(product_value_);
  std::sort(bom_.begin(), bom_.end(), [](const BomEntry& a, const BomEntry& b) {
    return a.product != b.product ? a.product < b.product : a.input < b.input;
  });
  for (std::size_t i = 1; i < bom_.size(); ++i)
    require(bom_[i].product != bom_[i - 1].product || bom_[i].input != bom_[i - 1].input,
            "product '" + std::string(pt.ids.name(bom_[i].product)) + "' lists input '" +
                std::string(pt.ids.name(bom_[i].input)) + "' twice");
  {
    std::vector<std::uint32_t> rows(bom_.size());
    for (std::size_t i = 0; i < bom_.size(); ++i) rows[i] = bom_[i].product;
    pt.bom = csr_from_rows(P, rows);  // already sorted, so items are 0..n-1 in order
    for (std::size_t k = 0; k < bom_.size(); ++k) pt.bom.items[k] = bom_[k].input;
    pt.bom_quantity.resize(bom_.size());
    for (std::size_t k = 0; k < bom_.size(); ++k) pt.bom_quantity[k] = bom_[k].quantity;
    std::vector<BomEntry>().swap(bom_);
  }

  // Node ids: sites first, then hubs.
  *c.node_ids_ = std::move(site_ids_);
  c.node_ids_->reserve(S + num_hubs(), 0);
  for (HubId h = 0; h < num_hubs(); ++h) c.node_ids_->insert(hub_ids_.name(h));
  site_ids_ = IdIndex();
  hub_ids_ = IdIndex();

  // Regions in canonical order (sorted by code, so a prefix comes before its extensions and equal
  // chains number them alike whatever order they were named in), with parents at '-' boundaries.
  RegionTable& rt = *c.regions_;
  {
    const std::uint32_t R = regions_.size();
    std::vector<RegionId> order(R);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](RegionId x, RegionId y) { return regions_.name(x) < regions_.name(y); });
    std::vector<RegionId> renumber(R);
    rt.codes.reserve(R, 0);
    for (RegionId i = 0; i < R; ++i) {
      renumber[order[i]] = i;
      rt.codes.insert(regions_.name(order[i]));
    }
    auto remap = [&](RegionId& r) {
      if (r != kInvalidId) r = renumber[r];
    };
    for (RegionId& r : sites_.region) remap(r);
    for (RegionId& r : hubs_.region) remap(r);
    for (Disruption& d : disruptions_) {
      remap(d.region);
      remap(d.from_region);
    }
    for (MonteCarloEvent& e : montecarlo_.events) remap(e.region);
    regions_ = IdIndex();
  }
  rt.parent.assign(rt.codes.size(), kInvalidId);
  rt.assigned.assign(rt.codes.size(), 0);
  for (RegionId r = 0; r < rt.codes.size(); ++r) {
    const std::string_view code = rt.codes.name(r);
    const std::size_t dash = code.rfind('-');
    if (dash != std::string_view::npos && dash > 0) rt.parent[r] = rt.codes.find(code.substr(0, dash));
  }
  for (RegionId r : sites_.region)
    if (r != kInvalidId) rt.assigned[r] = 1;
  for (RegionId r : hubs_.region)
    if (r != kInvalidId) rt.assigned[r] = 1;

  *c.firms_ = std::move(firms_);
  *c.tags_ = std::move(tags_);
  // Hub targets were given as hub indices: node ids put hubs after the sites.
  for (Disruption& d : disruptions_)
    for (NodeId& h : d.hubs) h += num_sites();
  c.disruptions_ = std::move(disruptions_);
  c.montecarlo_ = std::move(montecarlo_);

  // Sites and their tags.
  SiteTable& st = *c.sites_;
  st.names = std::move(sites_.names);
  st.kind = std::move(sites_.kind);
  st.region = std::move(sites_.region);
  st.firm = std::move(sites_.firm);
  st.lat = std::move(sites_.lat);
  st.lon = std::move(sites_.lon);
  st.ttr = std::move(sites_.ttr);
  {
    std::vector<std::uint32_t> rows(site_tags_.size());
    for (std::size_t i = 0; i < site_tags_.size(); ++i) rows[i] = site_tags_[i].first;
    const Csr grouped = csr_from_rows(S, rows);  // tags keep the order they were given in
    st.tags.first.assign(S + 1, 0);
    for (SiteId s = 0; s < S; ++s) {
      for (std::uint32_t i : grouped[s]) {
        const TagId t = site_tags_[i].second;
        const auto mine = st.tags.items.begin() + st.tags.first[s];
        if (std::find(mine, st.tags.items.end(), t) == st.tags.items.end()) st.tags.items.push_back(t);
      }
      st.tags.first[s + 1] = static_cast<std::uint32_t>(st.tags.items.size());
    }
    std::vector<std::pair<SiteId, TagId>>().swap(site_tags_);
  }
  *c.hubs_ = std::move(hubs_);

  // Production lines, sorted by (site, product), with their recipes.
  std::sort(makes_.begin(), makes_.end(), [](const MakeSpec& a, const MakeSpec& b) {
    return pair_key(a.site, a.product) < pair_key(b.site, b.product);
  });
  for (std::size_t i = 1; i < makes_.size(); ++i)
    require(pair_key(makes_[i].site, makes_[i].product) !=
                pair_key(makes_[i - 1].site, makes_[i - 1].product),
            "site '" + std::string(c.site_id(makes_[i].site)) + "' makes '" +
                std::string(pt.ids.name(makes_[i].product)) + "' twice");
  std::sort(recipes_.begin(), recipes_.end(), [](const RecipeEntry& a, const RecipeEntry& b) {
    if (a.site != b.site) return a.site < b.site;
    if (a.product != b.product) return a.product < b.product;
    return a.input < b.input;
  });
  // own_begin[m]..own_end[m]: the site's own recipe entries for make m (empty: product BOM).
  const std::size_t M = makes_.size();
  std::vector<std::size_t> own_begin(M, 0), own_end(M, 0);
  {
    auto orphan = [&](std::size_t r) {
      require(false, "site '" + std::string(c.site_id(recipes_[r].site)) +
                         "' has a recipe for '" + std::string(pt.ids.name(recipes_[r].product)) +
                         "' but does not make it");
    };
    std::size_t r = 0;
    for (std::size_t m = 0; m < M; ++m) {
      const std::uint64_t key = pair_key(makes_[m].site, makes_[m].product);
      if (r < recipes_.size() && pair_key(recipes_[r].site, recipes_[r].product) < key) orphan(r);
      own_begin[m] = r;
      for (; r < recipes_.size() && pair_key(recipes_[r].site, recipes_[r].product) == key; ++r)
        require(r == own_begin[m] || recipes_[r].input != recipes_[r - 1].input,
                "site recipe lists an input twice");
      own_end[m] = r;
    }
    if (r < recipes_.size()) orphan(r);
  }

  // Supplies keep their input order; the site CSRs come first since holdings are built from them.
  SupplyTable& sp = *c.supplies_;
  sp.seller = std::move(supplies_.seller);
  sp.buyer = std::move(supplies_.buyer);
  sp.product = std::move(supplies_.product);
  sp.capacity = std::move(supplies_.capacity);
  sp.share = std::move(supplies_.share);
  sp.share_given = std::move(supplies_.share_given);
  sp.lead_time = std::move(supplies_.lead_time);
  const std::size_t E = sp.seller.size();
  st.supplies_out = csr_from_rows(S, sp.seller);
  st.supplies_in = csr_from_rows(S, sp.buyer);

  // Holdings: every (site, product) pair mentioned anywhere, gathered site by site (so no global
  // sort and no array of 2E keys), sorted by product within the site.
  auto by_pair = [](const Pair& a, const Pair& b) { return pair_key(a.site, a.product) < pair_key(b.site, b.product); };
  // Zero stock or demand adds nothing: it makes no holding, so equal chains build equal.
  std::erase_if(stocks_, [](const Pair& x) { return !(x.quantity != 0); });
  std::erase_if(demands_, [](const Pair& x) { return !(x.quantity != 0); });
  std::stable_sort(stocks_.begin(), stocks_.end(), by_pair);
  std::stable_sort(demands_.begin(), demands_.end(), by_pair);
  HoldingTable& ht = *c.holdings_;
  {
    // Two passes over the sites, counting then filling, so that the arrays are sized once.
    std::vector<ProductId> buf;
    auto gather = [&](auto&& emit) {
      std::size_t m = 0, si = 0, di = 0;
      for (SiteId s = 0; s < S; ++s) {
        buf.clear();
        for (; m < M && makes_[m].site == s; ++m) {
          buf.push_back(makes_[m].product);
          if (own_end[m] > own_begin[m])
            for (std::size_t r = own_begin[m]; r < own_end[m]; ++r) buf.push_back(recipes_[r].input);
          else
            for (ProductId q : pt.bom[makes_[m].product]) buf.push_back(q);
        }
        for (; si < stocks_.size() && stocks_[si].site == s; ++si) buf.push_back(stocks_[si].product);
        for (; di < demands_.size() && demands_[di].site == s; ++di) buf.push_back(demands_[di].product);
        for (SupplyId e : st.supplies_out[s]) buf.push_back(sp.product[e]);
        for (SupplyId e : st.supplies_in[s]) buf.push_back(sp.product[e]);
        sort_unique(buf);
        emit(s);
      }
    };
    st.holdings.first.assign(S + 1, 0);
    gather([&](SiteId s) { st.holdings.first[s + 1] = st.holdings.first[s] + static_cast<std::uint32_t>(buf.size()); });
    const std::size_t total = st.holdings.first[S];
    reserve_huge(ht.site, total);
    reserve_huge(ht.product, total);
    gather([&](SiteId s) {
      for (ProductId p : buf) {
        ht.site.push_back(s);
        ht.product.push_back(p);
      }
    });
  }
  const std::size_t H = ht.site.size();
  auto holding_of = [&](SiteId s, ProductId p) -> HoldingId {
    const auto b = ht.product.begin();
    return static_cast<HoldingId>(std::lower_bound(b + st.holdings.first[s], b + st.holdings.first[s + 1], p) - b);
  };
  assign_huge(ht.stock, H, 0.0);
  assign_huge(ht.demand, H, 0.0);
  for (const Pair& x : stocks_) ht.stock[holding_of(x.site, x.product)] += x.quantity;
  for (const Pair& x : demands_) ht.demand[holding_of(x.site, x.product)] += x.quantity;
  std::vector<Pair>().swap(stocks_);
  std::vector<Pair>().swap(demands_);

  MakeTable& mt = *c.makes_;
  mt.site.resize(M);
  mt.product.resize(M);
  mt.holding.resize(M);
  mt.capacity.resize(M);
  mt.unit_cost.resize(M);
  mt.co2_kg.resize(M);
  mt.own_recipe.resize(M);
  mt.recipe.first.assign(M + 1, 0);
  for (std::size_t m = 0; m < M; ++m) {
    const MakeSpec& x = makes_[m];
    mt.site[m] = x.site;
    mt.product[m] = x.product;
    mt.holding[m] = holding_of(x.site, x.product);
    mt.capacity[m] = x.capacity;
    mt.unit_cost[m] = x.unit_cost;
    mt.co2_kg[m] = x.co2_kg;
    mt.own_recipe[m] = own_end[m] > own_begin[m] ? 1 : 0;
    if (mt.own_recipe[m]) {
      for (std::size_t r = own_begin[m]; r < own_end[m]; ++r) {
        mt.recipe.items.push_back(recipes_[r].input);
        mt.recipe_quantity.push_back(recipes_[r].quantity);
      }
    } else {
      const auto inputs = pt.bom[x.product];
      for (std::size_t k = 0; k < inputs.size(); ++k) {
        mt.recipe.items.push_back(inputs[k]);
        mt.recipe_quantity.push_back(pt.bom_quantity[pt.bom.first[x.product] + k]);
      }
    }
    mt.recipe.first[m + 1] = static_cast<std::uint32_t>(mt.recipe.items.size());
  }
  mt.recipe_holding.resize(mt.recipe.items.size());
  mt.recipe_make.resize(mt.recipe.items.size());
  for (std::size_t m = 0; m < M; ++m)
    for (std::uint32_t k = mt.recipe.first[m]; k < mt.recipe.first[m + 1]; ++k) {
      mt.recipe_holding[k] = holding_of(mt.site[m], mt.recipe.items[k]);
      mt.recipe_make[k] = static_cast<MakeId>(m);
    }
  ht.make.assign(H, kInvalidId);
  for (std::size_t m = 0; m < M; ++m) ht.make[mt.holding[m]] = static_cast<MakeId>(m);
  ht.used_in = csr_from_rows(static_cast<std::uint32_t>(H), mt.recipe_holding);
  st.makes.first.assign(S + 1, 0);
  for (SiteId x : mt.site) ++st.makes.first[x + 1];
  for (SiteId x = 0; x < S; ++x) st.makes.first[x + 1] += st.makes.first[x];
  std::vector<MakeSpec>().swap(makes_);
  std::vector<RecipeEntry>().swap(recipes_);
  std::vector<std::size_t>().swap(own_begin);
  std::vector<std::size_t>().swap(own_end);

  // Holdings of each supply and effective shares.
  reserve_huge(sp.seller_holding, E);
  reserve_huge(sp.buyer_holding, E);
  sp.seller_holding.resize(E);
  sp.buyer_holding.resize(E);
  for (std::size_t e = 0; e < E; ++e) {
    sp.seller_holding[e] = holding_of(sp.seller[e], sp.product[e]);
    sp.buyer_holding[e] = holding_of(sp.buyer[e], sp.product[e]);
  }
  ht.sold = csr_from_rows(static_cast<std::uint32_t>(H), sp.seller_holding);
  ht.bought = csr_from_rows(static_cast<std::uint32_t>(H), sp.buyer_holding);
  {
    std::vector<HoldingId> all(H);
    for (HoldingId h = 0; h < H; ++h) all[h] = h;
    resolve_default_shares(sp, ht.bought, all);
  }

  // Lanes over nodes: decode the ends (hubs follow the sites).
  LaneTable& lt = *c.lanes_;
  lt = std::move(lanes_);
  for (std::uint32_t* ends : {lt.from.data(), lt.to.data()})
    for (std::size_t l = 0; l < lt.from.size(); ++l) {
      const NodeRef r = decode(ends[l]);
      ends[l] = r.hub ? S + r.index : r.index;
    }
  lt.out = csr_from_rows(c.node_ids_->size(), lt.from);
  lt.in = csr_from_rows(c.node_ids_->size(), lt.to);
  *this = ChainBuilder();
  return c;
}

}  // namespace chainnet::model
