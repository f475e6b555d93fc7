// Plain threads, each building, solving and freeing its own GLPK problem (GLPK's environment is
// thread-local and a problem must die in the thread that made it; see stress/survival.cpp).
#include "strengthen/failure_lps.hpp"

#include <glpk.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include "chainnet/error.hpp"
#include "chainnet/parallel.hpp"
#include "strengthen/candidate_columns.hpp"

namespace chainnet::strengthen {
namespace {

using model::HoldingId;
using model::MakeId;
using model::SiteId;
using model::SupplyId;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTie = 1e-9;  // survival's: tts < ttr by more than this relative amount

double over(double per_period, double t) { return t == 0 ? 0.0 : per_period * t; }

struct Basis {
  std::vector<signed char> rows, cols;
};

// One failure's LP at a portfolio: its least loss, the optimal basis, and for each candidate
// whose columns do not all price out, the bound change it brings (< 0): the LP value as a
// function of the choices y is at least loss + sum_c drop_c (y_c - chosen_c) (the dual solution
// stays feasible; its objective is linear in the bounds, which are linear in y).
struct FailureState {
  double loss = 0;
  Basis basis;
  std::vector<std::pair<std::uint32_t, double>> drops;
};

// The LP's shape, shared read-only by the workers. Columns (GLPK order): lines 1..M, supplies
// M+1..M+E, lost demand per holding with demand, then one stock column per (holding, candidate
// adding stock there). Rows: balance per holding 1..H, then a throughput row per holding that
// has or may get stock and sells, or has demand (free until its site is down).
struct Layout {
  CandidateColumns cc;
  std::size_t n = 0;
  std::vector<int> through_row;  // per holding of cc.all, 0 none
  std::vector<int> loss_col;     // per holding, 0 none
  struct StockCol {
    HoldingId h;
    std::uint32_t c;
    double q;
    int col;
  };
  std::vector<StockCol> stock_cols;
  std::vector<std::vector<MakeId>> lines_of;       // per candidate: lines whose bound it raises
  std::vector<std::vector<SupplyId>> supplies_of;  // per candidate: supplies it opens
  std::vector<std::vector<std::uint32_t>> stocks_of;  // per candidate: into stock_cols
  // The failures: site (in cc.all), window, weight, tolerance of "loses nothing".
  std::vector<SiteId> down;
  std::vector<double> window, weight, tol;
  bool at_risk = false;
};

class Worker {
 public:
  explicit Worker(const Layout& layout) : L_(layout), open_(layout.n, 0) {
    g_ = glp_create_prob();
    try {
      build();
    } catch (...) {
      glp_delete_prob(g_);
      throw;
    }
  }
  ~Worker() { glp_delete_prob(g_); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Bounds for portfolio `open`, site `down` failed (kInvalidId: none), over window t.
  void set(const std::vector<char>& open, SiteId down, double t) {
    const model::Chain& all = L_.cc.all;
    if (t != t_) {
      open_ = open, down_ = down, t_ = t;
      const model::MakeTable& M = all.makes();
      const model::SupplyTable& E = all.supplies();
      const model::HoldingTable& H = all.holdings();
      for (MakeId m = 0; m < M.size(); ++m) set_line(m);
      for (SupplyId e = 0; e < E.size(); ++e) set_supply(e);
      for (std::uint32_t k = 0; k < L_.stock_cols.size(); ++k) set_stock(k);
      for (HoldingId h = 0; h < H.size(); ++h) {
        glp_set_row_bnds(g_, 1 + static_cast<int>(h), GLP_LO, L_.cc.demand[h] * t - L_.cc.stock[h], 0.0);
        if (L_.loss_col[h]) set_upper(L_.loss_col[h], L_.cc.demand[h] * t);
        if (L_.through_row[h]) set_through(h);
      }
      return;
    }
    std::vector<std::uint32_t> changed;
    for (std::uint32_t c = 0; c < L_.n; ++c)
      if (open[c] != open_[c]) changed.push_back(c);
    const SiteId was = down_;
    open_ = open, down_ = down;
    for (std::uint32_t c : changed) {
      for (MakeId m : L_.lines_of[c]) set_line(m);
      for (SupplyId e : L_.supplies_of[c]) set_supply(e);
      for (std::uint32_t k : L_.stocks_of[c]) set_stock(k);
    }
    if (was != down) {
      for (SiteId s : {was, down})
        if (s != model::kInvalidId) site_bounds(s);
    }
  }

  // Solves from `start` (nullptr: the slack basis). Fills `out` (drops for the candidates not
  // open). Returns the simplex iterations.
  std::uint32_t solve(const Basis* start, FailureState& out, bool save_basis) {
    const int m = glp_get_num_rows(g_), n = glp_get_num_cols(g_);
    if (start && static_cast<int>(start->rows.size()) == m && static_cast<int>(start->cols.size()) == n) {
      for (int i = 1; i <= m; ++i) glp_set_row_stat(g_, i, start->rows[i - 1]);
      for (int j = 1; j <= n; ++j) glp_set_col_stat(g_, j, start->cols[j - 1]);
    } else {
      glp_std_basis(g_);
    }
    // A canonical factorization: results must not depend on what this worker solved before.
    if (glp_factorize(g_) != 0) {
      glp_std_basis(g_);
      glp_factorize(g_);
    }
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.meth = GLP_DUALP;
    const int before = glp_get_it_cnt(g_);
    if (glp_simplex(g_, &p) != 0 || glp_get_status(g_) != GLP_OPT) {
      // A stalled warm start: once more from the slack basis (dual feasible: every cost >= 0).
      glp_std_basis(g_);
      if (glp_simplex(g_, &p) != 0 || glp_get_status(g_) != GLP_OPT)
        throw Error("the LP solver (GLPK) found no optimum of a strengthen impact LP");
    }
    const auto iterations = static_cast<std::uint32_t>(glp_get_it_cnt(g_) - before);
    out.loss = std::max(0.0, glp_get_obj_val(g_));
    if (save_basis) {
      out.basis.rows.resize(m);
      out.basis.cols.resize(n);
      for (int i = 1; i <= m; ++i) out.basis.rows[i - 1] = static_cast<signed char>(glp_get_row_stat(g_, i));
      for (int j = 1; j <= n; ++j) out.basis.cols[j - 1] = static_cast<signed char>(glp_get_col_stat(g_, j));
    }
    out.drops.clear();
    const double eps = 1e-9 * std::max(1.0, out.loss);
    for (std::uint32_t c = 0; c < L_.n; ++c) {  // open ones too: the slopes of a Benders cut
      double drop = 0;
      for (MakeId line : L_.lines_of[c]) drop += price(1 + static_cast<int>(line), line_step(line, c));
      for (SupplyId e : L_.supplies_of[c]) drop += price(supply_col(e), supply_ub(e, true));
      for (std::uint32_t k : L_.stocks_of[c]) drop += price(L_.stock_cols[k].col, L_.stock_cols[k].q);
      if (drop < -eps) out.drops.emplace_back(c, drop);
    }
    return iterations;
  }

 private:
  const Layout& L_;
  glp_prob* g_ = nullptr;
  std::vector<char> open_;
  SiteId down_ = model::kInvalidId;
  double t_ = -1;

  int supply_col(SupplyId e) const { return 1 + static_cast<int>(L_.cc.all.makes().size() + e); }

  // Reduced cost x bound increase, when it lowers the bound on the loss.
  double price(int col, double step) const {
    if (step <= 0) return 0;
    const double d = glp_get_col_dual(g_, col);
    if (!(d < 0)) return 0;
    return std::isinf(step) ? -kInf : d * step;
  }

  // How much candidate c raises line m's bound (window units), with the current failure.
  double line_step(MakeId m, std::uint32_t c) const {
    const model::MakeTable& M = L_.cc.all.makes();
    if (M.site[m] == down_) return 0;
    if (L_.cc.line_opened_by[m] == static_cast<std::int64_t>(c)) return over(L_.cc.line_capacity[m], t_);
    double d = 0;
    for (const auto& [k, amount] : L_.cc.extra_capacity[m])
      if (k == c) d += amount;
    return over(d, t_);
  }

  double line_ub(MakeId m) const {
    const model::MakeTable& M = L_.cc.all.makes();
    if (M.site[m] == down_) return 0;
    const std::int64_t by = L_.cc.line_opened_by[m];
    if (by >= 0 && !open_[static_cast<std::size_t>(by)]) return 0;
    double cap = L_.cc.line_capacity[m];
    for (const auto& [c, amount] : L_.cc.extra_capacity[m])
      if (open_[c]) cap += amount;
    return over(cap, t_);
  }

  // The supply's bound; as_open: as if its candidate were chosen.
  double supply_ub(SupplyId e, bool as_open) const {
    const model::SupplyTable& E = L_.cc.all.supplies();
    const std::int64_t by = L_.cc.supply_opened_by[e];
    if (!as_open && by >= 0 && !open_[static_cast<std::size_t>(by)]) return 0;
    const HoldingId from = E.seller_holding[e];
    if (L_.cc.all.holdings().site[from] == down_ && L_.through_row[from] == 0) return 0;
    return over(E.capacity[e], t_);
  }

  void set_upper(int col, double ub) {
    if (std::isinf(ub)) glp_set_col_bnds(g_, col, GLP_LO, 0.0, 0.0);
    else if (ub <= 0) glp_set_col_bnds(g_, col, GLP_FX, 0.0, 0.0);
    else glp_set_col_bnds(g_, col, GLP_DB, 0.0, ub);
  }
  void set_line(MakeId m) { set_upper(1 + static_cast<int>(m), line_ub(m)); }
  void set_supply(SupplyId e) { set_upper(supply_col(e), supply_ub(e, false)); }
  void set_stock(std::uint32_t k) { set_upper(L_.stock_cols[k].col, open_[L_.stock_cols[k].c] ? L_.stock_cols[k].q : 0.0); }
  void set_through(HoldingId h) {
    const int r = L_.through_row[h];
    if (L_.cc.all.holdings().site[h] == down_)
      glp_set_row_bnds(g_, r, GLP_UP, 0.0, L_.cc.stock[h] - L_.cc.demand[h] * t_);
    else
      glp_set_row_bnds(g_, r, GLP_FR, 0.0, 0.0);
  }
  // Everything of site s that depends on whether it is down.
  void site_bounds(SiteId s) {
    const model::Chain& all = L_.cc.all;
    for (MakeId m : all.sites().makes[s]) set_line(m);
    for (HoldingId h : all.sites().holdings[s]) {
      if (L_.through_row[h]) set_through(h);
      for (SupplyId e : all.holdings().sold[h]) set_supply(e);
    }
  }

  void build() {
    const model::Chain& all = L_.cc.all;
    const model::HoldingTable& H = all.holdings();
    const model::MakeTable& M = all.makes();
    const model::SupplyTable& E = all.supplies();
    glp_set_obj_dir(g_, GLP_MIN);
    glp_add_rows(g_, static_cast<int>(H.size()));
    int through_rows = 0;
    for (HoldingId h = 0; h < H.size(); ++h) through_rows += L_.through_row[h] != 0;
    if (through_rows) glp_add_rows(g_, through_rows);
    std::vector<int> ind{0};
    std::vector<double> val{0.0};
    auto column = [&](double cost) {
      const int j = glp_add_cols(g_, 1);
      glp_set_mat_col(g_, j, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
      glp_set_obj_coef(g_, j, cost);
      ind.assign(1, 0);
      val.assign(1, 0.0);
      return j;
    };
    auto at = [&](int row, double v) {
      for (std::size_t k = 1; k < ind.size(); ++k)
        if (ind[k] == row) {
          val[k] += v;
          return;
        }
      ind.push_back(row), val.push_back(v);
    };
    for (MakeId m = 0; m < M.size(); ++m) {
      at(1 + static_cast<int>(M.holding[m]), 1.0);
      for (std::uint32_t i = M.recipe.first[m]; i < M.recipe.first[m + 1]; ++i)
        at(1 + static_cast<int>(M.recipe_holding[i]), -M.recipe_quantity[i]);
      column(0.0);
    }
    for (SupplyId e = 0; e < E.size(); ++e) {
      at(1 + static_cast<int>(E.buyer_holding[e]), 1.0);
      at(1 + static_cast<int>(E.seller_holding[e]), -1.0);
      if (const int r = L_.through_row[E.seller_holding[e]]) at(r, 1.0);
      column(0.0);
    }
    for (HoldingId h = 0; h < H.size(); ++h)
      if (L_.loss_col[h]) {
        at(1 + static_cast<int>(h), 1.0);
        at(L_.through_row[h], -1.0);
        if (column(all.products().value[H.product[h]]) != L_.loss_col[h]) throw Error("internal: strengthen LP column order");
      }
    for (const auto& s : L_.stock_cols) {
      at(1 + static_cast<int>(s.h), 1.0);
      if (const int r = L_.through_row[s.h]) at(r, -1.0);
      if (column(0.0) != s.col) throw Error("internal: strengthen LP column order");
    }
    // Scaling depends on the matrix only: every worker sees the same scaled LP.
    const int was = glp_term_out(GLP_OFF);
    glp_scale_prob(g_, GLP_SF_AUTO);
    glp_term_out(was);
  }
};

bool glpk_is_thread_local() { return glp_config("TLS") != nullptr; }

// Workers that each own one LP, running batches of jobs.
class Pool {
 public:
  Pool(const Layout& layout, int threads) : layout_(layout) {
    for (int i = 0; i < threads; ++i) {
      try {
        threads_.emplace_back([this] { loop(); });
      } catch (...) {
        if (threads_.empty()) throw;
        break;
      }
    }
  }
  ~Pool() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    start_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  [[nodiscard]] int threads() const { return static_cast<int>(threads_.size()); }

  // job(worker, i) for i in [0, count), spread over the workers. Rethrows the first error.
  void run(std::size_t count, const std::function<void(Worker&, std::size_t)>& job) {
    if (count == 0) return;
    std::unique_lock lock(mu_);
    job_ = &job;
    count_ = count;
    next_ = 0;
    running_ = static_cast<int>(threads_.size());
    ++generation_;
    start_.notify_all();
    done_.wait(lock, [&] { return running_ == 0; });
    job_ = nullptr;
    if (error_) {
      std::exception_ptr e = error_;
      error_ = nullptr;
      std::rethrow_exception(e);
    }
  }

 private:
  void loop() {
    std::optional<Worker> w;
    std::exception_ptr build_error;
    try {
      w.emplace(layout_);
    } catch (...) {
      build_error = std::current_exception();
    }
    std::uint64_t seen = 0;
    for (;;) {
      std::unique_lock lock(mu_);
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) break;
      seen = generation_;
      const auto* job = job_;
      const std::size_t count = count_;
      lock.unlock();
      if (!w) {
        record(build_error);
      } else {
        for (std::size_t i; (i = next_++) < count;) {
          try {
            (*job)(*w, i);
          } catch (...) {
            record(std::current_exception());
          }
        }
      }
      lock.lock();
      if (--running_ == 0) done_.notify_all();
    }
    w.reset();
    glp_free_env();  // this thread's GLPK environment
  }
  void record(std::exception_ptr e) {
    std::lock_guard lock(error_mu_);
    if (!error_) error_ = e;
  }

  const Layout& layout_;
  std::vector<std::thread> threads_;
  std::mutex mu_, error_mu_;
  std::condition_variable start_, done_;
  const std::function<void(Worker&, std::size_t)>* job_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};
  int running_ = 0;
  std::uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace

struct FailureLps::Impl {
  Layout L;
  std::unique_ptr<Pool> pool;
  bool warm = true;
  // A portfolio and the states of the failures that can still change under it (by position in
  // L.down; the others are settled: pi 0, at_risk no longer at risk).
  struct States {
    std::vector<char> open;
    std::vector<std::uint32_t> kept;
    std::vector<FailureState> state;  // parallel to kept
    double value = 0;
  };
  States root, cur;
  FailureLpStats stats;

