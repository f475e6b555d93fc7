// Variants: a chain with a list of changes applied (docs/scenario-format.md, "Variants").
//
// A change names a table and one action on its rows: add rows, remove the rows a `where`
// matches, set columns of them, or scale a numeric column. The result is exactly the chain that
// writing the changed tables out as a scenario and loading it would give (the same loader checks
// it), so every analysis reads a variant like any other chain.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chainnet/error.hpp"
#include "chainnet/model/chain.hpp"

namespace chainnet::variant {

/// A chain made from another by changes, and the warnings found on the way (a `where` that
/// matched no row, rows removed with a site they referred to, ...).
struct Applied {
  model::Chain chain;
  std::vector<Diagnostic> warnings;
};

/// How changes are applied. `automatic`: numbers of existing rows set or scaled (capacities,
/// stocks, costs, lead times, lane figures, shares, settings, disruption figures), lanes and
/// supplies added or removed between existing sites, and new non-market sites in regions the
/// chain names are made in a copy of the chain that shares every column they do not write
/// (O(rows matched) plus the columns written); any other change takes the full way. `full`: always the full way: the
/// chain's tables as text, the changes applied to them, and the scenario loader on the result
/// (O(chain)). Both give the same chain (tested).
enum class Way { automatic, full };

/// Applies `changes` to `chain` in order. `label` names them in diagnostics ("variant 'x'").
/// Each change's diagnostics are placed at its own file:line:column. The result keeps the chain's
/// name (with `name_suffix` appended when not empty), settings and disruptions as changed, and no
/// variants unless `keep_variants`.
/// Throws ScenarioError carrying every problem (a malformed change, a column the table does not
/// have, a result the loader rejects: each names the change that caused it when one did).
/// Complexity: see Way.
Applied apply_changes(const model::Chain& chain, const std::vector<model::ChangeSpec>& changes,
                      const std::string& label, const std::string& name_suffix = {},
                      bool keep_variants = false, Way way = Way::automatic);

/// Applies the scenario variant `id` of `chain` (its bases first, then its own changes). The
/// result's name is the chain's name followed by " / " and the variant's name (or id).
/// Throws InvalidInput when `chain` has no variant `id` (naming those it has), ScenarioError as
/// apply_changes.
Applied apply_variant(const model::Chain& chain, std::string_view id);

/// The variants of `chain` in order, from its first base to `id` itself.
/// Throws InvalidInput for an unknown id, an unknown base or a cycle of bases.
std::vector<const model::VariantSpec*> lineage(const model::Chain& chain, std::string_view id);

}  // namespace chainnet::variant
