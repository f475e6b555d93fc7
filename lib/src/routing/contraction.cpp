#include "chainnet/routing/contraction.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <queue>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/model/memory.hpp"
#include "chainnet/routing/dijkstra.hpp"

namespace chainnet::routing {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Witness searches settle at most this many nodes when contracting / when estimating a node's
// priority. Measured on New York's roads and grids (bench/README.md): larger limits save few
// shortcuts and cost build time.
constexpr std::uint32_t kApplyLimit = 500;
constexpr std::uint32_t kSimLimit = 20;

struct Edge {
  NodeId other;
  double weight;
};

// A Dijkstra with a binary heap and a touched list, for the small searches of contraction and
// of queries. Keys are (distance, node) so ties break the same way on every run.
class SmallSearch {
 public:
  explicit SmallSearch(std::uint32_t n) : dist_(n, kInf) {}
  double& dist(NodeId v) { return dist_[v]; }
  [[nodiscard]] double dist(NodeId v) const { return dist_[v]; }
  void reset() {
    for (NodeId v : touched_) dist_[v] = kInf;
    touched_.clear();
    heap_ = {};
  }
  void start(NodeId s) {
    reset();
    relax(s, 0.0);
  }
  void relax(NodeId v, double d) {
    if (d < dist_[v]) {
      if (dist_[v] == kInf) touched_.push_back(v);
      dist_[v] = d;
      heap_.push({d, v});
    }
  }
  // Next settled node, or false when the queue is empty.
  bool pop(NodeId& v, double& d) {
    while (!heap_.empty()) {
      const auto [key, node] = heap_.top();
      heap_.pop();
      if (key > dist_[node]) continue;  // stale entry
      v = node;
      d = key;
      return true;
    }
    return false;
  }

 private:
  std::vector<double> dist_;
  std::vector<NodeId> touched_;
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap_;
};

class Builder {
 public:
  explicit Builder(const LaneGraph& g) : n_(g.num_nodes()), out_(n_), in_(n_), witness_(n_), deleted_(n_, 0) {
    for (NodeId v = 0; v < n_; ++v)
      for (const LaneGraph::Arc* a = g.begin(v); a != g.end(v); ++a)
        if (a->head != v && a->weight < kInf) add_edge(v, a->head, a->weight);
  }

  void run(std::vector<std::uint32_t>& rank, std::vector<std::vector<Edge>>& up,
           std::vector<std::vector<Edge>>& down, std::size_t& shortcuts) {
    rank.assign(n_, 0);
    up.resize(n_);
    down.resize(n_);
    std::vector<int> prio(n_);
    std::vector<std::uint8_t> done(n_, 0);
    using Item = std::pair<int, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    for (NodeId v = 0; v < n_; ++v) {
      prio[v] = priority(v);
      queue.push({prio[v], v});
    }
    std::uint32_t next_rank = 0;
    std::vector<NodeId> neighbours;
    while (!queue.empty()) {
      const auto [p, v] = queue.top();
      queue.pop();
      if (done[v] || p != prio[v]) continue;
      // lazy update: recompute; if it is no longer the least, put it back
      const int now = priority(v);
      if (!queue.empty() && now > queue.top().first) {
        prio[v] = now;
        queue.push({now, v});
        continue;
      }
      shortcuts += contract(v, true);
      rank[v] = next_rank++;
      done[v] = 1;
      up[v] = std::move(out_[v]);
      down[v] = std::move(in_[v]);
      neighbours.clear();
      for (const Edge& e : up[v]) {
        erase(in_[e.other], v);
        neighbours.push_back(e.other);
      }
      for (const Edge& e : down[v]) {
        erase(out_[e.other], v);
        neighbours.push_back(e.other);
      }
      std::sort(neighbours.begin(), neighbours.end());
      neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
      for (NodeId u : neighbours) {
        ++deleted_[u];
        level_[u] = std::max(level_[u], level_[v] + 1);
        prio[u] = priority(u);
        queue.push({prio[u], u});
      }
    }
  }

 private:
  static void erase(std::vector<Edge>& list, NodeId v) {
    for (std::size_t i = 0; i < list.size(); ++i)
      if (list[i].other == v) {
        list[i] = list.back();
        list.pop_back();
        return;
      }
  }
  static void set_min(std::vector<Edge>& list, NodeId v, double w) {
    for (Edge& e : list)
      if (e.other == v) {
        e.weight = std::min(e.weight, w);
        return;
      }
    list.push_back({v, w});
  }
  void add_edge(NodeId u, NodeId v, double w) {
    set_min(out_[u], v, w);
    set_min(in_[v], u, w);
  }

  int priority(NodeId v) {
    const int added = static_cast<int>(contract(v, false));
    const int removed = static_cast<int>(in_[v].size() + out_[v].size());
    // shortcuts per removed arc (keeps the remaining graph sparse), the node's level in the
    // hierarchy so far and contracted neighbours (both spread contraction evenly)
    return 100 * (added + 1) / (removed + 1) + 10 * level_[v] + deleted_[v];
  }

