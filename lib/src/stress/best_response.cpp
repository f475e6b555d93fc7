#include "chainnet/stress/best_response.hpp"

#include <glpk.h>

#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "chainnet/error.hpp"

namespace chainnet::stress {
namespace {

using model::HoldingId;
using model::MakeId;
using model::SiteId;
using model::SupplyId;

constexpr double kInf = std::numeric_limits<double>::infinity();

// What the shock leaves in each period, dense per period.
struct PeriodKeeps {
  std::uint32_t T = 0;
  std::vector<double> site, make, supply, delay_share;  // [t * n + id]
  std::vector<std::uint32_t> delay;                     // [t * supplies + e]
  std::vector<std::uint8_t> destroy;                    // [t * sites + s]: stock destroyed at t
  std::uint32_t S = 0, M = 0, E = 0;
  double& site_at(std::uint32_t t, SiteId s) { return site[static_cast<std::size_t>(t) * S + s]; }
};

PeriodKeeps keeps_of(const model::Chain& c, const Shock& shock, std::uint32_t T) {
  PeriodKeeps k;
  k.T = T;
  k.S = c.num_sites();
  k.M = c.makes().size();
  k.E = c.supplies().size();
  k.site.assign(static_cast<std::size_t>(T) * k.S, 1.0);
  k.make.assign(static_cast<std::size_t>(T) * k.M, 1.0);
  k.supply.assign(static_cast<std::size_t>(T) * k.E, 1.0);
  k.delay_share.assign(static_cast<std::size_t>(T) * k.E, 0.0);
  k.delay.assign(static_cast<std::size_t>(T) * k.E, 0);
  k.destroy.assign(static_cast<std::size_t>(T) * k.S, 0);
  for (const Hit& h : shock.hits)
    for (std::uint32_t t = h.start; t < T && h.active(t); ++t) {
      const double keep = 1.0 - std::clamp(h.loss, 0.0, 1.0);
      const std::size_t at = static_cast<std::size_t>(t);
      switch (h.kind) {
        case Hit::Kind::site:
          k.site[at * k.S + h.id] *= keep;
          if (h.destroys_stock && t == h.start) k.destroy[at * k.S + h.id] = 1;
          break;
        case Hit::Kind::make: k.make[at * k.M + h.id] *= keep; break;
        case Hit::Kind::supply: k.supply[at * k.E + h.id] *= keep; break;
        case Hit::Kind::delay:
          k.delay_share[at * k.E + h.id] = std::min(1.0, k.delay_share[at * k.E + h.id] + std::clamp(h.loss, 0.0, 1.0));
          k.delay[at * k.E + h.id] = std::max(k.delay[at * k.E + h.id], h.delay);
          break;
      }
    }
  return k;
}

// The LP in GLPK's triplet form, and what it solved to.
class TimeLp {
 public:
  TimeLp(const Propagation& p, const Shock& shock) : p_(p), c_(p.chain()), T_(p.horizon()), k_(keeps_of(c_, shock, T_)) {
    const auto& H = c_.holdings();
    const auto& M = c_.makes();
    const auto& S = c_.supplies();
    nH_ = H.size();
    nM_ = M.size();
    nE_ = S.size();
    demand_ = p.demand_holdings();
    nD_ = static_cast<std::uint32_t>(demand_.size());
    const std::size_t cols = static_cast<std::size_t>(T_) * (nM_ + nE_ + nH_ + nD_);
    col_lo_.assign(cols + 1, 0.0);
    col_hi_.assign(cols + 1, kInf);
    obj_.assign(cols + 1, 0.0);
    rows_ = static_cast<int>(static_cast<std::size_t>(T_) * nH_);
    row_lo_.assign(rows_ + 1, 0.0);
    row_hi_.assign(rows_ + 1, 0.0);
    build();
  }

