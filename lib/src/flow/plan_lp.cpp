// The LP method: holdings balance as rows, production, lost sales and route columns as columns;
// lane capacities couple the products. Routes are generated: after each solve, a Dijkstra per
// seller on lane cost + lane shadow price finds the route of least reduced cost for each supply
// that could still gain, and adds it when that reduced cost is negative. When no route prices
// out, the LP over all routes is solved (column generation is exact for it).
#include <lemon/glpk.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/routing/dijkstra.hpp"
#include "flow/plan_parts.hpp"

namespace chainnet::flow::detail {
namespace {

using Lp = lemon::GlpkLp;

class PlanLp {
 public:
  PlanLp(const model::Chain& c, const PlanInputs& in, const std::vector<std::uint8_t>* inert = nullptr)
      : c_(c), in_(in), inert_(inert) {
    lp_.messageLevel(Lp::MESSAGE_NOTHING);
    lp_.min();
    const model::HoldingTable& h = c.holdings();
    const model::MakeTable& mk = c.makes();
    const model::SupplyTable& st = c.supplies();
    balance_.reserve(h.size());
    for (HoldingId x = 0; x < h.size(); ++x) {
      const Lp::Row r = lp_.addRow();
      lp_.rowLowerBound(r, h.demand[x]);
      lp_.rowUpperBound(r, h.demand[x]);
      balance_.push_back(r);
    }
    lane_row_.assign(c.lanes().size(), Lp::Row(lemon::INVALID));
    lane_columns_.resize(c.lanes().size());
    supply_row_.assign(st.size(), Lp::Row(lemon::INVALID));
    for (MakeId m = 0; m < mk.size(); ++m) {
      Lp::DualExpr e;
      e += balance_[mk.holding[m]];
      for (std::uint32_t i = mk.recipe.first[m]; i < mk.recipe.first[m + 1]; ++i)
        e -= mk.recipe_quantity[i] * balance_[mk.recipe_holding[i]];
      make_col_.push_back(add_col(e, in.make_cost[m], in.make_cap[m]));
    }
    unmet_col_.assign(h.size(), Lp::Col(lemon::INVALID));
    for (HoldingId x = 0; x < h.size(); ++x)
      if (h.demand[x] > 0) {
        unmet_col_[x] = add_col(Lp::DualExpr(balance_[x]), in.penalty[x], h.demand[x]);
        if (!in.unmet_floor.empty() && in.unmet_floor[x] > 0) lp_.colLowerBound(unmet_col_[x], std::min(h.demand[x], in.unmet_floor[x]));
      }
    for (SupplyId s = 0; s < st.size(); ++s) {
      if (in.routed[s] && std::isfinite(in.supply_cap[s])) {
        supply_row_[s] = lp_.addRow();
        lp_.rowUpperBound(supply_row_[s], in.supply_cap[s]);
      }
      add_route(s, {in.route_lanes.begin() + in.route_first[s], in.route_lanes.begin() + in.route_first[s + 1]},
                in.route_cost[s]);
    }
  }

  RawPlan solve(std::uint32_t max_rounds) {
    RawPlan raw;
    raw.status = run_rounds(max_rounds, raw.rounds);
    if (raw.status == PlanStatus::infeasible) return raw;
    extract(raw);
    return raw;
  }

  /// The normal plan's phases 2 and 3 (flow/normal_plan.hpp) after the flow plan's rounds.
  RawPlan solve_normal(std::uint32_t max_rounds, std::uint32_t& solves) {
    RawPlan raw;
    raw.status = run_rounds(max_rounds, raw.rounds);
    solves = raw.rounds;
    if (raw.status == PlanStatus::infeasible) return raw;
    honour_shares(solves);
    extract(raw);
    return raw;
  }

 private:
  PlanStatus run_rounds(std::uint32_t max_rounds, std::uint32_t& rounds) {
    bool priced_out = false;
    for (rounds = 1;; ++rounds) {
      // First solve: GLPK's presolver and the dual simplex (measured 3.7x faster than the plain
      // primal simplex on generated chains). Later rounds only add columns, which leaves the
      // basis primal feasible: the primal simplex goes on from it.
      lp_.presolver(rounds == 1);
      if (rounds == 1) lp_.solveDual();
      else lp_.solvePrimal();
      const Lp::ProblemType type = lp_.primalType();
      if (type == Lp::INFEASIBLE) return PlanStatus::infeasible;  // not while unmet demand is allowed
      if (type != Lp::OPTIMAL)
        throw Error("the LP solver (GLPK) stopped without an optimum (problem type " + std::to_string(type) + ")");
      read_duals();
      if (!any_lane_price_) {
        priced_out = true;  // base routes are the cheapest on lane cost alone
        break;
      }
      if (rounds >= max_rounds) break;
      if (price_routes() == 0) {
        priced_out = true;
        break;
      }
    }
    return priced_out ? PlanStatus::optimal : PlanStatus::limit;
  }

