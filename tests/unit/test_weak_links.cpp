// Weak links: incremental structural loss, single points of failure (dominators and AND/OR
// sweep), sourcing concentration, deep tiers, flow bottlenecks, betweenness, robustness.
// Oracles: a naive fixpoint recomputed from scratch per failure, written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <map>
#include <numeric>
#include <set>

#include "chainnet/error.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/synth/generator.hpp"
#include "chainnet/weak/criticality.hpp"
#include "helpers.hpp"

namespace chainnet {
namespace {

using namespace model;
using namespace weak;

// Random chains for the structural tests: optional BOMs, resellers that pass a product on
// (including back to where it came from: cycles of mutual supply), zero capacities, stock.
Chain weak_chain(std::mt19937_64& rng, int sites, int products, bool bom, bool resale) {
  ChainBuilder b;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<int> level(products);
  std::vector<std::vector<int>> inputs(products);
  for (int p = 0; p < products; ++p) {
    level[p] = (p == 0 || !bom) ? 0 : static_cast<int>(rng() % 3);
    b.add_product({"p" + std::to_string(p), "", 1.0 + static_cast<double>(rng() % 50)});
  }
  for (int p = 0; p < products; ++p)
    for (int j = 0; j < 3 && level[p] > 0; ++j) {
      const int q = static_cast<int>(rng() % products);
      if (level[q] >= level[p] || std::find(inputs[p].begin(), inputs[p].end(), q) != inputs[p].end()) continue;
      inputs[p].push_back(q);
      b.add_bom_input(p, q, 1.0 + static_cast<double>(rng() % 3));
    }
  std::vector<std::vector<int>> makes(sites), makers(products);
  std::vector<int> market(sites);
  for (int s = 0; s < sites; ++s) {
    market[s] = u(rng) < 0.25;
    b.add_site({"s" + std::to_string(s), "", "", market[s] ? SiteKind::market : SiteKind::supplier,
                "R" + std::to_string(rng() % 2) + "-" + std::to_string(rng() % 3)});
    if (market[s]) continue;
    for (int j = 0, n = 1 + static_cast<int>(rng() % 2); j < n; ++j) {
      const int p = static_cast<int>(rng() % products);
      if (std::find(makes[s].begin(), makes[s].end(), p) != makes[s].end()) continue;
      makes[s].push_back(p);
      makers[p].push_back(s);
      b.add_make({static_cast<SiteId>(s), static_cast<ProductId>(p), u(rng) < 0.05 ? 0.0 : 10.0, 1, 0});
      if (u(rng) < 0.2) b.add_stock(s, p, 3.0);
    }
  }
  std::vector<std::array<int, 3>> trades;  // (seller, buyer, product)
  auto buy = [&](int buyer, int p, int k) {
    for (int j = 0; j < k && !makers[p].empty(); ++j) {
      const int s = makers[p][rng() % makers[p].size()];
      if (s == buyer) continue;
      bool dup = false;
      for (auto& t : trades) dup |= t[0] == s && t[1] == buyer && t[2] == p;
      if (dup) continue;
      trades.push_back({s, buyer, p});
    }
  };
  for (int s = 0; s < sites; ++s) {
    if (market[s]) {
      const int p = static_cast<int>(rng() % products);
      b.add_demand(s, p, 1.0 + static_cast<double>(rng() % 5));
      buy(s, p, 1 + static_cast<int>(rng() % 2));
      continue;
    }
    for (int p : makes[s])
      for (int q : inputs[p]) buy(s, q, 1 + static_cast<int>(rng() % 3));
  }
  if (resale)
    for (int j = 0, n = sites / 2; j < n && !trades.empty(); ++j) {
      const auto t = trades[rng() % trades.size()];
      const int c = static_cast<int>(rng() % sites);
      if (c == t[1]) continue;
      bool dup = false;
      for (auto& x : trades) dup |= x[0] == t[1] && x[1] == c && x[2] == t[2];
      if (!dup) trades.push_back({t[1], c, t[2]});
      if (u(rng) < 0.3) {
        dup = false;
        for (auto& x : trades) dup |= x[0] == c && x[1] == t[1] && x[2] == t[2];
        if (!dup) trades.push_back({c, t[1], t[2]});  // and back: a cycle
      }
    }
  for (const auto& t : trades) {
    SupplySpec e;
    e.seller = t[0];
    e.buyer = t[1];
    e.product = t[2];
    if (u(rng) < 0.1) e.capacity = 0.0;
    b.add_supply(e);
  }
  return b.build();
}

// The oracle: a plain fixpoint iteration, from scratch.
std::vector<std::uint8_t> naive_available(const Chain& c, const std::vector<std::uint8_t>& site_down,
                                          HoldingId cut, bool count_stock) {
  const auto& ht = c.holdings();
  const auto& mt = c.makes();
  const auto& sp = c.supplies();
  std::vector<std::uint8_t> a(ht.size(), 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (HoldingId h = 0; h < ht.size(); ++h) {
      if (a[h] || site_down[ht.site[h]] || h == cut) continue;
      bool ok = count_stock && ht.stock[h] > 0;
      const MakeId m = ht.make[h];
      if (!ok && m != kInvalidId && mt.capacity[m] > 0) {
        ok = true;
        for (HoldingId r : std::span(mt.recipe_holding).subspan(mt.recipe.first[m], mt.recipe.degree(m))) ok &= a[r] != 0;
      }
      for (SupplyId e : ht.bought[h]) ok |= sp.capacity[e] > 0 && a[sp.seller_holding[e]];
      if (ok) {
        a[h] = 1;
        changed = true;
      }
    }
  }
  return a;
}

std::set<HoldingId> naive_lost(const Chain& c, const std::vector<std::uint8_t>& base,
                               const std::vector<std::uint8_t>& down, HoldingId cut, bool count_stock) {
  const auto after = naive_available(c, down, cut, count_stock);
  std::set<HoldingId> lost;
  for (HoldingId h = 0; h < base.size(); ++h)
    if (base[h] && !after[h]) lost.insert(h);
  return lost;
}

TEST(StructuralLoss, MatchesRecomputingFromScratch) {
  std::mt19937_64 rng(404);
  for (int i = 0; i < 300; ++i) {
    const bool count_stock = i % 2 == 1;
    const Chain c = weak_chain(rng, 2 + static_cast<int>(rng() % 30), 1 + static_cast<int>(rng() % 7), i % 3 != 0, i % 4 != 0);
    const StructuralLoss loss(c, {count_stock});
    const std::vector<std::uint8_t> none(c.num_sites(), 0);
    const auto base = naive_available(c, none, kInvalidId, count_stock);
    ASSERT_EQ(loss.available(), base) << "chain " << i;
    StructuralLoss::Workspace ws(loss);
    std::vector<HoldingId> lost;
    for (SiteId s = 0; s < c.num_sites(); ++s) {
      std::vector<std::uint8_t> down(c.num_sites(), 0);
      down[s] = 1;
      loss.lost_when_sites_fail(std::span(&s, 1), ws, lost);
      ASSERT_EQ(std::set<HoldingId>(lost.begin(), lost.end()), naive_lost(c, base, down, kInvalidId, count_stock))
          << "chain " << i << " site " << s;
    }
    for (int k = 0; k < 5; ++k) {  // pairs and triples of sites
      std::vector<SiteId> set;
      std::vector<std::uint8_t> down(c.num_sites(), 0);
      for (int j = 0; j < 2 + k % 2; ++j) {
        const auto s = static_cast<SiteId>(rng() % c.num_sites());
        set.push_back(s);
        down[s] = 1;
      }
      loss.lost_when_sites_fail(set, ws, lost);
      ASSERT_EQ(std::set<HoldingId>(lost.begin(), lost.end()), naive_lost(c, base, down, kInvalidId, count_stock))
          << "chain " << i;
    }
    for (HoldingId h = 0; h < c.holdings().size(); ++h) {
      loss.lost_when_holding_cut(h, ws, lost);
      ASSERT_EQ(std::set<HoldingId>(lost.begin(), lost.end()), naive_lost(c, base, none, h, count_stock))
          << "chain " << i << " holding " << h;
    }
  }
}

// Brute force single points: remove each site / region, recompute, compare.
void expect_brute_force_single_points(const Chain& c, const SinglePoints& sp, bool count_stock, int chain) {
  const auto& ht = c.holdings();
  const auto& rt = c.regions();
  const std::vector<std::uint8_t> none(c.num_sites(), 0);
  const auto base = naive_available(c, none, kInvalidId, count_stock);
  std::set<std::pair<HoldingId, SiteId>> expect_sites;
  for (SiteId s = 0; s < c.num_sites(); ++s) {
    std::vector<std::uint8_t> down(c.num_sites(), 0);
    down[s] = 1;
    double value = 0;
    for (HoldingId h : naive_lost(c, base, down, kInvalidId, count_stock)) {
      if (ht.demand[h] <= 0) continue;
      value += ht.demand[h] * c.products().value[ht.product[h]];
      if (ht.site[h] != s) expect_sites.insert({h, s});
    }
    EXPECT_NEAR(sp.lost_demand_value[s], value, 1e-9 * (1 + value)) << "chain " << chain << " site " << s;
  }
  std::set<std::pair<HoldingId, SiteId>> got_sites;
  for (const SinglePoint& p : sp.sites) got_sites.insert({p.demand, p.site});
  EXPECT_EQ(got_sites, expect_sites) << "chain " << chain;
  EXPECT_EQ(got_sites.size(), sp.sites.size());
  std::set<std::tuple<HoldingId, RegionId, bool>> expect_regions, got_regions;
  for (RegionId r = 0; r < rt.size(); ++r) {
    std::vector<std::uint8_t> down(c.num_sites(), 0);
    for (SiteId s = 0; s < c.num_sites(); ++s) down[s] = rt.within(c.sites().region[s], r);
    for (HoldingId h : naive_lost(c, base, down, kInvalidId, count_stock)) {
      if (ht.demand[h] <= 0 || down[ht.site[h]]) continue;
      bool by_site = false;
      for (SiteId s = 0; s < c.num_sites(); ++s) by_site |= down[s] && expect_sites.count({h, s});
      expect_regions.insert({h, r, !by_site});
    }
  }
  for (const RegionalSinglePoint& p : sp.regions) got_regions.insert({p.demand, p.region, p.only_as_region});
  EXPECT_EQ(got_regions, expect_regions) << "chain " << chain;
}

TEST(SinglePoints, SweepMatchesBruteForceOnBomChains) {
  std::mt19937_64 rng(405);
  for (int i = 0; i < 200; ++i) {
    const bool count_stock = i % 3 == 2;
    const Chain c = weak_chain(rng, 3 + static_cast<int>(rng() % 25), 2 + static_cast<int>(rng() % 6), true, i % 2 == 0);
    const StructuralLoss loss(c, {count_stock});
    SinglePointsOptions o;
    o.method = SpofMethod::sweep;
    const SinglePoints sp = single_points_of_failure(loss, o);
    EXPECT_EQ(sp.method, SpofMethod::sweep);
    expect_brute_force_single_points(c, sp, count_stock, i);
  }
}

TEST(SinglePoints, DominatorsEqualSweepOnOrOnlyChains) {
  std::mt19937_64 rng(406);
  int with_points = 0;
  for (int i = 0; i < 200; ++i) {
    const bool count_stock = i % 3 == 2;
    const Chain c = weak_chain(rng, 3 + static_cast<int>(rng() % 40), 1 + static_cast<int>(rng() % 4), false, i % 2 == 0);
    ASSERT_TRUE(is_or_only(c));
    const StructuralLoss loss(c, {count_stock});
    SinglePointsOptions o;
    o.method = SpofMethod::dominators;
    const SinglePoints dom = single_points_of_failure(loss, o);
    o.method = SpofMethod::sweep;
    const SinglePoints sweep = single_points_of_failure(loss, o);
    EXPECT_EQ(single_points_of_failure(loss).method, SpofMethod::dominators);
    EXPECT_EQ(dom.sites, sweep.sites) << "chain " << i;
    EXPECT_EQ(dom.regions, sweep.regions) << "chain " << i;
    EXPECT_EQ(dom.lost_demands, sweep.lost_demands) << "chain " << i;
    for (SiteId s = 0; s < c.num_sites(); ++s)
      EXPECT_NEAR(dom.lost_demand_value[s], sweep.lost_demand_value[s], 1e-9 * (1 + sweep.lost_demand_value[s]));
    expect_brute_force_single_points(c, dom, count_stock, i);
    with_points += !dom.sites.empty();
  }
  EXPECT_GT(with_points, 50);  // the cases are not all trivial
}

TEST(SinglePoints, DominatorMethodRefusesBomChains) {
  std::mt19937_64 rng(407);
  Chain c;
  do c = weak_chain(rng, 10, 5, true, false);
  while (is_or_only(c));
  const StructuralLoss loss(c);
  SinglePointsOptions o;
  o.method = SpofMethod::dominators;
  EXPECT_THROW(single_points_of_failure(loss, o), InvalidInput);
  EXPECT_THROW(parse_spof_method("lengauer"), InvalidInput);
  EXPECT_EQ(parse_spof_method("sweep"), SpofMethod::sweep);
}

// A hand-built chain with known answers:
//   ore: mine1 (CN-JX), mine2 (CN-GD)  -> refiner (CN-JX) buys ore from both (shares 0.75/0.25)
//   refiner makes metal from ore;  cellco (KR) makes cell from metal (only refiner) + sep
//   sep: sepA, sepB both in JP-1 / JP-2 -> cellco (single region JP)
//   oem (tagged chain_master, DE) makes car from cell; cellco is its only tier-1 supplier
//   dealer (DE) market: demand 10 car/period, value 100; buys car from oem
Chain hand_chain() {
  ChainBuilder b;
  const auto ore = b.add_product({"ore", "", 1});
  const auto metal = b.add_product({"metal", "", 5});
  const auto sep = b.add_product({"sep", "", 2});
  const auto cell = b.add_product({"cell", "", 20});
  const auto car = b.add_product({"car", "", 100});
  b.add_bom_input(metal, ore, 2);
  b.add_bom_input(cell, metal, 1);
  b.add_bom_input(cell, sep, 1);
  b.add_bom_input(car, cell, 4);
  const auto mine1 = b.add_site({"mine1", "", "", SiteKind::supplier, "CN-JX"});
  const auto mine2 = b.add_site({"mine2", "", "", SiteKind::supplier, "CN-GD"});
  const auto refiner = b.add_site({"refiner", "", "", SiteKind::plant, "CN-JX"});
  const auto sepA = b.add_site({"sepA", "", "", SiteKind::supplier, "JP-1"});
  const auto sepB = b.add_site({"sepB", "", "", SiteKind::supplier, "JP-2"});
  const auto cellco = b.add_site({"cellco", "", "", SiteKind::plant, "KR"});
  SiteSpec oem_spec{"oem", "", "", SiteKind::plant, "DE"};
  oem_spec.tags = {"chain_master"};
  const auto oem = b.add_site(oem_spec);
  const auto dealer = b.add_site({"dealer", "", "", SiteKind::market, "DE"});
  b.add_make({mine1, ore, 30, 1, 0});
  b.add_make({mine2, ore, 30, 1, 0});
  b.add_make({refiner, metal, 40, 1, 0});
  b.add_make({sepA, sep, 25, 1, 0});
  b.add_make({sepB, sep, 25, 1, 0});
  b.add_make({cellco, cell, 45, 1, 0});
  b.add_make({oem, car, 12, 1, 0});
  auto supply = [&](SiteId s, SiteId t, ProductId p, double cap, double share) {
    SupplySpec e;
    e.seller = s;
    e.buyer = t;
    e.product = p;
    e.capacity = cap;
    e.share = share;
    b.add_supply(e);
  };
  supply(mine1, refiner, ore, kUnlimited, 0.75);
  supply(mine2, refiner, ore, kUnlimited, 0.25);
  supply(refiner, cellco, metal, kUnlimited, 1.0);
  supply(sepA, cellco, sep, 10, 0.5);
  supply(sepB, cellco, sep, 10, 0.5);
  supply(cellco, oem, cell, kUnlimited, 1.0);
  supply(oem, dealer, car, kUnlimited, 1.0);
  b.add_demand(dealer, car, 10);
  return b.build();
}

TEST(Criticality, HandBuiltChainKnownAnswers) {
  const Chain c = hand_chain();
  const CriticalityReport r = criticality(c);
  auto site = [&](std::string_view id) { return c.find_site(id); };
  // single points of the dealer's cars: refiner, cellco, oem (not the mines, not one separator)
  std::vector<std::string_view> spof;
  for (const SinglePoint& p : r.single_points.sites) spof.push_back(c.site_id(p.site));
  EXPECT_EQ(spof, (std::vector<std::string_view>{"refiner", "cellco", "oem"}));
  EXPECT_EQ(r.single_points.method, SpofMethod::sweep);
  EXPECT_DOUBLE_EQ(r.single_points.lost_demand_value[site("refiner")], 1000.0);
  EXPECT_DOUBLE_EQ(r.single_points.lost_demand_value[site("dealer")], 1000.0);
  EXPECT_DOUBLE_EQ(r.single_points.lost_demand_value[site("mine1")], 0.0);
  // regions: CN (both mines + refiner) and JP (both separators) alone, DE contains the market
  std::vector<std::pair<std::string_view, bool>> regions;
  for (const RegionalSinglePoint& p : r.single_points.regions)
    regions.emplace_back(c.regions().codes.name(p.region), p.only_as_region);
  std::sort(regions.begin(), regions.end());
  EXPECT_EQ(regions, (std::vector<std::pair<std::string_view, bool>>{
                         {"CN", false}, {"CN-JX", false}, {"JP", true}, {"KR", false}}));
  // sourcing: every single-sourced pair carries the whole demand value; HHI of ore 0.75^2+0.25^2
  int single = 0;
  for (const SourcingPair& p : r.sourcing) {
    const auto buyer = c.site_id(c.holdings().site[p.buyer_holding]);
    const auto product = c.product_id(c.holdings().product[p.buyer_holding]);
    if (product == "ore") {
      EXPECT_EQ(p.suppliers, 2u);
      EXPECT_DOUBLE_EQ(p.hhi, 0.625);
      EXPECT_EQ(c.regions().codes.name(p.common_region), "CN");
      EXPECT_DOUBLE_EQ(p.value_at_risk, 1000.0);  // losing all ore loses the cars
    } else if (product == "sep") {
      EXPECT_EQ(p.suppliers, 2u);
      EXPECT_DOUBLE_EQ(p.hhi, 0.5);
      EXPECT_EQ(c.regions().codes.name(p.common_region), "JP");
    } else {
      ++single;
      EXPECT_EQ(p.suppliers, 1u);
      EXPECT_DOUBLE_EQ(p.hhi, 1.0);
      EXPECT_DOUBLE_EQ(p.value_at_risk, 1000.0) << buyer << " " << product;
    }
  }
  EXPECT_EQ(single, 3);  // metal at cellco, cell at oem, car at dealer
  // deep tier from the oem: cellco tier 1; refiner, sepA, sepB tier 2; mines tier 3
  ASSERT_TRUE(r.deep_tier.has_value());
  EXPECT_EQ(r.deep_tier->master, site("oem"));
  EXPECT_EQ(r.deep_tier->tier1_suppliers, 1u);
  std::map<std::string_view, DeepTierSite> dt;
  for (const DeepTierSite& d : r.deep_tier->sites) dt[c.site_id(d.site)] = d;
  ASSERT_EQ(dt.size(), 6u);
  EXPECT_EQ(dt["cellco"].tier_list(), std::vector<std::uint32_t>{1});
  EXPECT_EQ(dt["refiner"].tier_list(), std::vector<std::uint32_t>{2});
  EXPECT_EQ(dt["mine1"].tier_list(), std::vector<std::uint32_t>{3});
  EXPECT_FALSE(dt["cellco"].hidden());
  EXPECT_TRUE(dt["refiner"].hidden());
  EXPECT_EQ(dt["refiner"].tier1_dependents, 1u);
  EXPECT_DOUBLE_EQ(dt["refiner"].master_value_share, 1.0);
  EXPECT_DOUBLE_EQ(dt["sepA"].master_value_share, 0.0);
  EXPECT_DOUBLE_EQ(dt["mine2"].master_value_share, 0.0);
  EXPECT_EQ(c.site_id(r.deep_tier->sites[0].site), "refiner");  // share 1 and one tier-1 dependent
  // bottleneck of cars: oem makes 12 >= 10; of cells (no market demand): not reported
  ASSERT_EQ(r.bottlenecks.size(), 1u);
  EXPECT_EQ(c.product_id(r.bottlenecks[0].product), "car");
  EXPECT_DOUBLE_EQ(r.bottlenecks[0].max_flow, 10.0);
  EXPECT_DOUBLE_EQ(r.bottlenecks[0].unmet(), 0.0);
  // betweenness (directed paths seller -> buyer): refiner is on mine1->cellco, mine1->oem,
  // mine1->dealer and the same three from mine2: 6
  EXPECT_DOUBLE_EQ(r.betweenness.value[site("refiner")], 6.0);
  EXPECT_DOUBLE_EQ(r.betweenness.value[site("oem")], 6.0);  // 5 upstream sites + ... -> dealer
  // the ranking starts with the sites whose loss loses the whole demand
  EXPECT_DOUBLE_EQ(r.single_points.lost_demand_value[r.ranking[0]], 1000.0);
  // robustness: intact serves everything, nothing with every site removed
  EXPECT_DOUBLE_EQ(r.robustness.served_targeted.front(), 1.0);
  EXPECT_DOUBLE_EQ(r.robustness.served_random.front(), 1.0);
  EXPECT_DOUBLE_EQ(r.robustness.served_targeted.back(), 0.0);
}

TEST(FlowBottlenecks, CutFindsTheTightSupplyAndProduction) {
  ChainBuilder b;
  const auto p = b.add_product({"p", "", 3});
  const auto a = b.add_site({"a", "", "", SiteKind::supplier, "X"});
  const auto w = b.add_site({"w", "", "", SiteKind::warehouse, "X"});
  const auto m1 = b.add_site({"m1", "", "", SiteKind::market, "X"});
  const auto m2 = b.add_site({"m2", "", "", SiteKind::market, "X"});
  b.add_make({a, p, 100, 0, 0});
  SupplySpec e;
  e.product = p;
  e.seller = a, e.buyer = w, e.capacity = 7;
  b.add_supply(e);
  e.seller = w, e.buyer = m1, e.capacity = kUnlimited;
  b.add_supply(e);
  e.seller = a, e.buyer = m2, e.capacity = 50;
  b.add_supply(e);
  b.add_demand(m1, p, 10);
  b.add_demand(m2, p, 4);
  const Chain c = b.build();
  const auto r = flow_bottlenecks(c);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].max_flow, 11.0);  // 7 through the warehouse, 4 to m2
  EXPECT_DOUBLE_EQ(r[0].demand, 14.0);
  EXPECT_DOUBLE_EQ(r[0].unmet(), 3.0);
  double cut = 0;
  for (const CutArc& x : r[0].cut) cut += x.capacity;
  EXPECT_DOUBLE_EQ(cut, 11.0);
}

