// chainnet route FILE --from A --to B [--by M] [--k K] [--max-time H] [--avoid X,...]
// chainnet matrix FILE [--sources IDS|all] [--targets IDS|all] --by M [-o matrix.csv]
#include <cmath>
#include <limits>

#include "chainnet/io/files.hpp"
#include "chainnet/io/route_report.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/routing/resolve.hpp"
#include "chainnet/routing/routes.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {
namespace {

// What route and matrix share: the metric, its prices, and what to avoid.
struct RoutingOptions : ScenarioOptions {
  std::string by = "cost";
  std::vector<std::string> avoid;
  double carbon_price = std::numeric_limits<double>::quiet_NaN();
  double value_of_time = std::numeric_limits<double>::quiet_NaN();

  void add_to(CLI::App* sub, const char* avoid_help) {
    sub->add_option("--by", by, "cost | time | distance | co2 | generalized")->capture_default_str();
    sub->add_option("--avoid", avoid, avoid_help)->delimiter(',');
    sub->add_option("--carbon-price", carbon_price, "currency per kg CO2 in the generalized cost (default: settings)");
    sub->add_option("--value-of-time", value_of_time, "currency per hour in the generalized cost (default: settings)");
  }
  [[nodiscard]] routing::Prices prices(const model::Chain& c) const { return routing::prices_of(c, carbon_price, value_of_time); }
};

}  // namespace

void setup_route(CLI::App& app, Action& action) {
  struct Opts : RoutingOptions {
    std::string from, to;
    std::uint32_t k = 1;
    double max_time = std::numeric_limits<double>::quiet_NaN();
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "route", "cheapest / fastest / lowest-CO2 routes over lanes, k alternatives", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        routing::RouteQuery q;
        q.from = routing::resolve_node(c, o.from);
        q.to = routing::resolve_node(c, o.to);
        q.metric = routing::resolve_metric(o.by);
        q.prices = o.prices(c);
        q.k = o.k;
        if (!std::isnan(o.max_time)) q.max_time_h = o.max_time;
        q.avoid = routing::resolve_avoid(c, o.avoid);
        const routing::LaneGraph g(c, q.metric, q.prices);
        const routing::RouteResult res = routing::find_routes(c, g, q);
        if (o.common.json) {
          io::JsonWriter w;
          io::write_routes_json(w, c, q.metric, res);
          out(w.str());
        } else {
          out(io::format_routes_text(c, q.metric, res));
        }
        return int{kOk};
      });
  sub->add_option("--from", o->from, "start site or hub")->required();
  sub->add_option("--to", o->to, "end site or hub")->required();
  sub->add_option("--k", o->k, "number of loopless alternatives (Yen)")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--max-time", o->max_time, "only routes of at most this many hours (exact)")->check(CLI::NonNegativeNumber);
  o->add_to(sub, "sites, hubs, regions or modes to avoid (site:X, region:X, mode:X to be explicit)");
}

void setup_matrix(CLI::App& app, Action& action) {
  struct Opts : RoutingOptions {
    std::string output;
    std::vector<std::string> sources{"all"}, targets{"all"};
    std::string method = "auto";
    bool long_form = false;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "matrix", "many-to-many distance matrix over lanes (parallel)", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        const routing::Metric by = routing::resolve_metric(o.by);
        const routing::LaneGraph g(c, by, o.prices(c));
        const routing::DistanceMatrix m = routing::distance_matrix(
            c, g, routing::resolve_nodes(c, o.sources), routing::resolve_nodes(c, o.targets), routing::resolve_avoid(c, o.avoid),
            routing::resolve_matrix_method(o.method));
        auto csv = [&] { return o.long_form ? io::format_matrix_long_csv(c, m) : io::format_matrix_csv(c, m); };
        if (!o.output.empty()) io::write_file_atomic(o.output, csv());
        if (o.common.json) {
          io::JsonWriter w;
          io::write_matrix_json(w, c, by, m);
          out(w.str());
        } else if (o.output.empty()) {
          out(csv());
        } else {
          std::size_t unreachable = 0;
          for (double x : m.values) unreachable += std::isfinite(x) ? 0 : 1;
          out("wrote " + o.output + " (" + std::to_string(m.sources.size()) + " x " + std::to_string(m.targets.size()) +
              ", " + std::to_string(unreachable) + " unreachable)\n");
        }
        return int{kOk};
      });
  sub->add_option("--sources", o->sources, "site/hub ids, or all (every site)")->delimiter(',')->capture_default_str();
  sub->add_option("--targets", o->targets, "site/hub ids, or all (every site)")->delimiter(',')->capture_default_str();
  sub->add_option("-o,--output", o->output, "write the matrix as CSV to this file (unreachable: empty cells)");
  sub->add_flag("--long", o->long_form, "CSV as a long table: source,target,value, one row per pair");
  sub->add_option("--method", o->method,
                  "auto | dijkstra (one search per source) | ch (contraction hierarchy: large road graphs, many sources)")
      ->capture_default_str();
  o->add_to(sub, "sites, hubs, regions or modes to avoid");
}

}  // namespace chainnet::cli
