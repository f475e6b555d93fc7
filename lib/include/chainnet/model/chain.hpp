// The immutable chain snapshot that every analysis reads.
//
// A Chain is made by ChainBuilder::build() (or by the scenario loader, which fills a builder).
// It holds products with their bills of materials, sites, hubs, supplies and lanes as arrays
// indexed by dense ids, with forward and reverse CSR adjacency for supplies (over sites) and for
// lanes (over nodes = sites then hubs). Nothing in it changes after build(); algorithms take it
// by const reference and express what-ifs as masks or capacity vectors of their own.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chainnet/model/column.hpp"
#include "chainnet/model/id_index.hpp"
#include "chainnet/model/ids.hpp"

namespace chainnet::model {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

/// What a site is. Markets have demand; the others make, hold or pass on goods.
enum class SiteKind : std::uint8_t { supplier, plant, warehouse, port, market };
inline constexpr int kNumSiteKinds = 5;
std::string_view to_string(SiteKind kind);
/// Hours in a period named `time_unit` (hour, day, week, month, quarter, year, singular or
/// plural, any case); 0 when the name is none of these.
double hours_in(std::string_view time_unit);
std::optional<SiteKind> parse_site_kind(std::string_view text);

/// Transport mode of a lane.
enum class Mode : std::uint8_t { road, rail, sea, air, inland_water, pipeline };
inline constexpr int kNumModes = 6;
std::string_view to_string(Mode mode);
std::optional<Mode> parse_mode(std::string_view text);

/// Compressed sparse rows: the items of row r are items[first[r] .. first[r+1]).
struct Csr {
  Column<std::uint32_t> first{0};
  Column<std::uint32_t> items;
  [[nodiscard]] std::uint32_t rows() const { return static_cast<std::uint32_t>(first.size() - 1); }
  [[nodiscard]] std::span<const std::uint32_t> operator[](std::uint32_t row) const {
    return {items.data() + first[row], items.data() + first[row + 1]};
  }
  [[nodiscard]] std::uint32_t degree(std::uint32_t row) const { return first[row + 1] - first[row]; }
  bool operator==(const Csr&) const = default;
};

/// A run of consecutive ids [begin, end), iterable like a container of ids.
struct IdRange {
  std::uint32_t begin_ = 0, end_ = 0;
  struct iterator {
    std::uint32_t v;
    std::uint32_t operator*() const { return v; }
    iterator& operator++() {
      ++v;
      return *this;
    }
    bool operator==(const iterator&) const = default;
  };
  [[nodiscard]] iterator begin() const { return {begin_}; }
  [[nodiscard]] iterator end() const { return {end_}; }
  [[nodiscard]] std::uint32_t size() const { return end_ - begin_; }
  [[nodiscard]] bool empty() const { return end_ == begin_; }
};

/// Items sorted by row: the items of row r are the ids first[r] .. first[r+1]-1 (a CSR whose
/// items are the identity, so only the offsets are stored).
struct Ranges {
  Column<std::uint32_t> first{0};
  [[nodiscard]] IdRange operator[](std::uint32_t row) const { return {first[row], first[row + 1]}; }
  [[nodiscard]] std::uint32_t degree(std::uint32_t row) const { return first[row + 1] - first[row]; }
  bool operator==(const Ranges&) const = default;
};

/// Many short strings in one arena (names, descriptions). get(i) is a view into the arena.
class StringColumn {
 public:
  void push_back(std::string_view s) {
    chars_.insert_at_end(s.begin(), s.end());
    offsets_.push_back(chars_.size());
  }
  [[nodiscard]] std::string_view operator[](std::size_t i) const {
    return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  [[nodiscard]] std::size_t size() const { return offsets_.size() - 1; }
  void reserve(std::size_t n, std::size_t chars) {
    offsets_.reserve(n + 1);
    chars_.reserve(chars);
  }
  bool operator==(const StringColumn&) const = default;

 private:
  // Columns: copies of a table share the strings, and a variant's new rows are appended.
  Column<char> chars_;
  Column<std::uint64_t> offsets_{0};
};

/// Labels of the user's units; shown in reports, never used in arithmetic.
struct Units {
  std::string quantity = "unit";
  std::string time = "period";
  std::string currency = "currency";
  bool operator==(const Units&) const = default;
};

/// Defaults for analyses (scenario key `settings`).
/// How `strengthen --suggest` prices the candidates it makes (settings.candidates; docs/models.md,
/// "Strengthen"). Amounts are multiples of the product's value per unit.
struct CandidateRules {
  double supply_periods = 4;     ///< a second source: periods of its capacity's value (qualification, tooling)
  double stock_share = 1.0;      ///< a strategic stock: this share of its value (1: bought outright)
  double capacity_periods = 52;  ///< extra capacity: periods of the added output's value (a year)
  double capacity_share = 0.25;  ///< extra capacity suggested at a maker: this share of its line
  bool operator==(const CandidateRules&) const = default;
};

/// What `chainnet report` adds to the page (settings.report).
struct ReportSettings {
  std::string tiles;  ///< a tile URL template ({z}/{x}/{y}) for online maps; empty: the offline outline
  double budget = -1; ///< >= 0: the report shows a strengthen plan within this budget (currency)
  std::string objective = "pi";  ///< the strengthen plan's objective
  bool operator==(const ReportSettings&) const = default;
};

struct Settings {
  double carbon_price = 0.0;   ///< currency per kg CO2 in the generalized route cost
  double value_of_time = 0.0;  ///< currency per hour in transit in the generalized route cost
  std::uint32_t horizon = 26;  ///< periods simulated by stress tests
  double ttr = 4.0;            ///< default time to recover of a failed site, periods
  std::uint64_t seed = 42;     ///< default random seed
  /// Hours in one period: turns lanes' time_h into periods (a detour's extra lead time). Default
  /// from units.time (hour 1, day 24, week 168, month 730, quarter 2190, year 8760), else 168.
  double hours_per_period = 168.0;
  CandidateRules candidates;
  ReportSettings report;
  bool operator==(const Settings&) const = default;
};

struct ProductTable {
  IdIndex ids;
  StringColumn names;                   ///< empty when not given
  Column<double> value;            ///< currency per unit (default 1)
  Csr bom;                              ///< bom[p] = input products of p, sorted by id
  Column<double> bom_quantity;     ///< parallel to bom.items: input units per output unit
  [[nodiscard]] std::uint32_t size() const { return ids.size(); }
  bool operator==(const ProductTable&) const = default;
};

struct SiteTable {
  StringColumn names;
  Column<SiteKind> kind;
  Column<RegionId> region;
  Column<FirmId> firm;
  Column<double> lat;          ///< degrees, NaN when not given
  Column<double> lon;          ///< degrees, NaN when not given
  Column<double> ttr;          ///< periods, NaN = settings.ttr
  Csr tags;                         ///< tag ids per site (Chain::tags names them)
  Ranges holdings;                  ///< holding ids of the site (consecutive, by product)
  Ranges makes;                     ///< make ids of the site (consecutive, by product)
  Csr supplies_out;                 ///< supply ids the site sells, in supply order
  Csr supplies_in;                  ///< supply ids the site buys, in supply order
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(kind.size()); }
  bool operator==(const SiteTable&) const = default;
};

struct HubTable {
  StringColumn names;
  Column<RegionId> region;  ///< kInvalidId when not given
  Column<double> lat;
  Column<double> lon;
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(region.size()); }
  bool operator==(const HubTable&) const = default;
};

