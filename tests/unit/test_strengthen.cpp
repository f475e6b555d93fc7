// The strengthen planner on the default scenario's candidates, against its own brute force:
// every subset applied as a variant and measured by survival directly.
#include <gtest/gtest.h>

#include <cmath>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>

#include "chainnet/error.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/model/chain_editor.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/strengthen/planner.hpp"
#include "chainnet/stress/survival.hpp"
#include "chainnet/synth/generator.hpp"

namespace chainnet {
namespace {

std::string scenario() { return std::string(CHAINNET_SOURCE_DIR) + "/scenarios/default.yaml"; }

// Sum of PI over the given sites of `c` (by id), straight from survival.
double pi_of(const model::Chain& c, const std::vector<std::string>& ids) {
  stress::SurvivalOptions o;
  for (const auto& id : ids) o.sites.push_back(c.find_site(id));
  double total = 0;
  for (const auto& s : stress::survival(c, o).sites) total += s.performance_impact;
  return total;
}

TEST(Strengthen, ExactEqualsBruteForceAndAReRun) {
  const model::Chain c = io::load_scenario(scenario()).chain;
  const auto cands = strengthen::resolve_candidates(c);
  ASSERT_EQ(cands.size(), c.candidates().size());
  std::vector<std::string> failures;
  for (const auto& s : stress::survival(c).sites) failures.emplace_back(c.site_id(s.site));
  const double budget = 5.0e7;
  // Brute force: every subset.
  double best = pi_of(c, failures), best_cost = 0;
  const std::size_t n = cands.size();
  for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
    std::vector<char> chosen(n);
    for (std::size_t i = 0; i < n; ++i) chosen[i] = (mask >> i) & 1;
    if (!strengthen::admissible(cands, chosen, budget)) continue;
    const double v = pi_of(strengthen::apply_portfolio(c, cands, chosen), failures);
    const double cost = strengthen::portfolio_cost(cands, chosen);
    if (v < best - 1e-9 * best || (std::fabs(v - best) <= 1e-9 * best && cost < best_cost)) best = v, best_cost = cost;
  }
  strengthen::StrengthenOptions o;
  o.budget = budget;
  o.objective = strengthen::Objective::pi;
  o.method = strengthen::Method::exact;
  const auto r = strengthen::strengthen(c, cands, o);
  EXPECT_NEAR(r.before, pi_of(c, failures), 1e-9 * r.before);
  EXPECT_NEAR(r.after, best, 1e-9 * best);
  EXPECT_NEAR(r.total_cost, best_cost, 1e-6);
  EXPECT_LE(r.total_cost, budget);
  // The objective after equals a re-run on the chain with the chosen actions applied.
  std::vector<char> chosen(n, 0);
  for (std::uint32_t i : r.chosen) chosen[i] = 1;
  EXPECT_NEAR(r.after, pi_of(strengthen::apply_portfolio(c, cands, chosen), failures), 1e-9 * best);
  // The steps add up, and more budget never makes the objective worse.
  double cur = r.before;
  for (const auto& s : r.steps) {
    EXPECT_NEAR(cur - s.gain, s.objective_after, 1e-6 * r.before);
    cur = s.objective_after;
  }
  EXPECT_NEAR(cur, r.after, 1e-6 * r.before);
  for (std::size_t k = 1; k < r.frontier.size(); ++k) EXPECT_LE(r.frontier[k].objective, r.frontier[k - 1].objective);
  // Greedy is never better than the optimum.
  o.method = strengthen::Method::greedy;
  const auto g = strengthen::strengthen(c, cands, o);
  EXPECT_GE(g.after, r.after - 1e-9 * r.after);
  EXPECT_LE(g.evaluations, g.plain_evaluations);
}

TEST(Strengthen, BadInputIsRefused) {
  const model::Chain c = io::load_scenario(scenario()).chain;
  const auto cands = strengthen::resolve_candidates(c);
  strengthen::StrengthenOptions o;
  o.budget = -1;
  EXPECT_THROW(strengthen::strengthen(c, cands, o), InvalidInput);
  EXPECT_FALSE(strengthen::parse_objective("nope"));
  // A candidate naming an unknown product: a positioned error.
  const std::string yaml =
      "chainnet: 1\nproducts: [{id: a}, {id: b, inputs: {a: 1}}]\n"
      "sites:\n  - {id: s1, kind: supplier, makes: {a: 10}}\n  - {id: s2, kind: plant, makes: {b: 10}}\n"
      "  - {id: m, kind: market, demand: {b: 5}}\n"
      "supplies: [{from: s1, to: s2, product: a}, {from: s2, to: m, product: b}]\n"
      "candidates:\n  - {id: x, kind: stock, site: s2, product: zz, quantity: 5, cost: 1}\n";
  const model::Chain bad = io::load_scenario_text(yaml, "bad.yaml", ".").chain;
  try {
    (void)strengthen::resolve_candidates(bad);
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].line, 9u);  // the candidate's line
    EXPECT_NE(e.diagnostics()[0].message.find("unknown product 'zz'"), std::string::npos);
  }
}

}  // namespace
}  // namespace chainnet

