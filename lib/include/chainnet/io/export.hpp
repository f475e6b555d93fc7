// The chain in formats other tools read: GeoJSON (kepler.gl, QGIS, geopandas), GraphML (networkx,
// igraph, Gephi, yEd), GEXF (Gephi) and DOT (graphviz). Sites and hubs are nodes; supplies and
// lanes are edges; every attribute of the scenario is a property, and results of analyses can
// be joined in (docs/outputs.md, "export").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/model/chain.hpp"
#include "chainnet/stress/survival.hpp"

namespace chainnet::io {

enum class ExportFormat { geojson, graphml, gexf, dot };
std::string_view to_string(ExportFormat f);
std::optional<ExportFormat> parse_export_format(std::string_view text);

/// Results joined into the export as properties; absent ones are left out.
struct ExportJoins {
  std::optional<flow::NormalPlan> flow;      ///< supplies' planned flow, sites' throughput
  std::optional<stress::Survival> survival;  ///< sites' tts, ttr, performance impact, at risk
};

/// Runs the analyses named in `names` ("flow", "survival"; empty: none) for the export.
/// Throws InvalidInput for an unknown name (with the known ones).
ExportJoins export_joins(const model::Chain& chain, const std::vector<std::string>& names);

/// The chain in `format`, as text. GeoJSON (RFC 7946): a FeatureCollection of sites and hubs as
/// Points ([lon, lat]; a null geometry when a site has no coordinates), then supplies and lanes
/// as LineStrings between their ends (null when an end has none). GraphML / GEXF: a directed
/// multigraph, typed attributes declared, missing values left out. DOT: a digraph, every name
/// quoted and escaped. Edges: supplies first (in supply order), then lanes. O(sites + supplies
/// + lanes). Measured (bench/run_export.sh, 2 threads): GeoJSON of 1,000,000 sites (7.6 M features) in
/// about 4.5 s through export_chain_to_file.
std::string export_chain(const model::Chain& chain, ExportFormat format, const ExportJoins& joins = {});

/// The same written to `path` through a temporary renamed into place (whole or not at all;
/// folders created). GeoJSON is streamed: chunks formatted in parallel and written in order, so
/// memory stays at a few chunks. Throws IoError when the file cannot be written.
void export_chain_to_file(const model::Chain& chain, ExportFormat format, const ExportJoins& joins,
                          const std::string& path);

}  // namespace chainnet::io
