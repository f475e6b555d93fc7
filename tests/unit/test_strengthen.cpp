// The strengthen planner on the default scenario's candidates, against its own brute force:
// every subset applied as a variant and measured by survival directly.
#include <gtest/gtest.h>

#include <cmath>

#include "chainnet/error.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/strengthen/planner.hpp"
#include "chainnet/stress/survival.hpp"

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
