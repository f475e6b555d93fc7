// Disruption propagation: hand-computed timelines, and the invariants of docs/models.md on
// seeded random chains (incremental runs equal full runs; monotone in loss, duration and stock).
#include <gtest/gtest.h>

#include <random>

#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/stress/propagation.hpp"
#include "chainnet/weak/structural_loss.hpp"
#include "helpers.hpp"

namespace chainnet::test {
namespace {

using stress::Propagation;
using stress::ShockOutcome;

model::Chain load(const std::string& yaml) { return io::load_scenario_text(yaml, "t.yaml", ".").chain; }

// Two tiers and a BOM: two raw suppliers (s1 normal, s2 a standby alternative with 10 spare a
// period), a plant making one part from two raw units with a raw buffer of 12, a market of 20.
std::string two_tier(int lead) {
  return R"(chainnet: 1
settings: {horizon: 6}
products:
  - {id: raw, value: 1}
  - {id: part, value: 10, inputs: {raw: 2}}
sites:
  - {id: s1, kind: supplier, makes: {raw: {capacity: 100}}}
  - {id: s2, kind: supplier, makes: {raw: {capacity: 10}}}
  - {id: plant, kind: plant, makes: {part: {capacity: 30}}, stock: {raw: 12}}
  - {id: market, kind: market, demand: {part: 20}}
supplies:
  - {from: s1, to: plant, product: raw, share: 1.0, lead_time: )" +
         std::to_string(lead) + R"(}
  - {from: s2, to: plant, product: raw}
  - {from: plant, to: market, product: part}
)";
}

TEST(Propagation, HandTwoTiersWithBufferAndAlternative) {
  const model::Chain c = load(two_tier(0));
  const Propagation p(c, {6});
  ASSERT_TRUE(p.stationary());
  // Normal orders: the market asks 20 parts, the plant plans 20 and orders 40 raw, all from s1
  // (share 1; s2's share is what is left: 0).
  EXPECT_DOUBLE_EQ(p.normal_orders()[0], 40.0);
  EXPECT_DOUBLE_EQ(p.normal_orders()[1], 0.0);
  auto ws = p.workspace();
  stress::Trace trace;
  // s1 fails in periods 1 and 2.
  const ShockOutcome o = p.run(stress::site_failure(0, 1.0, 1, 2), ws, &trace);
  // t=0: normal, 20 served.
  // t=1: s1 ships 0; the plant re-orders its 40 from s2, which has 10 spare; raw on hand
  //      12 + 10 = 22 of the 40 needed, so it makes 11 parts: 11 served, 9 lost (value 90).
  // t=2: buffer empty; 10 from s2 make 5 parts: 15 lost (value 150).
  // t=3: s1 is back and ships 40: 20 served; the buffer is not rebuilt.
  const std::vector<double> served = {20, 11, 5, 20, 20, 20};
  for (std::uint32_t t = 0; t < 6; ++t) EXPECT_NEAR(trace.served[t], served[t], 1e-9) << "t=" << t;
  EXPECT_NEAR(o.lost_units, 24.0, 1e-9);
  EXPECT_NEAR(o.lost_value, 240.0, 1e-9);
  EXPECT_NEAR(o.excess_lost_value, 240.0, 1e-9);
  EXPECT_EQ(o.first_loss_period, 1);
  EXPECT_EQ(o.worst_period, 2);
  EXPECT_EQ(o.recovery_period, 3);
  EXPECT_TRUE(o.recovered);
  // Raw stock at the plant (holding order: s1/raw, s2/raw, plant/raw, plant/part, market/part).
  const model::HoldingId plant_raw = c.find_holding(c.find_site("plant"), c.find_product("raw"));
  EXPECT_NEAR(trace.stock[0 * c.holdings().size() + plant_raw], 12.0, 1e-9);
  EXPECT_NEAR(trace.stock[1 * c.holdings().size() + plant_raw], 0.0, 1e-9);
  // Production of s2: 10 in periods 1 and 2 (its spare capacity), 0 otherwise.
  const model::MakeId s2_line = c.holdings().make[c.find_holding(c.find_site("s2"), c.find_product("raw"))];
  EXPECT_NEAR(trace.production[1 * c.makes().size() + s2_line], 10.0, 1e-9);
  EXPECT_NEAR(trace.production[3 * c.makes().size() + s2_line], 0.0, 1e-9);
}

TEST(Propagation, HandLeadTimeDelaysTheGap) {
  const model::Chain c = load(two_tier(1));
  const Propagation p(c, {6});
  ASSERT_TRUE(p.stationary());
  auto ws = p.workspace();
  stress::Trace trace;
  const ShockOutcome o = p.run(stress::site_failure(0, 1.0, 1, 2), ws, &trace);
  // Lead time 1: 40 raw are in transit at t=0.
  // t=1: s1 ships 0 (due at t=2); the plant sees the shortfall now and takes 10 from s2; the
  //      40 shipped at t=0 arrive: 12 + 40 + 10 = 62 on hand, 40 used: 20 served, buffer 22.
  // t=2: nothing from s1 arrives; 22 + 10 = 32 raw make 16 parts: 4 lost.
  // t=3: s1 ships again (due at t=4) so nothing is re-ordered, but nothing arrives: 20 lost.
  // t=4: 40 arrive: 20 served.
  const std::vector<double> served = {20, 20, 16, 0, 20, 20};
  for (std::uint32_t t = 0; t < 6; ++t) EXPECT_NEAR(trace.served[t], served[t], 1e-9) << "t=" << t;
  EXPECT_NEAR(o.lost_units, 24.0, 1e-9);
  EXPECT_EQ(o.first_loss_period, 2);
  EXPECT_EQ(o.worst_period, 3);
  EXPECT_EQ(o.recovery_period, 4);
}

TEST(Propagation, HandThreeTiersWithWarehouseStock) {
  // s1 -> plant (part = 2 raw) -> dc (30 parts in stock) -> market (20 a period).
  const model::Chain c = load(R"(chainnet: 1
products:
  - {id: raw, value: 1}
  - {id: part, value: 10, inputs: {raw: 2}}
sites:
  - {id: s1, kind: supplier, makes: {raw: {capacity: 100}}}
  - {id: plant, kind: plant, makes: {part: {capacity: 30}}}
  - {id: dc, kind: warehouse, stock: {part: 30}}
  - {id: market, kind: market, demand: {part: 20}}
supplies:
  - {from: s1, to: plant, product: raw}
  - {from: plant, to: dc, product: part}
  - {from: dc, to: market, product: part}
)");
  const Propagation p(c, {5});
  ASSERT_TRUE(p.stationary());
  auto ws = p.workspace();
  stress::Trace trace;
  // The plant is down in periods 0-2.
  const ShockOutcome o = p.run(stress::site_failure(c.find_site("plant"), 1.0, 0, 3), ws, &trace);
  // t=0: nothing made; the dc ships 20 of its 30: all served. t=1: 10 left: 10 lost.
  // t=2: 20 lost. t=3: the plant makes 20 again (its raw kept arriving and piled up).
  const std::vector<double> served = {20, 10, 0, 20, 20};
  for (std::uint32_t t = 0; t < 5; ++t) EXPECT_NEAR(trace.served[t], served[t], 1e-9) << "t=" << t;
  EXPECT_NEAR(o.lost_value, 300.0, 1e-9);
  EXPECT_EQ(o.recovery_period, 3);
  const model::HoldingId plant_raw = c.find_holding(c.find_site("plant"), c.find_product("raw"));
  EXPECT_NEAR(trace.stock[2 * c.holdings().size() + plant_raw], 120.0, 1e-9);
  // Half the capacity for one period: 15 made, the dc covers the other 5 from stock.
  const ShockOutcome half = p.run(stress::site_failure(c.find_site("plant"), 0.5, 0, 1), ws);
  EXPECT_NEAR(half.lost_value, 0.0, 1e-9);
}

TEST(Propagation, NoDisruptionNoLossWhenCapacitySuffices) {
  // With unlimited capacities, a market is served in full in every period exactly when the
  // AND/OR fixpoint of the weak-links analysis (an independent computation) says its product
  // can be made and delivered there at all, and gets nothing otherwise. Products are valued far
  // above what making them costs, so the normal plan (least cost with lost sales at product
  // value) serves every market it can.
  int servable = 0, unservable = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const model::Chain c = stress_chain(seed, 0.0, true, 2, 1e4);
    const weak::StructuralLoss structure(c);
    const Propagation p(c, {8});
    auto ws = p.workspace();
    stress::Trace trace;
    p.run({}, ws, &trace);
    const auto& demand = p.demand_holdings();
    for (std::uint32_t t = 0; t < 8; ++t)
      for (std::size_t i = 0; i < demand.size(); ++i) {
        const model::HoldingId h = demand[i];
        const double expect = structure.available()[h] ? c.holdings().demand[h] : 0.0;
        ASSERT_NEAR(trace.served[t * demand.size() + i], expect, 1e-9) << "seed " << seed << " t " << t;
        if (t == 0) ++(structure.available()[h] ? servable : unservable);
      }
  }
  EXPECT_GT(servable, 100);
  EXPECT_GT(unservable, 10);
}

