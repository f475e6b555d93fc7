#include "chainnet/run/analyses.hpp"

#include <array>

namespace chainnet::run {

std::span<const std::string_view> known_analyses() {
  static constexpr std::array<std::string_view, 2> kNames = {"validate", "info"};
  return kNames;
}

}  // namespace chainnet::run
