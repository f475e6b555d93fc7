// The incremental index builders against csr_from_rows, on random rows (fixed seeds).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "chainnet/model/csr.hpp"

using namespace chainnet::model;

namespace {

void expect_same(const Csr& a, const Csr& b) {
  ASSERT_EQ(a.first.to_vector(), b.first.to_vector());
  ASSERT_EQ(a.items.to_vector(), b.items.to_vector());
}

}  // namespace

TEST(Csr, AppendedItemsMatchARebuild) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const std::uint32_t rows = 1 + rng() % 40;
    const std::size_t n = rng() % 200, k = rng() % 12;
    std::vector<std::uint32_t> row(n + k);
    for (auto& r : row) r = rng() % rows;
    const Csr old = csr_from_rows(rows, std::span<const std::uint32_t>(row.data(), n));
    const Csr grown = csr_append_items(old, std::span<const std::uint32_t>(row.data() + n, k));
    expect_same(grown, csr_from_rows(rows, row));
    expect_same(old, csr_from_rows(rows, std::span<const std::uint32_t>(row.data(), n)));  // unchanged
  }
}

TEST(Csr, EmptyRowsInsertedMatchARebuild) {
  std::mt19937 rng(8);
  for (int trial = 0; trial < 300; ++trial) {
    const std::uint32_t rows = 1 + rng() % 40, at = rng() % (rows + 1), k = rng() % 5;
    const std::size_t n = rng() % 200;
    std::vector<std::uint32_t> row(n), moved(n);
    for (std::size_t i = 0; i < n; ++i) {
      row[i] = rng() % rows;
      moved[i] = row[i] >= at ? row[i] + k : row[i];
    }
    const Csr old = csr_from_rows(rows, row);
    const Csr wider = csr_insert_empty_rows(old, at, k);
    expect_same(wider, csr_from_rows(rows + k, moved));
    EXPECT_TRUE(wider.items.shares(old.items));
  }
}
