// Shared pieces of the `chainnet` subcommands: common options, loading, output.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/parallel.hpp"

namespace chainnet::cli {

/// Options every analysis command takes.
struct CommonOptions {
  int threads = 0;
  bool json = false;
  bool quiet = false;
};

/// What main() runs after parsing: the chosen subcommand's action, returning an exit code.
using Action = std::function<int()>;

void add_common_options(CLI::App* sub, CommonOptions& o, bool with_json = true);

/// The chain a command-line reference names: FILE, or FILE@VARIANT (the variant of FILE applied).
/// Prints the warnings on stderr unless quiet. Errors throw.
model::Chain load_chain_ref(const std::string& ref, const CommonOptions& o);

/// Loads a scenario, printing its warnings on stderr unless quiet. Errors throw.
io::LoadResult load(const std::string& path, const CommonOptions& o);

/// The options of every command that reads one scenario; commands extend it with their own.
struct ScenarioOptions {
  CommonOptions common;
  std::string file;
};

/// Adds subcommand `name` taking a scenario FILE and the common options. When chosen, it runs
/// `body(options, loaded scenario)` under the thread limit asked for. Returns the subcommand, for
/// the command's own options. Opts derives from ScenarioOptions.
template <class Opts, class Body>
CLI::App* add_scenario_command(CLI::App& app, Action& action, const char* name, const char* help,
                               std::shared_ptr<Opts> o, Body body) {
  auto* sub = app.add_subcommand(name, help);
  sub->add_option("FILE", o->file, "scenario YAML file")->required();
  add_common_options(sub, o->common);
  sub->callback([o, body, &action] {
    action = [o, body]() -> int {
      const ThreadLimit limit(o->common.threads);
      const io::LoadResult loaded = load(o->file, o->common);
      return body(*o, loaded);
    };
  });
  return sub;
}

/// Prints the normal plan's shortfalls as `FILE: warning: ...` lines on stderr unless quiet.
void warn_normal_plan(const CommonOptions& o, const std::string& file, const model::Chain& chain,
                      const flow::NormalPlan& plan);

/// Prints to stdout (used for results) or stderr (progress, warnings).
void out(const std::string& text);
void note(const CommonOptions& o, const std::string& text);

void setup_validate(CLI::App& app, Action& action);
void setup_info(CLI::App& app, Action& action);
void setup_generate(CLI::App& app, Action& action);
void setup_run(CLI::App& app, Action& action);
void setup_route(CLI::App& app, Action& action);
void setup_matrix(CLI::App& app, Action& action);
void setup_flow(CLI::App& app, Action& action);
void setup_criticality(CLI::App& app, Action& action);
void setup_stress(CLI::App& app, Action& action);
void setup_sweep(CLI::App& app, Action& action);
void setup_montecarlo(CLI::App& app, Action& action);
void setup_survival(CLI::App& app, Action& action);
void setup_variant(CLI::App& app, Action& action);
void setup_diff(CLI::App& app, Action& action);
void setup_compare(CLI::App& app, Action& action);
void setup_strengthen(CLI::App& app, Action& action);
void setup_region(CLI::App& app, Action& action);
void setup_export(CLI::App& app, Action& action);
void setup_report(CLI::App& app, Action& action);

}  // namespace chainnet::cli
