#include "chainnet/stress/sweep.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>

#include "chainnet/error.hpp"

namespace chainnet::stress {

Sweep systemic_sweep(const Propagation& p, const SweepOptions& options) {
  if (options.duration == 0) throw InvalidInput("the sweep duration must be at least 1 period");
  if (!(options.loss > 0 && options.loss <= 1)) throw InvalidInput("the sweep capacity loss must be in (0, 1]");
  const model::Chain& c = p.chain();
  Sweep out;
  out.horizon = p.horizon();
  out.options = options;
  out.demand_value = p.demand_value_per_period() * p.horizon();
  const std::vector<SiteId> candidates = failure_candidates(c, options.include_markets);
  const auto n = static_cast<std::uint32_t>(candidates.size());
  out.sites.resize(n);
  tbb::enumerable_thread_specific<Propagation::Workspace> spaces([&] { return p.workspace(); });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 16), [&](const tbb::blocked_range<std::uint32_t>& range) {
    Propagation::Workspace& ws = spaces.local();
    for (std::uint32_t i = range.begin(); i != range.end(); ++i) {
      const SiteId s = candidates[i];
      const ShockOutcome o = p.run(site_failure(s, options.loss, options.start, options.duration, options.stock_lost), ws);
      SiteImportance& r = out.sites[i];
      r.site = s;
      r.lost_value = o.excess_lost_value;
      r.lost_units = o.excess_lost_units;
      r.lost_value_share = out.demand_value > 0 ? o.excess_lost_value / out.demand_value : 0.0;
      r.recovery_period = o.recovery_period;
      r.reach = o.reach;
    }
  });
  std::stable_sort(out.sites.begin(), out.sites.end(), [](const SiteImportance& a, const SiteImportance& b) {
    return a.lost_value_share > b.lost_value_share;
  });
  return out;
}

}  // namespace chainnet::stress
