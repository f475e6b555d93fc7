#include "chainnet/routing/routes.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <queue>
#include <set>

#include "chainnet/error.hpp"
#include "chainnet/model/memory.hpp"
#include "chainnet/routing/contraction.hpp"
#include "chainnet/routing/dijkstra.hpp"

namespace chainnet::routing {

// When the automatic matrix method builds a contraction hierarchy (see bench/README.md).
constexpr std::uint32_t kHierarchyMinNodes = 100'000;
constexpr std::size_t kHierarchyMinSources = 1000;

std::string_view to_string(RouteStatus s) {
  switch (s) {
    case RouteStatus::ok: return "ok";
    case RouteStatus::no_route: return "no_route";
    case RouteStatus::label_limit: return "label_limit";
  }
  return "";
}

Path path_from_lanes(const model::Chain& c, NodeId from, const std::vector<LaneId>& lanes, Metric metric,
                     const Prices& prices) {
  const model::LaneTable& lt = c.lanes();
  Path p;
  p.nodes.push_back(from);
  p.lanes = lanes;
  for (LaneId l : lanes) {
    p.nodes.push_back(lt.to[l]);
    p.weight += lane_weight(c, l, metric, prices);
    p.cost += lt.cost[l];
    p.time_h += lt.time_h[l];
    p.distance_km += lt.distance_km[l];
    p.co2 += lt.co2_kg[l];
    p.generalized += lane_weight(c, l, Metric::generalized, prices);
  }
  return p;
}

namespace {

// The cheapest route from s to t whose time is at most `budget`: label setting over
// (weight, time) with Pareto dominance, ordered by weight + a lower bound of the rest, pruned by
// a lower bound of the remaining time. Both bounds come from reverse Dijkstra searches.
class ConstrainedSearch {
 public:
  // rev_w / rev_time: the lane graph reversed, weighted by the metric and by time_h.
  ConstrainedSearch(const model::Chain& c, const LaneGraph& g, const LaneGraph& rev_w, const LaneGraph& rev_time,
                    NodeId target, const std::uint8_t* blocked_node, const std::uint8_t* blocked_lane,
                    std::uint64_t label_limit, Dijkstra& scratch)
      : c_(c), g_(g), target_(target), blocked_node_(blocked_node), blocked_lane_(blocked_lane), limit_(label_limit),
        lb_w_(g.num_nodes(), kUnreachable), lb_t_(g.num_nodes(), kUnreachable) {
    scratch.run(rev_w, target, model::kInvalidId, blocked_node, blocked_lane);
    for (NodeId v : scratch.settled()) lb_w_[v] = scratch.distance(v);
    scratch.run(rev_time, target, model::kInvalidId, blocked_node, blocked_lane);
    for (NodeId v : scratch.settled()) lb_t_[v] = scratch.distance(v);
  }

  // Returns the lanes of the best path from s within the budget; `status` says why none.
  std::optional<std::vector<LaneId>> run(NodeId s, double budget, RouteStatus& status) {
    struct Label {
      double w, t;
      NodeId v;
      std::uint32_t pred;
      LaneId lane;
      bool dead;
    };
    std::vector<Label> labels;
    std::vector<std::vector<std::uint32_t>> at(g_.num_nodes());
    using Item = std::pair<double, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
    status = RouteStatus::no_route;
    if (lb_t_[s] > budget || lb_w_[s] == kUnreachable) return std::nullopt;
    labels.push_back({0, 0, s, model::kInvalidId, model::kInvalidId, false});
    at[s].push_back(0);
    open.push({lb_w_[s], 0});
    const model::LaneTable& lt = c_.lanes();
    while (!open.empty()) {
      const std::uint32_t li = open.top().second;
      open.pop();
      if (labels[li].dead) continue;
      const Label cur = labels[li];
      if (cur.v == target_) {
        std::vector<LaneId> out;
        for (std::uint32_t x = li; labels[x].pred != model::kInvalidId; x = labels[x].pred) out.push_back(labels[x].lane);
        std::reverse(out.begin(), out.end());
        status = RouteStatus::ok;
        return out;
      }
      for (const LaneGraph::Arc* a = g_.begin(cur.v), *e = g_.end(cur.v); a != e; ++a) {
        const NodeId v = a->head;
        if ((blocked_node_ && blocked_node_[v]) || (blocked_lane_ && blocked_lane_[a->lane])) continue;
        const double w = cur.w + a->weight, t = cur.t + lt.time_h[a->lane];
        if (lb_w_[v] == kUnreachable || t + lb_t_[v] > budget) continue;
        bool dominated = false;
        for (std::uint32_t o : at[v])
          if (!labels[o].dead && labels[o].w <= w && labels[o].t <= t) {
            dominated = true;
            break;
          }
        if (dominated) continue;
        auto& here = at[v];
        std::erase_if(here, [&](std::uint32_t o) {
          if (labels[o].dead) return true;
          if (w <= labels[o].w && t <= labels[o].t) {
            labels[o].dead = true;
            return true;
          }
          return false;
        });
        if (labels.size() >= limit_) {
          status = RouteStatus::label_limit;
          return std::nullopt;
        }
        const auto ni = static_cast<std::uint32_t>(labels.size());
        labels.push_back({w, t, v, li, a->lane, false});
        here.push_back(ni);
        open.push({w + lb_w_[v], ni});
      }
    }
    return std::nullopt;
  }

