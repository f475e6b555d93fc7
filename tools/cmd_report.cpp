// chainnet report FILE [-o DIR]: report.html, one self-contained page of the chain and its results.
#include <cmath>
#include <filesystem>

#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/run/job.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_report(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string dir = ".";
    run::ReportRequest request;
    double budget = std::nan("");
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "report",
      "write DIR/report.html: a map, charts and sortable tables of the chain and its analyses (opens offline)", o,
      [](const Opts& o, const io::LoadResult& r) {
        run::ReportRequest request = o.request;
        request.budget_given = !std::isnan(o.budget);
        request.budget = o.budget;
        run::JobOutput job = run::run_report(r.chain, o.file, request);
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
        } else {
          out("wrote " + path + "\n");
        }
        return int{kOk};
      });
  sub->add_option("-o,--output", o->dir, "output folder")->capture_default_str();
  sub->add_option("--analyses", o->request.analyses, "the analyses shown (default: the scenario's list, else all)")->delimiter(',');
  sub->add_option("--budget", o->budget,
                  "also show a strengthen plan and its budget frontier within this budget (default: settings.report.budget)");
  sub->add_option("--map-sites", o->request.limits.map_sites,
                  "sites and hubs drawn on the map before it samples (flagged ones first, then by throughput)")
      ->capture_default_str();
  sub->add_option("--map-links", o->request.limits.map_links, "lanes and supplies drawn on the map before it samples")
      ->capture_default_str();
  sub->add_option("--objective", o->request.objective,
                  "the strengthen plan's objective (default: settings.report.objective, else pi)");
}

}  // namespace chainnet::cli
