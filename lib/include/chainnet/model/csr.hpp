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
  // A little room beyond the rows (1/64), so that a variant appending rows writes into it.
  const std::size_t room = static_cast<std::size_t>(rows) + 1 + rows / 64 + 16;
  if (huge) reserve_huge(first, room);
  else first.reserve(room);
  first.assign(static_cast<std::size_t>(rows) + 1, 0);
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

/// The index csr_from_rows would build after items n..n+k-1 are appended to the n items of
/// `old` (new_rows[j]: the row of item n + j): each new item goes at the end of its row. Sequential
/// copies of old's arrays instead of a counting sort: O(rows + n + k log k) time; the result owns
/// fresh arrays (old is unchanged). Precondition: every new_rows[j] < old's row count.
inline Csr csr_append_items(const Csr& old, std::span<const std::uint32_t> new_rows) {
  const std::size_t rows = old.first.size() - 1, n = old.items.size(), k = new_rows.size();
  std::vector<std::uint32_t> order(k);
  for (std::size_t j = 0; j < k; ++j) order[j] = static_cast<std::uint32_t>(j);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return new_rows[a] < new_rows[b]; });
  std::vector<std::uint32_t> first, items;
  first.reserve(rows + 1 + rows / 64 + 16);
  items.reserve(n + k + (n + k) / 64 + 16);
  const std::uint32_t* f = old.first.data();
  const std::uint32_t* it = old.items.data();
  std::uint32_t added = 0;
  std::size_t r = 0;  // rows before r are written to first
  std::size_t j = 0;
  while (j < k) {
    const std::uint32_t row = new_rows[order[j]];
    for (; r <= row; ++r) first.push_back(f[r] + added);
    items.insert(items.end(), it + (items.size() - added), it + f[row + 1]);
    for (; j < k && new_rows[order[j]] == row; ++j, ++added) items.push_back(static_cast<std::uint32_t>(n + order[j]));
  }
  for (; r <= rows; ++r) first.push_back(f[r] + added);
  items.insert(items.end(), it + (items.size() - added), it + n);
  Csr c;
  c.first = std::move(first);
  c.items = std::move(items);
  return c;
}

/// `old` with k empty rows inserted before row `at` (rows at.. move up by k); the items are
/// shared, not copied. O(rows).
inline Csr csr_insert_empty_rows(const Csr& old, std::uint32_t at, std::uint32_t k) {
  const std::size_t rows = old.first.size() - 1;
  const std::uint32_t* f = old.first.data();
  std::vector<std::uint32_t> first;
  first.reserve(rows + k + 1 + rows / 64 + 16);
  first.insert(first.end(), f, f + at + 1);
  first.insert(first.end(), k, f[at]);
  first.insert(first.end(), f + at + 1, f + rows + 1);
  Csr c;
  c.first = std::move(first);
  c.items = old.items;
  return c;
}

/// Sorts and removes duplicates in place.
template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace chainnet::model
