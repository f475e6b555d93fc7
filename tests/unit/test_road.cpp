// Road networks: the DIMACS readers, the nearest-point index, and a hand-written road scenario.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "chainnet/geo/nearest.hpp"
#include "chainnet/io/dimacs.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/routing/routes.hpp"
#include "helpers.hpp"

namespace chainnet {
namespace {

TEST(NearestPoint, MatchesBruteForceOnTheGlobe) {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> la(-90, 90), lo(-180, 180);
  for (int round = 0; round < 20; ++round) {
    const int n = 1 + static_cast<int>(rng() % 2000);
    std::vector<double> lat(n), lon(n);
    for (int i = 0; i < n; ++i) {
      lat[i] = la(rng);
      lon[i] = lo(rng);
      if (rng() % 50 == 0) lat[i] = NAN;  // left out of the index
    }
    const geo::NearestPoint index(lat, lon);
    for (int k = 0; k < 200; ++k) {
      const double qa = la(rng), qo = round % 2 ? lo(rng) : 179.9;  // half the queries at the date line
      double best = 1e300;
      for (int i = 0; i < n; ++i)
        if (!std::isnan(lat[i])) best = std::min(best, geo::distance_km(qa, qo, lat[i], lon[i]));
      const std::uint32_t got = index.nearest(qa, qo);
      if (best == 1e300) {
        EXPECT_EQ(got, UINT32_MAX);
      } else {
        ASSERT_LT(got, static_cast<std::uint32_t>(n));
        EXPECT_NEAR(geo::distance_km(qa, qo, lat[got], lon[got]), best, 1e-6);
      }
    }
  }
}

TEST(Dimacs, MalformedLinesGiveFileLineErrors) {
  test::TempDir dir("dimacs");
  const auto p = (dir.path / "x.gr").string();
  std::ofstream(p) << "c test\nq 1\np sp 3 4\na 1 2 5\na 1 x 5\na 2 3 abc\na 3 1\n";
  std::vector<Diagnostic> d;
  const io::DimacsGraph g = io::read_dimacs_graph(p, "x.gr", d);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].to_string(), "x.gr:2:1: error: unknown line type 'q' (expected c, p or a)");
  EXPECT_EQ(d[1].to_string(), "x.gr:5:5: error: node \"x\" is not in 1..3");
  EXPECT_EQ(d[2].to_string(), "x.gr:6:7: error: weight \"abc\" must be a finite number >= 0");
  EXPECT_EQ(d[3].line, 7u);
  EXPECT_EQ(g.tail.size(), 1u);
  std::ofstream(p) << "p sp 2 3\na 1 2 5\n";
  d.clear();
  io::read_dimacs_graph(p, "x.gr", d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "the problem line declares 3 arcs, the file has 1");
  EXPECT_THROW(io::read_dimacs_graph((dir.path / "missing.gr").string(), "m", d), IoError);
  const auto c = (dir.path / "x.co").string();
  std::ofstream(c) << "p aux sp co 2\nv 1 11500000 48100000\nv 2 999999999 1\n";
  std::vector<double> lat, lon;
  d.clear();
  io::read_dimacs_coords(c, "x.co", 2, lat, lon, d);
  EXPECT_DOUBLE_EQ(lat[0], 48.1);
  EXPECT_DOUBLE_EQ(lon[0], 11.5);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 3u);
}

TEST(Road, HandWrittenGridLoadsAttachesAndRoutes) {
  const auto r = io::load_scenario((test::source_dir() / "tests/data/road/scenario.yaml").string());
  const model::Chain& c = r.chain;
  test::check_invariants(c);
  EXPECT_EQ(c.hubs().size(), 10u);        // depot + 9 road nodes
  EXPECT_EQ(c.lanes().size(), 24u + 6u);  // arcs + two connectors for plant, shop and depot
  ASSERT_EQ(r.warnings.size(), 1u);       // `nowhere` has no location
  const auto road1 = c.find_node("road:1");
  ASSERT_NE(road1, model::kInvalidId);
  EXPECT_DOUBLE_EQ(c.hubs().lat[road1 - c.num_sites()], 48.1);
  // plant sits next to road node 1: its connector is its only lane out
  const auto plant = c.find_site("plant");
  ASSERT_EQ(c.lanes().out.degree(plant), 1u);
  EXPECT_EQ(c.lanes().to[c.lanes().out[plant][0]], road1);
  const routing::LaneGraph g(c, routing::Metric::distance, {});
  routing::RouteQuery q;
  q.from = plant;
  q.to = c.find_site("shop");
  q.metric = routing::Metric::distance;
  const auto res = routing::find_routes(c, g, q);
  ASSERT_EQ(res.status, routing::RouteStatus::ok);
  const auto& p = res.paths[0];
  // 1 km to node 2, 0.5 + 0.5 km through the middle, 1 km to node 9, plus both connectors
  const double connectors = p.distance_km - 3.0;
  EXPECT_NEAR(connectors, geo::distance_km(48.1001, 11.5001, 48.1, 11.5) + geo::distance_km(48.1199, 11.5199, 48.12, 11.52), 1e-9);
  EXPECT_NEAR(p.time_h, p.distance_km / 60.0, 1e-12);
  EXPECT_NEAR(p.cost, p.distance_km * 0.5, 1e-12);
  EXPECT_EQ(p.nodes.size(), 7u);
}

}  // namespace
}  // namespace chainnet