/// (site, product) pairs the chain mentions, sorted by site then product. Per-pair state of
/// analyses (inventory, balance rows of an LP, availability) is indexed by HoldingId.
struct HoldingTable {
  Column<SiteId> site;
  Column<ProductId> product;
  Column<double> stock;   ///< units on hand at period 0
  Column<double> demand;  ///< units per period (markets)
  Column<MakeId> make;    ///< the production line of this pair, or kInvalidId
  Csr sold;                    ///< supply ids whose seller_holding is this pair
  Csr bought;                  ///< supply ids whose buyer_holding is this pair
  Csr used_in;                 ///< recipe entries (MakeTable::recipe.items indices) needing it
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(site.size()); }
  bool operator==(const HoldingTable&) const = default;
};

/// Production lines: site `site` makes `product` up to `capacity` units per period.
/// The recipe is the product's BOM unless the site gave its own (`own_recipe`).
struct MakeTable {
  Column<SiteId> site;
  Column<ProductId> product;
  Column<HoldingId> holding;         ///< the (site, product) holding of the output
  Column<double> capacity;           ///< units per period (kUnlimited allowed)
  Column<double> unit_cost;          ///< currency per unit
  Column<double> co2_kg;             ///< kg CO2 per unit
  Column<std::uint8_t> own_recipe;   ///< 1 when the site overrides the product's BOM
  Csr recipe;                             ///< recipe[m] = input products, sorted by id
  Column<HoldingId> recipe_holding;  ///< parallel to recipe.items: the (site, input) holding
  Column<double> recipe_quantity;    ///< parallel to recipe.items: input units per output unit
  Column<MakeId> recipe_make;        ///< parallel to recipe.items: the line the entry is of
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(site.size()); }
  bool operator==(const MakeTable&) const = default;
};

