// chainnet generate (--sites N | --tiers A,B,C) --seed S -o DIR
#include <chrono>

#include "chainnet/io/scenario_writer.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/synth/generator.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_generate(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("generate", "write a synthetic, realistic chain: DIR/scenario.yaml plus CSV tables");
  struct Opts {
    CommonOptions common;
    std::uint32_t sites = 1000;
    std::uint64_t seed = 1;
    std::vector<std::uint32_t> tiers;
    std::string dir;
  };
  auto o = std::make_shared<Opts>();
  auto* sites = sub->add_option("--sites", o->sites, "number of sites (>= 30)")->capture_default_str();
  sub->add_option("--tiers", o->tiers,
                  "a tiered chain instead: sites per tier, top first, e.g. 200,500,1000 (tier-1 plants with "
                  "their own demand, then materials with 1-3 alternative makers)")
      ->delimiter(',')
      ->excludes(sites);
  sub->add_option("--seed", o->seed, "random seed; the same seed gives the same chain")->capture_default_str();
  sub->add_option("-o,--output", o->dir, "output folder")->required();
  add_common_options(sub, o->common, false);
  sub->callback([o, &action] {
    action = [o]() -> int {
      ThreadLimit limit(o->common.threads);
      const auto t0 = std::chrono::steady_clock::now();
      synth::GeneratorCounts counts;
      const model::Chain chain = o->tiers.empty() ? synth::generate_chain({o->sites, o->seed}, &counts)
                                                  : synth::generate_tiered_chain(o->tiers, o->seed, &counts);
      const auto files = io::write_scenario(chain, o->dir);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      out("generated " + std::to_string(counts.sites) + " sites, " + std::to_string(counts.products) +
          " products, " + std::to_string(counts.supplies) + " supplies, " + std::to_string(counts.hubs) +
          " hubs, " + std::to_string(counts.lanes) + " lanes in " + std::to_string(secs).substr(0, 5) +
          " s\nwrote " + o->dir + "/scenario.yaml and " + std::to_string(files.size() - 1) + " CSV tables\n");
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
