// chainnet compare SCENARIO [--variants a,b|all]   or   chainnet compare A.yaml B.yaml [...]
#include <filesystem>
#include <iostream>

#include "chainnet/compare/compare.hpp"
#include "chainnet/io/compare_report.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_compare(CLI::App& app, Action& action) {
  struct Opts {
    CommonOptions common;
    std::vector<std::string> refs;
    std::vector<std::string> variants;
    std::vector<std::string> analyses;
    std::uint32_t runs = 0;
    std::size_t top = 20;
    std::string dir;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "compare", "run analyses on a scenario and its variants (or on several scenarios) and compare their key figures");
  sub->add_option("FILES", o->refs,
                  "one scenario (compared with its variants), or several (the first is the baseline); FILE@VARIANT names a variant")
      ->required();
  sub->add_option("--variants", o->variants, "variant ids to compare with the scenario, or all (default)")->delimiter(',');
  sub->add_option("--analyses", o->analyses, "flow, criticality, survival, stress, montecarlo, sweep (default: all but sweep)")
      ->delimiter(',');
  sub->add_option("--runs", o->runs, "Monte Carlo runs (default: each scenario's montecarlo.runs)");
  sub->add_option("--top", o->top, "entity changes listed per kind and variant (default 20)")->check(CLI::PositiveNumber);
  sub->add_option("-o,--output", o->dir, "folder for compare.json and the compare_*.csv tables");
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      const ThreadLimit limit(o->common.threads);
      compare::Lineup lineup;
      if (o->refs.size() == 1) {
        const io::LoadResult base = load(o->refs[0], o->common);
        lineup = compare::variants_lineup(base.chain, o->variants);
        if (!o->common.quiet)
          for (const Diagnostic& d : lineup.warnings) std::cerr << d.to_string() << '\n';
        if (lineup.chains.size() == 1) note(o->common, o->refs[0] + ": the scenario defines no variants; comparing it alone\n");
      } else {
        if (!o->variants.empty()) throw InvalidInput("--variants goes with one scenario; with several, write FILE@VARIANT");
        for (const std::string& ref : o->refs) {
          lineup.chains.push_back(load_chain_ref(ref, o->common));
          const std::size_t at = ref.rfind('@');
          std::string name = at != std::string::npos && at > 0 ? ref.substr(at + 1) : std::filesystem::path(ref).stem().string();
          if (name == "scenario") name = std::filesystem::path(ref).parent_path().filename().string();
          std::string unique = name;
          for (int n = 2; std::find(lineup.names.begin(), lineup.names.end(), unique) != lineup.names.end(); ++n)
            unique = name + "#" + std::to_string(n);
          lineup.names.push_back(unique);
        }
      }
      compare::CompareOptions co;
      co.analyses = o->analyses;
      co.montecarlo_runs = o->runs;
      co.top = o->top;
      const compare::Comparison c = compare::compare(lineup.pointers(), lineup.names, co);
      io::JsonWriter w;
      io::write_compare_json(w, c);
      if (!o->dir.empty()) {
        std::filesystem::create_directories(o->dir);
        io::FileSet files;
        files.add((std::filesystem::path(o->dir) / "compare.json").string(), w.str() + "\n");
        for (auto& [name, content] : io::compare_csv(c, lineup.pointers())) files.add((std::filesystem::path(o->dir) / name).string(), content);
        files.commit();
        note(o->common, "wrote compare.json and the compare_*.csv tables to " + o->dir + "\n");
      }
      out(o->common.json ? w.str() + "\n" : io::format_compare_text(c));
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
