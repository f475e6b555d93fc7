#include "chainnet/flow/normal_plan.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/model/holding_order.hpp"
#include "flow/plan_parts.hpp"

namespace chainnet::flow {
namespace {

using model::HoldingId;
using model::MakeId;
using model::SupplyId;

bool below(double got, double wanted) { return got < wanted - 1e-9 * std::max(1.0, std::fabs(wanted)); }

// Orders by shares from the markets up (docs/models.md, "Normal orders"): each holding is asked
// for its sales, its buyers' orders and its own lines' input needs; its line plans what it can of
// that, and it orders the rest from its suppliers by normal shares, water-filled within each
// supply's contract and each seller's room. room: what a maker that buys none of its product can
// still promise (capacity less demand and its own use); sell_room: what a holding was found able
// to deliver to its buyers in all (the repair). What no supplier has room for is split by shares
// anyway, so a shortage is shared out by rationing rather than hidden.
void orders_by_shares(const model::Chain& c, const std::vector<std::uint8_t>& inert, const std::vector<double>& sell_room0,
                      std::vector<double>& order, std::vector<double>& plan) {
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  order.assign(S.size(), 0.0);
  plan.assign(M.size(), 0.0);
  std::vector<double> room(H.size(), model::kUnlimited);
  std::vector<double> sell_room = sell_room0;
  for (HoldingId h = 0; h < H.size(); ++h) {
    bool buys = false;
    for (SupplyId e : H.bought[h]) buys = buys || !inert[e];
    if (!buys && H.make[h] != model::kInvalidId) room[h] = std::max(0.0, M.capacity[H.make[h]] - H.demand[h]);
  }
  std::vector<SupplyId> open, still;
  // Holdings are taken once all their buyers and lines have ordered; among those ready, the ones
  // with fewest suppliers first, so a single-sourced buyer claims its supplier's room first.
  std::vector<std::uint32_t> waiting(H.size(), 0), suppliers(H.size(), 0);
  for (HoldingId h = 0; h < H.size(); ++h) {
    for (SupplyId e : H.sold[h]) waiting[h] += inert[e] ? 0 : 1;
    waiting[h] += static_cast<std::uint32_t>(H.used_in[h].size());
    for (SupplyId e : H.bought[h]) suppliers[h] += inert[e] ? 0 : 1;
  }
  using Key = std::pair<std::uint32_t, HoldingId>;
  std::priority_queue<Key, std::vector<Key>, std::greater<>> ready;
  for (HoldingId h = 0; h < H.size(); ++h)
    if (waiting[h] == 0) ready.push({suppliers[h], h});
  auto release = [&](HoldingId x) {
    if (--waiting[x] == 0) ready.push({suppliers[x], x});
  };
  while (!ready.empty()) {
    const HoldingId h = ready.top().second;
    ready.pop();
    double req = H.demand[h];
    for (SupplyId e : H.sold[h])
      if (!inert[e]) req += order[e];
    for (std::uint32_t r : H.used_in[h]) req += M.recipe_quantity[r] * plan[M.recipe_make[r]];
    double need = req;
    if (const MakeId m = H.make[h]; m != model::kInvalidId) {
      plan[m] = std::min(M.capacity[m], req);
      need -= plan[m];
      for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r)
        room[M.recipe_holding[r]] -= M.recipe_quantity[r] * plan[m];
    }
    for (int pass = 0; pass < 2; ++pass) {
      auto limit = [&](SupplyId e) {
        const double contract = S.capacity[e] - order[e];
        const HoldingId s = S.seller_holding[e];
        return pass == 0 ? std::min({contract, std::max(0.0, room[s]), std::max(0.0, sell_room[s])}) : contract;
      };
      open.clear();
      for (SupplyId e : H.bought[h])
        if (!inert[e] && limit(e) > 0) open.push_back(e);
      while (need > 1e-12 * std::max(1.0, req) && !open.empty()) {
        double w = 0;
        for (SupplyId e : open) w += S.share[e];
        const bool equal = !(w > 0);
        if (equal) w = static_cast<double>(open.size());
        auto want = [&](SupplyId e) { return need * (equal ? 1.0 : S.share[e]) / w; };
        bool capped = false;
        for (SupplyId e : open) capped = capped || want(e) > limit(e);
        auto take = [&](SupplyId e, double v) {
          order[e] += v;
          room[S.seller_holding[e]] -= v;
          sell_room[S.seller_holding[e]] -= v;
        };
        if (!capped) {
          for (SupplyId e : open) take(e, want(e));
          need = 0;
          break;
        }
        still.clear();
        double taken = 0;
        for (SupplyId e : open) {
          const double lim = limit(e);
          if (want(e) > lim) {
            take(e, lim);
            taken += lim;
          } else {
            still.push_back(e);
          }
        }
        need -= taken;
        open.swap(still);
      }
    }
    for (SupplyId e : H.bought[h])
      if (!inert[e]) release(S.seller_holding[e]);
    if (const MakeId m = H.make[h]; m != model::kInvalidId)
      for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r) release(M.recipe_holding[r]);
  }
}