/// Supplies: `seller` sells `product` to `buyer`.
struct SupplyTable {
  Column<SiteId> seller;
  Column<SiteId> buyer;
  Column<ProductId> product;
  Column<HoldingId> seller_holding;
  Column<HoldingId> buyer_holding;
  Column<double> capacity;      ///< units per period; kUnlimited when not given
  Column<double> share;         ///< normal share of the buyer's need, defaults resolved
  Column<std::uint8_t> share_given;  ///< 1 when the share was written (then share is it)
  Column<std::uint32_t> lead_time;  ///< periods between shipment and arrival
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(seller.size()); }
  bool operator==(const SupplyTable&) const = default;
};

/// Lanes between nodes (sites first, then hubs), one direction each as written.
struct LaneTable {
  Column<NodeId> from;
  Column<NodeId> to;
  Column<Mode> mode;
  Column<double> distance_km;
  Column<double> time_h;
  Column<double> cost;      ///< currency per unit carried
  Column<double> capacity;  ///< units per period; kUnlimited when not given
  Column<double> co2_kg;    ///< kg CO2 per unit carried
  Csr out;                       ///< lane ids leaving each node
  Csr in;                        ///< lane ids entering each node
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(from.size()); }
  bool operator==(const LaneTable&) const = default;
};

/// Regions: every code a site or hub names, plus each of its prefixes at '-' boundaries
/// ("CN-JX" also makes "CN"). parent is kInvalidId at the top level.
struct RegionTable {
  IdIndex codes;
  Column<RegionId> parent;
  Column<std::uint8_t> assigned;  ///< 1 when some site or hub names this code itself
  [[nodiscard]] std::uint32_t size() const { return codes.size(); }
  /// True when `r` is `ancestor` or lies inside it.
  [[nodiscard]] bool within(RegionId r, RegionId ancestor) const {
    for (; r != kInvalidId; r = parent[r])
      if (r == ancestor) return true;
    return false;
  }
  bool operator==(const RegionTable&) const = default;
};

/// What a disruption hits.
enum class DisruptionTarget : std::uint8_t { sites, region, lanes, mode, product, hubs };

/// A named stress scenario: capacity loss of its target from `start` for `duration` periods.
struct Disruption {
  std::string id;
  std::string name;
  DisruptionTarget target = DisruptionTarget::sites;
  std::vector<SiteId> sites;               ///< target sites
  RegionId region = kInvalidId;            ///< target region
  std::vector<LaneId> lanes;               ///< target lanes
  std::vector<NodeId> hubs;                ///< target hubs (node ids): transit through them closes
  Mode mode = Mode::road;                  ///< target mode
  ProductId product = kInvalidId;          ///< target product
  RegionId from_region = kInvalidId;       ///< product: only its makers in this region
  double capacity_loss = 1.0;              ///< fraction in (0, 1]
  std::uint32_t start = 0;                 ///< first affected period
  std::uint32_t duration = 1;              ///< periods until full recovery
  /// `stock: lost` (a fire, a flood): the hit sites' stock is destroyed too (capacity_loss of it,
  /// at the start); default `kept`: a failed site can still ship what it holds.
  bool stock_lost = false;
  bool operator==(const Disruption&) const = default;
};

