// Helpers shared by the unit tests: invariant checks of a snapshot, random chains, file paths.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "chainnet/model/chain.hpp"
#include "chainnet/model/chain_builder.hpp"

namespace chainnet::test {

inline std::filesystem::path source_dir() { return CHAINNET_SOURCE_DIR; }

/// A fresh empty folder under the system temp dir, removed with the object.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) {
    path = std::filesystem::temp_directory_path() / ("chainnet_test_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

/// Every structural invariant of a snapshot: CSR forward and reverse agree, ids are dense and in
/// range, holdings are sorted and unique and match what references them.
inline void check_invariants(const model::Chain& c) {
  using namespace model;
  const SiteTable& st = c.sites();
  const SupplyTable& sp = c.supplies();
  const HoldingTable& ht = c.holdings();
  const MakeTable& mt = c.makes();
  const LaneTable& lt = c.lanes();
  const std::uint32_t S = c.num_sites();
  ASSERT_EQ(c.node_ids().size(), S + c.hubs().size());
  for (SiteId s = 0; s < S; ++s) ASSERT_EQ(c.find_site(c.site_id(s)), s);
  // supplies: every supply once in its seller's out list and once in its buyer's in list
  ASSERT_EQ(st.supplies_out.rows(), S);
  ASSERT_EQ(st.supplies_in.rows(), S);
  ASSERT_EQ(st.supplies_out.items.size(), sp.size());
  ASSERT_EQ(st.supplies_in.items.size(), sp.size());
  std::vector<int> seen_out(sp.size(), 0), seen_in(sp.size(), 0);
  for (SiteId s = 0; s < S; ++s) {
    SupplyId prev = kInvalidId;
    for (SupplyId e : st.supplies_out[s]) {
      ASSERT_LT(e, sp.size());
      ASSERT_EQ(sp.seller[e], s);
      if (prev != kInvalidId) {
        ASSERT_LT(prev, e);
      }
      prev = e;
      ++seen_out[e];
    }
    for (SupplyId e : st.supplies_in[s]) {
      ASSERT_EQ(sp.buyer[e], s);
      ++seen_in[e];
    }
  }
  for (SupplyId e = 0; e < sp.size(); ++e) {
    ASSERT_EQ(seen_out[e], 1);
    ASSERT_EQ(seen_in[e], 1);
    ASSERT_EQ(ht.site[sp.seller_holding[e]], sp.seller[e]);
    ASSERT_EQ(ht.product[sp.seller_holding[e]], sp.product[e]);
    ASSERT_EQ(ht.site[sp.buyer_holding[e]], sp.buyer[e]);
    ASSERT_EQ(ht.product[sp.buyer_holding[e]], sp.product[e]);
    ASSERT_GE(sp.share[e], 0.0);
  }
  // holdings sorted by (site, product), unique, with site ranges
  ASSERT_EQ(st.holdings.first.size(), S + 1u);
  ASSERT_EQ(st.holdings.first[S], ht.size());
  for (HoldingId h = 0; h < ht.size(); ++h) {
    ASSERT_LT(ht.site[h], S);
    ASSERT_LT(ht.product[h], c.products().size());
    ASSERT_GE(h, st.holdings.first[ht.site[h]]);
    ASSERT_LT(h, st.holdings.first[ht.site[h] + 1]);
    if (h > 0 && ht.site[h] == ht.site[h - 1]) {
      ASSERT_LT(ht.product[h - 1], ht.product[h]);
    }
    ASSERT_EQ(c.find_holding(ht.site[h], ht.product[h]), h);
    for (SupplyId e : ht.sold[h]) ASSERT_EQ(sp.seller_holding[e], h);
    for (SupplyId e : ht.bought[h]) ASSERT_EQ(sp.buyer_holding[e], h);
    for (std::uint32_t k : ht.used_in[h]) ASSERT_EQ(mt.recipe_holding[k], h);
    if (ht.make[h] != kInvalidId) {
      ASSERT_EQ(mt.holding[ht.make[h]], h);
    }
  }
  ASSERT_EQ(ht.sold.items.size(), sp.size());
  ASSERT_EQ(ht.bought.items.size(), sp.size());
  // makes sorted by (site, product), recipes point at holdings of the same site
  for (MakeId m = 0; m < mt.size(); ++m) {
    ASSERT_EQ(ht.make[mt.holding[m]], m);
    ASSERT_GE(m, st.makes.first[mt.site[m]]);
    ASSERT_LT(m, st.makes.first[mt.site[m] + 1]);
    for (std::uint32_t k = mt.recipe.first[m]; k < mt.recipe.first[m + 1]; ++k) {
      ASSERT_EQ(mt.recipe_make[k], m);
      ASSERT_EQ(ht.site[mt.recipe_holding[k]], mt.site[m]);
      ASSERT_EQ(ht.product[mt.recipe_holding[k]], mt.recipe.items[k]);
    }
  }
  // lanes: forward and reverse agree
  ASSERT_EQ(lt.out.rows(), c.num_nodes());
  ASSERT_EQ(lt.in.rows(), c.num_nodes());
  std::vector<int> lane_out(lt.size(), 0), lane_in(lt.size(), 0);
  for (NodeId n = 0; n < c.num_nodes(); ++n) {
    for (LaneId l : lt.out[n]) {
      ASSERT_EQ(lt.from[l], n);
      ++lane_out[l];
    }
    for (LaneId l : lt.in[n]) {
      ASSERT_EQ(lt.to[l], n);
      ++lane_in[l];
    }
  }
  for (LaneId l = 0; l < lt.size(); ++l) {
    ASSERT_EQ(lane_out[l], 1);
    ASSERT_EQ(lane_in[l], 1);
  }
}

/// A random chain for property tests: products on BOM levels 0-3 (inputs only from lower
/// levels), sites making 0-2 products (some with zero capacity), each production line buying each
/// of its inputs from 1-3 makers (possibly none exist), markets with demand buying from 1-2
/// makers, some stock. Every supply is semantically valid (sellers make, buyers use).
inline model::Chain random_chain(std::mt19937_64& rng, int sites, int products, double p_stock = 0.2,
                                 double p_zero = 0.05) {
  using namespace model;
  ChainBuilder b;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<int> level(products);
  std::vector<std::vector<int>> inputs(products);
  for (int p = 0; p < products; ++p) {
    level[p] = p == 0 ? 0 : static_cast<int>(rng() % 4);
    b.add_product({"p" + std::to_string(p), "", 1.0 + static_cast<double>(rng() % 100)});
  }
  for (int p = 0; p < products; ++p) {
    if (level[p] == 0) continue;
    const int k = 1 + static_cast<int>(rng() % 3);
    for (int j = 0; j < k; ++j) {
      const int q = static_cast<int>(rng() % products);
      if (level[q] >= level[p] || std::find(inputs[p].begin(), inputs[p].end(), q) != inputs[p].end()) continue;
      inputs[p].push_back(q);
      b.add_bom_input(p, q, 0.5 + static_cast<double>(rng() % 4));
    }
  }
  std::vector<std::vector<int>> makes(sites);
  std::vector<int> market(sites, 0);
  for (int s = 0; s < sites; ++s) {
    market[s] = u(rng) < 0.25;
    b.add_site({"s" + std::to_string(s), "", "", market[s] ? SiteKind::market : SiteKind::supplier,
                "R" + std::to_string(rng() % 3) + "-" + std::to_string(rng() % 3)});
    if (market[s]) continue;
    const int n = static_cast<int>(rng() % 3);
    for (int j = 0; j < n; ++j) {
      const int p = static_cast<int>(rng() % products);
      if (std::find(makes[s].begin(), makes[s].end(), p) != makes[s].end()) continue;
      makes[s].push_back(p);
      b.add_make({static_cast<SiteId>(s), static_cast<ProductId>(p),
                  u(rng) < p_zero ? 0.0 : 10.0 + static_cast<double>(rng() % 50), 1, 1});
      if (u(rng) < p_stock) b.add_stock(s, p, 5.0);
    }
  }
  std::vector<std::vector<int>> makers(products);
  for (int s = 0; s < sites; ++s)
    for (int p : makes[s]) makers[p].push_back(s);
  auto buy = [&](int buyer, int p, int k) {
    std::vector<int> chosen;
    for (int j = 0; j < 3 * k && static_cast<int>(chosen.size()) < k && !makers[p].empty(); ++j) {
      const int s = makers[p][rng() % makers[p].size()];
      if (s == buyer || std::find(chosen.begin(), chosen.end(), s) != chosen.end()) continue;
      chosen.push_back(s);
      SupplySpec e;
      e.seller = s;
      e.buyer = buyer;
      e.product = p;
      if (u(rng) < 0.2) e.capacity = u(rng) < 0.2 ? 0.0 : 5.0 + static_cast<double>(rng() % 20);
      b.add_supply(e);
    }
  };
  for (int s = 0; s < sites; ++s) {
    if (market[s]) {
      const int p = static_cast<int>(rng() % products);
      b.add_demand(s, p, 1.0 + static_cast<double>(rng() % 10));
      buy(s, p, 1 + static_cast<int>(rng() % 2));
      continue;
    }
    std::vector<int> needed;
    for (int p : makes[s])
      for (int q : inputs[p])
        if (std::find(needed.begin(), needed.end(), q) == needed.end()) needed.push_back(q);
    for (int q : needed) buy(s, q, 1 + static_cast<int>(rng() % 3));
  }
  return b.build();
}

/// Random chains for the stress invariants: random_chain's chains with stock scaled by
/// `stock_scale` (0: none) on about a quarter of the holdings and lead times 0..max_lead; with
/// `unlimited`, no capacity limits anywhere.
// value_scale multiplies product values: large values make serving every market the least-cost
// plan (lines cost 1 a unit here), so the normal plan leaves no demand unmet by choice.
inline model::Chain stress_chain(std::uint64_t seed, double stock_scale, bool unlimited = false,
                                 std::uint32_t max_lead = 2, double value_scale = 1.0) {
  std::mt19937_64 rng(seed);
  const model::Chain base = random_chain(rng, 30 + static_cast<int>(seed % 30), 10, 0.4, 0.0);
  model::ChainBuilder b;
  const auto& P = base.products();
  for (model::ProductId p = 0; p < P.size(); ++p) b.add_product({P.ids.name(p), "", value_scale * P.value[p]});
  for (model::ProductId p = 0; p < P.size(); ++p)
    for (std::uint32_t i = P.bom.first[p]; i < P.bom.first[p + 1]; ++i) b.add_bom_input(p, P.bom.items[i], P.bom_quantity[i]);
  for (model::SiteId s = 0; s < base.num_sites(); ++s)
    b.add_site({base.site_id(s), "", "", base.sites().kind[s], base.regions().codes.name(base.sites().region[s])});
  const auto& M = base.makes();
  for (model::MakeId m = 0; m < M.size(); ++m) b.add_make({M.site[m], M.product[m], unlimited ? model::kUnlimited : M.capacity[m], 1, 1});
  const auto& H = base.holdings();
  std::mt19937_64 r2(seed * 7 + 1);
  for (model::HoldingId h = 0; h < H.size(); ++h) {
    if ((H.stock[h] > 0 || r2() % 4 == 0) && stock_scale > 0) b.add_stock(H.site[h], H.product[h], stock_scale * static_cast<double>(1 + r2() % 30));
    if (H.demand[h] > 0) b.add_demand(H.site[h], H.product[h], H.demand[h]);
  }
  const auto& S = base.supplies();
  for (model::SupplyId e = 0; e < S.size(); ++e) {
    model::SupplySpec sp;
    sp.seller = S.seller[e];
    sp.buyer = S.buyer[e];
    sp.product = S.product[e];
    sp.capacity = unlimited ? model::kUnlimited : S.capacity[e];
    sp.lead_time = static_cast<std::uint32_t>(r2() % (max_lead + 1));
    b.add_supply(sp);
  }
  return b.build();
}

}  // namespace chainnet::test
