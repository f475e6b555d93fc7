// Scenario loader: YAML (yaml-cpp) and CSV tables -> ChainBuilder -> Chain, with every problem
// reported at its position. The order of reading follows the references: products, bills of
// materials, sites and hubs (with their nested maps), the long tables, supplies, lanes,
// disruptions, Monte Carlo. Each table may come inline, as CSV, or as a TextTable (Python).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_map>

#include "chainnet/geo/nearest.hpp"
#include "chainnet/io/dimacs.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/model/validation.hpp"
#include "chainnet/run/analyses.hpp"
#include "io/csv_reader.hpp"
#include "io/text.hpp"
#include "strengthen/candidate_form.hpp"
#include "variant/change_form.hpp"

namespace chainnet::io {
namespace {

using model::kInvalidId;
using model::ProductId;
using model::SiteId;

constexpr std::size_t kMaxDiagnostics = 1000;
constexpr std::size_t kMaxSuggestions = 50;
constexpr std::size_t kMaxFields = 16;

struct Pos {
  std::uint32_t line = 0;
  std::uint16_t column = 0;
  std::uint16_t file = 0;
};

// ---------------------------------------------------------------------------------------------
// Schemas: the keys of each kind of record. `nested` keys hold YAML maps or lists and have no
// CSV column; `yaml_only` scalars likewise.
struct Key {
  std::string_view name;
  bool nested = false;    // YAML map or list
  bool csv = true;        // may be a CSV column
};

struct Schema {
  std::string_view what;   // "supply": used in messages
  std::vector<Key> keys;
  [[nodiscard]] int index(std::string_view k) const {
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i].name == k) return static_cast<int>(i);
    return -1;
  }
  [[nodiscard]] std::vector<std::string_view> names(bool csv) const {
    std::vector<std::string_view> v;
    for (const Key& k : keys)
      if (!csv || k.csv) v.push_back(k.name);
    return v;
  }
};

// Field indices per schema (must follow the order of the keys below).
namespace product_f { enum { id, name, value, inputs }; }
namespace site_f { enum { id, name, firm, kind, region, location, lat, lon, makes, stock, demand, ttr, tags }; }
namespace hub_f { enum { id, name, region, location, lat, lon }; }
namespace supply_f { enum { from, to, product, capacity, share, lead_time }; }
namespace lane_f { enum { from, to, mode, distance_km, cost, time_h, capacity, co2 }; }
namespace bom_f { enum { product, input, quantity }; }
namespace cap_f { enum { site, product, capacity, cost, co2, inputs }; }
namespace qty_f { enum { site, product, quantity }; }
namespace recipe_f { enum { site, product, input, quantity }; }

const Schema kProduct{"product", {{"id"}, {"name"}, {"value"}, {"inputs", true, false}}};
const Schema kSite{"site",
                   {{"id"}, {"name"}, {"firm"}, {"kind"}, {"region"}, {"location", true, false},
                    {"lat"}, {"lon"}, {"makes", true, false}, {"stock", true, false},
                    {"demand", true, false}, {"ttr"}, {"tags", true, true}}};
const Schema kHub{"hub", {{"id"}, {"name"}, {"region"}, {"location", true, false}, {"lat"}, {"lon"}}};
const Schema kSupply{"supply",
                     {{"from"}, {"to"}, {"product"}, {"capacity"}, {"share"}, {"lead_time"}}};
const Schema kLane{"lane",
                   {{"from"}, {"to"}, {"mode"}, {"distance_km"}, {"cost"}, {"time_h"}, {"capacity"},
                    {"co2"}}};
const Schema kBom{"bom entry", {{"product"}, {"input"}, {"quantity"}}};
const Schema kCapacity{"capacity entry",
                       {{"site"}, {"product"}, {"capacity"}, {"cost"}, {"co2"}, {"inputs", true, false}}};
const Schema kStock{"stock entry", {{"site"}, {"product"}, {"quantity"}}};
const Schema kDemand{"demand entry", {{"site"}, {"product"}, {"quantity"}}};
const Schema kRecipe{"recipe entry", {{"site"}, {"product"}, {"input"}, {"quantity"}}};

constexpr std::array<std::string_view, 21> kTopKeys = {
    "chainnet", "name",       "description", "units",  "settings", "products", "sites",
    "hubs",     "supplies",   "lanes",       "bom",    "capacities", "stocks", "demands",
    "recipes",  "disruptions", "montecarlo", "analyses", "road", "variants", "candidates"};

struct Field {
  std::string_view text;
  Pos pos;
  bool present = false;
  std::optional<YAML::Node> node;  // set for YAML values (scalar or not)
};

struct Record {
  Pos pos;
  std::array<Field, kMaxFields> f;
  const Schema* schema = nullptr;
};

// Positions of one kind of record, by index. Rows of one CSV file all start at column 1, so
// while that holds only line numbers are kept (4 bytes a row instead of 8).
class PosList {
 public:
  void push_back(Pos p) {
    if (full_.empty()) {
      if (lines_.empty()) {
        file_ = p.file;
        column_ = p.column;
      }
      if (p.file == file_ && p.column == column_) {
        lines_.push_back(p.line);
        return;
      }
      full_.reserve(lines_.capacity());
      for (std::uint32_t line : lines_) full_.push_back(Pos{line, column_, file_});
      std::vector<std::uint32_t>().swap(lines_);
    }
    full_.push_back(p);
  }
  Pos operator[](std::size_t i) const { return full_.empty() ? Pos{lines_[i], column_, file_} : full_[i]; }
  void reserve(std::size_t n) { (full_.empty() ? lines_.reserve(n) : full_.reserve(n)); }
  [[nodiscard]] std::size_t size() const { return full_.empty() ? lines_.size() : full_.size(); }

 private:
  std::vector<std::uint32_t> lines_;
  std::vector<Pos> full_;
  std::uint16_t file_ = 0;
  std::uint16_t column_ = 0;
};

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }
std::string dq(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string node_kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    default: return "a scalar";
  }
}

std::uint64_t key2(std::uint32_t a, std::uint32_t b) { return (std::uint64_t{a} << 32) | b; }

// Number constraints.
enum class Range { any, non_negative, positive, fraction, share, latitude, longitude };

// ---------------------------------------------------------------------------------------------
class Loader {
 public:
  Loader() = default;

  LoadResult load_file(const std::string& path);
  LoadResult load_text(const std::string& yaml, const std::string& name, const std::string& base);
  LoadResult load_tables(const std::string& yaml, const std::map<std::string, TextTable>& tables);

 private:
  // diagnostics
  std::uint16_t add_file(const std::string& name) {
    files_.push_back(name);
    return static_cast<std::uint16_t>(files_.size() - 1);
  }
  void report(Pos p, Severity sev, std::string msg) {
    if (sev == Severity::error) ++errors_;
    if (diags_.size() >= kMaxDiagnostics) {
      ++suppressed_;
      return;
    }
    diags_.push_back({files_[p.file], p.line, p.column, sev, std::move(msg)});
  }
  void error(Pos p, std::string msg) { report(p, Severity::error, std::move(msg)); }
  /// An error in a table's structure, listed before what follows from it.
  void root_error(Pos p, std::string msg) {
    const std::size_t before = diags_.size();
    report(p, Severity::error, std::move(msg));
    if (diags_.size() > before) diags_.back().root_cause = true;
  }
  /// "unknown column 'x' in the T table (did you mean ...)", or for a column with no name, what
  /// usually causes it.
  static std::string unknown_column(std::string_view name, std::string_view table, const std::string& suggestion) {
    if (name.empty())
      return "a column with no name in " + std::string(table) +
             " table: a stray separator in the header (spreadsheets add one at the end of each line; remove it, "
             "or leave the whole last column empty)";
    return "unknown column " + q(name) + " in " + std::string(table) + " table" + suggestion;
  }
  void warning(Pos p, std::string msg) { report(p, Severity::warning, std::move(msg)); }
  std::string where(Pos p) const {
    return files_[p.file] + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
  }
  [[noreturn]] void fail();
  LoadResult finish();

  Pos pos_of(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    Pos p;
    p.file = yaml_file_;
    p.line = m.line >= 0 ? static_cast<std::uint32_t>(m.line + 1) : 0;
    p.column = m.column >= 0 ? static_cast<std::uint16_t>(std::min(m.column + 1, 65535)) : 0;
    return p;
  }

  // the document
  void parse_root(const YAML::Node& root);
  const YAML::Node* top(std::string_view key) const {
    auto it = top_.find(std::string(key));
    return it == top_.end() ? nullptr : &it->second.second;
  }

  // records
  bool yaml_record(const YAML::Node& item, const Schema& s, Record& r);
  void read_table(std::string_view key, const Schema& s, const std::function<void(Record&)>& f);
  void read_csv_table(const std::string& path, Pos at, const Schema& s,
                      const std::function<void(Record&)>& f);
  void read_text_table(const TextTable& t, const Schema& s, const std::function<void(Record&)>& f);

  // typed fields
  std::optional<std::string_view> text(const Record& r, int k, bool required);
  std::optional<double> number(const Field& f, std::string_view name, Range range);
  double number_or(const Record& r, int k, double fallback, Range range) {
    if (!r.f[k].present) return fallback;
    return number(r.f[k], r.schema->keys[k].name, range).value_or(fallback);
  }
  std::optional<std::uint64_t> whole(const Field& f, std::string_view name, std::uint64_t min);
  std::optional<double> yaml_number(const YAML::Node& n, std::string_view name, Range range);
  std::optional<std::uint64_t> yaml_whole(const YAML::Node& n, std::string_view name, std::uint64_t min);
  // The last id a column resolved: CSV tables are often sorted, so rows repeat their neighbours.
  struct RefCache {
    std::string text;
    std::uint32_t id = kInvalidId;
    bool hub = false;
    std::string text2;  // the one before, for columns that alternate (site -> hub, hub -> site)
    std::uint32_t id2 = kInvalidId;
    bool hub2 = false;
    bool hit(std::string_view t) {
      if (id != kInvalidId && text == t) return true;
      if (id2 != kInvalidId && text2 == t) {
        std::swap(text, text2);
        std::swap(id, id2);
        std::swap(hub, hub2);
        return true;
      }
      return false;
    }
    void put(std::string_view t, std::uint32_t i, bool h = false) {
      std::swap(text, text2);
      id2 = id;
      hub2 = hub;
      text.assign(t);
      id = i;
      hub = h;
    }
  };
  ProductId product_ref(const Field& f, std::string_view role, RefCache* cache = nullptr);
  SiteId site_ref(const Field& f, std::string_view role, RefCache* cache = nullptr);
  model::NodeRef node_ref(const Field& f, std::string_view role, RefCache* cache = nullptr);
  model::RegionId region_ref(const YAML::Node& n, std::string_view role);
  void check_map_keys(const YAML::Node& map, std::string_view what,
                      std::span<const std::string_view> allowed);

  // entities
  void read_header();
  void read_products();
  void read_bom();
  void read_sites();
  void read_site_nested(SiteId s, const Record& r);
  void read_hubs();
  void read_road();
  void read_long_tables();
  void add_capacity(SiteId s, ProductId p, const Record& r, Pos at);
  void add_recipe_inputs(SiteId s, ProductId p, const YAML::Node& inputs);
  void add_quantity(bool demand, SiteId s, ProductId p, const Field& qty, Pos at);
  void read_supplies();
  void read_lanes();
  void read_disruptions();
  void read_montecarlo();
  void read_variants();
  void read_variants_csv(const std::string& path, Pos at, std::vector<model::VariantSpec>& out,
                         std::vector<Pos>& at_of);
  void add_change(model::VariantSpec& v, const YAML::Node& change, Pos fallback);
  void read_candidates();
  void read_report_settings(const YAML::Node& v, model::ReportSettings& out);
  // `{csv: FILE}`: the file's path (relative to the scenario), or nothing after an error.
  std::optional<std::string> csv_reference(const YAML::Node& n);
  void add_candidate(const YAML::Node& item, Pos fallback, std::vector<model::CandidateSpec>& out,
                     std::vector<Pos>& at_of);
  void read_location(const Record& r, int location, int lat, int lon, double& out_lat,
                     double& out_lon);
  model::DurationDistribution read_duration(const YAML::Node& n);
  void map_findings(const model::Chain& chain);

