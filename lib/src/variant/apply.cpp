// Applying changes: the chain's tables as text (cell for cell what write_scenario writes), the
// changes applied to those rows, and the scenario loader run on the result. Going through the
// loader's own checks keeps one definition of a valid chain, and makes a variant in memory equal
// to the same variant written out and loaded again.
#include "chainnet/variant/variant.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/io/scenario_writer.hpp"
#include "io/text.hpp"
#include "variant/change_form.hpp"
#include "variant/in_place.hpp"

namespace chainnet::variant {
namespace {

using io::TextTable;

constexpr char kTableMark = '\x01';  // starts the name of a table handed to the loader

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

// A change to apply and how diagnostics name it.
struct Step {
  const model::ChangeSpec* spec;
  std::string label;  // "variant 'x', change 2"
};

struct Rows {
  TextTable t;
  std::vector<int> origin;  // per row: the step that added or last changed it, or -1
  [[nodiscard]] std::size_t size() const { return t.cells.empty() ? 0 : t.cells[0].size(); }
  [[nodiscard]] int col(std::string_view name) const {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      if (t.columns[c] == name) return static_cast<int>(c);
    return -1;
  }
  [[nodiscard]] std::string_view cell(std::string_view column, std::size_t r) const {
    const int c = col(column);
    return c < 0 ? std::string_view() : std::string_view(t.cells[c][r]);
  }
  void keep(const std::vector<char>& keep_row) {
    for (auto& column : t.cells) {
      std::size_t w = 0;
      for (std::size_t r = 0; r < column.size(); ++r)
        if (keep_row[r]) {
          if (w != r) column[w] = std::move(column[r]);  // never a self-move: it empties a string
          ++w;
        }
      column.resize(w);
    }
    std::size_t w = 0;
    for (std::size_t r = 0; r < origin.size(); ++r)
      if (keep_row[r]) origin[w++] = origin[r];
    origin.resize(w);
  }
  // Appends a row of (column, text) pairs; other cells empty.
  void append(const std::vector<std::pair<std::string, std::string>>& cells, int step) {
    for (auto& column : t.cells) column.emplace_back();
    for (const auto& [name, text] : cells) t.cells[col(name)].back() = text;
    origin.push_back(step);
  }
};

class Applier {
 public:
  Applier(const model::Chain& c, bool keep_variants) {
    auto tables = io::scenario_tables(c);
    for (std::string_view name : table_names()) {
      const TableDef& def = *find_table(name);
      if (def.yaml) continue;
      Rows& r = rows_[std::string(name)];
      auto it = tables.find(std::string(name));
      if (it != tables.end()) {
        r.t = std::move(it->second);
      } else {
        r.t.columns.assign(def.columns.begin(), def.columns.end());
        r.t.cells.assign(def.columns.size(), {});
      }
      r.origin.assign(r.size(), -1);
    }
    doc_ = YAML::Load(io::scenario_yaml(c, {}, keep_variants));
  }

  void run(const std::vector<Step>& steps) {
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const Step& s = steps[k];
      YAML::Node n;
      try {
        n = YAML::Load(s.spec->yaml);
      } catch (const YAML::Exception& e) {
        error(static_cast<int>(k), "YAML syntax: " + e.msg);
        continue;
      }
      std::vector<Issue> issues;
      const auto change = parse_change(n, issues);
      for (const Issue& i : issues) report(static_cast<int>(k), i.warning ? Severity::warning : Severity::error, i.message);
      if (!change) continue;
      cur_ = static_cast<int>(k);
      if (change->table->yaml) apply_yaml(*change);
      else apply_rows(*change);
    }
  }

  void rename(const std::string& suffix) {
    if (!suffix.empty()) doc_["name"] = doc_["name"].as<std::string>("") + suffix;
  }