/// A random duration, in periods.
struct DurationDistribution {
  enum class Kind : std::uint8_t { fixed, uniform, lognormal, empirical };
  Kind kind = Kind::fixed;
  double a = 1.0;  ///< fixed value; uniform low; lognormal mu (of the log)
  double b = 1.0;  ///< uniform high; lognormal sigma (of the log)
  std::vector<double> values;  ///< empirical: equally likely values
  bool operator==(const DurationDistribution&) const = default;
};

/// One kind of random event of a Monte Carlo stress test.
struct MonteCarloEvent {
  bool all_sites = false;           ///< `sites: all`: each site fails independently
  std::vector<SiteId> sites;        ///< each listed site fails independently
  RegionId region = kInvalidId;     ///< all sites of the region fail together
  double probability = 0.0;         ///< per site (or per region event) over the horizon
  DurationDistribution duration;
  double capacity_loss = 1.0;
  bool operator==(const MonteCarloEvent&) const = default;
};

struct MonteCarloSpec {
  bool present = false;
  std::uint32_t runs = 1000;
  std::uint64_t seed = 42;
  std::vector<MonteCarloEvent> events;
  bool operator==(const MonteCarloSpec&) const = default;
};

/// One change of a variant (docs/scenario-format.md, "Variants"), kept as written: a YAML map
/// in flow style, with the place it was written for diagnostics. chainnet::variant applies it.
struct ChangeSpec {
  std::string yaml;            ///< e.g. {table: stocks, action: scale, where: {product: cobalt}, ...}
  std::string file;            ///< where it was written (not part of equality)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool operator==(const ChangeSpec& o) const { return yaml == o.yaml; }
};

/// A named variant of the scenario: its base (another variant, or the scenario itself when
/// empty) with `changes` applied in order.
struct VariantSpec {
  std::string id;
  std::string name;
  std::string base;
  std::vector<ChangeSpec> changes;
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool operator==(const VariantSpec& o) const {
    return id == o.id && name == o.name && base == o.base && changes == o.changes;
  }
};

/// A candidate action of the strengthen planner (docs/scenario-format.md, "Candidates"), kept as
/// written: its YAML map in flow style, with the place it was written. chainnet::strengthen
/// resolves it against the chain.
struct CandidateSpec {
  std::string id;
  std::string yaml;  ///< e.g. {id: second_cobalt, kind: supply, from: ..., cost: 2.0e6}
  std::string file;  ///< where it was written (not part of equality)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool operator==(const CandidateSpec& o) const { return yaml == o.yaml; }
};

class ChainBuilder;

/// The immutable chain. Cheap to move and to copy: copies share the tables (a variant made by
/// ChainEditor shares every table it does not change). Analyses express what-ifs as masks.
/// A table a Chain shares with its copies: const access through a const holder (so that a const
/// Chain never reaches its columns' copy-on-write paths: reading a shared column from many threads
/// must not copy it), non-const access for the builder and the editor.
template <class T>
class SharedTable {
 public:
  SharedTable() : p_(std::make_shared<T>()) {}
  const T& operator*() const { return *p_; }
  const T* operator->() const { return p_.get(); }
  T& operator*() { return *p_; }
  T* operator->() { return p_.get(); }
  /// Makes this holder the only owner of a copy of the table (O(1) per column: columns share).
  void own_copy() { p_ = std::make_shared<T>(std::as_const(*p_)); }
  /// Replaces the table.
  void replace(T t) { p_ = std::make_shared<T>(std::move(t)); }
  /// The table, shared (for a table built on top of it).
  [[nodiscard]] std::shared_ptr<const T> share() const { return p_; }

 private:
  std::shared_ptr<T> p_;
};

class Chain {
 public:
  Chain() = default;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::string& description() const { return description_; }
  [[nodiscard]] const Units& units() const { return units_; }
  [[nodiscard]] const Settings& settings() const { return settings_; }

