// Round trips: generate -> write -> load; inline YAML -> CSV form -> load; equal models.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chainnet/io/scenario.hpp"
#include "chainnet/io/scenario_writer.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/model/validation.hpp"
#include "chainnet/synth/generator.hpp"
#include "helpers.hpp"

namespace chainnet {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Two chains are equal when their canonical scenario dumps are byte-identical (every value,
// written in shortest exact form, NaN-safe) and their derived structure is identical.
void expect_same_chain(const model::Chain& a, const model::Chain& b, const std::string& name) {
  test::TempDir da(name + "_a"), db(name + "_b");
  const auto fa = io::write_scenario(a, da.path.string());
  const auto fb = io::write_scenario(b, db.path.string());
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t i = 0; i < fa.size(); ++i)
    EXPECT_EQ(slurp(fa[i]), slurp(fb[i])) << fs::path(fa[i]).filename();
  EXPECT_EQ(a.holdings().site, b.holdings().site);
  EXPECT_EQ(a.holdings().product, b.holdings().product);
  EXPECT_EQ(a.supplies().share, b.supplies().share);
  EXPECT_EQ(a.sites().supplies_out, b.sites().supplies_out);
  EXPECT_EQ(a.lanes().in, b.lanes().in);
  EXPECT_EQ(a.makes().recipe, b.makes().recipe);
  EXPECT_EQ(a.regions().parent, b.regions().parent);
  EXPECT_EQ(a.disruptions(), b.disruptions());
  EXPECT_EQ(a.montecarlo(), b.montecarlo());
  EXPECT_EQ(a.settings(), b.settings());
}

TEST(RoundTrip, GenerateWriteLoadGivesTheGeneratedCounts) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    for (std::uint32_t n : {30u, 500u, 5000u}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " sites " + std::to_string(n));
      synth::GeneratorCounts counts;
      const model::Chain g = synth::generate_chain({n, seed}, &counts);
      test::check_invariants(g);
      test::TempDir dir("gen");
      io::write_scenario(g, dir.path.string());
      const io::LoadResult r = io::load_scenario((dir.path / "scenario.yaml").string());
      const model::ChainSummary s = model::summarize(r.chain);
      EXPECT_EQ(s.sites, counts.sites);
      EXPECT_EQ(s.products, counts.products);
      EXPECT_EQ(s.supplies, counts.supplies);
      EXPECT_EQ(s.hubs, counts.hubs);
      EXPECT_EQ(s.lanes, counts.lanes);
      EXPECT_EQ(s.masters.size(), 1u);
      EXPECT_GE(s.single_sourced, 1u);
      for (const auto& w : r.warnings) ADD_FAILURE() << "generated chains load cleanly: " << w.to_string();
      expect_same_chain(g, r.chain, "gen");
    }
  }
}

TEST(RoundTrip, GeneratorIsDeterministic) {
  const model::Chain a = synth::generate_chain({2000, 9});
  const model::Chain b = synth::generate_chain({2000, 9});
  const model::Chain c = synth::generate_chain({2000, 10});
  expect_same_chain(a, b, "det");
  EXPECT_NE(a.supplies().seller, c.supplies().seller);
}

TEST(RoundTrip, TieredGeneratorHasTheReferenceShape) {
  synth::GeneratorCounts counts;
  const model::Chain g = synth::generate_tiered_chain({200, 500, 1000}, 1, &counts);
  test::check_invariants(g);
  EXPECT_EQ(g.num_sites(), 1700u);
  EXPECT_GE(counts.supplies, 1700u);
  EXPECT_LE(counts.supplies, 2600u);
  // every site makes one product; tier-1 plants hold the demand of their own finished product
  std::vector<std::uint32_t> makers(g.products().size(), 0);
  for (model::SiteId s = 0; s < g.num_sites(); ++s) {
    ASSERT_EQ(g.sites().makes.degree(s), 1u);
    ++makers[g.makes().product[g.sites().makes.first[s]]];
    EXPECT_EQ(g.has_demand(s), s < 200) << g.site_id(s);
    EXPECT_FALSE(std::isnan(g.sites().ttr[s]));
    if (s >= 200) EXPECT_GT(g.sites().supplies_out.degree(s), 0u) << g.site_id(s) << " sells to nobody";
  }
  std::uint32_t alternatives[4] = {0, 0, 0, 0};
  for (model::ProductId p = 200; p < g.products().size(); ++p) {
    ASSERT_GE(makers[p], 1u);
    ASSERT_LE(makers[p], 3u);
    ++alternatives[makers[p]];
  }
  for (int k = 1; k <= 3; ++k) EXPECT_GT(alternatives[k], 50u) << k << " makers";
  test::TempDir dir("tiers");
  io::write_scenario(g, dir.path.string());
  const io::LoadResult r = io::load_scenario((dir.path / "scenario.yaml").string());
  for (const auto& w : r.warnings) ADD_FAILURE() << "tiered chains load cleanly: " << w.to_string();
  expect_same_chain(g, r.chain, "tiers");
  expect_same_chain(g, synth::generate_tiered_chain({200, 500, 1000}, 1), "tiers-again");
  EXPECT_NE(g.supplies().seller, synth::generate_tiered_chain({200, 500, 1000}, 2).supplies().seller);
  EXPECT_THROW(synth::generate_tiered_chain({200}, 1), InvalidInput);
  EXPECT_THROW(synth::generate_tiered_chain({200, 0, 3}, 1), InvalidInput);
  // four tiers work too
  EXPECT_EQ(synth::generate_tiered_chain({5, 10, 20, 40}, 3).num_sites(), 75u);
}

TEST(RoundTrip, InlineAndCsvFormsLoadEqual) {
  for (const char* name : {"default.yaml", "rail_traction.yaml", "minimal.yaml"}) {
    SCOPED_TRACE(name);
    const io::LoadResult inline_form = io::load_scenario((test::source_dir() / "scenarios" / name).string());
    test::check_invariants(inline_form.chain);
    test::TempDir dir("csvform");
    io::write_scenario(inline_form.chain, dir.path.string());
    const io::LoadResult csv_form = io::load_scenario((dir.path / "scenario.yaml").string());
    expect_same_chain(inline_form.chain, csv_form.chain, "forms");
  }
}

}  // namespace
}  // namespace chainnet
