// Flow plans: LP optimality certificates on seeded random chains (primal feasibility, reduced
// costs of every variable including every route by brute-force shortest paths, primal = dual),
// the network and LP methods against each other, a hand-solved multi-product case, and the
// min-cost flow kernel's own certificates.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "chainnet/error.hpp"
#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/flow/min_cost_flow.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/parallel.hpp"

namespace chainnet::test {
namespace {

using namespace model;
using flow::FlowPlan;
using flow::PlanMethod;

struct Shape {
  int products = 1;
  bool bom = false;
  bool traders = false;
  bool lanes = false;
  bool lane_capacity = false;
  bool decimals = false;
};

// A random chain of makers, optional assembly by BOM, optional traders, markets, and optional
// lanes through hubs (some sites left off the lane network on purpose).
Chain random_flow_chain(std::mt19937_64& rng, const Shape& shape) {
  ChainBuilder b;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto num = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  auto amount = [&](int lo, int hi) {
    const double x = num(lo, hi);
    return shape.decimals ? x + 0.25 * num(0, 3) : x;
  };
  Settings st;
  st.carbon_price = shape.decimals ? 0.05 : 0.0;
  b.set_settings(st);
  const int np = shape.products;
  for (int p = 0; p < np; ++p) b.add_product({"p" + std::to_string(p), "", amount(40, 200)});
  std::vector<std::vector<std::pair<int, double>>> inputs(np);
  if (shape.bom)
    for (int p = 1; p < np; ++p) {
      const int k = num(1, std::min(2, p));
      for (int j = 0; j < k; ++j) {
        const int q = num(0, p - 1);
        if (std::any_of(inputs[p].begin(), inputs[p].end(), [&](auto& e) { return e.first == q; })) continue;
        const double qty = shape.decimals ? 0.5 * num(1, 4) : num(1, 2);
        inputs[p].push_back({q, qty});
        b.add_bom_input(p, q, qty);
      }
    }
  std::vector<std::vector<SiteId>> sellers(np);
  int next = 0;
  auto site = [&](SiteKind kind) {
    return b.add_site({"s" + std::to_string(next++), "", "", kind, "R" + std::to_string(num(0, 2))});
  };
  auto maybe_cap = [&](double p_cap, int lo, int hi) { return u(rng) < p_cap ? amount(lo, hi) : kUnlimited; };
  auto supply = [&](SiteId from, SiteId to, int p) {
    SupplySpec e;
    e.seller = from;
    e.buyer = to;
    e.product = static_cast<ProductId>(p);
    e.capacity = maybe_cap(0.3, 0, 25);
    b.add_supply(e);
  };
  for (int p = 0; p < np; ++p) {
    const int makers = num(1, 3);
    for (int k = 0; k < makers; ++k) {
      const SiteId s = site(inputs[p].empty() ? SiteKind::supplier : SiteKind::plant);
      b.add_make({s, static_cast<ProductId>(p), maybe_cap(0.7, 5, 40), amount(1, 30), amount(0, 5)});
      for (auto [q, qty] : inputs[p]) {
        const int n = std::min<int>(num(1, 2), static_cast<int>(sellers[q].size()));
        std::vector<SiteId> pool = sellers[q];
        std::shuffle(pool.begin(), pool.end(), rng);
        for (int j = 0; j < n; ++j) supply(pool[j], s, q);
      }
      sellers[p].push_back(s);
    }
    if (shape.traders && u(rng) < 0.6) {
      const SiteId t = site(SiteKind::warehouse);
      for (SiteId m : sellers[p])
        if (u(rng) < 0.7) supply(m, t, p);
      sellers[p].push_back(t);
    }
  }
  const int markets = num(1, 3);
  for (int k = 0; k < markets; ++k) {
    const SiteId m = site(SiteKind::market);
    const int p = shape.bom ? np - 1 : num(0, np - 1);
    b.add_demand(m, p, amount(5, 60));
    std::vector<SiteId> pool = sellers[p];
    std::shuffle(pool.begin(), pool.end(), rng);
    const int n = std::min<int>(num(1, 3), static_cast<int>(pool.size()));
    for (int j = 0; j < n; ++j) supply(pool[j], m, p);
  }
  if (shape.lanes) {
    const int hubs = num(1, 3);
    for (int h = 0; h < hubs; ++h) b.add_hub({"h" + std::to_string(h), "", ""});
    auto lane = [&](NodeRef a, NodeRef z) {
      LaneSpec l;
      l.from = a;
      l.to = z;
      l.cost = amount(0, 9);
      l.co2_kg = amount(0, 4);
      l.capacity = shape.lane_capacity ? maybe_cap(0.5, 0, 40) : kUnlimited;
      b.add_lane(l);
    };
    for (int s = 0; s < next; ++s) {
      if (u(rng) < 0.1) continue;  // off the lane network: its supplies move unrouted
      const int links = num(1, 2);
      for (int j = 0; j < links; ++j) {
        const NodeRef hub{true, static_cast<std::uint32_t>(num(0, hubs - 1))};
        lane({false, static_cast<std::uint32_t>(s)}, hub);
        lane(hub, {false, static_cast<std::uint32_t>(s)});
      }
      if (u(rng) < 0.3) lane({false, static_cast<std::uint32_t>(s)}, {false, static_cast<std::uint32_t>(num(0, next - 1))});
    }
    for (int a = 0; a < hubs; ++a)
      for (int z = 0; z < hubs; ++z)
        if (a != z && u(rng) < 0.7) lane({true, static_cast<std::uint32_t>(a)}, {true, static_cast<std::uint32_t>(z)});
  }
  return b.build();
}

// Checks that `plan` is an optimal solution of the flow-plan LP by its dual prices, computing
// everything from the chain and the plan alone. Routes are priced by Floyd-Warshall over all
// nodes, so no route the planner did not consider can be cheaper.
void expect_certificate(const Chain& c, const FlowPlan& plan, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(plan.status, flow::PlanStatus::optimal);
  const auto& h = c.holdings();
  const auto& mk = c.makes();
  const auto& st = c.supplies();
  const auto& lt = c.lanes();
  const double cp = plan.carbon_price;
  const std::vector<double>& y = plan.holding_price;
  const std::vector<double>& pi = plan.lane_price;
  ASSERT_EQ(y.size(), h.size());
  ASSERT_EQ(pi.size(), lt.size());
  double scale = 1;
  for (double v : y) scale = std::max(scale, std::abs(v));
  for (double v : c.products().value) scale = std::max(scale, v);
  const double tol = 1e-6 * scale;
  const double qtol = 1e-6 * 100;

  std::vector<double> made(mk.size(), 0.0), unmet(h.size(), 0.0), sflow(st.size(), 0.0), load(lt.size(), 0.0);
  for (const auto& p : plan.production) made[p.make] = p.quantity;
  for (const auto& x : plan.unmet) unmet[x.holding] = x.quantity;
  std::vector<double> net(h.size(), 0.0);  // inflow - outflow per holding
  for (const auto& f : plan.flows) {
    EXPECT_GT(f.quantity, 0);
    sflow[f.supply] += f.quantity;
    NodeId at = st.seller[f.supply];
    for (LaneId l : f.lanes) {
      EXPECT_EQ(lt.from[l], at) << "route is not a path";
      at = lt.to[l];
      load[l] += f.quantity;
    }
    if (!f.lanes.empty()) EXPECT_EQ(at, st.buyer[f.supply]);
    net[st.buyer_holding[f.supply]] += f.quantity;
    net[st.seller_holding[f.supply]] -= f.quantity;
  }
  for (MakeId m = 0; m < mk.size(); ++m) {
    EXPECT_GE(made[m], -qtol);
    EXPECT_LE(made[m], mk.capacity[m] + qtol);
    net[mk.holding[m]] += made[m];
    for (std::uint32_t e = mk.recipe.first[m]; e < mk.recipe.first[m + 1]; ++e)
      net[mk.recipe_holding[e]] -= mk.recipe_quantity[e] * made[m];
  }
  for (HoldingId x = 0; x < h.size(); ++x) {
    EXPECT_LE(unmet[x], h.demand[x] + qtol);
    EXPECT_NEAR(net[x] + unmet[x], h.demand[x], qtol) << "holding " << x << " does not balance";
  }
  for (SupplyId s = 0; s < st.size(); ++s) EXPECT_LE(sflow[s], st.capacity[s] + qtol);
  for (LaneId l = 0; l < lt.size(); ++l) {
    EXPECT_LE(load[l], lt.capacity[l] + qtol);
    EXPECT_GE(pi[l], 0);
    if (pi[l] > tol) EXPECT_NEAR(load[l], lt.capacity[l], qtol) << "priced lane not saturated";
  }
  std::vector<double> sigma(st.size(), 0.0);
  for (const auto& bn : plan.bottlenecks)
    if (bn.kind == flow::BottleneckKind::supply) sigma[bn.id] = bn.shadow_price;

  auto at_bounds = [&](double d, double x, double upper, const char* kind, std::uint32_t id) {
    if (x > qtol) EXPECT_LE(d, tol) << kind << " " << id << " used at positive reduced cost " << d;
    if (x < upper - qtol) EXPECT_GE(d, -tol) << kind << " " << id << " below bound at negative reduced cost " << d;
  };
  double dual = 0;
  for (HoldingId x = 0; x < h.size(); ++x) dual += h.demand[x] * y[x];
  for (MakeId m = 0; m < mk.size(); ++m) {
    double d = mk.unit_cost[m] + cp * mk.co2_kg[m] - y[mk.holding[m]];
    for (std::uint32_t e = mk.recipe.first[m]; e < mk.recipe.first[m + 1]; ++e)
      d += mk.recipe_quantity[e] * y[mk.recipe_holding[e]];
    at_bounds(d, made[m], mk.capacity[m], "make", m);
    if (d < 0 && std::isfinite(mk.capacity[m])) dual += d * mk.capacity[m];
  }
  for (HoldingId x = 0; x < h.size(); ++x) {
    if (h.demand[x] <= 0) continue;
    const double d = c.products().value[h.product[x]] - y[x];
    at_bounds(d, unmet[x], h.demand[x], "unmet", x);
    if (d < 0) dual += d * h.demand[x];
  }
  // all-pairs cheapest routes on lane cost + carbon + lane price
  const std::uint32_t n = c.num_nodes();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(static_cast<std::size_t>(n) * n, inf);
  for (NodeId v = 0; v < n; ++v) dist[v * n + v] = 0;
  for (LaneId l = 0; l < lt.size(); ++l) {
    double& d = dist[lt.from[l] * n + lt.to[l]];
    d = std::min(d, lt.cost[l] + cp * lt.co2_kg[l] + pi[l]);
  }
  for (NodeId k = 0; k < n; ++k)
    for (NodeId i = 0; i < n; ++i)
      for (NodeId j = 0; j < n; ++j) dist[i * n + j] = std::min(dist[i * n + j], dist[i * n + k] + dist[k * n + j]);
  for (SupplyId s = 0; s < st.size(); ++s) {
    const double route = dist[st.seller[s] * n + st.buyer[s]];
    const double d = (route == inf ? 0.0 : route) + sigma[s] + y[st.seller_holding[s]] - y[st.buyer_holding[s]];
    EXPECT_GE(d, -tol) << "supply " << s << " has a route of negative reduced cost";
    EXPECT_GE(sigma[s], 0);
    if (sigma[s] > tol) EXPECT_NEAR(sflow[s], st.capacity[s], qtol);
    dual -= sigma[s] * (std::isfinite(st.capacity[s]) ? st.capacity[s] : 0.0);
  }
  for (const auto& f : plan.flows) {
    double d = sigma[f.supply] + y[st.seller_holding[f.supply]] - y[st.buyer_holding[f.supply]];
    for (LaneId l : f.lanes) d += lt.cost[l] + cp * lt.co2_kg[l] + pi[l];
    EXPECT_NEAR(d, 0.0, tol) << "supply " << f.supply << " uses a route of reduced cost " << d;
  }
  for (LaneId l = 0; l < lt.size(); ++l)
    if (pi[l] > 0) dual -= pi[l] * lt.capacity[l];
  EXPECT_NEAR(plan.total_cost, dual, 1e-6 * std::max(1.0, std::abs(plan.total_cost))) << "primal != dual";
  // the reported parts add up
  EXPECT_NEAR(plan.total_cost,
              plan.production_cost + plan.transport_cost + plan.carbon_cost + plan.lost_sale_cost,
              1e-9 * std::max(1.0, plan.total_cost));
  EXPECT_NEAR(plan.carbon_cost, cp * plan.co2_kg, 1e-9 * std::max(1.0, plan.carbon_cost));
}

TEST(FlowPlan, CertificatesOnRandomChains) {
  std::mt19937_64 rng(20261123);
  int lp = 0, network = 0, split = 0;
  for (int i = 0; i < 400; ++i) {
    Shape shape;
    shape.products = 1 + static_cast<int>(rng() % 5);
    shape.bom = i % 2 == 0;
    shape.traders = i % 3 != 0;
    shape.lanes = i % 4 != 0;
    shape.lane_capacity = i % 8 >= 4;
    shape.decimals = i % 5 == 0;
    const Chain c = random_flow_chain(rng, shape);
    const FlowPlan plan = flow::plan_flows(c);
    (plan.method == PlanMethod::lp ? lp : network)++;
    for (std::size_t j = 1; j < plan.flows.size(); ++j) split += plan.flows[j].supply == plan.flows[j - 1].supply;
    expect_certificate(c, plan, "chain " + std::to_string(i));
    if (HasFailure()) return;
  }
  // the seeds exercise both methods and supplies split over several routes
  EXPECT_GT(lp, 100);
  EXPECT_GT(network, 50);
  EXPECT_GT(split, 0);
}

TEST(FlowPlan, NetworkAndLpAgreeWithoutBom) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    Shape shape;
    shape.products = 1 + static_cast<int>(rng() % 4);
    shape.traders = i % 2 == 0;
    shape.lanes = i % 3 != 0;
    shape.decimals = i % 4 == 0;
    const Chain c = random_flow_chain(rng, shape);
    flow::PlanOptions o;
    o.method = PlanMethod::network;
    const FlowPlan a = flow::plan_flows(c, o);
    o.method = PlanMethod::lp;
    const FlowPlan b = flow::plan_flows(c, o);
    ASSERT_EQ(a.method, PlanMethod::network);
    ASSERT_EQ(b.method, PlanMethod::lp);
    EXPECT_NEAR(a.total_cost, b.total_cost, 1e-7 * std::max(1.0, a.total_cost)) << "chain " << i;
    expect_certificate(c, a, "network " + std::to_string(i));
    expect_certificate(c, b, "lp " + std::to_string(i));
    if (HasFailure()) return;
  }
}

