#include "chainnet/stress/propagation.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>

#include "chainnet/error.hpp"
#include "chainnet/model/holding_order.hpp"

namespace chainnet::stress {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

bool differs(double a, double b) { return std::fabs(a - b) > 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// min(a, b) where a capacity may be infinite and a factor 0 (inf * 0 would be NaN).
double scaled(double capacity, double keep) { return keep <= 0 ? 0.0 : capacity * keep; }

}  // namespace

struct Propagation::Workspace::State {
  // Persistent state of a run.
  std::vector<double> stock;         // per holding
  std::vector<std::uint32_t> stock_run;
  std::vector<HoldingId> stock_list;
  std::vector<double> releasable;    // per holding: stock its site held when it went down, not yet shipped
  std::vector<std::uint32_t> releasable_run, releasable_t;
  std::vector<double> pipe;          // deviations of arrivals from the baseline, per slot
  std::vector<std::uint32_t> pipe_run;
  std::vector<SupplyId> pipe_list;
  // Values of the current period; a stale stamp means "as in the baseline".
  std::vector<double> ship;          // per supply
  std::vector<std::uint32_t> ship_at;
  std::vector<double> made;          // per make
  std::vector<std::uint32_t> made_at;
  std::vector<double> reserve;       // per recipe entry
  std::vector<std::uint32_t> reserve_at;
  std::vector<double> served;        // per holding
  std::vector<std::uint32_t> done_at;  // per holding: processed in this period
  std::vector<double> fill;          // per holding: fill rate (baseline extraction only)
  std::vector<std::uint32_t> queued_at;
  std::uint32_t epoch = 0;
  // Capacity left by active hits (1 = normal).
  std::vector<double> site_keep, make_keep, supply_keep;
  std::vector<std::uint32_t> keep_sites, keep_makes, keep_supplies;
  // Detours of closed routes: share of a supply's shipments that arrive `delay_periods` late.
  std::vector<double> delay_share;
  std::vector<double> sent_delayed;  // per supply: what a delayed supply sent this period (late share included)
  std::vector<std::uint32_t> delay_periods, delayed;
  std::vector<std::vector<std::pair<HoldingId, double>>> late;  // per period: late arrivals
  std::vector<double> late_now;        // per holding: late arrivals of this period
  std::vector<std::uint32_t> late_at;  // per holding: epoch of late_now
  // Scheduling.
  std::vector<std::vector<HoldingId>> seeds;  // per period
  std::vector<std::uint32_t> heap;            // ranks
  std::vector<std::uint32_t> seen;            // per holding: run id
  std::uint32_t run_id = 0;
  std::uint32_t reach = 0;
  bool full = true;
  // Per period accounting.
  double excess_units = 0, excess_value = 0;
  double substituted = 0;
};

Propagation::Workspace::Workspace(std::unique_ptr<State> s) : s_(std::move(s)) {}
Propagation::Workspace::Workspace(Workspace&&) noexcept = default;
Propagation::Workspace& Propagation::Workspace::operator=(Workspace&&) noexcept = default;
Propagation::Workspace::~Workspace() = default;

Propagation::Propagation(const model::Chain& chain, PropagationOptions options)
    : Propagation(chain, std::make_shared<const flow::NormalPlan>(flow::normal_plan(chain, options.normal_plan)), options) {}

Propagation::Propagation(const model::Chain& chain, std::shared_ptr<const flow::NormalPlan> plan, PropagationOptions options)
    : chain_(&chain), normal_(std::move(plan)), horizon_(options.horizon), incremental_(options.incremental) {
  if (horizon_ == 0) throw InvalidInput("the horizon must be at least 1 period");
  const auto& H = chain.holdings();
  const auto& S = chain.supplies();
  if (!normal_ || normal_->supply.size() != S.size() || normal_->production.size() != chain.makes().size() ||
      normal_->sales.size() != H.size())
    throw InvalidInput("the normal plan was made for another chain");
  demand_index_.assign(H.size(), kNone);
  for (HoldingId h = 0; h < H.size(); ++h)
    if (H.demand[h] > 0) {
      demand_index_[h] = static_cast<std::uint32_t>(demand_holdings_.size());
      demand_holdings_.push_back(h);
      demand_value_ += H.demand[h] * chain.products().value[H.product[h]];
    }
  pipe_first_.assign(S.size() + 1, 0);
  compute_order();
  for (SupplyId e = 0; e < S.size(); ++e)
    pipe_first_[e + 1] = pipe_first_[e] + (cycle_[e] || S.lead_time[e] == 0 ? 0 : S.lead_time[e] + 1);
  take_orders();
  compute_baseline();
  if (chain.lanes().size() > 0) routing_ = std::make_unique<routing::SupplyRouting>(chain, normal_->supply);
}

Shock Propagation::with_transit(const Shock& shock) const {
  Shock out = shock;
  out.transit_done = true;
  if (!routing_ || shock.transit_done) return out;
  for (const Hit& hit : shock.hits) {
    if (hit.kind != Hit::Kind::site || !routing_->can_be_transit(hit.id)) continue;
    const auto through = routing_->supplies_through(hit.id);
    if (through.empty()) continue;
    std::vector<std::pair<SupplyId, double>> moved;
    for (SupplyId e : through) moved.emplace_back(e, std::clamp(hit.loss, 0.0, 1.0));
    routing::Closure closed;
    closed.node.assign(chain_->num_nodes(), 0);
    closed.node[hit.id] = 1;
    const Shock detours = reroute_shock(*routing_, moved, closed, hit.start, hit.duration);
    out.hits.insert(out.hits.end(), detours.hits.begin(), detours.hits.end());
    out.reroutes.insert(out.reroutes.end(), detours.reroutes.begin(), detours.reroutes.end());
  }
  return out;
}

// Topological order of holdings (model/holding_order.hpp); the supplies that close rings of one
// product are inert, as the normal plan has them.
void Propagation::compute_order() {
  model::HoldingOrder ord = model::holding_order(*chain_);
  order_topo_ = std::move(ord.topo);
  rank_ = std::move(ord.rank);
  cycle_ = normal_->inert;
  cycle_supplies_ = static_cast<std::uint32_t>(std::count(cycle_.begin(), cycle_.end(), 1));
}

// Normal orders, production and sales come from the normal plan; what each holding is asked per
// period follows from them.
void Propagation::take_orders() {
  const model::Chain& c = *chain_;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  order_ = normal_->supply;
  plan_ = normal_->production;
  sales_ = normal_->sales;
  for (SupplyId e = 0; e < S.size(); ++e)
    if (cycle_[e]) order_[e] = 0;
  request_.assign(H.size(), 0.0);
  for (HoldingId h = 0; h < H.size(); ++h) {
    double req = sales_[h];
    for (SupplyId e : H.sold[h])
      if (!cycle_[e]) req += order_[e];
    for (std::uint32_t r : H.used_in[h]) req += M.recipe_quantity[r] * plan_[M.recipe_make[r]];
    request_[h] = req;
  }
}

void Propagation::compute_baseline() {
  const model::Chain& c = *chain_;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  const std::size_t nd = demand_holdings_.size();
  Workspace ws = workspace();
  Workspace::State& st = *ws.s_;
  pipe_init_.assign(S.size(), 0.0);
  // ship0_ etc. are read as "baseline" for unprocessed items; full passes process everything,
  // so zeros are fine until the baseline is known.
  ship0_.assign(S.size(), 0.0);
  make0_.assign(M.size(), 0.0);
  reserve0_.assign(M.recipe.items.size(), 0.0);
  served0_.assign(H.size(), 0.0);
  short0_.assign(H.size(), 0);
  base_lost_units_.assign(horizon_, 0.0);
  base_lost_value_.assign(horizon_, 0.0);
  base_served_.assign(nd, 0.0);

  // 1. The normal period with every lead time taken as zero: what the pipelines hold at t = 0.
  st.run_id = 1;
  step(st, 0, true, true);
  for (SupplyId e = 0; e < S.size(); ++e)
    pipe_init_[e] = st.ship_at[e] == st.epoch ? st.ship[e] : 0.0;
  reset(st);

  // 2. Period 0 with lead times. The chain is stationary when it ends where it started.
  auto start_run = [&] {
    ++st.run_id;
    fill_pipelines(st);
  };
  start_run();
  st.substituted = 0;
  step(st, 0, true, false);
  bool stationary = st.substituted == 0;
  for (HoldingId h = 0; h < H.size() && stationary; ++h)
    if (differs(st.stock[h], H.stock[h])) stationary = false;
  for (SupplyId e = 0; e < S.size() && stationary; ++e)
    if (pipe_first_[e + 1] != pipe_first_[e] && differs(st.ship[e], pipe_init_[e])) stationary = false;
  for (SupplyId e = 0; e < S.size(); ++e) ship0_[e] = st.ship_at[e] == st.epoch ? st.ship[e] : 0.0;
  for (MakeId m = 0; m < M.size(); ++m) make0_[m] = st.made_at[m] == st.epoch ? st.made[m] : 0.0;
  for (std::size_t r = 0; r < reserve0_.size(); ++r) reserve0_[r] = st.reserve_at[r] == st.epoch ? st.reserve[r] : 0.0;
  for (HoldingId h = 0; h < H.size(); ++h) {
    served0_[h] = st.served[h];
    short0_[h] = st.fill[h] < 1.0 ? 1 : 0;
  }
  stationary_ = stationary;
  if (stationary_) {
    // Pipelines start at the stationary shipments exactly, so a run starts with no deviation.
    pipe_init_ = ship0_;
    double units = 0, value = 0;
    for (std::size_t i = 0; i < nd; ++i) {
      const HoldingId h = demand_holdings_[i];
      base_served_[i] = served0_[h];
      const double lost = std::max(0.0, H.demand[h] - served0_[h]);
      units += lost;
      value += lost * c.products().value[H.product[h]];
    }
    std::fill(base_lost_units_.begin(), base_lost_units_.end(), units);
    std::fill(base_lost_value_.begin(), base_lost_value_.end(), value);
    reset(st);
    return;
  }
  // 3. Not stationary: simulate the undisrupted horizon in full and keep what markets got.
  reset(st);
  base_served_.assign(static_cast<std::size_t>(horizon_) * nd, 0.0);
  start_run();
  for (std::uint32_t t = 0; t < horizon_; ++t) {
    step(st, t, true, false);
    for (std::size_t i = 0; i < nd; ++i) {
      const HoldingId h = demand_holdings_[i];
      base_served_[t * nd + i] = st.served[h];
      const double lost = std::max(0.0, H.demand[h] - st.served[h]);
      base_lost_units_[t] += lost;
      base_lost_value_[t] += lost * c.products().value[H.product[h]];
    }
  }
  reset(st);
}

double Propagation::baseline_served(std::uint32_t t, std::size_t i) const {
  return stationary_ ? base_served_[i] : base_served_[static_cast<std::size_t>(t) * demand_holdings_.size() + i];
}

Propagation::Workspace Propagation::workspace() const {
  const model::Chain& c = *chain_;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  auto s = std::make_unique<Workspace::State>();
  s->stock = H.stock.to_vector();
  s->stock_run.assign(H.size(), 0);
  s->releasable.assign(H.size(), 0.0);
  s->releasable_run.assign(H.size(), 0);
  s->releasable_t.assign(H.size(), 0);
  s->pipe.assign(pipe_first_.back(), 0.0);
  s->pipe_run.assign(S.size(), 0);
  s->ship.assign(S.size(), 0.0);
  s->ship_at.assign(S.size(), 0);
  s->made.assign(M.size(), 0.0);
  s->made_at.assign(M.size(), 0);
  s->reserve.assign(M.recipe.items.size(), 0.0);
  s->reserve_at.assign(M.recipe.items.size(), 0);
  s->served.assign(H.size(), 0.0);
  s->done_at.assign(H.size(), 0);
  s->fill.assign(H.size(), 1.0);
  s->queued_at.assign(H.size(), 0);
  s->site_keep.assign(c.num_sites(), 1.0);
  s->make_keep.assign(M.size(), 1.0);
  s->supply_keep.assign(S.size(), 1.0);
  s->delay_share.assign(S.size(), 0.0);
  s->sent_delayed.assign(S.size(), 0.0);
  s->delay_periods.assign(S.size(), 0);
  s->late.resize(horizon_);
  s->late_now.assign(H.size(), 0.0);
  s->late_at.assign(H.size(), 0);
  s->seeds.resize(horizon_);
  s->seen.assign(H.size(), 0);
  return Workspace(std::move(s));
}

// One period: every holding in topological order (full), or only those whose state departs from
// the baseline, in the same order (a heap of ranks fed by seeds and by what processing changes).
void Propagation::step(Workspace::State& st, std::uint32_t t, bool full, bool zero_lead) const {
  if (++st.epoch == 0) {
    // The stamps wrapped around: forget them all (once every 4 billion periods).
    for (auto* v : {&st.ship_at, &st.made_at, &st.reserve_at, &st.done_at, &st.queued_at}) std::fill(v->begin(), v->end(), 0);
    st.epoch = 1;
  }
  st.full = full;
  st.excess_units = st.excess_value = 0;
  if (t < st.late.size()) {
    for (const auto& [h, v] : st.late[t]) {
      if (st.late_at[h] != st.epoch) {
        st.late_at[h] = st.epoch;
        st.late_now[h] = 0;
      }
      st.late_now[h] += v;
    }
    st.late[t].clear();
  }
  if (full) {
    for (HoldingId h : order_topo_) process(st, h, t, zero_lead);
    return;
  }
  for (HoldingId h : st.seeds[t])
    if (st.queued_at[h] != st.epoch) {
      st.queued_at[h] = st.epoch;
      st.heap.push_back(rank_[h]);
    }
  st.seeds[t].clear();
  std::make_heap(st.heap.begin(), st.heap.end(), std::greater<>());
  while (!st.heap.empty()) {
    std::pop_heap(st.heap.begin(), st.heap.end(), std::greater<>());
    const std::uint32_t r = st.heap.back();
    st.heap.pop_back();
    process(st, order_topo_[r], t, zero_lead);
  }
}

void Propagation::pull_substitutes(Workspace::State& st, HoldingId h, std::uint32_t t, bool zero_lead) const {
  const model::Chain& c = *chain_;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  auto ship_now = [&](SupplyId e) { return st.ship_at[e] == st.epoch ? st.ship[e] : ship0_[e]; };
  double shortfall = 0;
  for (SupplyId e : H.bought[h])
    if (!cycle_[e]) shortfall += std::max(0.0, order_[e] - ship_now(e));
  if (shortfall <= 1e-9 * std::max(1.0, request_[h])) return;

  // What a seller can add: more production from spare capacity and inputs on hand, then its stock.
  auto extra_production = [&](HoldingId seller) {
    const MakeId m = H.make[seller];
    if (m == model::kInvalidId) return 0.0;
    const double made = st.made_at[m] == st.epoch ? st.made[m] : make0_[m];
    double room = scaled(M.capacity[m], st.site_keep[M.site[m]] * st.make_keep[m]) - made;
    for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r)
      room = std::min(room, std::max(0.0, st.stock[M.recipe_holding[r]]) / M.recipe_quantity[r]);
    return std::max(0.0, room);
  };
  double total = 0;
  thread_local std::vector<std::pair<SupplyId, double>> offers;
  offers.clear();
  for (SupplyId e : H.bought[h]) {
    if (cycle_[e] || st.supply_keep[e] < 1.0 || st.delay_share[e] > 0) continue;
    const HoldingId seller = S.seller_holding[e];
    if (st.site_keep[S.seller[e]] < 1.0) continue;
    const double room = S.capacity[e] - ship_now(e);
    if (!(room > 1e-12)) continue;
    const double spare = std::min(room, std::max(0.0, st.stock[seller]) + extra_production(seller));
    if (spare > 1e-12) {
      offers.emplace_back(e, spare);
      total += spare;
    }
  }
  if (total <= 0) return;
  const double frac = std::min(1.0, shortfall / total);
  for (auto [e, spare] : offers) {
    const HoldingId seller = S.seller_holding[e];
    // Recomputed at take time: two offers may come from one seller.
    double take = std::min(spare * frac, std::max(0.0, st.stock[seller]) + extra_production(seller));
    if (!(take > 0)) continue;
    const double y = std::min(take, extra_production(seller));
    if (y > 0) {
      const MakeId m = H.make[seller];
      if (st.made_at[m] != st.epoch) {
        st.made[m] = make0_[m];
        st.made_at[m] = st.epoch;
      }
      st.made[m] += y;
      for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r) {
        const HoldingId in = M.recipe_holding[r];
        if (st.stock_run[in] != st.run_id) {
          st.stock_run[in] = st.run_id;
          st.stock_list.push_back(in);
        }
        st.stock[in] -= M.recipe_quantity[r] * y;
      }
    }
    if (take > y) {
      if (st.stock_run[seller] != st.run_id) {
        st.stock_run[seller] = st.run_id;
        st.stock_list.push_back(seller);
      }
      st.stock[seller] -= take - y;
    }
    if (st.ship_at[e] != st.epoch) {
      st.ship[e] = ship0_[e];
      st.ship_at[e] = st.epoch;
    }
    st.ship[e] += take;
    st.substituted += take;
    const std::uint32_t lead = zero_lead ? 0 : S.lead_time[e];
    if (lead > 0) {
      const std::uint32_t slots = lead + 1;
      st.pipe[pipe_first_[e] + (t + lead) % slots] += take;
      if (st.pipe_run[e] != st.run_id) {
        st.pipe_run[e] = st.run_id;
        st.pipe_list.push_back(e);
      }
      if (!st.full && t + lead < horizon_) st.seeds[t + lead].push_back(h);
    }
  }
}

