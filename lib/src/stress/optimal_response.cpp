#include "chainnet/stress/optimal_response.hpp"

#include <glpk.h>
#include <lemon/glpk.h>

#include <cmath>
#include <limits>
#include <string>

#include "chainnet/error.hpp"

namespace chainnet::stress {
namespace {

using Lp = lemon::GlpkLp;
using model::HoldingId;
using model::MakeId;
using model::SupplyId;

constexpr double kInf = std::numeric_limits<double>::infinity();
// u below this is zero: a time to survive above a billion periods is "forever".
constexpr double kZeroRate = 1e-9;

// capacity x window, with an unlimited capacity over an empty window being 0 (not NaN)
double over(double per_period, double t) { return t == 0 ? 0.0 : per_period * t; }

}  // namespace

struct OptimalResponse::Impl {
  // One of the two LPs. Columns in GLPK order: lines 1..M, supplies M+1..M+E, then the lost
  // demand columns (impact) or u (survival). Rows: the balance of each holding 1..H, then one
  // throughput row per holding that has stock and sells (free until its site is down).
  struct Program {
    Lp lp;
    glp_prob* g = nullptr;
    std::vector<int> extra_col;  // per holding: its lost-demand column (impact), 0 when none
    int u_col = 0;               // survival
    std::vector<int> through_row;  // per holding: its throughput row, 0 when none
    std::uint32_t n_rows = 0, n_cols = 0;
  };

  const model::Chain& c;
  Program pi, tts;
  double window = kInf;  // the window the impact LP's bounds are set for
  double tol = 0;        // feasibility tolerance of "stays feasible" checks, per window unit
  bool stock_lost = false;  // the down sites' stock is destroyed too

  explicit Impl(const model::Chain& chain) : c(chain) {
    build(pi, false);
    build(tts, true);
    double total = 1;
    for (double d : c.holdings().demand) total += d;
    for (double s : c.holdings().stock) total += s;
    tol = 1e-9 * total;
  }

  void build(Program& p, bool survival) {
    const model::HoldingTable& h = c.holdings();
    const model::MakeTable& mk = c.makes();
    const model::SupplyTable& st = c.supplies();
    p.lp.messageLevel(Lp::MESSAGE_NOTHING);
    p.lp.min();
    p.g = static_cast<glp_prob*>(p.lp.lpx());
    std::vector<Lp::Row> balance;
    balance.reserve(h.size());
    for (HoldingId x = 0; x < h.size(); ++x) {
      const Lp::Row r = p.lp.addRow();
      // impact: bounds set by set_window(); survival: demand per period
      p.lp.rowLowerBound(r, survival ? h.demand[x] : -h.stock[x]);
      balance.push_back(r);
    }
    p.through_row.assign(h.size(), 0);
    std::vector<Lp::Row> through(h.size(), Lp::Row(lemon::INVALID));
    // Throughput rows (free until the site is down): what a holding ships and sells to final
    // demand, against the stock it can release.
    for (HoldingId x = 0; x < h.size(); ++x)
      if ((h.stock[x] > 0 && h.sold.degree(x) > 0) || h.demand[x] > 0) {
        through[x] = p.lp.addRow();
        p.through_row[x] = p.lp.lpxRow(through[x]);
      }
    for (MakeId m = 0; m < mk.size(); ++m) {
      Lp::DualExpr e;
      e += balance[mk.holding[m]];
      for (std::uint32_t i = mk.recipe.first[m]; i < mk.recipe.first[m + 1]; ++i)
        e -= mk.recipe_quantity[i] * balance[mk.recipe_holding[i]];
      const Lp::Col col = p.lp.addCol(e, 0.0);
      p.lp.colLowerBound(col, 0.0);
      p.lp.colUpperBound(col, mk.capacity[m]);
      check_index(p.lp.lpxCol(col), 1 + m);
    }
    for (SupplyId s = 0; s < st.size(); ++s) {
      Lp::DualExpr e;
      e += balance[st.buyer_holding[s]];
      e -= balance[st.seller_holding[s]];
      if (p.through_row[st.seller_holding[s]]) e += through[st.seller_holding[s]];
      const Lp::Col col = p.lp.addCol(e, 0.0);
      p.lp.colLowerBound(col, 0.0);
      p.lp.colUpperBound(col, st.capacity[s]);
      check_index(p.lp.lpxCol(col), 1 + mk.size() + s);
    }
    if (survival) {
      Lp::DualExpr e;
      for (HoldingId x = 0; x < h.size(); ++x)
        if (h.stock[x] > 0) {
          e += h.stock[x] * balance[x];
          if (p.through_row[x]) e -= h.stock[x] * through[x];
        }
      const Lp::Col u = p.lp.addCol(e, 1.0);
      p.lp.colLowerBound(u, 0.0);
      p.u_col = p.lp.lpxCol(u);
    } else {
      p.extra_col.assign(h.size(), 0);
      const model::ProductTable& pt = c.products();
      for (HoldingId x = 0; x < h.size(); ++x)
        if (h.demand[x] > 0) {
          // Sold to final demand = demand - l: in the throughput row as -l (demand in its bound).
          Lp::DualExpr e(balance[x]);
          e -= through[x];
          const Lp::Col l = p.lp.addCol(e, pt.value[h.product[x]]);
          p.lp.colLowerBound(l, 0.0);
          p.extra_col[x] = p.lp.lpxCol(l);
        }
    }
    p.n_rows = static_cast<std::uint32_t>(glp_get_num_rows(p.g));
    p.n_cols = static_cast<std::uint32_t>(glp_get_num_cols(p.g));
    // Scaling depends on the matrix only, so every solve of this object sees the same scaled LP.
    const int was = glp_term_out(GLP_OFF);  // the scaler reports on the terminal otherwise
    glp_scale_prob(p.g, GLP_SF_AUTO);
    glp_term_out(was);
  }