namespace chainnet {
namespace {

// Random candidates on a generated chain: stock at buyers, capacity on limited lines, second
// sources from other makers, with random costs, groups and requirements.
model::Chain with_random_candidates(model::Chain c, std::mt19937_64& rng, std::uint32_t k) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  std::vector<model::CandidateSpec> specs;
  const model::HoldingTable& H = c.holdings();
  const model::MakeTable& M = c.makes();
  for (std::uint32_t i = 0; i < k; ++i) {
    std::string yaml;
    const std::string id = "c" + std::to_string(i);
    const std::string cost = std::to_string(1 + pick(9));
    for (int attempt = 0; attempt < 50 && yaml.empty(); ++attempt) {
      switch (pick(3)) {
        case 0: {  // stock where something is bought
          const model::HoldingId h = static_cast<model::HoldingId>(pick(H.size()));
          if (H.bought.degree(h) == 0) break;
          double need = 0;
          for (model::SupplyId e : H.bought[h]) need = std::max(need, std::isfinite(c.supplies().capacity[e]) ? c.supplies().capacity[e] : 10.0);
          yaml = "{id: " + id + ", kind: stock, site: " + std::string(c.site_id(H.site[h])) + ", product: " +
                 std::string(c.product_id(H.product[h])) + ", quantity: " + std::to_string(1 + pick(20)) + ", cost: " + cost + "}";
          break;
        }
        case 1: {  // capacity on a limited line
          const model::MakeId m = static_cast<model::MakeId>(pick(M.size()));
          if (!std::isfinite(M.capacity[m])) break;
          yaml = "{id: " + id + ", kind: capacity, site: " + std::string(c.site_id(M.site[m])) + ", product: " +
                 std::string(c.product_id(M.product[m])) + ", capacity: " + std::to_string(1 + pick(30)) + ", cost: " + cost + "}";
          break;
        }
        default: {  // a second source: another maker of a product a site buys
          const model::HoldingId h = static_cast<model::HoldingId>(pick(H.size()));
          if (H.bought.degree(h) == 0) break;
          const model::MakeId m = static_cast<model::MakeId>(pick(M.size()));
          if (M.product[m] != H.product[h] || M.site[m] == H.site[h]) break;
          yaml = "{id: " + id + ", kind: supply, from: " + std::string(c.site_id(M.site[m])) + ", to: " +
                 std::string(c.site_id(H.site[h])) + ", product: " + std::string(c.product_id(H.product[h])) +
                 ", capacity: " + std::to_string(1 + pick(30)) + ", cost: " + cost + "}";
          break;
        }
      }
    }
    if (yaml.empty()) continue;
    if (pick(4) == 0) yaml.insert(yaml.size() - 1, ", group: g" + std::to_string(pick(2)));
    if (!specs.empty() && pick(5) == 0) yaml.insert(yaml.size() - 1, ", requires: " + specs[pick(specs.size())].id);
    specs.push_back({id, yaml, "random.yaml", i + 1, 1});
  }
  model::ChainEditor ed(c);
  ed.set_candidates(std::move(specs));
  return ed.take();
}

// The least objective over every admissible portfolio, measured on the applied chain.
double brute_force(const model::Chain& c, const std::vector<strengthen::Candidate>& cands, double budget,
                   const strengthen::ObjectiveMeter& meter) {
  double best = meter(c);
  std::vector<char> chosen(cands.size(), 0);
  std::function<void(std::size_t, double)> walk = [&](std::size_t i, double cost) {
    if (cost > budget) return;
    if (i == cands.size()) {
      if (std::find(chosen.begin(), chosen.end(), 1) == chosen.end() || !strengthen::admissible(cands, chosen, budget)) return;
      best = std::min(best, meter(strengthen::apply_portfolio(c, cands, chosen)));
      return;
    }
    walk(i + 1, cost);
    chosen[i] = 1;
    walk(i + 1, cost + cands[i].cost);
    chosen[i] = 0;
  };
  walk(0, 0);
  return best;
}

// benders: the exact method through Benders decomposition (the deterministic equivalent's column
// limit set to 0), else the deterministic-equivalent MIP or enumeration.
void exact_against_brute_force(strengthen::Objective objective, int instances, bool benders = false) {
  std::mt19937_64 rng(2026 + static_cast<int>(objective) + (benders ? 100 : 0));
  int compared = 0;
  double worst_ratio = 1, exact_s = 0, brute_s = 0, ratio_sum = 0;
  int greedy_runs = 0, greedy_optimal = 0;
  for (int i = 0; i < instances; ++i) {
    SCOPED_TRACE("instance " + std::to_string(i));
    model::Chain base = synth::generate_chain({static_cast<std::uint32_t>(30 + rng() % 20), 100 + static_cast<std::uint64_t>(i)});
    const model::Chain c = with_random_candidates(std::move(base), rng, 2 + static_cast<std::uint32_t>(i % 11));
    std::vector<strengthen::Candidate> cands;
    try {
      cands = strengthen::resolve_candidates(c);
    } catch (const ScenarioError&) {
      continue;  // a random candidate the chain rejects (e.g. a supply it cannot take): skip it
    }
    if (cands.empty()) continue;
    const double budget = 3 + static_cast<double>(rng() % 15);
    const strengthen::ObjectiveMeter meter(c, objective, 200);
    const auto tb = std::chrono::steady_clock::now();
    const double want = brute_force(c, cands, budget, meter);
    brute_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - tb).count();
    strengthen::StrengthenOptions o;
    o.budget = budget;
    o.objective = objective;
    o.method = strengthen::Method::exact;
    if (benders) o.mip_column_limit = 0;
    o.montecarlo_runs = 200;
    o.frontier_steps = i % 8 == 0 ? 3 : 1;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = strengthen::strengthen(c, cands, o);
    exact_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double tol = 1e-7 * std::max(1.0, std::fabs(want));
    ASSERT_NEAR(r.after, want, tol);
    ASSERT_LE(r.total_cost, budget * (1 + 1e-9));
    if (benders) {
      ASSERT_NE(r.proof.find("Benders"), std::string::npos) << r.proof;
      ASSERT_EQ(r.proof.rfind("optimal", 0), 0u) << r.proof;
      ASSERT_LE(r.lp_bound, want + tol);
    }
    // More budget never makes it worse.
    for (std::size_t k = 1; k < r.frontier.size(); ++k) ASSERT_LE(r.frontier[k].objective, r.frontier[k - 1].objective + tol);
    if (i % 4 != 0) {
      ++compared;
      continue;
    }
    o.method = strengthen::Method::greedy;
    const auto g = strengthen::strengthen(c, cands, o);
    ASSERT_GE(g.after, want - 1e-7 * std::max(1.0, std::fabs(want)));
    ++greedy_runs;
    greedy_optimal += g.after <= want + 1e-7 * std::max(1.0, std::fabs(want));
    // (a gain below the comparison tolerance counts as none: greedy is then optimal)
    const double ratio = r.before - want > 1e-7 * std::max(1.0, std::fabs(want)) ? (r.before - g.after) / (r.before - want) : 1.0;
    worst_ratio = std::min(worst_ratio, ratio);
    ratio_sum += ratio;
    // greedy is never below its stated lower bound (it is a bound on every portfolio)
    if (std::isfinite(g.lp_bound)) ASSERT_GE(g.after, g.lp_bound - 1e-7 * std::max(1.0, std::fabs(want)));
    ++compared;
  }
  std::printf("%s%s: %d instances compared (exact %.1f s, brute force %.1f s); greedy on %d of them: optimal on %d, "
              "its gain %.3f of the optimal gain on average, %.3f at worst\n",
              std::string(strengthen::to_string(objective)).c_str(), benders ? " (Benders)" : "", compared, exact_s, brute_s,
              greedy_runs, greedy_optimal, greedy_runs ? ratio_sum / greedy_runs : 1.0, worst_ratio);
  EXPECT_GE(compared, instances / 2);
}

