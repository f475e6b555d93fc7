// Writing a chain back out as a scenario: scenario.yaml with CSV tables beside it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "chainnet/io/scenario.hpp"
#include "chainnet/model/chain.hpp"

namespace chainnet::io {

/// Writes `chain` into folder `dir` as `scenario.yaml` (header, settings, disruptions, Monte
/// Carlo inline) plus the tables products.csv, bom.csv, sites.csv, hubs.csv, capacities.csv,
/// recipes.csv (only when some site has its own recipe), stocks.csv, demands.csv, supplies.csv
/// and lanes.csv. Numbers are written in their shortest exact form, so loading the folder gives
/// an equal chain. Files are streamed through temporaries and renamed only when all are complete.
/// `variants:` is written too unless `with_variants` is false (a materialised variant is a plain
/// scenario). Returns the paths written. Throws IoError. Complexity: linear in the chain's size.
std::vector<std::string> write_scenario(const model::Chain& chain, const std::string& dir,
                                        bool with_variants = true);

/// The tables write_scenario writes, as text tables in memory keyed by scenario key (products,
/// bom, sites, hubs, capacities, recipes when some site has its own recipe, stocks, demands,
/// supplies, lanes), cell for cell as in the CSV files. Each table is named `KEY.csv`.
/// Complexity: linear in the chain's size.
std::map<std::string, TextTable> scenario_tables(const model::Chain& chain);

/// The scenario.yaml text write_scenario writes: header, settings, `KEY: {csv: KEY.csv}` for each
/// of `csv_tables`, disruptions, Monte Carlo, analyses, and variants when `with_variants`.
std::string scenario_yaml(const model::Chain& chain, const std::vector<std::string>& csv_tables,
                          bool with_variants);

}  // namespace chainnet::io

namespace chainnet::io {

/// The scenario key `key` (settings, disruptions, montecarlo, variants, analyses, units) of
/// `chain` as JSON, in the form the scenario format writes it (numbers as numbers; null when the
/// chain has none). Throws InvalidInput for another key.
std::string scenario_json(const model::Chain& chain, std::string_view key);

}  // namespace chainnet::io