  double contribution(std::uint32_t f, double loss) const {
    if (!L.at_risk) return loss;
    return loss > L.tol[f] ? L.weight[f] : 0.0;
  }
  double total(const States& s) const {
    double v = 0;
    for (std::size_t k = 0; k < s.kept.size(); ++k) v += contribution(s.kept[k], s.state[k].loss);
    return v;
  }
  // The bound on failure k's loss with `add` on top of s.
  static double bound(const FailureState& st, std::span<const std::uint32_t> add) {
    double b = st.loss;
    for (const auto& [c, drop] : st.drops)
      if (std::find(add.begin(), add.end(), c) != add.end()) b += drop;
    return b;
  }
  // Whether the bounds settle failure k (its contribution cannot change with `add`).
  bool settled(const States& s, std::size_t k, std::span<const std::uint32_t> add) const {
    if (!warm) return false;
    const FailureState& st = s.state[k];
    const double b = bound(st, add);
    if (b == st.loss) return true;  // every column of `add` prices out: the basis stays optimal
    if (!L.at_risk) return false;
    // at_risk: only a rescue counts; the bound says whether one is possible (with a margin for
    // the rounding of reduced costs).
    const std::uint32_t f = s.kept[k];
    return b > L.tol[f] + 1e-7 * std::max(1.0, st.loss);
  }

