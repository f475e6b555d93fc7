// One operating model: the analyses agree on the same chain (seeded random chains).
// - with lead times 0, no stock and lost sales priced far above any cost, a site n down for t
//   periods: survival's PI(n, t) = t x the single-period re-plan's lost value with n down = the
//   optimal-response stress loss;
// - the optimal response never loses more than the propagation, for every shock;
// - a lane closure with a detour of enough capacity and time loses no demand, in the
//   propagation, the optimal response and the re-plan.
#include <gtest/gtest.h>

#include <random>

#include "chainnet/flow/replan.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/stress/best_response.hpp"
#include "chainnet/stress/optimal_response.hpp"
#include "chainnet/stress/propagation.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "helpers.hpp"

namespace chainnet::test {
namespace {

TEST(OperatingModel, SurvivalReplanAndOptimalResponseAgree) {
  int compared = 0, with_loss = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const model::Chain c = stress_chain(seed, 0.0, false, 0, 1e4);
    const std::uint32_t t = 3;
    const stress::Propagation p(c, {t});
    if (p.cycle_supplies() > 0) continue;  // rings carry nothing in the operating model
    stress::OptimalResponse survival(c);
    const std::vector<model::SiteId> sites = stress::failure_candidates(c);
    for (std::size_t k = 0; k < sites.size(); k += 3) {
      const model::SiteId n = sites[k];
      const double pi = survival.impact({&n, 1}, t, nullptr).value;
      flow::ReplanShock shock;
      shock.sites.emplace_back(n, 1.0);
      flow::PlanOptions po;
      po.method = flow::PlanMethod::lp;
      const flow::Replan rp = flow::replan(c, shock, po);
      double replan_lost = 0;
      for (const flow::Unmet& u : rp.replanned.unmet) replan_lost += u.quantity * c.products().value[c.holdings().product[u.holding]];
      const stress::StressResult opt = stress::best_response(p, stress::site_failure(n, 1.0, 0, t), "x");
      const double tol = 1e-6 * std::max(1.0, pi);
      ASSERT_NEAR(pi, t * replan_lost, tol) << "seed " << seed << " site " << c.site_id(n);
      ASSERT_NEAR(pi, opt.outcome.lost_value, tol) << "seed " << seed << " site " << c.site_id(n);
      ++compared;
      with_loss += pi > tol;
    }
  }
  EXPECT_GT(compared, 300);
  EXPECT_GT(with_loss, 100);
}

TEST(OperatingModel, OptimalResponseLosesNoMoreThanThePropagation) {
  int checked = 0, strictly = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const model::Chain c = stress_chain(seed, 1.0, false, 2, seed % 2 ? 1.0 : 1e4);
    const stress::Propagation p(c, {8});
    if (p.cycle_supplies() > 0) continue;
    auto ws = p.workspace();
    std::mt19937_64 rng(seed * 31 + 5);
    for (int k = 0; k < 4; ++k) {
      stress::Shock shock;
      const int n = 1 + static_cast<int>(rng() % 2);
      for (int j = 0; j < n; ++j)
        shock.add(stress::site_failure(static_cast<model::SiteId>(rng() % c.num_sites()), 0.25 * (1 + rng() % 4),
                                       static_cast<std::uint32_t>(rng() % 4), 1 + static_cast<std::uint32_t>(rng() % 4),
                                       rng() % 3 == 0));
      const double sim = p.run(shock, ws).lost_value;
      const double opt = stress::best_response(p, shock, "x").outcome.lost_value;
      ASSERT_LE(opt, sim + 1e-6 * std::max(1.0, sim)) << "seed " << seed << " shock " << k;
      ++checked;
      strictly += opt < sim - 1e-6 * std::max(1.0, sim);
    }
  }
  EXPECT_GT(checked, 300);
  EXPECT_GT(strictly, 30);
}

// Clp (the default engine) and GLPK give the same optimum.
TEST(OperatingModel, OptimalResponseEnginesAgree) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const model::Chain c = stress_chain(seed, 1.0, false, 2);
    const stress::Propagation p(c, {6});
    const stress::Shock shock = stress::site_failure(static_cast<model::SiteId>(seed % c.num_sites()), 1.0, 1, 3);
    stress::StressOptions clp, glpk;
    glpk.engine = stress::ResponseEngine::glpk;
    const double a = stress::best_response(p, shock, "x", clp).outcome.lost_value;
    const double b = stress::best_response(p, shock, "x", glpk).outcome.lost_value;
    ASSERT_NEAR(a, b, 1e-7 * std::max(1.0, b)) << "seed " << seed;
    ++checked;
  }
  EXPECT_EQ(checked, 40);
}

