// The written form of a variant's changes (docs/scenario-format.md, "Variants"): which tables
// and columns a change may name, and parsing one change from its YAML map. Shared by the
// scenario loader (which checks changes as it reads them) and the variant applier.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chainnet::variant {

enum class Action { add, remove, set, scale };
std::string_view to_string(Action a);

/// A table a change may name. Text tables are the CSV tables of write_scenario; `disruptions`
/// and `settings` live in the YAML.
struct TableDef {
  std::string_view name;
  bool yaml = false;                           ///< disruptions, settings
  std::vector<std::string_view> columns;       ///< columns that `set` may write and `where` match
  std::vector<std::string_view> numeric;       ///< columns `scale` may multiply
  std::vector<std::string_view> derived;       ///< extra columns `where` may match (read from sites)
  std::vector<std::string_view> add_nested;    ///< keys an added row may carry in the table's YAML form
  std::vector<std::string_view> protected_;    ///< columns `set` may not write (ids)
};

/// The definition of table `name`, or nullptr.
const TableDef* find_table(std::string_view name);
/// Every table name, in the order of the scenario format.
std::span<const std::string_view> table_names();

/// A problem found in a change; `mark` is where (line/column -1 when unknown: a CSV item).
struct Issue {
  YAML::Mark mark;
  std::string message;
  bool warning = false;
};

/// One `where` condition: a column and the values any of which it may equal.
struct Condition {
  std::string column;
  std::vector<std::string> values;
  YAML::Mark mark;
};

/// A change, parsed.
struct Change {
  const TableDef* table = nullptr;
  Action action = Action::set;
  bool has_where = false;
  std::vector<Condition> where;      ///< all must hold; empty with has_where: every row
  YAML::Node values;                 ///< set: column -> value
  std::string column;                ///< scale
  double factor = 1.0;               ///< scale
  YAML::Node rows;                   ///< add: a list of rows in the table's YAML form
  YAML::Mark mark;                   ///< the change itself
};

/// Parses change map `n`, appending what is wrong to `issues`; nullopt when it cannot be used.
/// Checks the keys, the table, the action and its arguments, and the column names (with
/// suggestions), not the rows' contents (the loader checks those when the variant is applied).
std::optional<Change> parse_change(const YAML::Node& n, std::vector<Issue>& issues);

/// `n` as one line of YAML in flow style (how a ChangeSpec keeps it).
std::string to_flow(const YAML::Node& n);

/// True when a cell of `column` holding `cell` matches the wanted value `want`: region columns
/// (`region`, `*_region`) match the region itself and every region inside it (a value ending
/// in `-` matches by prefix); `tags` matches one of the `;`-separated tags; other columns match
/// equal text or equal numbers.
bool matches(std::string_view column, std::string_view cell, std::string_view want);

}  // namespace chainnet::variant