  // Solves failures `which` (positions in s.kept) with portfolio `open`, from their states in s.
  std::vector<FailureState> solve(const States& s, const std::vector<char>& open, const std::vector<std::size_t>& which,
                                  bool save_basis) {
    std::vector<FailureState> out(which.size());
    std::vector<std::uint32_t> its(which.size(), 0);
    const auto t0 = std::chrono::steady_clock::now();
    pool->run(which.size(), [&](Worker& w, std::size_t i) {
      const std::uint32_t f = s.kept[which[i]];
      w.set(open, L.down[f], L.window[f]);
      its[i] = w.solve(warm ? &s.state[which[i]].basis : nullptr, out[i], save_basis);
    });
    stats.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stats.solves += which.size();
    for (std::uint32_t it : its) stats.iterations += it;
    return out;
  }

  double value_with(const States& s, std::span<const std::uint32_t> add) {
    std::vector<char> open = s.open;
    for (std::uint32_t c : add) open[c] = 1;
    std::vector<std::size_t> which;
    double v = 0;
    for (std::size_t k = 0; k < s.kept.size(); ++k) {
      if (settled(s, k, add)) {
        ++stats.settled;
        v += contribution(s.kept[k], s.state[k].loss);
      } else {
        which.push_back(k);
      }
    }
    const auto res = solve(s, open, which, false);
    // Summed in failure order, whatever was solved: the same total however it was reached.
    std::vector<double> part(s.kept.size(), 0.0);
    std::vector<char> done(s.kept.size(), 0);
    for (std::size_t i = 0; i < which.size(); ++i) part[which[i]] = contribution(s.kept[which[i]], res[i].loss), done[which[i]] = 1;
    v = 0;
    for (std::size_t k = 0; k < s.kept.size(); ++k) v += done[k] ? part[k] : contribution(s.kept[k], s.state[k].loss);
    return v;
  }