void Propagation::process(Workspace::State& st, HoldingId h, std::uint32_t t, bool zero_lead) const {
  const model::Chain& c = *chain_;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  st.done_at[h] = st.epoch;
  if (st.seen[h] != st.run_id) {
    st.seen[h] = st.run_id;
    ++st.reach;
  }
  auto touch_stock = [&](HoldingId x) {
    if (st.stock_run[x] != st.run_id) {
      st.stock_run[x] = st.run_id;
      st.stock_list.push_back(x);
    }
  };
  auto push_now = [&](HoldingId x) {
    if (st.full || st.queued_at[x] == st.epoch) return;
    st.queued_at[x] = st.epoch;
    st.heap.push_back(rank_[x]);
    std::push_heap(st.heap.begin(), st.heap.end(), std::greater<>());
  };
  auto push_later = [&](HoldingId x, std::uint32_t when) {
    if (!st.full && when < horizon_) st.seeds[when].push_back(x);
  };

  // 1. Substitutes for what the normal suppliers fall short of this period.
  pull_substitutes(st, h, t, zero_lead);

  // 2. Stock and arrivals.
  touch_stock(h);
  const double on_hand = st.stock[h];
  double avail = on_hand;
  for (SupplyId e : H.bought[h]) {
    if (cycle_[e]) continue;
    const std::uint32_t lead = zero_lead ? 0 : S.lead_time[e];
    if (lead == 0) {
      avail += st.ship_at[e] == st.epoch ? st.ship[e] : ship0_[e];
    } else {
      double& slot = st.pipe[pipe_first_[e] + t % (lead + 1)];
      avail += (stationary_ ? ship0_[e] : 0.0) + slot;
      slot = 0;
    }
  }
  if (st.late_at[h] == st.epoch) avail += st.late_now[h];  // shipped earlier on a detour
  const double arrived = avail - on_hand;

  // 3. Production: capacity left, plan, and each input reserved for the line / its quantity.
  if (const MakeId m = H.make[h]; m != model::kInvalidId) {
    double x = std::min(scaled(M.capacity[m], st.site_keep[M.site[m]] * st.make_keep[m]), plan_[m]);
    for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r) {
      const double reserved = st.reserve_at[r] == st.epoch ? st.reserve[r] : reserve0_[r];
      x = std::min(x, reserved / M.recipe_quantity[r]);
    }
    x = std::max(0.0, x);
    for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r) {
      const HoldingId in = M.recipe_holding[r];
      const double reserved = st.reserve_at[r] == st.epoch ? st.reserve[r] : reserve0_[r];
      const double back = reserved - M.recipe_quantity[r] * x;
      if (back != 0) {
        touch_stock(in);
        st.stock[in] += back;
        if (short0_[in] && differs(st.stock[in], H.stock[in])) push_later(in, t + 1);
      }
    }
    st.made[m] = x;
    st.made_at[m] = st.epoch;
    avail += x;
  }

  // 4. Rationing in proportion to what is asked; a disrupted site also handles less outbound.
  const double req = request_[h];
  // A plan read from an LP balances to rounding: within 1e-9 of the request is filled.
  const double fill = req > 0 && avail < req - 1e-9 * std::max(1.0, req) ? std::max(0.0, avail / req) : 1.0;
  st.fill[h] = fill;
  // A disrupted site (keep k < 1) ships and sells the stock it held when it went down (less what
  // it has shipped and sold since), what it made (its lines already run at k), and k of what
  // arrived; the rest of the arrivals stays in stock until it recovers (docs/models.md, "The
  // operating model": what a failed site can still ship).
  double out_fill = fill;
  const double k = st.site_keep[H.site[h]];
  if (k < 1.0) {
    if (st.releasable_run[h] != st.run_id || st.releasable_t[h] + 1 != t) st.releasable[h] = on_hand;
    st.releasable_run[h] = st.run_id;
    st.releasable_t[h] = t;
    const double made = H.make[h] != model::kInvalidId ? st.made[H.make[h]] : 0.0;
    const double can = st.releasable[h] + k * arrived + made;
    if (req > 0) out_fill = std::min(fill, can / req);
  }
  double used = 0, sent_out = 0;
  for (SupplyId e : H.sold[h]) {
    if (cycle_[e]) continue;
    const double sent = order_[e] * std::min(out_fill, st.supply_keep[e]);
    used += sent;
    sent_out += sent;
    const HoldingId buyer = S.buyer_holding[e];
    const std::uint32_t lead = zero_lead ? 0 : S.lead_time[e];
    // A share on a longer detour arrives delay_periods late; the rest as usual.
    double v = sent;
    if (const double share = st.delay_share[e]; share > 0) {
      st.sent_delayed[e] = sent;
      v = sent * (1.0 - share);
      const std::uint32_t when = t + lead + st.delay_periods[e];
      if (when < horizon_) {
        st.late[when].emplace_back(buyer, sent * share);
        push_later(buyer, when);
      }
    }
    st.ship[e] = v;
    st.ship_at[e] = st.epoch;
    const bool changed = differs(v, ship0_[e]);
    if (lead > 0) {
      const double dev = v - (stationary_ ? ship0_[e] : 0.0);
      st.pipe[pipe_first_[e] + (t + lead) % (lead + 1)] = dev;
      if (dev != 0 && st.pipe_run[e] != st.run_id) {
        st.pipe_run[e] = st.run_id;
        st.pipe_list.push_back(e);
      }
      if (changed) push_later(buyer, t + lead);
    }
    if (changed) push_now(buyer);  // arrivals (lead 0) or a shortfall to substitute
  }
  const double served = sales_[h] * out_fill;
  st.served[h] = served;
  used += served;
  if (demand_index_[h] != kNone) {
    const double base = stationary_ ? served0_[h] : base_served_[static_cast<std::size_t>(t) * demand_holdings_.size() + demand_index_[h]];
    st.excess_units += base - served;
    st.excess_value += (base - served) * c.products().value[H.product[h]];
  }
  for (std::uint32_t r : H.used_in[h]) {
    const double v = M.recipe_quantity[r] * plan_[M.recipe_make[r]] * fill;
    st.reserve[r] = v;
    st.reserve_at[r] = st.epoch;
    used += v;
    if (differs(v, reserve0_[r])) push_now(M.holding[M.recipe_make[r]]);
  }
  // Shipments (detoured shares included) and sales draw on the releasable stock first.
  if (k < 1.0) st.releasable[h] = std::max(0.0, st.releasable[h] - sent_out - served);
  st.stock[h] = std::max(0.0, avail - used);
  if (short0_[h] && differs(st.stock[h], H.stock[h])) push_later(h, t + 1);
}

