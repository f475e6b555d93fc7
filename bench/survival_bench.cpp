// survival on one scenario: the warm-started parallel run on 1 and 2 threads against cold
// solves (every LP from the slack basis, as a fresh GLPK solve would) on a sample of sites,
// with the answers compared. Usage: survival_bench SCENARIO [SAMPLE]
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "chainnet/io/scenario.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/stress/optimal_response.hpp"
#include "chainnet/stress/survival.hpp"

using namespace chainnet;
using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

static double peak_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: survival_bench SCENARIO [SAMPLE]\n");
    return 2;
  }
  const std::size_t sample = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 60;
  const io::LoadResult loaded = io::load_scenario(argv[1]);
  const model::Chain& c = loaded.chain;
  std::printf("%s: %u sites, %u supplies, %u makes\n", argv[1], c.num_sites(), c.supplies().size(), c.makes().size());
  stress::Survival warm[2];
  double warm_s[2];
  for (int t = 1; t <= 2; ++t) {
    const ThreadLimit limit(t);
    const auto t0 = Clock::now();
    warm[t - 1] = stress::survival(c);
    warm_s[t - 1] = seconds_since(t0);
  }
  const stress::Survival& r = warm[0];
  std::printf("warm-started survival, every site: %.2f s on 1 thread, %.2f s on 2 (%.2fx); peak %.0f MB\n", warm_s[0],
              warm_s[1], warm_s[0] / warm_s[1], peak_mb());
  std::printf("  LP %u rows x %u columns; %u solves, %llu simplex iterations (%.1f per solve), %u answers from the "
              "nothing-failed optimum; %u sites at risk\n",
              r.stats.rows, r.stats.columns, r.stats.solves, static_cast<unsigned long long>(r.stats.iterations),
              static_cast<double>(r.stats.iterations) / std::max(1u, r.stats.solves), r.stats.from_baseline, r.at_risk);
  bool same = warm[0].sites.size() == warm[1].sites.size();
  for (std::size_t i = 0; same && i < warm[0].sites.size(); ++i)
    same = warm[0].sites[i].site == warm[1].sites[i].site &&
           warm[0].sites[i].performance_impact == warm[1].sites[i].performance_impact &&
           warm[0].sites[i].tts == warm[1].sites[i].tts;
  std::printf("  1 and 2 threads identical: %s\n", same ? "yes" : "NO");

  // Cold: every LP from the slack basis on one thread, a sample of sites spread over the ranking.
  stress::OptimalResponse lp(c);
  double pi_s = 0, tts_s = 0, worst = 0;
  std::size_t n = 0;
  const std::size_t step = std::max<std::size_t>(1, r.sites.size() / sample);
  for (std::size_t i = 0; i < r.sites.size() && n < sample; i += step, ++n) {
    const stress::SiteSurvival& s = r.sites[i];
    const model::SiteId id = s.site;
    auto t0 = Clock::now();
    const double pi = lp.impact({&id, 1}, s.ttr, nullptr).value;
    pi_s += seconds_since(t0);
    t0 = Clock::now();
    const double tts = lp.time_to_survive({&id, 1}, nullptr).value;
    tts_s += seconds_since(t0);
    worst = std::max(worst, std::abs(pi - s.performance_impact) / (1 + std::abs(pi)));
    if (std::isinf(tts) != std::isinf(s.tts)) worst = HUGE_VAL;
    else if (!std::isinf(tts)) worst = std::max(worst, std::abs(tts - s.tts) / (1 + tts));
  }
  const double per_pi = pi_s / n, per_tts = tts_s / n;
  const double cold_all = (per_pi + per_tts) * static_cast<double>(r.sites.size());
  std::printf("cold solves (slack basis, dual simplex), %zu sites: %.1f ms per PI, %.1f ms per TTS; every site in a "
              "row: %.0f s = %.1fx the warm run on 1 thread, %.1fx on 2\n",
              n, 1e3 * per_pi, 1e3 * per_tts, cold_all, cold_all / warm_s[0], cold_all / warm_s[1]);
  std::printf("  largest relative difference warm vs cold: %.1e\n", worst);
  const double reference = (0.25 + 0.6) * static_cast<double>(r.sites.size());
  std::printf("issue's reference (cold GLPK, 0.25 s per PI + 0.6 s per TTS): %.0f s in a row = %.0fx the warm run on 2 "
              "threads\n",
              reference, reference / warm_s[1]);
  return same && worst < 1e-6 ? 0 : 1;
}