// Two products from one plant P to one market M. Lane P->M costs 1 and carries 10 units; the
// detour P->H->M costs 2 + 3 = 5 and is unlimited. Demand: 8 of a (value 100), 6 of b (value 4).
// Making costs 2 for each. Serving b by the detour costs 2 + 5 = 7 > 4, so b only takes what the
// direct lane leaves. a is worth more: a takes 8 of the direct lane, b the remaining 2, and 4 of
// b are lost. Cost = 8*(2+1) + 2*(2+1) + 4*4 = 46. The direct lane is a bottleneck: one more unit
// would let one more b through at 3 instead of losing it at 4, so its shadow price is 1.
// The two-product chain below, with product b worth `value_b`. Ids: a = 0, b = 1, P = 0, M = 1,
// H = hub 0, the direct lane = lane 0.
Chain shared_lane_chain(double value_b) {
  ChainBuilder b;
  const ProductId a = b.add_product({"a", "", 100});
  const ProductId bp = b.add_product({"b", "", value_b});
  const SiteId p = b.add_site({"P", "", "", SiteKind::plant, "X"});
  const SiteId m = b.add_site({"M", "", "", SiteKind::market, "X"});
  const HubId hub = b.add_hub({"H", "", ""});
  b.add_make({p, a, kUnlimited, 2, 0});
  b.add_make({p, bp, kUnlimited, 2, 0});
  b.add_demand(m, a, 8);
  b.add_demand(m, bp, 6);
  b.add_supply({p, m, a});
  b.add_supply({p, m, bp});
  b.add_lane({{false, p}, {false, m}, Mode::road, 10, 1, 1, 10, 0});
  b.add_lane({{false, p}, {true, hub}, Mode::rail, 10, 1, 2, kUnlimited, 0});
  b.add_lane({{true, hub}, {false, m}, Mode::rail, 10, 1, 3, kUnlimited, 0});
  return b.build();
}

