// Writers of routes and distance matrices: JSON, text, CSV.
#pragma once

#include <string>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/routing/routes.hpp"

namespace chainnet::io {

/// {"status", "by", "paths": [{"nodes", "lanes": [{"from","to","mode"}], "cost", "time_h",
/// "distance_km", "co2", "generalized", "weight"}]}
void write_routes_json(JsonWriter& w, const model::Chain& chain, routing::Metric by, const routing::RouteResult& r);
std::string format_routes_text(const model::Chain& chain, routing::Metric by, const routing::RouteResult& r);

/// CSV: a header `source,<target ids>`, then one row per source; unreachable cells are empty.
std::string format_matrix_csv(const model::Chain& chain, const routing::DistanceMatrix& m);
/// CSV, long form (`matrix --long`): `source,target,value`, one row per pair, sources in order
/// and targets in order within each; unreachable pairs have an empty value.
std::string format_matrix_long_csv(const model::Chain& chain, const routing::DistanceMatrix& m);
/// {"by", "sources", "targets", "values": [[...]]} with null for unreachable.
void write_matrix_json(JsonWriter& w, const model::Chain& chain, routing::Metric by, const routing::DistanceMatrix& m);

}  // namespace chainnet::io
