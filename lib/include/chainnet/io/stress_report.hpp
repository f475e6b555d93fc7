// Writers of the stress tests: JSON, CSV tables and a readable summary for `stress`, `sweep`
// and `montecarlo`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/stress/monte_carlo.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/sweep.hpp"

namespace chainnet::io {

using CsvFiles = std::vector<std::pair<std::string, std::string>>;

/// {"label", "horizon", "lost_units", "lost_value", "excess_lost_value", "baseline_lost_value",
///  "first_loss_period", "worst_period", "recovery_period" (null when none), "recovered", "reach",
///  "lost_value_by_period", "timeline": [{"period", "market", "product", "demand", "served", "lost"}],
///  "sites": [{"period", "site", "product", "production", "stock"}]}
/// With `others` (several scenario disruptions run one by one), the object is the worst of them
/// plus "disruptions": the same headline keys for each, without timelines.
void write_stress_json(JsonWriter& w, const model::Chain& chain, const stress::StressResult& result,
                       const std::vector<stress::StressResult>* others = nullptr);
/// stress_timeline.csv, stress_sites.csv, stress_reroutes.csv and stress_reroute_legs.csv of
/// every run in `others` (else of `result`), each row naming its disruption; with others,
/// stress_disruptions.csv too (docs/outputs.md lists the columns).
CsvFiles stress_csv(const model::Chain& chain, const stress::StressResult& result,
                    const std::vector<stress::StressResult>* others = nullptr);
std::string format_stress_text(const model::Chain& chain, const stress::StressResult& result,
                               const std::vector<stress::StressResult>* others = nullptr);

/// {"horizon", "duration", "loss", "start", "demand_value", "sites": [{"site", "lost_value_share",
///  "lost_value", "lost_units", "recovery_period", "reach"}]}, ranked.
void write_sweep_json(JsonWriter& w, const model::Chain& chain, const stress::Sweep& sweep);
CsvFiles sweep_csv(const model::Chain& chain, const stress::Sweep& sweep);  ///< sweep.csv
std::string format_sweep_text(const model::Chain& chain, const stress::Sweep& sweep, std::size_t top = 10);

/// {"runs", "seed", "horizon", "mean", "std", "p50", "p95", "p99", "cvar95", "p_any_loss",
///  "site_share": [{"site", "share", "loss_share"}] (sites that took part in a loss, ranked),
///  "per_run": [{"run", "lost_value", "lost_units", "failed_sites"}]}
void write_montecarlo_json(JsonWriter& w, const model::Chain& chain, const stress::MonteCarloResult& mc);
/// montecarlo_runs.csv and montecarlo_sites.csv.
CsvFiles montecarlo_csv(const model::Chain& chain, const stress::MonteCarloResult& mc);
std::string format_montecarlo_text(const model::Chain& chain, const stress::MonteCarloResult& mc, std::size_t top = 10);

}  // namespace chainnet::io