  [[nodiscard]] const ProductTable& products() const { return *products_; }
  [[nodiscard]] const SiteTable& sites() const { return *sites_; }
  [[nodiscard]] const HubTable& hubs() const { return *hubs_; }
  [[nodiscard]] const HoldingTable& holdings() const { return *holdings_; }
  [[nodiscard]] const MakeTable& makes() const { return *makes_; }
  [[nodiscard]] const SupplyTable& supplies() const { return *supplies_; }
  [[nodiscard]] const LaneTable& lanes() const { return *lanes_; }
  [[nodiscard]] const RegionTable& regions() const { return *regions_; }
  [[nodiscard]] const IdIndex& firms() const { return *firms_; }
  [[nodiscard]] const IdIndex& tags() const { return *tags_; }
  [[nodiscard]] const std::vector<Disruption>& disruptions() const { return disruptions_; }
  [[nodiscard]] const MonteCarloSpec& montecarlo() const { return montecarlo_; }
  [[nodiscard]] const std::vector<std::string>& analyses() const { return analyses_; }
  /// The scenario's variants (not applied: chainnet::variant::apply_variant makes their chains).
  [[nodiscard]] const std::vector<VariantSpec>& variants() const { return variants_; }
  /// The scenario's candidate actions (not applied: chainnet::strengthen resolves them).
  [[nodiscard]] const std::vector<CandidateSpec>& candidates() const { return candidates_; }
  /// The variant with this id, or nullptr.
  [[nodiscard]] const VariantSpec* find_variant(std::string_view id) const;

  /// Node ids: sites 0..num_sites-1, then hubs. node_ids().name(n) is the string id.
  [[nodiscard]] const IdIndex& node_ids() const { return *node_ids_; }
  [[nodiscard]] std::uint32_t num_sites() const { return sites_->size(); }
  [[nodiscard]] std::uint32_t num_nodes() const { return node_ids_->size(); }
  [[nodiscard]] bool is_hub(NodeId n) const { return n >= sites_->size(); }

  /// String id of a site / product (views valid for the chain's lifetime).
  [[nodiscard]] std::string_view site_id(SiteId s) const { return node_ids_->name(s); }
  [[nodiscard]] std::string_view product_id(ProductId p) const { return products_->ids.name(p); }
  /// Site or hub id by string; kInvalidId when absent. O(length).
  [[nodiscard]] SiteId find_site(std::string_view id) const;
  [[nodiscard]] NodeId find_node(std::string_view id) const { return node_ids_->find(id); }
  [[nodiscard]] ProductId find_product(std::string_view id) const { return products_->ids.find(id); }
  /// The holding of (site, product), or kInvalidId. O(log holdings of the site).
  [[nodiscard]] HoldingId find_holding(SiteId s, ProductId p) const;
  /// The time to recover of site s: its own ttr, else settings().ttr.
  [[nodiscard]] double site_ttr(SiteId s) const {
    return std::isnan(sites_->ttr[s]) ? settings_.ttr : sites_->ttr[s];
  }
  /// The scenario disruption with this id. Throws InvalidInput naming the ids it defines.
  [[nodiscard]] const Disruption& disruption(std::string_view id) const;
  /// Sites tagged `chain_master`, in id order.
  [[nodiscard]] std::vector<SiteId> chain_masters() const;
  /// True when site s has demand for some product (a market in the model's sense).
  [[nodiscard]] bool has_demand(SiteId s) const;

  /// Approximate heap bytes held (for memory reports).
  [[nodiscard]] std::size_t memory_bytes() const;

  /// Equal content (tables compared by value; NaN never equals itself, as in the columns).
  bool operator==(const Chain& o) const;

 private:
  friend class ChainBuilder;
  friend class ChainEditor;
  std::string name_;
  std::string description_;
  Units units_;
  Settings settings_;
  // Tables are shared between copies (a variant shares every table its changes do not touch);
  // nothing writes a table once a Chain holds it (ChainEditor copies before writing).
  SharedTable<ProductTable> products_;
  SharedTable<SiteTable> sites_;
  SharedTable<HubTable> hubs_;
  SharedTable<HoldingTable> holdings_;
  SharedTable<MakeTable> makes_;
  SharedTable<SupplyTable> supplies_;
  SharedTable<LaneTable> lanes_;
  SharedTable<RegionTable> regions_;
  SharedTable<IdIndex> firms_;
  SharedTable<IdIndex> tags_;
  SharedTable<IdIndex> node_ids_;
  std::vector<Disruption> disruptions_;
  MonteCarloSpec montecarlo_;
  std::vector<std::string> analyses_;
  std::vector<VariantSpec> variants_;
  std::vector<CandidateSpec> candidates_;
};

}  // namespace chainnet::model