TEST(Betweenness, SampledWithAllSourcesIsExactAndErrorShrinks) {
  synth::GeneratorOptions g;
  g.sites = 300;
  const Chain c = synth::generate_chain(g);
  const Betweenness exact = betweenness(c);
  EXPECT_TRUE(exact.exact);
  BetweennessOptions o;
  o.samples = c.num_sites();
  EXPECT_EQ(betweenness(c, o).value, exact.value);
  o.samples = 150;
  const Betweenness half = betweenness(c, o);
  EXPECT_FALSE(half.exact);
  // the stated error covers the true error for most sites (about 95 % within 2 standard errors)
  int within = 0, central = 0;
  for (SiteId s = 0; s < c.num_sites(); ++s) {
    if (exact.value[s] <= 0) continue;
    ++central;
    within += std::abs(half.value[s] - exact.value[s]) <= 2.5 * half.standard_error[s] + 1e-9;
  }
  ASSERT_GT(central, 20);
  EXPECT_GE(within, central * 85 / 100);
}

TEST(Robustness, TargetedCurveMatchesRecomputingAndRandomIsMonotone) {
  std::mt19937_64 rng(408);
  for (int i = 0; i < 60; ++i) {
    const Chain c = weak_chain(rng, 4 + static_cast<int>(rng() % 20), 2 + static_cast<int>(rng() % 5), i % 2 == 0, true);
    std::vector<SiteId> order(c.num_sites());
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), rng);
    RobustnessOptions o;
    o.points = c.num_sites() + 1;  // every removal count
    o.orders = 7;
    const RobustnessCurve curve = robustness(c, order, o);
    const auto& ht = c.holdings();
    double total = 0;
    for (HoldingId h = 0; h < ht.size(); ++h) total += ht.demand[h] * c.products().value[ht.product[h]];
    std::vector<std::uint8_t> down(c.num_sites(), 0);
    for (std::uint32_t j = 0; j <= c.num_sites(); ++j) {
      if (j > 0) down[order[j - 1]] = 1;
      const auto a = naive_available(c, down, kInvalidId, false);
      double served = 0;
      for (HoldingId h = 0; h < ht.size(); ++h)
        if (a[h]) served += ht.demand[h] * c.products().value[ht.product[h]];
      EXPECT_NEAR(curve.served_targeted[j], total > 0 ? served / total : 0.0, 1e-12) << "chain " << i << " j " << j;
    }
    for (std::size_t k = 1; k < curve.served_random.size(); ++k) {
      EXPECT_LE(curve.served_random[k], curve.served_random[k - 1] + 1e-12);
      EXPECT_LE(curve.served_random_low[k], curve.served_random[k] + 1e-12);
      EXPECT_GE(curve.served_random_high[k], curve.served_random[k] - 1e-12);
    }
  }
}

