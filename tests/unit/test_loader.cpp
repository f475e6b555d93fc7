// Loader behaviour beyond the corpus: the happy path, defaults, warnings, CSV and inline forms,
// caps on the number of diagnostics, and the file-level errors.
#include <gtest/gtest.h>

#include <fstream>

#include "chainnet/error.hpp"
#include "chainnet/io/scenario.hpp"
#include "helpers.hpp"

namespace chainnet::io {
namespace {

namespace fs = std::filesystem;

std::vector<Diagnostic> errors_of(const std::string& yaml) {
  try {
    load_scenario_text(yaml, "t.yaml", ".");
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  return {};
}

const char* kBase = R"(chainnet: 1
products:
  - {id: ore, value: 10}
  - {id: metal, value: 50, inputs: {ore: 2}}
sites:
  - {id: mine, kind: supplier, region: XX-A, makes: {ore: 10}}
  - {id: smelter, kind: plant, region: XX-B, makes: {metal: {capacity: 5, cost: 3, co2: 1.5}}}
  - {id: shop, kind: market, region: YY, demand: {metal: 3}}
supplies:
  - {from: mine, to: smelter, product: ore}
  - {from: smelter, to: shop, product: metal, capacity: 4, share: 1, lead_time: 2}
)";

TEST(Loader, LoadsTheSmallChainWithDefaults) {
  const LoadResult r = load_scenario_text(kBase, "t.yaml", ".");
  const model::Chain& c = r.chain;
  test::check_invariants(c);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(c.num_sites(), 3u);
  EXPECT_EQ(c.settings().horizon, 26u);  // defaults
  EXPECT_EQ(c.settings().ttr, 4.0);
  EXPECT_EQ(c.supplies().capacity[0], model::kUnlimited);
  EXPECT_EQ(c.supplies().capacity[1], 4.0);
  EXPECT_EQ(c.supplies().lead_time[1], 2u);
  EXPECT_EQ(c.makes().capacity[c.holdings().make[c.find_holding(c.find_site("smelter"), c.find_product("metal"))]], 5.0);
  EXPECT_EQ(c.products().value[c.find_product("ore")], 10.0);
  EXPECT_EQ(c.units().quantity, "unit");
}

TEST(Loader, ReportsEveryErrorSortedNotOnlyTheFirst) {
  std::string y = kBase;
  y += "  - {from: mine, to: nowhere, product: ore}\n  - {from: mine, to: smelter, product: ore, share: -1}\n";
  y.replace(y.find("value: 10"), 9, "value: -10");
  const auto ds = errors_of(y);
  ASSERT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds[0].line, 3u);
  EXPECT_EQ(ds[1].line, 12u);
  EXPECT_EQ(ds[2].line, 13u);
  EXPECT_EQ(ds[1].message, "supply names site 'nowhere', which no site defines");
  EXPECT_EQ(ds[2].message, "share \"-1\" must be in [0, 1]");
}

TEST(Loader, WarningsDoNotFail) {
  std::string y = kBase;
  y += "  - {from: mine, to: smelter, product: ore, share: 0.8}\n  - {from: mine, to: smelter, product: ore, share: 0.7}\n";
  y += "lanes:\n  - {from: mine, to: mine, mode: road}\n";
  const LoadResult r = load_scenario_text(y, "t.yaml", ".");
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].severity, Severity::warning);
  EXPECT_NE(r.warnings[0].message.find("sum to 1.5"), std::string::npos);
  EXPECT_EQ(r.warnings[1].message, "lane from 'mine' to itself");
}

TEST(Loader, UnreachableMarketIsAWarning) {
  std::string y = kBase;
  y.replace(y.find("makes: {ore: 10}"), 16, "makes: {ore: 0}");
  const LoadResult r = load_scenario_text(y, "t.yaml", ".");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].line, 8u);  // the demand entry
  EXPECT_NE(r.warnings[0].message.find("no chain can deliver"), std::string::npos);
}

TEST(Loader, CapsTheNumberOfDiagnostics) {
  std::string y = "chainnet: 1\nproducts:\n";
  for (int i = 0; i < 1500; ++i) y += "  - {id: p, value: -1}\n";
  try {
    load_scenario_text(y, "t.yaml", ".");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1001u);
    EXPECT_NE(e.diagnostics().back().message.find("more problems not shown"), std::string::npos);
    EXPECT_GE(e.error_count(), 1000u);
  }
}

