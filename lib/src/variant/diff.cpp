#include "chainnet/variant/diff.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "chainnet/io/scenario_writer.hpp"
#include "variant/change_form.hpp"

namespace chainnet::variant {
namespace {

// Key columns of each text table; supplies and lanes may repeat a key (parallel contracts and
// lanes), told apart by their order.
std::vector<std::string_view> key_columns(std::string_view table) {
  if (table == "products" || table == "sites" || table == "hubs") return {"id"};
  if (table == "bom") return {"product", "input"};
  if (table == "recipes") return {"site", "product", "input"};
  if (table == "capacities" || table == "stocks" || table == "demands") return {"site", "product"};
  if (table == "supplies") return {"from", "to", "product"};
  if (table == "lanes") return {"from", "to", "mode"};
  return {};
}

using Keyed = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;  // key -> (column, cell)

Keyed keyed(const io::TextTable* t, std::string_view table) {
  Keyed out;
  if (t == nullptr || t->cells.empty()) return out;
  const auto keys = key_columns(table);
  std::vector<int> key_col;
  for (std::string_view k : keys)
    for (std::size_t c = 0; c < t->columns.size(); ++c)
      if (t->columns[c] == k) key_col.push_back(static_cast<int>(c));
  std::map<std::string, int> seen;
  for (std::size_t r = 0; r < t->cells[0].size(); ++r) {
    std::string key;
    for (std::size_t i = 0; i < key_col.size(); ++i)
      key += (i ? ", " : "") + std::string(keys[i]) + "=" + t->cells[key_col[i]][r];
    if (const int n = ++seen[key]; n > 1) key += " #" + std::to_string(n);
    auto& row = out[key];
    for (std::size_t c = 0; c < t->columns.size(); ++c) row.emplace_back(t->columns[c], t->cells[c][r]);
  }
  return out;
}

void compare(const std::string& table, const Keyed& a, const Keyed& b, ChainDiff& d) {
  TableDiff td{table};
  auto cells_of = [](const std::vector<std::pair<std::string, std::string>>& row, bool before) {
    std::vector<RowDiff::Cell> v;
    for (const auto& [c, x] : row)
      if (!x.empty()) v.push_back(before ? RowDiff::Cell{c, x, ""} : RowDiff::Cell{c, "", x});
    return v;
  };
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      d.rows.push_back({table, ia->first, RowDiff::Kind::removed, cells_of(ia->second, true)});
      ++td.removed;
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      d.rows.push_back({table, ib->first, RowDiff::Kind::added, cells_of(ib->second, false)});
      ++td.added;
      ++ib;
    } else {
      RowDiff r{table, ia->first, RowDiff::Kind::changed, {}};
      std::map<std::string, std::pair<std::string, std::string>> cols;
      for (const auto& [c, x] : ia->second) cols[c].first = x;
      for (const auto& [c, x] : ib->second) cols[c].second = x;
      for (const auto& [c, v] : cols)
        if (v.first != v.second) r.cells.push_back({c, v.first, v.second});
      if (!r.cells.empty()) {
        d.rows.push_back(std::move(r));
        ++td.changed;
      }
      ++ia;
      ++ib;
    }
  }
  if (td.added + td.removed + td.changed > 0) d.tables.push_back(td);
}

// A YAML value as one line of text.
std::string text_of(const YAML::Node& n) {
  if (!n) return {};
  if (n.IsScalar()) return n.Scalar();
  return to_flow(n);
}

Keyed disruptions_of(const YAML::Node& doc) {
  Keyed out;
  const YAML::Node ds = doc["disruptions"];
  if (!ds || !ds.IsSequence()) return out;
  for (const YAML::Node& d : ds) {
    auto& row = out["id=" + d["id"].as<std::string>("")];
    for (auto it = d.begin(); it != d.end(); ++it) row.emplace_back(it->first.Scalar(), text_of(it->second));
  }
  return out;
}

Keyed settings_of(const YAML::Node& doc) {
  Keyed out;
  const YAML::Node s = doc["settings"];
  auto& row = out["settings"];
  if (s && s.IsMap())
    for (auto it = s.begin(); it != s.end(); ++it) row.emplace_back(it->first.Scalar(), text_of(it->second));
  return out;
}

}  // namespace

const char* to_string(RowDiff::Kind k) {
  switch (k) {
    case RowDiff::Kind::added: return "added";
    case RowDiff::Kind::removed: return "removed";
    case RowDiff::Kind::changed: return "changed";
  }
  return "?";
}

ChainDiff diff_chains(const model::Chain& a, const model::Chain& b) {
  const auto ta = io::scenario_tables(a);
  const auto tb = io::scenario_tables(b);
  ChainDiff d;
  for (std::string_view name : table_names()) {
    const std::string table(name);
    if (find_table(name)->yaml) continue;
    auto fa = ta.find(table);
    auto fb = tb.find(table);
    compare(table, keyed(fa == ta.end() ? nullptr : &fa->second, table), keyed(fb == tb.end() ? nullptr : &fb->second, table), d);
  }
  const YAML::Node ya = YAML::Load(io::scenario_yaml(a, {}, false));
  const YAML::Node yb = YAML::Load(io::scenario_yaml(b, {}, false));
  compare("disruptions", disruptions_of(ya), disruptions_of(yb), d);
  compare("settings", settings_of(ya), settings_of(yb), d);
  return d;
}

}  // namespace chainnet::variant