  // state
  std::vector<std::string> files_;
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
  std::size_t suppressed_ = 0;
  std::size_t suggestions_ = 0;
  std::uint16_t yaml_file_ = 0;
  std::string base_dir_;
  const std::map<std::string, TextTable>* frames_ = nullptr;
  std::map<std::string, std::pair<YAML::Node, YAML::Node>> top_;  // key -> (key node, value)
  model::ChainBuilder b_;
  bool format_ok_ = false;
  bool root_is_map_ = false;

  PosList product_pos_;
  std::vector<std::pair<ProductId, YAML::Node>> inline_inputs_;
  std::unordered_map<std::uint64_t, Pos> bom_pos_;
  PosList site_pos_;
  PosList hub_pos_;
  std::vector<double> site_lat_, site_lon_, hub_lat_, hub_lon_;  // for attaching to a road network
  // (site, product) key -> position; checked for duplicates by sorting once all are read
  using KeyedPos = std::vector<std::pair<std::uint64_t, Pos>>;
  void sort_and_report_duplicates(KeyedPos& v, const char* what);
  static const Pos* find_pos(const KeyedPos& v, std::uint64_t key);
  KeyedPos make_pos_;
  KeyedPos stock_pos_;
  KeyedPos demand_pos_;
  std::unordered_map<std::uint64_t, Pos> recipe_pos_;
  PosList supply_pos_;
  PosList lane_pos_;
  std::uint64_t settings_seed_ = 42;
  Pos root_pos_;
};

// ---------------------------------------------------------------------------------------------
void Loader::fail() {
  std::sort(diags_.begin(), diags_.end(), diagnostic_less);
  if (suppressed_ > 0) {
    Diagnostic d;
    d.message = std::to_string(suppressed_) + " more problems not shown";
    diags_.push_back(std::move(d));
  }
  throw ScenarioError(std::move(diags_));
}

void Loader::check_map_keys(const YAML::Node& map, std::string_view what,
                            std::span<const std::string_view> allowed) {
  std::vector<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string& k = it->first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      error(pos_of(it->first), "unknown key " + q(k) + " in " + std::string(what) +
                                   did_you_mean(suggest(k, allowed)));
    if (std::find(seen.begin(), seen.end(), k) != seen.end())
      error(pos_of(it->first), "duplicate key " + q(k) + " in " + std::string(what));
    seen.push_back(k);
  }
}

bool Loader::yaml_record(const YAML::Node& item, const Schema& s, Record& r) {
  r = Record();
  r.schema = &s;
  r.pos = pos_of(item);
  if (!item.IsMap()) {
    error(r.pos, "expected a " + std::string(s.what) + " (a map of keys), found " + node_kind(item));
    return false;
  }
  for (auto it = item.begin(); it != item.end(); ++it) {
    const std::string& k = it->first.Scalar();
    const int i = s.index(k);
    if (i < 0) {
      const auto names = s.names(false);
      error(pos_of(it->first), "unknown key " + q(k) + " in " + std::string(s.what) +
                                   did_you_mean(suggest(k, names)));
      continue;
    }
    Field& f = r.f[i];
    if (f.present) {
      error(pos_of(it->first), "duplicate key " + q(k) + " in " + std::string(s.what));
      continue;
    }
    const YAML::Node v = it->second;
    if (v.IsNull()) continue;  // `key:` or `key: ~` means not given
    f.present = true;
    f.node = it->second;
    f.pos = pos_of(v);
    if (v.IsScalar()) {
      f.text = v.Scalar();
    } else if (!s.keys[i].nested) {
      error(f.pos, std::string(s.what) + " key " + q(k) + " expects a single value, found " +
                       node_kind(v));
      f.present = false;
    }
  }
  return true;
}

void Loader::read_table(std::string_view key, const Schema& s,
                        const std::function<void(Record&)>& f) {
  if (frames_ != nullptr) {
    auto it = frames_->find(std::string(key));
    if (it != frames_->end()) {
      read_text_table(it->second, s, f);
      return;
    }
  }
  const YAML::Node* n = top(key);
  if (n == nullptr || n->IsNull()) return;
  if (n->IsSequence()) {
    Record r;
    for (const YAML::Node& item : *n)
      if (yaml_record(item, s, r)) f(r);
    return;
  }
  if (n->IsMap() && n->size() == 1 && (*n)["csv"]) {
    if (const auto path = csv_reference(*n)) read_csv_table(*path, pos_of((*n)["csv"]), s, f);
    return;
  }
  if (n->IsMap()) check_map_keys(*n, std::string(key) + " table", std::array<std::string_view, 1>{"csv"});
  else error(pos_of(*n), "'" + std::string(key) + "' expects a list of " + std::string(s.what) +
                             " items or {csv: FILE}, found " + node_kind(*n));
}

void Loader::read_csv_table(const std::string& path, Pos at, const Schema& s,
                            const std::function<void(Record&)>& f) {
  // Diagnostics name CSV files relative to the working folder when that is shorter.
  std::string shown = path;
  {
    std::error_code ec;
    auto rel = std::filesystem::relative(path, std::filesystem::current_path(), ec);
    if (!ec && !rel.empty() && rel.string().size() < shown.size() && rel.string().rfind("..", 0) != 0)
      shown = rel.string();
  }
  if (!std::filesystem::is_regular_file(path)) {
    error(at, "cannot read CSV table " + q(path) + ": no such file");
    return;
  }
  const std::uint16_t file = add_file(shown);
  // Large tables: size the arrays once instead of growing (and copying) them by doubling.
  if (const std::size_t rows = estimate_csv_rows(path); rows > 4096) {
    if (&s == &kSupply) {
      b_.reserve_supplies(b_.num_supplies() + rows);
      supply_pos_.reserve(supply_pos_.size() + rows);
    } else if (&s == &kLane) {
      b_.reserve_lanes(b_.num_lanes() + rows);
      lane_pos_.reserve(lane_pos_.size() + rows);
    } else if (&s == &kCapacity) {
      make_pos_.reserve(make_pos_.size() + rows);
    } else if (&s == &kSite) {
      site_pos_.reserve(site_pos_.size() + rows);
      b_.reserve_sites(b_.num_sites() + rows);
    }
  }
  std::vector<int> column_key;  // per column: schema key index or -1
  const auto names = s.names(true);
  Record r;
  r.schema = &s;
  std::size_t header_fields = 0;
  try {
    read_csv(
        path,
        [&](const CsvRow& row) {
          if (column_key.empty()) {
            header_fields = row.fields.size();
            std::vector<bool> seen(s.keys.size(), false);
            for (std::size_t c = 0; c < row.fields.size(); ++c) {
              const std::string_view name = row.fields[c];
              int k = s.index(name);
              if (k >= 0 && !s.keys[k].csv) k = -1;
              Pos p{row.line, static_cast<std::uint16_t>(std::min<std::size_t>(c + 1, 65535)), file};
              if (k < 0) {
                root_error(p, unknown_column(name, s.what, did_you_mean(suggest(name, names))));
              } else if (seen[k]) {
                root_error(p, "duplicate column " + q(name));
                k = -1;
              } else {
                seen[k] = true;
              }
              column_key.push_back(k);
            }
            return true;
          }
          if (row.fields.size() != header_fields) {
            root_error(Pos{row.line, static_cast<std::uint16_t>(std::min<std::size_t>(std::min(row.fields.size(), header_fields) + 1, 65535)), file},
                  "row has " + std::to_string(row.fields.size()) +
                                             " fields, the header has " +
                                             std::to_string(header_fields));
            return true;
          }
          for (Field& fl : r.f) fl.present = false;
          r.pos = Pos{row.line, 1, file};
          for (std::size_t c = 0; c < row.fields.size(); ++c) {
            const int k = column_key[c];
            if (k < 0 || row.fields[c].empty()) continue;
            Field& fl = r.f[k];
            fl.present = true;
            fl.text = row.fields[c];
            fl.node.reset();
            fl.pos = Pos{row.line, static_cast<std::uint16_t>(std::min<std::size_t>(c + 1, 65535)), file};
          }
          f(r);
          return true;
        },
        [&](std::uint32_t line, std::uint32_t column, std::string msg) {
          error(Pos{line, static_cast<std::uint16_t>(column), file}, std::move(msg));
        });
  } catch (const IoError& e) {
    root_error(at, e.what());
    return;
  }
  if (column_key.empty()) root_error(Pos{1, 0, file}, "empty CSV table (expected a header row)");
}

void Loader::read_text_table(const TextTable& t, const Schema& s,
                             const std::function<void(Record&)>& f) {
  const std::uint16_t file = add_file(t.name);
  const auto names = s.names(true);
  std::vector<int> column_key;
  std::vector<bool> seen(s.keys.size(), false);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    int k = s.index(t.columns[c]);
    if (k >= 0 && !s.keys[k].csv) k = -1;
    Pos p{1, static_cast<std::uint16_t>(c + 1), file};
    if (k < 0)
      root_error(p, unknown_column(t.columns[c], s.what, did_you_mean(suggest(t.columns[c], names))));
    else if (seen[k]) {
      error(p, "duplicate column " + q(t.columns[c]));
      k = -1;
    } else {
      seen[k] = true;
    }
    column_key.push_back(k);
  }
  const std::size_t rows = t.cells.empty() ? 0 : t.cells[0].size();
  Record r;
  r.schema = &s;
  for (std::size_t i = 0; i < rows; ++i) {
    for (Field& fl : r.f) fl.present = false;
    const auto line = static_cast<std::uint32_t>(i + 2);
    r.pos = Pos{line, 1, file};
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const int k = column_key[c];
      if (k < 0 || i >= t.cells[c].size()) continue;
      const std::string_view cell = trim(t.cells[c][i]);
      if (cell.empty()) continue;
      Field& fl = r.f[k];
      fl.present = true;
      fl.text = cell;
      fl.node.reset();
      fl.pos = Pos{line, static_cast<std::uint16_t>(c + 1), file};
    }
    f(r);
  }
}

// ---------------------------------------------------------------------------------------------
std::optional<std::string_view> Loader::text(const Record& r, int k, bool required) {
  const Field& f = r.f[k];
  if (!f.present || f.text.empty()) {
    if (required)
      error(r.pos, std::string(r.schema->what) + " has no " + q(r.schema->keys[k].name));
    return std::nullopt;
  }
  return f.text;
}

std::optional<double> Loader::number(const Field& f, std::string_view name, Range range) {
  const auto v = parse_double(f.text);
  if (!v) {
    error(f.pos, std::string(name) + " " + dq(f.text) + " is not a number" +
                     (f.text.find(',') != std::string_view::npos && f.text.find('.') == std::string_view::npos
                          ? " (a decimal comma? write numbers with a decimal point: 1.5)"
                          : ""));
    return std::nullopt;
  }
  if (!std::isfinite(*v)) {
    error(f.pos, std::string(name) + " " + dq(f.text) + " must be a finite number");
    return std::nullopt;
  }
  const double x = *v;
  const char* need = nullptr;
  switch (range) {
    case Range::any: break;
    case Range::non_negative: if (x < 0) need = "must be >= 0"; break;
    case Range::positive: if (x <= 0) need = "must be > 0"; break;
    case Range::fraction: if (x <= 0 || x > 1) need = "must be in (0, 1]"; break;
    case Range::share: if (x < 0 || x > 1) need = "must be in [0, 1]"; break;
    case Range::latitude: if (x < -90 || x > 90) need = "must be a latitude in [-90, 90]"; break;
    case Range::longitude: if (x < -180 || x > 180) need = "must be a longitude in [-180, 180]"; break;
  }
  if (need != nullptr) {
    error(f.pos, std::string(name) + " " + dq(f.text) + " " + need);
    return std::nullopt;
  }
  return x == 0 ? 0.0 : x;  // no negative zero
}

