// Time to survive and performance impact: a hand-computed chain, warm starts equal cold solves,
// thread counts give identical numbers, the LP facts of model.md on seeded random chains, and
// the optimal response never loses more than the propagation.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "chainnet/io/scenario.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/stress/optimal_response.hpp"
#include "chainnet/stress/propagation.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/survival.hpp"
#include "chainnet/stress/sweep.hpp"
#include "helpers.hpp"

namespace chainnet::test {
namespace {

using stress::OptimalResponse;
using stress::SiteSurvival;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Two suppliers of m (s: 10 a period, a: 3), a single source of b (bs: 20), a plant making f from
// 1 m + 2 b (capacity 10) with 20 m and 10 b in stock, a warehouse with 16 f, a market of 8 f a
// period worth 100 each. Time to recover 6 (s: 10). With a site down, over a window of t:
//   s:  m from a (3t) and stock (20) limit f to 20 + 3t; with the warehouse's 16,
//       8t <= 36 + 3t, so tts = 7.2; at its ttr of 10: lost 80 - 16 - 50 = 14 units, 1400.
//   a:  s alone ships 10 m a period >= 8: tts infinite, nothing lost.
//   bs: 10 b in stock make 5 f: 8t <= 21, tts = 2.625; lost 48 - 21 = 27 units, 2700.
//   p:  only the warehouse's 16 f: tts = 2; lost 48 - 16 = 32 units, 3200.
//   w:  a warehouse that is down ships only its stock: the same as p.
//   k:  a market is demand, not a failure candidate; assessed on request, a market that is down
//       sells only from its stock (none): tts 0, all 6 x 8 = 48 units lost at its ttr, 4800.
constexpr const char* kHand = R"(chainnet: 1
settings: {ttr: 6}
products:
  - {id: m, value: 1}
  - {id: b, value: 1}
  - {id: f, value: 100, inputs: {m: 1, b: 2}}
sites:
  - {id: s, kind: supplier, ttr: 10, makes: {m: {capacity: 10}}}
  - {id: a, kind: supplier, makes: {m: {capacity: 3}}}
  - {id: bs, kind: supplier, makes: {b: {capacity: 20}}}
  - {id: p, kind: plant, makes: {f: {capacity: 10}}, stock: {m: 20, b: 10}}
  - {id: w, kind: warehouse, stock: {f: 16}}
  - {id: k, kind: market, demand: {f: 8}}
supplies:
  - {from: s, to: p, product: m}
  - {from: a, to: p, product: m}
  - {from: bs, to: p, product: b}
  - {from: p, to: w, product: f}
  - {from: w, to: k, product: f}
)";

model::Chain load(const std::string& yaml) { return io::load_scenario_text(yaml, "t.yaml", ".").chain; }

std::map<std::string, SiteSurvival> by_id(const model::Chain& c, const stress::Survival& r) {
  std::map<std::string, SiteSurvival> m;
  for (const SiteSurvival& s : r.sites) m[std::string(c.site_id(s.site))] = s;
  return m;
}

TEST(Survival, HandChain) {
  const model::Chain c = load(kHand);
  for (bool warm : {true, false}) {
    stress::SurvivalOptions o;
    o.warm_start = warm;
    const stress::Survival r = stress::survival(c, o);
    const auto m = by_id(c, r);
    EXPECT_NEAR(m.at("s").tts, 7.2, 1e-9);
    EXPECT_EQ(m.at("s").ttr, 10);
    EXPECT_NEAR(m.at("s").performance_impact, 1400, 1e-6);
    EXPECT_TRUE(m.at("s").at_risk);
    EXPECT_EQ(m.at("a").tts, kInf);
    EXPECT_NEAR(m.at("a").performance_impact, 0, 1e-9);
    EXPECT_FALSE(m.at("a").at_risk);
    EXPECT_NEAR(m.at("bs").tts, 2.625, 1e-9);
    EXPECT_NEAR(m.at("bs").performance_impact, 2700, 1e-6);
    for (const char* id : {"p", "w"}) {
      EXPECT_NEAR(m.at(id).tts, 2.0, 1e-9) << id;
      EXPECT_NEAR(m.at(id).performance_impact, 3200, 1e-6) << id;
      EXPECT_NEAR(m.at(id).rei, 1.0, 1e-12) << id;
      EXPECT_EQ(m.at(id).ttr, 6);
    }
    EXPECT_EQ(m.count("k"), 0u);
    EXPECT_EQ(r.baseline_tts, kInf);
    EXPECT_NEAR(r.max_impact, 3200, 1e-6);
    EXPECT_NEAR(m.at("bs").rei, 2700.0 / 3200.0, 1e-9);
    EXPECT_EQ(r.at_risk, 4u);
    // ranked by impact, ties (p, w: same tts) by site id
    ASSERT_EQ(r.sites.size(), 5u);
    EXPECT_EQ(c.site_id(r.sites[0].site), "p");
    EXPECT_EQ(c.site_id(r.sites[1].site), "w");
    EXPECT_EQ(c.site_id(r.sites[2].site), "bs");
    EXPECT_EQ(c.site_id(r.sites[3].site), "s");
  }
  {
    stress::SurvivalOptions o;
    o.include_markets = true;
    const auto m = by_id(c, stress::survival(c, o));
    EXPECT_EQ(m.at("k").tts, 0.0);
    EXPECT_NEAR(m.at("k").performance_impact, 4800, 1e-6);
  }
  // one ttr for all: s at 6 periods is within its tts of 7.2
  stress::SurvivalOptions o;
  o.ttr = 6;
  const auto m = by_id(c, stress::survival(c, o));
  EXPECT_NEAR(m.at("s").performance_impact, 0, 1e-9);
  EXPECT_FALSE(m.at("s").at_risk);
  // windows past the tts: lost grows by 8 - 3 = 5 units a period
  OptimalResponse lp(c);
  const model::SiteId s = c.find_site("s");
  EXPECT_NEAR(lp.impact({&s, 1}, 7.2, nullptr).value, 0, 1e-6);
  EXPECT_NEAR(lp.impact({&s, 1}, 9.2, nullptr).value, 1000, 1e-6);
  // two sites down: s and bs together
  const model::SiteId both[] = {s, c.find_site("bs")};
  EXPECT_NEAR(lp.time_to_survive(both).value, 21.0 / 8.0, 1e-9);
}

TEST(Survival, SelectedSitesAndProgress) {
  const model::Chain c = load(kHand);
  const auto all = by_id(c, stress::survival(c));
  stress::SurvivalOptions o;
  o.sites = stress::resolve_sites(c, {"w", "bs"});
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  o.progress = [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); };
  const stress::Survival r = stress::survival(c, o);
  ASSERT_EQ(r.sites.size(), 2u);
  for (const SiteSurvival& s : r.sites) {
    const SiteSurvival& a = all.at(std::string(c.site_id(s.site)));
    EXPECT_EQ(s.performance_impact, a.performance_impact);
    EXPECT_EQ(s.tts, a.tts);
  }
  EXPECT_EQ(r.sites[0].rei, 1.0);  // relative to the sites assessed
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), std::make_pair(std::size_t{2}, std::size_t{2}));
  EXPECT_THROW(stress::resolve_sites(c, {"nowhere"}), InvalidInput);
  // a callback that throws still leaves every worker joined, and the error reaches the caller
  o.progress = [](std::size_t, std::size_t) { throw InvalidInput("stop"); };
  EXPECT_THROW(stress::survival(c, o), InvalidInput);
}