  Applied load(const std::vector<Step>& steps, const std::string& home_file, std::uint32_t home_line,
               std::uint32_t home_column, const std::string& label) {
    steps_ = &steps;
    if (errors_ > 0) throw ScenarioError(std::move(diags_));
    std::map<std::string, TextTable> tables;
    for (auto& [name, r] : rows_) {
      r.t.name = std::string(1, kTableMark) + name;
      tables.emplace(name, std::move(r.t));
    }
    YAML::Emitter e;
    e << doc_;
    model::Chain chain;
    std::vector<Diagnostic> found;
    bool failed = false;
    try {
      io::LoadResult loaded = io::load_tables(e.c_str(), tables);
      chain = std::move(loaded.chain);
      found = std::move(loaded.warnings);
    } catch (const ScenarioError& err) {
      found = err.diagnostics();
      failed = true;
    }
    for (auto& [name, t] : tables) rows_.at(name).t = std::move(t);  // back, to describe rows
    for (Diagnostic d : found) {
      if (!d.file.empty() && d.file[0] == kTableMark) {
        const std::string table = d.file.substr(1);
        const Rows& r = rows_.at(table);
        const std::size_t row = d.line >= 2 ? d.line - 2 : r.size();
        const int k = row < r.origin.size() ? r.origin[row] : -1;
        if (k >= 0) {
          place(d, k);
          d.message = steps[k].label + " (" + table + "): " + d.message;
        } else {
          d.file = home_file;
          d.line = home_line;
          d.column = home_column;
          d.message = label + ": in table " + table + (row < r.size() ? ", row " + describe(r, table, row) : "") +
                      ": " + d.message;
        }
      } else if (d.file == "<scenario>") {
        d.file = home_file;
        d.line = home_line;
        d.column = home_column;
        d.message = label + ": " + d.message;
      }
      diags_.push_back(std::move(d));
    }
    std::sort(diags_.begin(), diags_.end(), diagnostic_less);
    if (failed) throw ScenarioError(std::move(diags_));
    return Applied{std::move(chain), std::move(diags_)};
  }

  void set_steps(const std::vector<Step>& steps) { steps_ = &steps; }

 private:
  // diagnostics ---------------------------------------------------------------------------------
  void place(Diagnostic& d, int k) const {
    const model::ChangeSpec& s = *(*steps_)[k].spec;
    d.file = s.file;
    d.line = s.line;
    d.column = s.column;
  }
  void report(int k, Severity sev, std::string msg) {
    Diagnostic d;
    place(d, k);
    d.severity = sev;
    d.message = (*steps_)[k].label + ": " + msg;
    if (sev == Severity::error) ++errors_;
    diags_.push_back(std::move(d));
  }
  void error(int k, std::string msg) { report(k, Severity::error, std::move(msg)); }
  void warn(std::string msg) { report(cur_, Severity::warning, std::move(msg)); }
  void fail(std::string msg) { report(cur_, Severity::error, std::move(msg)); }

  static std::string describe(const Rows& r, const std::string& table, std::size_t row) {
    const TableDef& def = *find_table(table);
    std::string s;
    for (std::size_t c = 0; c < def.columns.size() && c < 3; ++c) {
      const std::string_view v = r.cell(def.columns[c], row);
      if (def.columns[c] == "name") continue;
      s += (s.empty() ? "" : ", ") + std::string(def.columns[c]) + "=" + std::string(v);
      if (def.columns[0] == "id") break;
    }
    return s;
  }

  // where -----------------------------------------------------------------------------------------
  // Region, kind and firm of every site, and the region of every hub (for derived columns).
  struct Place {
    std::string region, kind, firm;
  };
  std::unordered_map<std::string, Place> places() const {
    std::unordered_map<std::string, Place> m;
    const Rows& s = rows_.at("sites");
    for (std::size_t r = 0; r < s.size(); ++r) {
      const std::string id(s.cell("id", r));
      const std::string_view firm = s.cell("firm", r);
      m[id] = Place{std::string(s.cell("region", r)), std::string(s.cell("kind", r)), std::string(firm.empty() ? s.cell("id", r) : firm)};
    }
    const Rows& h = rows_.at("hubs");
    for (std::size_t r = 0; r < h.size(); ++r) m[std::string(h.cell("id", r))] = Place{std::string(h.cell("region", r)), "hub", ""};
    return m;
  }

