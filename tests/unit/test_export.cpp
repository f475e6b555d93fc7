// The export writers under the sanitizers: every format of the default scenario and of a chain
// with hostile names, counted element by element (the readers' checks are in
// tests/python/test_export.py: geopandas, networkx, igraph, graphviz).
#include <gtest/gtest.h>

#include "count_occurrences.hpp"

#include "chainnet/error.hpp"
#include "chainnet/io/export.hpp"
#include "chainnet/io/scenario.hpp"

namespace chainnet {
namespace {

TEST(Export, EveryFormatHoldsEveryNodeAndEdge) {
  const model::Chain c = io::load_scenario(std::string(CHAINNET_SOURCE_DIR) + "/scenarios/default.yaml").chain;
  const io::ExportJoins joins = io::export_joins(c, {"flow", "survival"});
  const std::size_t nodes = c.num_nodes(), edges = c.supplies().size() + c.lanes().size();
  const std::string geo = io::export_chain(c, io::ExportFormat::geojson, joins);
  EXPECT_EQ(count(geo, "\"type\":\"Feature\""), nodes + edges);
  EXPECT_EQ(count(geo, "\"edge\":\"supply\""), c.supplies().size());
  const std::string gml = io::export_chain(c, io::ExportFormat::graphml, joins);
  EXPECT_EQ(count(gml, "<node id="), nodes);
  EXPECT_EQ(count(gml, "<edge id="), edges);
  const std::string gexf = io::export_chain(c, io::ExportFormat::gexf, joins);
  EXPECT_EQ(count(gexf, "<node id="), nodes);
  EXPECT_EQ(count(gexf, "<edge id="), edges);
  const std::string dot = io::export_chain(c, io::ExportFormat::dot, joins);
  EXPECT_EQ(count(dot, " -> "), edges);
  EXPECT_THROW((void)io::export_joins(c, {"magic"}), InvalidInput);
  EXPECT_FALSE(io::parse_export_format("shp"));
}

TEST(Export, HostileNamesAreEscaped) {
  const std::string yaml =
      "chainnet: 1\nproducts: [{id: a}]\nsites:\n"
      "  - {id: \"<script>x</script>\", name: \"q\\\"uote & \\\\\", kind: supplier, makes: {a: 10}}\n"
      "  - {id: m, kind: market, demand: {a: 5}}\n"
      "supplies: [{from: \"<script>x</script>\", to: m, product: a}]\n";
  const model::Chain c = io::load_scenario_text(yaml, "h.yaml", ".").chain;
  const std::string geo = io::export_chain(c, io::ExportFormat::geojson);
  EXPECT_NE(geo.find(R"("id":"<script>x</script>")"), std::string::npos);
  EXPECT_NE(geo.find(R"("name":"q\"uote & \\")"), std::string::npos);
  for (auto f : {io::ExportFormat::graphml, io::ExportFormat::gexf}) {
    const std::string x = io::export_chain(c, f);
    EXPECT_EQ(x.find("<script>"), std::string::npos);
    EXPECT_NE(x.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(x.find("q&quot;uote &amp; \\"), std::string::npos);
  }
  const std::string dot = io::export_chain(c, io::ExportFormat::dot);
  EXPECT_NE(dot.find(R"("<script>x</script>" -> "m")"), std::string::npos);
  EXPECT_NE(dot.find(R"(label="q\"uote & \\")"), std::string::npos);
}

}  // namespace
}  // namespace chainnet
