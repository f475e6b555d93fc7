// Tiers and BOM levels against naive relaxations, and hand-built answers.
#include <gtest/gtest.h>

#include "chainnet/io/scenario.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/model/tiers.hpp"
#include "helpers.hpp"

namespace chainnet::model {
namespace {

TEST(Tiers, MatchNaiveRelaxation) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 200; ++round) {
    const Chain c = test::random_chain(rng, 2 + static_cast<int>(rng() % 50), 1 + static_cast<int>(rng() % 10));
    const auto markets = market_sites(c);
    const Tiers t = upstream_tiers(c, markets);
    std::vector<std::uint32_t> d(c.num_sites(), kInvalidId);
    for (SiteId m : markets) d[m] = 0;
    for (bool changed = true; changed;) {  // Bellman-Ford with unit lengths
      changed = false;
      for (SupplyId e = 0; e < c.supplies().size(); ++e) {
        const auto b = d[c.supplies().buyer[e]];
        auto& s = d[c.supplies().seller[e]];
        if (b != kInvalidId && (s == kInvalidId || b + 1 < s)) {
          s = b + 1;
          changed = true;
        }
      }
    }
    ASSERT_EQ(t.tier, d);
  }
}

TEST(Tiers, MinimalScenarioHasKnownTiersAndDepth) {
  const auto r = io::load_scenario((test::source_dir() / "scenarios" / "minimal.yaml").string());
  const ChainSummary s = summarize(r.chain);
  const Chain& c = r.chain;
  EXPECT_EQ(s.tiers.tier[c.find_site("shop_munich")], 0u);
  EXPECT_EQ(s.tiers.tier[c.find_site("assembly")], 1u);
  EXPECT_EQ(s.tiers.tier[c.find_site("frames_cz")], 2u);
  EXPECT_EQ(s.tiers.tier[c.find_site("mill")], 3u);
  EXPECT_EQ(s.tiers.max_tier, 3u);
  EXPECT_EQ(s.bom_depth, 2u);  // steel 0 -> frame 1 -> bicycle 2
  EXPECT_EQ(s.raw_materials, 1u);
  ASSERT_EQ(s.masters.size(), 1u);
  EXPECT_EQ(s.master_tiers.tier[c.find_site("mill")], 2u);
  EXPECT_EQ(s.single_sourced, 4u);
  EXPECT_EQ(s.regions, 5u);
}

}  // namespace
}  // namespace chainnet::model