TEST(Criticality, IdenticalOnOneTwoAndEightThreads) {
  synth::GeneratorOptions g;
  g.sites = 3000;
  g.seed = 9;
  const Chain c = synth::generate_chain(g);
  CriticalityOptions o;
  o.betweenness.samples = 0;
  std::vector<CriticalityReport> runs;
  for (int threads : {1, 2, 8}) {
    ThreadLimit limit(threads);
    runs.push_back(criticality(c, o));
  }
  for (int k = 1; k < 3; ++k) {
    const auto& a = runs[0];
    const auto& b = runs[k];
    EXPECT_EQ(a.single_points.sites, b.single_points.sites);
    EXPECT_EQ(a.single_points.regions, b.single_points.regions);
    EXPECT_EQ(a.single_points.lost_demand_value, b.single_points.lost_demand_value);
    ASSERT_EQ(a.sourcing.size(), b.sourcing.size());
    for (std::size_t i = 0; i < a.sourcing.size(); ++i) {
      EXPECT_EQ(a.sourcing[i].buyer_holding, b.sourcing[i].buyer_holding);
      EXPECT_EQ(a.sourcing[i].value_at_risk, b.sourcing[i].value_at_risk);
    }
    ASSERT_TRUE(a.deep_tier && b.deep_tier);
    ASSERT_EQ(a.deep_tier->sites.size(), b.deep_tier->sites.size());
    for (std::size_t i = 0; i < a.deep_tier->sites.size(); ++i) {
      EXPECT_EQ(a.deep_tier->sites[i].site, b.deep_tier->sites[i].site);
      EXPECT_EQ(a.deep_tier->sites[i].tier1_dependents, b.deep_tier->sites[i].tier1_dependents);
      EXPECT_EQ(a.deep_tier->sites[i].master_value_share, b.deep_tier->sites[i].master_value_share);
    }
    ASSERT_EQ(a.bottlenecks.size(), b.bottlenecks.size());
    for (std::size_t i = 0; i < a.bottlenecks.size(); ++i) EXPECT_EQ(a.bottlenecks[i].max_flow, b.bottlenecks[i].max_flow);
    EXPECT_EQ(a.betweenness.value, b.betweenness.value);
    EXPECT_EQ(a.ranking, b.ranking);
    EXPECT_EQ(a.robustness.served_random, b.robustness.served_random);
    EXPECT_EQ(a.robustness.served_targeted, b.robustness.served_targeted);
  }
  // the generated chain is not trivial: it has single points and hidden deep-tier sites
  EXPECT_FALSE(runs[0].single_points.sites.empty());
  int hidden = 0;
  for (const DeepTierSite& d : runs[0].deep_tier->sites) hidden += d.hidden() && d.master_value_share > 0;
  EXPECT_GT(hidden, 0);
}

