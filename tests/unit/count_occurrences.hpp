// Counting what a writer wrote, for the output tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chainnet {

/// Non-overlapping occurrences of `what` in `s`.
inline std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace chainnet
