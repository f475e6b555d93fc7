// Many-to-many matrices on a road graph (DIMACS .gr): contraction hierarchy (build + buckets)
// against one Dijkstra per source, same sources and targets (seeded random nodes), on the
// current thread count (--threads via CHAINNET_THREADS, default all). Checks equal results.
// Usage: ch_bench FILE.gr SOURCES TARGETS [DIJKSTRA_SOURCES]
//   DIJKSTRA_SOURCES (default SOURCES): time Dijkstra on that many of the sources only and
//   scale up, for sizes where the full Dijkstra matrix would take minutes.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "chainnet/io/dimacs.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/contraction.hpp"
#include "chainnet/routing/routes.hpp"

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  using namespace chainnet;
  if (argc < 4) {
    std::fprintf(stderr, "usage: ch_bench FILE.gr SOURCES TARGETS [DIJKSTRA_SOURCES]\n");
    return 2;
  }
  const char* env = std::getenv("CHAINNET_THREADS");
  const ThreadLimit limit(env ? std::atoi(env) : 0);
  std::vector<Diagnostic> diags;
  const io::DimacsGraph d = io::read_dimacs_graph(argv[1], argv[1], diags);
  if (!diags.empty()) {
    std::fprintf(stderr, "%s\n", diags[0].to_string().c_str());
    return 2;
  }
  model::ChainBuilder b;
  for (std::uint32_t v = 0; v < d.nodes; ++v) b.add_hub({"v" + std::to_string(v)});
  b.reserve_lanes(d.tail.size());
  for (std::size_t i = 0; i < d.tail.size(); ++i) {
    model::LaneSpec l;
    l.from = {true, d.tail[i]};
    l.to = {true, d.head[i]};
    l.cost = d.weight[i];
    b.add_lane(l);
  }
  const model::Chain chain = b.build();
  const routing::LaneGraph g(chain, routing::Metric::cost, {});
  const std::size_t S = std::stoul(argv[2]), T = std::stoul(argv[3]);
  const std::size_t DS = argc > 4 ? std::stoul(argv[4]) : S;
  std::mt19937_64 rng(12345);
  std::vector<routing::NodeId> sources(S), targets(T);
  for (auto& x : sources) x = static_cast<routing::NodeId>(rng() % d.nodes);
  for (auto& x : targets) x = static_cast<routing::NodeId>(rng() % d.nodes);
  std::printf("graph: %u nodes, %zu arcs; %zu x %zu matrix\n", d.nodes, g.num_arcs(), S, T);

  auto t0 = std::chrono::steady_clock::now();
  const routing::ContractionHierarchy ch(g);
  const double build = since(t0);
  t0 = std::chrono::steady_clock::now();
  const std::vector<double> fast = ch.many_to_many(sources, targets);
  const double query = since(t0);
  std::printf("hierarchy: build %.2f s (%zu shortcuts, %zu upward arcs), matrix %.2f s\n", build, ch.num_shortcuts(),
              ch.num_arcs(), query);

  const std::vector<routing::NodeId> some(sources.begin(), sources.begin() + static_cast<std::ptrdiff_t>(DS));
  t0 = std::chrono::steady_clock::now();
  const routing::DistanceMatrix slow = routing::distance_matrix(chain, g, some, targets);
  const double dij = since(t0) * static_cast<double>(S) / static_cast<double>(DS);
  double worst = 0;
  std::size_t mismatched = 0;
  for (std::size_t i = 0; i < DS * T; ++i) {
    const double a = fast[i], z = slow.values[i];
    if (std::isinf(a) != std::isinf(z)) ++mismatched;
    else if (!std::isinf(a)) worst = std::max(worst, std::abs(a - z) / std::max(1.0, z));
  }
  std::printf("dijkstra: %s%.2f s for the full matrix\n", DS < S ? "about " : "", dij);
  std::printf("speed-up: %.1fx including the build, %.1fx per query; max relative difference %.2g, %zu reachability mismatches\n",
              dij / (build + query), dij / query, worst, mismatched);
  return mismatched == 0 && worst < 1e-9 ? 0 : 1;
}