  // `start`: the propagation's run of the same shock, a feasible point of this LP (Clp starts
  // from it; GLPK from a slack basis).
  void solve(ResponseEngine engine, const Trace& start, ResponseLp& stats) {
    stats.rows = static_cast<std::uint32_t>(rows_);
    stats.columns = static_cast<std::uint32_t>(col_lo_.size() - 1);
    stats.nonzeros = ar_.size() - 1;
    if (engine == ResponseEngine::glpk) {
      solve_glpk(stats);
      return;
    }
    to_columns();
    const std::vector<double> v = start_values(start);
    solve_whole(v, stats);
  }

  [[nodiscard]] double lost(std::uint32_t t, std::uint32_t i) const { return std::max(0.0, x_[L(i, t)]); }
  [[nodiscard]] double made(std::uint32_t t, MakeId m) const { return std::max(0.0, x_[X(m, t)]); }
  [[nodiscard]] double stock(std::uint32_t t, HoldingId h) const { return std::max(0.0, x_[Sx(h, t)]); }

 private:
  int X(MakeId m, std::uint32_t t) const { return 1 + static_cast<int>(t * nM_ + m); }
  int Z(SupplyId e, std::uint32_t t) const { return 1 + static_cast<int>(T_ * nM_ + t * nE_ + e); }
  int Sx(HoldingId h, std::uint32_t t) const { return 1 + static_cast<int>(T_ * (nM_ + nE_) + t * nH_ + h); }
  int L(std::uint32_t i, std::uint32_t t) const { return 1 + static_cast<int>(T_ * (nM_ + nE_ + nH_) + t * nD_ + i); }
  int B(HoldingId h, std::uint32_t t) const { return 1 + static_cast<int>(t * nH_ + h); }

  void put(int row, int col, double v) {
    ia_.push_back(row);
    ja_.push_back(col);
    ar_.push_back(v);
  }
  void bounds(int j, double lo, double hi) {
    col_lo_[j] = lo;
    col_hi_[j] = std::max(lo, hi);
  }
  int add_row(double lo, double hi) {
    row_lo_.push_back(lo);
    row_hi_.push_back(hi);
    return ++rows_;
  }

  void solve_glpk(ResponseLp& stats) {
    glp_prob* g = glp_create_prob();
    glp_set_obj_dir(g, GLP_MIN);
    const int n = static_cast<int>(col_lo_.size() - 1);
    glp_add_cols(g, n);
    glp_add_rows(g, rows_);
    for (int j = 1; j <= n; ++j) {
      if (std::isinf(col_hi_[j])) glp_set_col_bnds(g, j, GLP_LO, col_lo_[j], 0.0);
      else if (col_hi_[j] <= col_lo_[j]) glp_set_col_bnds(g, j, GLP_FX, col_lo_[j], col_lo_[j]);
      else glp_set_col_bnds(g, j, GLP_DB, col_lo_[j], col_hi_[j]);
      glp_set_obj_coef(g, j, obj_[j]);
    }
    for (int i = 1; i <= rows_; ++i) {
      if (std::isinf(row_lo_[i])) glp_set_row_bnds(g, i, GLP_UP, 0.0, row_hi_[i]);
      else glp_set_row_bnds(g, i, GLP_FX, row_lo_[i], row_lo_[i]);
    }
    glp_load_matrix(g, static_cast<int>(ar_.size() - 1), ia_.data(), ja_.data(), ar_.data());
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_DUALP;
    parm.presolve = GLP_ON;
    const int rc = glp_simplex(g, &parm);
    stats.iterations += static_cast<std::uint32_t>(glp_get_it_cnt(g));
    const bool ok = rc == 0 && glp_get_status(g) == GLP_OPT;
    x_.assign(n + 1, 0.0);
    if (ok)
      for (int j = 1; j <= n; ++j) x_[j] = glp_get_col_prim(g, j);
    const int status = glp_get_status(g);
    glp_delete_prob(g);
    if (!ok)
      throw Error("the LP solver (GLPK) found no optimum of the optimal-response LP (code " + std::to_string(rc) +
                  ", status " + std::to_string(status) + ")");
  }

