#include "cli.hpp"

#include "chainnet/variant/variant.hpp"

#include <unistd.h>

#include <iostream>

namespace chainnet::cli {

void add_common_options(CLI::App* sub, CommonOptions& o, bool with_json) {
  sub->add_option("--threads", o.threads, "worker threads (0 = all cores); results do not depend on it")
      ->check(CLI::NonNegativeNumber);
  if (with_json) sub->add_flag("--json", o.json, "print one JSON object on stdout instead of tables");
  sub->add_flag("-q,--quiet", o.quiet, "print no warnings or progress on stderr");
}

io::LoadResult load(const std::string& path, const CommonOptions& o) {
  io::LoadResult r = io::load_scenario(path);
  if (!o.quiet)
    for (const Diagnostic& d : r.warnings) std::cerr << d.to_string() << '\n';
  return r;
}

model::Chain load_chain_ref(const std::string& ref, const CommonOptions& o) {
  const std::size_t at = ref.rfind('@');
  if (at == std::string::npos || at == 0) return load(ref, o).chain;
  io::LoadResult base = load(ref.substr(0, at), o);
  variant::Applied v = variant::apply_variant(base.chain, ref.substr(at + 1));
  if (!o.quiet)
    for (const Diagnostic& d : v.warnings) std::cerr << d.to_string() << '\n';
  return std::move(v.chain);
}

void warn_normal_plan(const CommonOptions& o, const std::string& file, const model::Chain& chain,
                      const flow::NormalPlan& plan) {
  if (o.quiet) return;
  for (const std::string& line : flow::normal_plan_warnings(chain, plan)) std::cerr << file << ": warning: " << line << '\n';
}

void out(const std::string& text) { std::cout << text << std::flush; }

void note(const CommonOptions& o, const std::string& text) {
  if (!o.quiet) std::cerr << text << std::flush;
}

}  // namespace chainnet::cli
