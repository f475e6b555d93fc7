// Routes and distance matrices.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/resolve.hpp"
#include "chainnet/routing/routes.hpp"

namespace py = pybind11;

namespace chainnet::python {

void bind_routing(py::module_& m) {
  m.def("_route", [](const PyChain& pc, const std::string& a, const std::string& b, const std::string& by,
                     std::uint32_t k, std::optional<double> max_time, const std::vector<std::string>& avoid,
                     double carbon_price, double value_of_time) {
    const model::Chain& c = pc.chain;
    routing::RouteQuery q;
    q.from = routing::resolve_node(c, a);
    q.to = routing::resolve_node(c, b);
    q.metric = routing::resolve_metric(by);
    q.prices = routing::prices_of(c, carbon_price, value_of_time);
    if (k == 0) throw InvalidInput("k must be at least 1");
    q.k = k;
    q.max_time_h = max_time;
    q.avoid = routing::resolve_avoid(c, avoid);
    routing::RouteResult r;
    {
      py::gil_scoped_release release;
      const routing::LaneGraph g(c, q.metric, q.prices);
      r = routing::find_routes(c, g, q);
    }
    py::list paths;
    for (const routing::Path& p : r.paths) {
      py::dict d;
      py::list nodes, from, to, mode;
      for (auto n : p.nodes) nodes.append(std::string(c.node_ids().name(n)));
      for (auto l : p.lanes) {
        from.append(std::string(c.node_ids().name(c.lanes().from[l])));
        to.append(std::string(c.node_ids().name(c.lanes().to[l])));
        mode.append(std::string(model::to_string(c.lanes().mode[l])));
      }
      d["nodes"] = nodes;
      d["lane_ids"] = p.lanes;
      d["lane_from"] = from;
      d["lane_to"] = to;
      d["lane_mode"] = mode;
      d["cost"] = p.cost;
      d["time_h"] = p.time_h;
      d["distance_km"] = p.distance_km;
      d["co2"] = p.co2;
      d["generalized"] = p.generalized;
      d["weight"] = p.weight;
      paths.append(d);
    }
    return py::make_tuple(std::string(routing::to_string(r.status)), paths);
  });

  m.def("_distance_matrix", [](const PyChain& pc, const std::vector<std::string>& sources,
                               const std::vector<std::string>& targets, const std::string& by,
                               const std::vector<std::string>& avoid, int threads, double carbon_price,
                               double value_of_time, const std::string& method) {
    const model::Chain& c = pc.chain;
    const auto src = routing::resolve_nodes(c, sources);
    const auto dst = routing::resolve_nodes(c, targets);
    const auto metric = routing::resolve_metric(by);
    const auto prices = routing::prices_of(c, carbon_price, value_of_time);
    const auto av = routing::resolve_avoid(c, avoid);
    const auto how = routing::resolve_matrix_method(method);
    routing::DistanceMatrix dm;
    {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      const routing::LaneGraph g(c, metric, prices);
      dm = routing::distance_matrix(c, g, src, dst, av, how);
    }
    py::array_t<double> values({static_cast<py::ssize_t>(src.size()), static_cast<py::ssize_t>(dst.size())});
    double* out = values.mutable_data();
    for (std::size_t i = 0; i < dm.values.size(); ++i) out[i] = std::isfinite(dm.values[i]) ? dm.values[i] : NAN;
    py::list sn, tn;
    for (auto s : src) sn.append(std::string(c.node_ids().name(s)));
    for (auto t : dst) tn.append(std::string(c.node_ids().name(t)));
    return py::make_tuple(sn, tn, values);
  });
}

}  // namespace chainnet::python
