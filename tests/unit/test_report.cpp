// report.html under the sanitizers: the page is complete (every {{FIELD}} marker replaced, every library
// embedded), names from the scenario cannot end a script element, the data is the same on any
// thread count, and the map is sampled beyond its limit with a note. The browser checks are in
// tests/python/test_report.py.
#include <gtest/gtest.h>

#include "count_occurrences.hpp"

#include "chainnet/error.hpp"
#include "chainnet/io/scenario.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/report/report.hpp"
#include "chainnet/run/job.hpp"
#include "chainnet/synth/generator.hpp"
#include "chainnet/io/json_writer.hpp"
#include "io/sha256.hpp"

namespace chainnet {
namespace {

TEST(Report, PageIsCompleteAndSelfContained) {
  const model::Chain c = io::load_scenario(std::string(CHAINNET_SOURCE_DIR) + "/scenarios/default.yaml").chain;
  const run::JobOutput job = run::run_job(c, "scenarios/default.yaml", {"criticality", "survival", "report"});
  const std::string& html = job.report_html;
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(html.find("{{"), std::string::npos);  // every marker replaced
  EXPECT_EQ(count(html, "<script"), 5u);           // data, world, Leaflet, Chart.js, the page's own
  EXPECT_EQ(count(html, "</script>"), 5u);
  EXPECT_NE(html.find("Chart.js v3"), std::string::npos);
  EXPECT_NE(html.find("\"type\":\"FeatureCollection\""), std::string::npos);  // the world outline
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);                    // nothing fetched
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_NE(job.results_json.find("\"report\""), std::string::npos);
}

TEST(Report, HostileNamesCannotLeaveTheirElement) {
  const std::string yaml =
      "chainnet: 1\nname: \"</title><script>alert(0)</script>\"\nproducts: [{id: a}]\nsites:\n"
      "  - {id: \"</script><script>alert(1)</script>\", name: \"<!-- x\", kind: supplier, makes: {a: 10}, lat: 1, lon: 2}\n"
      "  - {id: m, kind: market, demand: {a: 5}}\n"
      "supplies: [{from: \"</script><script>alert(1)</script>\", to: m, product: a}]\n";
  const model::Chain c = io::load_scenario_text(yaml, "h.yaml", ".").chain;
  report::ReportInputs in;
  in.chain = &c;
  const std::string html = report::report_html(in);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<!-- x"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;/title&gt;&lt;script&gt;alert(0)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(count(html, "<script"), 5u);
  EXPECT_THROW((void)report::report_data_json(report::ReportInputs{}), InvalidInput);
}

TEST(Report, SameDataOnAnyThreadCountAndSampledWithANote) {
  const model::Chain c = synth::generate_chain(synth::GeneratorOptions{.sites = 3000, .seed = 7});
  report::ReportLimits lim;
  lim.map_sites = 500;
  lim.map_links = 300;
  std::string one, two;
  {
    ThreadLimit t(1);
    one = run::run_job(c, "g", {"criticality", "sweep", "report"}).report_html;
  }
  {
    ThreadLimit t(2);
    two = run::run_job(c, "g", {"criticality", "sweep", "report"}).report_html;
  }
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one, two);
  report::ReportInputs in;
  in.chain = &c;
  const std::string a = report::report_data_json(in, lim);
  {
    ThreadLimit t(1);
    EXPECT_EQ(report::report_data_json(in, lim), a);
  }
  EXPECT_NE(a.find("The map shows 500 of"), std::string::npos);
  EXPECT_NE(a.find("The map draws 300 of"), std::string::npos);
}

}  // namespace
}  // namespace chainnet

namespace chainnet {
namespace {

TEST(Sha256, KnownDigests) {
  // FIPS 180-4 examples, and lengths around the padding boundary against a fixed digest.
  EXPECT_EQ(io::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(io::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(io::sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(NumberFormat, NoiseIsRoundedAwayAndModelDataKeptExact) {
  EXPECT_EQ(io::format_number(900.0000000000001), "900");
  EXPECT_EQ(io::format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(io::format_number(-0.0), "0");
  EXPECT_EQ(io::format_number(1e300), "1e+300");
  EXPECT_EQ(io::format_number(123456789012345.6), "123456789012346");
  EXPECT_EQ(io::format_number_exact(0.1 + 0.2), "0.30000000000000004");
}

}  // namespace
}  // namespace chainnet
