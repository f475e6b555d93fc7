#include "chainnet/run/job.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <yaml-cpp/yaml.h>

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
#include "io/sha256.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/run/analyses.hpp"
#include "chainnet/io/stress_report.hpp"
#include "chainnet/io/survival_report.hpp"
#include "chainnet/report/report.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/strengthen/planner.hpp"
#include <cmath>
#include <memory>
#include <optional>

namespace chainnet::run {
namespace {

/// Results kept for the report.
struct Kept {
  std::optional<flow::FlowPlan> flow;
  std::optional<weak::CriticalityReport> criticality;
  std::vector<stress::StressResult> stress;
  std::optional<stress::Sweep> sweep;
  std::optional<stress::MonteCarloResult> montecarlo;
  std::optional<stress::Survival> survival;
  std::optional<compare::Comparison> comparison;
};

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

JobOutput run_chain(const model::Chain& chain, const std::vector<Diagnostic>& load_warnings,
                    const std::string& scenario_path, std::vector<std::string> analyses,
                    const report::ReportLimits& limits = {});

}  // namespace

JobOutput run_job(const io::LoadResult& loaded, const std::string& scenario_path, std::vector<std::string> analyses) {
  return run_chain(loaded.chain, loaded.warnings, scenario_path, std::move(analyses));
}

JobOutput run_job(const model::Chain& chain, const std::string& scenario_path, std::vector<std::string> analyses,
                  const report::ReportLimits& limits) {
  return run_chain(chain, {}, scenario_path, std::move(analyses), limits);
}

namespace {

JobOutput run_chain(const model::Chain& chain, const std::vector<Diagnostic>& load_warnings,
                    const std::string& scenario_path, std::vector<std::string> analyses,
                    const report::ReportLimits& limits) {
  if (analyses.empty()) analyses = chain.analyses();
  if (analyses.empty())
    for (std::string_view a : known_analyses()) analyses.emplace_back(a);
  const auto known = known_analyses();
  for (const std::string& a : analyses)
    if (std::find(known.begin(), known.end(), a) == known.end())
      throw InvalidInput("unknown analysis '" + a + "'");

  JobOutput out;
  out.scenario_path = scenario_path;
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
  Kept kept;
  for (const std::string& a : analyses) {
    if (a == "report") continue;  // drawn last, from everything the job made
    if (a == "validate") {
      std::vector<Diagnostic> warnings = load_warnings;
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
      const flow::FlowPlan& plan = kept.flow.emplace(flow::plan_flows(chain));
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
        const auto& all = kept.stress = stress::stress_each_disruption(p);
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
        const stress::Sweep& s = kept.sweep.emplace(stress::systemic_sweep(p, so));
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
          const stress::MonteCarloResult& mc = kept.montecarlo.emplace(stress::monte_carlo(p, chain.montecarlo()));
          io::write_montecarlo_json(w, chain, mc);
          out.summary_text += io::format_montecarlo_text(chain, mc, 5);
          for (auto& t : io::montecarlo_csv(chain, mc)) out.tables.push_back(std::move(t));
        }
      }
    } else if (a == "survival") {
      const stress::Survival& s = kept.survival.emplace(stress::survival(chain));
      w.key("survival");
      io::write_survival_json(w, chain, s);
      out.summary_text += io::format_survival_text(chain, s, 5);
      for (auto& t : io::survival_csv(chain, s)) out.tables.push_back(std::move(t));
    } else if (a == "compare") {
      const compare::Lineup lineup = compare::variants_lineup(chain, {});
      out.warnings.insert(out.warnings.end(), lineup.warnings.begin(), lineup.warnings.end());
      const compare::Comparison& cmp = kept.comparison.emplace(compare::compare(lineup.pointers(), lineup.names));
      w.key("compare");
      io::write_compare_json(w, cmp);
      out.summary_text += io::format_compare_text(cmp);
      for (auto& t : io::compare_csv(cmp, lineup.pointers())) out.tables.push_back(std::move(t));
    } else if (a == "criticality") {
      const weak::CriticalityReport& report = kept.criticality.emplace(weak::criticality(chain));
      w.key("criticality");
      io::write_criticality_json(w, chain, report);
      out.summary_text += io::format_criticality_text(chain, report, 5);
      for (auto& t : io::criticality_csv(chain, report)) out.tables.push_back(std::move(t));
    }
  }
  if (std::find(analyses.begin(), analyses.end(), "report") != analyses.end()) {
    report::ReportInputs in;
    in.chain = &chain;
    in.scenario_path = scenario_path;
    in.normal = normal_plan().get();
    if (kept.flow) in.flow = &*kept.flow;
    if (kept.criticality) in.criticality = &*kept.criticality;
    if (!kept.stress.empty()) in.stress = &kept.stress;
    if (kept.sweep) in.sweep = &*kept.sweep;
    if (kept.montecarlo) in.montecarlo = &*kept.montecarlo;
    if (kept.survival) in.survival = &*kept.survival;
    if (kept.comparison) in.comparison = &*kept.comparison;
    const model::ReportSettings& rs = chain.settings().report;
    std::vector<strengthen::Candidate> candidates;
    std::optional<strengthen::StrengthenResult> plan;
    if (rs.budget >= 0 && !chain.candidates().empty()) {
      candidates = strengthen::resolve_candidates(chain);
      strengthen::StrengthenOptions so;
      so.budget = rs.budget;
      so.objective = strengthen::parse_objective(rs.objective).value_or(strengthen::Objective::pi);
      so.method = strengthen::Method::automatic;
      plan.emplace(strengthen::strengthen(chain, candidates, so));
      in.strengthen = &*plan;
      in.candidates = &candidates;
    }
    out.report_html = report::report_html(in, limits);
    w.key("report").begin_object();
    w.field("file", "report.html").field("bytes", static_cast<std::uint64_t>(out.report_html.size()));
    w.field("strengthen", plan.has_value());
    w.end_object();
    out.summary_text += "report: report.html (" + std::to_string(out.report_html.size() / 1024) + " KiB)\n";
  }
  w.end_object();
  out.results_json = w.take();
  return out;
}

}  // namespace

