// chainnet flow FILE [--method auto|network|lp] [--penalty-factor F] [--carbon-price P] [-o DIR]
#include <filesystem>
#include <limits>

#include "chainnet/error.hpp"
#include "chainnet/flow/flow_plan.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/io/flow_report.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_flow(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string method = "auto";
    double penalty_factor = 1.0;
    double carbon_price = std::numeric_limits<double>::quiet_NaN();
    std::string dir;
    std::size_t top = 10;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "flow", "least-cost flow plan meeting market demand per period (min-cost flow / LP)", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        flow::PlanOptions po;
        po.method = flow::parse_plan_method(o.method);
        po.penalty_factor = o.penalty_factor;
        po.carbon_price = o.carbon_price;
        const flow::FlowPlan plan = flow::plan_flows(c, po);
        io::JsonWriter w;
        io::write_flow_plan_json(w, c, plan);
        if (!o.dir.empty()) {
          io::FileSet files;
          const std::filesystem::path d(o.dir);
          files.add((d / "flow.json").string(), w.str());
          for (const auto& [name, content] : io::flow_plan_tables(c, plan)) files.add((d / name).string(), content);
          files.commit();
        }
        if (o.common.json) out(w.str());
        else out(io::format_flow_plan_text(c, plan, o.top) + (o.dir.empty() ? "" : "wrote " + o.dir + "/flow.json and CSV tables\n"));
        return int{kOk};
      });
  sub->add_option("--method", o->method, "auto | network (min-cost flow per product) | lp")->capture_default_str();
  sub->add_option("--penalty-factor", o->penalty_factor, "lost-sale penalty per unit = factor x product value")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--carbon-price", o->carbon_price, "currency per kg CO2 (default: settings)")->check(CLI::NonNegativeNumber);
  sub->add_option("-o,--output", o->dir, "write flow.json, flows.csv, production.csv, unmet.csv, bottlenecks.csv here");
  sub->add_option("--top", o->top, "rows of unmet demand and bottlenecks in the text summary")->capture_default_str();
  sub->footer(
      "Examples:\n  chainnet flow scenarios/default.yaml\n  chainnet flow scenarios/default.yaml --json > plan.json\n"
      "  chainnet flow big.yaml --method lp -o plan/");
}

}  // namespace chainnet::cli
