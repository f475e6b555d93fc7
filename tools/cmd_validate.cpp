// chainnet validate FILE: the scenario, and every variant it defines applied
#include <iostream>

#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/variant/variant.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {
namespace {

void write_list(io::JsonWriter& w, const std::vector<Diagnostic>& ds, Severity sev) {
  w.begin_array();
  for (const Diagnostic& d : ds) {
    if (d.severity != sev) continue;
    w.begin_object();
    w.field("file", d.file).field("line", d.line).field("column", d.column);
    w.field("message", d.message);
    w.end_object();
  }
  w.end_array();
}

// Applies every variant of `c` and resolves its candidates, appending what each finds to `found`. Returns the number of
// errors.
std::size_t check_variants(const model::Chain& c, std::vector<Diagnostic>& found) {
  std::size_t errors = 0;
  for (const model::VariantSpec& v : c.variants()) {
    try {
      variant::Applied a = variant::apply_variant(c, v.id);
      found.insert(found.end(), a.warnings.begin(), a.warnings.end());
    } catch (const ScenarioError& e) {
      found.insert(found.end(), e.diagnostics().begin(), e.diagnostics().end());
      errors += e.error_count();
    } catch (const InvalidInput& e) {
      found.push_back({v.file, v.line, v.column, Severity::error, e.what()});
      ++errors;
    }
  }
  // Candidates of the strengthen planner: resolved against the chain, each applied alone.
  if (!c.candidates().empty()) {
    try {
      (void)strengthen::resolve_candidates(c);
    } catch (const ScenarioError& e) {
      found.insert(found.end(), e.diagnostics().begin(), e.diagnostics().end());
      errors += e.error_count();
    }
  }
  return errors;
}

}  // namespace

void setup_validate(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("validate", "check a scenario; exit 0 when valid, 2 with every error listed");
  struct Opts {
    CommonOptions common;
    std::string file;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("FILE", o->file, "scenario YAML file")->required();
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      ThreadLimit limit(o->common.threads);
      if (!o->common.json) {
        const io::LoadResult r = load(o->file, o->common);
        const auto& c = r.chain;
        std::vector<Diagnostic> found;
        const std::size_t variant_errors = check_variants(c, found);
        if (variant_errors > 0) throw ScenarioError(std::move(found));
        if (!o->common.quiet)
          for (const Diagnostic& d : found) std::cerr << d.to_string() << '\n';
        const flow::NormalPlan plan = flow::normal_plan(c);
        warn_normal_plan(o->common, o->file, c, plan);
        const std::size_t plan_warnings = flow::normal_plan_warnings(c, plan).size();
        out(o->file + ": valid (" + std::to_string(c.products().size()) + " products, " +
            std::to_string(c.num_sites()) + " sites, " + std::to_string(c.supplies().size()) +
            " supplies, " + std::to_string(c.lanes().size()) + " lanes" +
            (c.variants().empty() ? std::string() : ", " + std::to_string(c.variants().size()) + " variants") +
            (c.candidates().empty() ? std::string() : ", " + std::to_string(c.candidates().size()) + " candidates") + "; " +
            std::to_string(r.warnings.size() + plan_warnings + found.size()) + " warning(s))\n");
        return kOk;
      }
      io::JsonWriter w;
      w.begin_object();
      try {
        io::LoadResult r = io::load_scenario(o->file);
        if (check_variants(r.chain, r.warnings) > 0) throw ScenarioError(std::move(r.warnings));
        const flow::NormalPlan plan = flow::normal_plan(r.chain);
        for (std::string& line : flow::normal_plan_warnings(r.chain, plan))
          r.warnings.push_back({o->file, 0, 0, Severity::warning, std::move(line)});
        w.field("file", o->file).field("valid", true);
        w.key("errors").begin_array().end_array();
        w.key("warnings");
        write_list(w, r.warnings, Severity::warning);
        w.end_object();
        out(w.str());
        return kOk;
      } catch (const ScenarioError& e) {
        w.field("file", o->file).field("valid", false);
        w.key("errors");
        write_list(w, e.diagnostics(), Severity::error);
        w.key("warnings");
        write_list(w, e.diagnostics(), Severity::warning);
        w.end_object();
        out(w.str());
        return kBadInput;
      }
    };
  });
}

}  // namespace chainnet::cli
