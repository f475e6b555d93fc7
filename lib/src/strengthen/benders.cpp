#include "strengthen/benders.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "chainnet/error.hpp"

namespace chainnet::strengthen {
namespace {

struct Master {
  glp_prob* g = glp_create_prob();
  std::size_t n = 0, failures = 0;
  bool at_risk = false;
  ~Master() { glp_delete_prob(g); }
  int y(std::size_t c) const { return 1 + static_cast<int>(c); }
  int v(std::size_t f) const { return 1 + static_cast<int>(n + f); }  // theta_f (pi) or a_f (at_risk)

  void row(int type, double lo, double hi, const std::vector<std::pair<int, double>>& terms) {
    const int i = glp_add_rows(g, 1);
    glp_set_row_bnds(g, i, type, lo, hi);
    std::vector<int> ind{0};
    std::vector<double> val{0.0};
    for (const auto& [j, a] : terms)
      if (a != 0) ind.push_back(j), val.push_back(a);
    glp_set_mat_row(g, i, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
  }

  // loss_f(y) >= loss + sum s (y - y^): pi: theta_f - sum s y >= loss - sum s y^; at_risk: the
  // linearisation above the tolerance forces a_f: sum s y - M a_f <= tol - loss + sum s y^.
  bool cut(const FailureCut& c, const std::vector<char>& at, const FailureLps& lps) {
    double rhs = c.loss;
    std::vector<std::pair<int, double>> terms;
    for (const auto& [k, s] : c.slopes) {
      if (!std::isfinite(s)) return false;  // an unlimited new line: no finite cut
      rhs -= s * (at[k] ? 1.0 : 0.0);
      terms.emplace_back(y(k), at_risk ? s : -s);
    }
    if (!at_risk) {
      terms.emplace_back(v(c.failure), 1.0);
      row(GLP_LO, rhs, 0.0, terms);
    } else {
      terms.emplace_back(v(c.failure), -std::max(lps.empty_loss(c.failure), 1.0));
      row(GLP_UP, 0.0, lps.tolerance(c.failure) - rhs, terms);
    }
    return true;
  }

  // Solves to gap 0; false when GLPK finds no integer solution.
  bool solve() {
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.mip_gap = 0.0;
    ip.presolve = GLP_ON;
    const int was = glp_term_out(GLP_OFF);
    const int rc = glp_intopt(g, &ip);
    glp_term_out(was);
    return rc == 0 && glp_mip_status(g) == GLP_OPT;
  }
  std::vector<char> choice() const {
    std::vector<char> out(n);
    for (std::size_t c = 0; c < n; ++c) out[c] = glp_mip_col_val(g, y(c)) > 0.5;
    return out;
  }
};

// The objective of `at` from its cuts (each failure's loss there).
double value_of(const FailureLps& lps, const std::vector<FailureCut>& all) {
  double v = 0;
  for (const FailureCut& c : all) v += lps.at_risk() ? (c.loss > lps.tolerance(c.failure) ? lps.weight(c.failure) : 0.0) : c.loss;
  return v;
}

}  // namespace

BendersAnswer solve_benders(FailureLps& lps, std::span<const Candidate> candidates, double budget,
                            std::vector<FailureCut>& pool, std::uint32_t max_iterations) {
  Master m;
  m.n = candidates.size();
  m.failures = lps.failures();
  m.at_risk = lps.at_risk();
  glp_set_obj_dir(m.g, GLP_MIN);
  glp_add_cols(m.g, static_cast<int>(m.n + m.failures));
  for (std::size_t c = 0; c < m.n; ++c) glp_set_col_kind(m.g, m.y(c), GLP_BV);
  for (std::size_t f = 0; f < m.failures; ++f) {
    if (m.at_risk) {
      glp_set_col_kind(m.g, m.v(f), GLP_BV);
      glp_set_obj_coef(m.g, m.v(f), lps.weight(f));
    } else {
      glp_set_col_bnds(m.g, m.v(f), GLP_DB, 0.0, lps.empty_loss(f));
      glp_set_obj_coef(m.g, m.v(f), 1.0);
    }
  }
  {
    std::vector<std::pair<int, double>> terms;
    for (std::size_t c = 0; c < m.n; ++c) terms.emplace_back(m.y(c), candidates[c].cost);
    m.row(GLP_UP, 0.0, budget * (1 + 1e-9) + 1e-9, terms);
    std::map<std::string, std::vector<std::pair<int, double>>> groups;
    for (std::size_t c = 0; c < m.n; ++c) {
      if (!candidates[c].group.empty()) groups[candidates[c].group].emplace_back(m.y(c), 1.0);
      if (candidates[c].required >= 0)
        m.row(GLP_UP, 0.0, 0.0, {{m.y(c), 1.0}, {m.y(static_cast<std::size_t>(candidates[c].required)), -1.0}});
    }
    for (const auto& [name, members] : groups)
      if (members.size() > 1) m.row(GLP_UP, 0.0, 1.0, members);
  }
  const std::vector<char> none(m.n, 0);
  if (pool.empty()) pool = lps.cuts(none, true);
  // Pooled cuts are stored folded to the empty portfolio (loss at y = 0 of the linearisation).
  BendersAnswer out;
  out.chosen = none;
  out.objective = lps.value_of(none);
  for (const FailureCut& c : pool) m.cut(c, none, lps);

  auto add_cuts_at = [&](const std::vector<char>& at, std::vector<FailureCut>& cuts) {
    std::uint32_t added = 0;
    for (FailureCut& c : cuts) {
      if (!c.solved) continue;  // the empty portfolio's: in the master already
      // Fold the portfolio into the cut so that it can be pooled as "at the empty portfolio".
      double loss0 = c.loss;
      for (const auto& [k, s] : c.slopes)
        if (at[k]) loss0 -= s;
      FailureCut folded{c.failure, loss0, c.slopes, true};
      if (!m.cut(folded, none, lps)) continue;
      pool.push_back(std::move(folded));
      ++added;
    }
    return added;
  };

  // Phase 1: the least objective. Phase 2: the cheapest portfolio with it.
  double best = out.objective, bound = -std::numeric_limits<double>::infinity();
  std::vector<char> best_at = none;
  auto close = [](double a, double b) { return a - b <= 1e-9 * std::max(1.0, std::fabs(a)); };
  std::uint32_t it = 0;
  for (; it < max_iterations; ++it) {
    if (!m.solve()) throw Error("the MIP solver (GLPK) failed on the Benders master of the strengthen program");
    bound = glp_mip_obj_val(m.g);
    const std::vector<char> at = m.choice();
    std::vector<FailureCut> cuts = lps.cuts(at, true);
    const double v = value_of(lps, cuts);
    if (v < best - 1e-12 * std::max(1.0, std::fabs(best))) best = v, best_at = at;
    if (close(best, bound)) break;
    if (add_cuts_at(at, cuts) == 0) break;  // nothing new: the bound cannot rise (rounding)
  }
  out.iterations = it + 1;
  out.lower_bound = std::min(bound, best);
  out.optimal = close(best, bound);
  out.objective = best;
  out.chosen = best_at;
  if (out.optimal) {
    // Phase 2: hold the master's objective at the optimum, minimise the cost.
    std::vector<std::pair<int, double>> terms;
    for (std::size_t f = 0; f < m.failures; ++f) terms.emplace_back(m.v(f), m.at_risk ? lps.weight(f) : 1.0);
    m.row(GLP_UP, 0.0, best + 1e-9 * std::max(1.0, std::fabs(best)), terms);
    for (std::size_t f = 0; f < m.failures; ++f) glp_set_obj_coef(m.g, m.v(f), 0.0);
    for (std::size_t c = 0; c < m.n; ++c) glp_set_obj_coef(m.g, m.y(c), candidates[c].cost);
    for (std::uint32_t k = 0; k < max_iterations; ++k, ++out.iterations) {
      if (!m.solve()) break;  // the optimum found is the only one the master allows
      const std::vector<char> at = m.choice();
      std::vector<FailureCut> cuts = lps.cuts(at, true);
      const double v = value_of(lps, cuts);
      if (close(v, best)) {
        out.chosen = at;
        break;
      }
      if (add_cuts_at(at, cuts) == 0) break;
    }
  }
  out.cuts = static_cast<std::uint32_t>(glp_get_num_rows(m.g));
  return out;
}

}  // namespace chainnet::strengthen
