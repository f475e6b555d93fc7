// The weak-links report: every section as columns and rows (the writers' own table model, so
// Python sees exactly what the JSON says); the Python layer makes DataFrames of them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/error.hpp"
#include "chainnet/io/criticality_report.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/resolve.hpp"
#include "chainnet/weak/criticality.hpp"

namespace py = pybind11;

namespace chainnet::python {
namespace {

model::SiteId site_or_none(const model::Chain& c, const py::object& id, const char* what) {
  if (id.is_none()) return model::kInvalidId;
  const auto text = py::str(id).cast<std::string>();
  const model::NodeId n = routing::resolve_node(c, text);
  if (c.is_hub(n)) throw InvalidInput(std::string(what) + " '" + text + "' is a hub, not a site");
  return n;
}

}  // namespace

void bind_criticality(py::module_& m) {
  m.def("_criticality", [](const PyChain& pc, const py::object& master, const py::object& market,
                           const std::string& method, bool count_stock, bool regions, const py::object& lanes,
                           std::uint32_t samples, std::uint32_t orders, std::uint32_t points,
                           const py::object& seed, int threads, bool include_markets) {
    const model::Chain& c = pc.chain;
    weak::CriticalityOptions o;
    o.include_markets = include_markets;
    o.master = site_or_none(c, master, "master");
    o.market = site_or_none(c, market, "market");
    o.structural.count_stock = count_stock;
    o.single_points.method = weak::parse_spof_method(method);
    o.single_points.regions = regions;
    if (!lanes.is_none()) o.bottlenecks.lanes = lanes.cast<bool>() ? weak::LaneUse::on : weak::LaneUse::off;
    const std::uint64_t s = seed.is_none() ? c.settings().seed : seed.cast<std::uint64_t>();
    o.betweenness.samples = samples;
    o.betweenness.seed = s;
    if (orders == 0) throw InvalidInput("orders must be at least 1");
    if (points < 2) throw InvalidInput("points must be at least 2");
    o.robustness.orders = orders;
    o.robustness.points = points;
    o.robustness.seed = s;
    weak::CriticalityReport r;
    std::vector<io::ReportTable> tables;
    {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      r = weak::criticality(c, o);
      tables = io::criticality_tables(c, r);
    }
    py::dict d;
    d["method"] = std::string(weak::to_string(r.single_points.method));
    d["count_stock"] = r.structural.count_stock;
    if (r.deep_tier) {
      py::dict mst;
      mst["site"] = std::string(c.site_id(r.deep_tier->master));
      py::list all;
      for (model::SiteId x : r.deep_tier->masters) all.append(std::string(c.site_id(x)));
      mst["sites"] = all;
      mst["input_value"] = r.deep_tier->master_input_value;
      mst["tier1_suppliers"] = r.deep_tier->tier1_suppliers;
      mst["tiers_truncated"] = r.deep_tier->tiers_truncated;
      d["master"] = mst;
    } else {
      d["master"] = py::none();
    }
    d["bottleneck_lanes"] = r.bottleneck_lanes;
    d["betweenness_exact"] = r.betweenness.exact;
    d["betweenness_sources"] = r.betweenness.sources;
    d["robustness_orders"] = r.robustness.orders;
    py::dict sections;
    for (const io::ReportTable& t : tables) {
      py::list rows;
      for (const auto& row : t.rows) {
        py::list out;
        for (const io::ReportCell& x : row) {
          switch (x.kind) {
            case io::ReportCell::Kind::text: out.append(x.text); break;
            case io::ReportCell::Kind::number: out.append(x.number); break;
            case io::ReportCell::Kind::boolean: out.append(x.flag); break;
            case io::ReportCell::Kind::none: out.append(py::none()); break;
            case io::ReportCell::Kind::raw: out.append(py::bytes(x.json)); break;  // JSON, decoded in Python
          }
        }
        rows.append(out);
      }
      py::dict sec;
      sec["columns"] = t.columns;
      sec["rows"] = rows;
      sections[py::str(t.key)] = sec;
    }
    d["sections"] = sections;
    return d;
  });
}

}  // namespace chainnet::python
