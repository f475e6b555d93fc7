// report.html: one self-contained page (map, charts, sortable tables) of a chain and the results
// of its analyses, opening offline. The page's libraries (Leaflet, Chart.js) and a world outline
// are embedded; the data is one JSON document inside the page (docs/outputs.md, "report").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "chainnet/compare/compare.hpp"
#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/model/chain.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/strengthen/planner.hpp"
#include "chainnet/stress/monte_carlo.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/survival.hpp"
#include "chainnet/stress/sweep.hpp"
#include "chainnet/weak/criticality.hpp"

namespace chainnet::report {

/// What the report shows. Only `chain` is required; every other result adds its sections when
/// present (the pointers must stay valid while report_html runs).
struct ReportInputs {
  const model::Chain* chain = nullptr;
  std::string scenario_path;                         ///< shown, as given
  const flow::NormalPlan* normal = nullptr;          ///< sites' throughput (marker size)
  const flow::FlowPlan* flow = nullptr;              ///< lanes' flows (line width), flow bottlenecks
  const weak::CriticalityReport* criticality = nullptr;
  const std::vector<stress::StressResult>* stress = nullptr;  ///< one per scenario disruption
  const stress::Sweep* sweep = nullptr;
  const stress::MonteCarloResult* montecarlo = nullptr;
  const stress::Survival* survival = nullptr;
  const compare::Comparison* comparison = nullptr;   ///< the scenario against its variants
  const strengthen::StrengthenResult* strengthen = nullptr;
  const std::vector<strengthen::Candidate>* candidates = nullptr;  ///< names strengthen's choices
};

/// Sizes beyond which the page aggregates or samples (and says so in its notes). Measured in
/// bench/run_report.sh (headless Chromium, 2 cores): the 100,000-site page opens and draws in
/// 1.1 s with 2,500 nodes on the map, 2.1 s with 10,000 (2.9 MB) and 2.6 s with 40,000 (8.9 MB);
/// 10,000 leaves room for slower machines and keeps every redraw on pan and zoom light.
struct ReportLimits {
  std::size_t map_sites = 10000;    ///< sites drawn: flagged ones first, then by throughput
  std::size_t map_links = 20000;    ///< lanes (or supplies) drawn between drawn nodes, by flow
  std::size_t table_rows = 1000;    ///< rows of each table (the table says how many there are)
  std::size_t scatter_points = 5000;///< TTS against TTR: the sites with the largest impact
  std::size_t chart_items = 20;     ///< bars of ranked charts; lines of timeline charts
  std::size_t histogram_bins = 40;  ///< Monte Carlo loss distribution
};

/// The report's data: the JSON document the page renders (docs/outputs.md lists every key).
/// Deterministic: no clock, no thread count. O(sites + supplies + lanes + result rows).
/// Throws InvalidInput when inputs.chain is null.
std::string report_data_json(const ReportInputs& inputs, const ReportLimits& limits = {});

/// The complete page: the embedded libraries and style, the data (with every `<` escaped, so no
/// name from the scenario can end the script element), and the script that draws it.
std::string report_html(const ReportInputs& inputs, const ReportLimits& limits = {});

}  // namespace chainnet::report