  std::vector<char> match(const Rows& r, const Change& c) {
    std::vector<char> hit(r.size(), 1);
    bool derived = false;
    for (const Condition& cond : c.where)
      derived = derived || std::find(c.table->derived.begin(), c.table->derived.end(), cond.column) != c.table->derived.end();
    std::unordered_map<std::string, Place> at;
    if (derived) at = places();
    for (const Condition& cond : c.where) {
      const int col = r.col(cond.column);
      std::string_view ref_col;  // for derived columns: the column naming the site
      std::string what;          // region / kind / firm
      if (col < 0) {
        const std::string& n = cond.column;
        if (n.rfind("from_", 0) == 0) ref_col = "from";
        else if (n.rfind("to_", 0) == 0) ref_col = "to";
        else ref_col = "site";
        what = n.substr(n.find('_') == std::string::npos ? 0 : n.find('_') + 1);
        if (n == "region" || n == "kind" || n == "firm") what = n;
      }
      for (std::size_t row = 0; row < r.size(); ++row) {
        if (!hit[row]) continue;
        std::string_view cell;
        if (col >= 0) {
          cell = r.t.cells[col][row];
        } else {
          auto it = at.find(std::string(r.cell(ref_col, row)));
          if (it != at.end()) cell = what == "region" ? it->second.region : what == "kind" ? it->second.kind : it->second.firm;
        }
        bool any = false;
        for (const std::string& v : cond.values) any = any || matches(cond.column, cell, v);
        hit[row] = any;
      }
    }
    return hit;
  }

  // text tables -----------------------------------------------------------------------------------
  void apply_rows(const Change& c) {
    const std::string table(c.table->name);
    Rows& r = rows_.at(table);
    if (c.action == Action::add) {
      for (const YAML::Node& row : c.rows) add_row(table, row);
      return;
    }
    std::vector<char> hit = match(r, c);
    const auto count = static_cast<std::size_t>(std::count(hit.begin(), hit.end(), 1));
    if (count == 0) {
      warn("where matched no row of table " + q(table));
      return;
    }
    switch (c.action) {
      case Action::remove: remove_rows(table, hit); break;
      case Action::set:
        for (auto it = c.values.begin(); it != c.values.end(); ++it) {
          const int col = r.col(it->first.Scalar());
          const std::string v = it->second.IsNull() ? std::string() : it->second.Scalar();
          for (std::size_t row = 0; row < r.size(); ++row)
            if (hit[row]) {
              r.t.cells[col][row] = v;
              r.origin[row] = cur_;
            }
        }
        break;
      case Action::scale: {
        const int col = r.col(c.column);
        std::size_t blank = 0;
        for (std::size_t row = 0; row < r.size(); ++row) {
          if (!hit[row]) continue;
          std::string& cell = r.t.cells[col][row];
          r.origin[row] = cur_;
          const auto v = io::parse_double(cell);
          if (!v) {
            if (io::trim(cell).empty()) ++blank;
            else fail("cannot scale " + q(cell) + " in column " + q(c.column) + ": not a number");
            continue;
          }
          cell = io::format_number_exact(*v * c.factor);
        }
        if (blank > 0)
          warn(std::to_string(blank) + " of the " + std::to_string(count) + " rows matched have no " + q(c.column) +
               " (its default: unlimited or not given) and were left as they are");
        break;
      }
      case Action::add: break;
    }
  }

