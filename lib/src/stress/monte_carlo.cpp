#include "chainnet/stress/monte_carlo.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "chainnet/error.hpp"

namespace chainnet::stress {
namespace {

std::uint64_t mix(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A counter-based stream: value i of stream (seed, run, event, entity) is a hash of all five, so
// any draw can be made by any thread in any order. Entities are keyed by their string ids (not
// dense indices), so a site draws the same events in every variant of a chain that has it:
// common random numbers for comparisons.
class Stream {
 public:
  /// The part of the key shared by every entity of one event in one run.
  static std::uint64_t prefix(std::uint64_t seed, std::uint64_t run, std::uint64_t event) {
    return mix(mix(mix(seed) ^ run) ^ (event * 0x632BE59BD9B4E019ull));
  }
  Stream(std::uint64_t prefix, std::uint64_t entity) : key_(mix(prefix ^ (entity * 0xD6E8FEB86659FD93ull))) {}
  double uniform() { return static_cast<double>(mix(key_ + 0xA24BAED4963EE407ull * ++counter_) >> 11) * 0x1.0p-53; }
  std::uint64_t below(std::uint64_t n) { return std::min<std::uint64_t>(n - 1, static_cast<std::uint64_t>(uniform() * static_cast<double>(n))); }
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

// The key of an entity id: FNV-1a over its bytes, then mixed.
std::uint64_t id_key(std::string_view id) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char ch : id) h = (h ^ ch) * 0x100000001B3ull;
  return mix(h);
}

std::uint32_t draw_duration(const model::DurationDistribution& d, Stream& s) {
  using K = model::DurationDistribution::Kind;
  double v = 1;
  switch (d.kind) {
    case K::fixed: v = d.a; break;
    case K::uniform: {
      const double lo = std::ceil(d.a), hi = std::floor(d.b);
      v = hi >= lo ? lo + static_cast<double>(s.below(static_cast<std::uint64_t>(hi - lo) + 1)) : std::round(0.5 * (d.a + d.b));
      break;
    }
    case K::lognormal: v = std::exp(d.a + d.b * s.normal()); break;
    case K::empirical: v = d.values.empty() ? 1.0 : d.values[s.below(d.values.size())]; break;
  }
  v = std::round(v);
  return v < 1 ? 1u : v > 1e6 ? 1000000u : static_cast<std::uint32_t>(v);
}

}  // namespace

DrawKeys draw_keys(const model::Chain& chain) {
  DrawKeys k;
  k.site.resize(chain.num_sites());
  for (SiteId s = 0; s < chain.num_sites(); ++s) k.site[s] = id_key(chain.site_id(s));
  k.region.resize(chain.regions().size());
  for (model::RegionId r = 0; r < chain.regions().size(); ++r) k.region[r] = id_key(chain.regions().codes.name(r)) ^ 0x5851F42D4C957F2Dull;
  return k;
}

Shock draw_run(const model::Chain& chain, const model::MonteCarloSpec& spec, std::uint64_t seed, std::uint64_t run,
               std::uint32_t horizon, std::vector<SiteId>* failed, bool include_markets) {
  return draw_run(chain, spec, draw_keys(chain), seed, run, horizon, failed, include_markets);
}

Shock draw_run(const model::Chain& chain, const model::MonteCarloSpec& spec, const DrawKeys& keys, std::uint64_t seed,
               std::uint64_t run, std::uint32_t horizon, std::vector<SiteId>* failed, bool include_markets) {
  Shock shock;
  if (failed) failed->clear();
  const std::uint32_t n = chain.num_sites();
  auto fail = [&](SiteId s, const model::MonteCarloEvent& ev, Stream& st) {
    const auto start = static_cast<std::uint32_t>(st.below(horizon));
    shock.hits.push_back({Hit::Kind::site, s, ev.capacity_loss, start, draw_duration(ev.duration, st)});
    if (failed) failed->push_back(s);
  };
  for (std::size_t k = 0; k < spec.events.size(); ++k) {
    const model::MonteCarloEvent& ev = spec.events[k];
    const double p = ev.probability;
    if (!(p > 0)) continue;
    const std::uint64_t prefix = Stream::prefix(seed, run, k);
    if (ev.region != model::kInvalidId) {
      Stream st(prefix, keys.region[ev.region]);
      if (st.uniform() >= p) continue;
      const auto start = static_cast<std::uint32_t>(st.below(horizon));
      const std::uint32_t duration = draw_duration(ev.duration, st);
      for (SiteId s = 0; s < n; ++s)
        if (chain.regions().within(chain.sites().region[s], ev.region)) {
          shock.hits.push_back({Hit::Kind::site, s, ev.capacity_loss, start, duration});
          if (failed) failed->push_back(s);
        }
      continue;
    }
    // Sites fail independently, each by a draw from its own stream (keyed by its id).
    const std::uint32_t count = ev.all_sites ? n : static_cast<std::uint32_t>(ev.sites.size());
    for (std::uint32_t i = 0; i < count; ++i) {
      const SiteId s = ev.all_sites ? static_cast<SiteId>(i) : ev.sites[i];
      Stream st(prefix, keys.site[s]);
      if (st.uniform() >= p) continue;
      // Markets are demand, not failure candidates: drawn, they do not fail (each other site
      // still fails with probability p, independently).
      if (ev.all_sites && !include_markets && chain.sites().kind[s] == model::SiteKind::market) continue;
      fail(s, ev, st);
    }
  }
  if (failed) {
    std::sort(failed->begin(), failed->end());
    failed->erase(std::unique(failed->begin(), failed->end()), failed->end());
  }
  return shock;
}

double quantile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) return 0.0;
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(pos));
  if (i + 1 >= v.size()) return v.back();
  return v[i] + (pos - static_cast<double>(i)) * (v[i + 1] - v[i]);
}

