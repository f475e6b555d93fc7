// Writers of the weak-links report: JSON, a readable summary, CSV tables (one model of rows
// feeds all three, so they always say the same).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/weak/criticality.hpp"

namespace chainnet::io {

/// One value of a report row.
struct ReportCell {
  enum class Kind : std::uint8_t { text, number, boolean, none, raw } kind = Kind::none;
  std::string text;  ///< text; raw: the CSV form
  double number = 0;
  bool flag = false;
  std::string json;  ///< raw: the JSON form
};

/// A section of the report: `key` in JSON, `file` as CSV.
struct ReportTable {
  std::string key, file;
  std::vector<std::string> columns;
  std::vector<std::vector<ReportCell>> rows;
};

/// The sections, each ranked as the JSON and CSV give them:
/// single_points_of_failure (market, product, site, demand_value),
/// regional_single_points_of_failure (market, product, region, only_as_region),
/// unservable (market, product, demand), site_impact (site, lost_demand_value, lost_demands),
/// single_sourced (buyer, product, supplier, value_at_risk, demands_at_risk),
/// single_region (buyer, product, region, suppliers, value_at_risk),
/// hhi (buyer, product, hhi, suppliers, value_at_risk),
/// deep_tier (site, tiers, lowest_tier, tier1_dependents, master_value_share, hidden),
/// bottlenecks (product, max_flow, demand, unmet, cut),
/// betweenness (site, value[, standard_error]),
/// robustness (removed_fraction, served_fraction_random, served_fraction_random_low,
///             served_fraction_random_high, served_fraction_targeted).
std::vector<ReportTable> criticality_tables(const model::Chain& chain, const weak::CriticalityReport& report);

/// {"method", "count_stock", "master": {"site", "input_value", "tier1_suppliers",
///  "tiers_truncated"} | null, "bottleneck_lanes", "betweenness_exact", "betweenness_sources", "robustness_orders",
///  and every table of criticality_tables as an array of objects under its key}.
void write_criticality_json(JsonWriter& w, const model::Chain& chain, const weak::CriticalityReport& report);

/// The headline counts, then the first `top` rows of each section, hidden deep-tier sites first.
std::string format_criticality_text(const model::Chain& chain, const weak::CriticalityReport& report, std::size_t top = 10);

/// file name -> CSV content, one per table.
std::vector<std::pair<std::string, std::string>> criticality_csv(const model::Chain& chain,
                                                                 const weak::CriticalityReport& report);

}  // namespace chainnet::io