  static void check_index(int got, std::uint32_t want) {
    if (got != static_cast<int>(want)) throw Error("internal: LP column order differs from the chain's");
  }

  // Bounds of the impact LP that scale with the window.
  void set_window(double t) {
    if (t == window) return;
    const model::HoldingTable& h = c.holdings();
    const model::MakeTable& mk = c.makes();
    const model::SupplyTable& st = c.supplies();
    for (MakeId m = 0; m < mk.size(); ++m) set_col_upper(pi.g, 1 + m, over(mk.capacity[m], t));
    for (SupplyId s = 0; s < st.size(); ++s) set_col_upper(pi.g, 1 + mk.size() + s, over(st.capacity[s], t));
    for (HoldingId x = 0; x < h.size(); ++x) {
      glp_set_row_bnds(pi.g, 1 + x, GLP_LO, h.demand[x] * t - h.stock[x], 0.0);
      if (pi.extra_col[x]) set_col_upper(pi.g, pi.extra_col[x], h.demand[x] * t);
    }
    window = t;
  }

  static void set_col_upper(glp_prob* g, int j, double ub) {
    if (std::isinf(ub)) glp_set_col_bnds(g, j, GLP_LO, 0.0, 0.0);
    else if (ub <= 0) glp_set_col_bnds(g, j, GLP_FX, 0.0, 0.0);
    else glp_set_col_bnds(g, j, GLP_DB, 0.0, ub);
  }

  // Site s down (on = true) or back up. survival selects the LP; its throughput rows carry u.
  void fail(Program& p, SiteId s, bool on, double t) {
    const model::SiteTable& sites = c.sites();
    const model::HoldingTable& h = c.holdings();
    const model::MakeTable& mk = c.makes();
    const model::SupplyTable& st = c.supplies();
    for (MakeId m : sites.makes[s]) set_col_upper(p.g, 1 + m, on ? 0.0 : over(mk.capacity[m], t));
    for (HoldingId x : sites.holdings[s]) {
      if (stock_lost && h.stock[x] > 0) {
        // Its stock is gone: no stock term in its balance, nothing to release.
        const bool gone = on;
        if (&p == &tts) {
          set_u_coeff(p, 1 + static_cast<int>(x), gone ? 0.0 : h.stock[x]);
          if (p.through_row[x]) set_u_coeff(p, p.through_row[x], gone ? 0.0 : -h.stock[x]);
        } else {
          glp_set_row_bnds(p.g, 1 + static_cast<int>(x), GLP_LO, h.demand[x] * t - (gone ? 0.0 : h.stock[x]), 0.0);
        }
      }
      if (p.through_row[x]) {
        // Down: shipments plus sales to final demand at most the stock it can release (the
        // time-to-survive LP carries the stock on u; its demand per period is served in full).
        const double release = stock_lost ? 0.0 : h.stock[x];
        const double bound = &p == &tts ? -h.demand[x] : release - h.demand[x] * t;
        if (on) glp_set_row_bnds(p.g, p.through_row[x], GLP_UP, 0.0, bound);
        else glp_set_row_bnds(p.g, p.through_row[x], GLP_FR, 0.0, 0.0);
      } else {
        for (SupplyId e : h.sold[x]) set_col_upper(p.g, 1 + mk.size() + e, on ? 0.0 : over(st.capacity[e], t));
      }
    }
  }