std::optional<std::uint64_t> Loader::whole(const Field& f, std::string_view name, std::uint64_t min) {
  const auto v = parse_whole(f.text);
  if (!v || *v < min) {
    error(f.pos, std::string(name) + " " + dq(f.text) + " must be a whole number >= " +
                     std::to_string(min));
    return std::nullopt;
  }
  return v;
}

std::optional<double> Loader::yaml_number(const YAML::Node& n, std::string_view name, Range range) {
  if (!n.IsScalar()) {
    error(pos_of(n), std::string(name) + " expects a number, found " + node_kind(n));
    return std::nullopt;
  }
  Field f;
  f.text = n.Scalar();
  f.pos = pos_of(n);
  return number(f, name, range);
}

std::optional<std::uint64_t> Loader::yaml_whole(const YAML::Node& n, std::string_view name,
                                                std::uint64_t min) {
  if (!n.IsScalar()) {
    error(pos_of(n), std::string(name) + " expects a whole number, found " + node_kind(n));
    return std::nullopt;
  }
  Field f;
  f.text = n.Scalar();
  f.pos = pos_of(n);
  return whole(f, name, min);
}

ProductId Loader::product_ref(const Field& f, std::string_view role, RefCache* cache) {
  if (cache != nullptr && cache->hit(f.text)) return cache->id;
  const ProductId p = b_.find_product(f.text);
  if (cache != nullptr && p != kInvalidId) cache->put(f.text, p);
  if (p == kInvalidId) {
    std::string hint;
    if (suggestions_++ < kMaxSuggestions) hint = did_you_mean(suggest(f.text, b_.product_index()));
    error(f.pos, std::string(role) + " names product " + q(f.text) + ", which no product defines" + hint);
  }
  return p;
}

SiteId Loader::site_ref(const Field& f, std::string_view role, RefCache* cache) {
  if (cache != nullptr && cache->hit(f.text)) return cache->id;
  const SiteId s = b_.find_site(f.text);
  if (cache != nullptr && s != kInvalidId) cache->put(f.text, s);
  if (s == kInvalidId) {
    if (b_.find_hub(f.text) != kInvalidId) {
      error(f.pos, std::string(role) + " names " + q(f.text) + ", which is a hub, not a site");
      return kInvalidId;
    }
    std::string hint;
    if (suggestions_++ < kMaxSuggestions) hint = did_you_mean(suggest(f.text, b_.site_index()));
    error(f.pos, std::string(role) + " names site " + q(f.text) + ", which no site defines" + hint);
  }
  return s;
}

model::NodeRef Loader::node_ref(const Field& f, std::string_view role, RefCache* cache) {
  if (cache != nullptr && cache->hit(f.text)) return {cache->hub, cache->id};
  model::NodeRef r{false, b_.find_site(f.text)};
  if (r.index == kInvalidId) r = {true, b_.find_hub(f.text)};
  if (r.index != kInvalidId) {
    if (cache != nullptr) cache->put(f.text, r.index, r.hub);
    return r;
  }
  std::string hint;
  if (suggestions_++ < kMaxSuggestions) {
    const std::string_view a = suggest(f.text, b_.site_index());
    const std::string_view h = suggest(f.text, b_.hub_index());
    const auto dist = [&](std::string_view c) { return c.empty() ? 99 : edit_distance(f.text, c, 9); };
    hint = did_you_mean(dist(h) < dist(a) ? h : a);
  }
  error(f.pos, std::string(role) + " names " + q(f.text) + ", which no site or hub defines" + hint);
  return {};
}

model::RegionId Loader::region_ref(const YAML::Node& n, std::string_view role) {
  if (!n.IsScalar() || n.Scalar().empty()) {
    error(pos_of(n), std::string(role) + " expects a region code, found " + node_kind(n));
    return kInvalidId;
  }
  const model::RegionId r = b_.find_region(n.Scalar());
  if (r == kInvalidId) error(pos_of(n), std::string(role) + " names region " + q(n.Scalar()) +
                                            ", which contains no site or hub");
  return r;
}

// ---------------------------------------------------------------------------------------------
void Loader::parse_root(const YAML::Node& root) {
  root_pos_ = pos_of(root);
  if (root_pos_.line == 0) root_pos_.line = 1;
  root_is_map_ = root.IsMap();
  if (!root.IsMap()) {
    error(root_pos_, "a scenario is a map of keys (chainnet, products, sites, ...), found " +
                         node_kind(root));
    return;
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& k = it->first.Scalar();
    if (std::find(kTopKeys.begin(), kTopKeys.end(), k) == kTopKeys.end()) {
      error(pos_of(it->first), "unknown key " + q(k) + " at the top level" +
                                   did_you_mean(suggest(k, kTopKeys)));
      continue;
    }
    if (top_.count(k)) {
      error(pos_of(it->first), "duplicate key " + q(k) + " at the top level");
      continue;
    }
    top_.emplace(k, std::make_pair(it->first, it->second));
  }
}

void Loader::read_header() {
  const YAML::Node* v = top("chainnet");
  if (v == nullptr && !root_is_map_) {
    // already reported: the document is not a map at all
  } else if (v == nullptr) {
    error(root_pos_, "missing 'chainnet: 1' (the format version) at the top level");
  } else if (!v->IsScalar() || v->Scalar() != "1") {
    error(pos_of(*v), "unsupported format version " +
                          dq(v->IsScalar() ? v->Scalar() : node_kind(*v)) +
                          " (this chainnet reads version 1)");
  } else {
    format_ok_ = true;
  }
  auto scalar = [&](std::string_view key) -> std::string {
    const YAML::Node* n = top(key);
    if (n == nullptr || n->IsNull()) return {};
    if (!n->IsScalar()) {
      error(pos_of(*n), q(key) + " expects text, found " + node_kind(*n));
      return {};
    }
    return n->Scalar();
  };
  b_.set_name(scalar("name"));
  b_.set_description(scalar("description"));
  if (const YAML::Node* u = top("units"); u != nullptr && !u->IsNull()) {
    if (!u->IsMap()) {
      error(pos_of(*u), "'units' expects a map {quantity, time, currency}, found " + node_kind(*u));
    } else {
      static constexpr std::array<std::string_view, 3> kKeys = {"quantity", "time", "currency"};
      check_map_keys(*u, "units", kKeys);
      model::Units units;
      for (auto it = u->begin(); it != u->end(); ++it) {
        if (!it->second.IsScalar()) continue;
        const std::string& k = it->first.Scalar();
        if (k == "quantity") units.quantity = it->second.Scalar();
        if (k == "time") units.time = it->second.Scalar();
        if (k == "currency") units.currency = it->second.Scalar();
      }
      b_.set_units(units);
    }
  }
  model::Settings settings;
  if (const double h = model::hours_in(b_.units().time); h > 0) settings.hours_per_period = h;
  if (const YAML::Node* s = top("settings"); s != nullptr && !s->IsNull()) {
    if (!s->IsMap()) {
      error(pos_of(*s), "'settings' expects a map, found " + node_kind(*s));
    } else {
      static constexpr std::array<std::string_view, 8> kKeys = {"carbon_price", "value_of_time", "horizon", "ttr",
                                                                "seed", "hours_per_period", "candidates", "report"};
      check_map_keys(*s, "settings", kKeys);
      for (auto it = s->begin(); it != s->end(); ++it) {
        const std::string& k = it->first.Scalar();
        const YAML::Node v = it->second;
        if (k == "carbon_price") settings.carbon_price = yaml_number(v, k, Range::non_negative).value_or(0);
        if (k == "value_of_time") settings.value_of_time = yaml_number(v, k, Range::non_negative).value_or(0);
        if (k == "ttr") settings.ttr = yaml_number(v, k, Range::non_negative).value_or(settings.ttr);
        if (k == "horizon") {
          auto h = yaml_whole(v, k, 1);
          if (h && *h > 1000000) error(pos_of(v), "horizon " + dq(v.Scalar()) + " must be at most 1000000 periods");
          else if (h) settings.horizon = static_cast<std::uint32_t>(*h);
        }
        if (k == "seed") settings.seed = yaml_whole(v, k, 0).value_or(settings.seed);
        if (k == "hours_per_period") settings.hours_per_period = yaml_number(v, k, Range::positive).value_or(settings.hours_per_period);
        if (k == "candidates") {
          if (!v.IsMap()) {
            error(pos_of(v), "'settings.candidates' expects a map of cost rules, found " + node_kind(v));
            continue;
          }
          static constexpr std::array<std::string_view, 4> kRules = {"supply_periods", "stock_share", "capacity_periods",
                                                                     "capacity_share"};
          check_map_keys(v, "settings.candidates", kRules);
          model::CandidateRules& cr = settings.candidates;
          for (auto r = v.begin(); r != v.end(); ++r) {
            const std::string& rk = r->first.Scalar();
            double* target = rk == "supply_periods" ? &cr.supply_periods : rk == "stock_share" ? &cr.stock_share
                           : rk == "capacity_periods" ? &cr.capacity_periods : rk == "capacity_share" ? &cr.capacity_share : nullptr;
            if (target) *target = yaml_number(r->second, rk, Range::non_negative).value_or(*target);
          }
        }
        if (k == "report") read_report_settings(v, settings.report);
      }
    }
  }
  b_.set_settings(settings);
  settings_seed_ = settings.seed;
  std::vector<std::string> analyses;
  if (const YAML::Node* a = top("analyses"); a != nullptr && !a->IsNull()) {
    if (!a->IsSequence()) {
      error(pos_of(*a), "'analyses' expects a list of analysis names, found " + node_kind(*a));
    } else {
      const auto known = run::known_analyses();
      for (const YAML::Node& n : *a) {
        if (!n.IsScalar()) {
          error(pos_of(n), "expected an analysis name, found " + node_kind(n));
          continue;
        }
        if (std::find(known.begin(), known.end(), n.Scalar()) == known.end()) {
          std::string list;
          for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
          error(pos_of(n), "unknown analysis " + q(n.Scalar()) + did_you_mean(suggest(n.Scalar(), known)) +
                               "; this version runs: " + list);
          continue;
        }
        analyses.push_back(n.Scalar());
      }
    }
  }
  b_.set_analyses(std::move(analyses));
}

void Loader::read_products() {
  read_table("products", kProduct, [&](Record& r) {
    const auto id = text(r, product_f::id, true);
    if (!id) return;
    if (const ProductId old = b_.find_product(*id); old != kInvalidId) {
      error(r.f[product_f::id].pos, "duplicate product id " + q(*id) + " (first defined at " +
                                        where(product_pos_[old]) + ")");
      return;
    }
    const double value = number_or(r, product_f::value, 1.0, Range::non_negative);
    const std::string_view name = r.f[product_f::name].present ? r.f[product_f::name].text : "";
    const ProductId p = b_.add_product({*id, name, value});
    product_pos_.push_back(r.f[product_f::id].pos);
    if (r.f[product_f::inputs].present) inline_inputs_.emplace_back(p, *r.f[product_f::inputs].node);
  });
}

