// Every file of tests/data/malformed must fail to load with the diagnostics its `# expect:`
// lines name (file, line, column, and text the message contains), and nothing else may crash.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chainnet/error.hpp"
#include "chainnet/io/scenario.hpp"
#include "helpers.hpp"

namespace chainnet::io {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string file;
  std::uint32_t line, column;
  std::string message;
};

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  const fs::path dir = test::source_dir() / "tests" / "data" / "malformed";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory()) out.push_back(e.path() / "scenario.yaml");
    else if (e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Expected> expectations(const fs::path& p) {
  std::vector<Expected> out;
  std::ifstream in(p);
  std::string line;
  const std::string prefix = "# expect: ";
  // `# expect: FILE:LINE:COLUMN: MESSAGE` lines open a case
  while (std::getline(in, line) && line.rfind(prefix, 0) == 0) {
    std::istringstream rest(line.substr(prefix.size()));
    Expected x;
    std::string num;
    std::getline(rest, x.file, ':');
    std::getline(rest, num, ':');
    x.line = static_cast<std::uint32_t>(std::stoul(num));
    std::getline(rest, num, ':');
    x.column = static_cast<std::uint32_t>(std::stoul(num));
    std::getline(rest, x.message);
    x.message.erase(0, x.message.find_first_not_of(' '));
    out.push_back(std::move(x));
  }
  return out;
}

TEST(MalformedCorpus, HasAtLeastThirtyCases) { EXPECT_GE(cases().size(), 30u); }

TEST(MalformedCorpus, EveryCaseReportsItsExpectedErrors) {
  for (const fs::path& p : cases()) {
    SCOPED_TRACE(p.string());
    const auto expected = expectations(p);
    ASSERT_FALSE(expected.empty()) << "a case must say what it expects";
    try {
      load_scenario(p.string());
      ADD_FAILURE() << "loaded without error";
    } catch (const ScenarioError& e) {
      const auto& ds = e.diagnostics();
      EXPECT_TRUE(std::is_sorted(ds.begin(), ds.end(), diagnostic_less));
      for (const Expected& x : expected) {
        const bool found = std::any_of(ds.begin(), ds.end(), [&](const Diagnostic& d) {
          return d.severity == Severity::error && fs::path(d.file).filename() == x.file &&
                 d.line == x.line && d.column == x.column &&
                 d.message.find(x.message) != std::string::npos;
        });
        EXPECT_TRUE(found) << "missing " << x.file << ":" << x.line << ":" << x.column << ": " << x.message
                           << "\ngot:\n" << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace chainnet::io