TEST(Strengthen, ExactEqualsBruteForcePi) { exact_against_brute_force(strengthen::Objective::pi, 200); }
TEST(Strengthen, ExactEqualsBruteForceAtRisk) { exact_against_brute_force(strengthen::Objective::at_risk, 200); }
TEST(Strengthen, BendersEqualsBruteForcePi) { exact_against_brute_force(strengthen::Objective::pi, 120, true); }
TEST(Strengthen, BendersEqualsBruteForceAtRisk) { exact_against_brute_force(strengthen::Objective::at_risk, 120, true); }

// A hand instance, worked out: raw `a` from s1 (10 a period) to plant p, which makes `b` for the
// market (10 a period, value 1); plant p2 could make b too but is connected to nothing. Every
// site's ttr is 4, so a failure of s1 or p loses 40 and the sum of PI is 80 (p2's is 0).
// - cap_s1 (cost 1): more capacity at s1. Cheapest, and useless: nothing it adds survives a failure.
// - stock_p (cost 5): 40 a at p. s1 failing then loses nothing: gain 40.
// - feed_p2 (cost 3) and ship_p2 (cost 3): s1 -> p2 and p2 -> market. Alone each gains nothing
//   (p2 without input, or without a buyer); together they cover p failing: gain 40.
// Budget 4: nothing helps (80). Budget 6: stock_p (40, cost 5) ties with feed + ship (40, cost 6):
// the cheaper wins. Budget 11: all three useful ones (0). Greedy at 11 takes stock_p, then sees no
// gain in feed_p2 or ship_p2 alone and stops at 40: half the optimal gain.
TEST(Strengthen, HandInstance) {
  const std::string yaml =
      "chainnet: 1\n"
      "settings: {ttr: 4}\n"
      "products: [{id: a}, {id: b, inputs: {a: 1}}]\n"
      "sites:\n"
      "  - {id: s1, kind: supplier, makes: {a: 10}}\n"
      "  - {id: p, kind: plant, makes: {b: 10}}\n"
      "  - {id: p2, kind: plant, makes: {b: 10}}\n"
      "  - {id: m, kind: market, demand: {b: 10}}\n"
      "supplies: [{from: s1, to: p, product: a}, {from: p, to: m, product: b}]\n"
      "candidates:\n"
      "  - {id: cap_s1, kind: capacity, site: s1, product: a, capacity: 5, cost: 1}\n"
      "  - {id: stock_p, kind: stock, site: p, product: a, quantity: 40, cost: 5}\n"
      "  - {id: feed_p2, kind: supply, from: s1, to: p2, product: a, capacity: 10, cost: 3}\n"
      "  - {id: ship_p2, kind: supply, from: p2, to: m, product: b, capacity: 10, cost: 3}\n";
  const model::Chain c = io::load_scenario_text(yaml, "hand.yaml", ".").chain;
  const auto cands = strengthen::resolve_candidates(c);
  auto run = [&](double budget, strengthen::Method m) {
    strengthen::StrengthenOptions o;
    o.budget = budget;
    o.objective = strengthen::Objective::pi;
    o.method = m;
    return strengthen::strengthen(c, cands, o);
  };
  auto ids = [&](const strengthen::StrengthenResult& r) {
    std::vector<std::string> out;
    for (std::uint32_t i : r.chosen) out.push_back(cands[i].id);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto r4 = run(4, strengthen::Method::exact);
  EXPECT_NEAR(r4.before, 80, 1e-6);
  EXPECT_NEAR(r4.after, 80, 1e-6);
  EXPECT_TRUE(r4.chosen.empty());
  const auto r6 = run(6, strengthen::Method::exact);
  EXPECT_NEAR(r6.after, 40, 1e-6);
  EXPECT_EQ(ids(r6), std::vector<std::string>{"stock_p"});
  const auto r11 = run(11, strengthen::Method::exact);
  EXPECT_NEAR(r11.after, 0, 1e-6);
  EXPECT_EQ(ids(r11), (std::vector<std::string>{"feed_p2", "ship_p2", "stock_p"}));
  // automatic: the MIP while it is small, greedy beyond the column limit.
  EXPECT_EQ(run(11, strengthen::Method::automatic).method, strengthen::Method::exact);
  {
    strengthen::StrengthenOptions o;
    o.budget = 11;
    o.mip_column_limit = 10;
    EXPECT_EQ(strengthen::strengthen(c, cands, o).method, strengthen::Method::greedy);
  }
  const auto g11 = run(11, strengthen::Method::greedy);
  EXPECT_NEAR(g11.after, 40, 1e-6);
  EXPECT_EQ(ids(g11), std::vector<std::string>{"stock_p"});
  EXPECT_NEAR(g11.lp_bound, 0, 1e-6);  // the relaxation sees the pair: the bound is the optimum here
}
TEST(Strengthen, ExactEqualsBruteForceSpof) { exact_against_brute_force(strengthen::Objective::spof, 200); }
// Monte Carlo objectives: common random numbers make every portfolio's measure repeatable, so the
// planner's enumeration must find exactly the brute force's least value.
TEST(Strengthen, ExactEqualsBruteForceExpectedLoss) { exact_against_brute_force(strengthen::Objective::expected_loss, 200); }
TEST(Strengthen, ExactEqualsBruteForceCvar95) { exact_against_brute_force(strengthen::Objective::cvar95, 200); }

}  // namespace
}  // namespace chainnet

