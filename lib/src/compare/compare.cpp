#include "chainnet/compare/compare.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "chainnet/error.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/stress/propagation.hpp"
#include "chainnet/variant/variant.hpp"

namespace chainnet::compare {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool wants(const std::vector<std::string>& analyses, std::string_view a) {
  return std::find(analyses.begin(), analyses.end(), a) != analyses.end();
}

std::string per_period(const model::Chain& c, const std::string& what) { return what + " per " + c.units().time; }

// Runs the asked analyses on one chain, each as its command runs it alone.
ChainResults run_one(const model::Chain& c, const std::string& name, const CompareOptions& o,
                     const std::vector<std::string>& analyses) {
  ChainResults r;
  r.name = name;
  if (wants(analyses, "flow")) r.flow = flow::plan_flows(c);
  if (wants(analyses, "criticality")) r.criticality = weak::criticality(c);
  if (wants(analyses, "survival")) r.survival = stress::survival(c);
  const bool propagate = wants(analyses, "stress") || wants(analyses, "montecarlo") || wants(analyses, "sweep");
  if (propagate) {
    const stress::Propagation p(c, std::make_shared<const flow::NormalPlan>(flow::normal_plan(c)),
                                stress::PropagationOptions{c.settings().horizon});
    if (wants(analyses, "stress")) r.stress = stress::stress_each_disruption(p);
    if (wants(analyses, "montecarlo") && c.montecarlo().present && !c.montecarlo().events.empty()) {
      stress::MonteCarloOptions mo;
      mo.runs = o.montecarlo_runs;
      r.montecarlo = stress::monte_carlo(p, c.montecarlo(), mo);
    }
    if (wants(analyses, "sweep")) {
      stress::SweepOptions so;
      so.duration = stress::ttr_periods(c.settings().ttr);
      r.sweep = stress::systemic_sweep(p, so);
    }
  }
  r.kpis = kpis_of(c, r);
  return r;
}

// Flow per supply, keyed (seller, buyer, product, occurrence).
using SupplyKey = std::tuple<std::string, std::string, std::string, std::uint32_t>;
std::map<SupplyKey, std::pair<double, double>> flows_by_key(const model::Chain& c, const flow::FlowPlan& plan) {
  std::map<SupplyKey, std::pair<double, double>> out;  // -> (quantity, product value)
  std::vector<double> q(c.supplies().size(), 0.0);
  for (const flow::RoutedFlow& f : plan.flows) q[f.supply] += f.quantity;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint32_t> seen;
  const auto& S = c.supplies();
  for (model::SupplyId e = 0; e < S.size(); ++e) {
    std::string a(c.site_id(S.seller[e])), b(c.site_id(S.buyer[e])), p(c.product_id(S.product[e]));
    const std::uint32_t n = ++seen[{a, b, p}];
    out[{a, b, p, n}] = {q[e], c.products().value[S.product[e]]};
  }
  return out;
}

std::set<std::tuple<std::string, std::string, std::string>> spofs_of(const model::Chain& c, const weak::CriticalityReport& r) {
  std::set<std::tuple<std::string, std::string, std::string>> out;
  const auto& H = c.holdings();
  for (const weak::SinglePoint& sp : r.single_points.sites)
    out.emplace(std::string(c.site_id(sp.site)), std::string(c.site_id(H.site[sp.demand])), std::string(c.product_id(H.product[sp.demand])));
  return out;
}

PairedLoss paired(const stress::MonteCarloResult& a, const stress::MonteCarloResult& b) {
  PairedLoss p;
  const std::size_t n = std::min(a.lost_value.size(), b.lost_value.size());
  p.runs = static_cast<std::uint32_t>(n);
  if (n < 2) return p;
  double ma = 0, mb = 0;
  for (std::size_t r = 0; r < n; ++r) {
    ma += a.lost_value[r];
    mb += b.lost_value[r];
  }
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double va = 0, vb = 0, cov = 0, vd = 0;
  const double md = mb - ma;
  for (std::size_t r = 0; r < n; ++r) {
    const double da = a.lost_value[r] - ma, db = b.lost_value[r] - mb;
    va += da * da;
    vb += db * db;
    cov += da * db;
    const double d = (b.lost_value[r] - a.lost_value[r]) - md;
    vd += d * d;
  }
  const double k = 1.0 / static_cast<double>(n - 1);
  va *= k;
  vb *= k;
  cov *= k;
  vd *= k;
  const double z = 1.959963984540054;
  const double se_paired = std::sqrt(vd / static_cast<double>(n));
  const double se_unpaired = std::sqrt((va + vb) / static_cast<double>(n));
  p.mean_difference = md;
  p.paired_low = md - z * se_paired;
  p.paired_high = md + z * se_paired;
  p.unpaired_low = md - z * se_unpaired;
  p.unpaired_high = md + z * se_unpaired;
  p.correlation = va > 0 && vb > 0 ? cov / std::sqrt(va * vb) : 0.0;
  return p;
}

VariantDiff diff_of(const model::Chain& base, const ChainResults& rb, const model::Chain& var, const ChainResults& rv,
                    const CompareOptions& o) {
  VariantDiff d;
  d.tables = variant::diff_chains(base, var);
  if (rb.flow && rv.flow) {
    auto fa = flows_by_key(base, *rb.flow), fb = flows_by_key(var, *rv.flow);
    std::set<SupplyKey> keys;
    for (const auto& [k, v] : fa) keys.insert(k);
    for (const auto& [k, v] : fb) keys.insert(k);
    for (const SupplyKey& k : keys) {
      const auto ia = fa.find(k), ib = fb.find(k);
      const double before = ia == fa.end() ? 0.0 : ia->second.first, after = ib == fb.end() ? 0.0 : ib->second.first;
      const double value = ib != fb.end() ? ib->second.second : ia->second.second;
      if (std::fabs(after - before) <= 1e-9 * std::max({1.0, std::fabs(before), std::fabs(after)})) continue;
      d.flows.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), before, after, (after - before) * value});
    }
    d.flows_moved = d.flows.size();
    std::stable_sort(d.flows.begin(), d.flows.end(), [](const FlowMove& x, const FlowMove& y) {
      return std::fabs(x.value_change) > std::fabs(y.value_change);
    });
    if (d.flows.size() > o.top) d.flows.resize(o.top);
  }
  if (rb.criticality && rv.criticality) {
    const auto sa = spofs_of(base, *rb.criticality), sb = spofs_of(var, *rv.criticality);
    for (const auto& t : sb)
      if (!sa.count(t)) d.spofs.push_back({std::get<0>(t), std::get<1>(t), std::get<2>(t), true});
    for (const auto& t : sa)
      if (!sb.count(t)) d.spofs.push_back({std::get<0>(t), std::get<1>(t), std::get<2>(t), false});
  }
  if ((rb.survival && rv.survival) || (rb.sweep && rv.sweep)) {
    std::map<std::string, SiteChange> by;
    auto at = [&](std::string_view id) -> SiteChange& {
      auto [it, fresh] = by.try_emplace(std::string(id));
      if (fresh) {
        it->second.site = std::string(id);
        it->second.tts_before = it->second.tts_after = kNaN;
        it->second.pi_before = it->second.pi_after = kNaN;
        it->second.share_before = it->second.share_after = kNaN;
      }
      return it->second;
    };
    if (rb.survival && rv.survival) {
      for (const auto& s : rb.survival->sites) {
        SiteChange& x = at(base.site_id(s.site));
        x.tts_before = s.tts;
        x.pi_before = s.performance_impact;
      }
      for (const auto& s : rv.survival->sites) {
        SiteChange& x = at(var.site_id(s.site));
        x.tts_after = s.tts;
        x.pi_after = s.performance_impact;
      }
    }
    if (rb.sweep && rv.sweep) {
      for (const auto& s : rb.sweep->sites) at(base.site_id(s.site)).share_before = s.lost_value_share;
      for (const auto& s : rv.sweep->sites) at(var.site_id(s.site)).share_after = s.lost_value_share;
    }
    // How much a site changed: its performance impact, then its systemic share, then its tts.
    auto change = [](const SiteChange& x) {
      auto delta = [](double a, double b) {
        if (std::isnan(a) && std::isnan(b)) return 0.0;
        if (std::isnan(a) || std::isnan(b)) return kInf;
        if (a == b) return 0.0;
        if (std::isinf(a) || std::isinf(b)) return kInf;
        const double d = std::fabs(a - b);  // LP noise is not a change
        return d <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}) ? 0.0 : d;
      };
      return std::make_tuple(delta(x.pi_before, x.pi_after), delta(x.share_before, x.share_after), delta(x.tts_before, x.tts_after));
    };
    for (auto& [id, x] : by)
      if (change(x) != std::make_tuple(0.0, 0.0, 0.0)) d.sites.push_back(x);
    std::stable_sort(d.sites.begin(), d.sites.end(), [&](const SiteChange& a, const SiteChange& b) { return change(a) > change(b); });
    if (d.sites.size() > o.top) d.sites.resize(o.top);
  }
  if (rb.montecarlo && rv.montecarlo) d.montecarlo = paired(*rb.montecarlo, *rv.montecarlo);
  return d;
}

}  // namespace

