// chainnet info FILE
#include "chainnet/io/info_report.hpp"
#include "chainnet/model/summary.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_info(CLI::App& app, Action& action) {
  add_scenario_command(app, action, "info", "counts by kind, mode and region; tiers; BOM depth",
                       std::make_shared<ScenarioOptions>(), [](const ScenarioOptions& o, const io::LoadResult& r) {
                         const model::ChainSummary s = model::summarize(r.chain);
                         if (o.common.json) {
                           io::JsonWriter w;
                           io::write_info_json(w, r.chain, s);
                           out(w.str());
                         } else {
                           out(io::format_info_text(r.chain, s));
                         }
                         return int{kOk};
                       });
}

}  // namespace chainnet::cli
