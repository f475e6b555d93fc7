// What differs between two chains, table by table and row by row (chainnet diff, compare).
#pragma once

#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::variant {

/// One row that differs. `key` names the row by its key columns ("id=cell_fujian",
/// "from=a, to=b, product=p"; parallel supplies and lanes get "#2", "#3" in order).
struct RowDiff {
  enum class Kind { added, removed, changed };
  std::string table;
  std::string key;
  Kind kind = Kind::changed;
  struct Cell {
    std::string column, before, after;  ///< empty text: not given
  };
  std::vector<Cell> cells;  ///< changed: the columns that differ; added/removed: every non-empty one
};

/// Counts per table.
struct TableDiff {
  std::string table;
  std::size_t added = 0, removed = 0, changed = 0;
};

struct ChainDiff {
  std::vector<RowDiff> rows;      ///< by table (scenario-format order), then key
  std::vector<TableDiff> tables;  ///< tables with a difference only
  [[nodiscard]] bool empty() const { return rows.empty(); }
};

/// Compares `a` (before) with `b` (after) over the tables of the scenario format: products, bom,
/// sites, hubs, supplies, lanes, capacities, recipes, stocks, demands (cells as write_scenario
/// writes them), disruptions (by id, key by key) and settings. Names and descriptions of the
/// scenarios are not compared. Complexity: O(n log n) in the tables' rows.
ChainDiff diff_chains(const model::Chain& a, const model::Chain& b);

const char* to_string(RowDiff::Kind k);

}  // namespace chainnet::variant