  void extract(RawPlan& raw) {
    raw.method = PlanMethod::lp;
    const model::SupplyTable& st = c_.supplies();
    raw.make_quantity.resize(make_col_.size());
    for (std::size_t m = 0; m < make_col_.size(); ++m) raw.make_quantity[m] = std::max(0.0, lp_.primal(make_col_[m]));
    raw.unmet.assign(unmet_col_.size(), 0.0);
    for (std::size_t x = 0; x < unmet_col_.size(); ++x)
      if (unmet_col_[x] != lemon::INVALID) raw.unmet[x] = std::max(0.0, lp_.primal(unmet_col_[x]));
    raw.columns = std::move(columns_);
    for (std::size_t k = 0; k < raw.columns.size(); ++k) raw.columns[k].quantity = std::max(0.0, lp_.primal(route_col_[k]));
    // columns in supply order (generated ones were appended)
    std::stable_sort(raw.columns.begin(), raw.columns.end(),
                     [](const Column& a, const Column& b) { return a.supply < b.supply; });
    raw.holding_price = std::move(y_);
    raw.lane_price = std::move(lane_price_);
    raw.supply_price.assign(st.size(), std::numeric_limits<double>::quiet_NaN());
    for (SupplyId s = 0; s < st.size(); ++s)
      if (supply_row_[s] != lemon::INVALID) raw.supply_price[s] = supply_price_[s];
  }

  void check_optimal(const char* what) {
    if (lp_.primalType() != Lp::OPTIMAL)
      throw Error(std::string("the LP solver (GLPK) stopped without an optimum in the normal plan's ") + what +
                  " (problem type " + std::to_string(lp_.primalType()) + ")");
  }

  // Phase 2: unmet demand held at the flow plan's, cost + W x deviation from the given shares;
  // phase 3: that objective held, least deviation from the default shares. Columns stay as the
  // flow plan's rounds left them, so the flow plan's optimum is a feasible start of both.
  void honour_shares(std::uint32_t& solves) {
    const model::HoldingTable& h = c_.holdings();
    const model::SupplyTable& st = c_.supplies();
    std::vector<std::vector<std::uint32_t>> cols_of(st.size());
    for (std::uint32_t k = 0; k < columns_.size(); ++k) cols_of[columns_[k].supply].push_back(k);
    double scale = 1.0;
    for (double v : y_) scale = std::max(scale, std::abs(v));
    for (double v : in_.route_cost) scale = std::max(scale, v);
    const double weight = 10.0 * scale;
    for (HoldingId x = 0; x < unmet_col_.size(); ++x)
      if (unmet_col_[x] != lemon::INVALID)
        lp_.colUpperBound(unmet_col_[x], std::max(0.0, lp_.primal(unmet_col_[x])));
    std::vector<Lp::Col> given_dev, default_dev;
    std::vector<SupplyId> group;
    for (HoldingId x = 0; x < h.size(); ++x) {
      group.clear();
      for (SupplyId e : h.bought[x])
        if (!(inert_ && (*inert_)[e])) group.push_back(e);
      if (group.size() < 2) continue;
      double w = 0;
      for (SupplyId e : group) w += st.share[e];
      const bool equal = !(w > 0);
      Lp::Expr inflow;
      for (SupplyId e : group)
        for (std::uint32_t k : cols_of[e]) inflow += route_col_[k];
      for (SupplyId e : group) {
        const double share = equal ? 1.0 / static_cast<double>(group.size()) : st.share[e] / w;
        Lp::Expr row = -share * inflow;
        for (std::uint32_t k : cols_of[e]) row += route_col_[k];
        const bool given = st.share_given[e] != 0;
        const Lp::Col plus = add_col(Lp::DualExpr(), given ? weight : 0.0, model::kUnlimited);
        const Lp::Col minus = add_col(Lp::DualExpr(), given ? weight : 0.0, model::kUnlimited);
        row += plus;
        row -= minus;
        lp_.addRow(0.0, row, 0.0);
        for (Lp::Col col : {plus, minus}) (given ? given_dev : default_dev).push_back(col);
      }
    }
    if (!given_dev.empty()) {
      lp_.presolver(false);
      lp_.solveDual();
      ++solves;
      check_optimal("share phase");
    }
    if (default_dev.empty()) return;
    // Hold the objective at its optimum, then spread orders as evenly as the cost allows.
    Lp::Expr objective;
    for (std::size_t m = 0; m < make_col_.size(); ++m) objective += in_.make_cost[m] * make_col_[m];
    for (HoldingId x = 0; x < unmet_col_.size(); ++x)
      if (unmet_col_[x] != lemon::INVALID) objective += in_.penalty[x] * unmet_col_[x];
    for (std::size_t k = 0; k < route_col_.size(); ++k) objective += columns_[k].unit_cost * route_col_[k];
    for (Lp::Col col : given_dev) objective += weight * col;
    const double best = lp_.primal();
    lp_.addRow(-Lp::INF, objective, best + 1e-9 * std::max(1.0, std::abs(best)));
    for (Lp::Col col : make_col_) lp_.objCoeff(col, 0.0);
    for (Lp::Col col : unmet_col_)
      if (col != lemon::INVALID) lp_.objCoeff(col, 0.0);
    for (Lp::Col col : route_col_) lp_.objCoeff(col, 0.0);
    for (Lp::Col col : given_dev) lp_.objCoeff(col, 0.0);
    for (Lp::Col col : default_dev) lp_.objCoeff(col, 1.0);
    lp_.presolver(false);
    lp_.solvePrimal();
    ++solves;
    check_optimal("tie-break phase");
  }