// The chain of stress_chain with a road lane for every supply and a rail detour through a hub of
// its own (twice the time, still within the week), lane capacities unlimited.
model::Chain with_detours(const model::Chain& base) {
  model::ChainBuilder b;
  const auto& P = base.products();
  for (model::ProductId p = 0; p < P.size(); ++p) b.add_product({P.ids.name(p), "", P.value[p]});
  for (model::ProductId p = 0; p < P.size(); ++p)
    for (std::uint32_t i = P.bom.first[p]; i < P.bom.first[p + 1]; ++i) b.add_bom_input(p, P.bom.items[i], P.bom_quantity[i]);
  for (model::SiteId s = 0; s < base.num_sites(); ++s)
    b.add_site({base.site_id(s), "", "", base.sites().kind[s], base.regions().codes.name(base.sites().region[s])});
  const auto& M = base.makes();
  for (model::MakeId m = 0; m < M.size(); ++m) b.add_make({M.site[m], M.product[m], M.capacity[m], M.unit_cost[m], 0});
  const auto& H = base.holdings();
  for (model::HoldingId h = 0; h < H.size(); ++h) {
    if (H.stock[h] > 0) b.add_stock(H.site[h], H.product[h], H.stock[h]);
    if (H.demand[h] > 0) b.add_demand(H.site[h], H.product[h], H.demand[h]);
  }
  const auto& S = base.supplies();
  std::vector<std::string> hub_names;
  for (model::SupplyId e = 0; e < S.size(); ++e) {
    model::SupplySpec sp;
    sp.seller = S.seller[e];
    sp.buyer = S.buyer[e];
    sp.product = S.product[e];
    sp.capacity = S.capacity[e];
    sp.lead_time = S.lead_time[e];
    b.add_supply(sp);
    hub_names.push_back("hub_" + std::to_string(e));
  }
  for (const std::string& name : hub_names) b.add_hub({name, "", ""});
  for (model::SupplyId e = 0; e < S.size(); ++e) {
    model::LaneSpec road;
    road.from = {false, S.seller[e]};
    road.to = {false, S.buyer[e]};
    road.mode = model::Mode::road;
    road.cost = 1;
    road.time_h = 10;
    b.add_lane(road);
    model::LaneSpec rail = road;
    rail.mode = model::Mode::rail;
    rail.cost = 1.5;
    rail.to = {true, e};
    b.add_lane(rail);
    rail.from = {true, e};
    rail.to = {false, S.buyer[e]};
    b.add_lane(rail);
  }
  model::Disruption d;
  d.id = "roads_closed";
  d.target = model::DisruptionTarget::mode;
  d.mode = model::Mode::road;
  d.start = 1;
  d.duration = 3;
  b.add_disruption(d);
  return b.build();
}

TEST(OperatingModel, LaneClosureWithADetourLosesNothing) {
  int checked = 0, moved = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const model::Chain c = with_detours(stress_chain(seed, 1.0, false, 2, 1e4));
    const stress::Propagation p(c, {8});
    if (p.cycle_supplies() > 0) continue;
    const stress::Shock shock = stress::disruption_shock(p, {"roads_closed"});
    const stress::StressResult sim = stress::stress_test(p, shock, "roads");
    ASSERT_NEAR(sim.outcome.excess_lost_value, 0.0, 1e-6 * std::max(1.0, p.demand_value_per_period())) << "seed " << seed;
    const stress::StressResult opt = stress::best_response(p, shock, "roads");
    ASSERT_NEAR(opt.outcome.excess_lost_value, 0.0, 1e-6 * std::max(1.0, p.demand_value_per_period())) << "seed " << seed;
    flow::ReplanShock rs;
    rs.disruptions.push_back(&c.disruptions()[0]);
    const flow::Replan rp = flow::replan(c, rs);
    ASSERT_NEAR(rp.delta.lost_sales_value, 0.0, 1e-6 * std::max(1.0, p.demand_value_per_period())) << "seed " << seed;
    EXPECT_NEAR(rp.delta.transport_cost, 2.0 * rp.normal.transport_cost, 1e-6 * std::max(1.0, rp.normal.transport_cost));
    ++checked;
    moved += !sim.reroutes.empty();
  }
  EXPECT_GT(checked, 80);
  EXPECT_GT(moved, 50);
}

}  // namespace
}  // namespace chainnet::test