TEST(Propagation, IncrementalEqualsFull) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const model::Chain c = stress_chain(seed, 1.0);
    const Propagation inc(c, {10, true});
    const Propagation full(c, {10, false});
    auto wi = inc.workspace();
    auto wf = full.workspace();
    std::mt19937_64 rng(seed);
    for (int k = 0; k < 10; ++k) {
      stress::Shock shock;
      const int n = 1 + static_cast<int>(rng() % 3);
      for (int j = 0; j < n; ++j)
        shock.add(stress::site_failure(static_cast<model::SiteId>(rng() % c.num_sites()), 0.25 * (1 + rng() % 4),
                                       static_cast<std::uint32_t>(rng() % 6), 1 + static_cast<std::uint32_t>(rng() % 5)));
      stress::Trace ti, tf;
      const ShockOutcome a = inc.run(shock, wi, &ti);
      const ShockOutcome b = full.run(shock, wf, &tf);
      ASSERT_NEAR(a.lost_value, b.lost_value, 1e-7 * (1 + b.lost_value)) << "seed " << seed << " shock " << k;
      ASSERT_NEAR(a.excess_lost_value, b.excess_lost_value, 1e-7 * (1 + b.lost_value));
      ASSERT_EQ(a.recovery_period, b.recovery_period);
      for (std::size_t i = 0; i < ti.served.size(); ++i) ASSERT_NEAR(ti.served[i], tf.served[i], 1e-7);
      for (std::size_t i = 0; i < ti.stock.size(); ++i) ASSERT_NEAR(ti.stock[i], tf.stock[i], 1e-6);
      EXPECT_LE(a.reach, b.reach);
    }
  }
}