void Loader::read_bom() {
  auto add = [&](ProductId p, const Field& input, const Field& qty, Pos at) {
    const ProductId in = product_ref(input, "bill of materials");
    const auto quantity = number(qty, "quantity", Range::positive);
    if (p == kInvalidId || in == kInvalidId || !quantity) return;
    auto [it, fresh] = bom_pos_.emplace(key2(p, in), at);
    if (!fresh) {
      error(at, "product " + q(b_.product_id(p)) + " lists input " + q(input.text) +
                    " twice (first at " + where(it->second) + ")");
      return;
    }
    b_.add_bom_input(p, in, *quantity);
  };
  for (const auto& [p, node] : inline_inputs_) {
    if (!node.IsMap()) {
      error(pos_of(node), "'inputs' expects a map {input product: quantity per unit}, found " +
                              node_kind(node));
      continue;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      Field input{it->first.Scalar(), pos_of(it->first), true, it->first};
      if (!it->second.IsScalar()) {
        error(pos_of(it->second), "quantity of input " + q(input.text) + " expects a number, found " +
                                      node_kind(it->second));
        continue;
      }
      Field qty{it->second.Scalar(), pos_of(it->second), true, it->second};
      add(p, input, qty, input.pos);
    }
  }
  read_table("bom", kBom, [&](Record& r) {
    const auto prod = text(r, bom_f::product, true);
    const auto in = text(r, bom_f::input, true);
    const auto qty = text(r, bom_f::quantity, true);
    if (!prod || !in || !qty) return;
    const ProductId p = product_ref(r.f[bom_f::product], "bom entry");
    if (p == kInvalidId) return;
    add(p, r.f[bom_f::input], r.f[bom_f::quantity], r.f[bom_f::input].pos);
  });
}

void Loader::read_location(const Record& r, int location, int lat, int lon, double& out_lat,
                           double& out_lon) {
  const Field& loc = r.f[location];
  if (loc.present) {
    if (r.f[lat].present || r.f[lon].present)
      error(loc.pos, "give either 'location' or 'lat'/'lon', not both");
    const YAML::Node& n = *loc.node;
    if (!n.IsSequence() || n.size() != 2) {
      error(loc.pos, "location expects [latitude, longitude], found " + node_kind(n));
      return;
    }
    out_lat = yaml_number(n[0], "latitude", Range::latitude).value_or(model::kNotGiven);
    out_lon = yaml_number(n[1], "longitude", Range::longitude).value_or(model::kNotGiven);
    return;
  }
  if (r.f[lat].present != r.f[lon].present) {
    error(r.pos, std::string(r.schema->what) + " has " + (r.f[lat].present ? "'lat' but no 'lon'" : "'lon' but no 'lat'"));
    return;
  }
  if (r.f[lat].present) {
    out_lat = number(r.f[lat], "lat", Range::latitude).value_or(model::kNotGiven);
    out_lon = number(r.f[lon], "lon", Range::longitude).value_or(model::kNotGiven);
  }
}

void Loader::read_sites() {
  std::vector<std::string_view> tags;
  read_table("sites", kSite, [&](Record& r) {
    const auto id = text(r, site_f::id, true);
    if (!id) return;
    const Pos id_pos = r.f[site_f::id].pos;
    if (const SiteId old = b_.find_site(*id); old != kInvalidId) {
      error(id_pos, "duplicate site id " + q(*id) + " (first defined at " + where(site_pos_[old]) + ")");
      return;
    }
    model::SiteSpec spec;
    spec.id = *id;
    spec.name = r.f[site_f::name].present ? r.f[site_f::name].text : "";
    spec.firm = r.f[site_f::firm].present ? r.f[site_f::firm].text : "";
    if (const auto kind = text(r, site_f::kind, true)) {
      if (auto k = model::parse_site_kind(*kind)) {
        spec.kind = *k;
      } else {
        static constexpr std::array<std::string_view, 5> kKinds = {"supplier", "plant", "warehouse", "port", "market"};
        error(r.f[site_f::kind].pos, "site kind " + q(*kind) +
                                         " is not one of supplier, plant, warehouse, port, market" +
                                         did_you_mean(suggest(*kind, kKinds)));
      }
    }
    spec.region = r.f[site_f::region].present ? r.f[site_f::region].text : "";
    read_location(r, site_f::location, site_f::lat, site_f::lon, spec.lat, spec.lon);
    spec.ttr = number_or(r, site_f::ttr, model::kNotGiven, Range::non_negative);
    tags.clear();
    const Field& tf = r.f[site_f::tags];
    if (tf.present) {
      if (tf.node && tf.node->IsSequence()) {
        for (const YAML::Node& t : *tf.node) {
          if (t.IsScalar() && !t.Scalar().empty()) tags.push_back(t.Scalar());
          else error(pos_of(t), "a tag is a word, found " + node_kind(t));
        }
      } else if (tf.node && !tf.node->IsScalar()) {
        error(tf.pos, "'tags' expects a list of words, found " + node_kind(*tf.node));
      } else {
        std::string_view rest = tf.text;
        while (!rest.empty()) {
          const std::size_t cut = rest.find(';');
          const std::string_view t = trim(rest.substr(0, cut));
          if (!t.empty()) tags.push_back(t);
          rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
        }
      }
    }
    spec.tags = tags;
    if (b_.find_hub(*id) != kInvalidId) {
      error(id_pos, "site id " + q(*id) + " is already a hub id");
      return;
    }
    const SiteId s = b_.add_site(spec);
    site_pos_.push_back(id_pos);
    if (top("road") != nullptr) {  // only a road network needs them, to attach sites
      site_lat_.push_back(spec.lat);
      site_lon_.push_back(spec.lon);
    }
    read_site_nested(s, r);
  });
}

void Loader::read_site_nested(SiteId s, const Record& r) {
  if (const Field& m = r.f[site_f::makes]; m.present) {
    if (!m.node->IsMap()) {
      error(m.pos, "'makes' expects a map {product: {capacity, cost, co2}}, found " + node_kind(*m.node));
    } else {
      for (auto it = m.node->begin(); it != m.node->end(); ++it) {
        Field prod{it->first.Scalar(), pos_of(it->first), true, it->first};
        const ProductId p = product_ref(prod, "'makes'");
        Record line;
        line.schema = &kCapacity;
        line.pos = prod.pos;
        const YAML::Node v = it->second;
        if (v.IsScalar()) {  // shorthand: `product: capacity`
          line.f[cap_f::capacity] = Field{v.Scalar(), pos_of(v), true, it->second};
        } else if (v.IsMap()) {
          Record tmp;
          if (!yaml_record(v, kCapacity, tmp)) continue;
          for (int k : {cap_f::site, cap_f::product})
            if (tmp.f[k].present) error(tmp.f[k].pos, "key " + q(kCapacity.keys[k].name) + " is implied inside 'makes'");
          line.f[cap_f::capacity] = tmp.f[cap_f::capacity];
          line.f[cap_f::cost] = tmp.f[cap_f::cost];
          line.f[cap_f::co2] = tmp.f[cap_f::co2];
          line.f[cap_f::inputs] = tmp.f[cap_f::inputs];
        } else if (!v.IsNull()) {
          error(pos_of(v), "production of " + q(prod.text) + " expects {capacity, cost, co2}, found " + node_kind(v));
          continue;
        }
        if (p != kInvalidId) add_capacity(s, p, line, prod.pos);
      }
    }
  }
  for (int k : {site_f::stock, site_f::demand}) {
    const Field& m = r.f[k];
    if (!m.present) continue;
    const bool demand = k == site_f::demand;
    if (!m.node->IsMap()) {
      error(m.pos, q(demand ? "demand" : "stock") + " expects a map {product: quantity}, found " +
                       node_kind(*m.node));
      continue;
    }
    for (auto it = m.node->begin(); it != m.node->end(); ++it) {
      Field prod{it->first.Scalar(), pos_of(it->first), true, it->first};
      const ProductId p = product_ref(prod, demand ? "'demand'" : "'stock'");
      if (!it->second.IsScalar()) {
        error(pos_of(it->second), "quantity of " + q(prod.text) + " expects a number, found " + node_kind(it->second));
        continue;
      }
      Field qty{it->second.Scalar(), pos_of(it->second), true, it->second};
      if (p != kInvalidId) add_quantity(demand, s, p, qty, prod.pos);
    }
  }
}

void Loader::add_capacity(SiteId s, ProductId p, const Record& r, Pos at) {
  make_pos_.emplace_back(key2(s, p), at);
  model::MakeSpec spec;
  spec.site = s;
  spec.product = p;
  spec.capacity = number_or(r, cap_f::capacity, model::kUnlimited, Range::non_negative);
  spec.unit_cost = number_or(r, cap_f::cost, 0.0, Range::non_negative);
  spec.co2_kg = number_or(r, cap_f::co2, 0.0, Range::non_negative);
  b_.add_make(spec);
  if (r.f[cap_f::inputs].present) add_recipe_inputs(s, p, *r.f[cap_f::inputs].node);
}

void Loader::add_recipe_inputs(SiteId s, ProductId p, const YAML::Node& inputs) {
  if (!inputs.IsMap()) {
    error(pos_of(inputs), "'inputs' expects a map {input product: quantity per unit}, found " + node_kind(inputs));
    return;
  }
  if (inputs.size() == 0) error(pos_of(inputs), "a site's own recipe needs at least one input (leave 'inputs' out to use the product's BOM)");
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    Field input{it->first.Scalar(), pos_of(it->first), true, it->first};
    const ProductId in = product_ref(input, "site recipe");
    const auto qty = yaml_number(it->second, "quantity", Range::positive);
    if (in == kInvalidId || !qty) continue;
    const std::uint64_t k = key2(s, p) ^ (std::uint64_t{in} * 0x9E3779B97F4A7C15ull);
    if (!recipe_pos_.emplace(k, input.pos).second) {
      error(input.pos, "recipe lists input " + q(input.text) + " twice");
      continue;
    }
    recipe_pos_.emplace(key2(s, p), input.pos);
    b_.add_recipe_input(s, p, in, *qty);
  }
}

void Loader::add_quantity(bool demand, SiteId s, ProductId p, const Field& qty, Pos at) {
  (demand ? demand_pos_ : stock_pos_).emplace_back(key2(s, p), at);
  const auto v = number(qty, demand ? "demand" : "stock", Range::non_negative);
  if (!v) return;
  if (demand) b_.add_demand(s, p, *v);
  else b_.add_stock(s, p, *v);
}

void Loader::sort_and_report_duplicates(KeyedPos& v, const char* what) {
  auto by_key_then_place = [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return std::tie(a.second.file, a.second.line, a.second.column) <
           std::tie(b.second.file, b.second.line, b.second.column);
  };
  if (!std::is_sorted(v.begin(), v.end(), by_key_then_place)) std::sort(v.begin(), v.end(), by_key_then_place);
  for (std::size_t i = 1; i < v.size(); ++i)
    if (v[i].first == v[i - 1].first) {
      const auto s = static_cast<SiteId>(v[i].first >> 32);
      const auto p = static_cast<ProductId>(v[i].first & 0xffffffffu);
      std::size_t j = i;
      while (j > 0 && v[j - 1].first == v[i].first) --j;
      error(v[i].second, std::string(what) + " of " + q(b_.product_id(p)) + " at " + q(b_.site_id(s)) +
                             " given twice (first at " + where(v[j].second) + ")");
    }
}

const Pos* Loader::find_pos(const KeyedPos& v, std::uint64_t key) {
  auto it = std::lower_bound(v.begin(), v.end(), key, [](const auto& a, std::uint64_t k) { return a.first < k; });
  return it != v.end() && it->first == key ? &it->second : nullptr;
}

