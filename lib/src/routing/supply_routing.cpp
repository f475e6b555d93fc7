#include "chainnet/routing/supply_routing.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "chainnet/routing/dijkstra.hpp"
#include "chainnet/routing/lane_graph.hpp"

namespace chainnet::routing {

struct SupplyRouting::Index {
  std::vector<std::uint32_t> first;  // per supply + 1
  std::vector<LaneId> lanes;
  model::Csr on_lane;                // lane -> supplies
  model::Csr through;                // node -> supplies passing it between their ends
  std::vector<double> load;          // per lane: normal units per period
  std::unique_ptr<LaneGraph> graph;
};

namespace {

model::Csr invert(std::uint32_t rows, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  model::Csr c;
  c.first.assign(rows + 1, 0);
  for (const auto& [r, v] : pairs) ++c.first[r + 1];
  for (std::uint32_t r = 0; r < rows; ++r) c.first[r + 1] += c.first[r];
  c.items.resize(pairs.size());
  std::vector<std::uint32_t> at(c.first.begin(), c.first.end() - 1);
  for (const auto& [r, v] : pairs) c.items[at[r]++] = v;  // pairs come in supply order
  return c;
}

}  // namespace

std::vector<std::vector<LaneId>> cheapest_supply_routes(const model::Chain& c, const std::vector<double>& lane_weight,
                                                        std::vector<double>* cost) {
  const model::SupplyTable& st = c.supplies();
  const LaneGraph graph(c, lane_weight);
  std::vector<std::vector<LaneId>> routes(st.size());
  if (cost) cost->assign(st.size(), kUnreachable);
  std::vector<model::SiteId> sellers;
  for (model::SiteId s = 0; s < c.num_sites(); ++s)
    if (c.sites().supplies_out.degree(s) > 0) sellers.push_back(s);
  struct Scratch {
    Dijkstra search;
    std::vector<std::uint8_t> target;
    explicit Scratch(std::uint32_t n) : search(n), target(n, 0) {}
  };
  tbb::enumerable_thread_specific<Scratch> scratch([&] { return Scratch(c.num_nodes()); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sellers.size()), [&](const auto& r) {
    Scratch& w = scratch.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const model::SiteId seller = sellers[i];
      std::uint32_t wanted = 0;
      for (SupplyId e : c.sites().supplies_out[seller])
        if (!w.target[st.buyer[e]]) {
          w.target[st.buyer[e]] = 1;
          ++wanted;
        }
      w.search.run(graph, seller, model::kInvalidId, nullptr, nullptr, w.target.data(), wanted, true);
      for (SupplyId e : c.sites().supplies_out[seller]) {
        w.target[st.buyer[e]] = 0;
        if (w.search.distance(st.buyer[e]) == kUnreachable) continue;
        routes[e] = w.search.path_lanes(st.buyer[e]);
        if (cost) (*cost)[e] = w.search.distance(st.buyer[e]);
      }
    }
  });
  return routes;
}

SupplyRouting::SupplyRouting(const model::Chain& chain, std::vector<double> flow) : chain_(chain), flow_(std::move(flow)) {
  const model::LaneTable& lt = chain.lanes();
  const Prices prices{chain.settings().carbon_price, chain.settings().value_of_time};
  weight_.resize(lt.size());
  for (LaneId l = 0; l < lt.size(); ++l) weight_[l] = lane_weight(chain, l, Metric::generalized, prices);
  flow_.resize(chain.supplies().size(), 0.0);
  transit_capable_.assign(chain.num_nodes(), 0);
  for (NodeId n = 0; n < chain.num_nodes(); ++n) {
    if (lt.in.degree(n) == 0 || lt.out.degree(n) == 0) continue;
    // Capable unless every lane in and out of n touches the same one other node.
    NodeId other = model::kInvalidId;
    bool two = false;
    auto see = [&](NodeId v) {
      if (v == n) return;
      if (other == model::kInvalidId) other = v;
      else if (v != other) two = true;
    };
    for (LaneId l : lt.in[n]) see(lt.from[l]);
    for (LaneId l : lt.out[n]) see(lt.to[l]);
    transit_capable_[n] = two ? 1 : 0;
  }
}

SupplyRouting::~SupplyRouting() = default;

