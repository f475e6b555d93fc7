// chainnet export SCENARIO --format geojson|graphml|gexf|dot [--with flow,survival] [-o FILE]
#include <filesystem>

#include "chainnet/error.hpp"
#include "chainnet/io/export.hpp"
#include "chainnet/io/files.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {

void setup_export(CLI::App& app, Action& action) {
  struct Opts {
    CommonOptions common;
    std::string scenario, format, file;
    std::vector<std::string> with;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "export", "the chain for other tools: GeoJSON (QGIS, kepler.gl, geopandas), GraphML and GEXF (networkx, igraph, Gephi), DOT (graphviz)");
  sub->add_option("SCENARIO", o->scenario, "scenario YAML file")->required();
  sub->add_option("--format", o->format, "geojson, graphml, gexf or dot")->required();
  sub->add_option("--with", o->with, "results joined in as properties: flow (planned flows, throughput), survival (tts, performance impact, at risk)")
      ->delimiter(',');
  sub->add_option("-o,--output", o->file, "file to write (default: standard output)");
  add_common_options(sub, o->common);
  sub->callback([o, &action] {
    action = [o]() -> int {
      const ThreadLimit limit(o->common.threads);
      const auto format = io::parse_export_format(o->format);
      if (!format) throw InvalidInput("unknown format '" + o->format + "' (expected geojson, graphml, gexf or dot)");
      const io::LoadResult base = load(o->scenario, o->common);
      const io::ExportJoins joins = io::export_joins(base.chain, o->with);
      if (o->file.empty()) {
        out(io::export_chain(base.chain, *format, joins));
        return kOk;
      }
      io::export_chain_to_file(base.chain, *format, joins, o->file);
      note(o->common, "wrote " + o->file + "\n");
      return kOk;
    };
  });
}

}  // namespace chainnet::cli
