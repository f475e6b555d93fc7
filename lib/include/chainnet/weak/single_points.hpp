// Single points of failure: sites and regions whose loss alone makes a market's demand for a
// product structurally unservable under AND/OR semantics.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/weak/structural_loss.hpp"

namespace chainnet::weak {

/// How site failures are evaluated.
/// dominators: Lengauer-Tarjan dominator tree (Boost) of the holding graph from a super-source
///   over every grounded holding; exact only for chains without BOM production (no line has an
///   input): there each site has one holding per product and products never mix.
/// sweep: StructuralLoss per site in parallel (any chain).
/// automatic: dominators when the chain has no BOM production, else sweep.
enum class SpofMethod : std::uint8_t { automatic, dominators, sweep };
std::string_view to_string(SpofMethod m);
/// "auto", "dominators", "sweep"; throws InvalidInput otherwise.
SpofMethod parse_spof_method(std::string_view text);

/// True when no production line of the chain has an input (pure OR semantics).
bool is_or_only(const model::Chain& chain);

/// `site` alone failing leaves `demand` (a market's holding with demand > 0) without supply.
struct SinglePoint {
  model::HoldingId demand;
  model::SiteId site;
  bool operator==(const SinglePoint&) const = default;
};

/// `region` (every site in it) failing leaves `demand` without supply. only_as_region: no single
/// site of the region does it alone (the concentration is regional, not one firm).
struct RegionalSinglePoint {
  model::HoldingId demand;
  model::RegionId region;
  bool only_as_region;
  bool operator==(const RegionalSinglePoint&) const = default;
};

struct SinglePointsOptions {
  SpofMethod method = SpofMethod::automatic;
  bool regions = true;  ///< also evaluate every region (prefix) as a whole
};

struct SinglePoints {
  SpofMethod method = SpofMethod::sweep;          ///< the method used (never automatic)
  std::vector<SinglePoint> sites;                  ///< sorted by (market, product, site) ids
  std::vector<RegionalSinglePoint> regions;        ///< sorted by (market, product, region) ids
  std::vector<model::HoldingId> unservable;        ///< demand holdings unservable in the intact chain
  /// Per site: demand value per period (units x product value) of the markets' holdings lost
  /// when the site fails alone, its own demand included; and the count of those holdings.
  std::vector<double> lost_demand_value;
  std::vector<std::uint32_t> lost_demands;
};

/// Single points of failure of every market's demand, by site and (optionally) by region.
/// A market's own site and the regions containing it are not reported (their loss is the loss of
/// the market itself). Parallel over sites and regions; identical results on any thread count.
/// Complexity: dominators O((H + E) log) once plus the dominated subtrees; sweep: per site (and
/// region) the part of the chain its failure takes away plus that part's boundary.
SinglePoints single_points_of_failure(const StructuralLoss& loss, const SinglePointsOptions& options = {});

/// Calls visit(site, lost holdings) for each site of `sites` failing alone, in parallel
/// (visit is called concurrently for different sites; the span is valid during the call only).
void for_each_site_failure(const StructuralLoss& loss, std::span<const model::SiteId> sites,
                           const std::function<void(model::SiteId, std::span<const model::HoldingId>)>& visit);

}  // namespace chainnet::weak
