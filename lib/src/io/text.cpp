#include "io/text.hpp"

#include <algorithm>
#include <vector>

namespace chainnet::io {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

namespace {
std::size_t limit_for(std::string_view word) { return word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3; }
}  // namespace

std::string_view suggest(std::string_view word, std::span<const std::string_view> candidates) {
  std::size_t best = limit_for(word) + 1;
  std::string_view out;
  for (std::string_view c : candidates) {
    const std::size_t d = edit_distance(word, c, best - 1);
    if (d < best) {
      best = d;
      out = c;
    }
  }
  return out;
}

std::string_view suggest(std::string_view word, const model::IdIndex& candidates) {
  std::size_t best = limit_for(word) + 1;
  std::string_view out;
  for (std::uint32_t i = 0; i < candidates.size(); ++i) {
    const std::string_view c = candidates.name(i);
    if ((c.size() > word.size() ? c.size() - word.size() : word.size() - c.size()) >= best) continue;
    const std::size_t d = edit_distance(word, c, best - 1);
    if (d < best) {
      best = d;
      out = c;
    }
  }
  return out;
}

}  // namespace chainnet::io