void Loader::read_hubs() {
  read_table("hubs", kHub, [&](Record& r) {
    const auto id = text(r, hub_f::id, true);
    if (!id) return;
    const Pos id_pos = r.f[hub_f::id].pos;
    if (const SiteId s = b_.find_site(*id); s != kInvalidId) {
      error(id_pos, "hub id " + q(*id) + " is already a site id (defined at " + where(site_pos_[s]) + ")");
      return;
    }
    if (const model::HubId h = b_.find_hub(*id); h != kInvalidId) {
      error(id_pos, "duplicate hub id " + q(*id) + " (first defined at " + where(hub_pos_[h]) + ")");
      return;
    }
    model::HubSpec spec;
    spec.id = *id;
    spec.name = r.f[hub_f::name].present ? r.f[hub_f::name].text : "";
    spec.region = r.f[hub_f::region].present ? r.f[hub_f::region].text : "";
    read_location(r, hub_f::location, hub_f::lat, hub_f::lon, spec.lat, spec.lon);
    b_.add_hub(spec);
    hub_pos_.push_back(id_pos);
    if (top("road") != nullptr) {
      hub_lat_.push_back(spec.lat);
      hub_lon_.push_back(spec.lon);
    }
  });
}

void Loader::read_road() {
  const YAML::Node* n = top("road");
  if (n == nullptr || n->IsNull()) return;
  if (!n->IsMap()) {
    error(pos_of(*n), "'road' expects a map {dimacs_graph, dimacs_coords, mode, weight, ...}, found " + node_kind(*n));
    return;
  }
  static constexpr std::array<std::string_view, 7> kKeys = {"dimacs_graph", "dimacs_coords", "mode", "weight",
                                                            "speed_kmh", "cost_per_km", "co2_per_km"};
  check_map_keys(*n, "road", kKeys);
  auto path_of = [&](const char* key) -> std::optional<std::pair<std::string, std::string>> {
    const YAML::Node v = (*n)[key];
    if (!v) return std::nullopt;
    if (!v.IsScalar() || v.Scalar().empty()) {
      error(pos_of(v), std::string(key) + " expects a file path");
      return std::nullopt;
    }
    std::filesystem::path p(v.Scalar());
    if (p.is_relative()) p = std::filesystem::path(base_dir_) / p;
    const std::string full = p.lexically_normal().string();
    if (!std::filesystem::is_regular_file(full)) {
      error(pos_of(v), "cannot read " + std::string(key) + " " + q(v.Scalar()) + ": no such file");
      return std::nullopt;
    }
    return std::make_pair(full, v.Scalar());
  };
  const auto graph_path = path_of("dimacs_graph");
  if (!(*n)["dimacs_graph"]) error(pos_of(*n), "'road' needs 'dimacs_graph' (a 9th DIMACS challenge .gr file)");
  const auto coords_path = path_of("dimacs_coords");
  model::Mode mode = model::Mode::road;
  if (const YAML::Node v = (*n)["mode"]) {
    if (auto m = v.IsScalar() ? model::parse_mode(v.Scalar()) : std::nullopt) mode = *m;
    else error(pos_of(v), "road mode is not one of road, rail, sea, air, inland_water, pipeline");
  }
  bool weight_is_time = false;
  if (const YAML::Node v = (*n)["weight"]) {
    if (v.IsScalar() && v.Scalar() == "time_s") weight_is_time = true;
    else if (!(v.IsScalar() && v.Scalar() == "distance_m"))
      error(pos_of(v), "road weight must be distance_m (arc weights in metres) or time_s (in seconds)");
  }
  auto number_key = [&](const char* key, double fallback, Range range) {
    const YAML::Node v = (*n)[key];
    return v ? yaml_number(v, key, range).value_or(fallback) : fallback;
  };
  const double speed = number_key("speed_kmh", 50.0, Range::positive);
  const double cost_km = number_key("cost_per_km", 0.0, Range::non_negative);
  const double co2_km = number_key("co2_per_km", 0.0, Range::non_negative);
  if (!graph_path) return;
  // the reader's diagnostics carry their own positions
  std::vector<Diagnostic> found;
  const std::string shown = graph_path->second;
  DimacsGraph g = read_dimacs_graph(graph_path->first, shown, found);
  std::vector<double> lat, lon;
  if (coords_path) read_dimacs_coords(coords_path->first, coords_path->second, g.nodes, lat, lon, found);
  for (Diagnostic& d : found) {
    ++errors_;
    if (diags_.size() < kMaxDiagnostics) diags_.push_back(std::move(d));
    else ++suppressed_;
  }
  if (!found.empty()) return;
  const Pos at = pos_of((*n)["dimacs_graph"]);
  const model::HubId first_hub = b_.num_hubs();
  std::string id;
  for (std::uint32_t v = 0; v < g.nodes; ++v) {
    id = "road:" + std::to_string(v + 1);
    if (b_.find_site(id) != kInvalidId || b_.find_hub(id) != kInvalidId) {
      error(at, "road node id " + q(id) + " is already used by a site or hub");
      return;
    }
    b_.add_hub({id, "", "", lat.empty() ? model::kNotGiven : lat[v], lon.empty() ? model::kNotGiven : lon[v]});
    hub_pos_.push_back(at);
  }
  auto lane = [&](model::NodeRef a, model::NodeRef z, double km) {
    model::LaneSpec l;
    l.from = a;
    l.to = z;
    l.mode = mode;
    l.distance_km = km;
    l.time_h = km / speed;
    l.cost = km * cost_km;
    l.co2_kg = km * co2_km;
    b_.add_lane(l);
    lane_pos_.push_back(at);
  };
  b_.reserve_lanes(b_.num_lanes() + g.tail.size() + 2 * (b_.num_sites() + b_.num_hubs()));
  std::size_t loops = 0;
  for (std::size_t k = 0; k < g.tail.size(); ++k) {
    if (g.tail[k] == g.head[k]) {
      ++loops;
      continue;
    }
    const double km = weight_is_time ? g.weight[k] / 3600.0 * speed : g.weight[k] / 1000.0;
    lane({true, first_hub + g.tail[k]}, {true, first_hub + g.head[k]}, km);
  }
  if (loops > 0) warning(at, std::to_string(loops) + " arcs from a road node to itself were left out");
  if (lat.empty()) {
    warning(at, "without 'dimacs_coords' no site or hub is attached to the road network");
    return;
  }
  // Attach every site and hub with a location to its nearest road node, both ways.
  const geo::NearestPoint index(lat, lon);
  std::size_t unplaced = 0;
  auto attach = [&](model::NodeRef r, double la, double lo) {
    if (std::isnan(la) || std::isnan(lo)) {
      ++unplaced;
      return;
    }
    const std::uint32_t v = index.nearest(la, lo);
    if (v == UINT32_MAX) return;
    const double km = geo::distance_km(la, lo, lat[v], lon[v]);
    lane(r, {true, first_hub + v}, km);
    lane({true, first_hub + v}, r, km);
  };
  for (SiteId s = 0; s < b_.num_sites(); ++s) attach({false, s}, site_lat_[s], site_lon_[s]);
  for (model::HubId h = 0; h < first_hub; ++h) attach({true, h}, hub_lat_[h], hub_lon_[h]);
  if (unplaced > 0)
    warning(at, std::to_string(unplaced) + " sites or hubs have no location and are not attached to the road network");
}

void Loader::read_long_tables() {
  RefCache site_cache, product_cache;
  read_table("capacities", kCapacity, [&](Record& r) {
    const auto site = text(r, cap_f::site, true);
    const auto prod = text(r, cap_f::product, true);
    if (!site || !prod) return;
    const SiteId s = site_ref(r.f[cap_f::site], "capacity entry", &site_cache);
    const ProductId p = product_ref(r.f[cap_f::product], "capacity entry", &product_cache);
    if (s != kInvalidId && p != kInvalidId) add_capacity(s, p, r, r.f[cap_f::product].pos);
  });
  for (bool demand : {false, true}) {
    read_table(demand ? "demands" : "stocks", demand ? kDemand : kStock, [&](Record& r) {
      const auto site = text(r, qty_f::site, true);
      const auto prod = text(r, qty_f::product, true);
      const auto qty = text(r, qty_f::quantity, true);
      if (!site || !prod || !qty) return;
      const SiteId s = site_ref(r.f[qty_f::site], demand ? "demand entry" : "stock entry", &site_cache);
      const ProductId p = product_ref(r.f[qty_f::product], demand ? "demand entry" : "stock entry", &product_cache);
      if (s != kInvalidId && p != kInvalidId)
        add_quantity(demand, s, p, r.f[qty_f::quantity], r.f[qty_f::product].pos);
    });
  }
  sort_and_report_duplicates(make_pos_, "production");
  sort_and_report_duplicates(stock_pos_, "stock");
  sort_and_report_duplicates(demand_pos_, "demand");
  read_table("recipes", kRecipe, [&](Record& r) {
    const auto site = text(r, recipe_f::site, true);
    const auto prod = text(r, recipe_f::product, true);
    const auto in = text(r, recipe_f::input, true);
    const auto qty = text(r, recipe_f::quantity, true);
    if (!site || !prod || !in || !qty) return;
    const SiteId s = site_ref(r.f[recipe_f::site], "recipe entry");
    const ProductId p = product_ref(r.f[recipe_f::product], "recipe entry");
    const ProductId i = product_ref(r.f[recipe_f::input], "recipe entry");
    const auto quantity = number(r.f[recipe_f::quantity], "quantity", Range::positive);
    if (s == kInvalidId || p == kInvalidId || i == kInvalidId || !quantity) return;
    if (find_pos(make_pos_, key2(s, p)) == nullptr) {
      error(r.f[recipe_f::product].pos, "site " + q(*site) + " has a recipe for " + q(*prod) +
                                            " but does not make it (add a capacities entry)");
      return;
    }
    const std::uint64_t k = key2(s, p) ^ (std::uint64_t{i} * 0x9E3779B97F4A7C15ull);
    if (!recipe_pos_.emplace(k, r.pos).second) {
      error(r.f[recipe_f::input].pos, "recipe lists input " + q(*in) + " twice");
      return;
    }
    recipe_pos_.emplace(key2(s, p), r.pos);
    b_.add_recipe_input(s, p, i, *quantity);
  });
}

void Loader::read_supplies() {
  RefCache from_cache, to_cache, product_cache;
  read_table("supplies", kSupply, [&](Record& r) {
    const auto from = text(r, supply_f::from, true);
    const auto to = text(r, supply_f::to, true);
    const auto prod = text(r, supply_f::product, true);
    model::SupplySpec spec;
    bool ok = from && to && prod;
    if (from) ok = (spec.seller = site_ref(r.f[supply_f::from], "supply", &from_cache)) != kInvalidId && ok;
    if (to) ok = (spec.buyer = site_ref(r.f[supply_f::to], "supply", &to_cache)) != kInvalidId && ok;
    if (prod) ok = (spec.product = product_ref(r.f[supply_f::product], "supply", &product_cache)) != kInvalidId && ok;
    if (r.f[supply_f::capacity].present) {
      auto v = number(r.f[supply_f::capacity], "capacity", Range::non_negative);
      ok = v.has_value() && ok;
      spec.capacity = v.value_or(0);
    }
    if (r.f[supply_f::share].present) {
      auto v = number(r.f[supply_f::share], "share", Range::share);
      ok = v.has_value() && ok;
      spec.share = v.value_or(0);
    }
    if (r.f[supply_f::lead_time].present) {
      auto v = whole(r.f[supply_f::lead_time], "lead_time", 0);
      if (v && *v > 100000) {
        error(r.f[supply_f::lead_time].pos, "lead_time " + dq(r.f[supply_f::lead_time].text) + " must be at most 100000 periods");
        v.reset();
      }
      ok = v.has_value() && ok;
      spec.lead_time = static_cast<std::uint32_t>(v.value_or(0));
    }
    if (!ok) return;
    b_.add_supply(spec);
    supply_pos_.push_back(r.pos);
  });
}