  // The LP column by column (0-based), for Clp.
  void to_columns() {
    const int n = static_cast<int>(col_lo_.size() - 1);
    std::vector<int> rows(ar_.size() - 1), cols(ar_.size() - 1);
    std::vector<double> vals(ar_.size() - 1);
    for (std::size_t k = 1; k < ar_.size(); ++k) {
      rows[k - 1] = ia_[k] - 1;
      cols[k - 1] = ja_[k] - 1;
      vals[k - 1] = ar_[k];
    }
    matrix_ = CoinPackedMatrix(true, rows.data(), cols.data(), vals.data(), static_cast<CoinBigIndex>(vals.size()));
    matrix_.setDimensions(rows_, n);
    clo_.assign(col_lo_.begin() + 1, col_lo_.end());
    chi_.resize(n);
    obj0_.assign(obj_.begin() + 1, obj_.end());
    for (int j = 0; j < n; ++j) chi_[j] = std::isinf(col_hi_[j + 1]) ? COIN_DBL_MAX : col_hi_[j + 1];
    rlo_.resize(rows_);
    rhi_.resize(rows_);
    for (int i = 0; i < rows_; ++i) {
      rlo_[i] = std::isinf(row_lo_[i + 1]) ? -COIN_DBL_MAX : row_lo_[i + 1];
      rhi_[i] = row_hi_[i + 1];
    }
  }

  // The propagation's run as values of the LP's columns (0-based), within the columns' bounds.
  [[nodiscard]] std::vector<double> start_values(const Trace& run) const {
    const auto& H = c_.holdings();
    std::vector<double> v(col_lo_.size() - 1, 0.0);
    auto put_value = [&](int col, double x) { v[col - 1] = std::clamp(x, clo_[col - 1], chi_[col - 1]); };
    for (std::uint32_t t = 0; t < T_; ++t) {
      const std::size_t at = t;
      for (MakeId m = 0; m < nM_; ++m) put_value(X(m, t), run.production[at * nM_ + m]);
      for (SupplyId e = 0; e < nE_; ++e) put_value(Z(e, t), run.shipped[at * nE_ + e]);
      for (HoldingId h = 0; h < nH_; ++h) put_value(Sx(h, t), run.stock[at * nH_ + h]);
      for (std::uint32_t i = 0; i < nD_; ++i) put_value(L(i, t), H.demand[demand_[i]] - run.served[at * nD_ + i]);
    }
    return v;
  }

  static void quiet(ClpSimplex& model) { model.setLogLevel(0); }

  // The whole LP by Clp's primal simplex in a values pass from the propagation's run: that run
  // is a feasible point, so the pass starts feasible and its work follows the point's free
  // columns; where the run is already optimal (the undisrupted LP of a chain whose normal plan
  // serves all demand) it takes no pivot. On these time-phased LPs it took 5-34x less time than
  // the dual simplex from a slack basis after presolve, whose pivots grow much faster than the LP
  // with the number of periods (bench/run_optimal_response.sh). That dual simplex remains the
  // fallback when the pass stops short.
  void solve_whole(const std::vector<double>& v, ResponseLp& stats) {
    const int n = static_cast<int>(clo_.size());
    ClpSimplex model;
    quiet(model);
    model.loadProblem(matrix_, clo_.data(), chi_.data(), obj0_.data(), rlo_.data(), rhi_.data());
    model.setColSolution(v.data());
    model.primal(1);
    stats.iterations += static_cast<std::uint32_t>(model.numberIterations());
    if (!model.isProvenOptimal()) {
      ClpSimplex cold;
      quiet(cold);
      cold.loadProblem(matrix_, clo_.data(), chi_.data(), obj0_.data(), rlo_.data(), rhi_.data());
      ClpSolve options;
      options.setSolveType(ClpSolve::useDual);
      options.setPresolveType(ClpSolve::presolveOn);
      cold.initialSolve(options);
      stats.iterations += static_cast<std::uint32_t>(cold.numberIterations());
      if (!cold.isProvenOptimal())
        throw Error("the LP solver (Clp) found no optimum of the optimal-response LP (status " +
                    std::to_string(cold.status()) + ")");
      model = cold;
    }
    const double* sol = model.primalColumnSolution();
    x_.assign(n + 1, 0.0);
    for (int j = 0; j < n; ++j) x_[j + 1] = sol[j];
  }

