#include "chainnet/stress/shock.hpp"

#include <algorithm>
#include <unordered_map>

#include "chainnet/error.hpp"
#include "flow/plan_parts.hpp"

namespace chainnet::stress {

SupplyRoutes supply_routes(const model::Chain& chain) {
  const flow::detail::PlanInputs in = flow::detail::prepare_inputs(chain, chain.settings().carbon_price, 1.0);
  SupplyRoutes r;
  r.first = in.route_first;
  r.lanes = in.route_lanes;
  if (r.first.empty()) r.first.assign(chain.supplies().size() + 1, 0);
  return r;
}

std::vector<SiteId> failure_candidates(const model::Chain& chain, bool include_markets) {
  std::vector<SiteId> out;
  for (SiteId s = 0; s < chain.num_sites(); ++s)
    if (include_markets || chain.sites().kind[s] != model::SiteKind::market) out.push_back(s);
  return out;
}

bool parse_stock_lost(std::string_view text) {
  if (text == "kept") return false;
  if (text == "lost") return true;
  throw InvalidInput("stock must be 'kept' (a failed site can still ship its stock) or 'lost' (destroyed with it), not '" +
                     std::string(text) + "'");
}

bool needs_routes(const model::Disruption& d) {
  return d.target == model::DisruptionTarget::lanes || d.target == model::DisruptionTarget::mode;
}

Shock site_failure(SiteId s, double loss, std::uint32_t start, std::uint32_t duration, bool stock_lost) {
  Shock shock;
  shock.hits.push_back({Hit::Kind::site, s, loss, start, duration, stock_lost});
  return shock;
}

Shock resolve_disruption(const model::Chain& c, const model::Disruption& d, const SupplyRoutes* routes) {
  Shock shock;
  auto hit = [&](Hit::Kind kind, std::uint32_t id) {
    shock.hits.push_back({kind, id, d.capacity_loss, d.start, d.duration, kind == Hit::Kind::site && d.stock_lost});
  };
  const auto& regions = c.regions();
  switch (d.target) {
    case model::DisruptionTarget::sites:
      for (SiteId s : d.sites) hit(Hit::Kind::site, s);
      break;
    case model::DisruptionTarget::region:
      for (SiteId s = 0; s < c.num_sites(); ++s)
        if (regions.within(c.sites().region[s], d.region)) hit(Hit::Kind::site, s);
      break;
    case model::DisruptionTarget::lanes:
    case model::DisruptionTarget::mode: {
      if (!routes) throw InvalidInput("disruption '" + d.id + "' hits lanes: supply routes are needed");
      std::vector<std::uint8_t> hit_lane(c.lanes().size(), 0);
      if (d.target == model::DisruptionTarget::lanes) {
        for (model::LaneId l : d.lanes) hit_lane[l] = 1;
      } else {
        for (model::LaneId l = 0; l < c.lanes().size(); ++l) hit_lane[l] = c.lanes().mode[l] == d.mode;
      }
      // One disruption takes `loss` off a route however many of its lanes it hits: the route
      // carries what its worst lane lets through.
      for (SupplyId e = 0; e + 1 < routes->first.size(); ++e)
        for (std::uint32_t i = routes->first[e]; i < routes->first[e + 1]; ++i)
          if (hit_lane[routes->lanes[i]]) {
            hit(Hit::Kind::supply, e);
            break;
          }
      break;
    }
    case model::DisruptionTarget::product: {
      const auto& M = c.makes();
      const auto& S = c.supplies();
      if (d.from_region == model::kInvalidId) {
        for (MakeId m = 0; m < M.size(); ++m)
          if (M.product[m] == d.product) hit(Hit::Kind::make, m);
      } else {
        for (SupplyId e = 0; e < S.size(); ++e)
          if (S.product[e] == d.product && regions.within(c.sites().region[S.seller[e]], d.from_region) &&
              !regions.within(c.sites().region[S.buyer[e]], d.from_region))
            hit(Hit::Kind::supply, e);
      }
      break;
    }
  }
  return shock;
}

}  // namespace chainnet::stress
