// `chainnet run`: the scenario's analyses, in order, gathered into one result set.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/io/scenario.hpp"
#include "chainnet/report/report.hpp"

namespace chainnet::run {

struct JobOutput {
  std::string scenario_path;          ///< as given (recorded in results.json and manifest.json)
  std::vector<std::string> analyses;  ///< what ran, in order
  std::string results_json;           ///< the content of results.json
  /// CSV tables: file name (no folder) -> content.
  std::vector<std::pair<std::string, std::string>> tables;
  std::string summary_text;           ///< a readable summary for the terminal
  /// report.html when the `report` analysis ran (empty otherwise).
  std::string report_html;
  /// Warnings found while running (the normal plan's shortfalls), for stderr.
  std::vector<Diagnostic> warnings;
};

/// Runs `analyses` (empty: the scenario's own `analyses` list; if that is empty too, every known
/// analysis) on a loaded scenario. `scenario_path` is recorded in results.json.
/// `report` draws, after the others whatever its place in the list, report.html from every
/// result the job made; with settings.report.budget and candidates it runs a strengthen plan for
/// the report too. Throws InvalidInput for a name that known_analyses() does not list.
JobOutput run_job(const io::LoadResult& loaded, const std::string& scenario_path,
                  std::vector<std::string> analyses = {});
/// The same on a chain without the load's warnings (Python's cn.report).
JobOutput run_job(const model::Chain& chain, const std::string& scenario_path, std::vector<std::string> analyses = {},
                  const report::ReportLimits& limits = {});

/// Writes results.json, the tables and report.html into `dir` all at once (see io::FileSet),
/// then `dir/manifest.json`: the scenario's path and SHA-256, the chainnet version, the analyses
/// and the files written. Files that an earlier run's manifest.json listed and this run did not
/// write are removed then, and no other file: the folder holds exactly this run's output. A run
/// stopped before this point leaves the folder as it was. Returns the paths written.
std::vector<std::string> write_job_output(const JobOutput& out, const std::string& dir);

}  // namespace chainnet::run

namespace chainnet::run {

/// What `chainnet report` and cn.report ask for.
struct ReportRequest {
  std::vector<std::string> analyses;  ///< shown; empty: the scenario's list, else every analysis
  double budget = -1;                 ///< >= 0: overrides settings.report.budget; NaN/inf invalid
  bool budget_given = false;
  std::string objective;              ///< overrides settings.report.objective when not empty
  report::ReportLimits limits;        ///< where the page starts sampling
};

/// The report job: the analyses asked for (run_job), then report.html from their results.
/// Throws InvalidInput for an unknown analysis or objective, or a budget given that is negative
/// or not finite.
JobOutput run_report(const model::Chain& chain, const std::string& scenario_path, const ReportRequest& request);

}  // namespace chainnet::run