TEST(FlowPlan, HandSolvedSharedLane) {
  const ProductId bp = 1;
  const Chain c = shared_lane_chain(4);
  const FlowPlan plan = flow::plan_flows(c);
  EXPECT_EQ(plan.method, PlanMethod::lp);
  EXPECT_NEAR(plan.total_cost, 46, 1e-9);
  EXPECT_NEAR(plan.production_cost, 20, 1e-9);
  EXPECT_NEAR(plan.transport_cost, 10, 1e-9);
  EXPECT_NEAR(plan.lost_sale_cost, 16, 1e-9);
  ASSERT_EQ(plan.unmet.size(), 1u);
  EXPECT_EQ(c.holdings().product[plan.unmet[0].holding], bp);
  EXPECT_NEAR(plan.unmet[0].quantity, 4, 1e-9);
  ASSERT_FALSE(plan.bottlenecks.empty());
  EXPECT_EQ(plan.bottlenecks[0].kind, flow::BottleneckKind::lane);
  EXPECT_EQ(plan.bottlenecks[0].id, 0u);
  EXPECT_NEAR(plan.bottlenecks[0].shadow_price, 1, 1e-9);
  expect_certificate(c, plan, "hand");
  // With b worth 10, the detour (7) pays: all 6 of b travel, 4 of them by the detour.
  // Cost = 8*3 + 2*3 + 4*7 = 58; the lane's price is then 7 - 3 = 4.
  const Chain c2 = shared_lane_chain(10);
  const FlowPlan p2 = flow::plan_flows(c2);
  EXPECT_NEAR(p2.total_cost, 58, 1e-9);
  EXPECT_TRUE(p2.unmet.empty());
  EXPECT_NEAR(p2.lane_price[0], 4, 1e-9);
  expect_certificate(c2, p2, "hand 2");
}

