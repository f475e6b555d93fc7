// chainnet info FILE
#include "chainnet/io/info_report.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/parallel.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_info(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("info", "counts by kind, mode and region; tiers; BOM depth");
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
      const io::LoadResult r = load(o->file, o->common);
      const model::ChainSummary s = model::summarize(r.chain);
      if (o->common.json) {
        io::JsonWriter w;
        io::write_info_json(w, r.chain, s);
        out(w.str());
      } else {
        out(io::format_info_text(r.chain, s));
      }
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
