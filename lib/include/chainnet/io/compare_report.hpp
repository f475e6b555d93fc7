// Writing a comparison (JSON, tidy CSV tables, a readable text table) and a diff of two chains.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/compare/compare.hpp"
#include "chainnet/io/json_writer.hpp"

namespace chainnet::io {

/// The fields "tables" (per table: added, removed, changed) and "rows" (table, key, change,
/// cells: column, before, after) of a diff, inside the object being written.
void write_chain_diff_fields(JsonWriter& w, const variant::ChainDiff& d);

/// A diff as text: counts per table, then each row (+ added, - removed, ~ changed).
std::string format_chain_diff_text(const variant::ChainDiff& d, const std::string& before, const std::string& after);

/// {"baseline": NAME, "variants": [NAMES], "analyses": [...], "kpis": [{kpi, analysis, unit,
///  lower_is_better, values: {NAME: value}, deltas: {NAME: value - baseline}}],
///  "diffs": {NAME: {tables, flows, flows_moved, spofs, sites, montecarlo}}}. Non-finite
/// numbers are null (min_tts is +inf when no site is needed).
void write_compare_json(JsonWriter& w, const compare::Comparison& c);

/// The KPI table (rows: KPIs; columns: baseline, then each variant with its difference) and the
/// largest entity changes per variant, `top` of each kind.
std::string format_compare_text(const compare::Comparison& c, std::size_t top = 5);

/// compare_kpis.csv (tidy: variant, kpi, analysis, value, delta, unit), compare_flows.csv,
/// compare_spofs.csv, compare_sites.csv, compare_rows.csv (table rows added, removed, changed)
/// and compare_montecarlo.csv (the paired and unpaired intervals).
/// `chains` (as given to compare::compare, the baseline first) put lat and lon in
/// compare_sites.csv: the site's coordinates in its variant, else in the baseline.
std::vector<std::pair<std::string, std::string>> compare_csv(const compare::Comparison& c,
                                                             const std::vector<const model::Chain*>& chains = {});

}  // namespace chainnet::io
