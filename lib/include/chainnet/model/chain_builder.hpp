// ChainBuilder: the mutable side of the model. Fill it, then build() an immutable Chain.
#pragma once

#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::model {

inline constexpr double kNotGiven = std::numeric_limits<double>::quiet_NaN();

struct ProductSpec {
  std::string_view id;
  std::string_view name;
  double value = 1.0;  ///< currency per unit
};

struct SiteSpec {
  std::string_view id;
  std::string_view name;
  std::string_view firm;    ///< empty: the site's own id
  SiteKind kind = SiteKind::supplier;
  std::string_view region;  ///< hierarchical code, may be empty
  double lat = kNotGiven;
  double lon = kNotGiven;
  double ttr = kNotGiven;   ///< periods; NaN: settings.ttr
  std::vector<std::string_view> tags;
};

struct HubSpec {
  std::string_view id;
  std::string_view name;
  std::string_view region;
  double lat = kNotGiven;
  double lon = kNotGiven;
};

struct MakeSpec {
  SiteId site = kInvalidId;
  ProductId product = kInvalidId;
  double capacity = kUnlimited;  ///< units per period
  double unit_cost = 0.0;        ///< currency per unit
  double co2_kg = 0.0;           ///< kg CO2 per unit
};

struct SupplySpec {
  SiteId seller = kInvalidId;
  SiteId buyer = kInvalidId;
  ProductId product = kInvalidId;
  double capacity = kUnlimited;  ///< units per period
  double share = kNotGiven;      ///< in [0, 1]; NaN: equal split of what the others leave
  std::uint32_t lead_time = 0;   ///< periods
};

/// A lane end: a site or a hub.
struct NodeRef {
  bool hub = false;
  std::uint32_t index = kInvalidId;
};

struct LaneSpec {
  NodeRef from;
  NodeRef to;
  Mode mode = Mode::road;
  double distance_km = 0.0;
  double time_h = 0.0;
  double cost = 0.0;             ///< currency per unit carried
  double capacity = kUnlimited;  ///< units per period
  double co2_kg = 0.0;           ///< kg CO2 per unit carried
};

/// Resolves the shares not given of the supplies into the buyer holdings `buyers`: a missing share
/// is an equal split of what the given shares of the same buyer and product leave (nothing when
/// they sum to 1 or more). `bought` lists each holding's supplies. Used by build() and by edits.
void resolve_default_shares(SupplyTable& supplies, const Csr& bought, std::span<const HoldingId> buyers);

/// Collects a chain and turns it into a Chain snapshot.
///
/// The builder checks structural invariants (ids in range, no duplicate ids, at most one
/// production line per (site, product), site recipes only for existing lines) and throws
/// InvalidInput when one is broken. Semantic checks (BOM cycles, supplies nobody uses, ...) are
/// check_semantics() in validation.hpp; the scenario loader runs both and reports positions.
class ChainBuilder {
 public:
  ChainBuilder() = default;

  void set_name(std::string_view name) { name_ = name; }
  void set_description(std::string_view text) { description_ = text; }
  void set_units(Units units) { units_ = std::move(units); }
  [[nodiscard]] const Units& units() const { return units_; }
  void set_settings(const Settings& settings) { settings_ = settings; }
  void set_analyses(std::vector<std::string> names) { analyses_ = std::move(names); }
  void set_variants(std::vector<VariantSpec> variants) { variants_ = std::move(variants); }
  void set_candidates(std::vector<CandidateSpec> candidates) { candidates_ = std::move(candidates); }

  /// Adds a product. Throws InvalidInput on a duplicate id. O(length of id).
  ProductId add_product(const ProductSpec& spec);
  [[nodiscard]] ProductId find_product(std::string_view id) const { return product_ids_.find(id); }
  [[nodiscard]] std::uint32_t num_products() const { return product_ids_.size(); }
  [[nodiscard]] std::string_view product_id(ProductId p) const { return product_ids_.name(p); }

  /// Adds `quantity` units of `input` to the BOM of `product`.
  void add_bom_input(ProductId product, ProductId input, double quantity);

  /// Adds a site; site and hub ids share one namespace. Throws InvalidInput on a duplicate id.
  SiteId add_site(const SiteSpec& spec);
  HubId add_hub(const HubSpec& spec);
  /// Adds a tag to an existing site (no effect when it has it already).
  void add_tag(SiteId site, std::string_view tag);
  [[nodiscard]] SiteId find_site(std::string_view id) const { return site_ids_.find(id); }
  [[nodiscard]] HubId find_hub(std::string_view id) const { return hub_ids_.find(id); }
  [[nodiscard]] std::uint32_t num_sites() const { return site_ids_.size(); }
  [[nodiscard]] std::uint32_t num_hubs() const { return hub_ids_.size(); }
  [[nodiscard]] std::string_view site_id(SiteId s) const { return site_ids_.name(s); }
  /// The id indexes filled so far (for "did you mean" suggestions).
  [[nodiscard]] const IdIndex& product_index() const { return product_ids_; }
  [[nodiscard]] const IdIndex& site_index() const { return site_ids_; }
  [[nodiscard]] const IdIndex& hub_index() const { return hub_ids_; }

