// All sites in parallel on plain threads: GLPK's environment is thread-local and a problem
// object must be freed by the thread that made it, which TBB's workers (shared, long-lived,
// destroyed elsewhere) cannot promise. Each worker makes its LPs, solves, frees them and its
// GLPK environment before it ends.
#include "chainnet/stress/survival.hpp"

#include <glpk.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "chainnet/error.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/resolve.hpp"
#include "chainnet/stress/shock.hpp"

namespace chainnet::stress {
namespace {

bool glpk_is_thread_local() { return glp_config("TLS") != nullptr; }

// A time to survive within this relative distance of the time to recover is a tie, not a risk:
// 1 / u carries the LP's rounding.
constexpr double kTie = 1e-9;

}  // namespace

std::vector<SiteId> resolve_sites(const model::Chain& chain, const std::vector<std::string>& ids) {
  std::vector<SiteId> out;
  for (const std::string& id : ids) {
    const model::NodeId n = routing::resolve_node(chain, id);
    if (chain.is_hub(n)) throw InvalidInput("'" + id + "' is a hub, not a site");
    out.push_back(n);
  }
  return out;
}

Survival survival(const model::Chain& chain, const SurvivalOptions& options) {
  if (!std::isnan(options.ttr) && !(options.ttr >= 0 && std::isfinite(options.ttr)))
    throw InvalidInput("the time to recover must be a finite number of periods >= 0");
  std::vector<SiteId> sites = options.sites;
  if (sites.empty()) sites = failure_candidates(chain, options.include_markets);
  for (SiteId s : sites)
    if (s >= chain.num_sites()) throw InvalidInput("survival: site index " + std::to_string(s) + " out of range");
  auto ttr_of = [&](SiteId s) { return std::isnan(options.ttr) ? chain.site_ttr(s) : options.ttr; };
  // Sites grouped by window, so that a worker rarely resets the window bounds.
  std::stable_sort(sites.begin(), sites.end(), [&](SiteId a, SiteId b) { return ttr_of(a) < ttr_of(b); });
  std::vector<double> windows;
  for (SiteId s : sites)
    if (windows.empty() || windows.back() != ttr_of(s)) windows.push_back(ttr_of(s));

  int threads = std::max(1, max_threads());
  if (!glpk_is_thread_local()) threads = 1;
  threads = static_cast<int>(std::min<std::size_t>(threads, std::max<std::size_t>(1, sites.size())));

  // Shared between the workers; each slot is written by one worker between the barriers.
  std::vector<LpStart> base_pi(windows.size());
  LpStart base_tts;
  double baseline_tts = 0;
  std::vector<SiteSurvival> out(sites.size());
  std::atomic<std::size_t> next_base{0}, next_site{0}, sites_done{0};
  int workers_done = 0;  // under error_mutex
  std::condition_variable finished;
  std::atomic<bool> failed{false};
  std::atomic<std::uint64_t> iterations{0};
  std::atomic<std::uint32_t> solves{0}, from_baseline{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::uint32_t rows = 0, columns = 0;
  std::barrier sync(threads);

  auto record = [&](std::exception_ptr e) {
    std::lock_guard lock(error_mutex);
    if (!error) error = e;
    failed = true;
  };
  auto count = [&](const LpSolution& s) {
    if (s.solved) {
      ++solves;
      iterations += s.iterations;
    } else {
      ++from_baseline;
    }
  };

  auto worker = [&](int index) {
    std::optional<OptimalResponse> lp;
    try {
      lp.emplace(chain);
      lp->set_stock_lost(options.stock_lost);
      if (index == 0) {
        rows = lp->rows();
        columns = lp->columns();
      }
    } catch (...) {
      record(std::current_exception());
    }
    // Phase 1: the nothing-failed optimum of each window, and of the survival LP.
    if (!failed) {
      try {
        for (std::size_t k; (k = next_base++) <= windows.size() && !failed;) {
          if (k < windows.size()) {
            count(lp->impact({}, windows[k], nullptr, &base_pi[k]));
          } else {
            const LpSolution s = lp->time_to_survive({}, nullptr, &base_tts);
            baseline_tts = s.value;
            count(s);
          }
        }
      } catch (...) {
        record(std::current_exception());
      }
    }
    sync.arrive_and_wait();
    // Phase 2: every site.
    if (!failed) {
      try {
        std::size_t w = 0;
        for (std::size_t i; (i = next_site++) < sites.size() && !failed;) {
          const SiteId s = sites[i];
          const double t = ttr_of(s);
          while (windows[w] != t) ++w;  // sites are sorted by window, and so is each worker's run
          const std::span<const SiteId> down(&s, 1);
          const LpSolution pi = lp->impact(down, t, options.warm_start ? &base_pi[w] : nullptr);
          const LpSolution tts = lp->time_to_survive(down, options.warm_start ? &base_tts : nullptr);
          count(pi);
          count(tts);
          out[i] = {s, tts.value, t, pi.value, 0.0, tts.value < t * (1 - kTie)};
          ++sites_done;
        }
      } catch (...) {
        record(std::current_exception());
      }
    }
    lp.reset();
    glp_free_env();  // this thread's GLPK environment (thread-local)
    {
      std::lock_guard lock(error_mutex);
      ++workers_done;
    }
    finished.notify_one();
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  try {
    for (int i = 0; i < threads; ++i) pool.emplace_back(worker, i);
  } catch (...) {  // no more threads: the ones running must not wait for the missing ones
    record(std::current_exception());
    for (auto i = pool.size(); i < static_cast<std::size_t>(threads); ++i) sync.arrive_and_drop();
  }
  if (options.progress) {
    // The workers must be joined whatever the callback does.
    bool report = true;
    auto tell = [&] {
      if (!report) return;
      try {
        options.progress(sites_done.load(), sites.size());
      } catch (...) {
        record(std::current_exception());
        report = false;
      }
    };
    std::unique_lock lock(error_mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(200),
                              [&] { return workers_done == static_cast<int>(pool.size()); })) {
      lock.unlock();
      tell();
      lock.lock();
    }
    lock.unlock();
    tell();
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);

  Survival result;
  for (const SiteSurvival& s : out) result.max_impact = std::max(result.max_impact, s.performance_impact);
  for (SiteSurvival& s : out) {
    s.rei = result.max_impact > 0 ? s.performance_impact / result.max_impact : 0.0;
    result.at_risk += s.at_risk ? 1 : 0;
  }
  std::sort(out.begin(), out.end(), [](const SiteSurvival& a, const SiteSurvival& b) {
    if (a.performance_impact != b.performance_impact) return a.performance_impact > b.performance_impact;
    if (a.tts != b.tts) return a.tts < b.tts;
    return a.site < b.site;
  });
  result.sites = std::move(out);
  result.baseline_tts = baseline_tts;
  result.stats = {rows, columns, solves.load(), from_baseline.load(), iterations.load(), threads};
  return result;
}

}  // namespace chainnet::stress