// One steady period without stock: what each supply delivers and each market gets when every
// holding rations what it has in proportion to what it is asked (the propagation's period with
// nothing disrupted, docs/models.md). Returns per holding the fill rate.
std::vector<double> steady_fill(const model::Chain& c, const model::HoldingOrder& ord, const std::vector<double>& order,
                                const std::vector<double>& plan, std::vector<double>& delivered) {
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  delivered.assign(S.size(), 0.0);
  std::vector<double> reserve(M.recipe.items.size(), 0.0), fill(H.size(), 1.0);
  for (HoldingId h : ord.topo) {
    double avail = 0;
    for (SupplyId e : H.bought[h])
      if (!ord.inert[e]) avail += delivered[e];
    if (const MakeId m = H.make[h]; m != model::kInvalidId) {
      double x = plan[m];
      for (std::uint32_t r = M.recipe.first[m]; r < M.recipe.first[m + 1]; ++r) x = std::min(x, reserve[r] / M.recipe_quantity[r]);
      avail += std::max(0.0, x);
    }
    double req = H.demand[h];
    for (SupplyId e : H.sold[h])
      if (!ord.inert[e]) req += order[e];
    for (std::uint32_t r : H.used_in[h]) req += M.recipe_quantity[r] * plan[M.recipe_make[r]];
    const double f = req > 0 && below(avail, req) ? avail / req : 1.0;
    fill[h] = f;
    for (SupplyId e : H.sold[h])
      if (!ord.inert[e]) delivered[e] = order[e] * f;
    for (std::uint32_t r : H.used_in[h]) reserve[r] = M.recipe_quantity[r] * plan[M.recipe_make[r]] * f;
  }
  return fill;
}

void plan_by_shares(const model::Chain& c, const model::HoldingOrder& ord, NormalPlan& out) {
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  std::vector<double> sell_room(H.size(), model::kUnlimited), delivered, fill;
  // Repair: a holding found short can promise its buyers no more than it delivered; rooms only
  // shrink, so the rounds end.
  for (int round = 0; round < 20; ++round) {
    orders_by_shares(c, ord.inert, sell_room, out.supply, out.production);
    fill = steady_fill(c, ord, out.supply, out.production, delivered);
    bool changed = false;
    for (HoldingId h = 0; h < H.size(); ++h) {
      if (fill[h] >= 1.0) continue;
      double sold = 0;
      for (SupplyId e : H.sold[h])
        if (!ord.inert[e]) sold += delivered[e];
      if (std::isinf(sell_room[h]) || below(sold, sell_room[h])) {
        sell_room[h] = sold;
        changed = true;
      }
    }
    if (!changed) break;
  }
  out.sales = H.demand.to_vector();
  for (SupplyId e = 0; e < S.size(); ++e)
    if (below(delivered[e], out.supply[e])) out.supplies.push_back({e, out.supply[e], delivered[e]});
  for (HoldingId h = 0; h < H.size(); ++h)
    if (H.demand[h] > 0 && fill[h] < 1.0) {
      const double served = H.demand[h] * fill[h];
      out.markets.push_back({h, H.demand[h], served, (H.demand[h] - served) * c.products().value[H.product[h]]});
    }
  out.cost = std::numeric_limits<double>::quiet_NaN();
}

void plan_by_lp(const model::Chain& c, const model::HoldingOrder& ord, NormalPlan& out) {
  const auto& H = c.holdings();
  const detail::PlanInputs in = detail::prepare_inputs(c, c.settings().carbon_price, 1.0);
  const detail::RawPlan raw = detail::solve_normal_by_lp(c, in, ord.inert, 1000, out.lp_solves);
  if (raw.status == PlanStatus::infeasible) throw Error("the normal plan's LP is infeasible (unmet demand should make it feasible)");
  // GLPK's primal values carry rounding of about its feasibility tolerance (1e-7, relative):
  // below that a value is zero.
  double scale = 1.0;
  for (HoldingId h = 0; h < H.size(); ++h) scale = std::max(scale, H.demand[h]);
  const double tiny = 1e-9 * scale;
  auto clean = [&](double v) { return v < tiny ? 0.0 : v; };
  out.production = raw.make_quantity;
  for (double& v : out.production) v = clean(v);
  out.supply.assign(c.supplies().size(), 0.0);
  double cost = 0;
  for (const detail::Column& col : raw.columns) {
    out.supply[col.supply] += clean(col.quantity);
    cost += col.unit_cost * clean(col.quantity);
  }
  for (MakeId m = 0; m < out.production.size(); ++m) cost += in.make_cost[m] * out.production[m];
  out.sales.assign(H.size(), 0.0);
  for (HoldingId h = 0; h < H.size(); ++h) {
    if (!(H.demand[h] > 0)) continue;
    double unmet = std::min(H.demand[h], raw.unmet[h]);
    if (unmet < 1e-7 * std::max(1.0, H.demand[h])) unmet = 0;
    cost += in.penalty[h] * unmet;
    out.sales[h] = H.demand[h] - unmet;
    if (unmet > 1e-9 * std::max(1.0, H.demand[h]))
      out.markets.push_back({h, H.demand[h], out.sales[h], unmet * c.products().value[H.product[h]]});
  }
  out.cost = cost;
}

}  // namespace

