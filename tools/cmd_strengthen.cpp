// chainnet strengthen SCENARIO --budget B [--objective OBJ] [--method auto|exact|greedy] [-o DIR]
#include <cstdio>
#include <filesystem>
#include <limits>
#include <iostream>

#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/scenario_writer.hpp"
#include "chainnet/io/strengthen_report.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/strengthen/planner.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_strengthen(CLI::App& app, Action& action) {
  struct Opts {
    CommonOptions common;
    std::string scenario;
    double budget = -1;
    std::string objective = "pi";
    std::string method = "auto";
    std::uint32_t runs = 0;
    std::uint32_t steps = 10;
    std::string dir;
    std::string variant_dir;
    bool suggest = false;
    std::size_t max_suggested = 0;
    bool no_warm_start = false;
    std::uint64_t mip_column_limit = 20000;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "strengthen", "choose which candidate actions (second sources, stock, capacity, lanes, sites) to buy within a budget");
  sub->add_option("SCENARIO", o->scenario, "scenario YAML file with a candidates section")->required();
  sub->add_option("--budget", o->budget, "what may be spent, in the scenario currency (>= 0)")->required();
  sub->add_option("--objective", o->objective, "at_risk, pi (default), expected_loss, cvar95 or spof");
  sub->add_option("--method", o->method, "exact (every admissible portfolio), greedy, or auto (default: exact up to 14 candidates)");
  sub->add_option("--runs", o->runs, "Monte Carlo runs for expected_loss and cvar95 (default: the scenario's)");
  sub->add_option("--frontier-steps", o->steps, "budget steps of the frontier (default 10)")->check(CLI::PositiveNumber);
  sub->add_option("-o,--output", o->dir, "folder for strengthen.json and the strengthen_*.csv tables");
  sub->add_flag("--suggest", o->suggest,
                "add candidates made from the chain's weak links (second sources, stock, capacity; priced by settings.candidates)");
  sub->add_option("--max-suggested", o->max_suggested,
                  "with --suggest: at most this many suggested candidates, those of the inputs with the most value at risk first (default: all)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--mip-column-limit", o->mip_column_limit,
                  "pi and at_risk: the deterministic-equivalent MIP while it has at most this many columns (default 20000); "
                  "beyond, exact uses Benders decomposition and auto uses greedy");
  sub->add_flag("--no-warm-start", o->no_warm_start,
                "pi and at_risk: solve every failure's LP from scratch for every portfolio (same answer, much slower; for comparisons)");
  sub->add_option("--write-variant", o->variant_dir, "also write the chain with the chosen actions as a complete scenario here");
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      const ThreadLimit limit(o->common.threads);
      strengthen::StrengthenOptions so;
      const auto objective = strengthen::parse_objective(o->objective);
      if (!objective)
        throw InvalidInput("unknown objective '" + o->objective + "' (expected at_risk, pi, expected_loss, cvar95 or spof)");
      const auto method = strengthen::parse_method(o->method);
      if (!method) throw InvalidInput("unknown method '" + o->method + "' (expected auto, exact or greedy)");
      if (!(o->budget >= 0) || std::isinf(o->budget)) throw InvalidInput("--budget expects an amount >= 0");
      so.objective = *objective;
      so.method = *method;
      so.budget = o->budget;
      so.montecarlo_runs = o->runs;
      so.frontier_steps = o->steps;
      so.warm_start = !o->no_warm_start;
      so.mip_column_limit = o->mip_column_limit;
      if (o->max_suggested && !o->suggest) throw InvalidInput("--max-suggested needs --suggest");
      io::LoadResult base = load(o->scenario, o->common);
      if (o->suggest)
        base.chain = strengthen::with_suggested_candidates(
            base.chain, o->max_suggested ? o->max_suggested : std::numeric_limits<std::size_t>::max());
      const auto candidates = strengthen::resolve_candidates(base.chain);
      if (candidates.empty())
        throw InvalidInput(o->scenario + ": no candidates (give a 'candidates' section, or --suggest)");
      const strengthen::StrengthenResult r = strengthen::strengthen(base.chain, candidates, so);
      io::JsonWriter w;
      io::write_strengthen_json(w, r, candidates);
      io::FileSet files;
      if (!o->dir.empty()) {
        std::filesystem::create_directories(o->dir);
        files.add((std::filesystem::path(o->dir) / "strengthen.json").string(), w.str() + "\n");
        for (auto& [name, content] : io::strengthen_csv(r, candidates))
          files.add((std::filesystem::path(o->dir) / name).string(), content);
      }
      files.commit();
      if (!o->variant_dir.empty()) {
        std::vector<char> chosen(candidates.size(), 0);
        for (std::uint32_t i : r.chosen) chosen[i] = 1;
        const model::Chain v = strengthen::apply_portfolio(base.chain, candidates, chosen);
        std::filesystem::create_directories(o->variant_dir);
        io::write_scenario(v, o->variant_dir, false);
        note(o->common, "wrote the strengthened chain to " + (std::filesystem::path(o->variant_dir) / "scenario.yaml").string() + "\n");
      }
      if (r.lp_solves > 0) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "failure LPs: %llu solved in %.3f s on %d threads\n",
                      static_cast<unsigned long long>(r.lp_solves), r.lp_seconds, r.lp_threads);
        note(o->common, buf);
      }
      if (!o->dir.empty()) note(o->common, "wrote strengthen.json and the strengthen_*.csv tables to " + o->dir + "\n");
      out(o->common.json ? w.str() + "\n" : io::format_strengthen_text(r, candidates));
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
