// chainnet criticality FILE [--master ID] [--market ID] [--top N] [--json] [-o DIR] [...]
#include <filesystem>

#include "chainnet/error.hpp"
#include "chainnet/io/criticality_report.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/routing/resolve.hpp"
#include "chainnet/weak/criticality.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {
namespace {

model::SiteId resolve_site(const model::Chain& c, const std::string& id, const char* what) {
  const model::NodeId n = routing::resolve_node(c, id);
  if (c.is_hub(n)) throw InvalidInput(std::string(what) + " '" + id + "' is a hub, not a site");
  return n;
}

}  // namespace

void setup_criticality(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string master, market, dir, method = "auto";
    std::size_t top = 10;
    bool count_stock = false, no_regions = false;
    std::string lanes = "auto";
    std::uint32_t samples = 0, orders = 50, points = 21;
    std::uint64_t seed = 0;
    bool seed_given = false;
    bool include_markets = false;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "criticality",
      "weak links: single points of failure, stuck-neck inputs, hidden deep tiers, bottlenecks, centrality, robustness", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        weak::CriticalityOptions co;
        co.include_markets = o.include_markets;
        if (!o.master.empty()) co.master = resolve_site(c, o.master, "master");
        if (!o.market.empty()) {
          co.market = resolve_site(c, o.market, "market");
          if (!c.has_demand(co.market)) throw InvalidInput("market '" + o.market + "' has no demand");
        }
        co.structural.count_stock = o.count_stock;
        co.single_points.method = weak::parse_spof_method(o.method);
        co.single_points.regions = !o.no_regions;
        if (o.lanes == "on") co.bottlenecks.lanes = weak::LaneUse::on;
        else if (o.lanes == "off") co.bottlenecks.lanes = weak::LaneUse::off;
        const std::uint64_t seed = o.seed_given ? o.seed : c.settings().seed;
        co.betweenness.samples = o.samples;
        co.betweenness.seed = seed;
        co.robustness.orders = o.orders;
        co.robustness.points = o.points;
        co.robustness.seed = seed;
        const weak::CriticalityReport report = weak::criticality(c, co);
        io::JsonWriter w;
        io::write_criticality_json(w, c, report);
        if (!o.dir.empty()) {
          io::FileSet files;
          const std::filesystem::path d(o.dir);
          files.add((d / "criticality.json").string(), w.str());
          for (const auto& [name, content] : io::criticality_csv(c, report)) files.add((d / name).string(), content);
          files.commit();
        }
        if (o.common.json) out(w.str());
        else out(io::format_criticality_text(c, report, o.top) + (o.dir.empty() ? "" : "wrote " + o.dir + "/criticality.json and CSV tables\n"));
        return int{kOk};
      });
  sub->add_option("--master", o->master, "chain master site (default: the site tagged chain_master)");
  sub->add_option("--market", o->market, "report single points of failure of this market only");
  sub->add_option("--top", o->top, "rows per section in the text summary")->capture_default_str();
  sub->add_option("-o,--output", o->dir, "write criticality.json and one CSV per section here");
  sub->add_option("--method", o->method, "single points of failure: auto | dominators (chains without BOMs) | sweep")
      ->capture_default_str();
  sub->add_flag("--count-stock", o->count_stock, "count stock on hand as a source (structural analyses ignore it by default)");
  sub->add_flag("--no-regions", o->no_regions, "skip regional single points of failure");
  sub->add_flag("--include-markets", o->include_markets, "list markets in site_impact too (they are demand, not failure candidates)");
  sub->add_option("--lanes", o->lanes, "bottlenecks: cap supplies by the lanes of their routes: auto | on | off")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "on", "off"}));
  sub->add_option("--samples", o->samples, "betweenness from this many sampled sources (0 = exact), with standard errors")
      ->capture_default_str();
  sub->add_option("--orders", o->orders, "random removal orders of the robustness curve")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--points", o->points, "points of the robustness curve")->capture_default_str()->check(CLI::Range(2u, 100000u));
  sub->add_option("--seed", o->seed, "seed of sampling and random orders (default: settings.seed)")
      ->each([o](const std::string&) { o->seed_given = true; });
  sub->footer(
      "Examples:\n  chainnet criticality scenarios/default.yaml\n  chainnet criticality scenarios/default.yaml --json > weak.json\n"
      "  chainnet criticality big.yaml --master OEM-1 --samples 2000 -o weak/");
}

}  // namespace chainnet::cli