  // Removes the rows `hit` of `table`, and what referred to them.
  void remove_rows(const std::string& table, const std::vector<char>& hit) {
    Rows& r = rows_.at(table);
    std::unordered_set<std::string> gone;
    std::set<std::pair<std::string, std::string>> gone_pairs;
    const bool keyed = table == "sites" || table == "hubs" || table == "products";
    for (std::size_t row = 0; row < r.size(); ++row)
      if (hit[row]) {
        if (keyed) gone.insert(std::string(r.cell("id", row)));
        if (table == "lanes") gone_pairs.emplace(r.cell("from", row), r.cell("to", row));
      }
    std::vector<char> keep(hit.size());
    for (std::size_t i = 0; i < hit.size(); ++i) keep[i] = !hit[i];
    r.keep(keep);
    if (!keyed && table != "lanes") return;
    std::string also;
    auto drop = [&](const std::string& t, std::initializer_list<std::string_view> columns) {
      Rows& x = rows_.at(t);
      std::vector<char> k(x.size(), 1);
      std::size_t n = 0;
      for (std::size_t row = 0; row < x.size(); ++row)
        for (std::string_view col : columns)
          if (gone.count(std::string(x.cell(col, row)))) {
            k[row] = 0;
            ++n;
            break;
          }
      if (n == 0) return;
      x.keep(k);
      also += (also.empty() ? "" : ", ") + std::to_string(n) + " " + t + " row" + (n == 1 ? "" : "s");
    };
    if (table == "sites") {
      for (const char* t : {"capacities", "recipes", "stocks", "demands"}) drop(t, {"site"});
      drop("supplies", {"from", "to"});
      drop("lanes", {"from", "to"});
    } else if (table == "hubs") {
      drop("lanes", {"from", "to"});
    } else if (table == "products") {
      drop("bom", {"product", "input"});
      drop("capacities", {"product"});
      drop("recipes", {"product", "input"});
      drop("stocks", {"product"});
      drop("demands", {"product"});
      drop("supplies", {"product"});
    }
    // Lane pairs that no lane joins any more (only disruptions of lanes need them).
    std::set<std::pair<std::string, std::string>> joined;
    bool lane_targets = false;
    if (YAML::Node ds = doc_["disruptions"]; ds && ds.IsSequence())
      for (const YAML::Node& d : ds) lane_targets = lane_targets || d["lanes"];
    if (lane_targets) {
      const Rows& lanes = rows_.at("lanes");
      for (std::size_t row = 0; row < lanes.size(); ++row) joined.emplace(lanes.cell("from", row), lanes.cell("to", row));
    }
    // Disruptions and Monte Carlo events that named what is gone.
    std::size_t dropped = 0, shortened = 0;
    if (YAML::Node ds = doc_["disruptions"]; ds && ds.IsSequence()) {
      YAML::Node kept(YAML::NodeType::Sequence);
      for (YAML::Node d : ds) {
        bool lose = false;
        for (const char* key : {"sites", "hubs"})
          if (YAML::Node list = d[key]; list && list.IsSequence()) {
            YAML::Node rest(YAML::NodeType::Sequence);
            for (const YAML::Node& x : list)
              if (!gone.count(x.Scalar())) rest.push_back(x);
            if (rest.size() != list.size()) ++shortened;
            if (rest.size() == 0) lose = true;
            d[key] = rest;
          }
        if (YAML::Node list = d["lanes"]; list && list.IsSequence()) {
          YAML::Node rest(YAML::NodeType::Sequence);
          for (const YAML::Node& pr : list)
            if (pr.IsSequence() && pr.size() == 2 && joined.count({pr[0].Scalar(), pr[1].Scalar()})) rest.push_back(pr);
          if (rest.size() != list.size()) ++shortened;
          if (rest.size() == 0) lose = true;
          d["lanes"] = rest;
        }
        if (YAML::Node p = d["product"]; p && p.IsScalar() && table == "products" && gone.count(p.Scalar())) lose = true;
        if (lose) ++dropped;
        else kept.push_back(d);
      }
      doc_["disruptions"] = kept;
    }
    if (YAML::Node mc = doc_["montecarlo"]; mc && mc["events"] && mc["events"].IsSequence()) {
      YAML::Node kept(YAML::NodeType::Sequence);
      for (YAML::Node ev : mc["events"]) {
        if (YAML::Node list = ev["sites"]; list && list.IsSequence()) {
          YAML::Node rest(YAML::NodeType::Sequence);
          for (const YAML::Node& x : list)
            if (!gone.count(x.Scalar())) rest.push_back(x);
          if (rest.size() == 0) {
            ++dropped;
            continue;
          }
          ev["sites"] = rest;
        }
        kept.push_back(ev);
      }
      mc["events"] = kept;
    }
    if (dropped > 0) also += (also.empty() ? "" : ", ") + std::to_string(dropped) + " disruption(s) or Monte Carlo event(s) left with no target";
    else if (shortened > 0) also += (also.empty() ? "" : ", ") + std::string("targets of ") + std::to_string(shortened) + " disruption(s)";
    if (!also.empty()) warn("removing from table " + q(table) + " also removed what referred to it: " + also);
  }

