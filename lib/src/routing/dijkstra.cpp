#include "chainnet/routing/dijkstra.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace chainnet::routing {
namespace {

// The bit pattern of a non-negative double: ordered like the doubles themselves.
std::uint64_t bits(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

int bucket_of(std::uint64_t key, std::uint64_t last) {
  return key == last ? 0 : 64 - std::countl_zero(key ^ last);
}

}  // namespace

Dijkstra::Dijkstra(std::uint32_t n)
    : dist_(n, kUnreachable), done_(n, 0), parent_lane_(n, model::kInvalidId), parent_node_(n, model::kInvalidId) {}

void Dijkstra::reset() {
  for (NodeId v : touched_) {
    dist_[v] = kUnreachable;
    done_[v] = 0;
    parent_lane_[v] = model::kInvalidId;
    parent_node_[v] = model::kInvalidId;
  }
  touched_.clear();
  settled_.clear();
  for (auto& b : buckets_) b.clear();
  last_ = 0;
  size_ = 0;
}

void Dijkstra::push(NodeId v, double d) {
  if (dist_[v] == kUnreachable) touched_.push_back(v);
  dist_[v] = d;
  const std::uint64_t k = bits(d);
  buckets_[bucket_of(k, last_)].push_back({k, v});
  ++size_;
}

bool Dijkstra::pop(NodeId& v) {
  while (size_ > 0) {
    if (buckets_[0].empty()) {
      int i = 1;
      while (buckets_[i].empty()) ++i;
      // the smallest key of the first non-empty bucket becomes `last`; its entries all move down
      std::uint64_t m = buckets_[i][0].key;
      for (const Entry& e : buckets_[i]) m = std::min(m, e.key);
      last_ = m;
      for (const Entry& e : buckets_[i]) buckets_[bucket_of(e.key, last_)].push_back(e);
      buckets_[i].clear();
    }
    const Entry e = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    if (done_[e.node] || bits(dist_[e.node]) != e.key) continue;  // stale: settled, or improved since
    v = e.node;
    return true;
  }
  return false;
}

void Dijkstra::run(const LaneGraph& g, NodeId source, NodeId target, const std::uint8_t* blocked_node,
                   const std::uint8_t* blocked_lane, const std::uint8_t* is_target, std::uint32_t stop_after,
                   bool with_paths) {
  reset();
  push(source, 0.0);
  std::uint32_t targets_left = stop_after;
  NodeId u;
  while (pop(u)) {
    done_[u] = 1;
    settled_.push_back(u);
    if (u == target) return;
    if (is_target != nullptr && is_target[u] && stop_after > 0 && --targets_left == 0) return;
    const double du = dist_[u];
    for (const LaneGraph::Arc* a = g.begin(u), *e = g.end(u); a != e; ++a) {
      const NodeId v = a->head;
      const double dv = du + a->weight;
      if (dv >= dist_[v]) continue;  // also skips settled nodes: their distance is final
      if (blocked_node != nullptr && blocked_node[v]) continue;
      if (blocked_lane != nullptr && blocked_lane[a->lane]) continue;
      if (with_paths) {
        parent_lane_[v] = a->lane;
        parent_node_[v] = u;
      }
      push(v, dv);
    }
  }
}

std::vector<LaneId> Dijkstra::path_lanes(NodeId v) const {
  std::vector<LaneId> out;
  if (dist_[v] == kUnreachable) return out;
  for (NodeId x = v; parent_lane_[x] != model::kInvalidId; x = parent_node_[x]) out.push_back(parent_lane_[x]);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace chainnet::routing
