// Sweep and Monte Carlo: same numbers on 1, 2 and 8 threads; seeds matter; draws follow the
// event probabilities; the sweep equals one propagation per site.
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>

#include "chainnet/io/scenario.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/stress/monte_carlo.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/sweep.hpp"
#include "chainnet/synth/generator.hpp"
#include "helpers.hpp"

namespace chainnet::test {
namespace {

const model::Chain& default_chain() {
  static const model::Chain c = io::load_scenario((source_dir() / "scenarios" / "default.yaml").string()).chain;
  return c;
}

TEST(MonteCarlo, SameNumbersOnAnyThreadCount) {
  const model::Chain& c = default_chain();
  const stress::Propagation p(c, {c.settings().horizon});
  stress::MonteCarloOptions o;
  o.runs = 3000;
  std::vector<stress::MonteCarloResult> results;
  for (int threads : {1, 2, 8}) {
    const ThreadLimit limit(threads);
    results.push_back(stress::monte_carlo(p, c.montecarlo(), o));
  }
  for (std::size_t i = 1; i < results.size(); ++i) {
    EXPECT_EQ(results[i].lost_value, results[0].lost_value);
    EXPECT_EQ(results[i].failed_sites, results[0].failed_sites);
    EXPECT_EQ(results[i].mean, results[0].mean);
    EXPECT_EQ(results[i].cvar95, results[0].cvar95);
    EXPECT_EQ(results[i].site_share, results[0].site_share);
    EXPECT_EQ(results[i].site_loss_share, results[0].site_loss_share);
  }
  const auto& r = results[0];
  EXPECT_GT(r.p_any_loss, 0.0);
  EXPECT_LE(r.p50, r.p95);
  EXPECT_LE(r.p95, r.p99);
  EXPECT_GE(r.cvar95, r.p95);
  // Same seed again: same numbers; another seed: different ones.
  EXPECT_EQ(stress::monte_carlo(p, c.montecarlo(), o).lost_value, r.lost_value);
  o.seed = 8;
  o.seed_given = true;
  const auto other = stress::monte_carlo(p, c.montecarlo(), o);
  EXPECT_NE(other.lost_value, r.lost_value);
  EXPECT_NE(other.mean, r.mean);
}

TEST(MonteCarlo, SummaryMatchesThePerRunNumbers) {
  const model::Chain& c = default_chain();
  const stress::Propagation p(c, {c.settings().horizon});
  stress::MonteCarloOptions o;
  o.runs = 1001;
  const auto r = stress::monte_carlo(p, c.montecarlo(), o);
  std::vector<double> v = r.lost_value;
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  EXPECT_NEAR(r.mean, sum / 1001, 1e-6 * (1 + r.mean));
  // numpy.percentile(v, 95) with linear interpolation: position 0.95 * 1000 = 950.
  EXPECT_DOUBLE_EQ(r.p95, v[950]);
  EXPECT_DOUBLE_EQ(r.p50, v[500]);
  // The worst ceil(5 %) = 51 runs.
  double tail = 0;
  for (std::size_t i = 1001 - 51; i < 1001; ++i) tail += v[i];
  EXPECT_NEAR(r.cvar95, tail / 51, 1e-6 * (1 + r.cvar95));
  // Each run re-simulated alone gives its number.
  auto ws = p.workspace();
  for (std::uint64_t run : {0ull, 17ull, 500ull, 1000ull}) {
    const auto shock = stress::draw_run(c, c.montecarlo(), r.seed, run, p.horizon());
    EXPECT_DOUBLE_EQ(p.run(shock, ws).excess_lost_value, r.lost_value[run]);
  }
}

TEST(MonteCarlo, DrawsFollowTheProbabilities) {
  // 2,000 sites failing with probability 0.02 each, 2,000 runs: about 40 failures a run.
  const model::Chain c = synth::generate_chain({2000, 3});
  model::MonteCarloSpec spec;
  spec.present = true;
  model::MonteCarloEvent ev;
  ev.all_sites = true;
  ev.probability = 0.02;
  ev.duration.kind = model::DurationDistribution::Kind::uniform;
  ev.duration.a = 1;
  ev.duration.b = 8;
  spec.events.push_back(ev);
  double failures = 0;
  std::vector<double> durations(9, 0);
  std::vector<double> per_site(c.num_sites(), 0);
  for (std::uint64_t run = 0; run < 2000; ++run) {
    std::vector<stress::SiteId> failed;
    const auto shock = stress::draw_run(c, spec, 5, run, 26, &failed, true);
    failures += static_cast<double>(failed.size());
    // By default markets are demand, not failure candidates: the same draws without them.
    std::vector<stress::SiteId> without;
    stress::draw_run(c, spec, 5, run, 26, &without);
    for (stress::SiteId s : without) ASSERT_NE(c.sites().kind[s], model::SiteKind::market);
    for (stress::SiteId s : failed)
      if (c.sites().kind[s] != model::SiteKind::market) {
        ASSERT_TRUE(std::binary_search(without.begin(), without.end(), s));
      }
    for (const auto& h : shock.hits) {
      ASSERT_GE(h.duration, 1u);
      ASSERT_LE(h.duration, 8u);
      ASSERT_LT(h.start, 26u);
      durations[h.duration] += 1;
      per_site[h.id] += 1;
    }
  }
  const double expected = 0.02 * c.num_sites() * 2000;
  EXPECT_NEAR(failures, expected, 4 * std::sqrt(expected));
  for (int d = 1; d <= 8; ++d) EXPECT_NEAR(durations[d], expected / 8, 5 * std::sqrt(expected / 8)) << d;
  // Early and late sites fail alike (no bias from the geometric skipping).
  double first = 0, second = 0;
  for (std::uint32_t s = 0; s < c.num_sites(); ++s) (s < c.num_sites() / 2 ? first : second) += per_site[s];
  EXPECT_NEAR(first, second, 5 * std::sqrt(expected));
  // A regional event: all of the region's sites or none.
  model::MonteCarloSpec region = spec;
  region.events[0].all_sites = false;
  region.events[0].region = c.sites().region[0];
  region.events[0].probability = 0.3;
  std::uint32_t in_region = 0;
  for (stress::SiteId s = 0; s < c.num_sites(); ++s) in_region += c.regions().within(c.sites().region[s], region.events[0].region);
  int hit_runs = 0;
  for (std::uint64_t run = 0; run < 1000; ++run) {
    std::vector<stress::SiteId> failed;
    stress::draw_run(c, region, 5, run, 26, &failed);
    ASSERT_TRUE(failed.empty() || failed.size() == in_region);
    hit_runs += !failed.empty();
  }
  EXPECT_NEAR(hit_runs, 300, 4 * std::sqrt(1000 * 0.3 * 0.7));
}

TEST(Sweep, EqualsOnePropagationPerSiteOnAnyThreadCount) {
  const model::Chain c = synth::generate_chain({600, 11});
  const stress::Propagation p(c, {20});
  std::vector<stress::Sweep> sweeps;
  for (int threads : {1, 2, 8}) {
    const ThreadLimit limit(threads);
    sweeps.push_back(stress::systemic_sweep(p, {3, 1.0, 1}));
  }
  for (std::size_t i = 1; i < sweeps.size(); ++i)
    for (std::size_t k = 0; k < sweeps[0].sites.size(); ++k) {
      ASSERT_EQ(sweeps[i].sites[k].site, sweeps[0].sites[k].site);
      ASSERT_EQ(sweeps[i].sites[k].lost_value, sweeps[0].sites[k].lost_value);
    }
  const stress::Propagation full(c, {20, false});
  auto ws = full.workspace();
  double total = 0;
  for (const auto& s : sweeps[0].sites) {
    const auto o = full.run(stress::site_failure(s.site, 1.0, 1, 3), ws);
    // Rounding: runs skip what equals the baseline, so sums differ in the last bits.
    ASSERT_NEAR(s.lost_value, o.excess_lost_value, 1e-9 * p.demand_value_per_period() * 20) << c.site_id(s.site);
    ASSERT_NEAR(s.lost_value_share, o.excess_lost_value / (p.demand_value_per_period() * 20), 1e-8);
    ASSERT_GE(s.lost_value_share, -1e-9);
    ASSERT_LE(s.lost_value_share, 1 + 1e-12);
    total += s.lost_value;
  }
  EXPECT_GT(total, 0);
  for (std::size_t k = 1; k < sweeps[0].sites.size(); ++k)
    ASSERT_GE(sweeps[0].sites[k - 1].lost_value_share, sweeps[0].sites[k].lost_value_share);
}

TEST(Stress, ScenarioDisruptionsResolve) {
  const model::Chain& c = default_chain();
  const stress::Propagation p(c, {c.settings().horizon});
  const auto all = stress::stress_each_disruption(p);
  ASSERT_EQ(all.size(), c.disruptions().size());
  for (const auto& r : all) {
    EXPECT_EQ(r.timeline.size(), static_cast<std::size_t>(p.horizon()) * p.demand_holdings().size());
    double by_period = 0;
    for (double v : r.lost_value_by_period) by_period += v;
    EXPECT_NEAR(by_period, r.outcome.lost_value, 1e-6 * (1 + by_period));
  }
  EXPECT_THROW(stress::disruption_shock(c, {"no_such_thing"}), InvalidInput);
  // The separator plant is the only one: its fire loses demand; a sea-freight crunch hits the
  // supplies routed over sea lanes.
  std::string label;
  const auto fire = stress::disruption_shock(c, {"separator_fire", "sea_freight_crunch"}, &label);
  EXPECT_EQ(label, "separator_fire+sea_freight_crunch");
  EXPECT_GT(fire.hits.size(), 2u);
}

}  // namespace
}  // namespace chainnet::test