void Loader::read_lanes() {
  RefCache from_cache, to_cache;
  read_table("lanes", kLane, [&](Record& r) {
    const auto from = text(r, lane_f::from, true);
    const auto to = text(r, lane_f::to, true);
    const auto mode = text(r, lane_f::mode, true);
    model::LaneSpec spec;
    bool ok = from && to && mode;
    if (from) {
      spec.from = node_ref(r.f[lane_f::from], "lane", &from_cache);
      ok = spec.from.index != kInvalidId && ok;
    }
    if (to) {
      spec.to = node_ref(r.f[lane_f::to], "lane", &to_cache);
      ok = spec.to.index != kInvalidId && ok;
    }
    if (mode) {
      if (auto m = model::parse_mode(*mode)) {
        spec.mode = *m;
      } else {
        static constexpr std::array<std::string_view, 6> kModes = {"road", "rail", "sea", "air", "inland_water", "pipeline"};
        error(r.f[lane_f::mode].pos, "lane mode " + q(*mode) +
                                         " is not one of road, rail, sea, air, inland_water, pipeline" +
                                         did_you_mean(suggest(*mode, kModes)));
        ok = false;
      }
    }
    auto num = [&](int k, double fallback, double& out) {
      if (!r.f[k].present) {
        out = fallback;
        return;
      }
      auto v = number(r.f[k], kLane.keys[k].name, Range::non_negative);
      ok = v.has_value() && ok;
      out = v.value_or(fallback);
    };
    num(lane_f::distance_km, 0.0, spec.distance_km);
    num(lane_f::cost, 0.0, spec.cost);
    num(lane_f::time_h, 0.0, spec.time_h);
    num(lane_f::capacity, model::kUnlimited, spec.capacity);
    num(lane_f::co2, 0.0, spec.co2_kg);
    if (!ok) return;
    b_.add_lane(spec);
    lane_pos_.push_back(r.pos);
  });
}

void Loader::read_disruptions() {
  const YAML::Node* n = top("disruptions");
  if (n == nullptr || n->IsNull()) return;
  if (!n->IsSequence()) {
    error(pos_of(*n), "'disruptions' expects a list, found " + node_kind(*n));
    return;
  }
  static constexpr std::array<std::string_view, 13> kKeys = {
      "id", "name", "sites", "region", "lanes", "mode", "product", "from_region",
      "capacity_loss", "start", "duration", "stock", "hubs"};
  std::vector<std::pair<std::string, Pos>> ids;
  for (const YAML::Node& d : *n) {
    if (!d.IsMap()) {
      error(pos_of(d), "expected a disruption (a map of keys), found " + node_kind(d));
      continue;
    }
    check_map_keys(d, "disruption", kKeys);
    model::Disruption x;
    const Pos at = pos_of(d);
    if (const YAML::Node id = d["id"]; id && id.IsScalar() && !id.Scalar().empty()) {
      x.id = id.Scalar();
      for (const auto& [other, p] : ids)
        if (other == x.id) error(pos_of(id), "duplicate disruption id " + q(x.id) + " (first defined at " + where(p) + ")");
      ids.emplace_back(x.id, pos_of(id));
    } else {
      error(at, "disruption has no 'id'");
    }
    if (const YAML::Node v = d["name"]; v && v.IsScalar()) x.name = v.Scalar();
    int targets = 0;
    if (const YAML::Node v = d["sites"]) {
      ++targets;
      x.target = model::DisruptionTarget::sites;
      if (!v.IsSequence() || v.size() == 0) {
        error(pos_of(v), "'sites' expects a list of site ids, found " + node_kind(v));
      } else {
        for (const YAML::Node& s : v) {
          if (!s.IsScalar()) {
            error(pos_of(s), "expected a site id, found " + node_kind(s));
            continue;
          }
          const SiteId id = site_ref(Field{s.Scalar(), pos_of(s), true, s}, "disruption");
          if (id != kInvalidId) x.sites.push_back(id);
        }
      }
    }
    if (const YAML::Node v = d["hubs"]) {
      ++targets;
      x.target = model::DisruptionTarget::hubs;
      if (!v.IsSequence() || v.size() == 0) {
        error(pos_of(v), "'hubs' expects a list of hub ids, found " + node_kind(v));
      } else {
        for (const YAML::Node& h : v) {
          if (!h.IsScalar()) {
            error(pos_of(h), "expected a hub id, found " + node_kind(h));
            continue;
          }
          const model::NodeRef r = node_ref(Field{h.Scalar(), pos_of(h), true, h}, "disruption");
          if (r.index == kInvalidId) continue;
          if (!r.hub) error(pos_of(h), "'" + h.Scalar() + "' is a site: list it under 'sites' (a site's failure closes transit through it too)");
          else x.hubs.push_back(r.index);  // a hub index; the builder makes it a node id
        }
      }
    }
    if (const YAML::Node v = d["region"]) {
      ++targets;
      x.target = model::DisruptionTarget::region;
      x.region = region_ref(v, "disruption");
    }
    if (const YAML::Node v = d["lanes"]) {
      ++targets;
      x.target = model::DisruptionTarget::lanes;
      if (!v.IsSequence() || v.size() == 0) {
        error(pos_of(v), "'lanes' expects a list of [from, to] pairs, found " + node_kind(v));
      } else {
        for (const YAML::Node& l : v) {
          if (!l.IsSequence() || l.size() != 2 || !l[0].IsScalar() || !l[1].IsScalar()) {
            error(pos_of(l), "expected a lane as [from, to], found " + node_kind(l));
            continue;
          }
          const model::NodeRef a = node_ref(Field{l[0].Scalar(), pos_of(l[0]), true, l[0]}, "disruption lane");
          const model::NodeRef z = node_ref(Field{l[1].Scalar(), pos_of(l[1]), true, l[1]}, "disruption lane");
          if (a.index == kInvalidId || z.index == kInvalidId) continue;
          const std::size_t before = x.lanes.size();
          for (model::LaneId i = 0; i < b_.num_lanes(); ++i) {
            const model::NodeRef f = b_.lane_from(i), t = b_.lane_to(i);
            if (f.hub == a.hub && f.index == a.index && t.hub == z.hub && t.index == z.index)
              x.lanes.push_back(i);
          }
          if (x.lanes.size() == before)
            error(pos_of(l), "disruption names lane [" + l[0].Scalar() + ", " + l[1].Scalar() +
                                 "], which no lane defines");
        }
      }
    }
    if (const YAML::Node v = d["mode"]) {
      ++targets;
      x.target = model::DisruptionTarget::mode;
      if (auto m = v.IsScalar() ? model::parse_mode(v.Scalar()) : std::nullopt) x.mode = *m;
      else error(pos_of(v), "disruption mode " + dq(v.IsScalar() ? v.Scalar() : node_kind(v)) +
                                " is not one of road, rail, sea, air, inland_water, pipeline");
    }
    if (const YAML::Node v = d["product"]) {
      ++targets;
      x.target = model::DisruptionTarget::product;
      if (!v.IsScalar()) error(pos_of(v), "'product' expects a product id, found " + node_kind(v));
      else x.product = product_ref(Field{v.Scalar(), pos_of(v), true, v}, "disruption");
    }
    if (const YAML::Node v = d["from_region"]) {
      if (x.target != model::DisruptionTarget::product || targets != 1)
        error(pos_of(v), "'from_region' only goes with 'product'");
      x.from_region = region_ref(v, "disruption");
    }
    if (targets != 1)
      error(at, "a disruption needs exactly one target: sites, hubs, region, lanes, mode or product (found " +
                    std::to_string(targets) + ")");
    if (const YAML::Node v = d["capacity_loss"]) x.capacity_loss = yaml_number(v, "capacity_loss", Range::fraction).value_or(1.0);
    if (const YAML::Node v = d["stock"]) {
      if (v.IsScalar() && (v.Scalar() == "kept" || v.Scalar() == "lost")) {
        x.stock_lost = v.Scalar() == "lost";
        if (x.stock_lost && x.target != model::DisruptionTarget::sites && x.target != model::DisruptionTarget::region)
          error(pos_of(v), "'stock: lost' only goes with a disruption of sites or a region (their stock is destroyed)");
      } else {
        error(pos_of(v), "'stock' expects kept or lost, found " + (v.IsScalar() ? "'" + v.Scalar() + "'" : node_kind(v)));
      }
    }
    if (const YAML::Node v = d["start"]) x.start = static_cast<std::uint32_t>(yaml_whole(v, "start", 0).value_or(0));
    if (const YAML::Node v = d["duration"]) x.duration = static_cast<std::uint32_t>(yaml_whole(v, "duration", 1).value_or(1));
    else error(at, "disruption has no 'duration' (periods until full recovery)");
    b_.add_disruption(std::move(x));
  }
}

model::DurationDistribution Loader::read_duration(const YAML::Node& n) {
  model::DurationDistribution d;
  if (n.IsScalar()) {  // shorthand: a fixed number of periods
    d.a = d.b = yaml_number(n, "duration", Range::positive).value_or(1);
    return d;
  }
  if (!n.IsMap() || n.size() != 1) {
    error(pos_of(n), "duration expects one of {fixed: D}, {uniform: [A, B]}, {lognormal: [MU, SIGMA]}, {empirical: [D, ...]}, found " + node_kind(n));
    return d;
  }
  const std::string kind = n.begin()->first.Scalar();
  const YAML::Node v = n.begin()->second;
  auto list = [&](std::size_t want) -> std::vector<double> {
    std::vector<double> out;
    if (!v.IsSequence() || (want > 0 && v.size() != want) || v.size() == 0) {
      error(pos_of(v), kind + " expects a list of " + (want ? std::to_string(want) + " numbers" : std::string("numbers")) + ", found " + node_kind(v));
      return out;
    }
    for (const YAML::Node& x : v) out.push_back(yaml_number(x, kind, Range::any).value_or(NAN));
    return out;
  };
  if (kind == "fixed") {
    d.kind = model::DurationDistribution::Kind::fixed;
    d.a = d.b = yaml_number(v, "fixed duration", Range::positive).value_or(1);
  } else if (kind == "uniform") {
    d.kind = model::DurationDistribution::Kind::uniform;
    const auto x = list(2);
    if (x.size() == 2 && !std::isnan(x[0]) && !std::isnan(x[1])) {
      if (!(x[0] > 0 && x[1] >= x[0])) error(pos_of(v), "uniform [A, B] needs 0 < A <= B");
      d.a = x[0];
      d.b = x[1];
    }
  } else if (kind == "lognormal") {
    d.kind = model::DurationDistribution::Kind::lognormal;
    const auto x = list(2);
    if (x.size() == 2 && !std::isnan(x[0]) && !std::isnan(x[1])) {
      if (!(x[1] >= 0)) error(pos_of(v), "lognormal [MU, SIGMA] needs SIGMA >= 0");
      d.a = x[0];
      d.b = x[1];
    }
  } else if (kind == "empirical") {
    d.kind = model::DurationDistribution::Kind::empirical;
    d.values = list(0);
    for (double x : d.values)
      if (!(x > 0)) {
        error(pos_of(v), "empirical durations must all be > 0");
        break;
      }
  } else {
    static constexpr std::array<std::string_view, 4> kKinds = {"fixed", "uniform", "lognormal", "empirical"};
    error(pos_of(n.begin()->first), "unknown duration distribution " + q(kind) + did_you_mean(suggest(kind, kKinds)) +
                                        " (expected fixed, uniform, lognormal or empirical)");
  }
  return d;
}

