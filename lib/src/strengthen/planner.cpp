#include "chainnet/strengthen/planner.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <queue>

#include "chainnet/error.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/stress/monte_carlo.hpp"
#include "chainnet/stress/propagation.hpp"
#include "chainnet/stress/survival.hpp"
#include "chainnet/weak/single_points.hpp"
#include "chainnet/weak/structural_loss.hpp"
#include "strengthen/benders.hpp"
#include "strengthen/deterministic_equivalent.hpp"
#include "strengthen/failure_lps.hpp"

namespace chainnet::strengthen {
namespace {

constexpr std::array<std::string_view, 5> kObjectives = {"at_risk", "pi", "expected_loss", "cvar95", "spof"};
constexpr std::array<std::string_view, 3> kMethods = {"auto", "exact", "greedy"};

// Objectives compare within a relative 1e-9 (LP rounding): a gain below that is no gain.
bool better(double a, double b) { return a < b - 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

using Portfolio = std::vector<char>;

// Measures portfolios, each once.
class Evaluator {
 public:
  Evaluator(const model::Chain& chain, std::span<const Candidate> candidates, const ObjectiveMeter& meter)
      : chain_(chain), candidates_(candidates), meter_(meter) {}
  double operator()(const Portfolio& p) {
    if (const auto it = cache_.find(p); it != cache_.end()) return it->second;
    const bool none = std::find(p.begin(), p.end(), 1) == p.end();
    const double v = none ? (std::isnan(meter_.reference_value()) ? meter_(chain_) : meter_.reference_value())
                          : meter_(apply_portfolio(chain_, candidates_, p));
    ++evaluations_;
    cache_.emplace(p, v);
    return v;
  }
  [[nodiscard]] std::uint64_t evaluations() const { return evaluations_; }

 private:
  const model::Chain& chain_;
  std::span<const Candidate> candidates_;
  const ObjectiveMeter& meter_;
  std::map<Portfolio, double> cache_;
  std::uint64_t evaluations_ = 0;
};

// Candidate i with every candidate it requires (its bundle).
Portfolio bundle(std::span<const Candidate> c, std::size_t i) {
  Portfolio p(c.size(), 0);
  for (std::int32_t r = static_cast<std::int32_t>(i); r >= 0; r = c[static_cast<std::size_t>(r)].required)
    p[static_cast<std::size_t>(r)] = 1;
  return p;
}

std::vector<std::uint32_t> members(const Portfolio& p) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i]) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

// The search's view of the objective: a current portfolio, and what adding to it gives.
class Search {
 public:
  virtual ~Search() = default;
  [[nodiscard]] virtual double value() const = 0;
  /// An upper bound on what adding `add` gains now; +inf when none is known.
  virtual double bound_gain(std::span<const std::uint32_t> add) = 0;
  virtual double value_with(std::span<const std::uint32_t> add) = 0;
  virtual void take(std::span<const std::uint32_t> add) = 0;
  virtual void reset() = 0;
  virtual double value_of(const Portfolio& p) = 0;
  [[nodiscard]] virtual bool bounds_are_valid() const = 0;
};

// Any objective: each portfolio applied as a variant and measured by the meter.
class MeterSearch final : public Search {
 public:
  MeterSearch(Evaluator& eval, std::size_t n) : eval_(eval), none_(n, 0), have_(none_), cur_(eval(none_)) {}
  [[nodiscard]] double value() const override { return cur_; }
  double bound_gain(std::span<const std::uint32_t>) override { return std::numeric_limits<double>::infinity(); }
  double value_with(std::span<const std::uint32_t> add) override { return eval_(with(add)); }
  void take(std::span<const std::uint32_t> add) override {
    have_ = with(add);
    cur_ = eval_(have_);
  }
  void reset() override {
    have_ = none_;
    cur_ = eval_(none_);
  }
  double value_of(const Portfolio& p) override { return eval_(p); }
  [[nodiscard]] bool bounds_are_valid() const override { return false; }

