#include "chainnet/routing/lane_graph.hpp"

#include <array>
#include <limits>

#include "chainnet/model/memory.hpp"

namespace chainnet::routing {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::array<std::string_view, 5> kMetricNames = {"cost", "time", "distance", "co2", "generalized"};
}

std::string_view to_string(Metric m) { return kMetricNames[static_cast<int>(m)]; }

std::optional<Metric> parse_metric(std::string_view text) {
  for (int i = 0; i < 5; ++i)
    if (kMetricNames[i] == text) return static_cast<Metric>(i);
  return std::nullopt;
}

double lane_weight(const model::Chain& c, LaneId l, Metric m, const Prices& p) {
  const model::LaneTable& lt = c.lanes();
  switch (m) {
    case Metric::cost: return lt.cost[l];
    case Metric::time: return lt.time_h[l];
    case Metric::distance: return lt.distance_km[l];
    case Metric::co2: return lt.co2_kg[l];
    case Metric::generalized:
      return lt.cost[l] + p.carbon_price * lt.co2_kg[l] + p.value_of_time * lt.time_h[l];
  }
  return 0.0;
}

Blocked make_blocked(const model::Chain& c, const Avoid& avoid) {
  Blocked b;
  b.node.assign(c.num_nodes(), 0);
  b.lane.assign(c.lanes().size(), 0);
  for (NodeId n : avoid.nodes) b.node[n] = 1;
  if (!avoid.regions.empty()) {
    const auto& rt = c.regions();
    auto inside = [&](model::RegionId r) {
      if (r == model::kInvalidId) return false;
      for (model::RegionId a : avoid.regions)
        if (rt.within(r, a)) return true;
      return false;
    };
    for (NodeId n = 0; n < c.num_nodes(); ++n) {
      const model::RegionId r = c.is_hub(n) ? c.hubs().region[n - c.num_sites()] : c.sites().region[n];
      if (inside(r)) b.node[n] = 1;
    }
  }
  for (LaneId l = 0; l < c.lanes().size(); ++l)
    for (model::Mode m : avoid.modes)
      if (c.lanes().mode[l] == m) b.lane[l] = 1;
  b.any_ = !avoid.empty();
  return b;
}

LaneGraph::LaneGraph(const model::Chain& c, Metric metric, const Prices& prices) : metric_(metric) {
  const model::LaneTable& lt = c.lanes();
  first_ = lt.out.first.to_vector();
  model::reserve_huge(arcs_, lt.size());
  for (NodeId v = 0; v < c.num_nodes(); ++v)
    for (LaneId l : lt.out[v]) arcs_.push_back({lane_weight(c, l, metric, prices), lt.to[l], l});
}

LaneGraph::LaneGraph(const model::Chain& c, const std::vector<double>& w) : metric_(Metric::generalized) {
  const model::LaneTable& lt = c.lanes();
  first_.assign(c.num_nodes() + 1, 0);
  model::reserve_huge(arcs_, lt.size());
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    for (LaneId l : lt.out[v])
      if (w[l] != kInfinity) arcs_.push_back({w[l], lt.to[l], l});
    first_[v + 1] = static_cast<std::uint32_t>(arcs_.size());
  }
}

LaneGraph LaneGraph::reversed() const {
  LaneGraph r;
  r.metric_ = metric_;
  const std::uint32_t n = num_nodes();
  r.first_.assign(n + 1, 0);
  for (const Arc& a : arcs_) ++r.first_[a.head + 1];
  for (std::uint32_t v = 0; v < n; ++v) r.first_[v + 1] += r.first_[v];
  r.arcs_.resize(arcs_.size());
  std::vector<std::uint32_t> next(r.first_.begin(), r.first_.end() - 1);
  for (NodeId v = 0; v < n; ++v)
    for (const Arc* a = begin(v); a != end(v); ++a) r.arcs_[next[a->head]++] = {a->weight, v, a->lane};
  return r;
}

}  // namespace chainnet::routing
