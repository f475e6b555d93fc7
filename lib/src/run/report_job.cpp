#include <algorithm>
#include <cmath>

#include "chainnet/error.hpp"
#include "chainnet/model/chain_editor.hpp"
#include "chainnet/run/analyses.hpp"
#include "chainnet/run/job.hpp"
#include "chainnet/strengthen/planner.hpp"

namespace chainnet::run {

JobOutput run_report(const model::Chain& chain, const std::string& scenario_path, const ReportRequest& request) {
  std::vector<std::string> analyses = request.analyses;
  if (analyses.empty()) analyses = chain.analyses();
  if (analyses.empty())
    for (std::string_view a : known_analyses()) analyses.emplace_back(a);
  if (std::find(analyses.begin(), analyses.end(), "report") == analyses.end()) analyses.emplace_back("report");
  model::ChainEditor edit(chain);
  if (request.budget_given) {
    if (!(request.budget >= 0) || !std::isfinite(request.budget))
      throw InvalidInput("the report's strengthen budget must be a number >= 0");
    edit.settings().report.budget = request.budget;
  }
  if (!request.objective.empty()) {
    if (!strengthen::parse_objective(request.objective))
      throw InvalidInput("unknown objective '" + request.objective + "' (expected at_risk, pi, expected_loss, cvar95 or spof)");
    edit.settings().report.objective = request.objective;
  }
  const model::Chain with_settings = edit.take();
  return run_job(with_settings, scenario_path, std::move(analyses), request.limits);
}

}  // namespace chainnet::run
