// The regional view for policy teams: what a region makes of the chain, what it imports, how
// concentrated each product's making is, and which candidates would localise a missing stage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::strengthen {

/// One BOM level (stage) of the chain: raw materials are level 0.
struct StageInRegion {
  std::uint32_t level = 0;
  std::uint32_t products = 0;          ///< products of this level in the chain
  std::uint32_t made_here = 0;         ///< of them, made in the region
  std::uint32_t imported = 0;          ///< used in the region (as inputs or demand) but not made there
  double production_value = 0;         ///< made in the region per period, in value (normal plan)
  double import_value = 0;             ///< flowing in from outside per period, in value
  double value_share = 0;              ///< production_value / (production_value + import_value)
};

/// One product: the region's part of its making, and how concentrated its making is.
struct ProductInRegion {
  model::ProductId product = 0;
  std::uint32_t level = 0;
  std::uint32_t makers = 0;            ///< sites making it anywhere
  std::uint32_t makers_here = 0;
  double capacity = 0;                 ///< units per period, all makers (+inf: some unlimited)
  double capacity_here = 0;
  double capacity_share = 0;           ///< of the limited capacity; NaN when any maker is unlimited
  double production_share = 0;         ///< of the normal plan's production
  double import_value = 0;             ///< flowing into the region from outside per period, in value
  std::string top_country;             ///< the country (first part of the region code) with most capacity
  double top_country_share = 0;
  double hhi_country = 0;              ///< Herfindahl-Hirschman index of capacity by country, 0..1
  double hhi_region = 0;               ///< the same by the makers' own regions
};

/// A candidate that would localise a stage the region imports.
struct LocalisingCandidate {
  std::uint32_t candidate = 0;         ///< index into resolve_candidates(chain)
  std::string id;                      ///< the candidate's id
  model::ProductId product = 0;
  double import_value_removed = 0;     ///< per period: the import value of the product it can replace
};

struct RegionProfile {
  std::string region;                  ///< as asked (a code, or a prefix ending in '-')
  std::vector<model::SiteId> sites;    ///< in the region
  std::vector<StageInRegion> stages;   ///< by level
  std::vector<ProductInRegion> products;  ///< by import value (descending), then level, then id
  std::vector<LocalisingCandidate> candidates;  ///< by import value removed (descending)
  double production_value = 0, import_value = 0, export_value = 0;  ///< per period
};

/// The profile of the sites in `region` (its code and everything inside it; a code ending in '-'
/// matches by prefix, as a variant's `where` does), on the normal plan. Capacity shares count
/// limited capacity; a product any maker makes without limit has a NaN share. Throws InvalidInput
/// when no site lies in the region (naming a near code). O(sites + supplies + makes + candidates).
RegionProfile region_profile(const model::Chain& chain, const std::string& region);

}  // namespace chainnet::strengthen
