// chainnet variant FILE [--variant ID -o DIR]   and   chainnet diff A [B] [--variant ID]
#include <filesystem>

#include "chainnet/io/compare_report.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/scenario_writer.hpp"
#include "chainnet/variant/diff.hpp"
#include "chainnet/variant/variant.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {
namespace {

void list_variants(const model::Chain& c, bool json) {
  if (json) {
    io::JsonWriter w;
    w.begin_array();
    for (const model::VariantSpec& v : c.variants()) {
      w.begin_object();
      w.field("id", v.id).field("name", v.name).field("base", v.base).field("changes", static_cast<std::uint64_t>(v.changes.size()));
      w.end_object();
    }
    w.end_array();
    out(w.str() + "\n");
    return;
  }
  if (c.variants().empty()) {
    out("the scenario defines no variants\n");
    return;
  }
  std::string s;
  for (const model::VariantSpec& v : c.variants())
    s += v.id + (v.name.empty() ? "" : "  " + v.name) + (v.base.empty() ? "" : "  (base: " + v.base + ")") + "  " +
         std::to_string(v.changes.size()) + " change(s)\n";
  out(s);
}

std::string diff_json(const variant::ChainDiff& d, const std::string& a, const std::string& b) {
  io::JsonWriter w;
  w.begin_object();
  w.field("before", a).field("after", b).field("same", d.empty());
  io::write_chain_diff_fields(w, d);
  w.end_object();
  return w.str() + "\n";
}

}  // namespace

void setup_variant(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string variant;
    std::string dir;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "variant", "write a scenario variant as a complete scenario (without --variant: list the variants)", o,
      [](const Opts& opt, const io::LoadResult& loaded) -> int {
        if (opt.variant.empty()) {
          list_variants(loaded.chain, opt.common.json);
          return kOk;
        }
        if (opt.dir.empty()) throw InvalidInput("--variant needs -o DIR: the folder to write the variant's scenario to");
        const variant::Applied v = variant::apply_variant(loaded.chain, opt.variant);
        if (!opt.common.quiet)
          for (const Diagnostic& d : v.warnings) std::cerr << d.to_string() << '\n';
        std::filesystem::create_directories(opt.dir);
        const auto paths = io::write_scenario(v.chain, opt.dir, false);
        if (opt.common.json) {
          io::JsonWriter w;
          w.begin_object();
          w.field("variant", opt.variant).field("scenario", (std::filesystem::path(opt.dir) / "scenario.yaml").string());
          w.key("files").begin_array();
          for (const auto& p : paths) w.value(p);
          w.end_array();
          w.end_object();
          out(w.str() + "\n");
        } else {
          note(opt.common, "wrote variant '" + opt.variant + "' to " + (std::filesystem::path(opt.dir) / "scenario.yaml").string() + "\n");
        }
        return kOk;
      });
  sub->add_option("--variant", o->variant, "the variant's id");
  sub->add_option("-o,--output", o->dir, "folder to write scenario.yaml and its CSV tables to");
}

void setup_diff(CLI::App& app, Action& action) {
  struct Opts {
    CommonOptions common;
    std::vector<std::string> refs;
    std::string variant;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = app.add_subcommand("diff", "what differs between two scenarios or variants: rows added, removed and changed per table");
  sub->add_option("A B", o->refs, "scenarios; FILE@VARIANT names a variant of FILE; with one FILE and --variant, the scenario against that variant")
      ->required()
      ->expected(1, 2);
  sub->add_option("--variant", o->variant, "compare FILE with its variant ID");
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      const ThreadLimit limit(o->common.threads);
      std::vector<std::string> refs = o->refs;
      if (refs.size() == 1) {
        if (o->variant.empty()) throw InvalidInput("diff needs two scenarios (A B), or one and --variant ID");
        refs.push_back(refs[0] + "@" + o->variant);
      } else if (!o->variant.empty()) {
        throw InvalidInput("--variant goes with one scenario; with two, write FILE@VARIANT");
      }
      const model::Chain a = load_chain_ref(refs[0], o->common);
      const model::Chain b = load_chain_ref(refs[1], o->common);
      const variant::ChainDiff d = variant::diff_chains(a, b);
      out(o->common.json ? diff_json(d, refs[0], refs[1]) : io::format_chain_diff_text(d, refs[0], refs[1]));
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
