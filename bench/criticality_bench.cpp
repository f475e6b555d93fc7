// The weak-links report on a generated chain: each part and the whole, on 1 and 2 threads, peak
// memory; the single-point-of-failure sweep against a naive "remove the site and recompute
// availability from scratch"; and the supply graph with chainnet's betweenness written out for
// bench/betweenness_peers.py (graph-tool, igraph on the same graph).
// Usage: criticality_bench [SITES] [OUT_DIR]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "chainnet/model/availability.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/synth/generator.hpp"
#include "chainnet/weak/criticality.hpp"

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
template <class F>
double timed(F&& f) {
  const auto t0 = Clock::now();
  f();
  return since(t0);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace chainnet;
  synth::GeneratorOptions g;
  g.sites = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 100000;
  const std::string out_dir = argc > 2 ? argv[2] : "";
  model::Chain c;
  const double gen = timed([&] { c = synth::generate_chain(g); });
  std::printf("chain: %u sites, %u holdings, %u supplies, %u lines (generated in %.2f s)\n", c.num_sites(),
              c.holdings().size(), c.supplies().size(), c.makes().size(), gen);

  double whole[3] = {0, 0, 0};
  for (int threads : {1, 2}) {
    ThreadLimit limit(threads);
    weak::StructuralLoss* loss = nullptr;
    std::unique_ptr<weak::StructuralLoss> holder;
    const double t_loss = timed([&] { holder = std::make_unique<weak::StructuralLoss>(c); });
    loss = holder.get();
    weak::SinglePoints sp;
    const double t_spof = timed([&] { sp = weak::single_points_of_failure(*loss); });
    std::vector<weak::SourcingPair> pairs;
    const double t_src = timed([&] { pairs = weak::sourcing_pairs(*loss); });
    weak::DeepTier dt;
    const double t_deep = timed([&] { dt = weak::deep_tier(*loss, weak::resolve_masters(c)); });
    std::vector<weak::ProductBottleneck> bn;
    const double t_bn = timed([&] { bn = weak::flow_bottlenecks(c); });
    weak::Betweenness bc;
    const double t_bc = timed([&] { bc = weak::betweenness(c); });
    weak::RobustnessCurve rc;
    const double t_rb = timed([&] { rc = weak::robustness(c, std::vector<model::SiteId>{}); });
    weak::CriticalityReport rep;
    whole[threads] = timed([&] { rep = weak::criticality(c); });
    std::printf(
        "threads %d: availability+witnesses %.2f s | single points (sites+%u regions) %.2f s | sourcing pairs (%zu) %.2f s |"
        " deep tier (%zu upstream) %.2f s | bottlenecks (%zu products) %.2f s | betweenness (exact) %.2f s |"
        " robustness (50 orders) %.2f s | whole report %.2f s\n",
        threads, t_loss, c.regions().size(), t_spof, pairs.size(), t_src, dt.sites.size(), t_deep, bn.size(), t_bn, t_bc, t_rb,
        whole[threads]);
    std::printf("  found: %zu single points, %zu regional, %zu single-sourced pairs\n", sp.sites.size(), sp.regions.size(),
                static_cast<std::size_t>(std::count_if(pairs.begin(), pairs.end(), [](auto& p) { return p.suppliers == 1; })));
    if (threads == 2 && !out_dir.empty()) {
      std::ofstream e(out_dir + "/edges.txt"), v(out_dir + "/chainnet_betweenness.txt");
      std::vector<std::uint64_t> arcs;
      const auto& s = c.supplies();
      for (model::SupplyId x = 0; x < s.size(); ++x)
        if (s.capacity[x] > 0 && s.seller[x] != s.buyer[x]) arcs.push_back(std::uint64_t{s.seller[x]} << 32 | s.buyer[x]);
      std::sort(arcs.begin(), arcs.end());
      arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
      e << c.num_sites() << "\n";
      for (auto a : arcs) e << (a >> 32) << ' ' << (a & 0xffffffffu) << '\n';
      char buf[64];
      for (double x : bc.value) {
        std::snprintf(buf, sizeof buf, "%.17g\n", x);
        v << buf;
      }
      std::printf("  chainnet betweenness alone: %.2f s on 2 threads\n", t_bc);
    }
  }
  std::printf("thread scaling of the whole report 1 -> 2: %.2fx\n", whole[1] / whole[2]);

  // Sweep vs naive, one thread, on the same candidate sites (every k-th site with something
  // available), per site.
  {
    ThreadLimit limit(1);
    // model::structural_availability counts stock, so the sweep does here too
    const weak::StructuralLoss loss(c, {true});
    std::vector<model::SiteId> cand;
    for (model::SiteId s = 0; s < c.num_sites(); ++s)
      for (auto h : c.sites().holdings[s])
        if (loss.available()[h]) {
          cand.push_back(s);
          break;
        }
    std::vector<model::SiteId> sample;
    const std::size_t step = std::max<std::size_t>(1, cand.size() / 300);
    for (std::size_t i = 0; i < cand.size(); i += step) sample.push_back(cand[i]);
    weak::StructuralLoss::Workspace ws(loss);
    std::vector<model::HoldingId> lost;
    std::size_t lost_total = 0, naive_total = 0;
    const double t_sweep = timed([&] {
      for (auto s : sample) {
        loss.lost_when_sites_fail(std::span(&s, 1), ws, lost);
        lost_total += lost.size();
      }
    });
    std::vector<std::uint8_t> down(c.num_sites(), 0);
    const double t_naive = timed([&] {
      for (auto s : sample) {
        down[s] = 1;
        const auto a = model::structural_availability(c, down);
        down[s] = 0;
        for (std::size_t h = 0; h < a.size(); ++h) naive_total += loss.available()[h] && !a[h];
      }
    });
    std::printf("single-point sweep vs naive recompute (one thread, %zu sample sites, %zu candidates): "
                "%.3f ms vs %.3f ms per site = %.0fx (same losses: %s); naive for all candidates ~ %.0f s\n",
                sample.size(), cand.size(), 1e3 * t_sweep / sample.size(), 1e3 * t_naive / sample.size(), t_naive / t_sweep,
                lost_total == naive_total ? "yes" : "NO", t_naive / sample.size() * cand.size());
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak memory: %.0f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