const SupplyRouting::Index& SupplyRouting::index() const {
  std::call_once(built_, [&] {
    auto ix = std::make_unique<Index>();
    const model::Chain& c = chain_;
    const model::SupplyTable& st = c.supplies();
    const model::LaneTable& lt = c.lanes();
    ix->graph = std::make_unique<LaneGraph>(c, weight_);
    std::vector<std::vector<LaneId>> routes =
        lt.size() > 0 ? cheapest_supply_routes(c, weight_) : std::vector<std::vector<LaneId>>(st.size());
    ix->first.assign(st.size() + 1, 0);
    ix->load.assign(lt.size(), 0.0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> lane_pairs, node_pairs;
    for (SupplyId e = 0; e < st.size(); ++e) {
      const auto& r = routes[e];
      ix->lanes.insert(ix->lanes.end(), r.begin(), r.end());
      ix->first[e + 1] = static_cast<std::uint32_t>(ix->lanes.size());
      for (std::size_t k = 0; k < r.size(); ++k) {
        lane_pairs.emplace_back(r[k], e);
        ix->load[r[k]] += flow_[e];
        if (k + 1 < r.size()) node_pairs.emplace_back(lt.to[r[k]], e);
      }
    }
    ix->on_lane = invert(lt.size(), lane_pairs);
    ix->through = invert(c.num_nodes(), node_pairs);
    index_ = std::move(ix);
  });
  return *index_;
}

std::span<const LaneId> SupplyRouting::route(SupplyId e) const {
  const Index& ix = index();
  return {ix.lanes.data() + ix.first[e], ix.lanes.data() + ix.first[e + 1]};
}

std::span<const SupplyId> SupplyRouting::supplies_on_lane(LaneId l) const {
  const Index& ix = index();
  return ix.on_lane[l];
}

std::span<const SupplyId> SupplyRouting::supplies_through(NodeId n) const {
  if (!transit_capable_[n]) return {};
  const Index& ix = index();
  return ix.through[n];
}

Reroute SupplyRouting::reroute(std::span<const std::pair<SupplyId, double>> moved, const Closure& closed) const {
  const Index& ix = index();
  const model::Chain& c = chain_;
  const model::LaneTable& lt = c.lanes();
  const model::SupplyTable& st = c.supplies();
  Reroute out;
  if (moved.empty()) return out;
  auto lane_closed = [&](LaneId l) { return !closed.lane.empty() && closed.lane[l]; };
  // Capacity left on each lane: what normal flows leave, plus what the moved shares free.
  std::vector<double> left(lt.size());
  for (LaneId l = 0; l < lt.size(); ++l) left[l] = lt.capacity[l] - ix.load[l];
  for (const auto& [e, share] : moved)
    for (LaneId l : route(e))
      if (!lane_closed(l)) left[l] += share * flow_[e];
  std::vector<std::uint8_t> blocked_lane = closed.lane;
  blocked_lane.resize(lt.size(), 0);
  const std::uint8_t* blocked_node = closed.node.empty() ? nullptr : closed.node.data();
  auto search = std::make_unique<Dijkstra>(c.num_nodes());
  const double hours = c.settings().hours_per_period;
  for (const auto& [e, share] : moved) {
    double base_time = 0, base_cost = 0, base_co2 = 0;
    for (LaneId l : route(e)) {
      base_time += lt.time_h[l];
      base_cost += lt.cost[l];
      base_co2 += lt.co2_kg[l];
    }
    const double units = share * flow_[e];
    double need = share;  // of the supply's flow
    std::vector<LaneId> saturated;
    for (int attempt = 0; attempt < 16 && need > 1e-12; ++attempt) {
      search->run(*ix.graph, st.seller[e], st.buyer[e], blocked_node, blocked_lane.data());
      if (search->distance(st.buyer[e]) == kUnreachable) break;
      std::vector<LaneId> path = search->path_lanes(st.buyer[e]);
      double room = kUnreachable;
      for (LaneId l : path) room = std::min(room, left[l]);
      double take = need;
      if (units > 0 && room < need * flow_[e]) take = std::max(0.0, room) / flow_[e];
      if (take > 1e-12) {
        SupplyDetour d;
        d.supply = e;
        d.share = take;
        for (LaneId l : path) {
          d.extra_time_h += lt.time_h[l];
          d.extra_cost += lt.cost[l];
          d.extra_co2 += lt.co2_kg[l];
          left[l] -= take * flow_[e];
        }
        d.extra_time_h -= base_time;
        d.extra_cost -= base_cost;
        d.extra_co2 -= base_co2;
        d.extra_periods = d.extra_time_h > 0 ? static_cast<std::uint32_t>(std::floor(d.extra_time_h / hours + 0.5)) : 0u;
        d.lanes = std::move(path);
        need -= take;
        out.detours.push_back(std::move(d));
      }
      if (need <= 1e-12) break;
      // The tightest lane of this route is full now: look past it.
      for (LaneId l : search->path_lanes(st.buyer[e]))
        if (left[l] <= 1e-9 * std::max(1.0, units) && !blocked_lane[l]) {
          blocked_lane[l] = 1;
          saturated.push_back(l);
        }
    }
    for (LaneId l : saturated) blocked_lane[l] = lane_closed(l) ? 1 : 0;
    if (need > 1e-12) out.lost.emplace_back(e, need);
  }
  return out;
}

}  // namespace chainnet::routing
