#include "chainnet/io/export.hpp"

#include <array>

#include "chainnet/error.hpp"
#include "chainnet/io/files.hpp"

namespace chainnet::io {

std::string export_geojson(const model::Chain& chain, const ExportJoins& joins);
std::string export_graphml(const model::Chain& chain, const ExportJoins& joins);
std::string export_gexf(const model::Chain& chain, const ExportJoins& joins);
std::string export_dot(const model::Chain& chain, const ExportJoins& joins);
void write_geojson(const model::Chain& chain, const ExportJoins& joins, AtomicFile& out);

namespace {
constexpr std::array<std::string_view, 4> kFormats = {"geojson", "graphml", "gexf", "dot"};
}

std::string_view to_string(ExportFormat f) { return kFormats[static_cast<int>(f)]; }

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  for (std::size_t i = 0; i < kFormats.size(); ++i)
    if (kFormats[i] == text) return static_cast<ExportFormat>(i);
  return std::nullopt;
}

ExportJoins export_joins(const model::Chain& chain, const std::vector<std::string>& names) {
  ExportJoins j;
  for (const std::string& n : names) {
    if (n == "flow") {
      if (!j.flow) j.flow = flow::normal_plan(chain);
    } else if (n == "survival") {
      if (!j.survival) j.survival = stress::survival(chain);
    } else {
      throw InvalidInput("unknown result to join '" + n + "' (expected flow or survival)");
    }
  }
  return j;
}

std::string export_chain(const model::Chain& chain, ExportFormat format, const ExportJoins& joins) {
  switch (format) {
    case ExportFormat::geojson: return export_geojson(chain, joins);
    case ExportFormat::graphml: return export_graphml(chain, joins);
    case ExportFormat::gexf: return export_gexf(chain, joins);
    case ExportFormat::dot: return export_dot(chain, joins);
  }
  return {};
}

}  // namespace chainnet::io

namespace chainnet::io {

void export_chain_to_file(const model::Chain& chain, ExportFormat format, const ExportJoins& joins,
                          const std::string& path) {
  AtomicFile out(path);
  if (format == ExportFormat::geojson) {
    write_geojson(chain, joins, out);
  } else {
    out.write_through(export_chain(chain, format, joins));
  }
  out.commit();
}

}  // namespace chainnet::io