// A BOM by hand: a vehicle needs 2 wheels and 1 body. Wheels: W1 makes 10 at cost 1, W2
// unlimited at cost 3; bodies: B makes at cost 5. The market wants 8 vehicles (value 50), the
// assembler A makes them at cost 4. Wheels needed 16: 10 from W1 and 6 from W2.
// Cost = 8*4 + 10*1 + 6*3 + 8*5 = 100. The W1 line's shadow price is 3 - 1 = 2.
TEST(FlowPlan, HandSolvedBom) {
  ChainBuilder b;
  const ProductId wheel = b.add_product({"wheel", "", 5});
  const ProductId body = b.add_product({"body", "", 20});
  const ProductId car = b.add_product({"car", "", 50});
  b.add_bom_input(car, wheel, 2);
  b.add_bom_input(car, body, 1);
  const SiteId w1 = b.add_site({"W1"}), w2 = b.add_site({"W2"}), bs = b.add_site({"B"});
  const SiteId as = b.add_site({"A", "", "", SiteKind::plant});
  const SiteId mk = b.add_site({"M", "", "", SiteKind::market});
  b.add_make({w1, wheel, 10, 1, 0});
  b.add_make({w2, wheel, kUnlimited, 3, 0});
  b.add_make({bs, body, kUnlimited, 5, 0});
  b.add_make({as, car, kUnlimited, 4, 0});
  b.add_demand(mk, car, 8);
  b.add_supply({w1, as, wheel});
  b.add_supply({w2, as, wheel});
  b.add_supply({bs, as, body});
  b.add_supply({as, mk, car});
  const Chain c = b.build();
  const FlowPlan plan = flow::plan_flows(c);
  EXPECT_EQ(plan.method, PlanMethod::lp);
  EXPECT_NEAR(plan.total_cost, 100, 1e-9);
  EXPECT_NEAR(plan.served, 8, 1e-9);
  ASSERT_EQ(plan.bottlenecks.size(), 1u);
  EXPECT_EQ(plan.bottlenecks[0].kind, flow::BottleneckKind::production);
  EXPECT_NEAR(plan.bottlenecks[0].shadow_price, 2, 1e-9);
  // the marginal car costs 4 + 2*3 + 5 = 15
  EXPECT_NEAR(plan.holding_price[c.find_holding(mk, car)], 15, 1e-9);
  expect_certificate(c, plan, "bom");
}