  // Shortcuts that contracting v needs (adds them when `apply`).
  std::size_t contract(NodeId v, bool apply) {
    std::size_t count = 0;
    const std::uint32_t limit = apply ? kApplyLimit : kSimLimit;
    double max_out = 0;
    for (const Edge& e : out_[v]) max_out = std::max(max_out, e.weight);
    // copies: adding shortcuts may grow the lists of neighbours, not v's own
    for (std::size_t i = 0; i < in_[v].size(); ++i) {
      const Edge in = in_[v][i];
      witness_search(in.other, v, in.weight + max_out, limit);
      for (std::size_t k = 0; k < out_[v].size(); ++k) {
        const Edge out = out_[v][k];
        if (out.other == in.other) continue;
        const double via = in.weight + out.weight;
        if (witness_.dist(out.other) <= via) continue;
        ++count;
        if (apply) add_edge(in.other, out.other, via);
      }
    }
    return count;
  }

  void witness_search(NodeId s, NodeId skip, double bound, std::uint32_t limit) {
    witness_.start(s);
    NodeId v;
    double d;
    std::uint32_t settled = 0;
    while (witness_.pop(v, d)) {
      if (d > bound || ++settled > limit) break;
      for (const Edge& e : out_[v])
        if (e.other != skip) witness_.relax(e.other, d + e.weight);
    }
  }

  std::uint32_t n_;
  std::vector<std::vector<Edge>> out_, in_;
  SmallSearch witness_;
  std::vector<int> deleted_;
  std::vector<int> level_ = std::vector<int>(n_, 0);
};

}  // namespace

ContractionHierarchy::ContractionHierarchy(const LaneGraph& g) {
  std::vector<std::vector<Edge>> up, down;
  {
    Builder b(g);
    b.run(rank_, up, down, shortcuts_);
  }
  const std::uint32_t n = g.num_nodes();
  auto flatten = [n](std::vector<std::vector<Edge>>& lists, std::vector<std::uint32_t>& first, std::vector<Arc>& arcs) {
    first.assign(n + 1, 0);
    for (NodeId v = 0; v < n; ++v) first[v + 1] = first[v] + static_cast<std::uint32_t>(lists[v].size());
    arcs.reserve(first[n]);
    for (NodeId v = 0; v < n; ++v) {
      std::sort(lists[v].begin(), lists[v].end(), [](const Edge& a, const Edge& b) { return a.other < b.other; });
      for (const Edge& e : lists[v]) arcs.push_back({e.weight, e.other});
      lists[v] = {};
    }
  };
  flatten(up, up_first_, up_arcs_);
  flatten(down, down_first_, down_arcs_);
}

std::vector<double> ContractionHierarchy::many_to_many(const std::vector<NodeId>& sources,
                                                       const std::vector<NodeId>& targets) const {
  const std::uint32_t n = num_nodes();
  for (NodeId v : sources)
    if (v >= n) throw InvalidInput("matrix source " + std::to_string(v) + " out of range");
  for (NodeId v : targets)
    if (v >= n) throw InvalidInput("matrix target " + std::to_string(v) + " out of range");
  tbb::enumerable_thread_specific<SmallSearch> searches([n] { return SmallSearch(n); });
  auto upward = [](SmallSearch& s, NodeId from, const std::vector<std::uint32_t>& first, const std::vector<Arc>& arcs,
                   auto&& visit) {
    s.start(from);
    NodeId v;
    double d;
    while (s.pop(v, d)) {
      visit(v, d);
      for (std::uint32_t i = first[v]; i < first[v + 1]; ++i) s.relax(arcs[i].head, d + arcs[i].weight);
    }
  };
  // Backward searches, one per target: (node, distance) of every node it settles.
  struct Settled {
    NodeId node;
    double dist;
  };
  std::vector<std::vector<Settled>> spaces(targets.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, targets.size()), [&](const auto& r) {
    SmallSearch& s = searches.local();
    for (std::size_t j = r.begin(); j != r.end(); ++j)
      upward(s, targets[j], down_first_, down_arcs_, [&](NodeId v, double d) { spaces[j].push_back({v, d}); });
  });
  // Buckets by node, entries by target index.
  struct Entry {
    std::uint32_t target;
    double dist;
  };
  std::vector<std::uint32_t> first(n + 1, 0);
  for (const auto& sp : spaces)
    for (const Settled& x : sp) ++first[x.node + 1];
  for (NodeId v = 0; v < n; ++v) first[v + 1] += first[v];
  std::vector<Entry> buckets(first[n]);
  {
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t j = 0; j < spaces.size(); ++j) {
      for (const Settled& x : spaces[j]) buckets[next[x.node]++] = {j, x.dist};
      spaces[j] = {};
    }
  }
  std::vector<double> values;
  model::assign_huge(values, sources.size() * targets.size(), kUnreachable);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sources.size()), [&](const auto& r) {
    SmallSearch& s = searches.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      double* row = values.data() + i * targets.size();
      upward(s, sources[i], up_first_, up_arcs_, [&](NodeId v, double d) {
        for (std::uint32_t k = first[v]; k < first[v + 1]; ++k) row[buckets[k].target] = std::min(row[buckets[k].target], d + buckets[k].dist);
      });
    }
  });
  return values;
}

}  // namespace chainnet::routing
