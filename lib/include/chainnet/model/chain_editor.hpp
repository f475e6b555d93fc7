// ChainEditor: a copy of a chain whose tables are copied only when first written, so an edited
// chain shares every table it leaves alone with the original. For edits of numbers in existing
// rows (capacities, stocks, costs, lead times, settings, disruption figures); changes of
// structure (rows, ids, references) go through ChainBuilder.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::model {

class ChainEditor {
 public:
  /// Starts from `base` (which is not changed). O(1): nothing is copied yet.
  explicit ChainEditor(const Chain& base) : c_(base) {}

  /// The table for writing: copied from the base on first call (O(table size)), then the same.
  ProductTable& products() { return own(c_.products_, products_); }
  SiteTable& sites() { return own(c_.sites_, sites_); }
  HubTable& hubs() { return own(c_.hubs_, hubs_); }
  HoldingTable& holdings() { return own(c_.holdings_, holdings_); }
  MakeTable& makes() { return own(c_.makes_, makes_); }
  SupplyTable& supplies() { return own(c_.supplies_, supplies_); }
  LaneTable& lanes() { return own(c_.lanes_, lanes_); }
  RegionTable& regions() { return own(c_.regions_, regions_); }
  IdIndex& node_ids() { return own(c_.node_ids_, node_ids_); }
  /// Replaces the node ids outright (no copy of the old ones first).
  void set_node_ids(IdIndex ids) {
    c_.node_ids_.replace(std::move(ids));
    node_ids_ = true;
  }
  /// The node ids and firms as they stand, shared (to build an IdIndex::overlay on).
  [[nodiscard]] std::shared_ptr<const IdIndex> shared_node_ids() const { return c_.node_ids_.share(); }
  [[nodiscard]] std::shared_ptr<const IdIndex> shared_firms() const { return c_.firms_.share(); }
  /// Replaces the firms outright.
  void set_firms(IdIndex ids) {
    c_.firms_.replace(std::move(ids));
    firms_ = true;
  }
  IdIndex& firms() { return own(c_.firms_, firms_); }
  IdIndex& tags() { return own(c_.tags_, tags_); }
  Settings& settings() { return c_.settings_; }
  std::vector<Disruption>& disruptions() { return c_.disruptions_; }
  void set_name(std::string name) { c_.name_ = std::move(name); }
  void set_variants(std::vector<VariantSpec> v) { c_.variants_ = std::move(v); }
  void set_candidates(std::vector<CandidateSpec> v) { c_.candidates_ = std::move(v); }

  /// The chain as edited so far (read only).
  [[nodiscard]] const Chain& chain() const { return c_; }
  /// The edited chain; the editor is left empty.
  Chain take() { return std::move(c_); }

 private:
  template <class T>
  static T& own(SharedTable<T>& p, bool& owned) {
    if (!owned) {
      p.own_copy();
      owned = true;
    }
    return *p;
  }
  Chain c_;
  bool products_ = false, sites_ = false, hubs_ = false, holdings_ = false, makes_ = false, supplies_ = false,
       lanes_ = false, regions_ = false, node_ids_ = false, firms_ = false, tags_ = false;
};

}  // namespace chainnet::model
