// Builder -> snapshot: CSR invariants on the degenerate list and on random chains.
#include <gtest/gtest.h>

#include "chainnet/error.hpp"
#include "chainnet/model/availability.hpp"
#include "chainnet/model/validation.hpp"
#include "helpers.hpp"

namespace chainnet::model {
namespace {

using test::check_invariants;

TEST(ChainBuilder, EmptyChain) {
  ChainBuilder b;
  const Chain c = b.build();
  check_invariants(c);
  EXPECT_EQ(c.num_sites(), 0u);
  EXPECT_EQ(c.holdings().size(), 0u);
  EXPECT_TRUE(check_semantics(c).empty());
  EXPECT_TRUE(structural_availability(c).empty());
}

TEST(ChainBuilder, OneSite) {
  ChainBuilder b;
  const ProductId p = b.add_product({"ore"});
  const SiteId s = b.add_site({"mine", "", "", SiteKind::supplier, "CN-JX"});
  b.add_make({s, p, 10, 1, 1});
  const Chain c = b.build();
  check_invariants(c);
  EXPECT_EQ(c.holdings().size(), 1u);
  EXPECT_EQ(c.regions().size(), 2u);  // CN-JX and its parent CN
  const RegionId jx = c.regions().codes.find("CN-JX");
  EXPECT_TRUE(c.regions().within(jx, c.regions().codes.find("CN")));
  EXPECT_EQ(structural_availability(c), std::vector<std::uint8_t>{1});
  EXPECT_EQ(c.firms().name(c.sites().firm[s]), "mine");  // default firm: the site itself
}

TEST(ChainBuilder, SelfSupplyBuildsAndIsFlagged) {
  ChainBuilder b;
  const ProductId p = b.add_product({"x"});
  const SiteId s = b.add_site({"a", "", "", SiteKind::plant});
  b.add_make({s, p, 10});
  b.add_supply({s, s, p});
  const Chain c = b.build();
  check_invariants(c);
  EXPECT_EQ(c.supplies().seller_holding[0], c.supplies().buyer_holding[0]);
  const auto f = check_semantics(c);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0].subject, FindingSubject::supply);
  EXPECT_NE(f[0].message.find("to itself"), std::string::npos);
}

TEST(ChainBuilder, ParallelSuppliesSplitTheDefaultShare) {
  ChainBuilder b;
  const ProductId p = b.add_product({"x"});
  const SiteId a = b.add_site({"a", "", "", SiteKind::supplier});
  const SiteId m = b.add_site({"m", "", "", SiteKind::market});
  b.add_make({a, p, 10});
  b.add_demand(m, p, 5);
  b.add_supply({a, m, p});
  b.add_supply({a, m, p});
  SupplySpec given{a, m, p, kUnlimited, 0.2, 0};
  b.add_supply(given);
  const Chain c = b.build();
  check_invariants(c);
  EXPECT_EQ(c.supplies().seller_holding[0], c.supplies().seller_holding[1]);
  EXPECT_DOUBLE_EQ(c.supplies().share[0], 0.4);
  EXPECT_DOUBLE_EQ(c.supplies().share[1], 0.4);
  EXPECT_DOUBLE_EQ(c.supplies().share[2], 0.2);
  EXPECT_EQ(c.holdings().bought.degree(c.supplies().buyer_holding[0]), 3u);
  EXPECT_TRUE(check_semantics(c).empty());
}

TEST(ChainBuilder, ZeroCapacityIsUnavailable) {
  ChainBuilder b;
  const ProductId p = b.add_product({"x"});
  const SiteId a = b.add_site({"a", "", "", SiteKind::supplier});
  const SiteId c2 = b.add_site({"b", "", "", SiteKind::supplier});
  const SiteId m = b.add_site({"m", "", "", SiteKind::market});
  b.add_make({a, p, 0});    // a line of zero capacity
  b.add_make({c2, p, 10});
  b.add_demand(m, p, 5);
  b.add_supply({a, m, p});
  b.add_supply({c2, m, p, 0.0});  // a contract of zero capacity
  const Chain c = b.build();
  check_invariants(c);
  const auto av = structural_availability(c);
  EXPECT_FALSE(av[c.find_holding(a, p)]);
  EXPECT_TRUE(av[c.find_holding(c2, p)]);
  EXPECT_FALSE(av[c.find_holding(m, p)]);
  const auto f = check_semantics(c);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::warning);  // unreachable market: a warning, not an error
}

