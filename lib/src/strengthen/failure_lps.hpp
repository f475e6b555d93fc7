// The planner's fast measure of pi and at_risk: one performance-impact LP per single-site failure
// (stress/optimal_response.hpp's, on the chain with every candidate's columns), a portfolio being
// a set of opened bounds. Each failure keeps its optimal basis and the reduced costs of the
// candidates' columns at the current portfolio, which give
// - an exact "no change" for a candidate whose columns all price out (reduced cost >= 0): the
//   basis stays optimal when their bounds open, so nothing is solved;
// - a valid bound on what adding candidates can gain (LP duality: the value at the new bounds is
//   at least the value now plus the sum of reduced cost x bound increase), used to skip
//   candidates that cannot win a greedy round, and failures a candidate cannot rescue;
// - a warm start (dual simplex from the stored basis: opening bounds keeps it dual feasible).
// Only failures that can still change are kept: a failure that loses nothing stays so as actions
// are added. docs/models.md, "Strengthen", gives the bounds.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "chainnet/model/chain.hpp"
#include "chainnet/strengthen/candidates.hpp"

namespace chainnet::strengthen {

struct FailureLpStats {
  std::uint64_t solves = 0;       ///< LPs solved
  std::uint64_t iterations = 0;   ///< simplex iterations in all
  std::uint64_t settled = 0;      ///< (failure, portfolio) pairs the bounds answered without a solve
  double seconds = 0;             ///< wall time in the LPs (solves and their setup)
  int threads = 1;
};

/// One failure's LP value at a portfolio and its slopes: for every choice vector y,
/// loss(y) >= loss + sum over slopes (c, s) of s (y_c - portfolio_c) (a Benders cut).
struct FailureCut {
  std::size_t failure = 0;  ///< 0 .. failures() - 1
  double loss = 0;
  std::vector<std::pair<std::uint32_t, double>> slopes;  ///< (candidate, s <= 0)
  bool solved = false;  ///< false: the empty portfolio's cut (its basis stays optimal)
};

class FailureLps {
 public:
  /// failures: site ids of `chain`, each failing alone over its site's ttr. at_risk = false:
  /// the objective is the sum of their least lost demand value (pi). at_risk = true: the sum of
  /// `weights` over the failures that lose anything, where "anything" is more than a relative
  /// 1e-9 of the weight over a window shortened by a relative 1e-9 (survival's tie rule,
  /// tts < ttr by more than 1e-9). warm_start = false: every LP from the slack basis and no
  /// failure settled by the bounds (plain re-solving, for comparisons). Solves every failure once (the empty portfolio), in
  /// parallel on plain threads (GLPK's environment is per thread). Throws Error when GLPK fails.
  FailureLps(const model::Chain& chain, std::span<const Candidate> candidates, const std::vector<std::string>& failures,
             const std::vector<double>& weights, bool at_risk, bool warm_start = true);
  ~FailureLps();
  FailureLps(const FailureLps&) = delete;
  FailureLps& operator=(const FailureLps&) = delete;

  /// The objective at the current portfolio.
  [[nodiscard]] double value() const;
  [[nodiscard]] const std::vector<char>& portfolio() const;
  /// A lower bound on the objective of the current portfolio with `add` added (candidate
  /// indices). O(failures kept x columns of add).
  [[nodiscard]] double bound_with(std::span<const std::uint32_t> add) const;
  /// The objective of the current portfolio with `add` added: the failures the bounds cannot
  /// settle are solved from their stored bases.
  double value_with(std::span<const std::uint32_t> add);
  /// Adds `add` to the current portfolio (solving the failures it changes).
  void take(std::span<const std::uint32_t> add);
  /// Back to the empty portfolio.
  void reset();
  /// The objective of any portfolio (from the empty one's bases).
  double value_of(const std::vector<char>& portfolio);
  /// A lower bound on every portfolio within `budget` (groups and requirements kept): the LP of
  /// the empty portfolio's linear bounds (each failure's value at least its value now plus
  /// reduced cost x bound increase of the candidates chosen, and at least 0), with the choices
  /// relaxed to [0, 1]. Valid for any chain size; weaker than the deterministic equivalent's.
  [[nodiscard]] double first_order_bound(double budget, std::span<const Candidate> candidates) const;
  /// The cut of each failure at `portfolio`, solved from the empty portfolio's bases. The
  /// failures whose cut is the empty portfolio's (the portfolio's columns all price out there)
  /// are not solved and are returned only when unchanged_too. Sorted by failure.
  std::vector<FailureCut> cuts(const std::vector<char>& portfolio, bool unchanged_too);
  /// The failures that can change from the empty portfolio (those whose loss there is > 0, or
  /// at risk), numbered 0 .. failures() - 1; their weight (at_risk), tolerance of "loses
  /// nothing" (at_risk) and loss with no action (the largest they can have).
  [[nodiscard]] std::size_t failures() const;
  [[nodiscard]] double weight(std::size_t failure) const;
  [[nodiscard]] double tolerance(std::size_t failure) const;
  [[nodiscard]] double empty_loss(std::size_t failure) const;
  [[nodiscard]] bool at_risk() const;
  [[nodiscard]] const FailureLpStats& stats() const;
  /// Failures kept (those that can still change).
  [[nodiscard]] std::size_t kept() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chainnet::strengthen
