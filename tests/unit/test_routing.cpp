// Routing against brute force on small random lane graphs; matrices across thread counts.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <random>

#include "chainnet/error.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/dijkstra.hpp"
#include "chainnet/routing/routes.hpp"
#include "helpers.hpp"

namespace chainnet::routing {
namespace {

model::Chain random_lane_chain(std::mt19937_64& rng, int n, int m) {
  model::ChainBuilder b;
  for (int i = 0; i < n; ++i) b.add_site({"n" + std::to_string(i), "", "", model::SiteKind::warehouse});
  for (int j = 0; j < m; ++j) {
    model::LaneSpec l;
    l.from = {false, static_cast<std::uint32_t>(rng() % n)};
    l.to = {false, static_cast<std::uint32_t>(rng() % n)};
    l.cost = static_cast<double>(rng() % 6 == 0 ? 0 : rng() % 20);  // some zero-cost lanes
    l.time_h = static_cast<double>(1 + rng() % 9);
    l.distance_km = static_cast<double>(rng() % 100);
    b.add_lane(l);  // self-loops and parallel lanes on purpose
  }
  return b.build();
}

// Every simple path from s to t as a lane sequence (parallel lanes give separate sequences).
void simple_paths(const model::Chain& c, NodeId s, NodeId t, std::vector<LaneId>& stack, std::vector<char>& on,
                  const std::function<void(const std::vector<LaneId>&)>& f) {
  if (s == t) {
    f(stack);
    return;
  }
  on[s] = 1;
  for (LaneId l : c.lanes().out[s]) {
    const NodeId v = c.lanes().to[l];
    if (on[v]) continue;
    stack.push_back(l);
    simple_paths(c, v, t, stack, on, f);
    stack.pop_back();
  }
  on[s] = 0;
}

TEST(Routing, TimeLimitedRouteIsExact) {
  std::mt19937_64 rng(11);
  int checked = 0;
  for (int round = 0; round < 300; ++round) {
    const model::Chain c = random_lane_chain(rng, 2 + static_cast<int>(rng() % 8), static_cast<int>(rng() % 25));
    const LaneGraph g(c, Metric::cost, {});
    const NodeId s = static_cast<NodeId>(rng() % c.num_nodes()), t = static_cast<NodeId>(rng() % c.num_nodes());
    if (s == t) continue;
    const double limit = static_cast<double>(rng() % 25);
    double best = kUnreachable;
    std::vector<LaneId> stack;
    std::vector<char> on(c.num_nodes(), 0);
    simple_paths(c, s, t, stack, on, [&](const std::vector<LaneId>& p) {
      double w = 0, time = 0;
      for (LaneId l : p) {
        w += c.lanes().cost[l];
        time += c.lanes().time_h[l];
      }
      if (time <= limit) best = std::min(best, w);
    });
    RouteQuery q;
    q.from = s;
    q.to = t;
    q.max_time_h = limit;
    const RouteResult r = find_routes(c, g, q);
    if (best == kUnreachable) {
      EXPECT_EQ(r.status, RouteStatus::no_route) << "round " << round;
    } else {
      ASSERT_EQ(r.status, RouteStatus::ok) << "round " << round;
      EXPECT_DOUBLE_EQ(r.paths[0].weight, best) << "round " << round;
      EXPECT_LE(r.paths[0].time_h, limit);
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(Routing, YenMatchesEnumerationOfLaneSequences) {
  // A route is a sequence of lanes: parallel lanes between the same nodes are different routes.
  std::mt19937_64 rng(5);
  int short_of_k = 0;
  for (int round = 0; round < 300; ++round) {
    const model::Chain c = random_lane_chain(rng, 2 + static_cast<int>(rng() % 7), static_cast<int>(rng() % 22));
    const LaneGraph g(c, Metric::cost, {});
    const NodeId s = static_cast<NodeId>(rng() % c.num_nodes()), t = static_cast<NodeId>(rng() % c.num_nodes());
    if (s == t) continue;
    std::vector<double> expected;
    std::vector<LaneId> stack;
    std::vector<char> on(c.num_nodes(), 0);
    simple_paths(c, s, t, stack, on, [&](const std::vector<LaneId>& p) {
      double w = 0;
      for (LaneId l : p) w += c.lanes().cost[l];
      expected.push_back(w);
    });
    std::sort(expected.begin(), expected.end());
    RouteQuery q;
    q.from = s;
    q.to = t;
    q.k = 6;
    const RouteResult r = find_routes(c, g, q);
    std::vector<double> got;
    std::set<std::vector<LaneId>> distinct;
    for (const Path& p : r.paths) {
      got.push_back(p.weight);
      distinct.insert(p.lanes);
    }
    expected.resize(std::min<std::size_t>(expected.size(), 6));
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-9) << "round " << round;
    EXPECT_EQ(distinct.size(), got.size());
    EXPECT_EQ(r.requested, 6u);
    short_of_k += got.size() < 6;
  }
  EXPECT_GT(short_of_k, 10);
}

// Road and rail lanes both A -> B: k = 2 gives both, cheapest first; k = 3 finds 2.
TEST(Routing, KRoutesOverParallelLanes) {
  model::ChainBuilder b;
  b.add_product({"p", "", 1.0});
  b.add_site({"A", "", "", model::SiteKind::supplier, ""});
  b.add_site({"B", "", "", model::SiteKind::market, ""});
  model::LaneSpec road;
  road.from = {false, 0};
  road.to = {false, 1};
  road.mode = model::Mode::road;
  road.cost = 5;
  road.time_h = 5;
  model::LaneSpec rail = road;
  rail.mode = model::Mode::rail;
  rail.cost = 3;
  rail.time_h = 20;
  b.add_lane(road);
  b.add_lane(rail);
  const model::Chain c = b.build();
  const LaneGraph g(c, Metric::cost, {});
  RouteQuery q;
  q.from = 0;
  q.to = 1;
  q.k = 3;
  const RouteResult r = find_routes(c, g, q);
  ASSERT_EQ(r.paths.size(), 2u);
  EXPECT_EQ(r.requested, 3u);
  EXPECT_EQ(c.lanes().mode[r.paths[0].lanes[0]], model::Mode::rail);  // cost 3
  EXPECT_EQ(c.lanes().mode[r.paths[1].lanes[0]], model::Mode::road);  // cost 5
  EXPECT_EQ(r.paths[0].nodes, r.paths[1].nodes);
}

TEST(Routing, MatrixIsIdenticalOnAnyThreadCount) {
  std::mt19937_64 rng(3);
  const model::Chain c = random_lane_chain(rng, 3000, 15000);
  const LaneGraph g(c, Metric::cost, {});
  std::vector<NodeId> sources, targets;
  for (NodeId v = 0; v < 200; ++v) sources.push_back(v * 7 % c.num_nodes());
  for (NodeId v = 0; v < c.num_nodes(); v += 3) targets.push_back(v);
  std::vector<std::vector<double>> results;
  for (int threads : {1, 2, 8}) {
    ThreadLimit limit(threads);
    results.push_back(distance_matrix(c, g, sources, targets).values);
  }
  EXPECT_EQ(results[0], results[1]);
  EXPECT_EQ(results[0], results[2]);
  // and each row equals a plain single-source search
  Dijkstra d(c.num_nodes());
  for (std::size_t i = 0; i < sources.size(); i += 17) {
    d.run(g, sources[i]);
    for (std::size_t j = 0; j < targets.size(); ++j) ASSERT_EQ(results[0][i * targets.size() + j], d.distance(targets[j]));
  }
}

TEST(Routing, DegenerateQueries) {
  std::mt19937_64 rng(1);
  const model::Chain c = random_lane_chain(rng, 5, 10);
  const LaneGraph g(c, Metric::cost, {});
  RouteQuery q;
  q.from = 2;
  q.to = 2;
  const RouteResult same = find_routes(c, g, q);
  ASSERT_EQ(same.status, RouteStatus::ok);
  EXPECT_TRUE(same.paths[0].lanes.empty());
  q.k = 0;
  EXPECT_THROW(find_routes(c, g, q), InvalidInput);
  q.k = 1;
  q.to = 99;
  EXPECT_THROW(find_routes(c, g, q), InvalidInput);
  const model::Chain empty = model::ChainBuilder().build();
  const LaneGraph eg(empty, Metric::time, {});
  EXPECT_TRUE(distance_matrix(empty, eg, {}, {}).values.empty());
}

}  // namespace
}  // namespace chainnet::routing
