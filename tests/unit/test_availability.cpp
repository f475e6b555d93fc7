// Structural AND/OR availability against a brute-force fixpoint, with and without failed sites.
#include <gtest/gtest.h>

#include "chainnet/model/availability.hpp"
#include "helpers.hpp"

namespace chainnet::model {
namespace {

// The definition, applied until nothing changes: O(rounds * everything), obviously right.
std::vector<std::uint8_t> naive(const Chain& c, const std::vector<std::uint8_t>& down) {
  const HoldingTable& ht = c.holdings();
  const MakeTable& mt = c.makes();
  const SupplyTable& sp = c.supplies();
  std::vector<std::uint8_t> a(ht.size(), 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (HoldingId h = 0; h < ht.size(); ++h) {
      if (a[h] || (!down.empty() && down[ht.site[h]])) continue;
      bool ok = ht.stock[h] > 0;
      for (MakeId m = 0; m < mt.size() && !ok; ++m) {
        if (mt.holding[m] != h || !(mt.capacity[m] > 0)) continue;
        bool all = true;
        for (std::uint32_t k = mt.recipe.first[m]; k < mt.recipe.first[m + 1]; ++k) all = all && a[mt.recipe_holding[k]];
        ok = all;
      }
      for (SupplyId e = 0; e < sp.size() && !ok; ++e)
        ok = sp.buyer_holding[e] == h && sp.capacity[e] > 0 && a[sp.seller_holding[e]];
      if (ok) {
        a[h] = 1;
        changed = true;
      }
    }
  }
  return a;
}

TEST(Availability, MatchesNaiveFixpointOnRandomChains) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const Chain c = test::random_chain(rng, 2 + static_cast<int>(rng() % 40), 1 + static_cast<int>(rng() % 10));
    EXPECT_EQ(structural_availability(c), naive(c, {})) << "round " << round;
    std::vector<std::uint8_t> down(c.num_sites(), 0);
    for (auto& d : down) d = rng() % 5 == 0;
    EXPECT_EQ(structural_availability(c, down), naive(c, down)) << "round " << round;
  }
}

TEST(Availability, AndNeedsEveryInputOrNeedsAny) {
  ChainBuilder b;
  const ProductId x = b.add_product({"x"}), y = b.add_product({"y"}), z = b.add_product({"z"});
  b.add_bom_input(z, x, 1);
  b.add_bom_input(z, y, 1);
  const SiteId sx1 = b.add_site({"sx1"}), sx2 = b.add_site({"sx2"}), sy = b.add_site({"sy"});
  const SiteId plant = b.add_site({"plant"});
  b.add_make({sx1, x, 1});
  b.add_make({sx2, x, 1});
  b.add_make({sy, y, 1});
  b.add_make({plant, z, 1});
  b.add_supply({sx1, plant, x});
  b.add_supply({sx2, plant, x});
  b.add_supply({sy, plant, y});
  const Chain c = b.build();
  const HoldingId hz = c.find_holding(plant, z);
  std::vector<std::uint8_t> down(c.num_sites(), 0);
  EXPECT_TRUE(structural_availability(c, down)[hz]);
  down[sx1] = 1;  // OR: the other supplier of x will do
  EXPECT_TRUE(structural_availability(c, down)[hz]);
  down[sx1] = 0;
  down[sy] = 1;  // AND: without y nothing
  EXPECT_FALSE(structural_availability(c, down)[hz]);
}

}  // namespace
}  // namespace chainnet::model