  /// Adds a production line. Two lines for the same (site, product) make build() throw.
  void add_make(const MakeSpec& spec);
  /// Gives site `site` its own recipe for `product` (replacing the product's BOM there); call
  /// once per input. The line (site, product) must exist by build().
  void add_recipe_input(SiteId site, ProductId product, ProductId input, double quantity);
  /// Stock on hand at period 0; repeated calls for one pair add up.
  void add_stock(SiteId site, ProductId product, double quantity);
  /// Demand per period; repeated calls for one pair add up.
  void add_demand(SiteId site, ProductId product, double quantity);

  SupplyId add_supply(const SupplySpec& spec);
  LaneId add_lane(const LaneSpec& spec);

  /// Interns a region code and its prefixes. build() renumbers regions in code order and remaps
  /// every region id the builder holds (sites, hubs, disruptions, Monte Carlo events).
  RegionId intern_region(std::string_view code);
  [[nodiscard]] RegionId find_region(std::string_view code) const { return regions_.find(code); }

  /// A disruption; its `hubs` are hub indices (0 = the first hub), made node ids by build().
  void add_disruption(Disruption disruption) { disruptions_.push_back(std::move(disruption)); }
  void set_montecarlo(MonteCarloSpec spec) { montecarlo_ = std::move(spec); }

  /// Pre-sizes the supply / lane arrays (large CSV loads).
  void reserve_supplies(std::size_t n);
  void reserve_lanes(std::size_t n);
  void reserve_sites(std::size_t n);
  [[nodiscard]] std::uint32_t num_lanes() const { return static_cast<std::uint32_t>(lanes_.from.size()); }
  [[nodiscard]] std::uint32_t num_supplies() const { return static_cast<std::uint32_t>(supplies_.seller.size()); }
  /// The ends of lane l as added.
  [[nodiscard]] NodeRef lane_from(LaneId l) const { return decode(lanes_.from[l]); }
  [[nodiscard]] NodeRef lane_to(LaneId l) const { return decode(lanes_.to[l]); }

  /// Builds the snapshot and leaves the builder empty.
  /// Complexity: O(S + P + M + E log E) for S sites, P products, M makes, E supplies and lanes.
  /// Throws InvalidInput when a structural invariant is broken.
  Chain build();

 private:
  struct Pair {
    SiteId site;
    ProductId product;
    double quantity;
  };
  struct RecipeEntry {
    SiteId site;
    ProductId product;
    ProductId input;
    double quantity;
  };
  struct BomEntry {
    ProductId product;
    ProductId input;
    double quantity;
  };

  std::string name_, description_;
  Units units_;
  Settings settings_;
  std::vector<std::string> analyses_;
  std::vector<VariantSpec> variants_;
  std::vector<CandidateSpec> candidates_;

  IdIndex product_ids_;
  StringColumn product_names_;
  std::vector<double> product_value_;
  std::vector<BomEntry> bom_;

  IdIndex site_ids_;
  SiteTable sites_;              // names, kind, region, firm, lat, lon, ttr (CSRs filled in build)
  std::vector<std::pair<SiteId, TagId>> site_tags_;  // flat: most sites have no tag
  IdIndex hub_ids_;
  HubTable hubs_;
  IdIndex firms_;
  IdIndex tags_;
  IdIndex regions_;

  std::vector<MakeSpec> makes_;
  std::vector<RecipeEntry> recipes_;
  std::vector<Pair> stocks_;
  std::vector<Pair> demands_;
  SupplyTable supplies_;  // seller, buyer, product, capacity, share (NaN: default), share_given, lead_time
  LaneTable lanes_;       // from/to hold encoded NodeRefs until build()
  static constexpr std::uint32_t kHubBit = 0x80000000u;
  static std::uint32_t encode(NodeRef r) { return r.hub ? (r.index | kHubBit) : r.index; }
  static NodeRef decode(std::uint32_t x) { return {(x & kHubBit) != 0, x & ~kHubBit}; }
  std::vector<Disruption> disruptions_;
  MonteCarloSpec montecarlo_;
};

}  // namespace chainnet::model