TEST(Propagation, MonotoneInLossDurationAndStock) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const model::Chain c = stress_chain(seed, 1.0);
    const model::Chain more = stress_chain(seed, 2.0);
    const Propagation p(c, {12});
    const Propagation pm(more, {12});
    // The invariants hold for chains that serve their demand when nothing fails. In a chain
    // short in normal times, inputs a failed site did not use can cover a later shortage, so a
    // larger loss may lose slightly less (docs/models.md says so); such chains are skipped.
    bool serves_all = true;
    for (double v : p.baseline_lost_value()) serves_all = serves_all && v == 0;
    if (!serves_all) continue;
    auto ws = p.workspace();
    auto wm = pm.workspace();
    std::mt19937_64 rng(seed + 99);
    for (int k = 0; k < 8; ++k) {
      const auto s = static_cast<model::SiteId>(rng() % c.num_sites());
      const auto start = static_cast<std::uint32_t>(rng() % 4);
      double prev = -1;
      for (double loss : {0.2, 0.5, 0.8, 1.0}) {
        const double v = p.run(stress::site_failure(s, loss, start, 3), ws).lost_value;
        ASSERT_GE(v, prev - 1e-7 * (1 + v)) << "seed " << seed << " site " << s << " loss " << loss;
        prev = v;
      }
      prev = -1;
      for (std::uint32_t d : {1u, 2u, 4u, 7u}) {
        const double v = p.run(stress::site_failure(s, 1.0, start, d), ws).lost_value;
        ASSERT_GE(v, prev - 1e-7 * (1 + v)) << "seed " << seed << " site " << s << " duration " << d;
        prev = v;
      }
      const double v1 = p.run(stress::site_failure(s, 1.0, start, 4), ws).lost_value;
      const double v2 = pm.run(stress::site_failure(s, 1.0, start, 4), wm).lost_value;
      // Substitution hands a seller's stock to the first buyers short of it (greedy, in
      // topological order), so more stock can shift a loss by a little; never by more than 0.1 %.
      ASSERT_LE(v2, v1 * (1 + 1e-3) + 1e-7) << "seed " << seed << " site " << s << ": more stock lost more";
      ++checked;
    }
  }
  EXPECT_GE(checked, 40 * 8) << "too few chains serve their demand";
  std::printf("checked %d shocks\n", checked);
}

