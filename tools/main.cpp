// `chainnet`: the command-line face of the library. It parses arguments into option structs and
// calls one library entry point per subcommand; errors map to exit codes in exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <iostream>
#include <new>

#include "chainnet/error.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace {

constexpr const char* kExamples = R"(
Examples:
  chainnet validate scenarios/default.yaml
  chainnet info scenarios/default.yaml --json
  chainnet run scenarios/default.yaml -o out
  chainnet route scenarios/default.yaml --from mine_greenbushes --to refinery_jx --by time --k 3
  chainnet matrix scenarios/default.yaml --sources port_shanghai,port_ningbo --targets all --by cost
  chainnet generate --sites 100000 --seed 1 -o /tmp/big && chainnet info /tmp/big/scenario.yaml
  chainnet export scenarios/default.yaml --format geojson --with survival -o chain.geojson

Exit codes: 0 success, 2 bad input (scenario errors are listed as FILE:LINE:COLUMN: error: ...),
1 internal error.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace chainnet;
  CLI::App app{"chainnet: plan and stress-test industrial supply chains", "chainnet"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("chainnet ") + CHAINNET_VERSION);
  app.require_subcommand(1);
  cli::Action action;
  cli::setup_validate(app, action);
  cli::setup_info(app, action);
  cli::setup_generate(app, action);
  cli::setup_run(app, action);
  cli::setup_route(app, action);
  cli::setup_matrix(app, action);
  cli::setup_flow(app, action);
  cli::setup_criticality(app, action);
  cli::setup_stress(app, action);
  cli::setup_sweep(app, action);
  cli::setup_montecarlo(app, action);
  cli::setup_survival(app, action);
  cli::setup_variant(app, action);
  cli::setup_diff(app, action);
  cli::setup_compare(app, action);
  cli::setup_strengthen(app, action);
  cli::setup_region(app, action);
  cli::setup_export(app, action);
  cli::setup_report(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kBadInput;
  }
  try {
    return action();
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << '\n';
    std::cerr << e.error_count() << " error(s)\n";
    return cli::kBadInput;
  } catch (const InvalidInput& e) {
    std::cerr << "chainnet: error: " << e.what() << '\n';
    return cli::kBadInput;
  } catch (const IoError& e) {
    std::cerr << "chainnet: error: " << e.what() << '\n';
    return cli::kBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "chainnet: error: out of memory\n";
    return cli::kOutOfMemory;
  } catch (const std::exception& e) {
    std::cerr << "chainnet: internal error: " << e.what() << '\n';
    return cli::kInternalError;
  }
}
