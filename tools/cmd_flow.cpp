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
    std::vector<std::string> disruptions, avoid;
    std::string site;
    double loss = 1.0;
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
        if (!o.disruptions.empty() || !o.site.empty() || !o.avoid.empty()) {
          // Re-plan with the shock in force, against the normal plan.
          std::string label;
          const flow::ReplanShock shock = flow::replan_shock(c, o.disruptions, o.site, o.loss, o.avoid, &label);
          const flow::Replan rp = flow::replan(c, shock, po);
          io::JsonWriter w;
          io::write_replan_json(w, c, rp, label);
          if (!o.dir.empty()) {
            io::FileSet files;
            const std::filesystem::path d(o.dir);
            files.add((d / "flow.json").string(), w.str());
            for (const auto& [name, content] : io::replan_tables(c, rp)) files.add((d / name).string(), content);
            files.commit();
          }
          if (o.common.json) out(w.str());
          else out(io::format_replan_text(c, rp, label, o.top) + (o.dir.empty() ? "" : "wrote " + o.dir + "/flow.json, delta.csv and CSV tables\n"));
          return int{kOk};
        }
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
  sub->add_option("--disruption", o->disruptions, "re-plan with this scenario disruption in force (repeat: together)");
  sub->add_option("--site", o->site, "re-plan with this site failed");
  sub->add_option("--loss", o->loss, "capacity loss of --site, in (0, 1]")->capture_default_str()->check(CLI::Range(1e-12, 1.0));
  sub->add_option("--avoid", o->avoid, "re-plan with these sites, hubs, regions or modes closed to routes")->delimiter(',');
  sub->footer(
      "Examples:\n  chainnet flow scenarios/default.yaml\n  chainnet flow scenarios/default.yaml --json > plan.json\n"
      "  chainnet flow big.yaml --method lp -o plan/\n"
      "  chainnet flow scenarios/default.yaml --disruption malacca_closed   # re-plan: extra cost, CO2, lost sales, moved flows\n"
      "  chainnet flow scenarios/default.yaml --site cell_fujian --loss 0.5 --avoid mode:air");
}

}  // namespace chainnet::cli
