// chainnet report FILE [-o DIR]: report.html, one self-contained page of the chain and its results.
#include "chainnet/error.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/chain_editor.hpp"
#include "chainnet/run/analyses.hpp"
#include "chainnet/run/job.hpp"
#include "chainnet/strengthen/planner.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace chainnet::cli {

void setup_report(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string dir = ".";
    std::vector<std::string> only;
    double budget = std::nan("");
    std::string objective;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "report", "write DIR/report.html: a map, charts and sortable tables of the chain and its analyses (opens offline)", o,
      [](const Opts& o, const io::LoadResult& r) {
        std::vector<std::string> analyses = o.only;
        if (analyses.empty()) analyses = r.chain.analyses();
        if (analyses.empty())
          for (std::string_view a : run::known_analyses()) analyses.emplace_back(a);
        if (std::find(analyses.begin(), analyses.end(), "report") == analyses.end()) analyses.emplace_back("report");
        model::ChainEditor edit(r.chain);
        if (!std::isnan(o.budget)) {
          if (!(o.budget >= 0) || !std::isfinite(o.budget)) throw InvalidInput("--budget must be a number >= 0");
          edit.settings().report.budget = o.budget;
        }
        if (!o.objective.empty()) {
          if (!strengthen::parse_objective(o.objective)) throw InvalidInput("unknown --objective '" + o.objective + "'");
          edit.settings().report.objective = o.objective;
        }
        const model::Chain chain = edit.take();
        run::JobOutput job = run::run_job(chain, o.file, analyses);
        if (!o.common.quiet) {
          for (const Diagnostic& d : r.warnings) note(o.common, d.to_string() + "\n");
          for (const Diagnostic& d : job.warnings) note(o.common, d.to_string() + "\n");
        }
        io::FileSet files;
        const std::string path = (std::filesystem::path(o.dir) / "report.html").string();
        files.add(path, std::move(job.report_html));
        files.commit();
        if (o.common.json) {
          std::string j = "{\"report\": ";
          io::append_json_string(j, path);
          out(j + "}\n");
        }
        else out("wrote " + path + "\n");
        return int{kOk};
      });
  sub->add_option("-o,--output", o->dir, "output folder")->capture_default_str();
  sub->add_option("--analyses", o->only, "the analyses shown (default: the scenario's list, else all)")->delimiter(',');
  sub->add_option("--budget", o->budget, "also show a strengthen plan and its budget frontier within this budget (default: settings.report.budget)");
  sub->add_option("--objective", o->objective, "the strengthen plan's objective (default: settings.report.objective, else pi)");
}

}  // namespace chainnet::cli
