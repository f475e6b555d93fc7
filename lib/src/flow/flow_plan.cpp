#include "chainnet/flow/flow_plan.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/routing/dijkstra.hpp"
#include "chainnet/routing/supply_routing.hpp"
#include "flow/plan_parts.hpp"

namespace chainnet::flow {

std::string_view to_string(PlanMethod m) {
  switch (m) {
    case PlanMethod::automatic: return "auto";
    case PlanMethod::network: return "network";
    case PlanMethod::lp: return "lp";
  }
  return "?";
}

PlanMethod parse_plan_method(std::string_view text) {
  for (PlanMethod m : {PlanMethod::automatic, PlanMethod::network, PlanMethod::lp})
    if (to_string(m) == text) return m;
  throw InvalidInput("unknown method '" + std::string(text) + "' (expected auto, network or lp)");
}

std::string_view to_string(PlanStatus s) {
  switch (s) {
    case PlanStatus::optimal: return "optimal";
    case PlanStatus::infeasible: return "infeasible";
    case PlanStatus::limit: return "limit";
  }
  return "?";
}

std::string_view to_string(BottleneckKind k) {
  switch (k) {
    case BottleneckKind::lane: return "lane";
    case BottleneckKind::supply: return "supply";
    case BottleneckKind::production: return "production";
  }
  return "?";
}

namespace detail {

PlanInputs prepare_inputs(const model::Chain& c, double carbon_price, double penalty_factor, const PlanConditions* cond) {
  PlanInputs in;
  in.carbon_price = carbon_price;
  const model::MakeTable& mk = c.makes();
  in.make_cap = cond && !cond->make_capacity.empty() ? cond->make_capacity : mk.capacity.to_vector();
  in.supply_cap = cond && !cond->supply_capacity.empty() ? cond->supply_capacity : c.supplies().capacity.to_vector();
  in.lane_cap = cond && !cond->lane_capacity.empty() ? cond->lane_capacity : c.lanes().capacity.to_vector();
  if (cond) in.unmet_floor = cond->unmet_floor;
  in.make_cost.resize(mk.size());
  for (MakeId m = 0; m < mk.size(); ++m) in.make_cost[m] = mk.unit_cost[m] + carbon_price * mk.co2_kg[m];
  in.has_recipes = !mk.recipe.items.empty();
  const model::HoldingTable& h = c.holdings();
  in.penalty.assign(h.size(), 0.0);
  for (HoldingId x = 0; x < h.size(); ++x)
    if (h.demand[x] > 0) in.penalty[x] = penalty_factor * c.products().value[h.product[x]];
  const model::LaneTable& lt = c.lanes();
  in.lane_cost.resize(lt.size());
  for (LaneId l = 0; l < lt.size(); ++l) in.lane_cost[l] = lt.cost[l] + carbon_price * lt.co2_kg[l];

  const model::SupplyTable& st = c.supplies();
  const std::uint32_t ns = st.size();
  in.routed.assign(ns, 0);
  in.route_cost.assign(ns, 0.0);
  in.route_first.assign(ns + 1, 0);
  if (lt.size() == 0 || ns == 0) return in;

  // Closures: no route takes a closed lane or passes a closed node.
  std::vector<double> open_cost = in.lane_cost;
  bool any_closed = false;
  if (cond) {
    for (LaneId l = 0; l < lt.size(); ++l) {
      const bool closed = (!cond->lane_closed.empty() && cond->lane_closed[l]) ||
                          (!cond->node_closed.empty() && (cond->node_closed[lt.from[l]] || cond->node_closed[lt.to[l]]));
      if (closed) {
        in.lane_cost[l] = routing::kUnreachable;
        any_closed = true;
      }
    }
  }
  std::vector<double> cost;
  std::vector<std::vector<LaneId>> routes = routing::cheapest_supply_routes(c, in.lane_cost, &cost);
  std::vector<std::vector<LaneId>> intact;
  if (any_closed) intact = routing::cheapest_supply_routes(c, open_cost);
  for (SupplyId s = 0; s < ns; ++s) {
    in.route_first[s + 1] = in.route_first[s] + static_cast<std::uint32_t>(routes[s].size());
    if (cost[s] != routing::kUnreachable) {
      in.routed[s] = 1;
      in.route_cost[s] = cost[s];
    } else if (any_closed && !intact[s].empty()) {
      in.supply_cap[s] = 0;  // routed in the intact chain, cut off now
      ++in.closed;
    } else {
      ++in.unrouted;
    }
  }
  in.route_lanes.reserve(in.route_first[ns]);
  for (auto& r : routes) in.route_lanes.insert(in.route_lanes.end(), r.begin(), r.end());
  return in;
}

std::vector<double> lane_loads(const model::Chain& c, const std::vector<Column>& columns) {
  std::vector<double> load(c.lanes().size(), 0.0);
  for (const Column& col : columns)
    for (LaneId l : col.lanes) load[l] += col.quantity;
  return load;
}

}  // namespace detail

namespace {

// Values below this share of the plan's scale are solver noise, not flows.
double noise_floor(const model::Chain& c) {
  double scale = 1.0;
  for (double d : c.holdings().demand) scale = std::max(scale, d);
  return 1e-9 * scale;
}

bool saturated(double flow, double cap) {
  return std::isfinite(cap) && flow >= cap - 1e-7 * std::max(1.0, cap);
}

FlowPlan finish(const model::Chain& c, const detail::PlanInputs& in, detail::RawPlan raw) {
  FlowPlan plan;
  plan.status = raw.status;
  plan.method = raw.method;
  plan.carbon_price = in.carbon_price;
  plan.rounds = raw.rounds;
  plan.unrouted_supplies = in.unrouted;
  plan.closed_supplies = in.closed;
  plan.columns = static_cast<std::uint32_t>(raw.columns.size());
  if (raw.status == PlanStatus::infeasible) return plan;
  const double floor = noise_floor(c);
  const model::MakeTable& mk = c.makes();
  const model::HoldingTable& h = c.holdings();
  const model::LaneTable& lt = c.lanes();
  const model::SupplyTable& st = c.supplies();
  double co2 = 0;
  for (MakeId m = 0; m < mk.size(); ++m) {
    const double q = raw.make_quantity[m];
    if (q <= floor) continue;
    plan.production.push_back({m, q});
    plan.production_cost += mk.unit_cost[m] * q;
    co2 += mk.co2_kg[m] * q;
  }
  std::vector<double> supply_flow(st.size(), 0.0);
  for (detail::Column& col : raw.columns)
    if (col.quantity <= floor) col.quantity = 0;
  const std::vector<double> load = detail::lane_loads(c, raw.columns);
  for (detail::Column& col : raw.columns) {
    if (col.quantity == 0) continue;
    RoutedFlow f;
    f.supply = col.supply;
    f.quantity = col.quantity;
    for (LaneId l : col.lanes) {
      f.unit_transport_cost += lt.cost[l];
      f.unit_co2_kg += lt.co2_kg[l];
    }
    plan.transport_cost += f.unit_transport_cost * f.quantity;
    co2 += f.unit_co2_kg * f.quantity;
    supply_flow[col.supply] += f.quantity;
    f.lanes = col.lanes;
    plan.flows.push_back(std::move(f));
  }
  std::stable_sort(plan.flows.begin(), plan.flows.end(),
                   [](const RoutedFlow& a, const RoutedFlow& b) { return a.supply < b.supply; });
  for (HoldingId x = 0; x < h.size(); ++x) {
    if (h.demand[x] <= 0) continue;
    plan.demand += h.demand[x];
    const double u = raw.unmet[x] <= floor ? 0.0 : std::min(raw.unmet[x], h.demand[x]);
    if (u > 0) plan.unmet.push_back({x, h.demand[x], u, in.penalty[x]});
    plan.lost_sale_cost += in.penalty[x] * u;
    plan.served += h.demand[x] - u;
  }
  plan.co2_kg = co2;
  plan.carbon_cost = in.carbon_price * co2;
  plan.total_cost = plan.production_cost + plan.transport_cost + plan.carbon_cost + plan.lost_sale_cost;

  // Shadow prices of saturated capacities from the dual prices.
  const std::vector<double>& y = raw.holding_price;
  double price_scale = 1.0;
  for (double p : y) price_scale = std::max(price_scale, std::abs(p));
  const double eps = 1e-9 * price_scale;
  for (LaneId l = 0; l < lt.size(); ++l)
    if (raw.lane_price[l] > eps && saturated(load[l], in.lane_cap[l]))
      plan.bottlenecks.push_back({BottleneckKind::lane, l, in.lane_cap[l], load[l], raw.lane_price[l]});
  std::vector<double> best_reduced(st.size(), std::numeric_limits<double>::infinity());
  for (const detail::Column& col : raw.columns) {
    double d = col.unit_cost - y[st.buyer_holding[col.supply]] + y[st.seller_holding[col.supply]];
    for (LaneId l : col.lanes) d += raw.lane_price[l];
    best_reduced[col.supply] = std::min(best_reduced[col.supply], d);
  }
  for (SupplyId s = 0; s < st.size(); ++s) {
    if (!saturated(supply_flow[s], in.supply_cap[s])) continue;
    const double price = std::isnan(raw.supply_price[s]) ? std::max(0.0, -best_reduced[s]) : raw.supply_price[s];
    if (price > eps) plan.bottlenecks.push_back({BottleneckKind::supply, s, in.supply_cap[s], supply_flow[s], price});
  }
  for (MakeId m = 0; m < mk.size(); ++m) {
    if (!saturated(raw.make_quantity[m], in.make_cap[m])) continue;
    double d = in.make_cost[m] - y[mk.holding[m]];
    for (std::uint32_t e = mk.recipe.first[m]; e < mk.recipe.first[m + 1]; ++e)
      d += mk.recipe_quantity[e] * y[mk.recipe_holding[e]];
    if (-d > eps) plan.bottlenecks.push_back({BottleneckKind::production, m, in.make_cap[m], raw.make_quantity[m], -d});
  }
  std::stable_sort(plan.bottlenecks.begin(), plan.bottlenecks.end(), [](const Bottleneck& a, const Bottleneck& b) {
    if (a.shadow_price != b.shadow_price) return a.shadow_price > b.shadow_price;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.id < b.id;
  });
  plan.holding_price = std::move(raw.holding_price);
  plan.lane_price = std::move(raw.lane_price);
  return plan;
}

}  // namespace

FlowPlan plan_flows(const model::Chain& c, const PlanOptions& options) {
  if (!(options.penalty_factor > 0) || !std::isfinite(options.penalty_factor))
    throw InvalidInput("penalty factor must be a positive number, got " + std::to_string(options.penalty_factor));
  const double cp = std::isnan(options.carbon_price) ? c.settings().carbon_price : options.carbon_price;
  if (!(cp >= 0) || !std::isfinite(cp))
    throw InvalidInput("carbon price must be >= 0, got " + std::to_string(cp));
  if (options.max_rounds == 0) throw InvalidInput("max_rounds must be at least 1");
  const detail::PlanInputs in = detail::prepare_inputs(c, cp, options.penalty_factor, options.conditions);

  bool floors = false;  // forced lost sales: only the LP takes them
  for (double f : in.unmet_floor) floors = floors || f > 0;
  if (options.method != PlanMethod::lp && !floors) {
    detail::RawPlan raw = detail::solve_by_network(c, in);
    if (!raw.needs_lp) {
      // The network method ignores lane capacities; its plan stands if it overloads none.
      const std::vector<double> load = detail::lane_loads(c, raw.columns);
      bool fits = true;
      for (LaneId l = 0; l < c.lanes().size() && fits; ++l)
        fits = !(load[l] > in.lane_cap[l] * (1 + 1e-9) + 1e-9);
      if (fits) return finish(c, in, std::move(raw));
      raw.reason = "the cheapest routes overload a lane's capacity";
    }
    if (options.method == PlanMethod::network)
      throw InvalidInput(std::string("the network method cannot plan this chain exactly: ") + raw.reason +
                         " (use the lp or auto method)");
  }
  return finish(c, in, detail::solve_by_lp(c, in, options.max_rounds));
}

}  // namespace chainnet::flow