namespace {

constexpr const char* kManifest = "manifest.json";

/// The files an earlier run listed in dir/manifest.json (plain names inside dir only); empty when
/// there is no manifest or it is not one of chainnet's.
std::vector<std::string> earlier_run_files(const std::filesystem::path& dir) {
  std::ifstream in(dir / kManifest, std::ios::binary);
  if (!in) return {};
  try {
    const YAML::Node doc = YAML::Load(in);  // JSON is YAML
    if (!doc.IsMap() || !doc["chainnet"] || !doc["files"] || !doc["files"].IsSequence()) return {};
    std::vector<std::string> names;
    for (const YAML::Node& f : doc["files"]) {
      if (!f.IsScalar()) continue;
      const std::string& name = f.Scalar();
      if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name == "." ||
          name == "..")
        continue;  // never outside the folder
      names.push_back(name);
    }
    return names;
  } catch (const YAML::Exception&) {
    return {};
  }
}

std::string scenario_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return io::sha256_hex(bytes);
}

}  // namespace

std::vector<std::string> write_job_output(const JobOutput& out, const std::string& dir) {
  const std::filesystem::path d(dir);
  const std::vector<std::string> earlier = earlier_run_files(d);
  std::vector<std::pair<std::string, const std::string*>> named;
  named.emplace_back("results.json", &out.results_json);
  for (const auto& [name, content] : out.tables) named.emplace_back(name, &content);
  if (!out.report_html.empty()) named.emplace_back("report.html", &out.report_html);
  io::JsonWriter m;
  m.begin_object();
  m.field("chainnet", CHAINNET_VERSION);
  m.key("scenario").begin_object();
  m.field("path", out.scenario_path);
  const std::string hash = scenario_sha256(out.scenario_path);
  if (hash.empty()) m.key("sha256").null();
  else m.field("sha256", hash);
  m.end_object();
  m.key("analyses").begin_array();
  for (const std::string& a : out.analyses) m.value(a);
  m.end_array();
  m.key("files").begin_array();
  for (const auto& f : named) m.value(f.first);
  m.value(kManifest);
  m.end_array();
  m.end_object();
  io::FileSet files;
  for (const auto& [name, content] : named) files.add((d / name).string(), *content);
  files.add((d / kManifest).string(), m.take() + "\n");
  files.commit();
  for (const std::string& old : earlier) {
    if (old == kManifest) continue;
    const bool rewritten = std::any_of(named.begin(), named.end(), [&](const auto& f) { return f.first == old; });
    std::error_code ec;
    if (!rewritten) std::filesystem::remove(d / old, ec);  // already gone: fine
  }
  return files.paths();
}

}  // namespace chainnet::run