  // One row in the table's YAML form -> rows of text tables.
  std::string scalar(const YAML::Node& v, std::string_view key) {
    if (v.IsNull()) return {};
    if (!v.IsScalar()) {
      fail("column " + q(key) + " expects a single value");
      return {};
    }
    return v.Scalar();
  }

  void add_row(const std::string& table, const YAML::Node& row) {
    std::vector<std::pair<std::string, std::string>> cells;
    const TableDef& def = *find_table(table);
    std::string id;
    for (auto it = row.begin(); it != row.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::find(def.columns.begin(), def.columns.end(), key) == def.columns.end()) continue;
      const YAML::Node value = it->second;  // a copy: `it->second` lives in a temporary proxy
      if (key == "tags" && value.IsSequence()) {
        std::string joined;
        for (const YAML::Node& t : value) joined += (joined.empty() ? "" : ";") + scalar(t, "tags");
        cells.emplace_back(key, joined);
      } else {
        cells.emplace_back(key, scalar(it->second, key));
      }
      if (key == "id") id = cells.back().second;
    }
    if (const YAML::Node loc = row["location"]) {
      if (loc.IsSequence() && loc.size() == 2) {
        cells.emplace_back("lat", scalar(loc[0], "location"));
        cells.emplace_back("lon", scalar(loc[1], "location"));
      } else {
        fail("'location' expects [latitude, longitude]");
      }
    }
    rows_.at(table).append(cells, cur_);
    auto quantities = [&](const YAML::Node& m, const std::string& into, std::string_view key,
                          const std::string& site, const std::string& product_col) {
      if (!m.IsMap()) {
        fail(q(key) + " expects a map {product: quantity}");
        return;
      }
      for (auto it = m.begin(); it != m.end(); ++it)
        rows_.at(into).append({{product_col == "input" ? "site" : "site", site}, {"product", it->first.Scalar()}, {"quantity", scalar(it->second, key)}}, cur_);
    };
    auto recipe = [&](const YAML::Node& m, const std::string& site, const std::string& product) {
      if (!m.IsMap()) {
        fail("'inputs' expects a map {input product: quantity}");
        return;
      }
      for (auto it = m.begin(); it != m.end(); ++it)
        rows_.at("recipes").append({{"site", site}, {"product", product}, {"input", it->first.Scalar()}, {"quantity", scalar(it->second, "inputs")}}, cur_);
    };
    if (table == "products") {
      if (const YAML::Node in = row["inputs"]) {
        if (!in.IsMap()) fail("'inputs' expects a map {input product: quantity}");
        else
          for (auto it = in.begin(); it != in.end(); ++it)
            rows_.at("bom").append({{"product", id}, {"input", it->first.Scalar()}, {"quantity", scalar(it->second, "inputs")}}, cur_);
      }
    } else if (table == "sites") {
      if (const YAML::Node m = row["makes"]) {
        if (!m.IsMap()) {
          fail("'makes' expects a map {product: {capacity, cost, co2, inputs}}");
        } else {
          for (auto it = m.begin(); it != m.end(); ++it) {
            const std::string product = it->first.Scalar();
            const YAML::Node spec = it->second;
            std::vector<std::pair<std::string, std::string>> c{{"site", id}, {"product", product}};
            if (spec.IsMap()) {
              for (auto f = spec.begin(); f != spec.end(); ++f) {
                const std::string k = f->first.Scalar();
                if (k == "inputs") continue;
                if (k != "capacity" && k != "cost" && k != "co2") {
                  fail("unknown key " + q(k) + " in 'makes' (expected capacity, cost, co2, inputs)");
                  continue;
                }
                c.emplace_back(k, scalar(f->second, k));
              }
            } else if (!spec.IsNull()) {
              c.emplace_back("capacity", scalar(spec, "makes"));
            }
            rows_.at("capacities").append(c, cur_);
            if (spec.IsMap() && spec["inputs"]) recipe(spec["inputs"], id, product);
          }
        }
      }
      if (const YAML::Node m = row["stock"]) quantities(m, "stocks", "stock", id, "site");
      if (const YAML::Node m = row["demand"]) quantities(m, "demands", "demand", id, "site");
    } else if (table == "capacities") {
      if (const YAML::Node in = row["inputs"]) recipe(in, scalar(row["site"], "site"), scalar(row["product"], "product"));
    }
  }