 private:
  const model::Chain& c_;
  const LaneGraph& g_;
  NodeId target_;
  const std::uint8_t* blocked_node_;
  const std::uint8_t* blocked_lane_;
  std::uint64_t limit_;
  std::vector<double> lb_w_, lb_t_;
};

}  // namespace

RouteResult find_routes(const model::Chain& c, const LaneGraph& g, const RouteQuery& q) {
  const std::uint32_t N = c.num_nodes();
  if (q.from >= N || q.to >= N) throw InvalidInput("route end point out of range");
  if (q.k == 0) throw InvalidInput("k must be at least 1");
  if (q.max_time_h && !(*q.max_time_h >= 0)) throw InvalidInput("max_time must be >= 0");
  RouteResult result;
  result.requested = q.k;
  Blocked blocked = make_blocked(c, q.avoid);
  if (blocked.node[q.from] || blocked.node[q.to]) return result;
  if (q.from == q.to) {
    result.status = RouteStatus::ok;
    result.paths.push_back(path_from_lanes(c, q.from, {}, q.metric, q.prices));
    return result;
  }
  Dijkstra dijkstra(N);
  std::optional<ConstrainedSearch> constrained;
  std::optional<LaneGraph> rev_w, rev_time;
  if (q.max_time_h) {
    rev_w.emplace(g.reversed());
    rev_time.emplace(LaneGraph(c, Metric::time, q.prices).reversed());
  }
  RouteStatus why = RouteStatus::no_route;
  // Best path from s to the target avoiding the masks, within the time budget when there is one.
  auto spur_search = [&](NodeId s, double budget) -> std::optional<std::vector<LaneId>> {
    if (!q.max_time_h) {
      dijkstra.run(g, s, q.to, blocked.node.data(), blocked.lane.data());
      if (dijkstra.distance(q.to) == kUnreachable) return std::nullopt;
      return dijkstra.path_lanes(q.to);
    }
    // Bounds depend on the masks, which change per spur: a fresh search each time.
    constrained.emplace(c, g, *rev_w, *rev_time, q.to, blocked.node.data(), blocked.lane.data(), q.label_limit, dijkstra);
    RouteStatus st;
    auto r = constrained->run(s, budget, st);
    if (st == RouteStatus::label_limit) why = st;
    return r;
  };

  const double budget = q.max_time_h.value_or(kUnreachable);
  auto first = spur_search(q.from, budget);
  if (!first) {
    result.status = why;
    return result;
  }
  result.paths.push_back(path_from_lanes(c, q.from, *first, q.metric, q.prices));

  // Yen over lane sequences: two routes through the same nodes on different (parallel) lanes
  // are different routes. Candidates ordered by weight, then node sequence, then lanes.
  auto better = [](const Path& a, const Path& b) {
    if (a.weight != b.weight) return a.weight < b.weight;
    if (a.nodes != b.nodes) return a.nodes < b.nodes;
    return a.lanes < b.lanes;
  };
  std::vector<Path> candidates;
  std::set<std::vector<LaneId>> seen{result.paths[0].lanes};
  const model::LaneTable& lt = c.lanes();
  while (result.paths.size() < q.k) {
    const Path& prev = result.paths.back();
    for (std::size_t i = 0; i + 1 < prev.nodes.size(); ++i) {
      const NodeId spur = prev.nodes[i];
      std::vector<std::size_t> blocked_lanes, blocked_nodes;
      // Remove the next lane of every accepted route sharing this root (the same lanes so far).
      for (const Path& p : result.paths) {
        if (p.lanes.size() <= i || !std::equal(p.lanes.begin(), p.lanes.begin() + static_cast<std::ptrdiff_t>(i), prev.lanes.begin()))
          continue;
        const LaneId l = p.lanes[i];
        if (!blocked.lane[l]) {
          blocked.lane[l] = 1;
          blocked_lanes.push_back(l);
        }
      }
      for (std::size_t j = 0; j < i; ++j)
        if (!blocked.node[prev.nodes[j]]) {
          blocked.node[prev.nodes[j]] = 1;
          blocked_nodes.push_back(prev.nodes[j]);
        }
      double root_time = 0;
      for (std::size_t j = 0; j < i; ++j) root_time += lt.time_h[prev.lanes[j]];
      auto spur_path = spur_search(spur, budget - root_time);
      for (std::size_t l : blocked_lanes) blocked.lane[l] = 0;
      for (std::size_t n : blocked_nodes) blocked.node[n] = 0;
      if (!spur_path) continue;
      std::vector<LaneId> lanes(prev.lanes.begin(), prev.lanes.begin() + static_cast<std::ptrdiff_t>(i));
      lanes.insert(lanes.end(), spur_path->begin(), spur_path->end());
      Path cand = path_from_lanes(c, q.from, lanes, q.metric, q.prices);
      if (seen.insert(cand.lanes).second) candidates.push_back(std::move(cand));
    }
    if (candidates.empty()) break;
    auto best = std::min_element(candidates.begin(), candidates.end(), better);
    result.paths.push_back(std::move(*best));
    candidates.erase(best);
  }
  result.status = RouteStatus::ok;
  return result;
}

std::string_view to_string(MatrixMethod m) {
  switch (m) {
    case MatrixMethod::automatic: return "auto";
    case MatrixMethod::dijkstra: return "dijkstra";
    case MatrixMethod::hierarchy: return "ch";
  }
  return "?";
}

DistanceMatrix distance_matrix(const model::Chain& c, const LaneGraph& g, const std::vector<NodeId>& sources,
                               const std::vector<NodeId>& targets, const Avoid& avoid, MatrixMethod method) {
  const std::uint32_t N = c.num_nodes();
  for (NodeId v : sources)
    if (v >= N) throw InvalidInput("matrix source out of range");
  for (NodeId v : targets)
    if (v >= N) throw InvalidInput("matrix target out of range");
  DistanceMatrix m;
  m.sources = sources;
  m.targets = targets;
  if (method == MatrixMethod::hierarchy && !avoid.empty())
    throw InvalidInput("a contraction hierarchy cannot avoid nodes, regions or modes; use the dijkstra method");
  if (method == MatrixMethod::automatic)
    method = avoid.empty() && N >= kHierarchyMinNodes && sources.size() >= kHierarchyMinSources ? MatrixMethod::hierarchy
                                                                                               : MatrixMethod::dijkstra;
  if (method == MatrixMethod::hierarchy) {
    const ContractionHierarchy ch(g);
    m.values = ch.many_to_many(sources, targets);
    return m;
  }
  model::assign_huge(m.values, sources.size() * targets.size(), kUnreachable);  // large: fewer page faults
  const Blocked blocked = make_blocked(c, avoid);
  const std::uint8_t* bn = blocked.any() ? blocked.node.data() : nullptr;
  const std::uint8_t* bl = blocked.any() ? blocked.lane.data() : nullptr;
  std::vector<std::uint8_t> is_target(N, 0);
  std::uint32_t distinct = 0;
  for (NodeId t : targets)
    if (!is_target[t] && !(bn && bn[t])) {
      is_target[t] = 1;
      ++distinct;
    }
  const bool all = distinct == N;
  tbb::enumerable_thread_specific<Dijkstra> workspaces([N] { return Dijkstra(N); });
  auto one = [&](std::size_t i) {
    Dijkstra& d = workspaces.local();
    if (bn && bn[sources[i]]) return;
    d.run(g, sources[i], model::kInvalidId, bn, bl, all ? nullptr : is_target.data(), all ? 0 : distinct, false);
    double* row = m.values.data() + i * targets.size();
    for (std::size_t j = 0; j < targets.size(); ++j) row[j] = (bn && bn[targets[j]]) ? kUnreachable : d.distance(targets[j]);
  };
  // Rows are independent and each is computed the same way whatever the thread: the result is
  // identical for any number of threads.
  if (sources.size() < 2) {
    for (std::size_t i = 0; i < sources.size(); ++i) one(i);
  } else {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sources.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) one(i);
    });
  }
  return m;
}

}  // namespace chainnet::routing