  // Arrival terms of holding h in period t: columns with coefficients, and a constant.
  struct Arrivals {
    std::vector<std::pair<int, double>> terms;
    double constant = 0;
  };

  void build() {
    const auto& H = c_.holdings();
    const auto& M = c_.makes();
    const auto& S = c_.supplies();
    const auto& value = c_.products().value;
    const std::vector<double>& order = p_.normal_orders();
    const std::vector<double>& pipe = p_.pipeline_start();
    const std::vector<std::uint8_t>& inert = p_.normal_plan().inert;
    ia_.push_back(0);
    ja_.push_back(0);
    ar_.push_back(0);
    arrivals_.assign(static_cast<std::size_t>(T_) * nH_, {});
    for (std::uint32_t t = 0; t < T_; ++t) {
      for (MakeId m = 0; m < nM_; ++m) {
        const double keep = k_.site[static_cast<std::size_t>(t) * k_.S + M.site[m]] * k_.make[static_cast<std::size_t>(t) * k_.M + m];
        bounds(X(m, t), 0.0, keep <= 0 ? 0.0 : M.capacity[m] * keep);
      }
      for (SupplyId e = 0; e < nE_; ++e) {
        double hi = inert[e] ? 0.0 : S.capacity[e];
        const double keep = k_.supply[static_cast<std::size_t>(t) * k_.E + e];
        if (keep < 1.0) hi = std::min(hi, keep * order[e]);
        bounds(Z(e, t), 0.0, hi);

        if (inert[e]) continue;
        // Where the shipments of period t arrive.
        const double share = k_.delay_share[static_cast<std::size_t>(t) * k_.E + e];
        const std::uint32_t at = t + S.lead_time[e];
        const std::uint32_t late = at + k_.delay[static_cast<std::size_t>(t) * k_.E + e];
        const HoldingId b = S.buyer_holding[e];
        if (at < T_ && share < 1.0) arrivals_[static_cast<std::size_t>(at) * nH_ + b].terms.emplace_back(Z(e, t), 1.0 - share);
        if (late < T_ && share > 0.0) arrivals_[static_cast<std::size_t>(late) * nH_ + b].terms.emplace_back(Z(e, t), share);
      }
      for (std::uint32_t i = 0; i < nD_; ++i) {
        bounds(L(i, t), 0.0, H.demand[demand_[i]]);
        // Losing a period later costs a millionth less: among equal losses, the LP serves early
        // and loses late, as a chain that does not yet know the shock's end would.
        obj_[L(i, t)] = value[H.product[demand_[i]]] * (1.0 + 1e-6 * (T_ - 1 - t) / T_);
      }
    }
    // Shipped before period 0, in transit.
    for (SupplyId e = 0; e < nE_; ++e)
      if (!inert[e])
        for (std::uint32_t t = 0; t < S.lead_time[e] && t < T_; ++t)
          arrivals_[static_cast<std::size_t>(t) * nH_ + S.buyer_holding[e]].constant += pipe[e];

    std::vector<std::uint32_t> demand_index(nH_, ~0u);
    for (std::uint32_t i = 0; i < nD_; ++i) demand_index[demand_[i]] = i;
    // Balance rows.
    for (std::uint32_t t = 0; t < T_; ++t)
      for (HoldingId h = 0; h < nH_; ++h) {
        const int row = B(h, t);
        const double kd = k_.destroy[static_cast<std::size_t>(t) * k_.S + H.site[h]] ? k_.site[static_cast<std::size_t>(t) * k_.S + H.site[h]] : 1.0;
        double rhs = H.demand[h];
        if (t == 0) rhs -= kd * H.stock[h];
        else put(row, Sx(h, t - 1), kd);
        const Arrivals& a = arrivals_[static_cast<std::size_t>(t) * nH_ + h];
        for (const auto& [col, v] : a.terms) put(row, col, v);
        rhs -= a.constant;
        if (H.make[h] != model::kInvalidId) put(row, X(H.make[h], t), 1.0);
        if (demand_index[h] != ~0u) put(row, L(demand_index[h], t), 1.0);
        put(row, Sx(h, t), -1.0);
        for (SupplyId e : H.sold[h])
          if (!inert[e]) put(row, Z(e, t), -1.0);
        for (std::uint32_t r : H.used_in[h]) put(row, X(M.recipe_make[r], t), -M.recipe_quantity[r]);
        row_lo_[row] = row_hi_[row] = rhs;
      }
    // A site that is down ships, up to each period, at most what it held when it went down plus
    // k of what arrived and what it made since (cumulative rows, one per period of the outage).
    for (SiteId s = 0; s < k_.S; ++s) {
      std::uint32_t t = 0;
      while (t < T_) {
        if (k_.site[static_cast<std::size_t>(t) * k_.S + s] >= 1.0) {
          ++t;
          continue;
        }
        const std::uint32_t a = t;
        std::uint32_t b = t;
        while (b + 1 < T_ && k_.site[static_cast<std::size_t>(b + 1) * k_.S + s] < 1.0) ++b;
        for (HoldingId h : c_.sites().holdings[s]) {
          bool sells = demand_index[h] != ~0u;
          for (SupplyId e : H.sold[h]) sells = sells || !inert[e];
          if (!sells) continue;
          const double kd = k_.destroy[static_cast<std::size_t>(a) * k_.S + s] ? k_.site[static_cast<std::size_t>(a) * k_.S + s] : 1.0;
          for (std::uint32_t u = a; u <= b; ++u) {
            const int row = add_row(-kInf, 0.0);
            double rhs = 0;
            if (a == 0) rhs += kd * H.stock[h];
            else put(row, Sx(h, a - 1), -kd);
            for (std::uint32_t tau = a; tau <= u; ++tau) {
              const double k = k_.site[static_cast<std::size_t>(tau) * k_.S + s];
              for (SupplyId e : H.sold[h])
                if (!inert[e]) put(row, Z(e, tau), 1.0);
              if (demand_index[h] != ~0u) {  // sold to final demand: demand - lost
                put(row, L(demand_index[h], tau), -1.0);
                rhs -= H.demand[h];
              }
              if (H.make[h] != model::kInvalidId) put(row, X(H.make[h], tau), -1.0);
              const Arrivals& arr = arrivals_[static_cast<std::size_t>(tau) * nH_ + h];
              for (const auto& [col, v] : arr.terms) put(row, col, -k * v);
              rhs += k * arr.constant;
            }
            row_hi_[row] = rhs;
          }
        }
        t = b + 1;
      }
    }
  }