void Loader::read_montecarlo() {
  const YAML::Node* n = top("montecarlo");
  if (n == nullptr || n->IsNull()) return;
  if (!n->IsMap()) {
    error(pos_of(*n), "'montecarlo' expects a map {runs, seed, events}, found " + node_kind(*n));
    return;
  }
  static constexpr std::array<std::string_view, 3> kKeys = {"runs", "seed", "events"};
  check_map_keys(*n, "montecarlo", kKeys);
  model::MonteCarloSpec mc;
  mc.present = true;
  mc.seed = settings_seed_;
  if (const YAML::Node v = (*n)["runs"]) {
    auto runs = yaml_whole(v, "runs", 1);
    if (runs && *runs > 100000000) error(pos_of(v), "runs must be at most 100000000");
    else if (runs) mc.runs = static_cast<std::uint32_t>(*runs);
  }
  if (const YAML::Node v = (*n)["seed"]) mc.seed = yaml_whole(v, "seed", 0).value_or(mc.seed);
  static constexpr std::array<std::string_view, 5> kEventKeys = {"sites", "region", "probability", "duration", "capacity_loss"};
  if (const YAML::Node ev = (*n)["events"]) {
    if (!ev.IsSequence()) {
      error(pos_of(ev), "'events' expects a list, found " + node_kind(ev));
    } else {
      for (const YAML::Node& e : ev) {
        if (!e.IsMap()) {
          error(pos_of(e), "expected an event (a map of keys), found " + node_kind(e));
          continue;
        }
        check_map_keys(e, "Monte Carlo event", kEventKeys);
        model::MonteCarloEvent x;
        const YAML::Node sites = e["sites"];
        const YAML::Node region = e["region"];
        if (static_cast<bool>(sites) == static_cast<bool>(region))
          error(pos_of(e), "an event needs exactly one of 'sites' (all or a list) and 'region'");
        if (sites) {
          if (sites.IsScalar() && sites.Scalar() == "all") {
            x.all_sites = true;
          } else if (sites.IsSequence()) {
            for (const YAML::Node& s : sites) {
              if (!s.IsScalar()) {
                error(pos_of(s), "expected a site id, found " + node_kind(s));
                continue;
              }
              const SiteId id = site_ref(Field{s.Scalar(), pos_of(s), true, s}, "event");
              if (id != kInvalidId) x.sites.push_back(id);
            }
          } else {
            error(pos_of(sites), "'sites' expects 'all' or a list of site ids");
          }
        }
        if (region) x.region = region_ref(region, "event");
        if (const YAML::Node p = e["probability"]) x.probability = yaml_number(p, "probability", Range::share).value_or(0);
        else error(pos_of(e), "event has no 'probability'");
        if (const YAML::Node d = e["duration"]) x.duration = read_duration(d);
        else error(pos_of(e), "event has no 'duration'");
        if (const YAML::Node c = e["capacity_loss"]) x.capacity_loss = yaml_number(c, "capacity_loss", Range::fraction).value_or(1);
        mc.events.push_back(std::move(x));
      }
    }
  }
  b_.set_montecarlo(std::move(mc));
}

// Variants: a list of {id, name, base, changes}, or {csv: FILE} of scenario items (one change a
// row). Changes are checked for form here; their rows and results when a variant is applied.
void Loader::add_change(model::VariantSpec& v, const YAML::Node& change, Pos fallback) {
  std::vector<variant::Issue> issues;
  const auto parsed = variant::parse_change(change, issues);
  for (const variant::Issue& i : issues) {
    Pos p = fallback;
    if (i.mark.line >= 0) {
      p.line = static_cast<std::uint32_t>(i.mark.line + 1);
      p.column = static_cast<std::uint16_t>(std::min(i.mark.column + 1, 65535));
    }
    report(p, i.warning ? Severity::warning : Severity::error, "variant " + q(v.id) + ": " + i.message);
  }
  model::ChangeSpec c;
  c.yaml = variant::to_flow(change);
  c.file = files_[fallback.file];
  c.line = fallback.line;
  c.column = fallback.column;
  if (change.Mark().line >= 0) {
    c.line = static_cast<std::uint32_t>(change.Mark().line + 1);
    c.column = static_cast<std::uint32_t>(change.Mark().column + 1);
  }
  if (parsed) v.changes.push_back(std::move(c));
}

void Loader::read_variants_csv(const std::string& path, Pos at, std::vector<model::VariantSpec>& out,
                               std::vector<Pos>& at_of) {
  if (!std::filesystem::is_regular_file(path)) {
    error(at, "cannot read CSV table " + q(path) + ": no such file");
    return;
  }
  const std::uint16_t file = add_file(path);
  static constexpr std::array<std::string_view, 9> kColumns = {"variant", "name", "base", "table", "action",
                                                               "where", "values", "column", "factor"};
  std::vector<int> col;
  // "a=1; b=x|y" -> {a: 1, b: [x, y]} (lists only where `lists`).
  auto pairs = [&](std::string_view cell, bool lists, Pos p, YAML::Node& out_map) {
    out_map = YAML::Node(YAML::NodeType::Map);
    while (!cell.empty()) {
      const std::size_t cut = cell.find(';');
      const std::string_view part = trim(cell.substr(0, cut));
      cell = cut == std::string_view::npos ? std::string_view() : cell.substr(cut + 1);
      if (part.empty()) continue;
      const std::size_t eq = part.find('=');
      if (eq == std::string_view::npos) {
        error(p, "expected COLUMN=VALUE (several separated by ';'), found " + q(part));
        return false;
      }
      const std::string key(trim(part.substr(0, eq)));
      std::string_view value = trim(part.substr(eq + 1));
      if (lists && value.find('|') != std::string_view::npos) {
        YAML::Node list(YAML::NodeType::Sequence);
        while (!value.empty()) {
          const std::size_t bar = value.find('|');
          list.push_back(std::string(trim(value.substr(0, bar))));
          value = bar == std::string_view::npos ? std::string_view() : value.substr(bar + 1);
        }
        out_map[key] = list;
      } else {
        out_map[key] = std::string(value);
      }
    }
    return true;
  };
  try {
    read_csv(
        path,
        [&](const CsvRow& row) {
          auto cell = [&](int k) -> std::string_view {
            for (std::size_t c = 0; c < col.size(); ++c)
              if (col[c] == k && c < row.fields.size()) return row.fields[c];
            return {};
          };
          auto cell_pos = [&](int k) {
            for (std::size_t c = 0; c < col.size(); ++c)
              if (col[c] == k) return Pos{row.line, static_cast<std::uint16_t>(c + 1), file};
            return Pos{row.line, 1, file};
          };
          if (col.empty()) {
            for (std::size_t c = 0; c < row.fields.size(); ++c) {
              const auto it = std::find(kColumns.begin(), kColumns.end(), row.fields[c]);
              if (it == kColumns.end())
                root_error(Pos{row.line, static_cast<std::uint16_t>(c + 1), file},
                           unknown_column(row.fields[c], "the variants", did_you_mean(suggest(row.fields[c], kColumns))));
              col.push_back(it == kColumns.end() ? -1 : static_cast<int>(it - kColumns.begin()));
            }
            if (std::find(col.begin(), col.end(), 0) == col.end())
              error(Pos{row.line, 1, file}, "the variants table needs a 'variant' column");
            return true;
          }
          const std::string_view id = cell(0);
          if (id.empty()) {
            error(cell_pos(0), "a row of the variants table needs its 'variant'");
            return true;
          }
          auto it = std::find_if(out.begin(), out.end(), [&](const model::VariantSpec& v) { return v.id == id; });
          if (it == out.end()) {
            model::VariantSpec v;
            v.id = std::string(id);
            v.file = files_[file];
            v.line = row.line;
            v.column = 1;
            out.push_back(std::move(v));
            at_of.push_back(Pos{row.line, 1, file});
            it = out.end() - 1;
          }
          if (!cell(1).empty()) it->name = std::string(cell(1));
          if (!cell(2).empty()) it->base = std::string(cell(2));
          if (cell(3).empty() && cell(4).empty()) return true;  // a row naming the variant only
          YAML::Node change(YAML::NodeType::Map);
          change["table"] = std::string(cell(3));
          change["action"] = std::string(cell(4));
          YAML::Node m;
          if (!cell(5).empty() || cell(4) == "remove" || cell(4) == "set" || cell(4) == "scale") {
            if (!pairs(cell(5), true, cell_pos(5), m)) return true;
            if (cell(3) != "settings" || !cell(5).empty()) change["where"] = m;
          }
          if (!cell(6).empty()) {
            if (!pairs(cell(6), false, cell_pos(6), m)) return true;
            if (cell(4) == "add") {
              YAML::Node rows(YAML::NodeType::Sequence);
              rows.push_back(m);
              change["rows"] = rows;
            } else {
              change["values"] = m;
            }
          }
          if (!cell(7).empty()) change["column"] = std::string(cell(7));
          if (!cell(8).empty()) change["factor"] = std::string(cell(8));
          add_change(*it, change, Pos{row.line, 1, file});
          return true;
        },
        [&](std::uint32_t line, std::uint32_t column, std::string msg) {
          error(Pos{line, static_cast<std::uint16_t>(column), file}, std::move(msg));
        });
  } catch (const IoError& e) {
    error(at, e.what());
  }
}

void Loader::read_variants() {
  const YAML::Node* n = top("variants");
  if (n == nullptr || n->IsNull()) return;
  std::vector<model::VariantSpec> out;
  std::vector<Pos> at_of;  // of each variant
  if (n->IsMap() && n->size() == 1 && (*n)["csv"]) {
    const auto path = csv_reference(*n);
    if (!path) return;
    read_variants_csv(*path, pos_of((*n)["csv"]), out, at_of);
  } else if (n->IsSequence()) {
    static constexpr std::array<std::string_view, 4> kKeys = {"id", "name", "base", "changes"};
    for (const YAML::Node& item : *n) {
      if (!item.IsMap()) {
        error(pos_of(item), "expected a variant {id, name, base, changes}, found " + node_kind(item));
        continue;
      }
      check_map_keys(item, "variant", kKeys);
      model::VariantSpec v;
      const YAML::Node id = item["id"];
      if (!id || !id.IsScalar() || id.Scalar().empty()) {
        error(pos_of(id ? id : item), "a variant needs an 'id'");
        continue;
      }
      v.id = id.Scalar();
      const Pos at = pos_of(item);
      v.file = files_[at.file];
      v.line = at.line;
      v.column = at.column;
      for (const char* key : {"name", "base"})
        if (const YAML::Node x = item[key]) {
          if (!x.IsScalar()) error(pos_of(x), std::string("a variant's '") + key + "' is text, found " + node_kind(x));
          else (std::string_view(key) == "name" ? v.name : v.base) = x.Scalar();
        }
      const YAML::Node changes = item["changes"];
      if (!changes || !(changes.IsSequence() || changes.IsNull())) {
        error(pos_of(changes ? changes : item), "a variant needs 'changes': a list of changes");
      } else if (changes.IsSequence()) {
        for (const YAML::Node& c : changes) add_change(v, c, pos_of(c));
      }
      out.push_back(std::move(v));
      at_of.push_back(pos_of(id));
    }
  } else {
    error(pos_of(*n), "'variants' expects a list of variants or {csv: FILE}, found " + node_kind(*n));
    return;
  }
  // Ids unique; bases known and without cycles.
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (out[i].id == out[j].id) error(at_of[i], "duplicate variant id " + q(out[i].id) + " (first defined at " + where(at_of[j]) + ")");
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].base.empty()) continue;
    std::vector<std::string_view> ids;
    for (const auto& v : out) ids.push_back(v.id);
    std::size_t at = i;
    for (std::size_t steps = 0; steps <= out.size(); ++steps) {
      const std::string& b = out[at].base;
      if (b.empty()) break;
      auto it = std::find_if(out.begin(), out.end(), [&](const model::VariantSpec& v) { return v.id == b; });
      if (it == out.end()) {
        if (at == i)
          error(at_of[i], "variant " + q(out[i].id) + ": unknown base " + q(b) + did_you_mean(suggest(b, ids)));
        break;
      }
      at = static_cast<std::size_t>(it - out.begin());
      if (at == i) {
        error(at_of[i], "variant " + q(out[i].id) + ": its bases form a cycle");
        break;
      }
    }
  }
  b_.set_variants(std::move(out));
}

