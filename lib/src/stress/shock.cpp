#include "chainnet/stress/shock.hpp"

#include <algorithm>
#include <unordered_map>

#include "chainnet/error.hpp"

namespace chainnet::stress {

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
  return d.target == model::DisruptionTarget::lanes || d.target == model::DisruptionTarget::mode ||
         d.target == model::DisruptionTarget::hubs || d.target == model::DisruptionTarget::region;
}

Shock reroute_shock(const routing::SupplyRouting& routing, std::span<const std::pair<SupplyId, double>> moved,
                    const routing::Closure& closed, std::uint32_t start, std::uint32_t duration) {
  Shock shock;
  const routing::Reroute r = routing.reroute(moved, closed);
  for (const routing::SupplyDetour& d : r.detours) {
    if (d.extra_periods > 0) {
      Hit h{Hit::Kind::delay, d.supply, d.share, start, duration};
      h.delay = d.extra_periods;
      shock.hits.push_back(h);
    }
    shock.reroutes.push_back({d, start, duration});
  }
  for (const auto& [e, share] : r.lost) shock.hits.push_back({Hit::Kind::supply, e, share, start, duration});
  return shock;
}

Shock site_failure(SiteId s, double loss, std::uint32_t start, std::uint32_t duration, bool stock_lost) {
  Shock shock;
  shock.hits.push_back({Hit::Kind::site, s, loss, start, duration, stock_lost});
  return shock;
}

Shock resolve_disruption(const model::Chain& c, const model::Disruption& d, const routing::SupplyRouting* routing) {
  Shock shock;
  auto hit = [&](Hit::Kind kind, std::uint32_t id) {
    shock.hits.push_back({kind, id, d.capacity_loss, d.start, d.duration, kind == Hit::Kind::site && d.stock_lost});
  };
  const auto& regions = c.regions();
  switch (d.target) {
    case model::DisruptionTarget::sites:
      for (SiteId s : d.sites) hit(Hit::Kind::site, s);
      break;
    case model::DisruptionTarget::region: {
      for (SiteId s = 0; s < c.num_sites(); ++s)
        if (regions.within(c.sites().region[s], d.region)) hit(Hit::Kind::site, s);
      // Its hubs close to transit too (its sites' transit is rerouted when the run starts).
      if (!routing) break;
      routing::Closure closed;
      std::vector<std::pair<SupplyId, double>> moved;
      std::vector<std::uint8_t> seen(c.supplies().size(), 0);
      for (std::uint32_t k = 0; k < c.hubs().size(); ++k) {
        const model::NodeId n = c.num_sites() + k;
        if (!regions.within(c.hubs().region[k], d.region)) continue;
        if (closed.node.empty()) closed.node.assign(c.num_nodes(), 0);
        closed.node[n] = 1;
        for (SupplyId e : routing->supplies_through(n))
          if (!seen[e]) {
            seen[e] = 1;
            moved.emplace_back(e, d.capacity_loss);
          }
      }
      if (moved.empty()) break;
      std::sort(moved.begin(), moved.end());
      shock.add(reroute_shock(*routing, moved, closed, d.start, d.duration));
      break;
    }
    case model::DisruptionTarget::lanes:
    case model::DisruptionTarget::mode:
    case model::DisruptionTarget::hubs: {
      if (!routing) throw InvalidInput("disruption '" + d.id + "' closes lanes or hubs: supply routing is needed");
      routing::Closure closed;
      std::vector<std::pair<SupplyId, double>> moved;
      std::vector<std::uint8_t> seen(c.supplies().size(), 0);
      auto move = [&](std::span<const SupplyId> supplies) {
        for (SupplyId e : supplies)
          if (!seen[e]) {
            seen[e] = 1;
            moved.emplace_back(e, d.capacity_loss);
          }
      };
      if (d.target == model::DisruptionTarget::hubs) {
        closed.node.assign(c.num_nodes(), 0);
        for (model::NodeId n : d.hubs) {
          closed.node[n] = 1;
          move(routing->supplies_through(n));
        }
      } else {
        closed.lane.assign(c.lanes().size(), 0);
        for (model::LaneId l = 0; l < c.lanes().size(); ++l) {
          const bool hit_lane = d.target == model::DisruptionTarget::lanes
                                    ? std::find(d.lanes.begin(), d.lanes.end(), l) != d.lanes.end()
                                    : c.lanes().mode[l] == d.mode;
          if (!hit_lane) continue;
          closed.lane[l] = 1;
          move(routing->supplies_on_lane(l));
        }
      }
      std::sort(moved.begin(), moved.end());
      shock.add(reroute_shock(*routing, moved, closed, d.start, d.duration));
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