  Lp::Col add_col(const Lp::DualExpr& e, double cost, double upper) {
    const Lp::Col col = lp_.addCol();
    lp_.col(col, e);
    lp_.colLowerBound(col, 0.0);
    if (std::isfinite(upper)) lp_.colUpperBound(col, upper);
    lp_.objCoeff(col, cost);
    return col;
  }

  void add_route(SupplyId s, std::vector<LaneId> lanes, double cost) {
    const model::SupplyTable& st = c_.supplies();
    Lp::DualExpr e;
    e += balance_[st.buyer_holding[s]];
    e -= balance_[st.seller_holding[s]];
    if (supply_row_[s] != lemon::INVALID) e += supply_row_[s];
    const auto index = static_cast<std::uint32_t>(columns_.size());
    for (LaneId l : lanes) {
      if (!std::isfinite(in_.lane_cap[l])) continue;
      if (lane_row_[l] == lemon::INVALID) {
        // first column over this lane: its capacity row, with every earlier column over it
        Lp::Expr load;
        for (std::uint32_t k : lane_columns_[l]) load += route_col_[k];
        lane_row_[l] = lp_.addRow(-Lp::INF, load, in_.lane_cap[l]);
      }
      lane_columns_[l].push_back(index);
      e += lane_row_[l];
    }
    double upper = in_.routed[s] ? model::kUnlimited : in_.supply_cap[s];
    if (inert_ && (*inert_)[s]) upper = 0.0;
    route_col_.push_back(add_col(e, cost, upper));
    columns_.push_back({s, std::move(lanes), cost, 0.0});
  }

  void read_duals() {
    const model::HoldingTable& h = c_.holdings();
    y_.resize(h.size());
    for (HoldingId x = 0; x < h.size(); ++x) y_[x] = lp_.dual(balance_[x]);
    lane_price_.assign(c_.lanes().size(), 0.0);
    any_lane_price_ = false;
    for (LaneId l = 0; l < lane_row_.size(); ++l)
      if (lane_row_[l] != lemon::INVALID) {
        lane_price_[l] = std::max(0.0, -lp_.dual(lane_row_[l]));
        if (lane_price_[l] > 0) any_lane_price_ = true;
      }
    supply_price_.assign(c_.supplies().size(), 0.0);
    for (SupplyId s = 0; s < supply_row_.size(); ++s)
      if (supply_row_[s] != lemon::INVALID) supply_price_[s] = std::max(0.0, -lp_.dual(supply_row_[s]));
  }