// Candidates of the strengthen planner: a list of maps, or {csv: FILE} with one candidate a row
// (nested maps as `product=capacity; ...`). Checked for form here, against the chain when the
// planner resolves them.
void Loader::add_candidate(const YAML::Node& item, Pos fallback, std::vector<model::CandidateSpec>& out,
                           std::vector<Pos>& at_of) {
  std::vector<variant::Issue> issues;
  const bool ok = strengthen::check_candidate_form(item, issues);
  for (const variant::Issue& i : issues) {
    Pos p = fallback;
    if (i.mark.line >= 0) {
      p.line = static_cast<std::uint32_t>(i.mark.line + 1);
      p.column = static_cast<std::uint16_t>(std::min(i.mark.column + 1, 65535));
    }
    report(p, i.warning ? Severity::warning : Severity::error, i.message);
  }
  if (!ok) return;
  model::CandidateSpec c;
  c.id = std::string(trim(item["id"].Scalar()));
  c.yaml = variant::to_flow(item);
  c.file = files_[fallback.file];
  c.line = fallback.line;
  c.column = fallback.column;
  if (item.Mark().line >= 0) {
    c.line = static_cast<std::uint32_t>(item.Mark().line + 1);
    c.column = static_cast<std::uint32_t>(item.Mark().column + 1);
  }
  at_of.push_back(Pos{c.line, static_cast<std::uint16_t>(std::min<std::uint32_t>(c.column, 65535)), fallback.file});
  out.push_back(std::move(c));
}

std::optional<std::string> Loader::csv_reference(const YAML::Node& n) {
  const YAML::Node csv = n["csv"];
  if (!csv.IsScalar() || csv.Scalar().empty()) {
    error(pos_of(csv), "expected a file path after 'csv:'");
    return std::nullopt;
  }
  std::filesystem::path p(csv.Scalar());
  if (p.is_relative()) p = std::filesystem::path(base_dir_) / p;
  return p.lexically_normal().string();
}

void Loader::read_report_settings(const YAML::Node& v, model::ReportSettings& out) {
  if (!v.IsMap()) {
    error(pos_of(v), "'settings.report' expects a map {tiles, budget, objective}, found " + node_kind(v));
    return;
  }
  static constexpr std::array<std::string_view, 3> kKeys = {"tiles", "budget", "objective"};
  check_map_keys(v, "settings.report", kKeys);
  for (auto r = v.begin(); r != v.end(); ++r) {
    const std::string& rk = r->first.Scalar();
    const YAML::Node x = r->second;  // a copy: the iterator's pair is a temporary
    if (rk == "budget") {
      out.budget = yaml_number(x, rk, Range::non_negative).value_or(out.budget);
      continue;
    }
    if (rk != "tiles" && rk != "objective") continue;
    if (!x.IsScalar()) {
      error(pos_of(x), "'settings.report." + rk + "' expects text, found " + node_kind(x));
      continue;
    }
    if (rk == "tiles") {
      const std::string& url = x.Scalar();
      if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        error(pos_of(x), "'settings.report.tiles' expects an http(s) URL template such as "
                         "https://tile.openstreetmap.org/{z}/{x}/{y}.png, found " + dq(url));
      else
        out.tiles = url;
    } else {
      static constexpr std::array<std::string_view, 5> kObjectives = {"at_risk", "pi", "expected_loss", "cvar95", "spof"};
      if (std::find(kObjectives.begin(), kObjectives.end(), x.Scalar()) == kObjectives.end())
        error(pos_of(x), "'settings.report.objective' expects at_risk, pi, expected_loss, cvar95 or spof, found " +
                             dq(x.Scalar()));
      else
        out.objective = x.Scalar();
    }
  }
}

void Loader::read_candidates() {
  const YAML::Node* n = top("candidates");
  if (n == nullptr || n->IsNull()) return;
  std::vector<model::CandidateSpec> out;
  std::vector<Pos> at_of;
  if (n->IsMap() && n->size() == 1 && (*n)["csv"]) {
    const YAML::Node csv = (*n)["csv"];
    const auto found = csv_reference(*n);
    if (!found) return;
    const std::string& path = *found;
    if (!std::filesystem::is_regular_file(path)) {
      error(pos_of(csv), "cannot read CSV table " + q(path) + ": no such file");
      return;
    }
    const std::uint16_t file = add_file(path);
    const auto columns = strengthen::candidate_columns();
    std::vector<int> col;
    try {
      read_csv(
          path,
          [&](const CsvRow& row) {
            if (col.empty()) {
              for (std::size_t c = 0; c < row.fields.size(); ++c) {
                const auto it = std::find(columns.begin(), columns.end(), row.fields[c]);
                if (it == columns.end())
                  root_error(Pos{row.line, static_cast<std::uint16_t>(c + 1), file},
                             unknown_column(row.fields[c], "the candidates", did_you_mean(suggest(row.fields[c], columns))));
                col.push_back(it == columns.end() ? -1 : static_cast<int>(it - columns.begin()));
              }
              return true;
            }
            // The row as the map a YAML candidate would be: empty cells left out; makes and
            // stock as "product=number; ...", tags as "a;b".
            YAML::Node item(YAML::NodeType::Map);
            for (std::size_t c = 0; c < col.size() && c < row.fields.size(); ++c) {
              const std::string_view cell = trim(row.fields[c]);
              if (col[c] < 0 || cell.empty()) continue;
              const std::string key(columns[static_cast<std::size_t>(col[c])]);
              if (key == "makes" || key == "stock") {
                YAML::Node m(YAML::NodeType::Map);
                std::string_view rest = cell;
                while (!rest.empty()) {
                  const std::size_t cut = rest.find(';');
                  const std::string_view part = trim(rest.substr(0, cut));
                  rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
                  if (part.empty()) continue;
                  const std::size_t eq = part.find('=');
                  if (eq == std::string_view::npos) m[std::string(part)] = YAML::Node();
                  else m[std::string(trim(part.substr(0, eq)))] = std::string(trim(part.substr(eq + 1)));
                }
                item[key] = m;
              } else {
                item[key] = std::string(cell);
              }
            }
            add_candidate(item, Pos{row.line, 1, file}, out, at_of);
            return true;
          },
          [&](std::uint32_t line, std::uint32_t column, std::string msg) {
            error(Pos{line, static_cast<std::uint16_t>(column), file}, std::move(msg));
          });
    } catch (const IoError& e) {
      error(pos_of(csv), e.what());
    }
  } else if (n->IsSequence()) {
    for (const YAML::Node& item : *n) add_candidate(item, pos_of(item), out, at_of);
  } else {
    error(pos_of(*n), "'candidates' expects a list of candidates or {csv: FILE}, found " + node_kind(*n));
    return;
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (out[i].id == out[j].id)
        error(at_of[i], "duplicate candidate id " + q(out[i].id) + " (first defined at " + where(at_of[j]) + ")");
  b_.set_candidates(std::move(out));
}

void Loader::map_findings(const model::Chain& chain) {
  using model::FindingSubject;
  for (const model::Finding& f : model::check_semantics(chain)) {
    Pos at = root_pos_;
    switch (f.subject) {
      case FindingSubject::chain: break;
      case FindingSubject::bom_entry: {
        auto it = bom_pos_.find(key2(f.index, f.index2));
        if (it != bom_pos_.end()) at = it->second;
        break;
      }
      case FindingSubject::recipe: {
        auto it = recipe_pos_.find(key2(chain.makes().site[f.index], chain.makes().product[f.index]));
        if (it != recipe_pos_.end()) at = it->second;
        break;
      }
      case FindingSubject::site: at = site_pos_[f.index]; break;
      case FindingSubject::demand: {
        const auto& h = chain.holdings();
        if (const Pos* p = find_pos(demand_pos_, key2(h.site[f.index], h.product[f.index]))) at = *p;
        break;
      }
      case FindingSubject::supply: at = supply_pos_[f.index]; break;
      case FindingSubject::lane: at = lane_pos_[f.index]; break;
    }
    report(at, f.severity, f.message);
  }
}

LoadResult Loader::finish() {
  read_header();
  if (!format_ok_ && top_.empty()) fail();
  read_products();
  read_bom();
  read_sites();
  read_hubs();
  read_road();
  read_long_tables();
  read_supplies();
  read_lanes();
  read_disruptions();
  read_montecarlo();
  read_variants();
  read_candidates();
  if (errors_ > 0) fail();
  model::Chain chain;
  try {
    chain = b_.build();
  } catch (const InvalidInput& e) {  // loader checks should have caught it; never lose it
    error(root_pos_, e.what());
    fail();
  }
  map_findings(chain);
  if (errors_ > 0) fail();
  std::sort(diags_.begin(), diags_.end(), diagnostic_less);
  return LoadResult{std::move(chain), std::move(diags_)};
}

LoadResult Loader::load_text(const std::string& yaml, const std::string& name, const std::string& base) {
  yaml_file_ = add_file(name);
  base_dir_ = base;
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    Pos p{static_cast<std::uint32_t>(e.mark.line + 1), static_cast<std::uint16_t>(e.mark.column + 1), yaml_file_};
    error(p, "YAML syntax: " + e.msg);
    fail();
  }
  parse_root(root);
  return finish();
}

LoadResult Loader::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) throw IoError("cannot open scenario '" + path + "': no such file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError("cannot read scenario '" + path + "'");
  std::string base = std::filesystem::path(path).parent_path().string();
  if (base.empty()) base = ".";
  return load_text(ss.str(), path, base);
}

LoadResult Loader::load_tables(const std::string& yaml, const std::map<std::string, TextTable>& tables) {
  frames_ = &tables;
  yaml_file_ = add_file("<scenario>");
  base_dir_ = ".";
  YAML::Node root;
  try {
    root = YAML::Load(yaml.empty() ? std::string("{}") : yaml);
  } catch (const YAML::Exception& e) {
    error(Pos{static_cast<std::uint32_t>(e.mark.line + 1), static_cast<std::uint16_t>(e.mark.column + 1), yaml_file_},
          "YAML syntax: " + e.msg);
    fail();
  }
  parse_root(root);
  for (const auto& [key, t] : tables) {
    static constexpr std::array<std::string_view, 10> kTables = {"products", "sites", "hubs", "supplies", "lanes",
                                                                 "bom", "capacities", "stocks", "demands", "recipes"};
    if (std::find(kTables.begin(), kTables.end(), key) == kTables.end())
      error(Pos{0, 0, yaml_file_}, "unknown table " + q(key) + did_you_mean(suggest(key, kTables)));
    else if (top_.count(key))
      error(pos_of(top_.at(key).first), "table " + q(key) + " is given both as a frame and in the scenario");
    if (!t.cells.empty())
      for (const auto& col : t.cells)
        if (col.size() != t.cells[0].size()) error(Pos{0, 0, yaml_file_}, "table " + q(key) + " has columns of different lengths");
    if (t.cells.size() != t.columns.size()) error(Pos{0, 0, yaml_file_}, "table " + q(key) + " has " + std::to_string(t.columns.size()) + " column names but " + std::to_string(t.cells.size()) + " columns");
  }
  if (errors_ > 0) fail();
  return finish();
}

}  // namespace

LoadResult load_scenario(const std::string& path) { return Loader().load_file(path); }

LoadResult load_scenario_text(const std::string& yaml, const std::string& display_name,
                              const std::string& base_dir) {
  return Loader().load_text(yaml, display_name, base_dir);
}

LoadResult load_tables(const std::string& yaml, const std::map<std::string, TextTable>& tables) {
  return Loader().load_tables(yaml, tables);
}

}  // namespace chainnet::io
