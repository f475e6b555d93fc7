#include "chainnet/run/analyses.hpp"

#include <array>

namespace chainnet::run {

std::span<const std::string_view> known_analyses() {
  static constexpr std::array<std::string_view, 10> kNames = {"validate", "info",     "flow",     "criticality", "stress", "sweep",
                                                              "montecarlo", "survival", "compare", "report"};
  return kNames;
}

}  // namespace chainnet::run
