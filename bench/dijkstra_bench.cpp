// Dijkstra kernel on a weighted grid (the peers' instance shape: 4-neighbour, integer weights
// 1..100): nanoseconds per arc for one source to all nodes on one thread. Sources are random
// (a corner source keeps half the frontier and flatters the heap: measured 26 vs 45 ns per arc).
#include <algorithm>
#include <chrono>
#include <vector>
#include <cstdio>
#include <random>

#include "chainnet/model/chain_builder.hpp"
#include "chainnet/routing/dijkstra.hpp"

int main(int argc, char** argv) {
  using namespace chainnet;
  const std::uint32_t side = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 500;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  model::ChainBuilder b;
  for (std::uint32_t v = 0; v < side * side; ++v) b.add_hub({"v" + std::to_string(v)});
  std::mt19937_64 rng(7);
  auto lane = [&](std::uint32_t u, std::uint32_t v) {
    model::LaneSpec l;
    l.from = {true, u};
    l.to = {true, v};
    l.cost = static_cast<double>(1 + rng() % 100);
    b.add_lane(l);
  };
  for (std::uint32_t r = 0; r < side; ++r)
    for (std::uint32_t c = 0; c < side; ++c) {
      const std::uint32_t v = r * side + c;
      if (c + 1 < side) lane(v, v + 1), lane(v + 1, v);
      if (r + 1 < side) lane(v, v + side), lane(v + side, v);
    }
  const model::Chain chain = b.build();
  const routing::LaneGraph g(chain, routing::Metric::cost, {});
  routing::Dijkstra d(g.num_nodes());
  std::vector<double> times;
  double check = 0;
  for (int i = 0; i < repeats; ++i) {
    const auto source = static_cast<routing::NodeId>(rng() % g.num_nodes());
    const auto t0 = std::chrono::steady_clock::now();
    d.run(g, source);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    check += d.distance(g.num_nodes() - 1);
  }
  std::sort(times.begin(), times.end());
  const double median = times[times.size() / 2];
  std::printf("grid %ux%u: %zu arcs, one random source: median %.1f ms = %.1f ns per arc (%d sources; check %.0f)\n",
              side, side, g.num_arcs(), median * 1e3, median * 1e9 / static_cast<double>(g.num_arcs()), repeats, check);
}
