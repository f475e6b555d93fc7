// The streaming CSV reader: quoting, CRLF, blank lines, records across block boundaries.
#include <gtest/gtest.h>

#include <fstream>

#include "helpers.hpp"
#include "io/csv_reader.hpp"

namespace chainnet::io {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& path, std::vector<std::uint32_t>* lines = nullptr,
                                               std::vector<std::string>* errors = nullptr) {
  std::vector<std::vector<std::string>> rows;
  read_csv(
      path,
      [&](const CsvRow& r) {
        rows.emplace_back(r.fields.begin(), r.fields.end());
        if (lines) lines->push_back(r.line);
        return true;
      },
      [&](std::uint32_t line, std::uint32_t, std::string m) {
        if (errors) errors->push_back(std::to_string(line) + ": " + m);
      });
  return rows;
}

TEST(CsvReader, QuotesCrlfAndBlankLines) {
  test::TempDir dir("csv");
  const auto p = (dir.path / "a.csv").string();
  std::ofstream(p) << "a,b,c\r\n 1 , \"x, \"\"y\"\"\" ,3\r\n\r\n\"multi\nline\",,\n4,5,6";
  std::vector<std::uint32_t> lines;
  const auto rows = read_all(p, &lines);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, \"y\"", "3"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"multi\nline", "", ""}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"4", "5", "6"}));
  EXPECT_EQ(lines, (std::vector<std::uint32_t>{1, 2, 4, 6}));
}

TEST(CsvReader, RecordsAcrossBlockBoundaries) {
  test::TempDir dir("csv_big");
  const auto p = (dir.path / "big.csv").string();
  {
    std::ofstream out(p);
    out << "id,text\n";
    for (int i = 0; i < 300000; ++i) out << i << ",\"row " << i << " with, comma\"\n";
  }
  std::size_t n = 0;
  bool ok = true;
  read_csv(
      p,
      [&](const CsvRow& r) {
        if (n > 0) ok = ok && r.fields.size() == 2 && r.fields[0] == std::to_string(n - 1) &&
                        r.fields[1] == "row " + std::to_string(n - 1) + " with, comma" && r.line == n + 1;
        ++n;
        return true;
      },
      [&](std::uint32_t, std::uint32_t, std::string) { ok = false; });
  EXPECT_TRUE(ok);
  EXPECT_EQ(n, 300001u);
  const std::size_t est = estimate_csv_rows(p);
  EXPECT_GT(est, 290000u);
  EXPECT_LT(est, 330000u);  // within 10 %: it sizes arrays, it need not be exact
}

TEST(CsvReader, UnterminatedQuoteIsReported) {
  test::TempDir dir("csv_bad");
  const auto p = (dir.path / "a.csv").string();
  std::ofstream(p) << "a,b\n1,2\n\"3,4\n";
  std::vector<std::string> errors;
  read_all(p, nullptr, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "3: unterminated quoted field");
}

}  // namespace
}  // namespace chainnet::io
