// Text helpers shared by the readers: numbers, trimming, "did you mean" suggestions.
#pragma once

#include <charconv>
#include <cmath>
#include <limits>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "chainnet/model/id_index.hpp"

namespace chainnet::io {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Parses a decimal number (the whole text, a leading '+' allowed). "inf"/"nan" parse, so that
/// callers can say "must be finite" rather than "not a number".
inline std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    // YAML spells these .inf / .nan
    if (s == ".inf" || s == ".Inf" || s == ".INF") return HUGE_VAL;
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -HUGE_VAL;
    if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
    return std::nullopt;
  }
  return v;
}

/// Parses a non-negative whole number (the whole text; "3.0" is accepted as 3).
inline std::optional<std::uint64_t> parse_whole(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) return v;
  auto d = parse_double(s);
  if (d && *d >= 0 && *d <= 9.0e15 && *d == static_cast<double>(static_cast<std::uint64_t>(*d)))
    return static_cast<std::uint64_t>(*d);
  return std::nullopt;
}

/// Optimal-string-alignment edit distance, giving up (returning limit + 1) past `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The closest candidate within a distance that scales with the word's length, or "".
std::string_view suggest(std::string_view word, std::span<const std::string_view> candidates);
std::string_view suggest(std::string_view word, const model::IdIndex& candidates);

/// " (did you mean 'x'?)" or "".
inline std::string did_you_mean(std::string_view suggestion) {
  if (suggestion.empty()) return {};
  return " (did you mean '" + std::string(suggestion) + "'?)";
}

}  // namespace chainnet::io
