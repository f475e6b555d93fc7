#include "strengthen/deterministic_equivalent.hpp"

#include <glpk.h>

#include <cmath>
#include <map>
#include <memory>

#include "chainnet/error.hpp"
#include "strengthen/candidate_columns.hpp"

namespace chainnet::strengthen {
namespace {

using model::HoldingId;
using model::MakeId;
using model::SiteId;
using model::SupplyId;

struct ProbDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// The matrix, built column by column.
struct Builder {
  glp_prob* g;
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  int add_row(int type, double lo, double hi) {
    const int r = glp_add_rows(g, 1);
    glp_set_row_bnds(g, r, type, lo, hi);
    return r;
  }
  int add_col(double lo, double hi, double cost, bool binary = false) {
    const int j = glp_add_cols(g, 1);
    if (binary) glp_set_col_kind(g, j, GLP_BV);
    else if (std::isinf(hi)) glp_set_col_bnds(g, j, GLP_LO, lo, 0.0);
    else if (hi <= lo) glp_set_col_bnds(g, j, GLP_FX, lo, lo);
    else glp_set_col_bnds(g, j, GLP_DB, lo, hi);
    glp_set_obj_coef(g, j, cost);
    return j;
  }
  void at(int row, int col, double v) {
    if (v == 0) return;
    ia.push_back(row), ja.push_back(col), ar.push_back(v);
  }
};

}  // namespace

MipAnswer solve_deterministic_equivalent(const model::Chain& chain, std::span<const Candidate> candidates,
                                         const std::vector<std::string>& failures, const std::vector<double>& weights,
                                         bool at_risk, double budget, bool relaxation_only) {
  const std::size_t n = candidates.size();
  const CandidateColumns cc = candidate_columns(chain, candidates);
  const model::Chain& all = cc.all;
  const model::HoldingTable& H = all.holdings();
  const model::MakeTable& M = all.makes();
  const model::SupplyTable& E = all.supplies();
  const std::vector<double>& stock = cc.stock;
  const std::vector<double>& demand = cc.demand;
  const auto& stock_of = cc.stock_of;
  const std::vector<double>& line_cap = cc.line_capacity;
  const auto& extra = cc.extra_capacity;
  const std::vector<std::int64_t>& opened_by = cc.line_opened_by;
  const std::vector<std::int64_t>& supply_opened_by = cc.supply_opened_by;
  for (MakeId m = 0; m < M.size(); ++m)
    if (opened_by[m] >= 0 && !std::isfinite(line_cap[m]))
      throw InvalidInput("candidate '" + candidates[static_cast<std::size_t>(opened_by[m])].id +
                         "': the exact method needs a capacity on what a new site makes");

  std::unique_ptr<glp_prob, ProbDeleter> prob(glp_create_prob());
  Builder b{prob.get()};
  glp_set_obj_dir(b.g, GLP_MIN);
  // The choices, with their budget, groups and requirements.
  std::vector<int> y(n);
  for (std::uint32_t c = 0; c < n; ++c) y[c] = b.add_col(0, 1, 0, true);
  {
    const int r = b.add_row(GLP_UP, 0, budget * (1 + 1e-9) + 1e-9);
    for (std::uint32_t c = 0; c < n; ++c) b.at(r, y[c], candidates[c].cost);
    std::map<std::string, std::vector<std::uint32_t>> groups;
    for (std::uint32_t c = 0; c < n; ++c)
      if (!candidates[c].group.empty()) groups[candidates[c].group].push_back(c);
    for (const auto& [g, members] : groups) {
      if (members.size() < 2) continue;
      const int row = b.add_row(GLP_UP, 0, 1);
      for (std::uint32_t c : members) b.at(row, y[c], 1);
    }
    for (std::uint32_t c = 0; c < n; ++c)
      if (candidates[c].required >= 0) {
        const int row = b.add_row(GLP_UP, 0, 0);  // y_c - y_required <= 0
        b.at(row, y[c], 1);
        b.at(row, y[static_cast<std::size_t>(candidates[c].required)], -1);
      }
  }
  // One block per failure.
  for (std::size_t f = 0; f < failures.size(); ++f) {
    const SiteId down = all.find_site(failures[f]);
    if (down == model::kInvalidId) continue;
    const double t = chain.site_ttr(chain.find_site(failures[f]));
    auto over = [t](double cap) { return t == 0 ? 0.0 : cap * t; };
    std::vector<int> balance(H.size());
    for (HoldingId h = 0; h < H.size(); ++h) {
      // in + made - used - out + lost + stock + chosen stock >= demand t
      balance[h] = b.add_row(GLP_LO, demand[h] * t - stock[h], 0);
      for (const auto& [c, q] : stock_of[h]) b.at(balance[h], y[c], q);
    }
    // The failed site's holdings: what they ship and sell at most what stock they can release.
    std::vector<int> through(H.size(), 0);
    for (HoldingId h : all.sites().holdings[down])
      if (H.sold.degree(h) > 0 || demand[h] > 0) {
        through[h] = b.add_row(GLP_UP, 0, stock[h] - demand[h] * t);
        for (const auto& [c, q] : stock_of[h]) b.at(through[h], y[c], -q);
      }
    for (MakeId m = 0; m < M.size(); ++m) {
      if (M.site[m] == down) continue;  // down: makes nothing
      double cap = line_cap[m];
      for (const auto& [c, d] : extra[m]) cap += d;
      const int x = b.add_col(0, over(cap), 0);
      b.at(balance[M.holding[m]], x, 1);
      for (std::uint32_t i = M.recipe.first[m]; i < M.recipe.first[m + 1]; ++i)
        b.at(balance[M.recipe_holding[i]], x, -M.recipe_quantity[i]);
      if (!extra[m].empty() && std::isfinite(line_cap[m])) {  // x <= (cap + sum d y) t
        const int row = b.add_row(GLP_UP, 0, over(line_cap[m]));
        b.at(row, x, 1);
        for (const auto& [c, d] : extra[m]) b.at(row, y[c], -d * t);
      }
      if (opened_by[m] >= 0) {  // x <= cap t y
        const int row = b.add_row(GLP_UP, 0, 0);
        b.at(row, x, 1);
        b.at(row, y[static_cast<std::size_t>(opened_by[m])], -over(line_cap[m]));
      }
    }
    for (SupplyId e = 0; e < E.size(); ++e) {
      const HoldingId from = E.seller_holding[e];
      const bool shut = H.site[from] == down && through[from] == 0;
      const int z = b.add_col(0, shut ? 0.0 : over(E.capacity[e]), 0);
      b.at(balance[E.buyer_holding[e]], z, 1);
      b.at(balance[from], z, -1);
      if (through[from]) b.at(through[from], z, 1);
      if (supply_opened_by[e] >= 0) {  // z <= cap t y
        const int row = b.add_row(GLP_UP, 0, 0);
        b.at(row, z, 1);
        b.at(row, y[static_cast<std::size_t>(supply_opened_by[e])], -over(E.capacity[e]));
      }
    }
    // Lost demand, valued; at_risk counts a failure that loses anything.
    int risk = 0;
    if (at_risk) {
      risk = b.add_row(GLP_UP, 0, 1e-9 * std::max(1.0, weights[f]));
      const int a = b.add_col(0, 1, weights[f], true);
      b.at(risk, a, -std::max(1.0, weights[f]));  // loss <= weight a  (the loss is at most the weight)
    }
    for (HoldingId h = 0; h < H.size(); ++h) {
      if (demand[h] <= 0) continue;
      const double value = all.products().value[H.product[h]];
      const int l = b.add_col(0, demand[h] * t, at_risk ? 0.0 : value);
      b.at(balance[h], l, 1);
      if (through[h]) b.at(through[h], l, -1);
      if (risk) b.at(risk, l, value);
    }
  }
  glp_load_matrix(b.g, static_cast<int>(b.ia.size()) - 1, b.ia.data(), b.ja.data(), b.ar.data());
  MipAnswer out;
  out.rows = static_cast<std::uint32_t>(glp_get_num_rows(b.g));
  out.columns = static_cast<std::uint32_t>(glp_get_num_cols(b.g));
  out.binaries = static_cast<std::uint32_t>(glp_get_num_bin(b.g));
  glp_smcp lp;
  glp_init_smcp(&lp);
  lp.msg_lev = GLP_MSG_OFF;
  lp.meth = GLP_DUALP;  // every cost >= 0: the slack basis is dual feasible
  const int was = glp_term_out(GLP_OFF);  // the scaler reports on the terminal otherwise
  glp_scale_prob(b.g, GLP_SF_AUTO);
  glp_term_out(was);
  if (glp_simplex(b.g, &lp) != 0 || glp_get_status(b.g) != GLP_OPT) throw Error("the LP solver (GLPK) failed on the strengthen LP relaxation");
  out.lp_bound = glp_get_obj_val(b.g);
  if (relaxation_only) return out;
  glp_iocp ip;
  glp_init_iocp(&ip);
  ip.msg_lev = GLP_MSG_OFF;
  ip.mip_gap = 0.0;
  ip.presolve = GLP_OFF;
  if (glp_intopt(b.g, &ip) != 0) throw Error("the MIP solver (GLPK) failed on the strengthen program");
  const int status = glp_mip_status(b.g);
  if (status != GLP_OPT) throw Error("the MIP solver (GLPK) found no optimum of the strengthen program");
  out.optimal = true;
  out.objective = glp_mip_obj_val(b.g);
  // Among the optimal portfolios, the cheapest: the objective held at its optimum (within LP
  // rounding), the cost minimised.
  {
    const int cols = glp_get_num_cols(b.g);
    const int row = glp_add_rows(b.g, 1);
    std::vector<int> ind{0};
    std::vector<double> val{0.0};
    for (int j = 1; j <= cols; ++j)
      if (const double coef = glp_get_obj_coef(b.g, j); coef != 0) {
        ind.push_back(j), val.push_back(coef);
        glp_set_obj_coef(b.g, j, 0.0);
      }
    glp_set_mat_row(b.g, row, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
    glp_set_row_bnds(b.g, row, GLP_UP, 0.0, out.objective + 1e-7 * std::max(1.0, std::fabs(out.objective)));
    for (std::uint32_t c = 0; c < n; ++c) glp_set_obj_coef(b.g, y[c], candidates[c].cost);
    if (glp_simplex(b.g, &lp) == 0 && glp_get_status(b.g) == GLP_OPT && glp_intopt(b.g, &ip) == 0 &&
        glp_mip_status(b.g) == GLP_OPT) {
      // keep this solution (an optimum of the objective at the least cost)
    } else {
      throw Error("the MIP solver (GLPK) failed to find the cheapest optimal portfolio");
    }
  }
  out.chosen.assign(n, 0);
  for (std::uint32_t c = 0; c < n; ++c) out.chosen[c] = glp_mip_col_val(b.g, y[c]) > 0.5;
  return out;
}

}  // namespace chainnet::strengthen
