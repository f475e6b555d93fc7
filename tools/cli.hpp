// Shared pieces of the `chainnet` subcommands: common options, loading, output.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "chainnet/io/scenario.hpp"

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

/// Loads a scenario, printing its warnings on stderr unless quiet. Errors throw.
io::LoadResult load(const std::string& path, const CommonOptions& o);

/// Prints to stdout (used for results) or stderr (progress, warnings).
void out(const std::string& text);
void note(const CommonOptions& o, const std::string& text);

void setup_validate(CLI::App& app, Action& action);
void setup_info(CLI::App& app, Action& action);
void setup_generate(CLI::App& app, Action& action);
void setup_run(CLI::App& app, Action& action);
void setup_route(CLI::App& app, Action& action);
void setup_matrix(CLI::App& app, Action& action);

}  // namespace chainnet::cli