  // The coefficient of u in row `row` of the time-to-survive LP (GLPK keeps the matrix unscaled;
  // its scale factors apply inside the simplex).
  static void set_u_coeff(Program& p, int row, double value) {
    const int n = glp_get_num_rows(p.g);
    std::vector<int> ind(n + 1);
    std::vector<double> val(n + 1);
    const int len = glp_get_mat_col(p.g, p.u_col, ind.data(), val.data());
    int k = 1;
    while (k <= len && ind[k] != row) ++k;
    if (k > len) {
      if (value == 0) return;
      ind[k] = row;
      val[k] = value;
      glp_set_mat_col(p.g, p.u_col, len + 1, ind.data(), val.data());
      return;
    }
    val[k] = value;
    glp_set_mat_col(p.g, p.u_col, len, ind.data(), val.data());
  }

  // True when the start point stays feasible with the sites down: it is then optimal.
  bool stays_feasible(const Program& p, std::span<const SiteId> down, const LpStart& start, double t) const {
    if (!start.feasible || start.values.size() != p.n_cols) return false;
    const model::SiteTable& sites = c.sites();
    const model::HoldingTable& h = c.holdings();
    for (SiteId s : down)
      for (HoldingId x : sites.holdings[s])
        if (h.demand[x] > 0 || (stock_lost && h.stock[x] > 0)) return false;  // solve: its sales are bounded too
    const model::MakeTable& mk = c.makes();
    const double u = &p == &tts ? start.values[p.u_col - 1] : 1.0;
    const double eps = tol * (&p == &tts ? 1.0 : std::max(1.0, t));
    for (SiteId s : down) {
      for (MakeId m : sites.makes[s])
        if (start.values[m] > eps) return false;
      for (HoldingId x : sites.holdings[s]) {
        double out = 0;
        for (SupplyId e : h.sold[x]) out += start.values[mk.size() + e];
        if (out > (p.through_row[x] ? h.stock[x] * u : 0.0) + eps) return false;
      }
    }
    return true;
  }

  static void restore(glp_prob* g, const LpStart& start) {
    const int m = glp_get_num_rows(g), n = glp_get_num_cols(g);
    if (static_cast<int>(start.rows.size()) != m || static_cast<int>(start.cols.size()) != n)
      throw Error("internal: an LP start basis of the wrong size");
    for (int i = 1; i <= m; ++i) glp_set_row_stat(g, i, start.rows[i - 1]);
    for (int j = 1; j <= n; ++j) glp_set_col_stat(g, j, start.cols[j - 1]);
  }

  static void save(glp_prob* g, double objective, bool feasible, LpStart& out) {
    const int m = glp_get_num_rows(g), n = glp_get_num_cols(g);
    out.rows.resize(m);
    out.cols.resize(n);
    out.values.resize(n);
    for (int i = 1; i <= m; ++i) out.rows[i - 1] = static_cast<signed char>(glp_get_row_stat(g, i));
    for (int j = 1; j <= n; ++j) {
      out.cols[j - 1] = static_cast<signed char>(glp_get_col_stat(g, j));
      out.values[j - 1] = glp_get_col_prim(g, j);
    }
    out.objective = objective;
    out.feasible = feasible;
  }

