// GeoJSON (RFC 7946): one FeatureCollection, a feature per line.
#include <tbb/parallel_for.h>

#include <algorithm>
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
  const std::size_t nodes = chain.num_nodes(), total = nodes + edge_count(chain);
  // Features in chunks formatted in parallel, joined in order: the same text on any thread count.
  constexpr std::size_t kChunk = 1 << 15;
  std::vector<std::string> parts((total + kChunk - 1) / kChunk);
  tbb::parallel_for(std::size_t{0}, parts.size(), [&](std::size_t k) {
    std::string& o = parts[k];
    const std::size_t begin = k * kChunk, end = std::min(total, begin + kChunk);
    o.reserve((end - begin) * 330);
    std::vector<AttrValue> nv, ev;
    for (std::size_t i = begin; i < end; ++i) {
      o += i == 0 ? "\n" : ",\n";
      o += "{\"type\":\"Feature\",\"geometry\":";
      if (i < nodes) {
        const auto n = static_cast<model::NodeId>(i);
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
        node_values(chain, n, joins, nj, nv);
        properties(o, nspec, nv);
      } else {
        const std::size_t e = i - nodes;
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
        edge_values(chain, e, joins, ev);
        properties(o, espec, ev);
      }
      o += '}';
    }
  });
  std::size_t size = 64;
  for (const std::string& p : parts) size += p.size();
  std::string o;
  o.reserve(size);
  o += "{\"type\":\"FeatureCollection\",\"features\":[";
  for (std::string& p : parts) {
    o += p;
    std::string().swap(p);
  }
  o += "\n]}\n";
  return o;
}

}  // namespace chainnet::io
