// Writing a chain back out as a scenario: scenario.yaml with CSV tables beside it.
#pragma once

#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::io {

/// Writes `chain` into folder `dir` as `scenario.yaml` (header, settings, disruptions, Monte
/// Carlo inline) plus the tables products.csv, bom.csv, sites.csv, hubs.csv, capacities.csv,
/// recipes.csv (only when some site has its own recipe), stocks.csv, demands.csv, supplies.csv
/// and lanes.csv. Numbers are written in their shortest exact form, so loading the folder gives
/// an equal chain. Files are streamed through temporaries and renamed only when all are complete.
/// Returns the paths written. Throws IoError. Complexity: linear in the chain's size.
std::vector<std::string> write_scenario(const model::Chain& chain, const std::string& dir);

}  // namespace chainnet::io