const std::vector<std::string>& known_analyses() {
  static const std::vector<std::string> k = {"flow", "criticality", "survival", "stress", "montecarlo", "sweep"};
  return k;
}

const std::vector<std::string>& default_analyses() {
  static const std::vector<std::string> k = {"flow", "criticality", "survival", "stress", "montecarlo"};
  return k;
}

std::vector<Kpi> kpis_of(const model::Chain& c, const ChainResults& r) {
  std::vector<Kpi> k;
  const std::string cur = c.units().currency;
  if (r.flow) {
    const flow::FlowPlan& f = *r.flow;
    double demand_value = 0, unserved_value = 0;
    const auto& H = c.holdings();
    for (model::HoldingId h = 0; h < H.size(); ++h) demand_value += H.demand[h] * c.products().value[H.product[h]];
    for (const flow::Unmet& u : f.unmet) unserved_value += u.quantity * c.products().value[H.product[u.holding]];
    k.push_back({"total_cost", "flow", per_period(c, cur), f.total_cost, true});
    k.push_back({"production_cost", "flow", per_period(c, cur), f.production_cost, true});
    k.push_back({"transport_cost", "flow", per_period(c, cur), f.transport_cost, true});
    k.push_back({"co2", "flow", per_period(c, "kg CO2"), f.co2_kg, true});
    k.push_back({"served_share", "flow", "share of demand value", demand_value > 0 ? 1.0 - unserved_value / demand_value : 1.0, false});
    k.push_back({"unserved_value", "flow", per_period(c, cur), unserved_value, true});
  }
  if (r.criticality) {
    const weak::CriticalityReport& cr = *r.criticality;
    std::set<model::SiteId> spof;
    for (const auto& sp : cr.single_points.sites) spof.insert(sp.site);
    double single_sourced = 0;
    std::uint32_t single_pairs = 0;
    for (const auto& p : cr.sourcing)
      if (p.suppliers == 1) {
        single_sourced += p.value_at_risk;
        ++single_pairs;
      }
    double area = 0;
    const auto& x = cr.robustness.removed_fraction;
    const auto& y = cr.robustness.served_random;
    for (std::size_t i = 1; i < x.size() && i < y.size(); ++i) area += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
    k.push_back({"single_points_of_failure", "criticality", "sites", static_cast<double>(spof.size()), true});
    k.push_back({"single_sourced_inputs", "criticality", "(buyer, input) pairs", static_cast<double>(single_pairs), true});
    k.push_back({"single_sourced_value_at_risk", "criticality", per_period(c, cur) + ", summed over single-sourced pairs", single_sourced, true});
    k.push_back({"robustness_area", "criticality", "share (area under the random-removal curve)", area, false});
  }
  if (r.survival) {
    const stress::Survival& s = *r.survival;
    double min_tts = kInf, max_pi = 0;
    for (const auto& x : s.sites) {
      min_tts = std::min(min_tts, x.tts);
      max_pi = std::max(max_pi, x.performance_impact);
    }
    k.push_back({"at_risk_sites", "survival", "sites (tts < ttr)", static_cast<double>(s.at_risk), true});
    k.push_back({"min_tts", "survival", c.units().time + "s", min_tts, false});
    k.push_back({"max_performance_impact", "survival", cur, max_pi, true});
  }
  if (!r.stress.empty()) {
    const stress::StressResult& w = stress::worst_of(r.stress);
    double total = 0;
    for (const auto& x : r.stress) total += x.outcome.excess_lost_value;
    k.push_back({"lost_value", "stress", cur + " over the horizon, worst scenario disruption", w.outcome.excess_lost_value, true});
    k.push_back({"lost_value_all_disruptions", "stress", cur + " over the horizon, summed over the disruptions", total, true});
  }
  if (r.montecarlo) {
    const stress::MonteCarloResult& m = *r.montecarlo;
    k.push_back({"expected_loss", "montecarlo", cur + " over the horizon", m.mean, true});
    k.push_back({"p95_loss", "montecarlo", cur + " over the horizon", m.p95, true});
    k.push_back({"cvar95_loss", "montecarlo", cur + " over the horizon", m.cvar95, true});
  }
  if (r.sweep) {
    double top = 0;
    for (const auto& s : r.sweep->sites) top = std::max(top, s.lost_value_share);
    k.push_back({"top_site_loss_share", "sweep", "share of demand value over the horizon", top, true});
  }
  return k;
}

