// chainnet run FILE [-o DIR]
#include "chainnet/run/job.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_run(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string dir = "out";
    std::vector<std::string> only;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "run", "run the scenario's analyses; write DIR/results.json and CSV tables", o,
      [](const Opts& o, const io::LoadResult& r) {
        const run::JobOutput job = run::run_job(r, o.file, o.only);
        if (!o.common.quiet)
          for (const Diagnostic& d : job.warnings) note(o.common, d.to_string() + "\n");
        const auto written = run::write_job_output(job, o.dir);
        if (o.common.json) {
          out(job.results_json);
        } else {
          std::string files;
          for (const auto& p : written) files += "  " + p + "\n";
          out(job.summary_text + "wrote:\n" + files);
        }
        return int{kOk};
      });
  sub->add_option("-o,--output", o->dir, "output folder")->capture_default_str();
  sub->add_option("--analyses", o->only, "run these analyses instead of the scenario's list")->delimiter(',');
}

}  // namespace chainnet::cli