  // Dual simplex from the start basis (or the slack basis, which is dual feasible here since
  // every cost is >= 0). Returns the LEMON problem type.
  Lp::ProblemType solve(Program& p, const LpStart* start, std::uint32_t& iterations) {
    if (start && !start->empty()) restore(p.g, *start);
    else glp_std_basis(p.g);
    // A fresh factorization: GLPK keeps its last one when the basic set did not change, and
    // that one (with its updates and column order) depends on the solves before. Starting from
    // a canonical factorization makes every result independent of which thread solved what.
    if (glp_factorize(p.g) != 0) {
      glp_std_basis(p.g);
      glp_factorize(p.g);
    }
    const int before = glp_get_it_cnt(p.g);
    if (p.lp.solveDual() != Lp::SOLVED) throw Error("the LP solver (GLPK) failed on a time-to-survive / impact LP");
    iterations = static_cast<std::uint32_t>(glp_get_it_cnt(p.g) - before);
    return p.lp.primalType();
  }
};

OptimalResponse::OptimalResponse(const model::Chain& chain) : impl_(std::make_unique<Impl>(chain)) {}
OptimalResponse::~OptimalResponse() = default;

void OptimalResponse::set_stock_lost(bool lost) { impl_->stock_lost = lost; }

std::uint32_t OptimalResponse::rows() const { return impl_->pi.n_rows; }
std::uint32_t OptimalResponse::columns() const { return impl_->pi.n_cols; }

LpSolution OptimalResponse::impact(std::span<const SiteId> down, double window, const LpStart* start, LpStart* end) {
  if (!(window >= 0) || std::isinf(window)) throw InvalidInput("the impact window must be a finite number of periods >= 0");
  Impl& m = *impl_;
  for (SiteId s : down)
    if (s >= m.c.num_sites()) throw InvalidInput("impact: site index " + std::to_string(s) + " out of range");
  m.set_window(window);
  LpSolution out;
  if (start && m.stays_feasible(m.pi, down, *start, window)) {
    out.value = start->objective;
    if (end) *end = *start;
    return out;
  }
  for (SiteId s : down) m.fail(m.pi, s, true, window);
  Lp::ProblemType type = Lp::UNDEFINED;
  try {
    type = m.solve(m.pi, start, out.iterations);
  } catch (...) {
    for (SiteId s : down) m.fail(m.pi, s, false, window);
    throw;
  }
  out.solved = true;
  if (type == Lp::OPTIMAL) {
    out.value = std::max(0.0, glp_get_obj_val(m.pi.g));
    if (end) Impl::save(m.pi.g, out.value, true, *end);
  }
  for (SiteId s : down) m.fail(m.pi, s, false, window);
  if (type != Lp::OPTIMAL)
    throw Error("the LP solver (GLPK) found no optimum of an impact LP (problem type " + std::to_string(type) + ")");
  return out;
}

LpSolution OptimalResponse::time_to_survive(std::span<const SiteId> down, const LpStart* start, LpStart* end) {
  Impl& m = *impl_;
  for (SiteId s : down)
    if (s >= m.c.num_sites()) throw InvalidInput("time_to_survive: site index " + std::to_string(s) + " out of range");
  LpSolution out;
  auto tts_of = [](double u) { return u <= kZeroRate ? kInf : 1.0 / u; };
  if (start && !start->feasible) {  // infeasible with fewer sites down: infeasible now
    out.value = 0;
    if (end) *end = *start;
    return out;
  }
  if (start && m.stays_feasible(m.tts, down, *start, 1.0)) {
    out.value = tts_of(start->objective);
    if (end) *end = *start;
    return out;
  }
  for (SiteId s : down) m.fail(m.tts, s, true, 1.0);
  Lp::ProblemType type = Lp::UNDEFINED;
  try {
    type = m.solve(m.tts, start, out.iterations);
  } catch (...) {
    for (SiteId s : down) m.fail(m.tts, s, false, 1.0);
    throw;
  }
  out.solved = true;
  if (type == Lp::OPTIMAL) {
    const double u = std::max(0.0, glp_get_col_prim(m.tts.g, m.tts.u_col));
    out.value = tts_of(u);
    if (end) Impl::save(m.tts.g, u, true, *end);
  } else if (type == Lp::INFEASIBLE) {
    out.value = 0;
    if (end) {
      Impl::save(m.tts.g, kInf, false, *end);
    }
  }
  for (SiteId s : down) m.fail(m.tts, s, false, 1.0);
  if (type != Lp::OPTIMAL && type != Lp::INFEASIBLE)
    throw Error("the LP solver (GLPK) found no optimum of a time-to-survive LP (problem type " + std::to_string(type) + ")");
  return out;
}

}  // namespace chainnet::stress