std::string_view to_string(NormalPlanMethod m) {
  switch (m) {
    case NormalPlanMethod::automatic: return "auto";
    case NormalPlanMethod::flow_plan: return "flow_plan";
    case NormalPlanMethod::shares: return "shares";
  }
  return "?";
}

NormalPlanMethod parse_normal_plan_method(std::string_view text) {
  for (NormalPlanMethod m : {NormalPlanMethod::automatic, NormalPlanMethod::flow_plan, NormalPlanMethod::shares})
    if (to_string(m) == text) return m;
  throw InvalidInput("unknown normal plan method '" + std::string(text) + "' (expected auto, flow_plan or shares)");
}

NormalPlan normal_plan(const model::Chain& c, const NormalPlanOptions& options) {
  const model::HoldingOrder ord = model::holding_order(c);
  NormalPlan out;
  out.inert = ord.inert;
  const std::uint64_t size = std::uint64_t{c.holdings().size()} + c.supplies().size() + c.lanes().size();
  NormalPlanMethod method = options.method;
  if (method == NormalPlanMethod::automatic)
    method = size <= options.lp_size_limit ? NormalPlanMethod::flow_plan : NormalPlanMethod::shares;
  out.method = method;
  if (method == NormalPlanMethod::flow_plan) plan_by_lp(c, ord, out);
  else plan_by_shares(c, ord, out);

  const auto& H = c.holdings();
  const auto& S = c.supplies();
  for (HoldingId h = 0; h < H.size(); ++h) {
    const double v = c.products().value[H.product[h]];
    out.demand_value += H.demand[h] * v;
  }
  for (const MarketShortfall& m : out.markets) {
    out.lost_value += m.lost_value;
    out.lost_units += m.demand - m.served;
  }
  std::stable_sort(out.markets.begin(), out.markets.end(),
                   [](const MarketShortfall& a, const MarketShortfall& b) { return a.lost_value > b.lost_value; });
  std::stable_sort(out.supplies.begin(), out.supplies.end(), [](const SupplyShortfall& a, const SupplyShortfall& b) {
    return a.ordered - a.delivered > b.ordered - b.delivered;
  });
  // How far given shares are honoured, over buyers with two or more suppliers.
  for (HoldingId h = 0; h < H.size(); ++h) {
    double w = 0, inflow = 0;
    std::uint32_t n = 0;
    bool given = false;
    for (SupplyId e : H.bought[h])
      if (!ord.inert[e]) {
        w += S.share[e];
        inflow += out.supply[e];
        given = given || S.share_given[e];
        ++n;
      }
    if (n < 2 || !given) continue;
    for (SupplyId e : H.bought[h]) {
      if (ord.inert[e] || !S.share_given[e]) continue;
      ++out.given_shares;
      const double target = w > 0 ? inflow * S.share[e] / w : inflow / n;
      if (std::fabs(out.supply[e] - target) <= 1e-6 * std::max(1.0, inflow)) ++out.honoured_shares;
    }
  }
  return out;
}

std::vector<std::string> normal_plan_warnings(const model::Chain& c, const NormalPlan& plan, std::size_t most) {
  std::vector<std::string> lines;
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  auto num = [](double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::string(buf);
  };
  const std::size_t total = plan.markets.size() + plan.supplies.size();
  for (const MarketShortfall& m : plan.markets) {
    if (lines.size() >= most) break;
    std::string sellers;
    for (SupplyId e : H.bought[m.holding]) {
      if (plan.inert[e]) continue;
      sellers += (sellers.empty() ? "" : ", ") + std::string(c.site_id(S.seller[e])) + " (" + num(plan.supply[e]) + ")";
    }
    lines.push_back("normal plan: market '" + std::string(c.site_id(H.site[m.holding])) + "' is short of " +
                    num(m.demand - m.served) + " of its " + num(m.demand) + " '" +
                    std::string(c.product_id(H.product[m.holding])) + "' per period (lost value " + num(m.lost_value) +
                    " per period) even with nothing disrupted; " +
                    (sellers.empty() ? std::string("no supplier delivers it") : "delivered by " + sellers));
  }
  for (const SupplyShortfall& s : plan.supplies) {
    if (lines.size() >= most) break;
    lines.push_back("normal plan: seller '" + std::string(c.site_id(S.seller[s.supply])) + "' can deliver only " +
                    num(s.delivered) + " of the " + num(s.ordered) + " '" + std::string(c.product_id(S.product[s.supply])) +
                    "' per period that buyer '" + std::string(c.site_id(S.buyer[s.supply])) + "' orders (short " +
                    num(s.ordered - s.delivered) + ")");
  }
  if (total > lines.size() && !lines.empty())
    lines.push_back("normal plan: " + std::to_string(total - lines.size()) + " more shortfall(s) not shown");
  return lines;
}

}  // namespace chainnet::flow
