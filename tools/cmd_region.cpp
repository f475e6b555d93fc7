// chainnet region SCENARIO --region PREFIX [-o DIR]: the regional view.
#include <filesystem>

#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/region_report.hpp"
#include "chainnet/strengthen/region_profile.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_region(CLI::App& app, Action& action) {
  struct Opts {
    CommonOptions common;
    std::string scenario, region, dir;
    std::size_t top = 10;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "region", "a region's part of the chain: stages made and imported, capacity shares, concentration, localising candidates");
  sub->add_option("SCENARIO", o->scenario, "scenario YAML file")->required();
  sub->add_option("--region", o->region, "region code (with everything inside it), or a prefix ending in '-'")->required();
  sub->add_option("--top", o->top, "products and candidates listed in the text report (default 10)")->check(CLI::PositiveNumber);
  sub->add_option("-o,--output", o->dir, "folder for region.json and the region_*.csv tables");
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      const ThreadLimit limit(o->common.threads);
      const io::LoadResult base = load(o->scenario, o->common);
      const strengthen::RegionProfile r = strengthen::region_profile(base.chain, o->region);
      io::JsonWriter w;
      io::write_region_json(w, base.chain, r);
      if (!o->dir.empty()) {
        std::filesystem::create_directories(o->dir);
        io::FileSet files;
        files.add((std::filesystem::path(o->dir) / "region.json").string(), w.str() + "\n");
        for (auto& [name, content] : io::region_csv(base.chain, r)) files.add((std::filesystem::path(o->dir) / name).string(), content);
        files.commit();
        note(o->common, "wrote region.json and the region_*.csv tables to " + o->dir + "\n");
      }
      out(o->common.json ? w.str() + "\n" : io::format_region_text(base.chain, r, o->top));
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
