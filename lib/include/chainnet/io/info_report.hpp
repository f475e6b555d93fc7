// Writers of the `info` analysis: JSON, a human-readable table, and a per-site tier table.
#pragma once

#include <string>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/chain.hpp"
#include "chainnet/model/summary.hpp"

namespace chainnet::io {

/// Writes the summary as one JSON object. Keys: name, products, raw_materials, sites, hubs,
/// supplies, lanes, regions, firms, production_lines, markets, single_sourced, sites_by_kind,
/// lanes_by_mode, max_tier, sites_by_tier, untiered_sites, chain_masters, max_master_tier,
/// sites_by_master_tier, bom_depth, demand_per_period, demand_value_per_period, units.
void write_info_json(JsonWriter& w, const model::Chain& chain, const model::ChainSummary& s);

/// The same as text for a terminal.
std::string format_info_text(const model::Chain& chain, const model::ChainSummary& s);

/// CSV: site, kind, region, tier (from markets), master_tier (empty when none or not upstream).
std::string format_tiers_csv(const model::Chain& chain, const model::ChainSummary& s);

}  // namespace chainnet::io