TEST(FlowPlan, SameResultOnAnyThreadCount) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 20; ++i) {
    Shape shape;
    shape.products = 4;
    shape.bom = i % 2 == 0;
    shape.traders = true;
    shape.lanes = true;
    shape.lane_capacity = i % 3 == 0;
    const Chain c = random_flow_chain(rng, shape);
    std::vector<FlowPlan> plans;
    for (int threads : {1, 2, 8}) {
      ThreadLimit limit(threads);
      plans.push_back(flow::plan_flows(c));
    }
    for (int k = 1; k < 3; ++k) {
      EXPECT_EQ(plans[k].total_cost, plans[0].total_cost);
      EXPECT_EQ(plans[k].holding_price, plans[0].holding_price);
      ASSERT_EQ(plans[k].flows.size(), plans[0].flows.size());
      for (std::size_t j = 0; j < plans[0].flows.size(); ++j) {
        EXPECT_EQ(plans[k].flows[j].quantity, plans[0].flows[j].quantity);
        EXPECT_EQ(plans[k].flows[j].lanes, plans[0].flows[j].lanes);
      }
    }
  }
}

TEST(FlowPlan, DegenerateChains) {
  {  // nothing at all
    const Chain c = ChainBuilder().build();
    const FlowPlan plan = flow::plan_flows(c);
    EXPECT_EQ(plan.status, flow::PlanStatus::optimal);
    EXPECT_EQ(plan.total_cost, 0);
  }
  {  // demand nobody can serve: all of it is lost at its value
    ChainBuilder b;
    b.add_product({"x", "", 7});
    b.add_site({"M", "", "", SiteKind::market});
    b.add_demand(0, 0, 3);
    const Chain c = b.build();
    const FlowPlan plan = flow::plan_flows(c);
    EXPECT_EQ(plan.total_cost, 21);
    EXPECT_EQ(plan.served, 0);
    expect_certificate(c, plan, "unserved");
  }
  {  // zero capacities everywhere, and a zero-capacity lane
    ChainBuilder b;
    b.add_product({"x", "", 7});
    b.add_site({"S"});
    b.add_site({"M", "", "", SiteKind::market});
    b.add_make({0, 0, 0.0, 1, 0});
    b.add_demand(1, 0, 3);
    b.add_supply({0, 1, 0, 0.0});
    b.add_lane({{false, 0}, {false, 1}, Mode::road, 1, 1, 1, 0.0, 0});
    const Chain c = b.build();
    for (PlanMethod m : {PlanMethod::automatic, PlanMethod::lp}) {
      flow::PlanOptions o;
      o.method = m;
      const FlowPlan plan = flow::plan_flows(c, o);
      EXPECT_EQ(plan.total_cost, 21);
      expect_certificate(c, plan, "zero");
    }
  }
  flow::PlanOptions bad;
  bad.penalty_factor = 0;
  EXPECT_THROW(flow::plan_flows(ChainBuilder().build(), bad), InvalidInput);
  bad.penalty_factor = 1;
  bad.carbon_price = -1;
  EXPECT_THROW(flow::plan_flows(ChainBuilder().build(), bad), InvalidInput);
}

