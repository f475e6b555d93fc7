// Flow plans: the plan as columns; the Python layer makes DataFrames of them.
#include <pybind11/pybind11.h>
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
                         int threads) {
    const model::Chain& c = pc.chain;
    flow::PlanOptions o;
    o.method = flow::parse_plan_method(method);
    o.penalty_factor = penalty_factor;
    o.carbon_price = carbon_price;
    flow::FlowPlan p;
    {
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