 private:
  Portfolio with(std::span<const std::uint32_t> add) const {
    Portfolio p = have_;
    for (std::uint32_t c : add) p[c] = 1;
    return p;
  }
  Evaluator& eval_;
  Portfolio none_, have_;
  double cur_;
};

// pi and at_risk: the per-failure LPs with their dual bounds.
class LpSearch final : public Search {
 public:
  explicit LpSearch(FailureLps& lps) : lps_(lps) {}
  [[nodiscard]] double value() const override { return lps_.value(); }
  double bound_gain(std::span<const std::uint32_t> add) override { return lps_.value() - lps_.bound_with(add); }
  double value_with(std::span<const std::uint32_t> add) override {
    ++evaluations;
    return lps_.value_with(add);
  }
  void take(std::span<const std::uint32_t> add) override { lps_.take(add); }
  void reset() override { lps_.reset(); }
  double value_of(const Portfolio& p) override {
    ++evaluations;
    return lps_.value_of(p);
  }
  [[nodiscard]] bool bounds_are_valid() const override { return true; }
  std::uint64_t evaluations = 0;

 private:
  FailureLps& lps_;
};

// The candidates of bundle b not yet in `have`.
std::vector<std::uint32_t> added(const Portfolio& have, const Portfolio& b) {
  std::vector<std::uint32_t> out;
  for (std::size_t j = 0; j < b.size(); ++j)
    if (b[j] && !have[j]) out.push_back(static_cast<std::uint32_t>(j));
  return out;
}

double cost_of(std::span<const Candidate> c, std::span<const std::uint32_t> add) {
  double x = 0;
  for (std::uint32_t j : add) x += c[j].cost;
  return x;
}

struct GreedyRun {
  Portfolio chosen;
  double value = 0;
  std::vector<PlanStep> steps;
  std::uint64_t options = 0;  // candidates open to a measure, summed over rounds
};

// Greedy by gain per cost from the empty portfolio, within `budget`, among `allowed`.
// all_steps: keep taking (the steps of a chosen portfolio) while anything allowed is left, even
// at no gain. Lazy: candidates are measured in the order of their bound on gain per cost (the
// dual bound where the search has one, else the rate measured in an earlier round), and a round
// ends when the best measured rate reaches the next bound.
GreedyRun greedy(Search& s, std::span<const Candidate> c, double budget, const Portfolio& allowed, bool all_steps) {
  const std::size_t n = c.size();
  s.reset();
  GreedyRun out;
  out.chosen.assign(n, 0);
  double cur = s.value(), spent = 0;
  std::vector<double> last(n, std::numeric_limits<double>::infinity());
  for (;;) {
    struct Option {
      std::uint32_t i;
      std::vector<std::uint32_t> add;
      double cost;
      double priority;
    };
    std::vector<Option> options;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (out.chosen[i] || !allowed[i]) continue;
      const Portfolio b = bundle(c, i);
      Portfolio p = out.chosen;
      bool inside = true;
      for (std::size_t j = 0; j < n; ++j) {
        p[j] = p[j] || b[j];
        inside = inside && (!b[j] || allowed[j]);
      }
      if (!inside || !admissible(c, p, budget)) continue;
      std::vector<std::uint32_t> add = added(out.chosen, b);
      const double cost = cost_of(c, add);
      double priority = last[i];
      if (s.bounds_are_valid()) {
        const double g = s.bound_gain(add);
        priority = g / std::max(cost, 1e-9);
        if (!all_steps && !(g > 1e-9 * std::max(1.0, std::fabs(cur)))) continue;  // cannot gain
      }
      options.push_back({i, std::move(add), cost, priority});
    }
    out.options += options.size();
    std::stable_sort(options.begin(), options.end(), [](const Option& a, const Option& b) { return a.priority > b.priority; });
    const Option* best = nullptr;
    double best_rate = -std::numeric_limits<double>::infinity();
    for (const Option& o : options) {
      if (best && !(o.priority > best_rate) && !all_steps) break;  // none below can beat it
      const double v = s.value_with(o.add);
      const double rate = better(v, cur) ? (cur - v) / std::max(o.cost, 1e-9) : 0.0;
      last[o.i] = rate;
      if (!best || rate > best_rate + 1e-12 * std::fabs(best_rate)) best = &o, best_rate = rate;
    }
    if (!best || (!all_steps && !(best_rate > 0))) break;
    s.take(best->add);
    const double now = s.value();
    std::vector<std::uint32_t> order = best->add;  // the requirements first, the candidate last
    std::stable_partition(order.begin(), order.end(), [&](std::uint32_t j) { return j != best->i; });
    for (std::uint32_t j : order) {
      out.chosen[j] = 1;
      spent += c[j].cost;
      out.steps.push_back({j, spent, j == best->i ? now : cur, j == best->i ? cur - now : 0.0});
    }
    cur = now;
  }
  out.value = cur;
  return out;
}

