// The written form of the strengthen planner's candidate actions (docs/scenario-format.md,
// "Candidates"): their kinds, the keys each kind takes, and the check of one candidate's map.
// Shared by the scenario loader (which checks candidates as it reads them, with positions) and
// the planner (which resolves them against the chain).
#pragma once

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <tuple>
#include <string_view>
#include <vector>

#include "chainnet/strengthen/candidates.hpp"
#include "variant/change_form.hpp"

namespace chainnet::strengthen {

/// Every kind, in the order of the scenario format.
std::span<const std::string_view> candidate_kinds();

/// The keys a candidate of `kind` may carry (the common ones included).
std::span<const std::string_view> candidate_keys(CandidateKind kind);

/// The columns of the candidates CSV table: every key of every kind (nested maps as `p=x;q=y`).
std::span<const std::string_view> candidate_columns();

/// Checks candidate map `n`: id, a known kind, the keys of that kind (with suggestions), the
/// fields its kind needs, and numbers where numbers go (cost and quantities >= 0). Appends what
/// is wrong to `issues`; returns false when the candidate cannot be used. Names (sites,
/// products) are checked against the chain when it is resolved.
bool check_candidate_form(const YAML::Node& n, std::vector<variant::Issue>& issues);

/// The (from, to, product) of each supply a site candidate adds, in order.
std::vector<std::tuple<std::string, std::string, std::string>> site_candidate_supplies(const Candidate& c);

}  // namespace chainnet::strengthen
