// Names of the analyses that `chainnet run` (and a scenario's `analyses` list) can ask for.
#pragma once

#include <span>
#include <string_view>

namespace chainnet::run {

/// The analysis names this build implements, in the order documentation lists them.
std::span<const std::string_view> known_analyses();

}  // namespace chainnet::run