TEST(ChainBuilder, SupplyLessThanDemandIsValid) {
  ChainBuilder b;
  const ProductId p = b.add_product({"x"});
  const SiteId a = b.add_site({"a", "", "", SiteKind::supplier});
  const SiteId m = b.add_site({"m", "", "", SiteKind::market});
  b.add_make({a, p, 1});
  b.add_demand(m, p, 1000);
  b.add_supply({a, m, p, 0.5});
  const Chain c = b.build();
  check_invariants(c);
  EXPECT_TRUE(check_semantics(c).empty());
}

TEST(ChainBuilder, StructuralErrorsThrow) {
  {
    ChainBuilder b;
    b.add_product({"x"});
    EXPECT_THROW(b.add_product({"x"}), InvalidInput);
  }
  {
    ChainBuilder b;
    b.add_site({"a"});
    EXPECT_THROW(b.add_hub({"a"}), InvalidInput);
    EXPECT_THROW(b.add_supply({0, 7, 0}), InvalidInput);
  }
  {
    ChainBuilder b;
    const ProductId p = b.add_product({"x"});
    const SiteId s = b.add_site({"a"});
    b.add_make({s, p, 1});
    b.add_make({s, p, 2});
    EXPECT_THROW(b.build(), InvalidInput);
  }
  {
    ChainBuilder b;
    const ProductId p = b.add_product({"x"});
    const ProductId q = b.add_product({"y"});
    const SiteId s = b.add_site({"a"});
    b.add_recipe_input(s, p, q, 1);  // a recipe for a line that does not exist
    EXPECT_THROW(b.build(), InvalidInput);
  }
}

TEST(ChainBuilder, SiteRecipeReplacesTheBom) {
  ChainBuilder b;
  const ProductId ore = b.add_product({"ore"});
  const ProductId scrap = b.add_product({"scrap"});
  const ProductId metal = b.add_product({"metal"});
  b.add_bom_input(metal, ore, 2);
  const SiteId a = b.add_site({"a"});
  const SiteId r = b.add_site({"recycler"});
  b.add_make({a, metal, 10});
  b.add_make({r, metal, 10});
  b.add_recipe_input(r, metal, scrap, 1.5);
  const Chain c = b.build();
  check_invariants(c);
  const MakeTable& mt = c.makes();
  for (MakeId m = 0; m < mt.size(); ++m) {
    ASSERT_EQ(mt.recipe.degree(m), 1u);
    if (mt.site[m] == r) {
      EXPECT_TRUE(mt.own_recipe[m]);
      EXPECT_EQ(mt.recipe.items[mt.recipe.first[m]], scrap);
      EXPECT_DOUBLE_EQ(mt.recipe_quantity[mt.recipe.first[m]], 1.5);
    } else {
      EXPECT_FALSE(mt.own_recipe[m]);
      EXPECT_EQ(mt.recipe.items[mt.recipe.first[m]], ore);
    }
  }
}

TEST(ChainBuilder, RandomChainsKeepTheInvariants) {
  std::mt19937_64 rng(20261123);
  for (int round = 0; round < 200; ++round) {
    const Chain c = test::random_chain(rng, 1 + static_cast<int>(rng() % 60), 1 + static_cast<int>(rng() % 12));
    check_invariants(c);
    for (const Finding& f : check_semantics(c)) EXPECT_EQ(f.severity, Severity::warning) << f.message;
  }
}

}  // namespace
}  // namespace chainnet::model
