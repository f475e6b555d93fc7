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
#include "strengthen/deterministic_equivalent.hpp"

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
    const double v = none ? meter_(chain_) : meter_(apply_portfolio(chain_, candidates_, p));
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

// Orders a chosen portfolio as steps: each time the bundle (of those left) with the largest gain
// per cost, its gain measured.
std::vector<PlanStep> steps_of(const Portfolio& chosen, std::span<const Candidate> c, Evaluator& eval, double before) {
  std::vector<PlanStep> out;
  Portfolio have(c.size(), 0);
  double cur = before, cost = 0;
  for (;;) {
    std::int64_t best = -1;
    double best_value = 0, best_rate = -std::numeric_limits<double>::infinity();
    Portfolio best_p;
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (!chosen[i] || have[i]) continue;
      Portfolio p = have;
      const Portfolio b = bundle(c, i);
      for (std::size_t j = 0; j < c.size(); ++j) p[j] = p[j] || b[j];
      const double v = eval(p);
      double add = 0;
      for (std::size_t j = 0; j < c.size(); ++j)
        if (p[j] && !have[j]) add += c[j].cost;
      const double rate = (cur - v) / std::max(add, 1e-9);
      if (best < 0 || rate > best_rate + 1e-12 * std::fabs(best_rate)) {
        best = static_cast<std::int64_t>(i), best_rate = rate, best_value = v, best_p = p;
      }
    }
    if (best < 0) break;
    for (std::size_t j = 0; j < c.size(); ++j)
      if (best_p[j] && !have[j]) {
        cost += c[j].cost;
        have[j] = 1;
        // The bundle's requirements first, then the candidate: each its own step, the gain on
        // the last of the bundle.
        out.push_back({static_cast<std::uint32_t>(j), cost, j == static_cast<std::size_t>(best) ? best_value : cur, 0});
      }
    out.back().gain = cur - best_value;
    out.back().objective_after = best_value;
    cur = best_value;
  }
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
  Method method = options.method;
  if (method == Method::automatic) {
    std::uint64_t demands = 0;
    for (double d : chain.holdings().demand) demands += d > 0;
    const std::uint64_t block = chain.makes().size() + chain.supplies().size() + demands + n;
    const bool mip_fits = static_cast<std::uint64_t>(chain.num_sites()) * block <= options.mip_column_limit;
    method = lp_objective ? (mip_fits ? Method::exact : Method::greedy)
                          : (n <= options.exact_limit ? Method::exact : Method::greedy);
  }
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

  if (method == Method::exact && lp_objective) {
    // The deterministic equivalent, once per frontier budget.
    const bool risk = options.objective == Objective::at_risk;
    for (double b : budgets) {
      Portfolio at = none;
      double at_value = out.before;
      if (b > 0) {
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
    // Lazy greedy: candidates ranked by their last measured gain per cost (an upper bound on their
    // gain now when gains shrink as actions are added, which they need not: see proof).
    struct Entry {
      double rate;
      std::uint32_t i;
      std::uint32_t round;  // when `rate` was measured
      bool operator<(const Entry& o) const { return rate < o.rate || (rate == o.rate && i > o.i); }
    };
    Portfolio have = none;
    double cur = out.before, spent = 0;
    std::priority_queue<Entry> heap;
    for (std::uint32_t i = 0; i < n; ++i) heap.push({std::numeric_limits<double>::infinity(), i, 0});
    std::uint32_t round = 1;
    auto extra_cost = [&](const Portfolio& b) {
      double add = 0;
      for (std::size_t j = 0; j < n; ++j)
        if (b[j] && !have[j]) add += candidates[j].cost;
      return add;
    };
    std::uint64_t plain = 0;
    for (;;) {
      std::vector<Entry> later;  // not affordable or not admissible now
      bool took = false;
      std::uint32_t live = 0;
      for (std::size_t j = 0; j < n; ++j) live += !have[j];
      plain += live;
      while (!heap.empty()) {
        Entry e = heap.top();
        heap.pop();
        if (have[e.i]) continue;
        Portfolio p = have;
        const Portfolio b = bundle(candidates, e.i);
        for (std::size_t j = 0; j < n; ++j) p[j] = p[j] || b[j];
        const double add = extra_cost(b);
        if (!admissible(candidates, p, options.budget) || spent + add > options.budget * (1 + 1e-9) + 1e-9) {
          later.push_back(e);
          continue;
        }
        if (e.round == round) {  // measured this round and still first: take it
          if (e.rate <= 0) {
            later.push_back(e);
            break;
          }
          have = p;
          spent += add;
          cur = eval(p);
          took = true;
          break;
        }
        const double v = eval(p);
        e.rate = (cur - v) / std::max(add, 1e-9);
        if (!better(v, cur)) e.rate = 0;
        e.round = round;
        heap.push(e);
      }
      for (const Entry& e : later) heap.push(e);
      if (!took) break;
      ++round;
    }
    best = have;
    best_value = cur;
    // The best single bundle (greedy by ratio alone can miss one large, expensive fix).
    for (std::size_t i = 0; i < n; ++i) {
      const Portfolio b = bundle(candidates, i);
      if (!admissible(candidates, b, options.budget)) continue;
      const double v = eval(b);
      if (better(v, best_value)) best = b, best_value = v;
    }
    out.plain_evaluations = plain + n;
    // The frontier: the greedy run at each budget step (sharing measured portfolios).
    for (double b : budgets) {
      if (b == budgets.back()) {
        out.frontier.push_back({b, best_value, portfolio_cost(candidates, best), members(best)});
        continue;
      }
      StrengthenOptions o = options;
      o.budget = b;
      o.method = Method::greedy;
      o.frontier_steps = 1;
      const StrengthenResult r = strengthen(chain, candidates, o);
      out.frontier.push_back({b, r.after, r.total_cost, r.chosen});
    }
    if (lp_objective) {
      const MipAnswer a = solve_deterministic_equivalent(chain, candidates, meter.failures(), meter.weights(),
                                                         options.objective == Objective::at_risk, options.budget, true);
      out.lp_bound = a.lp_bound;
    }
    out.proof = "greedy (lazy, by gain per cost, against the best single action): no guarantee in general, as an "
                "action's gain may grow once another is in place; " +
                std::to_string(eval.evaluations()) + " portfolios measured where re-measuring every candidate each round takes " +
                std::to_string(out.plain_evaluations);
  }
  out.after = best_value;
  out.total_cost = portfolio_cost(candidates, best);
  out.steps = steps_of(best, candidates, eval, out.before);
  for (const PlanStep& s : out.steps) out.chosen.push_back(s.candidate);
  out.evaluations = eval.evaluations();
  if (method == Method::greedy && std::isfinite(out.lp_bound)) {
    char buf[200];
    const double gap = out.after > 0 ? 100.0 * (out.after - std::max(0.0, out.lp_bound)) / out.after : 0.0;
    std::snprintf(buf, sizeof buf, "; the LP relaxation bounds the optimum from below by %.6g: greedy is within %.2f %% of it",
                  out.lp_bound, gap);
    out.proof += buf;
  }
  // Monotone in the budget: a larger budget's best is never worse than a smaller one's.
  for (std::size_t k = 1; k < out.frontier.size(); ++k)
    if (better(out.frontier[k - 1].objective, out.frontier[k].objective)) out.frontier[k] = {out.frontier[k].budget, out.frontier[k - 1].objective, out.frontier[k - 1].cost, out.frontier[k - 1].chosen};
  return out;
}

}  // namespace chainnet::strengthen
