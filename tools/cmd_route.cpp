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

struct PriceOptions {
  double carbon_price = std::numeric_limits<double>::quiet_NaN();
  double value_of_time = std::numeric_limits<double>::quiet_NaN();
};

void add_price_options(CLI::App* sub, PriceOptions& p) {
  sub->add_option("--carbon-price", p.carbon_price, "currency per kg CO2 in the generalized cost (default: settings)");
  sub->add_option("--value-of-time", p.value_of_time, "currency per hour in the generalized cost (default: settings)");
}

}  // namespace

void setup_route(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("route", "cheapest / fastest / lowest-CO2 routes over lanes, k alternatives");
  struct Opts {
    CommonOptions common;
    PriceOptions prices;
    std::string file, from, to, by = "cost";
    std::uint32_t k = 1;
    double max_time = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> avoid;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("FILE", o->file, "scenario YAML file")->required();
  sub->add_option("--from", o->from, "start site or hub")->required();
  sub->add_option("--to", o->to, "end site or hub")->required();
  sub->add_option("--by", o->by, "cost | time | distance | co2 | generalized")->capture_default_str();
  sub->add_option("--k", o->k, "number of loopless alternatives (Yen)")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--max-time", o->max_time, "only routes of at most this many hours (exact)")->check(CLI::NonNegativeNumber);
  sub->add_option("--avoid", o->avoid, "sites, hubs, regions or modes to avoid (site:X, region:X, mode:X to be explicit)")->delimiter(',');
  add_price_options(sub, o->prices);
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      ThreadLimit limit(o->common.threads);
      const io::LoadResult r = load(o->file, o->common);
      const model::Chain& c = r.chain;
      routing::RouteQuery q;
      q.from = routing::resolve_node(c, o->from);
      q.to = routing::resolve_node(c, o->to);
      q.metric = routing::resolve_metric(o->by);
      q.prices = routing::prices_of(c, o->prices.carbon_price, o->prices.value_of_time);
      q.k = o->k;
      if (!std::isnan(o->max_time)) q.max_time_h = o->max_time;
      q.avoid = routing::resolve_avoid(c, o->avoid);
      const routing::LaneGraph g(c, q.metric, q.prices);
      const routing::RouteResult res = routing::find_routes(c, g, q);
      if (o->common.json) {
        io::JsonWriter w;
        io::write_routes_json(w, c, q.metric, res);
        out(w.str());
      } else {
        out(io::format_routes_text(c, q.metric, res));
      }
      return kOk;
    };
  });
}

void setup_matrix(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("matrix", "many-to-many distance matrix over lanes (parallel)");
  struct Opts {
    CommonOptions common;
    PriceOptions prices;
    std::string file, by = "cost", output;
    std::vector<std::string> sources{"all"}, targets{"all"}, avoid;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("FILE", o->file, "scenario YAML file")->required();
  sub->add_option("--sources", o->sources, "site/hub ids, or all (every site)")->delimiter(',')->capture_default_str();
  sub->add_option("--targets", o->targets, "site/hub ids, or all (every site)")->delimiter(',')->capture_default_str();
  sub->add_option("--by", o->by, "cost | time | distance | co2 | generalized")->capture_default_str();
  sub->add_option("--avoid", o->avoid, "sites, hubs, regions or modes to avoid")->delimiter(',');
  sub->add_option("-o,--output", o->output, "write the matrix as CSV to this file (unreachable: empty cells)");
  add_price_options(sub, o->prices);
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      ThreadLimit limit(o->common.threads);
      const io::LoadResult r = load(o->file, o->common);
      const model::Chain& c = r.chain;
      const routing::Metric by = routing::resolve_metric(o->by);
      const routing::LaneGraph g(c, by, routing::prices_of(c, o->prices.carbon_price, o->prices.value_of_time));
      const routing::DistanceMatrix m = routing::distance_matrix(
          c, g, routing::resolve_nodes(c, o->sources), routing::resolve_nodes(c, o->targets), routing::resolve_avoid(c, o->avoid));
      if (!o->output.empty()) io::write_file_atomic(o->output, io::format_matrix_csv(c, m));
      if (o->common.json) {
        io::JsonWriter w;
        io::write_matrix_json(w, c, by, m);
        out(w.str());
      } else if (o->output.empty()) {
        out(io::format_matrix_csv(c, m));
      } else {
        std::size_t unreachable = 0;
        for (double x : m.values) unreachable += std::isfinite(x) ? 0 : 1;
        out("wrote " + o->output + " (" + std::to_string(m.sources.size()) + " x " + std::to_string(m.targets.size()) +
            ", " + std::to_string(unreachable) + " unreachable)\n");
      }
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