std::vector<double> frontier_budgets(double budget, std::uint32_t steps) {
  std::vector<double> b;
  const std::uint32_t n = std::max<std::uint32_t>(steps, 1);
  for (std::uint32_t k = 0; k <= n; ++k) b.push_back(budget * k / n);
  return b;
}

}  // namespace

std::string_view to_string(Objective o) { return kObjectives[static_cast<int>(o)]; }
std::optional<Objective> parse_objective(std::string_view text) {
  for (std::size_t i = 0; i < kObjectives.size(); ++i)
    if (kObjectives[i] == text) return static_cast<Objective>(i);
  return std::nullopt;
}
const std::vector<std::string>& objective_names() {
  static const std::vector<std::string> names(kObjectives.begin(), kObjectives.end());
  return names;
}
std::string_view to_string(Method m) { return kMethods[static_cast<int>(m)]; }
std::optional<Method> parse_method(std::string_view text) {
  for (std::size_t i = 0; i < kMethods.size(); ++i)
    if (kMethods[i] == text) return static_cast<Method>(i);
  return std::nullopt;
}

ObjectiveMeter::ObjectiveMeter(const model::Chain& reference, Objective objective, std::uint32_t montecarlo_runs)
    : objective_(objective), runs_(montecarlo_runs) {
  const std::string money = reference.units().currency.empty() ? std::string("currency") : reference.units().currency;
  switch (objective) {
    case Objective::pi:
    case Objective::at_risk: {
      const stress::Survival s = stress::survival(reference);
      std::vector<std::pair<model::SiteId, double>> sites;
      for (const auto& x : s.sites) sites.emplace_back(x.site, x.performance_impact);
      std::sort(sites.begin(), sites.end());
      for (const auto& [site, pi] : sites) {
        failures_.emplace_back(reference.site_id(site));
        weights_.push_back(pi);
      }
      // As operator() sums it: in survival's order.
      reference_value_ = 0;
      for (const auto& x : s.sites) {
        if (objective == Objective::pi) reference_value_ += x.performance_impact;
        else if (x.at_risk) reference_value_ += x.performance_impact;
      }
      unit_ = objective == Objective::pi ? money + " (sum over single-site failures)"
                                         : money + " (performance impact of the sites at risk)";
      break;
    }
    case Objective::expected_loss:
    case Objective::cvar95:
      if (!reference.montecarlo().present || reference.montecarlo().events.empty())
        throw InvalidInput("objective '" + std::string(to_string(objective)) +
                           "' needs Monte Carlo events (the scenario's montecarlo section)");
      unit_ = money + " over the horizon";
      break;
    case Objective::spof:
      unit_ = money + " per period (demand value cut off by single points of failure)";
      break;
  }
}

double ObjectiveMeter::operator()(const model::Chain& chain) const {
  switch (objective_) {
    case Objective::pi:
    case Objective::at_risk: {
      stress::SurvivalOptions o;
      std::vector<std::size_t> index;  // into failures_
      for (std::size_t i = 0; i < failures_.size(); ++i) {
        const model::SiteId s = chain.find_site(failures_[i]);
        if (s == model::kInvalidId) continue;
        o.sites.push_back(s);
        index.push_back(i);
      }
      if (o.sites.empty()) return 0;
      const stress::Survival r = stress::survival(chain, o);
      double total = 0;
      for (const stress::SiteSurvival& x : r.sites) {
        if (objective_ == Objective::pi) {
          total += x.performance_impact;
        } else if (x.at_risk) {
          const auto it = std::find(o.sites.begin(), o.sites.end(), x.site);
          total += weights_[index[static_cast<std::size_t>(it - o.sites.begin())]];
        }
      }
      return total;
    }
    case Objective::expected_loss:
    case Objective::cvar95: {
      const stress::Propagation p(chain, std::make_shared<const flow::NormalPlan>(flow::normal_plan(chain)),
                                  stress::PropagationOptions{chain.settings().horizon});
      stress::MonteCarloOptions mo;
      mo.runs = runs_;
      const stress::MonteCarloResult r = stress::monte_carlo(p, chain.montecarlo(), mo);
      return objective_ == Objective::expected_loss ? r.mean : r.cvar95;
    }
    case Objective::spof: {
      const weak::StructuralLoss loss(chain);
      weak::SinglePointsOptions so;
      so.regions = false;
      const weak::SinglePoints sp = weak::single_points_of_failure(loss, so);
      double total = 0;
      for (const weak::SinglePoint& x : sp.sites)
        total += chain.holdings().demand[x.demand] * chain.products().value[chain.holdings().product[x.demand]];
      return total;
    }
  }
  return 0;
}