TEST(FlowPlan, NetworkMethodRefusesWhatItCannotSolve) {
  std::mt19937_64 rng(3);
  Shape shape;
  shape.products = 3;
  shape.bom = true;
  const Chain c = random_flow_chain(rng, shape);
  flow::PlanOptions o;
  o.method = PlanMethod::network;
  EXPECT_THROW(flow::plan_flows(c, o), InvalidInput);
}

// The kernel alone: optimality certificates in exact integers, NetworkSimplex = CostScaling.
TEST(MinCostFlow, CertificatesAndSolversAgree) {
  std::mt19937_64 rng(5);
  int infeasible = 0;
  for (int i = 0; i < 300; ++i) {
    flow::Network net;
    net.num_nodes = 2 + static_cast<std::uint32_t>(rng() % 30);
    const std::uint32_t arcs = static_cast<std::uint32_t>(rng() % (4 * net.num_nodes));
    for (std::uint32_t a = 0; a < arcs; ++a) {
      const auto u = static_cast<std::uint32_t>(rng() % net.num_nodes), v = static_cast<std::uint32_t>(rng() % net.num_nodes);
      const std::int64_t cap = rng() % 5 == 0 ? flow::kNoLimit : static_cast<std::int64_t>(rng() % 20);
      net.add_arc(u, v, cap, static_cast<std::int64_t>(rng() % 50) - (i % 3 == 0 ? 0 : 5));
    }
    net.supply.assign(net.num_nodes, 0);
    for (int k = 0; k < 3; ++k) {
      const std::int64_t x = static_cast<std::int64_t>(rng() % 15);
      net.supply[rng() % net.num_nodes] += x;
      net.supply[rng() % net.num_nodes] -= x;
    }
    const auto ns = flow::solve_min_cost_flow(net, flow::McfAlgorithm::network_simplex);
    const auto cs = flow::solve_min_cost_flow(net, flow::McfAlgorithm::cost_scaling);
    ASSERT_EQ(ns.status, cs.status) << "network " << i;
    if (ns.status != flow::McfStatus::optimal) {
      ++infeasible;
      continue;
    }
    EXPECT_EQ(ns.total_cost, cs.total_cost) << "network " << i;
    for (const auto* sol : {&ns, &cs}) {
      std::vector<std::int64_t> excess(net.num_nodes, 0);
      long double dual = 0;
      for (std::uint32_t a = 0; a < net.num_arcs(); ++a) {
        const std::int64_t f = sol->flow[a];
        EXPECT_GE(f, 0);
        EXPECT_LE(f, net.capacity[a]);
        excess[net.tail[a]] += f;
        excess[net.head[a]] -= f;
        const std::int64_t d = net.cost[a] + sol->potential[net.tail[a]] - sol->potential[net.head[a]];
        if (f < net.capacity[a]) EXPECT_GE(d, 0) << "arc " << a;
        if (f > 0) EXPECT_LE(d, 0) << "arc " << a;
        if (d < 0) dual += static_cast<long double>(d) * static_cast<long double>(net.capacity[a]);
      }
      for (std::uint32_t v = 0; v < net.num_nodes; ++v) {
        EXPECT_EQ(excess[v], net.supply[v]);
        dual -= static_cast<long double>(sol->potential[v]) * static_cast<long double>(net.supply[v]);
      }
      EXPECT_EQ(sol->total_cost, dual) << "primal != dual, network " << i;
    }
    if (HasFailure()) return;
  }
  EXPECT_GT(infeasible, 0);
  EXPECT_LT(infeasible, 250);
}

}  // namespace
}  // namespace chainnet::test
