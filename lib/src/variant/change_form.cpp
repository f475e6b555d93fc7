#include "variant/change_form.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "io/text.hpp"

namespace chainnet::variant {
namespace {

using io::did_you_mean;
using io::suggest;

const std::array<TableDef, 12> kTables = {{
    {"products", false, {"id", "name", "value"}, {"value"}, {}, {"inputs"}, {"id"}},
    {"bom", false, {"product", "input", "quantity"}, {"quantity"}, {}, {}, {}},
    {"sites",
     false,
     {"id", "name", "firm", "kind", "region", "lat", "lon", "ttr", "tags"},
     {"lat", "lon", "ttr"},
     {},
     {"location", "makes", "stock", "demand"},
     {"id"}},
    {"hubs", false, {"id", "name", "region", "lat", "lon"}, {"lat", "lon"}, {}, {"location"}, {"id"}},
    {"supplies",
     false,
     {"from", "to", "product", "capacity", "share", "lead_time"},
     {"capacity", "share", "lead_time"},
     {"from_region", "to_region", "from_kind", "to_kind"},
     {},
     {}},
    {"lanes",
     false,
     {"from", "to", "mode", "distance_km", "cost", "time_h", "capacity", "co2"},
     {"distance_km", "cost", "time_h", "capacity", "co2"},
     {"from_region", "to_region"},
     {},
     {}},
    {"capacities",
     false,
     {"site", "product", "capacity", "cost", "co2"},
     {"capacity", "cost", "co2"},
     {"region", "kind", "firm"},
     {"inputs"},
     {}},
    {"recipes", false, {"site", "product", "input", "quantity"}, {"quantity"}, {"region", "kind", "firm"}, {}, {}},
    {"stocks", false, {"site", "product", "quantity"}, {"quantity"}, {"region", "kind", "firm"}, {}, {}},
    {"demands", false, {"site", "product", "quantity"}, {"quantity"}, {"region", "kind", "firm"}, {}, {}},
    {"disruptions",
     true,
     {"id", "name", "sites", "hubs", "region", "lanes", "mode", "product", "from_region", "capacity_loss", "start",
      "duration", "stock"},
     {"capacity_loss", "start", "duration"},
     {},
     {},
     {"id"}},
    {"settings",
     true,
     {"carbon_price", "value_of_time", "horizon", "ttr", "seed", "hours_per_period"},
     {"carbon_price", "value_of_time", "horizon", "ttr", "seed", "hours_per_period"},
     {},
     {},
     {}},
}};

const std::array<std::string_view, 12> kNames = {"products", "bom",         "sites",       "hubs",
                                                 "supplies", "lanes",       "capacities",  "recipes",
                                                 "stocks",   "demands",     "disruptions", "settings"};

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string kind_of(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    default: return "'" + n.Scalar() + "'";
  }
}

bool has(const std::vector<std::string_view>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The columns `where` may name in table t.
std::vector<std::string_view> where_columns(const TableDef& t) {
  std::vector<std::string_view> v = t.columns;
  v.insert(v.end(), t.derived.begin(), t.derived.end());
  return v;
}

}  // namespace

std::string_view to_string(Action a) {
  switch (a) {
    case Action::add: return "add";
    case Action::remove: return "remove";
    case Action::set: return "set";
    case Action::scale: return "scale";
  }
  return "?";
}

const TableDef* find_table(std::string_view name) {
  for (const TableDef& t : kTables)
    if (t.name == name) return &t;
  return nullptr;
}

std::span<const std::string_view> table_names() { return kNames; }

std::optional<Change> parse_change(const YAML::Node& n, std::vector<Issue>& issues) {
  auto error = [&](const YAML::Node& at, std::string msg) { issues.push_back({at.Mark(), std::move(msg), false}); };
  if (!n.IsMap()) {
    error(n, "a change is a map {table, action, ...}, found " + kind_of(n));
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 7> kKeys = {"table", "action", "where", "values", "column", "factor", "rows"};
  Change c;
  c.mark = n.Mark();
  bool ok = true;
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string k = it->first.Scalar();
    if (std::find(kKeys.begin(), kKeys.end(), k) == kKeys.end()) {
      error(it->first, "unknown key " + q(k) + " in a change (expected table, action, where, values, column, factor or rows)" +
                           did_you_mean(suggest(k, kKeys)));
      ok = false;
    }
  }
  const YAML::Node table = n["table"];
  if (!table || !table.IsScalar()) {
    error(table ? table : n, "a change needs 'table': one of " + [] {
      std::string s;
      for (std::string_view t : kNames) s += (s.empty() ? "" : ", ") + std::string(t);
      return s;
    }());
    return std::nullopt;
  }
  c.table = find_table(table.Scalar());
  if (c.table == nullptr) {
    error(table, "unknown table " + q(table.Scalar()) + " in a change" + did_you_mean(suggest(table.Scalar(), kNames)));
    return std::nullopt;
  }
  const TableDef& t = *c.table;
  const YAML::Node action = n["action"];
  static constexpr std::array<std::string_view, 4> kActions = {"add", "remove", "set", "scale"};
  if (!action || !action.IsScalar()) {
    error(action ? action : n, "a change needs 'action': add, remove, set or scale");
    return std::nullopt;
  }
  const std::string a = action.Scalar();
  if (a == "add") c.action = Action::add;
  else if (a == "remove") c.action = Action::remove;
  else if (a == "set") c.action = Action::set;
  else if (a == "scale") c.action = Action::scale;
  else {
    error(action, "unknown action " + q(a) + " (expected add, remove, set or scale)" + did_you_mean(suggest(a, kActions)));
    return std::nullopt;
  }
  // Which keys the action takes.
  const bool settings = t.name == "settings";
  auto allowed = [&](std::string_view key) {
    switch (c.action) {
      case Action::add: return key == "rows";
      case Action::remove: return key == "where";
      case Action::set: return key == "where" || key == "values";
      case Action::scale: return key == "where" || key == "column" || key == "factor";
    }
    return false;
  };
  for (std::string_view key : {"where", "values", "column", "factor", "rows"})
    if (n[std::string(key)] && !allowed(key)) {
      error(n[std::string(key)], "'" + std::string(key) + "' does not go with action " + q(a));
      ok = false;
    }
  if (settings && (c.action == Action::add || c.action == Action::remove)) {
    error(action, "settings are not rows: change them with 'set' or 'scale'");
    return std::nullopt;
  }
  // where
  if (const YAML::Node w = n["where"]; w && allowed("where")) {
    if (settings) {
      error(w, "settings take no 'where'");
      ok = false;
    } else if (!w.IsMap()) {
      error(w, "'where' expects a map {column: value or [values]}, found " + kind_of(w));
      ok = false;
    } else {
      c.has_where = true;
      const auto cols = where_columns(t);
      for (auto it = w.begin(); it != w.end(); ++it) {
        Condition cond;
        cond.column = it->first.Scalar();
        cond.mark = it->first.Mark();
        if (!has(cols, cond.column)) {
          error(it->first, "unknown column " + q(cond.column) + " in 'where' of table " + q(t.name) +
                               did_you_mean(suggest(cond.column, cols)));
          ok = false;
          continue;
        }
        const YAML::Node v = it->second;
        if (v.IsScalar()) {
          cond.values.push_back(v.Scalar());
        } else if (v.IsSequence() && v.size() > 0) {
          for (const YAML::Node& x : v) {
            if (x.IsScalar()) cond.values.push_back(x.Scalar());
            else {
              error(x, "a 'where' value is a single value, found " + kind_of(x));
              ok = false;
            }
          }
        } else {
          error(v, "'where' expects a value or a non-empty list of values for " + q(cond.column) + ", found " + kind_of(v));
          ok = false;
        }
        c.where.push_back(std::move(cond));
      }
    }
  } else if (allowed("where") && !settings) {
    error(n, "action " + q(a) + " needs 'where' (use where: {} for every row)");
    ok = false;
  }
  // values
  if (c.action == Action::set) {
    const YAML::Node v = n["values"];
    if (!v || !v.IsMap() || v.size() == 0) {
      error(v ? v : n, "action 'set' needs 'values': a map {column: new value}");
      ok = false;
    } else {
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string col = it->first.Scalar();
        if (!has(t.columns, col)) {
          error(it->first, "unknown column " + q(col) + " in table " + q(t.name) + did_you_mean(suggest(col, t.columns)));
          ok = false;
        } else if (has(t.protected_, col)) {
          error(it->first, "'set' cannot rename " + q(col) + ": remove the row and add a new one");
          ok = false;
        } else if (!t.yaml && !it->second.IsScalar() && !it->second.IsNull()) {
          error(it->second, "a value of table " + q(t.name) + " is a single value, found " + kind_of(it->second));
          ok = false;
        }
      }
      c.values = v;
    }
  }
  // scale
  if (c.action == Action::scale) {
    const YAML::Node col = n["column"];
    if (!col || !col.IsScalar()) {
      error(col ? col : n, "action 'scale' needs 'column': one of " + [&] {
        std::string s;
        for (std::string_view x : t.numeric) s += (s.empty() ? "" : ", ") + std::string(x);
        return s;
      }());
      ok = false;
    } else if (!has(t.numeric, col.Scalar())) {
      error(col, "column " + q(col.Scalar()) + " of table " + q(t.name) + " cannot be scaled (numbers: " + [&] {
        std::string s;
        for (std::string_view x : t.numeric) s += (s.empty() ? "" : ", ") + std::string(x);
        return s;
      }() + ")" + did_you_mean(suggest(col.Scalar(), t.numeric)));
      ok = false;
    } else {
      c.column = col.Scalar();
    }
    const YAML::Node f = n["factor"];
    const auto v = f && f.IsScalar() ? io::parse_double(f.Scalar()) : std::nullopt;
    if (!v || !std::isfinite(*v) || *v < 0) {
      error(f ? f : n, "action 'scale' needs 'factor': a finite number >= 0");
      ok = false;
    } else {
      c.factor = *v;
    }
  }
  // rows
  if (c.action == Action::add) {
    const YAML::Node r = n["rows"];
    if (!r || !r.IsSequence() || r.size() == 0) {
      error(r ? r : n, "action 'add' needs 'rows': a non-empty list of rows in the table's own form");
      ok = false;
    } else {
      for (const YAML::Node& row : r) {
        if (!row.IsMap()) {
          error(row, "a row to add is a map, found " + kind_of(row));
          ok = false;
          continue;
        }
        std::vector<std::string_view> keys = t.columns;
        keys.insert(keys.end(), t.add_nested.begin(), t.add_nested.end());
        if (!t.yaml)
          for (auto it = row.begin(); it != row.end(); ++it) {
            const std::string k = it->first.Scalar();
            if (!has(keys, k)) {
              error(it->first, "unknown column " + q(k) + " in a row of table " + q(t.name) + did_you_mean(suggest(k, keys)));
              ok = false;
            }
          }
      }
      c.rows = r;
    }
  }
  if (!ok) return std::nullopt;
  return c;
}

std::string to_flow(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

bool matches(std::string_view column, std::string_view cell, std::string_view want) {
  const bool region = column == "region" || (column.size() > 7 && column.substr(column.size() - 7) == "_region");
  if (region) {
    if (!want.empty() && want.back() == '-') return cell.substr(0, want.size()) == want;
    return cell == want || (cell.size() > want.size() && cell.substr(0, want.size()) == want && cell[want.size()] == '-');
  }
  if (column == "tags") {
    while (!cell.empty()) {
      const std::size_t cut = cell.find(';');
      if (io::trim(cell.substr(0, cut)) == want) return true;
      cell = cut == std::string_view::npos ? std::string_view() : cell.substr(cut + 1);
    }
    return false;
  }
  if (cell == want) return true;
  const auto a = io::parse_double(cell), b = io::parse_double(want);
  return a && b && *a == *b;
}

}  // namespace chainnet::variant