// Absolute pipeline contents for period 0 (used when arrivals are not kept as deviations).
void Propagation::fill_pipelines(Workspace::State& st) const {
  const std::uint32_t n = chain_->supplies().size();
  for (SupplyId e = 0; e < n; ++e) {
    const std::uint32_t slots = pipe_first_[e + 1] - pipe_first_[e];
    if (slots == 0) continue;
    for (std::uint32_t t = 0; t + 1 < slots; ++t) st.pipe[pipe_first_[e] + t] = pipe_init_[e];
    st.pipe_run[e] = st.run_id;
    st.pipe_list.push_back(e);
  }
}

void Propagation::reset(Workspace::State& st) const {
  const auto& H = chain_->holdings();
  for (HoldingId h : st.stock_list) st.stock[h] = H.stock[h];
  st.stock_list.clear();
  for (SupplyId e : st.pipe_list)
    std::fill(st.pipe.begin() + pipe_first_[e], st.pipe.begin() + pipe_first_[e + 1], 0.0);
  st.pipe_list.clear();
  for (std::uint32_t s : st.keep_sites) st.site_keep[s] = 1.0;
  for (std::uint32_t m : st.keep_makes) st.make_keep[m] = 1.0;
  for (std::uint32_t e : st.keep_supplies) st.supply_keep[e] = 1.0;
  st.keep_sites.clear();
  st.keep_makes.clear();
  st.keep_supplies.clear();
  for (std::uint32_t e : st.delayed) {
    st.delay_share[e] = 0;
    st.delay_periods[e] = 0;
  }
  st.delayed.clear();
  for (auto& l : st.late) l.clear();
  for (auto& s : st.seeds) s.clear();
  st.heap.clear();
  // Values of "this period" must not leak into the next run.
  if (++st.epoch == 0) st.epoch = 1;
}

