// Writing a strengthen plan: JSON, CSV tables and a text report that reads as a recommendation.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/strengthen/planner.hpp"

namespace chainnet::io {

/// {"objective", "unit", "method", "budget", "before", "after", "total_cost", "proof",
///  "evaluations", "plain_evaluations", "admissible",
///  "chosen": [{id, kind, cost, gain, objective_after, cost_so_far}] in the order chosen,
///  "frontier": [{budget, objective, cost, chosen: [ids]}],
///  "candidates": [{id, kind, cost, group, requires, chosen}]}.
void write_strengthen_json(JsonWriter& w, const strengthen::StrengthenResult& r,
                           std::span<const strengthen::Candidate> candidates);

/// The recommendation: what to buy in order, what each buys, the objective before and after, the
/// budget frontier, and how good the answer is.
std::string format_strengthen_text(const strengthen::StrengthenResult& r, std::span<const strengthen::Candidate> candidates);

/// strengthen_actions.csv (step, candidate, kind, cost, cost_so_far, gain, objective_after),
/// strengthen_frontier.csv (budget, objective, cost, chosen: one row per chosen candidate, so no
/// list in a cell) and strengthen_candidates.csv (candidate, kind, cost, group, requires, chosen).
std::vector<std::pair<std::string, std::string>> strengthen_csv(const strengthen::StrengthenResult& r,
                                                                std::span<const strengthen::Candidate> candidates);

}  // namespace chainnet::io
