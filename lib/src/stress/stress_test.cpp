#include "chainnet/stress/stress_test.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "chainnet/error.hpp"
#include "chainnet/routing/resolve.hpp"
#include "chainnet/stress/best_response.hpp"

namespace chainnet::stress {

void add_reroute_costs(StressResult& r, const Propagation& p, const Shock& shock) {
  const std::uint32_t T = p.horizon();
  for (const RerouteNote& n : shock.reroutes) {
    RerouteCost rc;
    rc.note = n;
    rc.units_per_period = n.detour.share * p.normal_plan().supply[n.detour.supply];
    const std::uint32_t periods = n.start >= T ? 0 : std::min(n.duration, T - n.start);
    rc.extra_cost = rc.units_per_period * n.detour.extra_cost * periods;
    rc.extra_co2 = rc.units_per_period * n.detour.extra_co2 * periods;
    r.extra_transport_cost += rc.extra_cost;
    r.extra_co2 += rc.extra_co2;
    r.reroutes.push_back(std::move(rc));
  }
}

StressResult stress_test(const Propagation& p, const Shock& given, std::string label, const StressOptions& options) {
  const model::Chain& c = p.chain();
  const auto& H = c.holdings();
  const std::uint32_t T = p.horizon();
  StressResult r;
  r.label = std::move(label);
  r.horizon = T;
  const Shock shock = p.with_transit(given);
  auto ws = p.workspace();
  Trace base, trace;
  p.run({}, ws, &base);
  r.outcome = p.run(shock, ws, &trace);
  add_reroute_costs(r, p, shock);
  r.baseline_lost_value_by_period = p.baseline_lost_value();
  for (double v : p.baseline_lost_value()) r.baseline_lost_value += v / T;
  r.lost_value_by_period = r.outcome.excess_value_by_period;
  const auto& demand = p.demand_holdings();
  const std::size_t nd = demand.size();
  r.timeline.reserve(static_cast<std::size_t>(T) * nd);
  for (std::uint32_t t = 0; t < T; ++t)
    for (std::size_t i = 0; i < nd; ++i) {
      const HoldingId h = demand[i];
      const double served = trace.served[t * nd + i];
      const double lost = std::max(0.0, H.demand[h] - served);
      r.timeline.push_back({t, h, H.demand[h], served, lost, std::max(0.0, base.served[t * nd + i] - served)});
    }
  // Site timeline: the holdings whose production or stock departs from the undisrupted run.
  const std::size_t nh = H.size();
  std::vector<std::uint8_t> keep(nh, options.all_holdings ? 1 : 0);
  auto production = [&](const Trace& tr, std::uint32_t t, HoldingId h) {
    const model::MakeId m = H.make[h];
    return m == model::kInvalidId ? std::numeric_limits<double>::quiet_NaN()
                                  : tr.production[static_cast<std::size_t>(t) * c.makes().size() + m];
  };
  auto close = [](double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
  };
  if (!options.all_holdings)
    for (std::uint32_t t = 0; t < T; ++t)
      for (HoldingId h = 0; h < nh; ++h)
        if (!keep[h] && (!close(trace.stock[t * nh + h], base.stock[t * nh + h]) ||
                         !close(production(trace, t, h), production(base, t, h))))
          keep[h] = 1;
  for (std::uint32_t t = 0; t < T; ++t)
    for (HoldingId h = 0; h < nh; ++h)
      if (keep[h]) r.holdings.push_back({t, h, production(trace, t, h), trace.stock[t * nh + h]});
  return r;
}

namespace {

Shock disruptions_over(const model::Chain& c, const std::vector<std::string>& ids, std::string* label,
                       const routing::SupplyRouting* given) {
  std::optional<routing::SupplyRouting> own;
  Shock shock;
  std::string name;
  for (const std::string& id : ids) {
    const model::Disruption* d = &c.disruption(id);
    const routing::SupplyRouting* routing = given;
    if (!routing && needs_routes(*d) && c.lanes().size() > 0) {
      if (!own) own.emplace(c, std::vector<double>(c.supplies().size(), 0.0));
      routing = &*own;
    }
    if (routing || !needs_routes(*d) || d->target == model::DisruptionTarget::region) shock.add(resolve_disruption(c, *d, routing));
    name += (name.empty() ? "" : "+") + id;
  }
  if (label) *label = name;
  return shock;
}

}  // namespace

Shock disruption_shock(const Propagation& p, const std::vector<std::string>& ids, std::string* label) {
  return disruptions_over(p.chain(), ids, label, p.routing());
}

Shock disruption_shock(const model::Chain& c, const std::vector<std::string>& ids, std::string* label) {
  return disruptions_over(c, ids, label, nullptr);
}

std::uint32_t ttr_periods(double ttr) {
  return std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::ceil(ttr - 1e-9)));
}

Shock site_shock(const model::Chain& c, std::string_view id, double loss, std::uint32_t start, std::uint32_t duration,
                 std::string* label) {
  const model::NodeId n = routing::resolve_node(c, id);
  if (c.is_hub(n)) throw InvalidInput("'" + std::string(id) + "' is a hub, not a site");
  if (!(loss > 0 && loss <= 1)) throw InvalidInput("the capacity loss must be in (0, 1]");
  if (label) *label = "site " + std::string(id);
  return site_failure(n, loss, start, duration ? duration : ttr_periods(c.site_ttr(n)));
}

std::vector<StressResult> stress_each_disruption(const Propagation& p, const StressOptions& options, bool optimal) {
  std::vector<StressResult> out;
  for (const auto& d : p.chain().disruptions())
    out.push_back(optimal ? best_response(p, disruption_shock(p, {d.id}), d.id, options)
                          : stress_test(p, disruption_shock(p, {d.id}), d.id, options));
  return out;
}

const StressResult& worst_of(const std::vector<StressResult>& results) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < results.size(); ++i)
    if (results[i].outcome.lost_value > results[best].outcome.lost_value) best = i;
  return results[best];
}

}  // namespace chainnet::stress