MonteCarloResult monte_carlo(const Propagation& p, const model::MonteCarloSpec& spec, const MonteCarloOptions& options) {
  const model::Chain& c = p.chain();
  MonteCarloResult r;
  r.runs = options.runs ? options.runs : spec.runs;
  r.seed = options.seed_given ? options.seed : spec.seed;
  r.horizon = p.horizon();
  if (r.runs == 0) throw InvalidInput("Monte Carlo needs at least one run");
  if (spec.events.empty()) throw InvalidInput("the scenario has no Monte Carlo events (montecarlo: events: [...])");
  r.lost_value.assign(r.runs, 0.0);
  r.lost_units.assign(r.runs, 0.0);
  r.failed_sites.assign(r.runs, 0);
  const std::uint32_t n = c.num_sites();
  std::vector<std::uint64_t> in_loss(n, 0);
  std::vector<double> attributed(n, 0.0);
  const double tol = 1e-9 * std::max(1.0, p.demand_value_per_period());
  std::uint64_t loss_runs = 0;
  double total_loss = 0;

  const DrawKeys keys = draw_keys(c);
  tbb::enumerable_thread_specific<Propagation::Workspace> spaces([&] { return p.workspace(); });
  // Blocks of runs: progress between blocks, and the failed-site lists of one block at a time.
  const std::uint32_t block = std::clamp<std::uint32_t>(r.runs / 100, 64, 4096);
  std::vector<std::vector<SiteId>> failed(block);
  for (std::uint32_t first = 0; first < r.runs; first += block) {
    const std::uint32_t last = std::min(r.runs, first + block);
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(first, last, 4), [&](const tbb::blocked_range<std::uint32_t>& range) {
      Propagation::Workspace& ws = spaces.local();
      for (std::uint32_t run = range.begin(); run != range.end(); ++run) {
        const Shock shock = draw_run(c, spec, keys, r.seed, run, r.horizon, &failed[run - first], options.include_markets);
        const ShockOutcome o = shock.hits.empty() ? ShockOutcome{} : p.run(shock, ws);
        r.lost_value[run] = o.excess_lost_value;
        r.lost_units[run] = o.excess_lost_units;
        r.failed_sites[run] = static_cast<std::uint32_t>(failed[run - first].size());
      }
    });
    // In run order, so that sums do not depend on the threads.
    for (std::uint32_t run = first; run < last; ++run) {
      if (r.lost_value[run] <= tol) continue;
      ++loss_runs;
      total_loss += r.lost_value[run];
      const auto& fs = failed[run - first];
      for (SiteId s : fs) {
        ++in_loss[s];
        attributed[s] += r.lost_value[run] / static_cast<double>(fs.size());
      }
    }
    if (options.progress) options.progress(last, r.runs);
  }

  double sum = 0;
  for (double v : r.lost_value) sum += v;
  r.mean = sum / r.runs;
  double ss = 0;
  for (double v : r.lost_value) ss += (v - r.mean) * (v - r.mean);
  r.std = r.runs > 1 ? std::sqrt(ss / (r.runs - 1)) : 0.0;
  std::vector<double> sorted = r.lost_value;
  std::sort(sorted.begin(), sorted.end());
  r.p50 = quantile_sorted(sorted, 0.50);
  r.p95 = quantile_sorted(sorted, 0.95);
  r.p99 = quantile_sorted(sorted, 0.99);
  const auto tail = static_cast<std::size_t>(std::ceil(0.05 * r.runs));
  double tail_sum = 0;
  for (std::size_t i = sorted.size() - tail; i < sorted.size(); ++i) tail_sum += sorted[i];
  r.cvar95 = tail_sum / static_cast<double>(tail);
  r.p_any_loss = static_cast<double>(loss_runs) / r.runs;
  r.site_share.assign(n, 0.0);
  r.site_loss_share.assign(n, 0.0);
  for (SiteId s = 0; s < n; ++s) {
    if (loss_runs) r.site_share[s] = static_cast<double>(in_loss[s]) / static_cast<double>(loss_runs);
    if (total_loss > 0) r.site_loss_share[s] = attributed[s] / total_loss;
  }
  return r;
}

}  // namespace chainnet::stress
