// The network method: without recipes the plan falls apart into one min-cost flow per product.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>
#include <optional>

#include "chainnet/flow/min_cost_flow.hpp"
#include "flow/plan_parts.hpp"

namespace chainnet::flow::detail {
namespace {

// The least power of ten (up to 10^6) that makes every value an integer, if any: the network
// simplex needs integer data, and scenario figures are decimals.
std::optional<double> integer_scale(const std::vector<double>& values) {
  for (double scale = 1; scale <= 1e6; scale *= 10) {
    bool ok = true;
    for (double v : values) {
      const double x = v * scale;
      if (std::abs(x - std::nearbyint(x)) > 1e-9 * std::max(1.0, std::abs(x))) {
        ok = false;
        break;
      }
    }
    if (ok) return scale;
  }
  return std::nullopt;
}

std::int64_t to_int(double v, double scale) { return static_cast<std::int64_t>(std::nearbyint(v * scale)); }
std::int64_t to_cap(double v, double scale) { return std::isfinite(v) ? to_int(v, scale) : kNoLimit; }

struct ProductResult {
  bool exact = true;
  const char* reason = "";
};

// Solves product p: nodes are its holdings plus a source S that makes, and stands in for, lost
// sales. Writes only the slots of p's makes, supplies and holdings.
ProductResult solve_product(const model::Chain& c, const PlanInputs& in, const std::vector<HoldingId>& holdings,
                            RawPlan& raw) {
  const model::HoldingTable& h = c.holdings();
  const model::SupplyTable& st = c.supplies();
  std::vector<double> quantities, costs;
  double demand = 0;
  for (HoldingId x : holdings) {
    if (h.demand[x] > 0) {
      quantities.push_back(h.demand[x]);
      costs.push_back(in.penalty[x]);
      demand += h.demand[x];
    }
    if (h.make[x] != model::kInvalidId) {
      if (std::isfinite(in.make_cap[h.make[x]])) quantities.push_back(in.make_cap[h.make[x]]);
      costs.push_back(in.make_cost[h.make[x]]);
    }
    for (SupplyId s : h.sold[x]) {
      if (std::isfinite(in.supply_cap[s])) quantities.push_back(in.supply_cap[s]);
      costs.push_back(in.route_cost[s]);
    }
  }
  if (demand == 0) return {};  // nothing to serve: everything stays at zero
  const auto qs = integer_scale(quantities);
  const auto cs = integer_scale(costs);
  if (!qs || !cs) return {false, "figures with more than 6 decimals do not scale to integers"};
  double max_cost = 0;
  for (double v : costs) max_cost = std::max(max_cost, v * *cs);
  const long double n = static_cast<long double>(holdings.size()) + 2;
  // LEMON's artificial arcs cost about (max cost + 1) * nodes; the optimum is at most the cost
  // of losing every sale. Both must stay well inside 64 bits.
  if ((max_cost + 1) * n * 4 > 9.2e18L || static_cast<long double>(demand) * *qs * (max_cost + 1) * 4 > 9.2e18L)
    return {false, "figures too large for 64-bit integer flows"};

  Network net;
  net.num_nodes = static_cast<std::uint32_t>(holdings.size()) + 1;
  const std::uint32_t source = net.num_nodes - 1;
  net.supply.assign(net.num_nodes, 0);
  // local node of a holding: its position in `holdings` (sorted), found by binary search
  auto local = [&](HoldingId x) {
    return static_cast<std::uint32_t>(std::lower_bound(holdings.begin(), holdings.end(), x) - holdings.begin());
  };
  struct Var {
    enum Kind : std::uint8_t { make, supply, unmet } kind;
    std::uint32_t id;
  };
  std::vector<Var> vars;
  for (std::uint32_t i = 0; i < holdings.size(); ++i) {
    const HoldingId x = holdings[i];
    if (h.demand[x] > 0) {
      const std::int64_t d = to_int(h.demand[x], *qs);
      net.supply[i] -= d;
      net.supply[source] += d;
      net.add_arc(source, i, d, to_int(in.penalty[x], *cs));
      vars.push_back({Var::unmet, x});
    }
    if (const MakeId m = h.make[x]; m != model::kInvalidId) {
      net.add_arc(source, i, to_cap(in.make_cap[m], *qs), to_int(in.make_cost[m], *cs));
      vars.push_back({Var::make, m});
    }
    for (SupplyId s : h.sold[x]) {
      net.add_arc(i, local(st.buyer_holding[s]), to_cap(in.supply_cap[s], *qs), to_int(in.route_cost[s], *cs));
      vars.push_back({Var::supply, s});
    }
  }
  const McfSolution sol = solve_min_cost_flow(net, McfAlgorithm::automatic);
  if (sol.status != McfStatus::optimal) return {false, "the min-cost flow solver failed"};
  for (std::uint32_t a = 0; a < net.num_arcs(); ++a) {
    const double q = static_cast<double>(sol.flow[a]) / *qs;
    switch (vars[a].kind) {
      case Var::make: raw.make_quantity[vars[a].id] = q; break;
      case Var::supply: raw.columns[vars[a].id].quantity = q; break;
      case Var::unmet: raw.unmet[vars[a].id] = q; break;
    }
  }
  for (std::uint32_t i = 0; i < holdings.size(); ++i)
    raw.holding_price[holdings[i]] = static_cast<double>(sol.potential[i] - sol.potential[source]) / *cs;
  return {};
}

}  // namespace

RawPlan solve_by_network(const model::Chain& c, const PlanInputs& in) {
  RawPlan raw;
  raw.method = PlanMethod::network;
  if (in.has_recipes) {
    raw.needs_lp = true;
    raw.reason = "production lines have bills of materials";
    return raw;
  }
  const model::HoldingTable& h = c.holdings();
  const model::SupplyTable& st = c.supplies();
  const std::uint32_t np = c.products().size();
  raw.make_quantity.assign(c.makes().size(), 0.0);
  raw.unmet.assign(h.size(), 0.0);
  raw.holding_price.assign(h.size(), 0.0);
  raw.lane_price.assign(c.lanes().size(), 0.0);
  raw.supply_price.assign(st.size(), std::numeric_limits<double>::quiet_NaN());
  raw.columns.resize(st.size());
  for (SupplyId s = 0; s < st.size(); ++s) {
    Column& col = raw.columns[s];
    col.supply = s;
    col.lanes.assign(in.route_lanes.begin() + in.route_first[s], in.route_lanes.begin() + in.route_first[s + 1]);
    col.unit_cost = in.route_cost[s];
  }
  std::vector<std::vector<HoldingId>> by_product(np);
  for (HoldingId x = 0; x < h.size(); ++x) by_product[h.product[x]].push_back(x);
  std::vector<ProductResult> results(np);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, np, 1), [&](const auto& r) {
    for (std::uint32_t p = r.begin(); p != r.end(); ++p) results[p] = solve_product(c, in, by_product[p], raw);
  });
  for (const ProductResult& r : results)
    if (!r.exact) {
      raw.needs_lp = true;
      raw.reason = r.reason;
      return raw;
    }
  raw.status = PlanStatus::optimal;
  raw.rounds = 1;
  return raw;
}

}  // namespace chainnet::flow::detail
