#include "chainnet/weak/structural_loss.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <functional>

#include "chainnet/model/csr.hpp"

namespace chainnet::weak {
namespace {

using model::HoldingId;
using model::kInvalidId;
using model::MakeId;
using model::SupplyId;

enum State : std::uint8_t { kDown = 1, kQueued, kLost, kKept, kRevived };

}  // namespace

StructuralLoss::StructuralLoss(const model::Chain& chain, StructuralOptions options)
    : chain_(chain), options_(options) {
  const auto& ht = chain.holdings();
  const auto& mt = chain.makes();
  const auto& sp = chain.supplies();
  available_.assign(ht.size(), 0);
  rank_.assign(ht.size(), kInvalidId);
  std::vector<HoldingId> order;
  order.reserve(ht.size());
  // (parent, child) pairs of the witness relation: child became available through parent
  std::vector<std::uint32_t> parent, child;
  auto mark = [&](HoldingId h) {
    if (available_[h]) return false;
    available_[h] = 1;
    rank_[h] = static_cast<std::uint32_t>(order.size());
    order.push_back(h);
    return true;
  };
  std::vector<std::uint32_t> missing(mt.size());
  for (MakeId m = 0; m < mt.size(); ++m) {
    missing[m] = mt.recipe.degree(m);
    if (missing[m] == 0 && mt.capacity[m] > 0) mark(mt.holding[m]);
  }
  if (options_.count_stock)
    for (HoldingId h = 0; h < ht.size(); ++h)
      if (ht.stock[h] > 0) mark(h);
  for (std::size_t head = 0; head < order.size(); ++head) {
    const HoldingId h = order[head];
    for (SupplyId e : ht.sold[h])
      if (sp.capacity[e] > 0 && mark(sp.buyer_holding[e])) {
        parent.push_back(h);
        child.push_back(sp.buyer_holding[e]);
      }
    for (std::uint32_t k : ht.used_in[h]) {
      const MakeId m = mt.recipe_make[k];
      if (--missing[m] == 0 && mt.capacity[m] > 0 && mark(mt.holding[m]))
        for (std::uint32_t j = mt.recipe.first[m]; j < mt.recipe.first[m + 1]; ++j) {
          parent.push_back(mt.recipe_holding[j]);
          child.push_back(mt.holding[m]);
        }
    }
  }
  dependents_ = model::csr_from_rows(ht.size(), parent);
  for (auto& item : dependents_.items) item = child[item];
}

StructuralLoss::Workspace::Workspace(const StructuralLoss& loss)
    : stamp_(loss.available_.size(), 0),
      state_(loss.available_.size(), 0),
      make_stamp_(loss.chain_.makes().size(), 0),
      missing_(loss.chain_.makes().size(), 0) {}

void StructuralLoss::push_dependents(HoldingId h, Workspace& ws) const {
  for (HoldingId c : dependents_[h]) {
    if (ws.stamp_[c] == ws.epoch_) continue;
    ws.stamp_[c] = ws.epoch_;
    ws.state_[c] = kQueued;
    ws.heap_.push_back(static_cast<std::uint64_t>(rank_[c]) << 32 | c);
    std::push_heap(ws.heap_.begin(), ws.heap_.end(), std::greater<>());
  }
}

namespace {
// A new query: a fresh epoch, and on wrap-around fresh stamps.
void next_epoch(std::uint32_t& epoch, std::vector<std::uint32_t>& a, std::vector<std::uint32_t>& b) {
  if (++epoch == 0) {
    std::fill(a.begin(), a.end(), 0);
    std::fill(b.begin(), b.end(), 0);
    epoch = 1;
  }
}
}  // namespace

void StructuralLoss::lost_when_sites_fail(std::span<const model::SiteId> down, Workspace& ws,
                                          std::vector<HoldingId>& lost) const {
  next_epoch(ws.epoch_, ws.stamp_, ws.make_stamp_);
  ws.heap_.clear();
  ws.tentative_.clear();
  const auto& st = chain_.sites();
  for (model::SiteId s : down)
    for (HoldingId h : st.holdings[s]) {
      if (ws.stamp_[h] == ws.epoch_) continue;  // a site listed twice
      ws.stamp_[h] = ws.epoch_;
      ws.state_[h] = kDown;
      if (available_[h]) ws.tentative_.push_back(h);
    }
  // dependents only after every failed holding is marked, so none of them is queued
  for (std::size_t i = 0, n = ws.tentative_.size(); i < n; ++i) push_dependents(ws.tentative_[i], ws);
  run_query(ws, lost);
}

void StructuralLoss::lost_when_holding_cut(HoldingId cut, Workspace& ws, std::vector<HoldingId>& lost) const {
  next_epoch(ws.epoch_, ws.stamp_, ws.make_stamp_);
  ws.heap_.clear();
  ws.tentative_.clear();
  ws.stamp_[cut] = ws.epoch_;
  ws.state_[cut] = kDown;
  if (available_[cut]) {
    ws.tentative_.push_back(cut);
    push_dependents(cut, ws);
  }
  run_query(ws, lost);
}

void StructuralLoss::parallel_queries(std::size_t count, const QueryBody& body) const {
  struct Scratch {
    Workspace ws;
    std::vector<HoldingId> lost;
  };
  tbb::enumerable_thread_specific<Scratch> scratch([&] { return Scratch{Workspace(*this), {}}; });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 16), [&](const tbb::blocked_range<std::size_t>& r) {
    Scratch& s = scratch.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) body(i, s.ws, s.lost);
  });
}

