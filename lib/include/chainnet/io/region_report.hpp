// Writing a regional profile: JSON, CSV tables and a readable text report.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/strengthen/region_profile.hpp"

namespace chainnet::io {

/// {"region", "sites": [ids], "production_value", "import_value", "export_value",
///  "stages": [{level, products, made_here, imported, production_value, import_value, value_share}],
///  "products": [{product, level, makers, makers_here, capacity, capacity_here, capacity_share,
///                production_share, import_value, top_country, top_country_share, hhi_country, hhi_region}],
///  "candidates": [{candidate, product, import_value_removed}]}; non-finite numbers are null.
void write_region_json(JsonWriter& w, const model::Chain& chain, const strengthen::RegionProfile& r);

/// region_stages.csv, region_products.csv (the concentration, "stuck-neck", table) and
/// region_candidates.csv.
std::vector<std::pair<std::string, std::string>> region_csv(const model::Chain& chain, const strengthen::RegionProfile& r);

/// Stages present and imported, the products the region imports most with their concentration,
/// and the candidates that would localise them.
std::string format_region_text(const model::Chain& chain, const strengthen::RegionProfile& r, std::size_t top = 10);

}  // namespace chainnet::io