TEST(Survival, NoDemandNoStockEdgeCases) {
  // a market nobody can serve: tts 0 with nothing down, and so for every site
  const model::Chain c = load(R"(chainnet: 1
products: [{id: x, value: 5}]
sites:
  - {id: k, kind: market, demand: {x: 2}}
  - {id: s, kind: supplier, makes: {x: {capacity: 1}}}
supplies: [{from: s, to: k, product: x}]
)");
  const stress::Survival r = stress::survival(c, {.include_markets = true});
  EXPECT_EQ(r.baseline_tts, 0.0);
  for (const SiteSurvival& s : r.sites) EXPECT_EQ(s.tts, 0.0);
  // 4 periods: 8 demanded, 4 made; with s down all 8 lost, and so with the market down
  const auto m = by_id(c, r);
  EXPECT_NEAR(m.at("k").performance_impact, 5 * 8, 1e-9);
  EXPECT_NEAR(m.at("s").performance_impact, 5 * 8, 1e-9);
  EXPECT_THROW(stress::survival(c, {.ttr = -1}), InvalidInput);
  OptimalResponse lp(c);
  EXPECT_NEAR(lp.impact({}, 0, nullptr).value, 0, 1e-12);
}

// The facts model.md lists, on random chains: warm = cold; the nothing-failed tts bounds every
// site's; PI(n, t) = 0 exactly when t <= tts(n); PI grows with the window and the failed set.
TEST(Survival, LpFactsOnRandomChains) {
  int finite = 0, infinite = 0, zero = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const model::Chain c = stress_chain(seed, 1.0);
    OptimalResponse lp(c);
    stress::LpStart base_tts, base_pi;
    const double tts0 = lp.time_to_survive({}, nullptr, &base_tts).value;
    const double ttr = 1 + static_cast<double>(seed % 5);
    lp.impact({}, ttr, nullptr, &base_pi);
    std::mt19937_64 rng(seed);
    for (model::SiteId s = 0; s < c.num_sites(); ++s) {
      const std::span<const model::SiteId> down(&s, 1);
      const double tts = lp.time_to_survive(down, nullptr).value;
      const double warm_tts = lp.time_to_survive(down, &base_tts).value;
      if (std::isinf(tts)) {
        ASSERT_TRUE(std::isinf(warm_tts)) << "seed " << seed << " site " << s;
        ++infinite;
      } else {
        ASSERT_NEAR(warm_tts, tts, 1e-7 * (1 + tts)) << "seed " << seed << " site " << s;
        ++(tts == 0 ? zero : finite);
      }
      ASSERT_LE(tts, tts0 * (1 + 1e-9)) << "seed " << seed << " site " << s;
      const double pi = lp.impact(down, ttr, nullptr).value;
      ASSERT_NEAR(lp.impact(down, ttr, &base_pi).value, pi, 1e-7 * (1 + pi)) << "seed " << seed << " site " << s;
      if (tts > 0 && std::isfinite(tts)) {
        ASSERT_NEAR(lp.impact(down, 0.98 * tts, nullptr).value, 0, 1e-6) << "seed " << seed << " site " << s;
        ASSERT_GT(lp.impact(down, 1.02 * tts, nullptr).value, 1e-9) << "seed " << seed << " site " << s;
      }
      if (std::isinf(tts)) {
        ASSERT_NEAR(lp.impact(down, 50, nullptr).value, 0, 1e-6);
      }
      ASSERT_GE(lp.impact(down, 2 * ttr, nullptr).value, pi - 1e-7 * (1 + pi));
      const model::SiteId pair[] = {s, static_cast<model::SiteId>(rng() % c.num_sites())};
      ASSERT_GE(lp.impact(pair, ttr, nullptr).value, pi - 1e-7 * (1 + pi));
      ASSERT_LE(lp.time_to_survive(pair).value, tts * (1 + 1e-9) + 1e-12);
    }
  }
  EXPECT_GT(finite, 100);
  EXPECT_GT(infinite, 100);
  EXPECT_GT(zero, 10);
}

