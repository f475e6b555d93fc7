// GeoJSON (RFC 7946): one FeatureCollection, a feature per line.
#include <charconv>
#include <cmath>

#include "chainnet/io/export.hpp"
#include "chainnet/io/json_writer.hpp"
#include "io/export_attributes.hpp"

namespace chainnet::io {
namespace {

void num(std::string& o, double x) {
  if (!std::isfinite(x)) {
    o += "null";
    return;
  }
  if (x == 0) x = 0;  // no "-0"
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  o.append(buf, r.ptr);
}

void properties(std::string& o, const std::vector<AttrSpec>& specs, const std::vector<AttrValue>& values) {
  o += "\"properties\":{";
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (i) o += ',';
    append_json_string(o, specs[i].name);
    o += ':';
    const AttrValue& v = values[i];
    if (!v.present) o += "null";
    else if (specs[i].type == AttrType::text) append_json_string(o, v.text);
    else if (specs[i].type == AttrType::boolean) o += v.number != 0 ? "true" : "false";
    else num(o, v.number);
  }
  o += '}';
}

// Coordinates of a node: [lon, lat], or false when it has none.
bool position(const model::Chain& c, model::NodeId n, double& lon, double& lat) {
  if (c.is_hub(n)) {
    const std::uint32_t h = n - c.num_sites();
    lon = c.hubs().lon[h], lat = c.hubs().lat[h];
  } else {
    lon = c.sites().lon[n], lat = c.sites().lat[n];
  }
  return std::isfinite(lon) && std::isfinite(lat);
}

}  // namespace

std::string export_geojson(const model::Chain& chain, const ExportJoins& joins) {
  const auto nspec = node_attributes(joins);
  const auto espec = edge_attributes(joins);
  const NodeJoins nj = node_joins(chain, joins);
  std::string o;
  o.reserve(static_cast<std::size_t>(chain.num_nodes()) * 260 + edge_count(chain) * 300 + 64);
  o += "{\"type\":\"FeatureCollection\",\"features\":[";
  std::vector<AttrValue> values;
  bool first = true;
  auto start = [&] {
    o += first ? "\n" : ",\n";
    first = false;
    o += "{\"type\":\"Feature\",\"geometry\":";
  };
  for (model::NodeId n = 0; n < chain.num_nodes(); ++n) {
    start();
    double lon, lat;
    if (position(chain, n, lon, lat)) {
      o += "{\"type\":\"Point\",\"coordinates\":[";
      num(o, lon);
      o += ',';
      num(o, lat);
      o += "]}";
    } else {
      o += "null";
    }
    o += ',';
    node_values(chain, n, joins, nj, values);
    properties(o, nspec, values);
    o += '}';
  }
  for (std::size_t e = 0; e < edge_count(chain); ++e) {
    start();
    const auto [a, b] = edge_ends(chain, e);
    double lon1, lat1, lon2, lat2;
    if (position(chain, a, lon1, lat1) && position(chain, b, lon2, lat2)) {
      o += "{\"type\":\"LineString\",\"coordinates\":[[";
      num(o, lon1);
      o += ',';
      num(o, lat1);
      o += "],[";
      num(o, lon2);
      o += ',';
      num(o, lat2);
      o += "]]}";
    } else {
      o += "null";
    }
    o += ',';
    edge_values(chain, e, joins, values);
    properties(o, espec, values);
    o += '}';
  }
  o += "\n]}\n";
  return o;
}

}  // namespace chainnet::io
