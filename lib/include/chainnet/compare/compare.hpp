// Comparing chains side by side: the baseline and its variants (or any scenarios) through the
// same analyses, their key figures lined up, and what changed entity by entity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chainnet/error.hpp"
#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/model/chain.hpp"
#include "chainnet/stress/monte_carlo.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/survival.hpp"
#include "chainnet/stress/sweep.hpp"
#include "chainnet/variant/diff.hpp"
#include "chainnet/weak/criticality.hpp"

namespace chainnet::compare {

/// A key figure of one chain: a named scalar with its unit and the analysis that made it.
struct Kpi {
  std::string name;      ///< e.g. "total_cost"
  std::string analysis;  ///< flow, criticality, survival, stress, montecarlo, sweep
  std::string unit;      ///< "CNY per week", "kg CO2 per week", "sites", "share", ...
  double value = 0;      ///< +inf allowed (min_tts when no site is needed)
  bool lower_is_better = true;
};

/// The analyses compare can run, in the order their figures are listed.
const std::vector<std::string>& known_analyses();
/// What compare runs when not told: flow, criticality, survival, stress, montecarlo.
const std::vector<std::string>& default_analyses();

struct CompareOptions {
  std::vector<std::string> analyses;  ///< empty: default_analyses()
  std::uint32_t montecarlo_runs = 0;  ///< 0: each chain's montecarlo.runs
  std::size_t top = 20;               ///< entity diffs kept per kind (largest first)
};

/// The results of the analyses on one chain, and its figures.
struct ChainResults {
  std::string name;
  std::optional<flow::FlowPlan> flow;
  std::optional<weak::CriticalityReport> criticality;
  std::optional<stress::Survival> survival;
  std::vector<stress::StressResult> stress;  ///< one per scenario disruption
  std::optional<stress::MonteCarloResult> montecarlo;
  std::optional<stress::Sweep> sweep;
  std::vector<Kpi> kpis;
};

/// A supply whose planned flow changed (flow plans, per period).
struct FlowMove {
  std::string from, to, product;
  std::uint32_t occurrence = 1;  ///< parallel supplies of one (from, to, product) in order
  double before = 0, after = 0;  ///< units per period (0: absent or unused)
  double value_change = 0;       ///< (after - before) x product value
};

/// A single point of failure of a market's demand gained or lost.
struct SpofChange {
  std::string site, market, product;
  bool gained = false;
};

/// A site whose survival or systemic importance changed.
struct SiteChange {
  std::string site;
  double tts_before = 0, tts_after = 0;  ///< periods (+inf: not needed; NaN: site absent)
  double pi_before = 0, pi_after = 0;   ///< performance impact, currency
  double share_before = 0, share_after = 0;  ///< sweep lost-value share (NaN without sweep)
};

/// A variant's expected Monte Carlo loss against the baseline's under common random numbers:
/// run r of both draws the same events for the sites and regions they share.
struct PairedLoss {
  std::uint32_t runs = 0;
  double mean_difference = 0;  ///< variant minus baseline, currency over the horizon
  double paired_low = 0, paired_high = 0;      ///< 95 % interval of the mean paired difference
  double unpaired_low = 0, unpaired_high = 0;  ///< the same as if the runs were independent
  double correlation = 0;                      ///< of the runs' losses
};

struct VariantDiff {
  variant::ChainDiff tables;  ///< rows added, removed, changed
  std::vector<FlowMove> flows;
  std::size_t flows_moved = 0;  ///< before keeping the top ones
  std::vector<SpofChange> spofs;
  std::vector<SiteChange> sites;
  std::optional<PairedLoss> montecarlo;
};

struct Comparison {
  std::vector<std::string> analyses;
  std::vector<ChainResults> chains;  ///< the baseline first
  std::vector<VariantDiff> diffs;    ///< diffs[i] compares chains[i + 1] with chains[0]
};

/// Runs the analyses on every chain (in parallel over chains; each analysis as it runs alone, so
/// every number equals a separate run of that chain, on any thread count) and compares each
/// chain after the first with the first. `names` label them (empty: the chains' names).
/// Throws InvalidInput for an unknown analysis, fewer than one chain, or names of another count.
Comparison compare(const std::vector<const model::Chain*>& chains, const std::vector<std::string>& names,
                   const CompareOptions& options = {});

/// Chains to compare, with their names.
struct Lineup {
  std::vector<model::Chain> chains;
  std::vector<std::string> names;
  std::vector<Diagnostic> warnings;  ///< found while applying the variants
  [[nodiscard]] std::vector<const model::Chain*> pointers() const;
};

/// The scenario (named "baseline") and its variants `ids` (empty, or "all": every variant, in
/// order), each named by its id. Variants are applied in parallel. Throws as
/// variant::apply_variant (an unknown id: InvalidInput naming the ones there are).
Lineup variants_lineup(const model::Chain& scenario, const std::vector<std::string>& ids);

/// The figures of one chain's results (used by compare; exposed for tests and reports).
std::vector<Kpi> kpis_of(const model::Chain& chain, const ChainResults& results);

}  // namespace chainnet::compare
