// Matrix kernel on a graph given as raw arrays (written by bench/matrix_peers.py from the peers'
// own numpy instance): PREFIX.src / .dst (int64), .w (float64), .sources (int64).
// Prints the best of 3 timings of distance_matrix(sources -> all nodes) on 1 and 2 threads.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "chainnet/model/chain_builder.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/dijkstra.hpp"
#include "chainnet/routing/routes.hpp"

template <class T>
std::vector<T> read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = static_cast<std::size_t>(in.tellg());
  std::vector<T> v(size / sizeof(T));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(size));
  return v;
}

int main(int argc, char** argv) {
  using namespace chainnet;
  if (argc < 2) return 2;
  const std::string p = argv[1];
  const auto src = read_raw<std::int64_t>(p + ".src"), dst = read_raw<std::int64_t>(p + ".dst");
  const auto w = read_raw<double>(p + ".w");
  const auto sources = read_raw<std::int64_t>(p + ".sources");
  std::int64_t n = 0;
  for (auto x : src) n = std::max(n, x + 1);
  for (auto x : dst) n = std::max(n, x + 1);
  model::ChainBuilder b;
  for (std::int64_t v = 0; v < n; ++v) b.add_hub({"v" + std::to_string(v)});
  b.reserve_lanes(src.size());
  for (std::size_t i = 0; i < src.size(); ++i) {
    model::LaneSpec l;
    l.from = {true, static_cast<std::uint32_t>(src[i])};
    l.to = {true, static_cast<std::uint32_t>(dst[i])};
    l.cost = w[i];
    b.add_lane(l);
  }
  const model::Chain chain = b.build();
  const routing::LaneGraph g(chain, routing::Metric::cost, {});
  std::vector<routing::NodeId> s(sources.begin(), sources.end()), all(static_cast<std::size_t>(n));
  for (std::int64_t v = 0; v < n; ++v) all[v] = static_cast<routing::NodeId>(v);
  {
    // the bare kernel over the same sources: one workspace, no matrix, no threads
    routing::Dijkstra d(g.num_nodes());
    const auto t0 = std::chrono::steady_clock::now();
    double sum = 0;
    for (auto x : s) {
      d.run(g, x);
      sum += d.distance(0);
    }
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("kernel loop: %.3f s (%.1f ns per arc per source)\n", t, t * 1e9 / s.size() / g.num_arcs());
  }
  for (int threads : {1, 2}) {
    ThreadLimit limit(threads);
    double best = 1e30, sum = 0;
    for (int rep = 0; rep < 3; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto m = routing::distance_matrix(chain, g, s, all);
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      sum = 0;
      for (double x : m.values) sum += x;
    }
    std::printf("chainnet %d thread(s): %.3f s  sum=%.0f  (%.1f ns per arc per source per thread)\n", threads, best,
                sum, best * threads * 1e9 / static_cast<double>(s.size()) / static_cast<double>(g.num_arcs()));
  }
}