  void take(States& s, std::span<const std::uint32_t> add) {
    for (std::uint32_t c : add) s.open[c] = 1;
    std::vector<std::size_t> which;
    for (std::size_t k = 0; k < s.kept.size(); ++k)
      if (!warm || bound(s.state[k], add) != s.state[k].loss) which.push_back(k);
      else std::erase_if(s.state[k].drops, [&](const auto& d) { return std::find(add.begin(), add.end(), d.first) != add.end(); });
    auto res = solve(s, s.open, which, true);
    for (std::size_t i = 0; i < which.size(); ++i) s.state[which[i]] = std::move(res[i]);
    // Drop the failures that can no longer change.
    std::vector<std::uint32_t> kept;
    std::vector<FailureState> state;
    for (std::size_t k = 0; k < s.kept.size(); ++k)
      if (contribution(s.kept[k], s.state[k].loss) > 0) {
        kept.push_back(s.kept[k]);
        state.push_back(std::move(s.state[k]));
      }
    s.kept = std::move(kept);
    s.state = std::move(state);
    s.value = total(s);
  }
};

FailureLps::FailureLps(const model::Chain& chain, std::span<const Candidate> candidates,
                       const std::vector<std::string>& failures, const std::vector<double>& weights, bool at_risk,
                       bool warm_start)
    : impl_(std::make_unique<Impl>(Impl{{candidate_columns(chain, candidates)}, nullptr, warm_start, {}, {}, {}})) {
  Impl& I = *impl_;
  Layout& L = I.L;
  L.n = candidates.size();
  L.at_risk = at_risk;
  const model::Chain& all = L.cc.all;
  const model::HoldingTable& H = all.holdings();
  const model::MakeTable& M = all.makes();
  const model::SupplyTable& E = all.supplies();
  // Rows and columns.
  L.through_row.assign(H.size(), 0);
  int row = static_cast<int>(H.size());
  for (HoldingId h = 0; h < H.size(); ++h) {
    const bool stocked = L.cc.stock[h] > 0 || !L.cc.stock_of[h].empty();
    if ((stocked && H.sold.degree(h) > 0) || L.cc.demand[h] > 0) L.through_row[h] = ++row;
  }
  int col = static_cast<int>(M.size() + E.size());
  L.loss_col.assign(H.size(), 0);
  for (HoldingId h = 0; h < H.size(); ++h)
    if (L.cc.demand[h] > 0) L.loss_col[h] = ++col;
  L.lines_of.resize(L.n);
  L.supplies_of.resize(L.n);
  L.stocks_of.resize(L.n);
  for (HoldingId h = 0; h < H.size(); ++h)
    for (const auto& [c, q] : L.cc.stock_of[h]) {
      L.stocks_of[c].push_back(static_cast<std::uint32_t>(L.stock_cols.size()));
      L.stock_cols.push_back({h, c, q, ++col});
    }
  for (MakeId m = 0; m < M.size(); ++m) {
    if (L.cc.line_opened_by[m] >= 0) L.lines_of[static_cast<std::size_t>(L.cc.line_opened_by[m])].push_back(m);
    for (const auto& [c, amount] : L.cc.extra_capacity[m])
      if (std::find(L.lines_of[c].begin(), L.lines_of[c].end(), m) == L.lines_of[c].end()) L.lines_of[c].push_back(m);
  }
  for (SupplyId e = 0; e < E.size(); ++e)
    if (L.cc.supply_opened_by[e] >= 0) L.supplies_of[static_cast<std::size_t>(L.cc.supply_opened_by[e])].push_back(e);
  // The failures.
  for (std::size_t f = 0; f < failures.size(); ++f) {
    const SiteId s = all.find_site(failures[f]);
    const SiteId base = chain.find_site(failures[f]);
    if (s == model::kInvalidId || base == model::kInvalidId) continue;
    const double t = chain.site_ttr(base);
    L.down.push_back(s);
    L.window.push_back(at_risk ? t * (1 - kTie) : t);
    const double w = f < weights.size() ? weights[f] : 0.0;
    L.weight.push_back(w);
    L.tol.push_back(at_risk ? 1e-9 * std::max(1.0, w) : 0.0);
  }
  int threads = std::max(1, max_threads());
  if (!glpk_is_thread_local()) threads = 1;
  I.pool = std::make_unique<Pool>(L, threads);
  I.stats.threads = I.pool->threads();
  // The empty portfolio: each window's nothing-failed optimum, then every failure from it.
  std::vector<double> windows = L.window;
  std::sort(windows.begin(), windows.end());
  windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
  std::vector<FailureState> base(windows.size());
  const std::vector<char> none(L.n, 0);
  I.pool->run(windows.size(), [&](Worker& w, std::size_t i) {
    w.set(none, model::kInvalidId, windows[i]);
    (void)w.solve(nullptr, base[i], true);
  });
  Impl::States all_failures;
  all_failures.open = none;
  for (std::uint32_t f = 0; f < L.down.size(); ++f) {
    all_failures.kept.push_back(f);
    const auto wi = static_cast<std::size_t>(std::lower_bound(windows.begin(), windows.end(), L.window[f]) - windows.begin());
    all_failures.state.push_back(base[wi]);
  }
  std::vector<std::size_t> every(L.down.size());
  for (std::size_t k = 0; k < every.size(); ++k) every[k] = k;
  auto res = I.solve(all_failures, none, every, true);
  I.root.open = none;
  for (std::uint32_t f = 0; f < L.down.size(); ++f)
    if (I.contribution(f, res[f].loss) > 0) {
      I.root.kept.push_back(f);
      I.root.state.push_back(std::move(res[f]));
    }
  I.root.value = I.total(I.root);
  I.cur = I.root;
}

FailureLps::~FailureLps() = default;

double FailureLps::value() const { return impl_->cur.value; }
const std::vector<char>& FailureLps::portfolio() const { return impl_->cur.open; }
const FailureLpStats& FailureLps::stats() const { return impl_->stats; }
std::size_t FailureLps::kept() const { return impl_->cur.kept.size(); }

double FailureLps::bound_with(std::span<const std::uint32_t> add) const {
  const Impl& I = *impl_;
  double v = 0;
  for (std::size_t k = 0; k < I.cur.kept.size(); ++k) {
    const std::uint32_t f = I.cur.kept[k];
    const double b = Impl::bound(I.cur.state[k], add);
    if (!I.L.at_risk) v += std::max(0.0, b);
    else v += b > I.L.tol[f] + 1e-7 * std::max(1.0, I.cur.state[k].loss) ? I.L.weight[f] : 0.0;
  }
  return v;
}

double FailureLps::value_with(std::span<const std::uint32_t> add) { return impl_->value_with(impl_->cur, add); }

void FailureLps::take(std::span<const std::uint32_t> add) { impl_->take(impl_->cur, add); }

void FailureLps::reset() { impl_->cur = impl_->root; }

double FailureLps::value_of(const std::vector<char>& portfolio) {
  std::vector<std::uint32_t> add;
  for (std::uint32_t c = 0; c < portfolio.size(); ++c)
    if (portfolio[c]) add.push_back(c);
  return impl_->value_with(impl_->root, add);
}

std::vector<FailureCut> FailureLps::cuts(const std::vector<char>& portfolio, bool unchanged_too) {
  Impl& I = *impl_;
  const Impl::States& r = I.root;
  std::vector<std::uint32_t> add;
  for (std::uint32_t c = 0; c < portfolio.size(); ++c)
    if (portfolio[c]) add.push_back(c);
  std::vector<FailureCut> out;
  std::vector<std::size_t> which;
  for (std::size_t k = 0; k < r.kept.size(); ++k) {
    if (I.warm && Impl::bound(r.state[k], add) == r.state[k].loss) {
      // The empty portfolio's basis stays optimal: same loss, same duals.
      ++I.stats.settled;
      if (unchanged_too) out.push_back({k, r.state[k].loss, r.state[k].drops, false});
    } else {
      which.push_back(k);
    }
  }
  auto res = I.solve(r, portfolio, which, false);
  for (std::size_t i = 0; i < which.size(); ++i) out.push_back({which[i], res[i].loss, std::move(res[i].drops), true});
  std::sort(out.begin(), out.end(), [](const FailureCut& a, const FailureCut& b) { return a.failure < b.failure; });
  return out;
}

std::size_t FailureLps::failures() const { return impl_->root.kept.size(); }
double FailureLps::weight(std::size_t failure) const { return impl_->L.weight[impl_->root.kept[failure]]; }
double FailureLps::tolerance(std::size_t failure) const { return impl_->L.tol[impl_->root.kept[failure]]; }
double FailureLps::empty_loss(std::size_t failure) const { return impl_->root.state[failure].loss; }
bool FailureLps::at_risk() const { return impl_->L.at_risk; }

double FailureLps::first_order_bound(double budget, std::span<const Candidate> candidates) const {
  const Impl& I = *impl_;
  const Impl::States& r = I.root;
  const std::size_t n = I.L.n;
  glp_prob* g = glp_create_prob();
  struct Free {
    glp_prob* g;
    ~Free() { glp_delete_prob(g); }
  } free_g{g};
  glp_set_obj_dir(g, GLP_MAX);
  // y: the choices, relaxed.
  glp_add_cols(g, static_cast<int>(n));
  for (std::size_t c = 0; c < n; ++c) glp_set_col_bnds(g, 1 + static_cast<int>(c), GLP_DB, 0.0, 1.0);
  std::vector<int> ind{0};
  std::vector<double> val{0.0};
  auto row = [&](int type, double lo, double hi) {
    const int i = glp_add_rows(g, 1);
    glp_set_row_bnds(g, i, type, lo, hi);
    glp_set_mat_row(g, i, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
    ind.assign(1, 0);
    val.assign(1, 0.0);
  };
  for (std::size_t c = 0; c < n; ++c) ind.push_back(1 + static_cast<int>(c)), val.push_back(candidates[c].cost);
  row(GLP_UP, 0.0, budget * (1 + 1e-9) + 1e-9);
  for (std::size_t c = 0; c < n; ++c) {
    if (candidates[c].required >= 0) {  // y_c <= y_required
      ind.push_back(1 + static_cast<int>(c)), val.push_back(1.0);
      ind.push_back(1 + candidates[c].required), val.push_back(-1.0);
      row(GLP_UP, 0.0, 0.0);
    }
    if (candidates[c].group.empty()) continue;
    bool first = true;  // one row per group, written at its first member
    for (std::size_t k = 0; k < c && first; ++k) first = candidates[k].group != candidates[c].group;
    if (!first) continue;
    for (std::size_t k = c; k < n; ++k)
      if (candidates[k].group == candidates[c].group) ind.push_back(1 + static_cast<int>(k)), val.push_back(1.0);
    if (ind.size() > 2) row(GLP_UP, 0.0, 1.0);
    ind.assign(1, 0);
    val.assign(1, 0.0);
  }
  // Per failure: what it can gain, at most its loss (pi), or whether it can be rescued (at_risk:
  // the drops must cover its loss down to the tolerance).
  for (std::size_t k = 0; k < r.kept.size(); ++k) {
    const FailureState& st = r.state[k];
    const std::uint32_t f = r.kept[k];
    const int j = glp_add_cols(g, 1);
    double need = st.loss;
    if (I.L.at_risk) {
      need = std::max(0.0, st.loss - I.L.tol[f] - 1e-7 * std::max(1.0, st.loss));
      glp_set_col_bnds(g, j, GLP_DB, 0.0, 1.0);
      glp_set_obj_coef(g, j, I.L.weight[f]);
    } else {
      glp_set_col_bnds(g, j, GLP_DB, 0.0, st.loss);
      glp_set_obj_coef(g, j, 1.0);
    }
    ind.push_back(j), val.push_back(I.L.at_risk ? need : 1.0);
    for (const auto& [c, drop] : st.drops) ind.push_back(1 + static_cast<int>(c)), val.push_back(-std::min(-drop, st.loss));
    row(GLP_UP, 0.0, 0.0);
  }
  glp_smcp p;
  glp_init_smcp(&p);
  p.msg_lev = GLP_MSG_OFF;
  const int was = glp_term_out(GLP_OFF);
  glp_scale_prob(g, GLP_SF_AUTO);
  glp_term_out(was);
  if (glp_simplex(g, &p) != 0 || glp_get_status(g) != GLP_OPT)
    throw Error("the LP solver (GLPK) failed on the strengthen first-order bound");
  return r.value - glp_get_obj_val(g);
}

}  // namespace chainnet::strengthen
