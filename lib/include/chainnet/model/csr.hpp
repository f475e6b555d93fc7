// Helpers that build compressed-sparse-row indexes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/model/memory.hpp"

namespace chainnet::model {

/// Groups items 0..n-1 by their row: result[r] lists, in increasing order, every i with
/// row_of_item[i] == r. A stable counting sort: O(rows + n) time, O(rows + n) memory.
/// Precondition: every row_of_item[i] < rows.
inline Csr csr_from_rows(std::uint32_t rows, std::span<const std::uint32_t> row_of_item) {
  Csr c;
  assign_huge(c.first, static_cast<std::size_t>(rows) + 1, std::uint32_t{0});
  for (std::uint32_t r : row_of_item) ++c.first[r + 1];
  for (std::uint32_t r = 0; r < rows; ++r) c.first[r + 1] += c.first[r];
  reserve_huge(c.items, row_of_item.size());
  c.items.resize(row_of_item.size());
  std::vector<std::uint32_t> next(c.first.begin(), c.first.end() - 1);
  for (std::size_t i = 0; i < row_of_item.size(); ++i)
    c.items[next[row_of_item[i]]++] = static_cast<std::uint32_t>(i);
  return c;
}

/// Sorts and removes duplicates in place.
template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace chainnet::model
