#include "chainnet/routing/dijkstra.hpp"

#include <algorithm>

namespace chainnet::routing {
namespace {
constexpr std::uint32_t kNotInHeap = 0xFFFFFFFFu;
constexpr std::uint32_t kDone = 0xFFFFFFFEu;
}  // namespace

Dijkstra::Dijkstra(std::uint32_t n)
    : dist_(n, kUnreachable), pos_(n, kNotInHeap), parent_lane_(n, model::kInvalidId), parent_node_(n, model::kInvalidId) {
  heap_.reserve(1024);
}

void Dijkstra::reset() {
  for (NodeId v : touched_) {
    dist_[v] = kUnreachable;
    pos_[v] = kNotInHeap;
    parent_lane_[v] = model::kInvalidId;
    parent_node_[v] = model::kInvalidId;
  }
  touched_.clear();
  settled_.clear();
  heap_.clear();
}

void Dijkstra::sift_up(std::uint32_t i) {
  const NodeId v = heap_[i];
  const double d = dist_[v];
  while (i > 0) {
    const std::uint32_t parent = (i - 1) / 4;
    const NodeId p = heap_[parent];
    if (dist_[p] <= d) break;
    heap_[i] = p;
    pos_[p] = i;
    i = parent;
  }
  heap_[i] = v;
  pos_[v] = i;
}

void Dijkstra::sift_down(std::uint32_t i) {
  const auto n = static_cast<std::uint32_t>(heap_.size());
  const NodeId v = heap_[i];
  const double d = dist_[v];
  while (true) {
    const std::uint32_t c0 = 4 * i + 1;
    if (c0 >= n) break;
    std::uint32_t best = c0;
    double bd = dist_[heap_[c0]];
    const std::uint32_t last = std::min(c0 + 4, n);
    for (std::uint32_t c = c0 + 1; c < last; ++c) {
      const double cd = dist_[heap_[c]];
      if (cd < bd) {
        bd = cd;
        best = c;
      }
    }
    if (bd >= d) break;
    heap_[i] = heap_[best];
    pos_[heap_[i]] = i;
    i = best;
  }
  heap_[i] = v;
  pos_[v] = i;
}

void Dijkstra::push_or_decrease(NodeId v, double d) {
  if (pos_[v] == kNotInHeap) {
    if (dist_[v] == kUnreachable) touched_.push_back(v);
    dist_[v] = d;
    heap_.push_back(v);
    sift_up(static_cast<std::uint32_t>(heap_.size() - 1));
  } else {
    dist_[v] = d;
    sift_up(pos_[v]);
  }
}

NodeId Dijkstra::pop() {
  const NodeId top = heap_.front();
  pos_[top] = kDone;
  const NodeId last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) {
    heap_[0] = last;
    sift_down(0);
  }
  return top;
}

void Dijkstra::run(const LaneGraph& g, NodeId source, NodeId target, const std::uint8_t* blocked_node,
                   const std::uint8_t* blocked_lane, const std::uint8_t* is_target, std::uint32_t stop_after) {
  reset();
  push_or_decrease(source, 0.0);
  std::uint32_t targets_left = stop_after;
  while (!heap_.empty()) {
    const NodeId u = pop();
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
      parent_lane_[v] = a->lane;
      parent_node_[v] = u;
      push_or_decrease(v, dv);
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