void StructuralLoss::run_query(Workspace& ws, std::vector<HoldingId>& lost) const {
  const auto& ht = chain_.holdings();
  const auto& mt = chain_.makes();
  const auto& sp = chain_.supplies();
  const std::uint32_t epoch = ws.epoch_;
  auto dead = [&](HoldingId g) {
    return ws.stamp_[g] == epoch && (ws.state_[g] == kDown || ws.state_[g] == kLost);
  };
  // 1. Candidates in rank order: everything of lower rank is settled when one is popped, so a
  //    surviving support of lower rank proves it stays available.
  while (!ws.heap_.empty()) {
    std::pop_heap(ws.heap_.begin(), ws.heap_.end(), std::greater<>());
    const auto h = static_cast<HoldingId>(ws.heap_.back() & 0xffffffffu);
    ws.heap_.pop_back();
    const std::uint32_t r = rank_[h];
    bool supported = false;
    for (SupplyId e : ht.bought[h]) {
      const HoldingId g = sp.seller_holding[e];
      if (sp.capacity[e] > 0 && available_[g] && rank_[g] < r && !dead(g)) {
        supported = true;
        break;
      }
    }
    const MakeId m = ht.make[h];
    if (!supported && m != kInvalidId && mt.capacity[m] > 0) {
      supported = true;
      for (std::uint32_t j = mt.recipe.first[m]; j < mt.recipe.first[m + 1] && supported; ++j) {
        const HoldingId g = mt.recipe_holding[j];
        supported = available_[g] && rank_[g] < r && !dead(g);
      }
    }
    if (supported) {
      ws.state_[h] = kKept;
    } else {
      ws.state_[h] = kLost;
      ws.tentative_.push_back(h);
      push_dependents(h, ws);
    }
  }
  // 2. The tentatively lost may still be supported through holdings of higher rank (cycles of
  //    mutual supply): a forward fixpoint over them alone, everything else being settled.
  ws.queue_.clear();
  for (HoldingId h : ws.tentative_) {
    const MakeId m = ht.make[h];
    if (ws.state_[h] != kLost || m == kInvalidId) continue;
    ws.make_stamp_[m] = epoch;
    std::uint32_t miss = 0;
    for (std::uint32_t j = mt.recipe.first[m]; j < mt.recipe.first[m + 1]; ++j)
      miss += !available_[mt.recipe_holding[j]] || dead(mt.recipe_holding[j]);
    ws.missing_[m] = miss;
  }
  auto revive = [&](HoldingId h) {
    ws.state_[h] = kRevived;
    ws.queue_.push_back(h);
  };
  for (HoldingId h : ws.tentative_) {
    if (ws.state_[h] != kLost) continue;
    const MakeId m = ht.make[h];
    if (m != kInvalidId && mt.capacity[m] > 0 && ws.missing_[m] == 0) {
      revive(h);
      continue;
    }
    for (SupplyId e : ht.bought[h]) {
      const HoldingId g = sp.seller_holding[e];
      if (sp.capacity[e] > 0 && available_[g] && !dead(g)) {
        revive(h);
        break;
      }
    }
  }
  for (std::size_t head = 0; head < ws.queue_.size(); ++head) {
    const HoldingId g = ws.queue_[head];
    for (SupplyId e : ht.sold[g]) {
      const HoldingId b = sp.buyer_holding[e];
      if (sp.capacity[e] > 0 && ws.stamp_[b] == epoch && ws.state_[b] == kLost) revive(b);
    }
    for (std::uint32_t k : ht.used_in[g]) {
      const MakeId m = mt.recipe_make[k];
      if (ws.make_stamp_[m] != epoch) continue;
      const HoldingId hm = mt.holding[m];
      if (--ws.missing_[m] == 0 && mt.capacity[m] > 0 && ws.state_[hm] == kLost) revive(hm);
    }
  }
  lost.clear();
  for (HoldingId h : ws.tentative_)
    if (ws.state_[h] == kLost || ws.state_[h] == kDown) lost.push_back(h);
}

}  // namespace chainnet::weak