TEST(Loader, MissingFileIsAnIoError) {
  EXPECT_THROW(load_scenario("/nonexistent/scenario.yaml"), IoError);
}

TEST(Loader, AcceptsLatLonAndTagsInEitherForm) {
  std::string y = kBase;
  y.replace(y.find("region: YY,"), 11, "region: YY, lat: 10, lon: 20, tags: [a, b, a],");
  const LoadResult r = load_scenario_text(y, "t.yaml", ".");
  const auto s = r.chain.find_site("shop");
  EXPECT_EQ(r.chain.sites().lat[s], 10.0);
  EXPECT_EQ(r.chain.sites().lon[s], 20.0);
  EXPECT_EQ(r.chain.sites().tags.degree(s), 2u);  // repeated tags count once
}

TEST(Loader, DisruptionsAndMonteCarloAreResolved) {
  std::string y = kBase;
  y += "lanes:\n  - {from: mine, to: smelter, mode: rail}\n  - {from: mine, to: smelter, mode: road}\n";
  y += "disruptions:\n  - {id: a, lanes: [[mine, smelter]], duration: 2}\n  - {id: b, product: ore, from_region: XX, capacity_loss: 0.5, start: 3, duration: 4}\n";
  y += "montecarlo:\n  runs: 50\n  events:\n    - {sites: all, probability: 0.1, duration: {empirical: [1, 2, 3]}}\n    - {region: XX, probability: 0.2, duration: 3}\n";
  const LoadResult r = load_scenario_text(y, "t.yaml", ".");
  const auto& d = r.chain.disruptions();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].lanes.size(), 2u);  // both parallel lanes
  EXPECT_EQ(d[1].target, model::DisruptionTarget::product);
  EXPECT_EQ(r.chain.regions().codes.name(d[1].from_region), "XX");
  EXPECT_EQ(d[1].start, 3u);
  const auto& mc = r.chain.montecarlo();
  EXPECT_TRUE(mc.present);
  EXPECT_EQ(mc.runs, 50u);
  EXPECT_EQ(mc.seed, 42u);  // settings.seed by default
  EXPECT_EQ(mc.events[0].duration.values.size(), 3u);
  EXPECT_EQ(mc.events[1].duration.a, 3.0);
}

TEST(Loader, TablesFromTextTablesMatchInline) {
  std::map<std::string, TextTable> t;
  t["products"] = {"<products>", {"id", "value"}, {{"ore", "metal"}, {"10", "50"}}};
  t["bom"] = {"<bom>", {"product", "input", "quantity"}, {{"metal"}, {"ore"}, {"2"}}};
  t["sites"] = {"<sites>", {"id", "kind", "region"}, {{"mine", "smelter", "shop"}, {"supplier", "plant", "market"}, {"XX-A", "XX-B", "YY"}}};
  t["capacities"] = {"<caps>", {"site", "product", "capacity", "cost", "co2"}, {{"mine", "smelter"}, {"ore", "metal"}, {"10", "5"}, {"", "3"}, {"", "1.5"}}};
  t["demands"] = {"<d>", {"site", "product", "quantity"}, {{"shop"}, {"metal"}, {"3"}}};
  t["supplies"] = {"<s>", {"from", "to", "product", "capacity", "share", "lead_time"},
                   {{"mine", "smelter"}, {"smelter", "shop"}, {"ore", "metal"}, {"", "4"}, {"", "1"}, {"", "2"}}};
  const LoadResult a = load_tables("{chainnet: 1}", t);
  const LoadResult b = load_scenario_text(kBase, "t.yaml", ".");
  test::check_invariants(a.chain);
  EXPECT_EQ(a.chain.supplies().capacity, b.chain.supplies().capacity);
  EXPECT_EQ(a.chain.holdings().site, b.chain.holdings().site);
  EXPECT_EQ(a.chain.makes().unit_cost, b.chain.makes().unit_cost);
  t["supplies"].cells[3][0] = "lots";
  try {
    load_tables("{chainnet: 1}", t);
    FAIL();
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "<s>");
    EXPECT_EQ(e.diagnostics()[0].line, 2u);
    EXPECT_EQ(e.diagnostics()[0].column, 4u);
  }
}

}  // namespace
}  // namespace chainnet::io