  // Adds the route of least reduced cost for every supply where it is negative; returns how many.
  std::size_t price_routes() {
    const model::SupplyTable& st = c_.supplies();
    double scale = 1.0;
    for (double v : y_) scale = std::max(scale, std::abs(v));
    const double eps = 1e-9 * scale;
    // Lane prices only raise lane weights, so the base route cost bounds any route from below:
    // only supplies whose price gap beats it can gain.
    std::vector<std::uint8_t> candidate(st.size(), 0);
    std::vector<model::SiteId> sellers;
    for (SupplyId s = 0; s < st.size(); ++s) {
      if (!in_.routed[s] || (inert_ && (*inert_)[s])) continue;
      const double gap = y_[st.buyer_holding[s]] - y_[st.seller_holding[s]] - supply_price_[s];
      if (gap - in_.route_cost[s] > eps) {
        candidate[s] = 1;
        if (sellers.empty() || sellers.back() != st.seller[s]) sellers.push_back(st.seller[s]);
      }
    }
    std::sort(sellers.begin(), sellers.end());
    sellers.erase(std::unique(sellers.begin(), sellers.end()), sellers.end());
    if (sellers.empty()) return 0;
    std::vector<double> w(in_.lane_cost);
    for (LaneId l = 0; l < w.size(); ++l) w[l] += lane_price_[l];
    const routing::LaneGraph graph(c_, w);
    std::vector<std::vector<LaneId>> found(st.size());
    std::vector<double> found_cost(st.size(), 0.0);
    struct Scratch {
      routing::Dijkstra search;
      std::vector<std::uint8_t> target;
      explicit Scratch(std::uint32_t n) : search(n), target(n, 0) {}
    };
    tbb::enumerable_thread_specific<Scratch> scratch([&] { return Scratch(c_.num_nodes()); });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sellers.size()), [&](const auto& r) {
      Scratch& ws = scratch.local();
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        std::uint32_t wanted = 0;
        for (SupplyId s : c_.sites().supplies_out[sellers[i]])
          if (candidate[s] && !ws.target[st.buyer[s]]) {
            ws.target[st.buyer[s]] = 1;
            ++wanted;
          }
        ws.search.run(graph, sellers[i], model::kInvalidId, nullptr, nullptr, ws.target.data(), wanted, true);
        for (SupplyId s : c_.sites().supplies_out[sellers[i]]) {
          if (!candidate[s]) continue;
          ws.target[st.buyer[s]] = 0;
          const double d = ws.search.distance(st.buyer[s]);
          if (d == routing::kUnreachable) continue;
          const double reduced = d + supply_price_[s] + y_[st.seller_holding[s]] - y_[st.buyer_holding[s]];
          if (reduced < -eps) found[s] = ws.search.path_lanes(st.buyer[s]);
        }
      }
    });
    std::vector<std::vector<std::uint32_t>> by_supply(st.size());
    for (std::uint32_t k = 0; k < columns_.size(); ++k) by_supply[columns_[k].supply].push_back(k);
    std::size_t added = 0;
    for (SupplyId s = 0; s < st.size(); ++s) {
      if (found[s].empty()) continue;
      bool known = false;
      for (std::uint32_t k : by_supply[s]) known = known || columns_[k].lanes == found[s];
      if (known) continue;  // solver noise: the route is in the LP already
      double cost = 0;
      for (LaneId l : found[s]) cost += in_.lane_cost[l];
      add_route(s, std::move(found[s]), cost);
      ++added;
    }
    return added;
  }

  const model::Chain& c_;
  const PlanInputs& in_;
  const std::vector<std::uint8_t>* inert_;
  Lp lp_;
  std::vector<Lp::Row> balance_;
  std::vector<Lp::Row> lane_row_;
  std::vector<std::vector<std::uint32_t>> lane_columns_;
  std::vector<Lp::Row> supply_row_;
  std::vector<Lp::Col> make_col_;
  std::vector<Lp::Col> unmet_col_;
  std::vector<Lp::Col> route_col_;
  std::vector<Column> columns_;
  std::vector<double> y_, lane_price_, supply_price_;
  bool any_lane_price_ = false;
};

}  // namespace

RawPlan solve_by_lp(const model::Chain& c, const PlanInputs& in, std::uint32_t max_rounds) {
  PlanLp lp(c, in);
  return lp.solve(max_rounds);
}

RawPlan solve_normal_by_lp(const model::Chain& c, const PlanInputs& in, const std::vector<std::uint8_t>& inert,
                           std::uint32_t max_rounds, std::uint32_t& solves) {
  PlanLp lp(c, in, &inert);
  return lp.solve_normal(max_rounds, solves);
}

}  // namespace chainnet::flow::detail
