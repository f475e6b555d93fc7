#include "chainnet/weak/flow_bottlenecks.hpp"

#include <lemon/preflow.h>
#include <lemon/smart_graph.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "chainnet/model/csr.hpp"
#include "flow/plan_parts.hpp"

namespace chainnet::weak {
namespace {

using model::HoldingId;
using model::kInvalidId;
using model::ProductId;

}  // namespace

std::string_view to_string(CutArc::Kind k) {
  switch (k) {
    case CutArc::Kind::production: return "production";
    case CutArc::Kind::supply: return "supply";
    case CutArc::Kind::demand: return "demand";
  }
  return "?";
}

bool bottlenecks_use_lanes(const model::Chain& c, const FlowBottleneckOptions& options) {
  if (options.lanes != LaneUse::automatic) return options.lanes == LaneUse::on;
  const auto& lt = c.lanes();
  bool limited = false;
  for (double x : lt.capacity) limited |= std::isfinite(x);
  if (!limited) return false;
  double sellers = 0;
  for (model::SiteId s = 0; s < c.num_sites(); ++s) sellers += c.sites().supplies_out.degree(s) > 0;
  return sellers * c.num_nodes() <= kAutoLaneWork;
}

std::vector<ProductBottleneck> flow_bottlenecks(const model::Chain& c, const FlowBottleneckOptions& options) {
  const auto& ht = c.holdings();
  const auto& mt = c.makes();
  const auto& sp = c.supplies();
  const auto& lt = c.lanes();
  const std::uint32_t P = c.products().size();
  const model::Csr holdings_of = model::csr_from_rows(P, ht.product);
  const model::Csr supplies_of = model::csr_from_rows(P, sp.product);
  const model::Csr makes_of = model::csr_from_rows(P, mt.product);

  // Each supply's cap from its route: the tightest lane of its cheapest route, when tighter.
  std::vector<double> supply_cap(sp.capacity.begin(), sp.capacity.end());
  std::vector<model::LaneId> binding_lane(sp.size(), kInvalidId);
  if (lt.size() > 0 && bottlenecks_use_lanes(c, options)) {
    const flow::detail::PlanInputs in = flow::detail::prepare_inputs(c, c.settings().carbon_price, 1.0);
    for (model::SupplyId e = 0; e < sp.size(); ++e) {
      if (!in.routed[e]) continue;
      for (std::uint32_t j = in.route_first[e]; j < in.route_first[e + 1]; ++j) {
        const model::LaneId l = in.route_lanes[j];
        if (lt.capacity[l] < supply_cap[e]) {
          supply_cap[e] = lt.capacity[l];
          binding_lane[e] = l;
        }
      }
    }
  }

  std::vector<ProductId> with_demand;
  std::vector<double> demand(P, 0.0);
  for (HoldingId h = 0; h < ht.size(); ++h) demand[ht.product[h]] += ht.demand[h];
  for (ProductId p = 0; p < P; ++p)
    if (demand[p] > 0) with_demand.push_back(p);
  std::vector<ProductBottleneck> out(with_demand.size());

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, with_demand.size(), 1), [&](const auto& range) {
    std::vector<std::uint32_t> local(ht.size());
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const ProductId p = with_demand[i];
      // unlimited stands for more than the total demand: no more can ever reach the sink, and no
      // minimum cut holds an unlimited arc (the demand arcs alone cut less)
      const double big = 2 * demand[p] + 1;
      auto cap_of = [&](double x) { return std::isfinite(x) ? x : big; };
      lemon::SmartDigraph g;
      lemon::SmartDigraph::ArcMap<double> cap(g);
      std::vector<CutArc> arc_info;
      const auto hs = holdings_of[p];
      g.reserveNode(static_cast<int>(hs.size()) + 2);
      for (std::size_t k = 0; k < hs.size(); ++k) {
        local[hs[k]] = static_cast<std::uint32_t>(k);
        g.addNode();
      }
      const auto source = g.addNode(), sink = g.addNode();
      auto node = [&](HoldingId h) { return g.nodeFromId(static_cast<int>(local[h])); };
      auto add = [&](lemon::SmartDigraph::Node u, lemon::SmartDigraph::Node v, CutArc info) {
        const auto a = g.addArc(u, v);
        cap.set(a, cap_of(info.capacity));
        arc_info.push_back(info);
      };
      for (model::MakeId m : makes_of[p])
        if (mt.capacity[m] > 0) add(source, node(mt.holding[m]), {CutArc::Kind::production, m, mt.capacity[m]});
      for (model::SupplyId e : supplies_of[p])
        if (supply_cap[e] > 0)
          add(node(sp.seller_holding[e]), node(sp.buyer_holding[e]),
              {CutArc::Kind::supply, e, supply_cap[e], binding_lane[e]});
      for (HoldingId h : hs)
        if (ht.demand[h] > 0) add(node(h), sink, {CutArc::Kind::demand, h, ht.demand[h]});
      lemon::Preflow<lemon::SmartDigraph, lemon::SmartDigraph::ArcMap<double>> pf(g, cap, source, sink);
      pf.runMinCut();
      ProductBottleneck& b = out[i];
      b.product = p;
      b.demand = demand[p];
      b.max_flow = pf.flowValue();
      for (lemon::SmartDigraph::ArcIt a(g); a != lemon::INVALID; ++a)
        if (pf.minCut(g.source(a)) && !pf.minCut(g.target(a))) b.cut.push_back(arc_info[static_cast<std::size_t>(g.id(a))]);
      std::sort(b.cut.begin(), b.cut.end(), [](const CutArc& x, const CutArc& y) {
        return std::tie(x.kind, x.id) < std::tie(y.kind, y.id);
      });
    }
  });
  return out;
}

}  // namespace chainnet::weak
