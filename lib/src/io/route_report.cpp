#include "chainnet/io/route_report.hpp"

#include <cmath>
#include <cstdio>

#include "chainnet/io/files.hpp"

namespace chainnet::io {

void write_routes_json(JsonWriter& w, const model::Chain& c, routing::Metric by, const routing::RouteResult& r) {
  w.begin_object();
  w.field("status", routing::to_string(r.status));
  w.field("by", routing::to_string(by));
  w.field("k", r.requested).field("found", static_cast<std::uint64_t>(r.paths.size()));
  w.key("paths").begin_array();
  for (const routing::Path& p : r.paths) {
    w.begin_object();
    w.key("nodes").begin_array();
    for (auto n : p.nodes) w.value(c.node_ids().name(n));
    w.end_array();
    w.key("lanes").begin_array();
    for (auto l : p.lanes) {
      w.begin_object();
      w.field("from", c.node_ids().name(c.lanes().from[l]));
      w.field("to", c.node_ids().name(c.lanes().to[l]));
      w.field("mode", model::to_string(c.lanes().mode[l]));
      w.field("lane", static_cast<std::uint64_t>(l));  // position in the scenario's lanes (parallel lanes differ here)
      w.end_object();
    }
    w.end_array();
    w.field("cost", p.cost).field("time_h", p.time_h).field("distance_km", p.distance_km);
    w.field("co2", p.co2).field("generalized", p.generalized).field("weight", p.weight);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string format_routes_text(const model::Chain& c, routing::Metric by, const routing::RouteResult& r) {
  if (r.status != routing::RouteStatus::ok)
    return std::string(r.status == routing::RouteStatus::no_route ? "no route\n" : "no route found within the label limit\n");
  std::string o;
  char buf[256];
  for (std::size_t i = 0; i < r.paths.size(); ++i) {
    const routing::Path& p = r.paths[i];
    std::snprintf(buf, sizeof buf, "#%zu  %s %.6g | cost %.6g %s, %.6g h, %.6g km, %.6g kg CO2, generalized %.6g\n",
                  i + 1, std::string(routing::to_string(by)).c_str(), p.weight, p.cost, c.units().currency.c_str(),
                  p.time_h, p.distance_km, p.co2, p.generalized);
    o += buf;
    o += "    " + std::string(c.node_ids().name(p.nodes[0]));
    for (std::size_t k = 0; k < p.lanes.size(); ++k)
      o += " -" + std::string(model::to_string(c.lanes().mode[p.lanes[k]])) + "-> " +
           std::string(c.node_ids().name(p.nodes[k + 1]));
    o += "\n";
  }
  if (r.paths.size() < r.requested)
    o += "only " + std::to_string(r.paths.size()) + " of the " + std::to_string(r.requested) + " routes asked for exist\n";
  return o;
}

std::string format_matrix_csv(const model::Chain& c, const routing::DistanceMatrix& m) {
  std::string o = "source";
  for (auto t : m.targets) {
    o += ',';
    append_csv_field(o, c.node_ids().name(t));
  }
  o += '\n';
  for (std::size_t i = 0; i < m.sources.size(); ++i) {
    append_csv_field(o, c.node_ids().name(m.sources[i]));
    for (std::size_t j = 0; j < m.targets.size(); ++j) {
      o += ',';
      const double x = m.values[i * m.targets.size() + j];
      if (std::isfinite(x)) o += format_number(x);
    }
    o += '\n';
  }
  return o;
}

std::string format_matrix_long_csv(const model::Chain& c, const routing::DistanceMatrix& m) {
  std::string o = "source,target,value\n";
  for (std::size_t i = 0; i < m.sources.size(); ++i) {
    std::string source;
    append_csv_field(source, c.node_ids().name(m.sources[i]));
    for (std::size_t j = 0; j < m.targets.size(); ++j) {
      o += source;
      o += ',';
      append_csv_field(o, c.node_ids().name(m.targets[j]));
      o += ',';
      const double x = m.values[i * m.targets.size() + j];
      if (std::isfinite(x)) o += format_number(x);
      o += '\n';
    }
  }
  return o;
}

void write_matrix_json(JsonWriter& w, const model::Chain& c, routing::Metric by, const routing::DistanceMatrix& m) {
  w.begin_object();
  w.field("by", routing::to_string(by));
  w.key("sources").begin_array();
  for (auto s : m.sources) w.value(c.node_ids().name(s));
  w.end_array();
  w.key("targets").begin_array();
  for (auto t : m.targets) w.value(c.node_ids().name(t));
  w.end_array();
  w.key("values").begin_array();
  for (std::size_t i = 0; i < m.sources.size(); ++i) {
    w.begin_array();
    for (std::size_t j = 0; j < m.targets.size(); ++j) w.value(m.values[i * m.targets.size() + j]);
    w.end_array();
  }
  w.end_array();
  w.end_object();
}

}  // namespace chainnet::io