std::vector<const model::Chain*> Lineup::pointers() const {
  std::vector<const model::Chain*> p;
  for (const model::Chain& c : chains) p.push_back(&c);
  return p;
}

Lineup variants_lineup(const model::Chain& scenario, const std::vector<std::string>& ids) {
  std::vector<std::string> want = ids;
  if (want.empty() || (want.size() == 1 && want[0] == "all")) {
    want.clear();
    for (const model::VariantSpec& v : scenario.variants()) want.push_back(v.id);
  }
  for (const std::string& id : want) variant::lineage(scenario, id);  // unknown ids fail here, first
  Lineup l;
  std::vector<variant::Applied> applied(want.size());
  tbb::parallel_for(std::size_t{0}, want.size(), [&](std::size_t i) { applied[i] = variant::apply_variant(scenario, want[i]); });
  l.chains.reserve(want.size() + 1);
  l.chains.push_back(scenario);
  l.names.push_back("baseline");
  for (std::size_t i = 0; i < want.size(); ++i) {
    l.chains.push_back(std::move(applied[i].chain));
    l.names.push_back(want[i]);
    l.warnings.insert(l.warnings.end(), applied[i].warnings.begin(), applied[i].warnings.end());
  }
  return l;
}

Comparison compare(const std::vector<const model::Chain*>& chains, const std::vector<std::string>& names,
                   const CompareOptions& options) {
  if (chains.empty()) throw InvalidInput("compare needs at least one chain");
  if (!names.empty() && names.size() != chains.size())
    throw InvalidInput("compare got " + std::to_string(names.size()) + " names for " + std::to_string(chains.size()) + " chains");
  Comparison out;
  out.analyses = options.analyses.empty() ? default_analyses() : options.analyses;
  for (const std::string& a : out.analyses)
    if (!wants(known_analyses(), a))
      throw InvalidInput("compare cannot run '" + a + "' (it runs flow, criticality, survival, stress, montecarlo, sweep)");
  // Keep the order of known_analyses(), whatever order they were asked in.
  std::vector<std::string> ordered;
  for (const std::string& a : known_analyses())
    if (wants(out.analyses, a)) ordered.push_back(a);
  out.analyses = ordered;
  out.chains.resize(chains.size());
  tbb::parallel_for(std::size_t{0}, chains.size(), [&](std::size_t i) {
    out.chains[i] = run_one(*chains[i], names.empty() ? chains[i]->name() : names[i], options, out.analyses);
  });
  out.diffs.resize(chains.size() - 1);
  tbb::parallel_for(std::size_t{1}, chains.size(), [&](std::size_t i) {
    out.diffs[i - 1] = diff_of(*chains[0], out.chains[0], *chains[i], out.chains[i], options);
  });
  return out;
}

}  // namespace chainnet::compare