// The issue's chain: equal shares would order 80 chips from F1, whose only wafer maker (W1) makes
// 60, and lose 20 chips (value 200) a period with nothing disrupted. The normal plan is the least-
// cost flow plan: F1 makes 60 (all W1 has), F2 100, D passes 160 on to M. Nothing is lost.
TEST(NormalPlan, SharesChainLosesNothingUndisrupted) {
  const model::Chain c = load(R"(chainnet: 1
settings: {horizon: 4}
products: [{id: wafer, value: 1}, {id: chip, value: 10, inputs: {wafer: 1}}]
sites:
  - {id: W1, kind: supplier, makes: {wafer: {capacity: 60}}}
  - {id: W2, kind: supplier, makes: {wafer: {capacity: 100}}}
  - {id: F1, kind: plant, makes: {chip: {capacity: 200}}}
  - {id: F2, kind: plant, makes: {chip: {capacity: 200}}}
  - {id: D, kind: warehouse}
  - {id: M, kind: market, demand: {chip: 160}}
supplies:
  - {from: W1, to: F1, product: wafer}
  - {from: W2, to: F2, product: wafer}
  - {from: F1, to: D, product: chip}
  - {from: F2, to: D, product: chip}
  - {from: D, to: M, product: chip}
)");
  for (auto method : {flow::NormalPlanMethod::flow_plan, flow::NormalPlanMethod::shares}) {
    stress::PropagationOptions o{4};
    o.normal_plan.method = method;
    const Propagation p(c, o);
    EXPECT_NEAR(p.normal_orders()[2], 60.0, 1e-9);   // F1 -> D
    EXPECT_NEAR(p.normal_orders()[3], 100.0, 1e-9);  // F2 -> D
    for (double v : p.baseline_lost_value()) EXPECT_EQ(v, 0.0);
    auto ws = p.workspace();
    // A negligible shock at the market in period 3 loses (almost) nothing, and nothing elsewhere.
    const ShockOutcome out = p.run(stress::site_failure(c.find_site("M"), 1e-9, 3, 1), ws);
    EXPECT_NEAR(out.lost_value, 160 * 10 * 1e-9, 1e-9);
    EXPECT_TRUE(p.normal_plan().markets.empty());
    EXPECT_TRUE(flow::normal_plan_warnings(c, p.normal_plan()).empty());
  }
}

