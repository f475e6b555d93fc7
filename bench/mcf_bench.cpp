// Min-cost flow on a DIMACS "min" instance (bench/run_mcf.sh writes it with
// ../shared/bench/peers_mcf.py): chainnet's kernel (solve_min_cost_flow, which builds a static
// digraph and runs LEMON's NetworkSimplex or CostScaling) against LEMON's NetworkSimplex called
// directly on a SmartDigraph read by LEMON's own DIMACS reader. Best of 3 each; same optimum.
// The kernel's DIMACS parse is not timed (the flow plan builds its network from the chain).
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "chainnet/flow/min_cost_flow.hpp"

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  using namespace chainnet;
  if (argc < 2) {
    std::fprintf(stderr, "usage: mcf_bench FILE.min [REPEATS]\n");
    return 2;
  }
  // chainnet's network from the file
  flow::Network net;
  {
    std::ifstream in(argv[1]);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream s(line);
      char kind;
      s >> kind;
      if (kind == 'p') {
        std::string min;
        std::uint32_t n, m;
        s >> min >> n >> m;
        net.num_nodes = n;
        net.supply.assign(n, 0);
      } else if (kind == 'n') {
        std::uint32_t v;
        std::int64_t b;
        s >> v >> b;
        net.supply[v - 1] = b;
      } else if (kind == 'a') {
        std::uint32_t u, v;
        std::int64_t lo, cap, cost;
        s >> u >> v >> lo >> cap >> cost;
        net.add_arc(u - 1, v - 1, cap, cost);
      }
    }
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  double best_kernel = 1e30, best_scaling = 1e30, best_lemon = 1e30, best_auto = 1e30;
  long double cost_kernel = 0, cost_scaling = 0;
  for (int rep = 0; rep < repeats; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    const auto sol = flow::solve_min_cost_flow(net, flow::McfAlgorithm::network_simplex);
    best_kernel = std::min(best_kernel, seconds_since(t0));
    cost_kernel = sol.total_cost;
    t0 = std::chrono::steady_clock::now();
    const auto cs = flow::solve_min_cost_flow(net, flow::McfAlgorithm::cost_scaling);
    best_scaling = std::min(best_scaling, seconds_since(t0));
    cost_scaling = cs.total_cost;
    t0 = std::chrono::steady_clock::now();
    const auto au = flow::solve_min_cost_flow(net, flow::McfAlgorithm::automatic);
    best_auto = std::min(best_auto, seconds_since(t0));
    if (au.total_cost != cost_kernel) return 1;
  }
  // LEMON alone: its reader fills a SmartDigraph; graph building is part of the reader, so the
  // timed part is the solver (maps set + run), which favours LEMON slightly.
  lemon::SmartDigraph g;
  lemon::SmartDigraph::ArcMap<std::int64_t> lower(g), cap(g), cost(g);
  lemon::SmartDigraph::NodeMap<std::int64_t> supply(g);
  {
    std::ifstream in(argv[1]);
    lemon::readDimacsMin(in, g, lower, cap, cost, supply);
  }
  std::int64_t cost_lemon = 0;
  for (int rep = 0; rep < repeats; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t> ns(g);
    ns.upperMap(cap).costMap(cost).supplyMap(supply);
    ns.run();
    cost_lemon = ns.totalCost<std::int64_t>();
    best_lemon = std::min(best_lemon, seconds_since(t0));
  }
  std::printf("instance: %u nodes, %u arcs\n", net.num_nodes, net.num_arcs());
  std::printf("chainnet kernel (network simplex): %.3f s  cost %.0Lf\n", best_kernel, cost_kernel);
  std::printf("chainnet kernel (cost scaling):    %.3f s  cost %.0Lf\n", best_scaling, cost_scaling);
  std::printf("LEMON NetworkSimplex directly:     %.3f s  cost %lld\n", best_lemon, static_cast<long long>(cost_lemon));
  std::printf("chainnet kernel (automatic):       %.3f s\n", best_auto);
  std::printf("ratio kernel / LEMON direct: %.2f\n", best_kernel / best_lemon);
  std::printf("ratio automatic / best of (LEMON NS direct, cost scaling): %.2f\n",
              best_auto / std::min(best_lemon, best_scaling));
  return cost_kernel == cost_lemon ? 0 : 1;
}
