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
/// Precondition: every row_of_item[i] < rows. `huge`: ask for huge pages (a load's first touch
/// of its big arrays); variants made one after another do better without (no compaction).
inline Csr csr_from_rows(std::uint32_t rows, std::span<const std::uint32_t> row_of_item, bool huge = true) {
  Csr c;
  std::vector<std::uint32_t> first, items;
  if (huge) assign_huge(first, static_cast<std::size_t>(rows) + 1, std::uint32_t{0});
  else first.assign(static_cast<std::size_t>(rows) + 1, 0);
  for (std::uint32_t r : row_of_item) ++first[r + 1];
  for (std::uint32_t r = 0; r < rows; ++r) first[r + 1] += first[r];
  if (huge) reserve_huge(items, row_of_item.size());
  items.resize(row_of_item.size());
  std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
  for (std::size_t i = 0; i < row_of_item.size(); ++i) items[next[row_of_item[i]]++] = static_cast<std::uint32_t>(i);
  c.first = std::move(first);
  c.items = std::move(items);
  return c;
}

/// Sorts and removes duplicates in place.
template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace chainnet::model
