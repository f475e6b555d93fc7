// Candidate actions of the strengthen planner ("strengthen, supplement and extend the chain"):
// a second source, more capacity, strategic stock, a new lane, a new site. Each is a change of the
// chain (docs/scenario-format.md, "Candidates"); a portfolio of them is a variant.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::strengthen {

enum class CandidateKind { supply, capacity, stock, lane, site };
std::string_view to_string(CandidateKind k);

/// One candidate, resolved against the chain.
struct Candidate {
  std::string id;
  CandidateKind kind = CandidateKind::supply;
  double cost = 0;            ///< one-off, scenario currency
  std::string group;          ///< at most one candidate of a group in a portfolio ("" none)
  std::int32_t required = -1; ///< `requires`: index of the candidate it needs, -1 none
  std::string name;           ///< free text
  std::string from, to;       ///< supply, lane: site or node ids
  std::string site;           ///< capacity, stock: the site; site: the new site's id
  std::string product;        ///< supply, capacity, stock
  double amount = 0;          ///< supply, capacity: units per period; stock: units
  std::string yaml;           ///< as written (flow style)
  std::string file;           ///< where it was written
  std::uint32_t line = 0, column = 0;
};

/// The chain's candidates (chain.candidates()) resolved: each one's names known, `requires`
/// naming another candidate without a cycle, a capacity candidate naming a production line with
/// a limited capacity, a stock candidate a holding of the site, and each candidate, with what it
/// requires, giving a valid chain when applied. Throws ScenarioError with every problem at its
/// candidate's FILE:LINE:COLUMN. O(candidates x the cost of applying one as a variant).
std::vector<Candidate> resolve_candidates(const model::Chain& chain);

/// Whether portfolio `chosen` (chosen[i]: candidates[i] is in it) fits: total cost within
/// `budget` (with a relative tolerance of 1e-9), at most one candidate of each group, and every
/// chosen candidate's requirement chosen too. O(candidates).
bool admissible(std::span<const Candidate> candidates, const std::vector<char>& chosen, double budget);

/// Total cost of a portfolio.
double portfolio_cost(std::span<const Candidate> candidates, const std::vector<char>& chosen);

/// The variant changes of a portfolio: supplies, lanes and sites added; each production line's
/// capacity and each holding's stock raised by the sum of the chosen candidates' amounts. Each
/// change is placed at its candidate (the first, when several add to one line or holding).
std::vector<model::ChangeSpec> portfolio_changes(const model::Chain& chain, std::span<const Candidate> candidates,
                                                 const std::vector<char>& chosen);

/// The chain with a portfolio applied (variant::apply_changes on portfolio_changes), named
/// "<chain> / strengthened". Throws ScenarioError as a variant does.
model::Chain apply_portfolio(const model::Chain& chain, std::span<const Candidate> candidates,
                             const std::vector<char>& chosen);

}  // namespace chainnet::strengthen

namespace chainnet::strengthen {

/// Candidates for a chain that has none yet (`strengthen --suggest`), priced by
/// settings.candidates (model::CandidateRules). For every single-sourced input, and every input
/// whose sellers all sit in one region (weak/sourcing.hpp), of a buyer whose loss of it would cut
/// off demand:
/// - a supply from each other maker of the product with spare capacity in the normal plan,
///   sized to the buyer's normal inflow (or the spare capacity, when smaller);
/// - a stock at the buyer of its normal inflow over the sellers' longest ttr;
/// - more capacity (capacity_share of the line) at each maker already selling to the buyer, and
///   at each maker a suggested supply comes from (requiring that supply).
/// Returned as specs to add to the chain's candidates (ids `second_<product>_<seller>_<buyer>`,
/// `stock_<product>_<buyer>`, `capacity_<product>_<maker>`, each unique), placed at `file`.
/// At most `max` candidates: those of the inputs with the largest value at risk first (the
/// sourcing pairs' ranking), so a cut keeps the most exposed inputs' fixes whole where it can.
/// O(sourcing pairs + makes).
std::vector<model::CandidateSpec> suggest_candidates(const model::Chain& chain, const std::string& file = "<suggested>",
                                                     std::size_t max = std::numeric_limits<std::size_t>::max());

/// The chain with suggest_candidates (at most `max`) added after its own candidates.
model::Chain with_suggested_candidates(const model::Chain& chain,
                                       std::size_t max = std::numeric_limits<std::size_t>::max());

}  // namespace chainnet::strengthen