TEST(Survival, SameNumbersOnAnyThreadCount) {
  for (std::uint64_t seed : {3ull, 11ull, 29ull}) {
    const model::Chain c = stress_chain(seed, 1.0);
    std::vector<stress::Survival> runs;
    for (int threads : {1, 2, 8}) {
      const ThreadLimit limit(threads);
      runs.push_back(stress::survival(c));
    }
    EXPECT_EQ(runs[0].stats.threads, 1);
    for (std::size_t k = 1; k < runs.size(); ++k) {
      ASSERT_EQ(runs[k].sites.size(), runs[0].sites.size());
      for (std::size_t i = 0; i < runs[0].sites.size(); ++i) {
        const SiteSurvival& a = runs[0].sites[i];
        const SiteSurvival& b = runs[k].sites[i];
        ASSERT_EQ(a.site, b.site);
        ASSERT_EQ(a.performance_impact, b.performance_impact);  // bit for bit
        ASSERT_EQ(a.tts, b.tts);
        ASSERT_EQ(a.rei, b.rei);
      }
      EXPECT_EQ(runs[k].stats.iterations, runs[0].stats.iterations);
    }
  }
}

// Over the same horizon and resources (no lead times, so no goods in transit at the start), the
// optimal response loses no more demand value than the propagation with the site down
// throughout, nor with nothing down.
TEST(Survival, OptimalResponseLosesNoMoreThanPropagation) {
  int checked = 0, strictly_less = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const model::Chain c = stress_chain(seed, 1.0, false, 0);
    const std::uint32_t horizon = 6 + static_cast<std::uint32_t>(seed % 5);
    const stress::Propagation p(c, {horizon});
    auto ws = p.workspace();
    OptimalResponse lp(c);
    const double base = p.run({}, ws).lost_value;
    ASSERT_LE(lp.impact({}, horizon, nullptr).value, base + 1e-7 * (1 + base)) << "seed " << seed;
    for (model::SiteId s = 0; s < c.num_sites(); ++s) {
      const double sim = p.run(stress::site_failure(s, 1.0, 0, horizon), ws).lost_value;
      const double opt = lp.impact({&s, 1}, horizon, nullptr).value;
      ASSERT_LE(opt, sim + 1e-7 * (1 + sim)) << "seed " << seed << " site " << c.site_id(s);
      ++checked;
      strictly_less += opt < sim - 1e-6 * (1 + sim);
    }
  }
  EXPECT_GT(checked, 1000);
  EXPECT_GT(strictly_less, 10);
}

