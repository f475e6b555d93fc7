#include "chainnet/flow/replan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/routing/resolve.hpp"

namespace chainnet::flow {
namespace {

double keep_of(double loss) {
  if (!(loss > 0 && loss <= 1)) throw InvalidInput("a capacity loss must be in (0, 1], got " + std::to_string(loss));
  return 1.0 - loss;
}

// The route carrying most of a supply's flow, and its unit transport cost.
struct MainRoute {
  const std::vector<LaneId>* lanes = nullptr;
  double quantity = 0;
  double total = 0;
  double unit_cost = 0;
};

std::vector<MainRoute> main_routes(std::size_t supplies, const FlowPlan& p) {
  std::vector<MainRoute> out(supplies);
  for (const RoutedFlow& f : p.flows) {
    MainRoute& m = out[f.supply];
    m.total += f.quantity;
    if (f.quantity > m.quantity) {
      m.quantity = f.quantity;
      m.lanes = &f.lanes;
      m.unit_cost = f.unit_transport_cost;
    }
  }
  return out;
}

}  // namespace

ReplanShock replan_shock(const model::Chain& c, const std::vector<std::string>& ids, const std::string& site, double loss,
                         const std::vector<std::string>& avoid, std::string* label) {
  ReplanShock shock;
  std::string name;
  for (const std::string& id : ids) {
    shock.disruptions.push_back(&c.disruption(id));
    name += (name.empty() ? "" : "+") + id;
  }
  if (!site.empty()) {
    const model::NodeId n = routing::resolve_node(c, site);
    if (c.is_hub(n)) throw InvalidInput("'" + site + "' is a hub, not a site (avoid it to close it)");
    if (!(loss > 0 && loss <= 1)) throw InvalidInput("the capacity loss must be in (0, 1], got " + std::to_string(loss));
    shock.sites.emplace_back(n, loss);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", loss);
    name += (name.empty() ? "" : "+") + ("site " + site + (loss < 1 ? std::string(" (loss ") + buf + ")" : std::string()));
  }
  if (!avoid.empty()) {
    shock.avoid = routing::resolve_avoid(c, avoid);
    std::string words;
    for (const std::string& a : avoid) words += (words.empty() ? "" : ",") + a;
    name += (name.empty() ? "" : "+") + ("avoid " + words);
  }
  if (label) *label = name.empty() ? "nothing" : name;
  return shock;
}

PlanConditions conditions_of(const model::Chain& c, const ReplanShock& shock, const FlowPlan& normal) {
  const auto& M = c.makes();
  const auto& S = c.supplies();
  const auto& L = c.lanes();
  const auto& H = c.holdings();
  const auto& regions = c.regions();
  PlanConditions k;
  k.make_capacity = M.capacity.to_vector();
  k.supply_capacity = S.capacity.to_vector();
  k.lane_capacity = L.capacity.to_vector();
  k.lane_closed.assign(L.size(), 0);
  k.node_closed.assign(c.num_nodes(), 0);
  k.unmet_floor.assign(H.size(), 0.0);
  std::vector<double> flow(S.size(), 0.0), load(L.size(), 0.0), unmet(H.size(), 0.0);
  for (const Unmet& u : normal.unmet) unmet[u.holding] = u.quantity;
  for (const RoutedFlow& f : normal.flows) {
    flow[f.supply] += f.quantity;
    for (LaneId l : f.lanes) load[l] += f.quantity;
  }
  auto scale_make = [&](MakeId m, double keep) { k.make_capacity[m] = M.capacity[m] == model::kUnlimited && keep == 0 ? 0.0 : k.make_capacity[m] * keep; };
  auto scale_lane = [&](LaneId l, double keep) {
    if (keep <= 0) k.lane_closed[l] = 1;
    else k.lane_capacity[l] = std::min(k.lane_capacity[l], (std::isfinite(L.capacity[l]) ? L.capacity[l] : load[l]) * keep);
  };
  auto fail_site = [&](model::SiteId s, double keep) {
    for (MakeId m : c.sites().makes[s]) scale_make(m, keep);
    for (HoldingId h : c.sites().holdings[s]) {
      if (H.make[h] != model::kInvalidId && keep > 0) continue;  // its line bounds what it sells
      for (SupplyId e : H.sold[h]) k.supply_capacity[e] = std::min(k.supply_capacity[e], flow[e] * keep);
    }
    // Its sales to final demand keep 1 - f of the normal plan's (as the propagation's).
    for (HoldingId h : c.sites().holdings[s])
      if (H.demand[h] > 0) k.unmet_floor[h] = std::max(k.unmet_floor[h], H.demand[h] - keep * (H.demand[h] - unmet[h]));
    if (keep <= 0) k.node_closed[s] = 1;
  };
  auto close_node = [&](model::NodeId n, double keep) {
    if (keep <= 0) {
      k.node_closed[n] = 1;
      return;
    }
    for (LaneId l : L.in[n]) scale_lane(l, keep);
    for (LaneId l : L.out[n]) scale_lane(l, keep);
  };
  for (const model::Disruption* d : shock.disruptions) {
    const double keep = keep_of(d->capacity_loss);
    switch (d->target) {
      case model::DisruptionTarget::sites:
        for (model::SiteId s : d->sites) fail_site(s, keep);
        break;
      case model::DisruptionTarget::region:
        for (model::SiteId s = 0; s < c.num_sites(); ++s)
          if (regions.within(c.sites().region[s], d->region)) fail_site(s, keep);
        for (std::uint32_t h = 0; h < c.hubs().size(); ++h)
          if (regions.within(c.hubs().region[h], d->region)) close_node(c.num_sites() + h, keep);
        break;
      case model::DisruptionTarget::hubs:
        for (model::NodeId n : d->hubs) close_node(n, keep);
        break;
      case model::DisruptionTarget::lanes:
        for (LaneId l : d->lanes) scale_lane(l, keep);
        break;
      case model::DisruptionTarget::mode:
        for (LaneId l = 0; l < L.size(); ++l)
          if (L.mode[l] == d->mode) scale_lane(l, keep);
        break;
      case model::DisruptionTarget::product:
        if (d->from_region == model::kInvalidId) {
          for (MakeId m = 0; m < M.size(); ++m)
            if (M.product[m] == d->product) scale_make(m, keep);
        } else {
          for (SupplyId e = 0; e < S.size(); ++e)
            if (S.product[e] == d->product && regions.within(c.sites().region[S.seller[e]], d->from_region) &&
                !regions.within(c.sites().region[S.buyer[e]], d->from_region))
              k.supply_capacity[e] = std::min(k.supply_capacity[e], flow[e] * keep);
        }
        break;
    }
  }
  for (const auto& [s, loss] : shock.sites) {
    if (s >= c.num_sites()) throw InvalidInput("re-plan: site index out of range");
    fail_site(s, keep_of(loss));
  }
  if (!shock.avoid.empty()) {
    const routing::Blocked b = routing::make_blocked(c, shock.avoid);
    for (LaneId l = 0; l < L.size(); ++l)
      if (b.lane[l]) k.lane_closed[l] = 1;
    for (model::NodeId n = 0; n < c.num_nodes(); ++n)
      if (b.node[n]) k.node_closed[n] = 1;
  }
  return k;
}

PlanDelta plan_delta(const model::Chain& c, const FlowPlan& a, const FlowPlan& b) {
  PlanDelta d;
  d.total_cost = b.total_cost - a.total_cost;
  d.production_cost = b.production_cost - a.production_cost;
  d.transport_cost = b.transport_cost - a.transport_cost;
  d.carbon_cost = b.carbon_cost - a.carbon_cost;
  d.lost_sale_cost = b.lost_sale_cost - a.lost_sale_cost;
  d.co2_kg = b.co2_kg - a.co2_kg;
  const std::size_t n = c.supplies().size();
  const std::vector<MainRoute> ra = main_routes(n, a), rb = main_routes(n, b);
  double scale = 1.0;
  for (double v : c.holdings().demand) scale = std::max(scale, v);
  const double tol = 1e-7 * scale;
  for (SupplyId e = 0; e < n; ++e) {
    const bool both = ra[e].lanes && rb[e].lanes;
    const bool rerouted = both && *ra[e].lanes != *rb[e].lanes;
    if (std::fabs(ra[e].total - rb[e].total) <= tol && !rerouted) continue;
    d.flows.push_back({e, ra[e].total, rb[e].total, rerouted, ra[e].unit_cost, rb[e].unit_cost});
  }
  const auto& H = c.holdings();
  std::vector<double> ua(H.size(), 0.0), ub(H.size(), 0.0);
  for (const Unmet& u : a.unmet) ua[u.holding] = u.quantity;
  for (const Unmet& u : b.unmet) ub[u.holding] = u.quantity;
  for (HoldingId h = 0; h < H.size(); ++h) {
    if (!(H.demand[h] > 0) || std::fabs(ua[h] - ub[h]) <= tol) continue;
    const double v = (ub[h] - ua[h]) * c.products().value[H.product[h]];
    d.markets.push_back({h, ua[h], ub[h], v});
    d.lost_sales_value += v;
  }
  std::stable_sort(d.markets.begin(), d.markets.end(),
                   [](const MarketChange& x, const MarketChange& y) { return x.lost_value > y.lost_value; });
  return d;
}

Replan replan(const model::Chain& c, const ReplanShock& shock, const PlanOptions& options) {
  Replan r;
  PlanOptions base = options;
  base.conditions = nullptr;
  r.normal = plan_flows(c, base);
  const PlanConditions k = conditions_of(c, shock, r.normal);
  PlanOptions shocked = options;
  shocked.conditions = &k;
  r.replanned = plan_flows(c, shocked);
  r.delta = plan_delta(c, r.normal, r.replanned);
  return r;
}

}  // namespace chainnet::flow
