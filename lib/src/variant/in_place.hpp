// The quick way to apply changes: numbers of existing rows set or scaled in a copy of the chain
// that shares every table the changes do not touch (model::ChainEditor). It gives the chain the
// full way (tables -> loader) gives, and declines whatever that one alone can do right.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chainnet/model/chain_editor.hpp"
#include "variant/change_form.hpp"

namespace chainnet::variant {

/// Applies `changes` in order through `editor` when each one is of a kind done here: numeric
/// columns of existing rows set or scaled (values, capacities, costs, CO2, stocks and demands,
/// supply capacities, shares and lead times, lane figures, coordinates, times to recover,
/// settings, disruption figures) to values the loader accepts; lanes and supplies added or
/// removed between existing sites and holdings; new sites that are not markets, in regions the
/// chain names, making by their BOMs. Returns false as soon as a change is not (text or id
/// columns, a value out of range, a quantity or capacity becoming 0, a new holding, region or
/// product, removals of sites, a result the supply checks would report on); the editor is then
/// to be thrown away. `warnings` receives
/// (change index, message) pairs, worded as the full way words them.
bool apply_in_place(const std::vector<Change>& changes, model::ChainEditor& editor,
                    std::vector<std::pair<int, std::string>>& warnings);

}  // namespace chainnet::variant
