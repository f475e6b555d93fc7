// Writers of the survival analysis (time to survive, performance impact): JSON, CSV, text.
#pragma once

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/stress/survival.hpp"

namespace chainnet::io {

/// {"ttr" (the --ttr given, null when each site's own), "baseline_tts" (null: infinite),
///  "max_impact", "at_risk", "lp": {"rows", "columns", "solves", "from_baseline", "iterations"},
///  "sites": [{"site", "tts" (null: infinite), "ttr", "performance_impact", "rei", "at_risk"}]},
/// sites ranked by rei.
void write_survival_json(JsonWriter& w, const model::Chain& chain, const stress::Survival& result,
                         double ttr_given = NAN);
/// survival.csv: site, tts (empty: infinite), ttr, performance_impact, rei, at_risk (0/1).
std::vector<std::pair<std::string, std::string>> survival_csv(const model::Chain& chain, const stress::Survival& result);
std::string format_survival_text(const model::Chain& chain, const stress::Survival& result, std::size_t top = 10);

}  // namespace chainnet::io