StrengthenResult strengthen(const model::Chain& chain, std::span<const Candidate> candidates,
                            const StrengthenOptions& options) {
  if (!(options.budget >= 0) || std::isinf(options.budget))
    throw InvalidInput("the budget must be a finite amount >= 0");
  const std::size_t n = candidates.size();
  const bool lp_objective = options.objective == Objective::pi || options.objective == Objective::at_risk;
  std::uint64_t demands = 0;
  for (double d : chain.holdings().demand) demands += d > 0;
  const std::uint64_t block = chain.makes().size() + chain.supplies().size() + demands + n;
  const bool mip_fits = static_cast<std::uint64_t>(chain.num_sites()) * block <= options.mip_column_limit;
  Method method = options.method;
  if (method == Method::automatic)
    method = lp_objective ? (mip_fits ? Method::exact : Method::greedy)
                          : (n <= options.exact_limit ? Method::exact : Method::greedy);
  if (method == Method::exact && !lp_objective && n > 24)
    throw InvalidInput("the exact method evaluates every portfolio: at most 24 candidates (" + std::to_string(n) +
                       " given); use --method greedy");
  const ObjectiveMeter meter(chain, options.objective, options.montecarlo_runs);
  Evaluator eval(chain, candidates, meter);
  StrengthenResult out;
  out.objective = options.objective;
  out.unit = meter.unit();
  out.method = method;
  out.budget = options.budget;
  const Portfolio none(n, 0);
  out.before = eval(none);
  const auto budgets = frontier_budgets(options.budget, options.frontier_steps);
  Portfolio best = none;
  double best_value = out.before;
  // The search: per-failure LPs for pi and at_risk, the meter on applied variants otherwise.
  std::unique_ptr<FailureLps> lps;
  std::unique_ptr<Search> search;
  LpSearch* lp_search = nullptr;
  if (lp_objective && n > 0) {
    lps = std::make_unique<FailureLps>(chain, candidates, meter.failures(), meter.weights(),
                                       options.objective == Objective::at_risk, options.warm_start);
    auto ls = std::make_unique<LpSearch>(*lps);
    lp_search = ls.get();
    search = std::move(ls);
  } else {
    search = std::make_unique<MeterSearch>(eval, n);
  }
  bool steps_done = false;

  if (method == Method::exact && lp_objective && !mip_fits && n > 0) {
    // Benders decomposition, once per frontier budget, the cuts pooled across budgets.
    std::vector<FailureCut> pool;
    bool all_optimal = true;
    std::uint32_t iterations = 0;
    double gap = 0;
    for (double b : budgets) {
      Portfolio at = none;
      double at_value = out.before;
      if (b > 0) {
        const BendersAnswer a = solve_benders(*lps, candidates, b, pool, options.benders_max_iterations);
        at = a.chosen;
        at_value = eval(at);
        all_optimal = all_optimal && a.optimal;
        iterations += a.iterations;
        if (!a.optimal) gap = std::max(gap, a.objective > 0 ? (a.objective - a.lower_bound) / a.objective : 0.0);
        if (b == budgets.back()) out.mip_objective = a.objective, out.lp_bound = a.lower_bound, out.mip_rows = a.cuts;
      }
      out.frontier.push_back({b, at_value, portfolio_cost(candidates, at), members(at)});
      if (b == budgets.back()) best = at, best_value = at_value;
    }
    out.bound_kind = "the Benders master's optimum";
    char buf[300];
    if (all_optimal)
      std::snprintf(buf, sizeof buf,
                    "optimal: Benders decomposition (one warm-started LP per failure as its subproblem; %u master MIP "
                    "solves by GLPK, %zu cuts) closed the gap to 0 at each budget",
                    iterations, pool.size());
    else
      std::snprintf(buf, sizeof buf,
                    "not proved optimal: Benders decomposition stopped after %u master solves with a gap of %.3g %% "
                    "(the lower bound is reported)", iterations, 100.0 * gap);
    out.proof = buf;
  } else if (method == Method::exact && lp_objective) {
    // The deterministic equivalent, once per frontier budget.
    const bool risk = options.objective == Objective::at_risk;
    for (double b : budgets) {
      Portfolio at = none;
      double at_value = out.before;
      if (b > 0 && n > 0) {
        const MipAnswer a = solve_deterministic_equivalent(chain, candidates, meter.failures(), meter.weights(), risk, b);
        at = a.chosen;
        at_value = eval(at);
        if (b == budgets.back()) {
          out.mip_objective = a.objective;
          out.lp_bound = a.lp_bound;
          out.mip_rows = a.rows, out.mip_columns = a.columns, out.mip_binaries = a.binaries;
        }
      }
      out.frontier.push_back({b, at_value, portfolio_cost(candidates, at), members(at)});
      if (b == budgets.back()) best = at, best_value = at_value;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "%u rows x %u columns, %u binaries", out.mip_rows, out.mip_columns, out.mip_binaries);
    out.proof = "optimal: the deterministic-equivalent MIP (one impact LP per failure, " + std::string(buf) +
                ") solved to gap 0 by GLPK's branch and bound at each budget";
  } else if (method == Method::exact) {
    // Every admissible portfolio within the budget (requirements closed, one per group).
    std::vector<std::pair<Portfolio, double>> seen;  // admissible, with values
    Portfolio p(n, 0);
    std::function<void(std::size_t, double)> walk = [&](std::size_t i, double cost) {
      if (cost > options.budget * (1 + 1e-9) + 1e-9) return;
      if (i == n) {
        if (!admissible(candidates, p, options.budget)) return;
        seen.emplace_back(p, eval(p));
        return;
      }
      p[i] = 0;
      walk(i + 1, cost);
      p[i] = 1;
      walk(i + 1, cost + candidates[i].cost);
      p[i] = 0;
    };
    walk(0, 0);
    out.admissible = seen.size();
    auto wins = [&](const std::pair<Portfolio, double>& a, double a_cost, const Portfolio& b, double b_value, double b_cost) {
      if (better(a.second, b_value)) return true;
      if (better(b_value, a.second)) return false;
      if (a_cost < b_cost - 1e-9) return true;
      if (b_cost < a_cost - 1e-9) return false;
      return members(a.first) < members(b);
    };
    for (double b : budgets) {
      Portfolio at = none;
      double at_value = out.before, at_cost = 0;
      for (const auto& s : seen) {
        const double cost = portfolio_cost(candidates, s.first);
        if (cost > b * (1 + 1e-9) + 1e-9) continue;
        if (wins(s, cost, at, at_value, at_cost)) at = s.first, at_value = s.second, at_cost = cost;
      }
      out.frontier.push_back({b, at_value, at_cost, members(at)});
      if (b == budgets.back()) best = at, best_value = at_value;
    }
    out.proof = "optimal: every admissible portfolio within the budget evaluated (" + std::to_string(seen.size()) +
                " of " + std::to_string(1ull << n) + " subsets of " + std::to_string(n) + " candidates)";
  } else {
    // Greedy at each frontier budget (the search's measures shared), the last being the budget.
    const Portfolio every(n, 1);
    std::uint64_t plain = 0;
    GreedyRun run;
    for (double b : budgets) {
      GreedyRun r = greedy(*search, candidates, b, every, false);
      plain += r.options;
      double v = r.value;
      Portfolio chosen = r.chosen;
      // The best single bundle (greedy by ratio alone can miss one large, expensive fix).
      for (std::size_t i = 0; i < n; ++i) {
        const Portfolio one = bundle(candidates, i);
        if (!admissible(candidates, one, b)) continue;
        ++plain;
        if (lp_search) {  // the dual bound from the empty portfolio first
          search->reset();
          if (!(search->bound_gain(added(none, one)) > search->value() - v)) continue;
        }
        const double w = search->value_of(one);
        if (better(w, v)) v = w, chosen = one, r.steps.clear();
      }
      if (r.steps.empty() && chosen != none) r = greedy(*search, candidates, b, chosen, true), r.value = v;
      out.frontier.push_back({b, v, portfolio_cost(candidates, chosen), members(chosen)});
      if (b == budgets.back()) {
        best = chosen;
        best_value = v;
        run = std::move(r);
      }
    }
    out.plain_evaluations = plain;
    out.steps = std::move(run.steps);
    steps_done = true;
    if (lp_objective && n > 0) {
      out.lp_bound = lps->first_order_bound(options.budget, candidates);
      out.bound_kind = "first-order (duals of the failures' LPs, choices relaxed)";
      if (static_cast<std::uint64_t>(chain.num_sites()) * block <= options.relaxation_column_limit) {
        const MipAnswer a = solve_deterministic_equivalent(chain, candidates, meter.failures(), meter.weights(),
                                                           options.objective == Objective::at_risk, options.budget, true);
        if (a.lp_bound > out.lp_bound) out.lp_bound = a.lp_bound, out.bound_kind = "the deterministic equivalent's LP relaxation";
      }
    }
  }
  if (!steps_done) {
    if (best == none) {
      out.steps.clear();
    } else {
      const GreedyRun r = greedy(*search, candidates, std::numeric_limits<double>::max(), best, true);
      out.steps = r.steps;
    }
  }
  // The objective after: measured by the analysis itself on the chain with the portfolio applied.
  out.after = best == none ? out.before : eval(best);
  if (!out.frontier.empty()) out.frontier.back().objective = out.after;
  if (method == Method::greedy && lp_objective && std::fabs(out.after - best_value) > 1e-6 * std::max(1.0, std::fabs(out.after)))
    out.search_disagrees = best_value;
  out.total_cost = portfolio_cost(candidates, best);
  for (const PlanStep& s : out.steps) out.chosen.push_back(s.candidate);
  if (!out.steps.empty()) {
    // The steps' values come from the search; the last one is the measured objective.
    out.steps.back().gain += out.steps.back().objective_after - out.after;
    out.steps.back().objective_after = out.after;
  }
  out.evaluations = eval.evaluations() + (lp_search ? lp_search->evaluations : 0);
  if (lps) {
    const FailureLpStats& st = lps->stats();
    out.lp_solves = st.solves;
    out.lp_settled = st.settled;
    out.lp_iterations = st.iterations;
    out.lp_seconds = st.seconds;
    out.lp_threads = st.threads;
  }
  if (method == Method::greedy) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "greedy (lazy, by gain per cost, against the best single action): no guarantee in general, as an "
                  "action's gain may grow once another is in place; %llu portfolios measured where re-measuring every "
                  "candidate each round takes %llu",
                  static_cast<unsigned long long>(out.evaluations), static_cast<unsigned long long>(out.plain_evaluations));
    out.proof = buf;
    if (lps) {
      std::snprintf(buf, sizeof buf, " (%llu failure LPs solved warm, %llu answered by their duals)",
                    static_cast<unsigned long long>(out.lp_solves), static_cast<unsigned long long>(out.lp_settled));
      out.proof += buf;
    }
    if (std::isfinite(out.lp_bound)) {
      const double gap = out.after > 0 ? 100.0 * (out.after - std::max(0.0, out.lp_bound)) / out.after : 0.0;
      std::snprintf(buf, sizeof buf, "; %s bounds the optimum from below by %.6g: greedy is within %.2f %% of it",
                    out.bound_kind.c_str(), out.lp_bound, gap);
      out.proof += buf;
    }
  }
  // Monotone in the budget: a larger budget's best is never worse than a smaller one's.
  for (std::size_t k = 1; k < out.frontier.size(); ++k)
    if (better(out.frontier[k - 1].objective, out.frontier[k].objective)) out.frontier[k] = {out.frontier[k].budget, out.frontier[k - 1].objective, out.frontier[k - 1].cost, out.frontier[k - 1].chosen};
  return out;
}

}  // namespace chainnet::strengthen