// One stock rule in every analysis: a failed site cannot produce but ships the stock it holds;
// `stock: lost` destroys that stock too. Plant p (10 parts a period, 30 in stock) sells to market
// m (10 a period, value 5); p is down for 4 periods.
// - kept: periods 0-2 ship from stock, period 3 nothing: 10 parts lost, value 50 (PI), and the
//   stock lasts 3 periods (TTS = 3);
// - lost: all 40 parts lost, value 200 (PI); TTS = 0.
TEST(OneStockRule, SurvivalSweepAndStressAgree) {
  const char* yaml = R"(chainnet: 1
settings: {horizon: 6, ttr: 4}
products: [{id: part, value: 5}]
sites:
  - {id: p, kind: plant, makes: {part: {capacity: 10}}, stock: {part: 30}}
  - {id: m, kind: market, demand: {part: 10}}
supplies:
  - {from: p, to: m, product: part}
disruptions:
  - {id: fire, sites: [p], duration: 4, stock: lost}
  - {id: strike, sites: [p], duration: 4}
)";
  const model::Chain c = load(yaml);
  const model::SiteId p = c.find_site("p");
  for (bool lost : {false, true}) {
    const double want = lost ? 200.0 : 50.0;
    stress::SurvivalOptions so;
    so.stock_lost = lost;
    const stress::Survival sv = stress::survival(c, so);
    ASSERT_EQ(sv.sites.size(), 1u);  // the market is not a failure candidate
    EXPECT_EQ(sv.sites[0].site, p);
    EXPECT_NEAR(sv.sites[0].performance_impact, want, 1e-9) << lost;
    EXPECT_NEAR(sv.sites[0].tts, lost ? 0.0 : 3.0, 1e-9) << lost;
    const stress::Propagation prop(c, {6});
    stress::SweepOptions sw;
    sw.duration = 4;
    sw.stock_lost = lost;
    const stress::Sweep sweep = stress::systemic_sweep(prop, sw);
    ASSERT_EQ(sweep.sites.size(), 1u);
    EXPECT_NEAR(sweep.sites[0].lost_value, want, 1e-9) << lost;
    const stress::StressResult r = stress::stress_test(prop, stress::disruption_shock(c, {lost ? "fire" : "strike"}), "x");
    EXPECT_NEAR(r.outcome.excess_lost_value, want, 1e-9) << lost;
  }
  // With the market included on request, its own failure loses its demand.
  stress::SurvivalOptions all;
  all.include_markets = true;
  EXPECT_EQ(stress::survival(c, all).sites.size(), 2u);
}

}  // namespace
}  // namespace chainnet::test
