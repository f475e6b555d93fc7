// chainnet run FILE [-o DIR]
#include <iostream>

#include "chainnet/parallel.hpp"
#include "chainnet/run/job.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_run(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("run", "run the scenario's analyses; write DIR/results.json and CSV tables");
  struct Opts {
    CommonOptions common;
    std::string file;
    std::string dir = "out";
    std::vector<std::string> only;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("FILE", o->file, "scenario YAML file")->required();
  sub->add_option("-o,--output", o->dir, "output folder")->capture_default_str();
  sub->add_option("--analyses", o->only, "run these analyses instead of the scenario's list")->delimiter(',');
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      ThreadLimit limit(o->common.threads);
      const io::LoadResult r = load(o->file, o->common);
      const run::JobOutput job = run::run_job(r, o->file, o->only);
      const auto written = run::write_job_output(job, o->dir);
      if (o->common.json) {
        out(job.results_json);
      } else {
        out(job.summary_text);
        std::string files;
        for (const auto& p : written) files += "  " + p + "\n";
        out("wrote:\n" + files);
      }
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
