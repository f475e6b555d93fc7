// The stress tests: summaries as dicts, tables as dicts of numpy columns (site and product ids
// as lists of str); the Python layer (chainnet/_stress.py) makes DataFrames of them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/error.hpp"
#include "chainnet/parallel.hpp"
#include "chainnet/stress/monte_carlo.hpp"
#include "chainnet/stress/best_response.hpp"
#include "chainnet/stress/stress_test.hpp"
#include "chainnet/stress/survival.hpp"
#include "chainnet/stress/sweep.hpp"

namespace py = pybind11;

namespace chainnet::python {
namespace {

py::object period_or_none(std::int32_t p) { return p < 0 ? py::object(py::none()) : py::object(py::int_(p)); }

py::dict headline(const stress::StressResult& r) {
  const stress::ShockOutcome& o = r.outcome;
  py::dict d;
  d["label"] = r.label;
  d["response"] = r.response;
  d["horizon"] = r.horizon;
  // As the JSON: lost_* is what the disruption adds; the baseline is kept apart.
  d["lost_value"] = o.excess_lost_value;
  d["excess_lost_value"] = o.excess_lost_value;
  d["baseline_lost_value"] = r.baseline_lost_value;
  d["total_lost_value"] = o.lost_value;
  d["first_loss_period"] = period_or_none(o.first_loss_period);
  d["worst_period"] = period_or_none(o.worst_period);
  d["recovery_period"] = period_or_none(o.recovery_period);
  d["recovered"] = o.recovered;
  d["reach"] = o.reach;
  return d;
}

py::dict stress_dict(const model::Chain& c, const stress::StressResult& r) {
  const model::HoldingTable& h = c.holdings();
  py::dict d = headline(r);
  d["lost_value_by_period"] = array(r.lost_value_by_period);
  d["baseline_lost_value_by_period"] = array(r.baseline_lost_value_by_period);
  if (r.response == "optimal") {
    py::dict lp;
    lp["rows"] = r.lp.rows;
    lp["columns"] = r.lp.columns;
    lp["nonzeros"] = r.lp.nonzeros;
    lp["iterations"] = r.lp.iterations;
    lp["seconds"] = r.lp.seconds;
    d["lp"] = lp;
  } else {
    d["lp"] = py::none();
  }
  d["extra_transport_cost"] = r.extra_transport_cost;
  d["extra_co2"] = r.extra_co2;
  {
    const auto& S = c.supplies();
    const std::size_t n = r.reroutes.size();
    std::vector<double> share(n), units(n), hours(n), cost(n), co2(n);
    std::vector<std::uint32_t> start(n), duration(n), lead(n);
    py::list route, modes;
    for (std::size_t i = 0; i < n; ++i) {
      const stress::RerouteCost& x = r.reroutes[i];
      const routing::SupplyDetour& dt = x.note.detour;
      share[i] = dt.share;
      units[i] = x.units_per_period;
      hours[i] = dt.extra_time_h;
      cost[i] = x.extra_cost;
      co2[i] = x.extra_co2;
      start[i] = x.note.start;
      duration[i] = x.note.duration;
      lead[i] = dt.extra_periods;
      py::list nodes, ms;
      if (!dt.lanes.empty()) nodes.append(std::string(c.node_ids().name(c.lanes().from[dt.lanes[0]])));
      for (model::LaneId l : dt.lanes) {
        nodes.append(std::string(c.node_ids().name(c.lanes().to[l])));
        ms.append(std::string(model::to_string(c.lanes().mode[l])));
      }
      route.append(nodes);
      modes.append(ms);
    }
    py::dict t;
    t["from"] = strings(n, [&](std::size_t i) { return c.site_id(S.seller[r.reroutes[i].note.detour.supply]); });
    t["to"] = strings(n, [&](std::size_t i) { return c.site_id(S.buyer[r.reroutes[i].note.detour.supply]); });
    t["product"] = strings(n, [&](std::size_t i) { return c.product_id(S.product[r.reroutes[i].note.detour.supply]); });
    t["share"] = array(share);
    t["units_per_period"] = array(units);
    t["start"] = array(start);
    t["duration"] = array(duration);
    t["extra_time_h"] = array(hours);
    t["extra_lead_periods"] = array(lead);
    t["extra_cost"] = array(cost);
    t["extra_co2"] = array(co2);
    t["route"] = route;
    t["modes"] = modes;
    d["reroutes"] = t;
  }
  {
    const std::size_t n = r.timeline.size();
    std::vector<std::uint32_t> period(n);
    std::vector<double> demand(n), served(n), lost(n), added(n);
    for (std::size_t i = 0; i < n; ++i) {
      const stress::MarketPeriod& x = r.timeline[i];
      period[i] = x.period;
      demand[i] = x.demand;
      served[i] = x.served;
      lost[i] = x.lost;
      added[i] = x.added;
    }
    py::dict t;
    t["period"] = array(period);
    t["market"] = strings(n, [&](std::size_t i) { return c.site_id(h.site[r.timeline[i].holding]); });
    t["product"] = strings(n, [&](std::size_t i) { return c.product_id(h.product[r.timeline[i].holding]); });
    t["demand"] = array(demand);
    t["served"] = array(served);
    t["lost"] = array(lost);
    t["lost_to_disruption"] = array(added);
    d["timeline"] = t;
  }
  {
    const std::size_t n = r.holdings.size();
    std::vector<std::uint32_t> period(n);
    std::vector<double> production(n), stock(n);
    for (std::size_t i = 0; i < n; ++i) {
      period[i] = r.holdings[i].period;
      production[i] = r.holdings[i].production;
      stock[i] = r.holdings[i].stock;
    }
    py::dict t;
    t["period"] = array(period);
    t["site"] = strings(n, [&](std::size_t i) { return c.site_id(h.site[r.holdings[i].holding]); });
    t["product"] = strings(n, [&](std::size_t i) { return c.product_id(h.product[r.holdings[i].holding]); });
    t["production"] = array(production);
    t["stock"] = array(stock);
    d["sites"] = t;
  }
  return d;
}

std::uint32_t horizon_or_default(const model::Chain& c, std::uint32_t horizon) {
  return horizon ? horizon : c.settings().horizon;
}

}  // namespace

void bind_stress(py::module_& m) {
  m.def("_stress", [](const PyChain& pc, const std::vector<std::string>& disruptions, const std::optional<std::string>& site,
                      double loss, std::uint32_t start, std::uint32_t duration, std::uint32_t horizon, bool all_sites,
                      int threads, const std::string& stock, const std::string& response) {
    const model::Chain& c = pc.chain;
    const bool stock_lost = stress::parse_stock_lost(stock);
    if (response != "propagation" && response != "optimal")
      throw InvalidInput("response must be 'propagation' or 'optimal', not '" + response + "'");
    const bool optimal = response == "optimal";
    stress::StressOptions so;
    so.all_holdings = all_sites;
    std::vector<stress::StressResult> all;
    std::optional<stress::StressResult> one;
    {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      const stress::Propagation p(c, {horizon_or_default(c, horizon)});
      if (site || !disruptions.empty()) {
        stress::Shock shock;
        std::string label;
        if (!disruptions.empty()) shock = stress::disruption_shock(p, disruptions, &label);
        if (site) {
          std::string site_label;
          stress::Shock one_site = stress::site_shock(c, *site, loss, start, duration, &site_label);
          for (stress::Hit& h : one_site.hits) h.destroys_stock = stock_lost;
          shock.add(one_site);
          label += (label.empty() ? "" : "+") + site_label;
        }
        one = optimal ? stress::best_response(p, shock, label, so) : stress::stress_test(p, shock, label, so);
      } else {
        all = stress::stress_each_disruption(p, so, optimal);
        if (all.empty()) throw InvalidInput("the scenario defines no disruptions: give disruption= or site=");
      }
    }
    if (one) {
      py::dict d = stress_dict(c, *one);
      d["disruptions"] = py::none();
      return d;
    }
    py::dict d = stress_dict(c, stress::worst_of(all));
    py::list each;
    for (const stress::StressResult& r : all) each.append(headline(r));
    d["disruptions"] = each;
    return d;
  });

  m.def("_survival", [](const PyChain& pc, double ttr, const std::vector<std::string>& site_ids, int threads,
                        const std::string& stock, bool include_markets) {
    const model::Chain& c = pc.chain;
    stress::SurvivalOptions o;
    o.stock_lost = stress::parse_stock_lost(stock);
    o.include_markets = include_markets;
    o.ttr = ttr;
    o.sites = stress::resolve_sites(c, site_ids);
    stress::Survival r;
    {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      r = stress::survival(c, o);
    }
    const std::size_t n = r.sites.size();
    std::vector<double> tts(n), ttrs(n), pi(n), rei(n);
    std::vector<bool> at_risk(n);
    for (std::size_t i = 0; i < n; ++i) {
      tts[i] = r.sites[i].tts;
      ttrs[i] = r.sites[i].ttr;
      pi[i] = r.sites[i].performance_impact;
      rei[i] = r.sites[i].rei;
      at_risk[i] = r.sites[i].at_risk;
    }
    py::dict sites;
    sites["site"] = strings(n, [&](std::size_t i) { return c.site_id(r.sites[i].site); });
    sites["tts"] = array(tts);
    sites["ttr"] = array(ttrs);
    sites["performance_impact"] = array(pi);
    sites["rei"] = array(rei);
    sites["at_risk"] = at_risk;
    py::dict d;
    d["ttr"] = ttr;
    d["baseline_tts"] = r.baseline_tts;
    d["max_impact"] = r.max_impact;
    d["at_risk"] = r.at_risk;
    d["lp_rows"] = r.stats.rows;
    d["lp_columns"] = r.stats.columns;
    d["lp_solves"] = r.stats.solves;
    d["lp_from_baseline"] = r.stats.from_baseline;
    d["lp_iterations"] = r.stats.iterations;
    d["sites"] = sites;
    return d;
  });

  m.def("_sweep", [](const PyChain& pc, std::uint32_t duration, double loss, std::uint32_t start, std::uint32_t horizon,
                     int threads, const std::string& stock, bool include_markets) {
    const model::Chain& c = pc.chain;
    stress::SweepOptions so;
    so.stock_lost = stress::parse_stock_lost(stock);
    so.include_markets = include_markets;
    so.duration = duration ? duration : stress::ttr_periods(c.settings().ttr);
    so.loss = loss;
    so.start = start;
    stress::Sweep s;
    {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      const stress::Propagation p(c, {horizon_or_default(c, horizon)});
      s = stress::systemic_sweep(p, so);
    }
    const std::size_t n = s.sites.size();
    std::vector<double> share(n), value(n), units(n);
    std::vector<std::int32_t> recovery(n);
    std::vector<std::uint32_t> reach(n);
    for (std::size_t i = 0; i < n; ++i) {
      share[i] = s.sites[i].lost_value_share;
      value[i] = s.sites[i].lost_value;
      recovery[i] = s.sites[i].recovery_period;
      reach[i] = s.sites[i].reach;
    }
    py::dict sites;
    sites["site"] = strings(n, [&](std::size_t i) { return c.site_id(s.sites[i].site); });
    sites["lost_value_share"] = array(share);
    sites["lost_value"] = array(value);
    sites["recovery_period"] = array(recovery);
    sites["reach"] = array(reach);
    py::dict d;
    d["horizon"] = s.horizon;
    d["duration"] = s.options.duration;
    d["loss"] = s.options.loss;
    d["start"] = s.options.start;
    d["demand_value"] = s.demand_value;
    d["sites"] = sites;
    return d;
  });

  m.def("_monte_carlo", [](const PyChain& pc, std::uint32_t runs, const std::optional<std::uint64_t>& seed, std::uint32_t horizon,
                           int threads, bool include_markets) {
    const model::Chain& c = pc.chain;
    if (!c.montecarlo().present) throw InvalidInput("the scenario has no montecarlo block");
    stress::MonteCarloOptions o;
    o.include_markets = include_markets;
    o.runs = runs;
    o.seed_given = seed.has_value();
    o.seed = seed.value_or(0);
    stress::MonteCarloResult r;
    {
      py::gil_scoped_release release;
      ThreadLimit limit(threads);
      const stress::Propagation p(c, {horizon_or_default(c, horizon)});
      r = stress::monte_carlo(p, c.montecarlo(), o);
    }
    py::dict d;
    d["runs"] = r.runs;
    d["seed"] = r.seed;
    d["horizon"] = r.horizon;
    d["mean"] = r.mean;
    d["std"] = r.std;
    d["p50"] = r.p50;
    d["p95"] = r.p95;
    d["p99"] = r.p99;
    d["cvar95"] = r.cvar95;
    d["p_any_loss"] = r.p_any_loss;
    std::vector<std::uint32_t> run(r.runs);
    for (std::uint32_t i = 0; i < r.runs; ++i) run[i] = i;
    py::dict per_run;
    per_run["run"] = array(run);
    per_run["lost_value"] = array(r.lost_value);
    per_run["failed_sites"] = array(r.failed_sites);
    d["per_run"] = per_run;
    py::dict shares;
    shares["site"] = strings(c.num_sites(), [&](std::size_t i) { return c.site_id(static_cast<model::SiteId>(i)); });
    shares["share"] = array(r.site_share);
    shares["loss_share"] = array(r.site_loss_share);
    d["site_share"] = shares;
    return d;
  });
}

}  // namespace chainnet::python