  // disruptions and settings ----------------------------------------------------------------------
  void apply_yaml(const Change& c) {
    if (c.table->name == "settings") {
      YAML::Node s = doc_["settings"];
      if (c.action == Action::set) {
        for (auto it = c.values.begin(); it != c.values.end(); ++it) s[it->first.Scalar()] = YAML::Clone(it->second);
      } else {
        const auto v = io::parse_double(s[c.column].as<std::string>(""));
        if (!v) fail("setting " + q(c.column) + " is not a number");
        else s[c.column] = io::format_number_exact(*v * c.factor);
      }
      return;
    }
    YAML::Node ds = doc_["disruptions"];
    if (!ds || !ds.IsSequence()) ds = YAML::Node(YAML::NodeType::Sequence);
    if (c.action == Action::add) {
      for (const YAML::Node& row : c.rows) ds.push_back(YAML::Clone(row));
      doc_["disruptions"] = ds;
      return;
    }
    std::vector<char> hit(ds.size(), 1);
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const YAML::Node d = ds[i];
      for (const Condition& cond : c.where) {
        const YAML::Node v = d[cond.column];
        bool any = false;
        for (const std::string& want : cond.values) {
          if (!v) any = any || want.empty();
          else if (v.IsScalar()) any = any || matches(cond.column, v.Scalar(), want);
          else if (v.IsSequence())
            for (const YAML::Node& x : v) any = any || (x.IsScalar() && matches(cond.column, x.Scalar(), want));
        }
        hit[i] = hit[i] && any;
      }
    }
    if (std::count(hit.begin(), hit.end(), 1) == 0) {
      warn("where matched no disruption");
      return;
    }
    YAML::Node out(YAML::NodeType::Sequence);
    for (std::size_t i = 0; i < ds.size(); ++i) {
      YAML::Node d = ds[i];
      if (hit[i]) {
        if (c.action == Action::remove) continue;
        if (c.action == Action::set) {
          for (auto it = c.values.begin(); it != c.values.end(); ++it) d[it->first.Scalar()] = YAML::Clone(it->second);
        } else {
          const double fallback = c.column == "capacity_loss" ? 1.0 : 0.0;
          const auto v = d[c.column] ? io::parse_double(d[c.column].as<std::string>("")) : std::optional<double>(fallback);
          if (!v) fail("disruption " + q(d["id"].as<std::string>("")) + ": " + q(c.column) + " is not a number");
          else d[c.column] = io::format_number_exact(*v * c.factor);
        }
      }
      out.push_back(d);
    }
    doc_["disruptions"] = out;
  }

  std::map<std::string, Rows> rows_;
  YAML::Node doc_;
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
  int cur_ = -1;
  const std::vector<Step>* steps_ = nullptr;
};