// The master firm: two assembly sites of one firm (or two tagged sites) are one master. Each buys
// from its own tier-1 supplier (t1, t2); both of those buy from u. Taking only the first tagged
// site would show one tier-1 supplier and u behind one of them.
TEST(DeepTier, EverySiteOfTheMasterFirmIsTheMaster) {
  for (const char* how : {"tags", "firm"}) {
    const std::string master_b = std::string(how) == "tags" ? "tags: [chain_master]" : "firm: oem";
    const model::Chain c = io::load_scenario_text(std::string(R"(chainnet: 1
products: [{id: raw}, {id: part, inputs: {raw: 1}}, {id: car, inputs: {part: 1}}]
sites:
  - {id: u, kind: supplier, makes: {raw: 100}}
  - {id: t1, kind: supplier, makes: {part: 100}}
  - {id: t2, kind: supplier, makes: {part: 100}}
  - {id: a, kind: plant, firm: oem, tags: [chain_master], makes: {car: 100}}
  - {id: b, kind: plant, )") + master_b + R"(, makes: {car: 100}}
  - {id: m, kind: market, demand: {car: 10}}
supplies:
  - {from: u, to: t1, product: raw}
  - {from: u, to: t2, product: raw}
  - {from: t1, to: a, product: part}
  - {from: t2, to: b, product: part}
  - {from: a, to: m, product: car}
  - {from: b, to: m, product: car}
)", "t.yaml", ".").chain;
    const auto masters = weak::resolve_masters(c);
    ASSERT_EQ(masters.size(), 2u) << how;
    const weak::StructuralLoss loss(c);
    const weak::DeepTier d = weak::deep_tier(loss, masters);
    EXPECT_EQ(d.tier1_suppliers, 2u) << how;
    const auto u = std::find_if(d.sites.begin(), d.sites.end(), [&](const weak::DeepTierSite& x) { return x.site == c.find_site("u"); });
    ASSERT_NE(u, d.sites.end());
    EXPECT_EQ(u->tier1_dependents, 2u);
    EXPECT_TRUE(u->hidden());
    // u feeds every part both master sites use: all of the master's input value.
    EXPECT_NEAR(u->master_value_share, 1.0, 1e-12);
  }
}

}  // namespace
}  // namespace chainnet
