// Contraction hierarchies against plain Dijkstra on seeded random graphs of varied shape
// (sparse, dense, grids, disconnected, parallel arcs, self-loops, zero weights, decimals), and
// across thread counts.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "chainnet/error.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/contraction.hpp"
#include "chainnet/routing/dijkstra.hpp"
#include "chainnet/routing/routes.hpp"

namespace chainnet::routing {
namespace {

model::Chain random_graph(std::mt19937_64& rng, int shape) {
  model::ChainBuilder b;
  int n = 2 + static_cast<int>(rng() % 60);
  const int side = 2 + static_cast<int>(rng() % 9);
  if (shape == 2) n = side * side;
  for (int i = 0; i < n; ++i) b.add_hub({"v" + std::to_string(i)});
  auto lane = [&](int u, int v) {
    model::LaneSpec l;
    l.from = {true, static_cast<std::uint32_t>(u)};
    l.to = {true, static_cast<std::uint32_t>(v)};
    l.cost = rng() % 7 == 0 ? 0.0 : (rng() % 2 ? static_cast<double>(1 + rng() % 50) : 0.1 * static_cast<double>(rng() % 500));
    b.add_lane(l);
  };
  if (shape == 2) {
    for (int r = 0; r < side; ++r)
      for (int c = 0; c < side; ++c) {
        const int v = r * side + c;
        if (c + 1 < side) lane(v, v + 1), lane(v + 1, v);
        if (r + 1 < side) lane(v, v + side), lane(v + side, v);
      }
  } else {
    const int m = shape == 0 ? n + static_cast<int>(rng() % n) : shape == 1 ? n * 6 : shape == 3 ? n / 2 : 2 * n;
    for (int j = 0; j < m; ++j) {
      const int u = static_cast<int>(rng() % n), v = static_cast<int>(rng() % n);
      lane(u, v);                          // self-loops included
      if (shape == 4 && rng() % 2) lane(u, v);  // parallel arcs
    }
  }
  return b.build();
}

TEST(ContractionHierarchy, EqualsDijkstraOnRandomGraphs) {
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 400; ++round) {
    const model::Chain c = random_graph(rng, round % 5);
    const LaneGraph g(c, Metric::cost, {});
    const ContractionHierarchy ch(g);
    std::vector<NodeId> all(c.num_nodes());
    for (NodeId v = 0; v < c.num_nodes(); ++v) all[v] = v;
    const std::vector<double> got = ch.many_to_many(all, all);
    Dijkstra d(c.num_nodes());
    for (NodeId s = 0; s < c.num_nodes(); ++s) {
      d.run(g, s);
      for (NodeId t = 0; t < c.num_nodes(); ++t) {
        const double want = d.distance(t), have = got[s * c.num_nodes() + t];
        if (std::isinf(want)) EXPECT_TRUE(std::isinf(have)) << "round " << round << " " << s << "->" << t;
        else EXPECT_NEAR(have, want, 1e-9 * std::max(1.0, want)) << "round " << round << " " << s << "->" << t;
      }
    }
    if (HasFailure()) return;
  }
}

TEST(ContractionHierarchy, MatrixMethodsAgreeAndDoNotDependOnThreads) {
  std::mt19937_64 rng(8);
  model::ChainBuilder b;
  const int side = 60;
  for (int i = 0; i < side * side; ++i) b.add_hub({"v" + std::to_string(i)});
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      const int v = r * side + c;
      for (int w : {c + 1 < side ? v + 1 : -1, r + 1 < side ? v + side : -1}) {
        if (w < 0) continue;
        for (auto [x, y] : {std::pair{v, w}, std::pair{w, v}}) {
          model::LaneSpec l;
          l.from = {true, static_cast<std::uint32_t>(x)};
          l.to = {true, static_cast<std::uint32_t>(y)};
          l.cost = static_cast<double>(1 + rng() % 100);
          b.add_lane(l);
        }
      }
    }
  const model::Chain c = b.build();
  const LaneGraph g(c, Metric::cost, {});
  std::vector<NodeId> sources, targets;
  for (int i = 0; i < 150; ++i) sources.push_back(static_cast<NodeId>(rng() % c.num_nodes()));
  for (int i = 0; i < 170; ++i) targets.push_back(static_cast<NodeId>(rng() % c.num_nodes()));
  const DistanceMatrix ref = distance_matrix(c, g, sources, targets, {}, MatrixMethod::dijkstra);
  std::vector<std::vector<double>> results;
  for (int threads : {1, 2, 8}) {
    ThreadLimit limit(threads);
    results.push_back(distance_matrix(c, g, sources, targets, {}, MatrixMethod::hierarchy).values);
  }
  EXPECT_EQ(results[0], results[1]);
  EXPECT_EQ(results[0], results[2]);
  ASSERT_EQ(results[0].size(), ref.values.size());
  for (std::size_t i = 0; i < ref.values.size(); ++i) EXPECT_DOUBLE_EQ(results[0][i], ref.values[i]);
  Avoid avoid;
  avoid.nodes.push_back(0);
  EXPECT_THROW(distance_matrix(c, g, sources, targets, avoid, MatrixMethod::hierarchy), InvalidInput);
  // automatic keeps Dijkstra on a graph this small
  EXPECT_EQ(distance_matrix(c, g, sources, targets, avoid, MatrixMethod::automatic).values.size(), ref.values.size());
}

}  // namespace
}  // namespace chainnet::routing
