// The optimal-response view of a disruption (model.md, "Stress tests", after Simchi-Levi et
// al.): two linear programs over one chain, built once and re-solved for many failed sites.
//
// Over a window of t periods, with every quantity totalled over the window:
//   x[m] production of line m, 0 <= x[m] <= cap[m] t (0 when its site is down);
//   z[e] shipments on supply e, 0 <= z[e] <= cap[e] t;
//   l[h] lost demand of holding h, 0 <= l[h] <= demand[h] t;
//   balance of holding h: in z + x - recipe use - out z + l[h] >= demand[h] t - stock[h];
//   a site that is down ships at most its stock: out z of h <= stock[h].
// Performance impact PI = min sum value[p] l[h] at t = the window.
// Time to survive TTS = max t with l = 0. Dividing by t (u = 1/t, x^ = x/t, ...) turns it into
// min u subject to x^ <= cap, z^ <= cap, in z^ + x^ - use - out z^ + stock u >= demand and
// out z^ <= stock u at a site that is down: always bounded, infeasible exactly when TTS = 0,
// u = 0 exactly when TTS is infinite. Lead times are ignored (an assumption of the method).
//
// The LPs go through LEMON's GlpkLp; starting bases are read and written with GLPK's own calls
// (LEMON has no basis interface). An object holds GLPK problems, which live in the GLPK
// environment of the thread that made them: create, use and destroy one object in one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::stress {

using model::SiteId;

/// A simplex basis (GLPK status codes of every row and column) with the column values and the
/// objective at it: where to start a warm solve, and a solution to test against.
struct LpStart {
  std::vector<signed char> rows;
  std::vector<signed char> cols;
  std::vector<double> values;  ///< column values, GLPK order
  double objective = 0;
  bool feasible = true;        ///< false: the LP had no solution (TTS = 0)
  [[nodiscard]] bool empty() const { return cols.empty(); }
};

struct LpSolution {
  double value = 0;             ///< PI: currency; TTS: periods, +inf when the site is not needed
  std::uint32_t iterations = 0; ///< simplex iterations of this solve (0 when not solved)
  bool solved = false;          ///< false: the answer came from the start point unchanged
};

class OptimalResponse {
 public:
  /// Builds both LPs. O(holdings + makes + supplies + recipe entries).
  explicit OptimalResponse(const model::Chain& chain);
  ~OptimalResponse();
  OptimalResponse(const OptimalResponse&) = delete;
  OptimalResponse& operator=(const OptimalResponse&) = delete;

  /// Performance impact (currency): the least demand value lost over `window` periods when the
  /// sites in `down` produce nothing and ship only their stock. `start`: a basis of the same
  /// window to start the dual simplex from (nullptr: the slack basis, a cold start); `end`:
  /// receives the optimal basis. When `start` holds a solution that stays feasible with `down`
  /// failed, it is the answer without a solve (it is optimal for the larger problem). Throws
  /// Error when GLPK stops without an optimum; InvalidInput when window < 0.
  LpSolution impact(std::span<const SiteId> down, double window, const LpStart* start = nullptr,
                    LpStart* end = nullptr);

  /// Time to survive (periods; +inf when demand is met forever, 0 when not even an instant):
  /// the longest window over which every demand is met with `down` failed. start / end as
  /// for impact().
  LpSolution time_to_survive(std::span<const SiteId> down, const LpStart* start = nullptr, LpStart* end = nullptr);

  /// When true, the sites a later impact() or time_to_survive() takes down lose their stock too
  /// (`stock: lost`): it neither feeds their own balance nor can be released. Default false: a
  /// failed site ships its stock.
  void set_stock_lost(bool lost);

  /// Rows and columns of the impact LP (for reports).
  [[nodiscard]] std::uint32_t rows() const;
  [[nodiscard]] std::uint32_t columns() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chainnet::stress