// The quick way (numbers of existing rows, in a copy sharing the untouched tables), when every
// change allows it; nullopt otherwise.
std::optional<Applied> apply_quickly(const model::Chain& chain, const std::vector<Step>& steps,
                                     const std::string& name_suffix, bool keep_variants) {
  std::vector<Change> changes;
  for (const Step& s : steps) {
    YAML::Node n;
    try {
      n = YAML::Load(s.spec->yaml);
    } catch (const YAML::Exception&) {
      return std::nullopt;
    }
    std::vector<Issue> issues;
    auto c = parse_change(n, issues);
    if (!c || !issues.empty()) return std::nullopt;
    changes.push_back(std::move(*c));
  }
  model::ChainEditor ed(chain);
  std::vector<std::pair<int, std::string>> found;
  if (!apply_in_place(changes, ed, found)) return std::nullopt;
  if (!name_suffix.empty()) ed.set_name(chain.name() + name_suffix);
  if (!keep_variants) {
    ed.set_variants({});
    ed.set_candidates({});
  }
  Applied out{ed.take(), {}};
  for (auto& [k, msg] : found) {
    const model::ChangeSpec& s = *steps[k].spec;
    out.warnings.push_back({s.file, s.line, s.column, Severity::warning, steps[k].label + ": " + msg});
  }
  std::sort(out.warnings.begin(), out.warnings.end(), diagnostic_less);
  return out;
}

Applied apply_steps(const model::Chain& chain, const std::vector<Step>& steps, const std::string& label,
                    const std::string& name_suffix, bool keep_variants, const std::string& home_file,
                    std::uint32_t home_line, std::uint32_t home_column, Way way = Way::automatic) {
  if (way == Way::automatic)
    if (auto quick = apply_quickly(chain, steps, name_suffix, keep_variants)) return std::move(*quick);
  Applier a(chain, keep_variants);
  a.set_steps(steps);
  a.run(steps);
  a.rename(name_suffix);
  return a.load(steps, home_file, home_line, home_column, label);
}

}  // namespace

std::vector<const model::VariantSpec*> lineage(const model::Chain& chain, std::string_view id) {
  std::vector<const model::VariantSpec*> out;
  const model::VariantSpec* v = chain.find_variant(id);
  if (v == nullptr) {
    std::string known;
    for (const auto& x : chain.variants()) known += (known.empty() ? "" : ", ") + x.id;
    throw InvalidInput("no variant '" + std::string(id) + "' in the scenario" +
                       (known.empty() ? std::string(" (it defines none)") : " (it defines: " + known + ")"));
  }
  while (v != nullptr) {
    if (std::find(out.begin(), out.end(), v) != out.end())
      throw InvalidInput("variant '" + std::string(id) + "': its bases form a cycle");
    out.push_back(v);
    if (v->base.empty()) break;
    const model::VariantSpec* b = chain.find_variant(v->base);
    if (b == nullptr) throw InvalidInput("variant '" + v->id + "': unknown base '" + v->base + "'");
    v = b;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Applied apply_changes(const model::Chain& chain, const std::vector<model::ChangeSpec>& changes,
                      const std::string& label, const std::string& name_suffix, bool keep_variants, Way way) {
  std::vector<Step> steps;
  for (std::size_t k = 0; k < changes.size(); ++k)
    steps.push_back({&changes[k], label + ", change " + std::to_string(k + 1)});
  const std::string file = changes.empty() ? std::string("<changes>") : changes[0].file;
  const std::uint32_t line = changes.empty() ? 0 : changes[0].line;
  const std::uint32_t column = changes.empty() ? 0 : changes[0].column;
  return apply_steps(chain, steps, label, name_suffix, keep_variants, file, line, column, way);
}

Applied apply_variant(const model::Chain& chain, std::string_view id) {
  const auto line = lineage(chain, id);
  std::vector<Step> steps;
  for (const model::VariantSpec* v : line)
    for (std::size_t k = 0; k < v->changes.size(); ++k)
      steps.push_back({&v->changes[k], "variant '" + v->id + "', change " + std::to_string(k + 1)});
  const model::VariantSpec& self = *line.back();
  return apply_steps(chain, steps, "variant '" + self.id + "'", " / " + (self.name.empty() ? self.id : self.name), false,
                     self.file, self.line, self.column);
}

}  // namespace chainnet::variant
