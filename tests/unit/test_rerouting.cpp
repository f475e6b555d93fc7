// Lane, mode, hub and port disruptions reroute each supply over the lanes that remain: hand
// cases with their answers worked out, and lane capacities on the detour.
#include <gtest/gtest.h>

#include "chainnet/flow/replan.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/stress/propagation.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/sweep.hpp"

namespace chainnet::test {
namespace {

model::Chain load(const std::string& yaml) { return io::load_scenario_text(yaml, "t.yaml", ".").chain; }

// p1 sells 10 units a period to market a. Road p1 -> a: 5 h, cost 2; rail p1 -> h -> a: 10 h +
// 10 h, cost 1 + 1.5, CO2 4 + 4 against the road's 10. The road lane closes in periods 1-2.
std::string road_and_rail(const std::string& time_unit, const std::string& rail_capacity) {
  return R"(chainnet: 1
units: {time: )" + time_unit + R"(}
settings: {horizon: 6}
products: [{id: x, value: 3}]
sites:
  - {id: p1, kind: supplier, makes: {x: 100}}
  - {id: a, kind: market, demand: {x: 10}}
hubs: [{id: h}]
supplies:
  - {from: p1, to: a, product: x}
lanes:
  - {from: p1, to: a, mode: road, time_h: 5, cost: 2, co2: 10}
  - {from: p1, to: h, mode: rail, time_h: 10, cost: 1, co2: 4)" + rail_capacity + R"(}
  - {from: h, to: a, mode: rail, time_h: 10, cost: 1.5, co2: 4}
disruptions:
  - {id: road_closed, lanes: [[p1, a]], start: 1, duration: 2}
  - {id: no_road, mode: road, start: 1, duration: 2}
  - {id: hub_closed, hubs: [h], start: 1, duration: 2}
)";
}

TEST(Rerouting, RoadClosureTakesTheRailDetourAndLosesNothing) {
  // Weekly periods: the detour's extra 15 h is 0.09 of a period, no extra lead time. Nothing is
  // lost; the detour adds 0.5 a unit (2.5 - 2) and -2 kg CO2 (8 - 10), over 10 units a period for
  // 2 periods: +10 currency, -40 kg.
  const model::Chain c = load(road_and_rail("week", ""));
  EXPECT_EQ(c.settings().hours_per_period, 168.0);
  const stress::Propagation p(c, {6});
  for (const char* id : {"road_closed", "no_road"}) {
    const stress::StressResult r = stress::stress_test(p, stress::disruption_shock(p, {id}), id);
    EXPECT_NEAR(r.outcome.excess_lost_value, 0.0, 1e-9) << id;
    ASSERT_EQ(r.reroutes.size(), 1u) << id;
    const auto& d = r.reroutes[0].note.detour;
    EXPECT_NEAR(d.share, 1.0, 1e-12);
    EXPECT_NEAR(d.extra_time_h, 15.0, 1e-12);
    EXPECT_EQ(d.extra_periods, 0u);
    EXPECT_EQ(d.lanes.size(), 2u);
    EXPECT_NEAR(r.extra_transport_cost, 10.0, 1e-9);
    EXPECT_NEAR(r.extra_co2, -40.0, 1e-9);
  }
}

TEST(Replan, RoadClosureCostsTheDetourByHand) {
  // The least-cost plan sends the 10 units by road (2 a unit, 10 kg CO2). With the road closed
  // it sends them by rail through h: 1 + 1.5 = 2.5 a unit, 8 kg. Per period: transport 20 -> 25
  // (+5), CO2 100 -> 80 (-20), nothing lost; the supply is rerouted, its flow unchanged.
  const model::Chain c = load(road_and_rail("week", ""));
  flow::ReplanShock shock;
  shock.disruptions.push_back(&c.disruption("road_closed"));
  const flow::Replan r = flow::replan(c, shock);
  EXPECT_NEAR(r.normal.transport_cost, 20.0, 1e-9);
  EXPECT_NEAR(r.replanned.transport_cost, 25.0, 1e-9);
  EXPECT_NEAR(r.delta.transport_cost, 5.0, 1e-9);
  EXPECT_NEAR(r.delta.co2_kg, -20.0, 1e-9);
  EXPECT_NEAR(r.delta.lost_sales_value, 0.0, 1e-9);
  ASSERT_EQ(r.delta.flows.size(), 1u);
  EXPECT_TRUE(r.delta.flows[0].rerouted);
  EXPECT_NEAR(r.delta.flows[0].replanned, 10.0, 1e-9);
  // With the rail lane capped at 4, 6 units a period are lost: 18 of value (3 each), and the
  // lost-sale cost (penalty = value) rises by 18 while transport carries only 4 x 2.5 = 10.
  const model::Chain capped = load(road_and_rail("week", ", capacity: 4"));
  flow::ReplanShock s2;
  s2.disruptions.push_back(&capped.disruption("road_closed"));
  const flow::Replan r2 = flow::replan(capped, s2);
  EXPECT_NEAR(r2.delta.lost_sales_value, 18.0, 1e-9);
  EXPECT_NEAR(r2.replanned.transport_cost, 10.0, 1e-9);
  // Avoiding the hub h and closing the road leaves no route: all 10 lost (30).
  flow::ReplanShock s3 = shock;
  s3.avoid.nodes.push_back(c.find_node("h"));
  EXPECT_NEAR(flow::replan(c, s3).delta.lost_sales_value, 30.0, 1e-9);
}

TEST(Rerouting, ALongerDetourArrivesLate) {
  // Daily periods: 15 h extra rounds to 1 period. Shipments of periods 1 and 2 arrive in 2 and 3:
  // period 1 gets nothing (10 units, value 30, lost), period 2 gets period 1's, period 3 gets
  // period 2's and its own (10 go to stock). Lost: 30.
  const model::Chain c = load(road_and_rail("day", ""));
  const stress::Propagation p(c, {6});
  stress::Trace trace;
  auto ws = p.workspace();
  const stress::Shock shock = stress::disruption_shock(p, {"road_closed"});
  const stress::ShockOutcome o = p.run(shock, ws, &trace);
  EXPECT_NEAR(o.excess_lost_value, 30.0, 1e-9);
  const std::vector<double> served = {10, 0, 10, 10, 10, 10};
  for (std::uint32_t t = 0; t < 6; ++t) EXPECT_NEAR(trace.served[t], served[t], 1e-9) << t;
  const model::HoldingId ax = c.find_holding(c.find_site("a"), c.find_product("x"));
  EXPECT_NEAR(trace.stock[3 * c.holdings().size() + ax], 10.0, 1e-9);
}

TEST(Rerouting, DetourCapacityHolds) {
  // The rail lane p1 -> h carries 4 a period: 4 of the 10 go round, 6 are lost in each of the
  // 2 periods: 12 units, value 36.
  const model::Chain c = load(road_and_rail("week", ", capacity: 4"));
  const stress::Propagation p(c, {6});
  const stress::StressResult r = stress::stress_test(p, stress::disruption_shock(p, {"road_closed"}), "x");
  EXPECT_NEAR(r.outcome.excess_lost_value, 36.0, 1e-9);
  ASSERT_EQ(r.reroutes.size(), 1u);
  EXPECT_NEAR(r.reroutes[0].note.detour.share, 0.4, 1e-12);
}

TEST(Rerouting, ClosingTheOnlyDetourHubLosesNothingOnTheRoad) {
  // The supply runs by road; closing hub h touches no route: nothing moves, nothing is lost.
  const model::Chain c = load(road_and_rail("week", ""));
  const stress::Propagation p(c, {6});
  const stress::StressResult r = stress::stress_test(p, stress::disruption_shock(p, {"hub_closed"}), "x");
  EXPECT_NEAR(r.outcome.excess_lost_value, 0.0, 1e-9);
  EXPECT_TRUE(r.reroutes.empty());
}

// Two ports serve one route: s -> port1 -> m is cheaper than s -> port2 -> m. A port is a site
// (kind port) that no supply names: its failure closes transit through it, and the supply goes
// by the other port. With the sea lanes closed there is no way round: the flow (5 a period,
// value 10) is lost for 2 periods: 100.
TEST(Rerouting, PortClosureUsesTheOtherPort) {
  const model::Chain c = load(R"(chainnet: 1
settings: {horizon: 5}
products: [{id: x, value: 10}]
sites:
  - {id: s, kind: supplier, makes: {x: 100}}
  - {id: port1, kind: port}
  - {id: m, kind: market, demand: {x: 5}}
hubs: [{id: port2}]
supplies:
  - {from: s, to: m, product: x}
lanes:
  - {from: s, to: port1, mode: road, cost: 1}
  - {from: port1, to: m, mode: sea, cost: 1}
  - {from: s, to: port2, mode: road, cost: 2}
  - {from: port2, to: m, mode: sea, cost: 2}
disruptions:
  - {id: port1_strike, sites: [port1], start: 1, duration: 2}
  - {id: port2_closed, hubs: [port2], start: 1, duration: 2}
  - {id: sea_closed, mode: sea, start: 1, duration: 2}
)");
  const stress::Propagation p(c, {5});
  const stress::StressResult one = stress::stress_test(p, stress::disruption_shock(p, {"port1_strike"}), "x");
  EXPECT_NEAR(one.outcome.excess_lost_value, 0.0, 1e-9);
  ASSERT_EQ(one.reroutes.size(), 1u);
  EXPECT_NEAR(one.reroutes[0].note.detour.extra_cost, 2.0, 1e-12);
  // The sweep fails port1 too (a port is a failure candidate) and loses nothing.
  stress::SweepOptions so;
  so.duration = 2;
  const stress::Sweep sweep = stress::systemic_sweep(p, so);
  for (const auto& s : sweep.sites)
    if (c.site_id(s.site) == "port1") {
      EXPECT_NEAR(s.lost_value, 0.0, 1e-9);
    }
  // Closing port2, which the normal route does not use, moves nothing.
  const stress::StressResult two = stress::stress_test(p, stress::disruption_shock(p, {"port2_closed"}), "x");
  EXPECT_NEAR(two.outcome.excess_lost_value, 0.0, 1e-9);
  EXPECT_TRUE(two.reroutes.empty());
  const stress::StressResult sea = stress::stress_test(p, stress::disruption_shock(p, {"sea_closed"}), "x");
  EXPECT_NEAR(sea.outcome.excess_lost_value, 100.0, 1e-9);
  EXPECT_TRUE(sea.reroutes.empty());
}

}  // namespace
}  // namespace chainnet::test