void Propagation::record(Workspace::State& st, std::uint32_t t, Trace& trace) const {
  const auto& H = chain_->holdings();
  const auto& M = chain_->makes();
  const std::size_t nd = demand_holdings_.size();
  for (std::size_t i = 0; i < nd; ++i) {
    const HoldingId h = demand_holdings_[i];
    trace.served[t * nd + i] = st.done_at[h] == st.epoch ? st.served[h] : baseline_served(t, i);
  }
  for (MakeId m = 0; m < M.size(); ++m)
    trace.production[static_cast<std::size_t>(t) * M.size() + m] = st.made_at[m] == st.epoch ? st.made[m] : make0_[m];
  for (HoldingId h = 0; h < H.size(); ++h) trace.stock[static_cast<std::size_t>(t) * H.size() + h] = st.stock[h];
  const std::size_t ne = chain_->supplies().size();
  for (SupplyId e = 0; e < ne; ++e)
    trace.shipped[t * ne + e] = st.ship_at[e] != st.epoch ? ship0_[e] : st.delay_share[e] > 0 ? st.sent_delayed[e] : st.ship[e];
}

ShockOutcome Propagation::run(const Shock& given, Workspace& ws, Trace* trace) const {
  // Site hits close transit through their sites too; reroute only when some route can pass one.
  bool transit = false;
  if (routing_ && !given.transit_done)
    for (const Hit& hit : given.hits) transit = transit || (hit.kind == Hit::Kind::site && routing_->can_be_transit(hit.id));
  Shock expanded;
  if (transit) expanded = with_transit(given);
  const Shock& shock = transit ? expanded : given;
  const model::Chain& c = *chain_;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  Workspace::State& st = *ws.s_;
  const bool full = !(incremental_ && stationary_);
  ++st.run_id;
  st.reach = 0;
  if (!stationary_) fill_pipelines(st);  // a stationary chain's pipelines hold no deviation
  if (trace) {
    trace->served.assign(static_cast<std::size_t>(horizon_) * demand_holdings_.size(), 0.0);
    trace->production.assign(static_cast<std::size_t>(horizon_) * M.size(), 0.0);
    trace->stock.assign(static_cast<std::size_t>(horizon_) * H.size(), 0.0);
    trace->shipped.assign(static_cast<std::size_t>(horizon_) * S.size(), 0.0);
  }
  ShockOutcome out;
  out.excess_value_by_period.assign(horizon_, 0.0);
  const double tol = 1e-9 * std::max(1.0, demand_value_);
  for (std::uint32_t t = 0; t < horizon_; ++t) {
    // Capacity left in this period.
    for (std::uint32_t s : st.keep_sites) st.site_keep[s] = 1.0;
    for (std::uint32_t m : st.keep_makes) st.make_keep[m] = 1.0;
    for (std::uint32_t e : st.keep_supplies) st.supply_keep[e] = 1.0;
    st.keep_sites.clear();
    st.keep_makes.clear();
    st.keep_supplies.clear();
    for (std::uint32_t e : st.delayed) {
      st.delay_share[e] = 0;
      st.delay_periods[e] = 0;
    }
    st.delayed.clear();
    for (const Hit& hit : shock.hits) {
      if (!hit.active(t)) continue;
      const double keep = 1.0 - std::clamp(hit.loss, 0.0, 1.0);
      switch (hit.kind) {
        case Hit::Kind::site:
          if (st.site_keep[hit.id] == 1.0) st.keep_sites.push_back(hit.id);
          st.site_keep[hit.id] *= keep;
          if (hit.destroys_stock && t == hit.start)
            for (HoldingId h : c.sites().holdings[hit.id]) {
              if (st.stock_run[h] != st.run_id) {
                st.stock_run[h] = st.run_id;
                st.stock_list.push_back(h);
              }
              st.stock[h] *= keep;
            }
          if (!full)
            for (HoldingId h : c.sites().holdings[hit.id]) st.seeds[t].push_back(h);
          break;
        case Hit::Kind::make:
          if (st.make_keep[hit.id] == 1.0) st.keep_makes.push_back(hit.id);
          st.make_keep[hit.id] *= keep;
          if (!full) st.seeds[t].push_back(M.holding[hit.id]);
          break;
        case Hit::Kind::supply:
          if (st.supply_keep[hit.id] == 1.0) st.keep_supplies.push_back(hit.id);
          st.supply_keep[hit.id] *= keep;
          if (!full) st.seeds[t].push_back(S.seller_holding[hit.id]);
          break;
        case Hit::Kind::delay:
          if (st.delay_share[hit.id] == 0) st.delayed.push_back(hit.id);
          st.delay_share[hit.id] = std::min(1.0, st.delay_share[hit.id] + std::clamp(hit.loss, 0.0, 1.0));
          st.delay_periods[hit.id] = std::max(st.delay_periods[hit.id], hit.delay);
          if (!full) st.seeds[t].push_back(S.seller_holding[hit.id]);
          break;
      }
    }
    step(st, t, full, false);
    const double units = st.excess_units, value = st.excess_value;
    out.excess_lost_units += units;
    out.excess_lost_value += value;
    out.excess_value_by_period[t] = value;
    out.lost_units += base_lost_units_[t] + units;
    out.lost_value += base_lost_value_[t] + value;
    if (value > tol) {
      if (out.first_loss_period < 0) out.first_loss_period = static_cast<std::int32_t>(t);
      if (out.worst_period < 0 || value > out.excess_value_by_period[out.worst_period]) out.worst_period = static_cast<std::int32_t>(t);
      out.recovery_period = static_cast<std::int32_t>(t) + 1;
    }
    if (trace) record(st, t, *trace);
  }
  if (out.recovery_period >= static_cast<std::int32_t>(horizon_)) {
    out.recovery_period = -1;
    out.recovered = false;
  }
  out.reach = full ? H.size() : st.reach;
  reset(st);
  return out;
}

}  // namespace chainnet::stress
