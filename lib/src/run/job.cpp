#include "chainnet/run/job.hpp"

#include <algorithm>
#include <filesystem>

#include "chainnet/error.hpp"
#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/compare/compare.hpp"
#include "chainnet/io/compare_report.hpp"
#include "chainnet/io/criticality_report.hpp"
#include "chainnet/io/flow_report.hpp"
#include "chainnet/io/info_report.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/run/analyses.hpp"
#include "chainnet/io/stress_report.hpp"
#include "chainnet/io/survival_report.hpp"
#include <cmath>
#include <memory>
#include <optional>

namespace chainnet::run {
namespace {

void write_diagnostics(io::JsonWriter& w, const std::vector<Diagnostic>& ds) {
  w.begin_array();
  for (const Diagnostic& d : ds) {
    w.begin_object();
    w.field("file", d.file);
    w.field("line", d.line);
    w.field("column", d.column);
    w.field("severity", d.severity == Severity::error ? "error" : "warning");
    w.field("message", d.message);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

JobOutput run_job(const io::LoadResult& loaded, const std::string& scenario_path,
                  std::vector<std::string> analyses) {
  const model::Chain& chain = loaded.chain;
  if (analyses.empty()) analyses = chain.analyses();
  if (analyses.empty())
    for (std::string_view a : known_analyses()) analyses.emplace_back(a);
  const auto known = known_analyses();
  for (const std::string& a : analyses)
    if (std::find(known.begin(), known.end(), a) == known.end())
      throw InvalidInput("unknown analysis '" + a + "'");

  JobOutput out;
  out.analyses = analyses;
  io::JsonWriter w;
  w.begin_object();
  w.field("chainnet", CHAINNET_VERSION);
  w.key("scenario").begin_object();
  w.field("file", scenario_path);
  w.field("name", chain.name());
  w.end_object();
  w.key("analyses").begin_array();
  for (const std::string& a : analyses) w.value(a);
  w.end_array();
  std::optional<stress::Propagation> propagation;  // shared by the stress analyses
  // The normal plan: made once, shared by every analysis that starts from it.
  std::shared_ptr<const flow::NormalPlan> normal;
  auto normal_plan = [&]() -> const std::shared_ptr<const flow::NormalPlan>& {
    if (!normal) {
      normal = std::make_shared<const flow::NormalPlan>(flow::normal_plan(chain));
      for (std::string& line : flow::normal_plan_warnings(chain, *normal))
        out.warnings.push_back({scenario_path, 0, 0, Severity::warning, std::move(line)});
    }
    return normal;
  };
  auto write_normal_plan = [&] {
    const flow::NormalPlan& p = *normal_plan();
    w.key("normal_plan").begin_object();
    w.field("method", flow::to_string(p.method));
    w.field("demand_value", p.demand_value).field("baseline_lost_value", p.lost_value);
    w.field("given_shares", p.given_shares).field("honoured_shares", p.honoured_shares);
    w.key("warnings").begin_array();
    for (const std::string& line : flow::normal_plan_warnings(chain, p, 1000)) w.value(line);
    w.end_array();
    w.end_object();
  };
  for (const std::string& a : analyses) {
    if (a == "validate") {
      std::vector<Diagnostic> warnings = loaded.warnings;
      for (std::string& line : flow::normal_plan_warnings(chain, *normal_plan(), 1000))
        warnings.push_back({scenario_path, 0, 0, Severity::warning, std::move(line)});
      w.key("validate").begin_object();
      w.field("valid", true);
      w.field("warnings_count", static_cast<std::uint64_t>(warnings.size()));
      w.key("warnings");
      write_diagnostics(w, warnings);
      w.end_object();
      out.summary_text += "validate: valid, " + std::to_string(warnings.size()) + " warning(s)\n";
      for (const Diagnostic& d : warnings) out.summary_text += "  " + d.to_string() + "\n";
    } else if (a == "info") {
      const model::ChainSummary s = model::summarize(chain);
      w.key("info");
      io::write_info_json(w, chain, s);
      out.summary_text += "info: " + io::format_info_text(chain, s);
      out.tables.emplace_back("tiers.csv", io::format_tiers_csv(chain, s));
    } else if (a == "flow") {
      const flow::FlowPlan plan = flow::plan_flows(chain);
      w.key("flow");
      io::write_flow_plan_json(w, chain, plan);
      out.summary_text += io::format_flow_plan_text(chain, plan, 5);
      for (auto& t : io::flow_plan_tables(chain, plan)) out.tables.push_back(std::move(t));
    } else if (a == "stress" || a == "sweep" || a == "montecarlo") {
      if (!propagation) {
        propagation.emplace(chain, normal_plan(), stress::PropagationOptions{chain.settings().horizon});
        write_normal_plan();
      }
      const stress::Propagation& p = *propagation;
      if (a == "stress") {
        const auto all = stress::stress_each_disruption(p);
        w.key("stress");
        if (all.empty()) {
          w.null();
          out.summary_text += "stress: the scenario defines no disruptions\n";
        } else {
          const stress::StressResult& worst = stress::worst_of(all);
          io::write_stress_json(w, chain, worst, &all);
          out.summary_text += io::format_stress_text(chain, worst, &all);
          for (auto& t : io::stress_csv(chain, worst, &all)) out.tables.push_back(std::move(t));
        }
      } else if (a == "sweep") {
        stress::SweepOptions so;
        so.duration = stress::ttr_periods(chain.settings().ttr);
        const stress::Sweep s = stress::systemic_sweep(p, so);
        w.key("sweep");
        io::write_sweep_json(w, chain, s);
        out.summary_text += io::format_sweep_text(chain, s, 5);
        for (auto& t : io::sweep_csv(chain, s)) out.tables.push_back(std::move(t));
      } else {
        w.key("montecarlo");
        if (!chain.montecarlo().present) {
          w.null();
          out.summary_text += "montecarlo: the scenario has no montecarlo block\n";
        } else {
          const stress::MonteCarloResult mc = stress::monte_carlo(p, chain.montecarlo());
          io::write_montecarlo_json(w, chain, mc);
          out.summary_text += io::format_montecarlo_text(chain, mc, 5);
          for (auto& t : io::montecarlo_csv(chain, mc)) out.tables.push_back(std::move(t));
        }
      }
    } else if (a == "survival") {
      const stress::Survival s = stress::survival(chain);
      w.key("survival");
      io::write_survival_json(w, chain, s);
      out.summary_text += io::format_survival_text(chain, s, 5);
      for (auto& t : io::survival_csv(chain, s)) out.tables.push_back(std::move(t));
    } else if (a == "compare") {
      const compare::Lineup lineup = compare::variants_lineup(chain, {});
      out.warnings.insert(out.warnings.end(), lineup.warnings.begin(), lineup.warnings.end());
      const compare::Comparison cmp = compare::compare(lineup.pointers(), lineup.names);
      w.key("compare");
      io::write_compare_json(w, cmp);
      out.summary_text += io::format_compare_text(cmp);
      for (auto& t : io::compare_csv(cmp)) out.tables.push_back(std::move(t));
    } else if (a == "criticality") {
      const weak::CriticalityReport report = weak::criticality(chain);
      w.key("criticality");
      io::write_criticality_json(w, chain, report);
      out.summary_text += io::format_criticality_text(chain, report, 5);
      for (auto& t : io::criticality_csv(chain, report)) out.tables.push_back(std::move(t));
    }
  }
  w.end_object();
  out.results_json = w.take();
  return out;
}

std::vector<std::string> write_job_output(const JobOutput& out, const std::string& dir) {
  io::FileSet files;
  const std::filesystem::path d(dir);
  files.add((d / "results.json").string(), out.results_json);
  for (const auto& [name, content] : out.tables) files.add((d / name).string(), content);
  files.commit();
  return files.paths();
}

}  // namespace chainnet::run
