#include "chainnet/io/stress_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chainnet/io/files.hpp"

namespace chainnet::io {
namespace {

void period_or_null(JsonWriter& w, std::string_view key, std::int32_t p) {
  w.key(key);
  if (p < 0) w.null();
  else w.value(p);
}

std::string num(double x) { return std::isnan(x) ? std::string() : format_number(x); }

std::string text_number(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

std::string period_text(std::int32_t p) { return p < 0 ? "-" : std::to_string(p); }

// Units the disruption adds, per product (from the market timeline), in product id order.
std::vector<std::pair<std::string, double>> units_by_product(const model::Chain& c, const stress::StressResult& r) {
  std::vector<double> units(c.products().size(), 0.0);
  std::vector<std::uint8_t> seen(c.products().size(), 0);
  for (const stress::MarketPeriod& m : r.timeline) {
    const model::ProductId p = c.holdings().product[m.holding];
    units[p] += m.added;
    seen[p] = 1;
  }
  std::vector<std::pair<std::string, double>> out;
  for (model::ProductId p = 0; p < units.size(); ++p)
    if (seen[p]) out.emplace_back(std::string(c.product_id(p)), units[p]);
  return out;
}

void headline(JsonWriter& w, const stress::StressResult& r) {
  const stress::ShockOutcome& o = r.outcome;
  w.field("label", r.label).field("response", r.response).field("horizon", r.horizon);
  // lost_value is what the disruption adds; the baseline (nothing disrupted) is kept apart.
  w.field("lost_value", o.excess_lost_value);
  w.field("baseline_lost_value", r.baseline_lost_value).field("total_lost_value", o.lost_value);
  w.field("excess_lost_value", o.excess_lost_value);
  period_or_null(w, "first_loss_period", o.first_loss_period);
  period_or_null(w, "worst_period", o.worst_period);
  period_or_null(w, "recovery_period", o.recovery_period);
  w.field("recovered", o.recovered).field("reach", o.reach);
}

}  // namespace

void write_stress_json(JsonWriter& w, const model::Chain& c, const stress::StressResult& r,
                       const std::vector<stress::StressResult>* others) {
  const auto& H = c.holdings();
  w.begin_object();
  headline(w, r);
  // Units are summed within a product only, never across products.
  w.key("lost_units_by_product").begin_object();
  for (const auto& [product, units] : units_by_product(c, r)) w.field(product, units);
  w.end_object();
  w.key("lost_value_by_period").begin_array();
  for (double v : r.lost_value_by_period) w.value(v);
  w.end_array();
  if (r.response == "optimal") {
    w.key("lp").begin_object();
    w.field("rows", r.lp.rows).field("columns", r.lp.columns).field("nonzeros", r.lp.nonzeros);
    w.field("iterations", r.lp.iterations).field("seconds", r.lp.seconds);
    w.end_object();
  }
  w.key("baseline_lost_value_by_period").begin_array();
  for (double v : r.baseline_lost_value_by_period) w.value(v);
  w.end_array();
  w.key("timeline").begin_array();
  for (const stress::MarketPeriod& m : r.timeline) {
    w.begin_object();
    w.field("period", m.period).field("market", c.site_id(H.site[m.holding])).field("product", c.product_id(H.product[m.holding]));
    w.field("demand", m.demand).field("served", m.served).field("lost", m.lost).field("lost_to_disruption", m.added);
    w.end_object();
  }
  w.end_array();
  // Supplies moved onto detours while their routes were closed, and what that added.
  w.field("extra_transport_cost", r.extra_transport_cost).field("extra_co2", r.extra_co2);
  w.key("reroutes").begin_array();
  for (const stress::RerouteCost& x : r.reroutes) {
    const routing::SupplyDetour& d = x.note.detour;
    const auto& S = c.supplies();
    w.begin_object();
    w.field("from", c.site_id(S.seller[d.supply])).field("to", c.site_id(S.buyer[d.supply]));
    w.field("product", c.product_id(S.product[d.supply]));
    w.field("share", d.share).field("units_per_period", x.units_per_period);
    w.field("start", x.note.start).field("duration", x.note.duration);
    w.field("extra_time_h", d.extra_time_h).field("extra_lead_periods", d.extra_periods);
    w.field("extra_cost", x.extra_cost).field("extra_co2", x.extra_co2);
    w.key("route").begin_array();
    if (!d.lanes.empty()) w.value(c.node_ids().name(c.lanes().from[d.lanes[0]]));
    for (model::LaneId l : d.lanes) w.value(c.node_ids().name(c.lanes().to[l]));
    w.end_array();
    w.key("modes").begin_array();
    for (model::LaneId l : d.lanes) w.value(model::to_string(c.lanes().mode[l]));
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("sites").begin_array();
  for (const stress::HoldingPeriod& s : r.holdings) {
    w.begin_object();
    w.field("period", s.period).field("site", c.site_id(H.site[s.holding])).field("product", c.product_id(H.product[s.holding]));
    w.field("production", s.production).field("stock", s.stock);
    w.end_object();
  }
  w.end_array();
  if (others) {
    w.key("disruptions").begin_array();
    for (const stress::StressResult& o : *others) {
      w.begin_object();
      headline(w, o);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

CsvFiles stress_csv(const model::Chain& c, const stress::StressResult& r, const std::vector<stress::StressResult>* others) {
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& L = c.lanes();
  CsvFiles files;
  // Every disruption run (run: each of the scenario's), each row naming the one it belongs to.
  std::vector<const stress::StressResult*> runs;
  if (others && !others->empty())
    for (const stress::StressResult& o : *others) runs.push_back(&o);
  else
    runs.push_back(&r);
  std::string t = "disruption,period,market,product,demand,served,lost,lost_to_disruption\n";
  std::string s = "disruption,period,site,lat,lon,product,production,stock\n";
  std::string rr =
      "disruption,from,to,product,share,units_per_period,start,duration,extra_time_h,extra_lead_periods,extra_cost,extra_co2,legs,modes\n";
  std::string legs = "disruption,from,to,product,leg,lane_from,lane_to,mode\n";
  for (const stress::StressResult* run : runs) {
    for (const stress::MarketPeriod& m : run->timeline) {
      append_csv_field(t, run->label);
      t += "," + std::to_string(m.period) + ",";
      append_csv_field(t, c.site_id(H.site[m.holding]));
      t += ",";
      append_csv_field(t, c.product_id(H.product[m.holding]));
      t += "," + num(m.demand) + "," + num(m.served) + "," + num(m.lost) + "," + num(m.added) + "\n";
    }
    for (const stress::HoldingPeriod& h : run->holdings) {
      append_csv_field(s, run->label);
      s += "," + std::to_string(h.period) + ",";
      append_csv_field(s, c.site_id(H.site[h.holding]));
      append_site_coordinates(s, c, H.site[h.holding]);
      s += ",";
      append_csv_field(s, c.product_id(H.product[h.holding]));
      s += "," + num(h.production) + "," + num(h.stock) + "\n";
    }
    for (const stress::RerouteCost& x : run->reroutes) {
      const routing::SupplyDetour& d = x.note.detour;
      std::string key;
      append_csv_field(key, run->label);
      key += ",";
      append_csv_field(key, c.site_id(S.seller[d.supply]));
      key += ",";
      append_csv_field(key, c.site_id(S.buyer[d.supply]));
      key += ",";
      append_csv_field(key, c.product_id(S.product[d.supply]));
      std::string modes;
      for (std::size_t k = 0; k < d.lanes.size(); ++k) {
        const model::LaneId l = d.lanes[k];
        modes += (modes.empty() ? "" : "+") + std::string(model::to_string(L.mode[l]));
        legs += key + "," + std::to_string(k + 1) + ",";
        append_csv_field(legs, c.node_ids().name(L.from[l]));
        legs += ",";
        append_csv_field(legs, c.node_ids().name(L.to[l]));
        legs += "," + std::string(model::to_string(L.mode[l])) + "\n";
      }
      rr += key + "," + num(d.share) + "," + num(x.units_per_period) + "," + std::to_string(x.note.start) + "," +
            std::to_string(x.note.duration) + "," + num(d.extra_time_h) + "," + std::to_string(d.extra_periods) + "," +
            num(x.extra_cost) + "," + num(x.extra_co2) + "," + std::to_string(d.lanes.size()) + "," + modes + "\n";
    }
  }
  files.emplace_back("stress_timeline.csv", std::move(t));
  files.emplace_back("stress_sites.csv", std::move(s));
  files.emplace_back("stress_reroutes.csv", std::move(rr));
  files.emplace_back("stress_reroute_legs.csv", std::move(legs));
  if (others) {
    std::string d = "disruption,lost_value,baseline_lost_value,total_lost_value,first_loss_period,worst_period,recovery_period,recovered,reach\n";
    for (const stress::StressResult& o : *others) {
      append_csv_field(d, o.label);
      const auto& x = o.outcome;
      auto p = [](std::int32_t v) { return v < 0 ? std::string() : std::to_string(v); };
      d += "," + num(x.excess_lost_value) + "," + num(o.baseline_lost_value) + "," +
           num(x.lost_value) + "," + p(x.first_loss_period) +
           "," + p(x.worst_period) + "," + p(x.recovery_period) + "," + (x.recovered ? "true" : "false") + "," +
           std::to_string(x.reach) + "\n";
    }
    files.emplace_back("stress_disruptions.csv", std::move(d));
  }
  return files;
}

std::string format_stress_text(const model::Chain& c, const stress::StressResult& r, const std::vector<stress::StressResult>* others) {
  const std::string& cur = c.units().currency;
  std::string o;
  auto line = [&](const stress::StressResult& x) {
    const auto& y = x.outcome;
    return x.label + ": the disruption loses " + text_number(y.excess_lost_value) + " " + cur + " of demand value" +
           (x.baseline_lost_value > 0 ? " (on top of " + text_number(x.baseline_lost_value) + " " + cur +
                                            " per period lost with nothing disrupted)"
                                      : std::string()) +
           "; first loss " + period_text(y.first_loss_period) +
           ", worst " + period_text(y.worst_period) + ", recovered " +
           (y.recovered ? (y.recovery_period < 0 ? std::string("(no loss)") : "from period " + std::to_string(y.recovery_period))
                        : std::string("not within the horizon")) +
           (x.response == "optimal" ? std::string() : "; " + std::to_string(y.reach) + " holdings reached") + "\n";
  };
  o += "stress over " + std::to_string(r.horizon) + " periods, " +
       (r.response == "optimal" ? std::string("optimal response (the best any reaction can do: a lower bound)")
                                : std::string("propagation (orders follow the normal plan)")) + "\n";
  if (others) {
    for (const auto& x : *others) o += "  " + line(x);
    o += "worst: " + r.label + "\n";
  } else {
    o += "  " + line(r);
  }
  if (r.baseline_lost_value > 0)
    o += "  note: the normal plan cannot serve all demand; the baseline loss is kept apart from the disruption's\n";
  if (!r.reroutes.empty())
    o += "  " + std::to_string(r.reroutes.size()) + " supply route(s) rerouted around closed lanes or nodes: +" +
         text_number(r.extra_transport_cost) + " " + cur + " transport, +" + text_number(r.extra_co2) + " kg CO2\n";
  o += "  period (" + c.units().time + ")  value lost to the disruption (" + c.units().currency + ")\n";
  for (std::size_t t = 0; t < r.lost_value_by_period.size(); ++t)
    if (r.lost_value_by_period[t] > 0) o += "  " + std::to_string(t) + "  " + text_number(r.lost_value_by_period[t]) + "\n";
  return o;
}

void write_sweep_json(JsonWriter& w, const model::Chain& c, const stress::Sweep& s) {
  w.begin_object();
  w.field("horizon", s.horizon).field("duration", s.options.duration).field("loss", s.options.loss);
  w.field("start", s.options.start).field("demand_value", s.demand_value);
  w.key("sites").begin_array();
  for (const stress::SiteImportance& x : s.sites) {
    w.begin_object();
    w.field("site", c.site_id(x.site)).field("lost_value_share", x.lost_value_share).field("lost_value", x.lost_value);
    period_or_null(w, "recovery_period", x.recovery_period);
    w.field("reach", x.reach);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

CsvFiles sweep_csv(const model::Chain& c, const stress::Sweep& s) {
  std::string o = "site,lat,lon,lost_value_share,lost_value,recovery_period,reach\n";
  for (const stress::SiteImportance& x : s.sites) {
    append_csv_field(o, c.site_id(x.site));
    append_site_coordinates(o, c, x.site);
    o += "," + num(x.lost_value_share) + "," + num(x.lost_value) + "," +
         (x.recovery_period < 0 ? std::string() : std::to_string(x.recovery_period)) + "," + std::to_string(x.reach) + "\n";
  }
  return {{"sweep.csv", std::move(o)}};
}

std::string format_sweep_text(const model::Chain& c, const stress::Sweep& s, std::size_t top) {
  std::string o = "systemic importance: each of " + std::to_string(s.sites.size()) + " sites down for " +
                  std::to_string(s.options.duration) + " periods from period " + std::to_string(s.options.start) +
                  " (loss " + text_number(s.options.loss) + "), horizon " + std::to_string(s.horizon) + "\n";
  o += "  site  share of final demand value lost  lost value (" + c.units().currency + ")\n";
  for (std::size_t i = 0; i < s.sites.size() && i < top; ++i) {
    const auto& x = s.sites[i];
    o += "  " + std::string(c.site_id(x.site)) + "  " + text_number(100 * x.lost_value_share) + " %  " + text_number(x.lost_value) + "\n";
  }
  return o;
}

namespace {
std::vector<model::SiteId> ranked_sites(const stress::MonteCarloResult& mc) {
  std::vector<model::SiteId> ids;
  for (model::SiteId s = 0; s < mc.site_share.size(); ++s)
    if (mc.site_share[s] > 0) ids.push_back(s);
  std::stable_sort(ids.begin(), ids.end(), [&](model::SiteId a, model::SiteId b) {
    return mc.site_loss_share[a] != mc.site_loss_share[b] ? mc.site_loss_share[a] > mc.site_loss_share[b] : mc.site_share[a] > mc.site_share[b];
  });
  return ids;
}
}  // namespace

void write_montecarlo_json(JsonWriter& w, const model::Chain& c, const stress::MonteCarloResult& mc) {
  w.begin_object();
  w.field("runs", mc.runs).field("seed", mc.seed).field("horizon", mc.horizon);
  w.field("mean", mc.mean).field("std", mc.std).field("p50", mc.p50).field("p95", mc.p95).field("p99", mc.p99);
  w.field("cvar95", mc.cvar95).field("p_any_loss", mc.p_any_loss);
  w.key("site_share").begin_array();
  for (model::SiteId s : ranked_sites(mc)) {
    w.begin_object();
    w.field("site", c.site_id(s)).field("share", mc.site_share[s]).field("loss_share", mc.site_loss_share[s]);
    w.end_object();
  }
  w.end_array();
  w.key("per_run").begin_array();
  for (std::uint32_t i = 0; i < mc.runs; ++i) {
    w.begin_object();
    w.field("run", i).field("lost_value", mc.lost_value[i]).field("failed_sites", mc.failed_sites[i]);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

CsvFiles montecarlo_csv(const model::Chain& c, const stress::MonteCarloResult& mc) {
  std::string runs = "run,lost_value,failed_sites\n";
  for (std::uint32_t i = 0; i < mc.runs; ++i)
    runs += std::to_string(i) + "," + num(mc.lost_value[i]) + "," + std::to_string(mc.failed_sites[i]) + "\n";
  std::string sites = "site,lat,lon,share,loss_share\n";
  for (model::SiteId s : ranked_sites(mc)) {
    append_csv_field(sites, c.site_id(s));
    append_site_coordinates(sites, c, s);
    sites += "," + num(mc.site_share[s]) + "," + num(mc.site_loss_share[s]) + "\n";
  }
  return {{"montecarlo_runs.csv", std::move(runs)}, {"montecarlo_sites.csv", std::move(sites)}};
}

std::string format_montecarlo_text(const model::Chain& c, const stress::MonteCarloResult& mc, std::size_t top) {
  const std::string& cur = c.units().currency;
  std::string o = "Monte Carlo: " + std::to_string(mc.runs) + " runs, seed " + std::to_string(mc.seed) + ", horizon " +
                  std::to_string(mc.horizon) + " periods\n";
  o += "  lost value (" + cur + "): mean " + text_number(mc.mean) + ", std " + text_number(mc.std) + ", p50 " + text_number(mc.p50) +
       ", p95 " + text_number(mc.p95) + ", p99 " + text_number(mc.p99) + ", CVaR95 " + text_number(mc.cvar95) + "\n";
  o += "  probability of any loss: " + text_number(mc.p_any_loss) + "\n";
  o += "  site  share of loss runs  share of lost value\n";
  const auto ids = ranked_sites(mc);
  for (std::size_t i = 0; i < ids.size() && i < top; ++i)
    o += "  " + std::string(c.site_id(ids[i])) + "  " + text_number(mc.site_share[ids[i]]) + "  " + text_number(mc.site_loss_share[ids[i]]) + "\n";
  return o;
}

}  // namespace chainnet::io