  const Propagation& p_;
  const model::Chain& c_;
  std::uint32_t T_;
  PeriodKeeps k_;
  std::uint32_t nH_ = 0, nM_ = 0, nE_ = 0, nD_ = 0;
  std::vector<HoldingId> demand_;
  std::vector<int> ia_, ja_;
  std::vector<double> ar_;
  std::vector<double> col_lo_, col_hi_, obj_, row_lo_, row_hi_, x_;  // 1-based
  int rows_ = 0;
  CoinPackedMatrix matrix_;             // column-major, 0-based
  std::vector<double> clo_, chi_, obj0_, rlo_, rhi_;
  std::vector<Arrivals> arrivals_;
};

}  // namespace

StressResult best_response(const Propagation& p, const Shock& given, std::string label, const StressOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const model::Chain& c = p.chain();
  const auto& H = c.holdings();
  const std::uint32_t T = p.horizon();
  const Shock shock = p.with_transit(given);
  StressResult r;
  r.label = std::move(label);
  r.horizon = T;
  r.response = "optimal";
  // The propagation's runs are Clp's starting points.
  auto ws = p.workspace();
  Trace normal_run, shocked_run;
  p.run(Shock{}, ws, &normal_run);
  p.run(shock, ws, &shocked_run);
  TimeLp base(p, Shock{});
  ResponseLp base_lp;
  base.solve(options.engine, normal_run, base_lp);
  TimeLp lp(p, shock);
  lp.solve(options.engine, shocked_run, r.lp);
  r.lp.iterations += base_lp.iterations;
  const auto& demand = p.demand_holdings();
  const std::size_t nd = demand.size();
  const double value_scale = std::max(1.0, p.demand_value_per_period());
  ShockOutcome& o = r.outcome;
  o.excess_value_by_period.assign(T, 0.0);
  r.baseline_lost_value_by_period.assign(T, 0.0);
  for (std::uint32_t t = 0; t < T; ++t) {
    for (std::size_t i = 0; i < nd; ++i) {
      const HoldingId h = demand[i];
      const double v = c.products().value[H.product[h]];
      const double lost = lp.lost(t, static_cast<std::uint32_t>(i)), lost0 = base.lost(t, static_cast<std::uint32_t>(i));
      r.timeline.push_back({t, h, H.demand[h], H.demand[h] - lost, lost, std::max(0.0, lost - lost0)});
      o.lost_units += lost;
      o.lost_value += lost * v;
      o.excess_lost_units += lost - lost0;
      o.excess_value_by_period[t] += (lost - lost0) * v;
      r.baseline_lost_value_by_period[t] += lost0 * v;
    }
    o.excess_lost_value += o.excess_value_by_period[t];
    r.baseline_lost_value += r.baseline_lost_value_by_period[t] / T;
    const double tol = 1e-7 * value_scale;
    if (o.excess_value_by_period[t] > tol) {
      if (o.first_loss_period < 0) o.first_loss_period = static_cast<std::int32_t>(t);
      if (o.worst_period < 0 || o.excess_value_by_period[t] > o.excess_value_by_period[o.worst_period]) o.worst_period = static_cast<std::int32_t>(t);
      o.recovery_period = static_cast<std::int32_t>(t) + 1;
    }
  }
  if (o.recovery_period >= static_cast<std::int32_t>(T)) {
    o.recovery_period = -1;
    o.recovered = false;
  }
  r.lost_value_by_period = o.excess_value_by_period;
  // Holdings whose production or stock departs from the undisrupted optimum.
  auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-7 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
  for (HoldingId h = 0; h < H.size(); ++h) {
    const MakeId m = H.make[h];
    bool keep = options.all_holdings;
    for (std::uint32_t t = 0; t < T && !keep; ++t)
      keep = !close(lp.stock(t, h), base.stock(t, h)) || (m != model::kInvalidId && !close(lp.made(t, m), base.made(t, m)));
    if (!keep) continue;
    for (std::uint32_t t = 0; t < T; ++t)
      r.holdings.push_back({t, h, m == model::kInvalidId ? std::numeric_limits<double>::quiet_NaN() : lp.made(t, m), lp.stock(t, h)});
  }
  std::stable_sort(r.holdings.begin(), r.holdings.end(),
                   [](const HoldingPeriod& a, const HoldingPeriod& b) { return a.period < b.period; });
  add_reroute_costs(r, p, shock);
  r.lp.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace chainnet::stress