#include "chainnet/strengthen/region_profile.hpp"

namespace chainnet {
namespace {

// The regional view on a hand chain: a (value 1) from s1 in Fujian (30 a period) and s2 in
// Australia (10), shares 0.75 / 0.25, into plant p in Sichuan making b (value 10) for a market in
// Guangdong (20 a period). In the normal plan s1 sends 15 and s2 5.
// China (CN): sites s1, p, m. Product a: 2 makers, 1 here; capacity 40, 30 here: share 0.75; by
// country CN 30, AU 10: HHI 0.75^2 + 0.25^2 = 0.625, top CN 75 %; imports 5 x 1 = 5; production
// share 15 / 20. Product b: 1 maker, here; HHI 1. Stage 0 (a): made here, 15 made against 5
// imported: 75 % of its value made here. Stage 1 (b): 20 x 10 = 200 made, nothing imported.
// Totals: made 215, imported 5, exported 0. Australia: s2 alone, exports 5.
TEST(RegionProfile, HandChain) {
  const std::string yaml =
      "chainnet: 1\n"
      "products: [{id: a, value: 1}, {id: b, value: 10, inputs: {a: 1}}]\n"
      "sites:\n"
      "  - {id: s1, kind: supplier, region: CN-FJ, makes: {a: 30}}\n"
      "  - {id: s2, kind: supplier, region: AU-WA, makes: {a: 10}}\n"
      "  - {id: p, kind: plant, region: CN-SC, makes: {b: 20}}\n"
      "  - {id: m, kind: market, region: CN-GD, demand: {b: 20}}\n"
      "supplies: [{from: s1, to: p, product: a, share: 0.75}, {from: s2, to: p, product: a, share: 0.25},\n"
      "           {from: p, to: m, product: b}]\n";
  const model::Chain c = io::load_scenario_text(yaml, "region.yaml", ".").chain;
  const auto r = strengthen::region_profile(c, "CN");
  EXPECT_EQ(r.sites.size(), 3u);
  ASSERT_EQ(r.products.size(), 2u);
  const auto& a = r.products[0];  // imported most
  EXPECT_EQ(c.product_id(a.product), "a");
  EXPECT_EQ(a.makers, 2u);
  EXPECT_EQ(a.makers_here, 1u);
  EXPECT_NEAR(a.capacity_share, 0.75, 1e-12);
  EXPECT_NEAR(a.hhi_country, 0.625, 1e-12);
  EXPECT_EQ(a.top_country, "CN");
  EXPECT_NEAR(a.top_country_share, 0.75, 1e-12);
  EXPECT_NEAR(a.import_value, 5, 1e-9);
  EXPECT_NEAR(a.production_share, 0.75, 1e-9);
  const auto& b = r.products[1];
  EXPECT_EQ(c.product_id(b.product), "b");
  EXPECT_NEAR(b.hhi_country, 1, 1e-12);
  EXPECT_NEAR(b.capacity_share, 1, 1e-12);
  ASSERT_EQ(r.stages.size(), 2u);
  EXPECT_EQ(r.stages[0].made_here, 1u);
  EXPECT_EQ(r.stages[0].imported, 0u);
  EXPECT_NEAR(r.stages[0].value_share, 0.75, 1e-9);
  EXPECT_NEAR(r.stages[1].production_value, 200, 1e-9);
  EXPECT_NEAR(r.stages[1].value_share, 1, 1e-12);
  EXPECT_NEAR(r.production_value, 215, 1e-9);
  EXPECT_NEAR(r.import_value, 5, 1e-9);
  EXPECT_NEAR(r.export_value, 0, 1e-9);
  const auto au = strengthen::region_profile(c, "AU");
  EXPECT_EQ(au.sites.size(), 1u);
  EXPECT_NEAR(au.export_value, 5, 1e-9);
  EXPECT_THROW(strengthen::region_profile(c, "DE"), InvalidInput);
}

}  // namespace
}  // namespace chainnet

