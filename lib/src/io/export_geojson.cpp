// GeoJSON (RFC 7946): one FeatureCollection, a feature per line.
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <mutex>

#include "chainnet/io/export.hpp"
#include "chainnet/io/files.hpp"
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
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 15);  // as format_number
  o.append(buf, r.ptr);
}

// `"name":` of every property, escaped once rather than per feature.
std::vector<std::string> property_keys(const std::vector<AttrSpec>& specs) {
  std::vector<std::string> keys;
  for (const AttrSpec& a : specs) {
    std::string k;
    append_json_string(k, a.name);
    keys.push_back(k + ':');
  }
  return keys;
}

void properties(std::string& o, const std::vector<AttrSpec>& specs, const std::vector<std::string>& keys,
                const std::vector<AttrValue>& values) {
  // A property without a value is left out (a supply has no mode, a lane no product): readers
  // (geopandas, QGIS, kepler.gl) take the union of the keys, and the file is a quarter smaller.
  o += "\"properties\":{";
  bool first = true;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const AttrValue& v = values[i];
    if (!v.present) continue;
    if (!first) o += ',';
    first = false;
    o += keys[i];
    if (specs[i].type == AttrType::text) append_json_string(o, v.text);
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

/// Features [begin, end) of the collection (nodes, then edges), each line led by "\n" or ",\n".
class GeojsonFeatures {
 public:
  GeojsonFeatures(const model::Chain& chain, const ExportJoins& joins)
      : chain_(chain), joins_(joins), nspec_(node_attributes(joins)), espec_(edge_attributes(joins)),
        nkeys_(property_keys(nspec_)), ekeys_(property_keys(espec_)), nj_(node_joins(chain, joins)),
        nodes_(chain.num_nodes()), total_(nodes_ + edge_count(chain)) {}
  [[nodiscard]] std::size_t size() const { return total_; }

  void format(std::size_t begin, std::size_t end, std::string& o) const {
    std::vector<AttrValue> nv, ev;
    for (std::size_t i = begin; i < end; ++i) {
      o += i == 0 ? "\n" : ",\n";
      o += "{\"type\":\"Feature\",\"geometry\":";
      if (i < nodes_) {
        const auto n = static_cast<model::NodeId>(i);
        double lon, lat;
        if (position(chain_, n, lon, lat)) {
          o += "{\"type\":\"Point\",\"coordinates\":[";
          num(o, lon);
          o += ',';
          num(o, lat);
          o += "]}";
        } else {
          o += "null";
        }
        o += ',';
        node_values(chain_, n, joins_, nj_, nv);
        properties(o, nspec_, nkeys_, nv);
      } else {
        const std::size_t e = i - nodes_;
        const auto [a, b] = edge_ends(chain_, e);
        double lon1, lat1, lon2, lat2;
        if (position(chain_, a, lon1, lat1) && position(chain_, b, lon2, lat2)) {
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
        edge_values(chain_, e, joins_, ev);
        properties(o, espec_, ekeys_, ev);
      }
      o += '}';
    }
  }

 private:
  const model::Chain& chain_;
  const ExportJoins& joins_;
  std::vector<AttrSpec> nspec_, espec_;
  std::vector<std::string> nkeys_, ekeys_;
  NodeJoins nj_;
  std::size_t nodes_, total_;
};

constexpr std::string_view kHead = "{\"type\":\"FeatureCollection\",\"features\":[";
constexpr std::string_view kTail = "\n]}\n";
constexpr std::size_t kChunk = 1 << 14;  // features formatted by one task (~5 MB of text)

}  // namespace

std::string export_geojson(const model::Chain& chain, const ExportJoins& joins) {
  const GeojsonFeatures features(chain, joins);
  const std::size_t total = features.size();
  // Chunks formatted in parallel, joined in order: the same text on any thread count.
  std::vector<std::string> parts((total + kChunk - 1) / kChunk);
  tbb::parallel_for(std::size_t{0}, parts.size(), [&](std::size_t k) {
    const std::size_t begin = k * kChunk, end = std::min(total, begin + kChunk);
    parts[k].reserve((end - begin) * 330);
    features.format(begin, end, parts[k]);
  });
  std::size_t size = kHead.size() + kTail.size();
  for (const std::string& p : parts) size += p.size();
  std::string o;
  o.reserve(size);
  o += kHead;
  for (std::string& p : parts) {
    o += p;
    std::string().swap(p);
  }
  o += kTail;
  return o;
}

void write_geojson(const model::Chain& chain, const ExportJoins& joins, AtomicFile& out) {
  const GeojsonFeatures features(chain, joins);
  const std::size_t total = features.size(), chunks = (total + kChunk - 1) / kChunk;
  out.write_through(kHead);
  // A pipeline: chunks formatted in parallel, written in order as they come, the buffers reused;
  // nothing is joined, and memory stays at a few chunks whatever the chain's size.
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<std::string>> pool;
  std::size_t next = 0;
  const std::size_t tokens = 2 * static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency())) + 2;
  struct Piece {
    std::size_t chunk = 0;
    std::unique_ptr<std::string> text;
  };
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                          [&](tbb::flow_control& fc) -> std::size_t {
                                            if (next == chunks) {
                                              fc.stop();
                                              return 0;
                                            }
                                            return next++;
                                          }) &
          tbb::make_filter<std::size_t, Piece*>(tbb::filter_mode::parallel,
                                                [&](std::size_t k) {
                                                  auto* piece = new Piece{k, nullptr};
                                                  {
                                                    std::lock_guard<std::mutex> lock(pool_mutex);
                                                    if (!pool.empty()) {
                                                      piece->text = std::move(pool.back());
                                                      pool.pop_back();
                                                    }
                                                  }
                                                  if (!piece->text) piece->text = std::make_unique<std::string>();
                                                  piece->text->clear();
                                                  const std::size_t begin = k * kChunk, end = std::min(total, begin + kChunk);
                                                  piece->text->reserve((end - begin) * 330);
                                                  features.format(begin, end, *piece->text);
                                                  return piece;
                                                }) &
          tbb::make_filter<Piece*, void>(tbb::filter_mode::serial_in_order, [&](Piece* piece) {
            std::unique_ptr<Piece> owned(piece);
            out.write_through(*owned->text);
            std::lock_guard<std::mutex> lock(pool_mutex);
            pool.push_back(std::move(owned->text));
          }));
  out.write_through(kTail);
}

}  // namespace chainnet::io