// Given shares are honoured where feasible: 70/30 between two makers with room for it.
TEST(NormalPlan, GivenSharesAreHonouredAndTiesSplitEvenly) {
  const model::Chain c = load(R"(chainnet: 1
products: [{id: raw, value: 1}, {id: part, value: 10}]
sites:
  - {id: a, kind: supplier, makes: {raw: {capacity: 100}}}
  - {id: b, kind: supplier, makes: {raw: {capacity: 100}}}
  - {id: x, kind: supplier, makes: {part: {capacity: 100}}}
  - {id: y, kind: supplier, makes: {part: {capacity: 100}}}
  - {id: m, kind: market, demand: {raw: 50, part: 40}}
supplies:
  - {from: a, to: m, product: raw, share: 0.7}
  - {from: b, to: m, product: raw, share: 0.3}
  - {from: x, to: m, product: part}
  - {from: y, to: m, product: part}
)");
  const flow::NormalPlan plan = flow::normal_plan(c);
  EXPECT_EQ(plan.method, flow::NormalPlanMethod::flow_plan);
  EXPECT_NEAR(plan.supply[0], 35.0, 1e-9);
  EXPECT_NEAR(plan.supply[1], 15.0, 1e-9);
  // Equal cost (0): the even split among plans of least cost.
  EXPECT_NEAR(plan.supply[2], 20.0, 1e-9);
  EXPECT_NEAR(plan.supply[3], 20.0, 1e-9);
  EXPECT_EQ(plan.given_shares, 2u);
  EXPECT_EQ(plan.honoured_shares, 2u);
}

// A share that would overload its seller: a takes what it can (20) and b the rest, before
// anything is rationed.
TEST(NormalPlan, OverloadedShareIsFilledFromOtherSuppliers) {
  const model::Chain c = load(R"(chainnet: 1
products: [{id: raw, value: 1}]
sites:
  - {id: a, kind: supplier, makes: {raw: {capacity: 20}}}
  - {id: b, kind: supplier, makes: {raw: {capacity: 100}}}
  - {id: m, kind: market, demand: {raw: 50}}
supplies:
  - {from: a, to: m, product: raw, share: 0.7}
  - {from: b, to: m, product: raw, share: 0.3}
)");
  for (auto method : {flow::NormalPlanMethod::flow_plan, flow::NormalPlanMethod::shares}) {
    flow::NormalPlanOptions o;
    o.method = method;
    const flow::NormalPlan plan = flow::normal_plan(c, o);
    EXPECT_NEAR(plan.supply[0], 20.0, 1e-9);
    EXPECT_NEAR(plan.supply[1], 30.0, 1e-9);
    EXPECT_EQ(plan.lost_value, 0.0);
  }
}

// Cross-analysis consistency on seeded random chains with BOMs, several suppliers and limited
// capacities, no stock: when `flow` serves all demand, the undisrupted propagation loses nothing
// in any period; when it leaves demand unmet, the propagation loses at least as much per period.
TEST(NormalPlan, PropagationBaselineAgreesWithTheFlowPlan) {
  int served_all = 0, short_chains = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    const model::Chain c = stress_chain(seed, 0.0, false, 2, seed % 2 ? 1.0 : 1e4);
    const flow::FlowPlan f = flow::plan_flows(c);
    const Propagation p(c, {6});
    const double tol = 1e-7 * std::max(1.0, p.demand_value_per_period());
    for (double lost : p.baseline_lost_value()) {
      if (f.lost_sale_cost <= tol) ASSERT_LE(lost, tol) << "seed " << seed;
      else ASSERT_GE(lost, f.lost_sale_cost - tol) << "seed " << seed;
    }
    ++(f.lost_sale_cost <= tol ? served_all : short_chains);
  }
  std::printf("%d chains served in full, %d short\n", served_all, short_chains);
  EXPECT_GT(served_all, 20);
  EXPECT_GT(short_chains, 20);
}

}  // namespace
}  // namespace chainnet::test
