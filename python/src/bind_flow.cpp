// Flow plans: the plan as columns; the Python layer makes DataFrames of them.
#include <pybind11/pybind11.h>
#include <optional>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/error.hpp"
#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/io/flow_report.hpp"
#include "chainnet/parallel.hpp"

namespace py = pybind11;

namespace chainnet::python {

void bind_flow(py::module_& m) {
  m.def("_flow_plan", [](const PyChain& pc, const std::string& method, double penalty_factor, double carbon_price,
                         int threads, const std::vector<std::string>& disruptions, const std::string& site, double loss,
                         const std::vector<std::string>& avoid) {
    const model::Chain& c = pc.chain;
    flow::PlanOptions o;
    o.method = flow::parse_plan_method(method);
    o.penalty_factor = penalty_factor;
    o.carbon_price = carbon_price;
    std::optional<flow::Replan> rp;
    std::string label;
    flow::FlowPlan p;
    if (!disruptions.empty() || !site.empty() || !avoid.empty()) {
      const flow::ReplanShock shock = flow::replan_shock(c, disruptions, site, loss, avoid, &label);
      {
        py::gil_scoped_release release;
        ThreadLimit limit(threads);
        rp = flow::replan(c, shock, o);
      }
      p = rp->replanned;
    } else {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      p = flow::plan_flows(c, o);
    }
    auto name = [&](model::NodeId n) { return std::string(c.node_ids().name(n)); };
    const auto& st = c.supplies();
    const auto& lt = c.lanes();
    const auto& mk = c.makes();
    const auto& h = c.holdings();
    py::dict d;
    d["status"] = std::string(flow::to_string(p.status));
    d["method"] = std::string(flow::to_string(p.method));
    d["total_cost"] = p.total_cost;
    d["production_cost"] = p.production_cost;
    d["transport_cost"] = p.transport_cost;
    d["carbon_cost"] = p.carbon_cost;
    d["lost_sale_cost"] = p.lost_sale_cost;
    d["co2"] = p.co2_kg;
    d["carbon_price"] = p.carbon_price;
    d["demand"] = p.demand;
    d["served"] = p.served;
    d["unrouted_supplies"] = p.unrouted_supplies;
    d["rounds"] = p.rounds;
    {
      std::vector<std::string> from, to, product;
      std::vector<double> qty, cost, co2;
      py::list paths;
      for (const auto& f : p.flows) {
        from.push_back(name(st.seller[f.supply]));
        to.push_back(name(st.buyer[f.supply]));
        product.emplace_back(c.product_id(st.product[f.supply]));
        qty.push_back(f.quantity);
        cost.push_back(f.unit_transport_cost);
        co2.push_back(f.unit_co2_kg);
        if (f.lanes.empty()) {
          paths.append(py::none());
        } else {
          py::list path;
          path.append(name(lt.from[f.lanes[0]]));
          for (auto l : f.lanes) path.append(name(lt.to[l]));
          paths.append(path);
        }
      }
      py::dict t;
      t["from"] = from;
      t["to"] = to;
      t["product"] = product;
      t["quantity"] = qty;
      t["unit_transport_cost"] = cost;
      t["unit_co2"] = co2;
      t["lane_path"] = paths;
      d["flows"] = t;
    }
    {
      std::vector<std::string> site, product;
      std::vector<double> qty, cap;
      for (const auto& x : p.production) {
        site.push_back(name(mk.site[x.make]));
        product.emplace_back(c.product_id(mk.product[x.make]));
        qty.push_back(x.quantity);
        cap.push_back(mk.capacity[x.make]);
      }
      d["production"] = py::dict(py::arg("site") = site, py::arg("product") = product, py::arg("quantity") = qty,
                                 py::arg("capacity") = cap);
    }
    {
      std::vector<std::string> site, product;
      std::vector<double> qty, dem, pen;
      for (const auto& u : p.unmet) {
        site.push_back(name(h.site[u.holding]));
        product.emplace_back(c.product_id(h.product[u.holding]));
        qty.push_back(u.quantity);
        dem.push_back(u.demand);
        pen.push_back(u.penalty);
      }
      d["unmet"] = py::dict(py::arg("site") = site, py::arg("product") = product, py::arg("quantity") = qty,
                            py::arg("demand") = dem, py::arg("penalty") = pen);
    }
    {
      std::vector<std::string> kind, from, to, site, product, mode;
      std::vector<double> cap, fl, price;
      for (const auto& b : p.bottlenecks) {
        kind.emplace_back(flow::to_string(b.kind));
        io::BottleneckPlace at = io::place_of(c, b);
        from.push_back(std::move(at.from));
        to.push_back(std::move(at.to));
        site.push_back(std::move(at.site));
        product.push_back(std::move(at.product));
        mode.push_back(std::move(at.mode));
        cap.push_back(b.capacity);
        fl.push_back(b.flow);
        price.push_back(b.shadow_price);
      }
      d["bottlenecks"] = py::dict(py::arg("kind") = kind, py::arg("from") = from, py::arg("to") = to,
                                  py::arg("site") = site, py::arg("product") = product, py::arg("mode") = mode,
                                  py::arg("capacity") = cap, py::arg("flow") = fl, py::arg("shadow_price") = price);
    }
    {
      std::vector<std::string> site, product;
      for (model::HoldingId x = 0; x < h.size(); ++x) {
        site.push_back(name(h.site[x]));
        product.emplace_back(c.product_id(h.product[x]));
      }
      d["prices"] = py::dict(py::arg("site") = site, py::arg("product") = product, py::arg("price") = p.holding_price);
    }
    d["closed_supplies"] = p.closed_supplies;
    if (rp) {
      const flow::PlanDelta& dl = rp->delta;
      d["shock"] = label;
      py::dict normal;
      normal["total_cost"] = rp->normal.total_cost;
      normal["production_cost"] = rp->normal.production_cost;
      normal["transport_cost"] = rp->normal.transport_cost;
      normal["carbon_cost"] = rp->normal.carbon_cost;
      normal["lost_sale_cost"] = rp->normal.lost_sale_cost;
      normal["co2"] = rp->normal.co2_kg;
      normal["served"] = rp->normal.served;
      d["normal"] = normal;
      py::dict delta;
      delta["total_cost"] = dl.total_cost;
      delta["production_cost"] = dl.production_cost;
      delta["transport_cost"] = dl.transport_cost;
      delta["carbon_cost"] = dl.carbon_cost;
      delta["lost_sale_cost"] = dl.lost_sale_cost;
      delta["co2"] = dl.co2_kg;
      delta["lost_sales_value"] = dl.lost_sales_value;
      d["delta"] = delta;
      const auto& S = c.supplies();
      const std::size_t n = dl.flows.size();
      std::vector<double> a(n), b(n), ca(n), cb(n);
      std::vector<bool> rr(n);
      for (std::size_t i = 0; i < n; ++i) {
        a[i] = dl.flows[i].normal;
        b[i] = dl.flows[i].replanned;
        rr[i] = dl.flows[i].rerouted;
        ca[i] = dl.flows[i].normal_unit_cost;
        cb[i] = dl.flows[i].replanned_unit_cost;
      }
      d["delta_flows"] = py::dict(
          py::arg("from") = strings(n, [&](std::size_t i) { return c.site_id(S.seller[dl.flows[i].supply]); }),
          py::arg("to") = strings(n, [&](std::size_t i) { return c.site_id(S.buyer[dl.flows[i].supply]); }),
          py::arg("product") = strings(n, [&](std::size_t i) { return c.product_id(S.product[dl.flows[i].supply]); }),
          py::arg("normal") = array(a), py::arg("replanned") = array(b), py::arg("rerouted") = rr,
          py::arg("normal_unit_cost") = array(ca), py::arg("replanned_unit_cost") = array(cb));
    }
    return d;
  });

  // The normal plan: columns in the chain's own order (supplies, lines, demand holdings).
  m.def("_normal_plan", [](const PyChain& pc, const std::string& method) {
    const model::Chain& c = pc.chain;
    flow::NormalPlanOptions o;
    o.method = flow::parse_normal_plan_method(method);
    flow::NormalPlan p;
    {
      py::gil_scoped_release release;
      p = flow::normal_plan(c, o);
    }
    const auto& st = c.supplies();
    const auto& mk = c.makes();
    const auto& h = c.holdings();
    py::dict d;
    d["method"] = std::string(flow::to_string(p.method));
    d["cost"] = p.cost;
    d["demand_value"] = p.demand_value;
    d["lost_value"] = p.lost_value;
    d["given_shares"] = p.given_shares;
    d["honoured_shares"] = p.honoured_shares;
    d["lp_solves"] = p.lp_solves;
    d["warnings"] = flow::normal_plan_warnings(c, p, 1000);
    d["supplies"] = py::dict(
        py::arg("from") = strings(st.size(), [&](std::size_t e) { return c.site_id(st.seller[e]); }),
        py::arg("to") = strings(st.size(), [&](std::size_t e) { return c.site_id(st.buyer[e]); }),
        py::arg("product") = strings(st.size(), [&](std::size_t e) { return c.product_id(st.product[e]); }),
        py::arg("quantity") = array(p.supply), py::arg("inert") = array(p.inert));
    d["production"] = py::dict(
        py::arg("site") = strings(mk.size(), [&](std::size_t m) { return c.site_id(mk.site[m]); }),
        py::arg("product") = strings(mk.size(), [&](std::size_t m) { return c.product_id(mk.product[m]); }),
        py::arg("quantity") = array(p.production));
    std::vector<model::HoldingId> markets;
    for (model::HoldingId x = 0; x < h.size(); ++x)
      if (h.demand[x] > 0) markets.push_back(x);
    std::vector<double> demand, sales;
    for (model::HoldingId x : markets) {
      demand.push_back(h.demand[x]);
      sales.push_back(p.sales[x]);
    }
    d["sales"] = py::dict(
        py::arg("site") = strings(markets.size(), [&](std::size_t i) { return c.site_id(h.site[markets[i]]); }),
        py::arg("product") = strings(markets.size(), [&](std::size_t i) { return c.product_id(h.product[markets[i]]); }),
        py::arg("demand") = array(demand), py::arg("sales") = array(sales));
    return d;
  }, py::arg("chain"), py::arg("method") = "auto");
}

}  // namespace chainnet::python