#include "strengthen/failure_lps.hpp"

namespace chainnet {
namespace {

// The per-failure LPs of the greedy search against survival itself on the applied chain: every
// portfolio's value, the value after each step taken, the dual bounds below the values, and the
// first-order bound below the brute-force optimum; warm and plain re-solving agree.
void failure_lps_against_survival(strengthen::Objective objective, int instances) {
  const bool risk = objective == strengthen::Objective::at_risk;
  std::mt19937_64 rng(77 + static_cast<int>(objective));
  int compared = 0, portfolios = 0;
  for (int i = 0; i < instances; ++i) {
    SCOPED_TRACE("instance " + std::to_string(i));
    model::Chain base = synth::generate_chain({static_cast<std::uint32_t>(30 + rng() % 30), 500 + static_cast<std::uint64_t>(i)});
    const model::Chain c = with_random_candidates(std::move(base), rng, 3 + static_cast<std::uint32_t>(i % 9));
    std::vector<strengthen::Candidate> cands;
    try {
      cands = strengthen::resolve_candidates(c);
    } catch (const ScenarioError&) {
      continue;
    }
    if (cands.empty()) continue;
    const std::size_t n = cands.size();
    const strengthen::ObjectiveMeter meter(c, objective);
    strengthen::FailureLps lps(c, cands, meter.failures(), meter.weights(), risk);
    strengthen::FailureLps plain(c, cands, meter.failures(), meter.weights(), risk, false);
    auto near = [](double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); };
    ASSERT_TRUE(near(lps.value(), meter.reference_value())) << lps.value() << " vs " << meter.reference_value();
    // Random portfolios (requirements closed), from the empty one's bases.
    for (int k = 0; k < 4; ++k) {
      std::vector<char> p(n, 0);
      for (std::size_t j = 0; j < n; ++j) p[j] = rng() % 2;
      for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t j = 0; j < n; ++j)
          if (p[j] && cands[j].required >= 0 && !p[static_cast<std::size_t>(cands[j].required)]) p[static_cast<std::size_t>(cands[j].required)] = 1, grew = true;
      }
      std::vector<std::uint32_t> add;
      for (std::uint32_t j = 0; j < n; ++j)
        if (p[j]) add.push_back(j);
      const double want = meter(strengthen::apply_portfolio(c, cands, p));
      const double got = lps.value_of(p);
      ASSERT_TRUE(near(got, want)) << "portfolio " << k << ": " << got << " vs survival " << want;
      ASSERT_TRUE(near(plain.value_of(p), want));
      ASSERT_LE(lps.bound_with(add), want + 1e-6 * std::max(1.0, want));
      ++portfolios;
    }
    // Steps taken one candidate at a time: the value after each equals survival's.
    std::vector<char> have(n, 0);
    for (std::uint32_t j = 0; j < n; ++j) {
      if (cands[j].required >= 0 && !have[static_cast<std::size_t>(cands[j].required)]) continue;
      const std::uint32_t one[] = {j};
      const double predicted = lps.value_with(one);
      ASSERT_LE(lps.bound_with(one), predicted + 1e-6 * std::max(1.0, predicted));
      lps.take(one);
      have[j] = 1;
      ASSERT_TRUE(near(lps.value(), predicted));
      ASSERT_TRUE(near(lps.value(), meter(strengthen::apply_portfolio(c, cands, have))));
    }
    // The first-order bound is below the optimum at a budget.
    const double budget = 3 + static_cast<double>(rng() % 15);
    const double best = brute_force(c, cands, budget, meter);
    ASSERT_LE(lps.first_order_bound(budget, cands), best + 1e-6 * std::max(1.0, best));
    ++compared;
  }
  std::printf("%s: %d chains, %d random portfolios compared with survival\n",
              std::string(strengthen::to_string(objective)).c_str(), compared, portfolios);
  EXPECT_GE(compared, instances / 2);
}

TEST(Strengthen, FailureLpsMatchSurvivalPi) { failure_lps_against_survival(strengthen::Objective::pi, 60); }
TEST(Strengthen, FailureLpsMatchSurvivalAtRisk) { failure_lps_against_survival(strengthen::Objective::at_risk, 60); }

}  // namespace
}  // namespace chainnet
