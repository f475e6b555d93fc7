// Reading scenarios: YAML files with inline lists or CSV tables, or tables handed over from
// Python (pandas DataFrames). The format is docs/scenario-format.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "chainnet/error.hpp"
#include "chainnet/model/chain.hpp"

namespace chainnet::io {

/// A loaded, validated chain and the warnings found on the way (errors throw).
struct LoadResult {
  model::Chain chain;
  std::vector<Diagnostic> warnings;
};

/// Loads the scenario at `path` (YAML; CSV tables relative to its folder).
/// Every problem is collected before failing: throws ScenarioError carrying all errors (and the
/// warnings), sorted by file, line and column; at most 1,000 are kept, with a last line saying how
/// many more there were. Throws IoError when the YAML file itself cannot be read (a CSV file that
/// cannot be read is a scenario error at the key that names it).
/// Complexity: linear in the size of the files; CSV tables are streamed in blocks.
LoadResult load_scenario(const std::string& path);

/// The same from YAML text; `display_name` names it in diagnostics and `base_dir` resolves the
/// relative paths of CSV tables.
LoadResult load_scenario_text(const std::string& yaml, const std::string& display_name,
                              const std::string& base_dir);

/// A table of text cells, column by column (cells[c][r]); empty text is a missing value.
/// Diagnostics name it `name` and count rows as a CSV file would (the header is line 1, so row r
/// is line r + 2) and columns from 1.
struct TextTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> cells;
};

/// Loads a scenario whose tables come as TextTables keyed by scenario key (`products`, `sites`,
/// `hubs`, `supplies`, `lanes`, `bom`, `capacities`, `stocks`, `demands`, `recipes`), with the
/// other keys (settings, disruptions, ...) in `yaml` (JSON text works: it is YAML). A key given
/// as a table must not also appear in `yaml`. Same validation and errors as load_scenario.
LoadResult load_tables(const std::string& yaml, const std::map<std::string, TextTable>& tables);

}  // namespace chainnet::io
