#include "chainnet/io/flow_report.hpp"

#include <algorithm>
#include <tuple>

#include <cmath>
#include <cstdio>

#include "chainnet/io/files.hpp"

namespace chainnet::io {
namespace {

std::string_view node_name(const model::Chain& c, model::NodeId n) { return c.node_ids().name(n); }

std::string num(double x) { return std::isfinite(x) ? format_number(x) : std::string(); }

}  // namespace

BottleneckPlace place_of(const model::Chain& c, const flow::Bottleneck& b) {
  BottleneckPlace at;
  switch (b.kind) {
    case flow::BottleneckKind::lane:
      at.from = node_name(c, c.lanes().from[b.id]);
      at.to = node_name(c, c.lanes().to[b.id]);
      at.mode = model::to_string(c.lanes().mode[b.id]);
      break;
    case flow::BottleneckKind::supply:
      at.from = c.site_id(c.supplies().seller[b.id]);
      at.to = c.site_id(c.supplies().buyer[b.id]);
      at.product = c.product_id(c.supplies().product[b.id]);
      break;
    case flow::BottleneckKind::production:
      at.site = c.site_id(c.makes().site[b.id]);
      at.product = c.product_id(c.makes().product[b.id]);
      break;
  }
  return at;
}

namespace {
void flow_plan_fields(JsonWriter& w, const model::Chain& c, const flow::FlowPlan& p);
}

void write_flow_plan_json(JsonWriter& w, const model::Chain& c, const flow::FlowPlan& p) {
  w.begin_object();
  flow_plan_fields(w, c, p);
  w.end_object();
}

namespace {
void flow_plan_fields(JsonWriter& w, const model::Chain& c, const flow::FlowPlan& p) {
  const auto& st = c.supplies();
  const auto& lt = c.lanes();
  const auto& mk = c.makes();
  const auto& h = c.holdings();
  w.field("status", flow::to_string(p.status));
  w.field("method", flow::to_string(p.method));
  w.field("total_cost", p.total_cost).field("transport_cost", p.transport_cost);
  w.field("production_cost", p.production_cost).field("carbon_cost", p.carbon_cost);
  w.field("lost_sale_cost", p.lost_sale_cost).field("co2", p.co2_kg).field("carbon_price", p.carbon_price);
  w.field("demand", p.demand).field("served", p.served);
  w.field("unrouted_supplies", p.unrouted_supplies).field("rounds", p.rounds);
  w.key("flows").begin_array();
  for (const flow::RoutedFlow& f : p.flows) {
    w.begin_object();
    w.field("from", c.site_id(st.seller[f.supply])).field("to", c.site_id(st.buyer[f.supply]));
    w.field("product", c.product_id(st.product[f.supply])).field("quantity", f.quantity);
    w.key("lane_path");
    if (f.lanes.empty()) {
      w.null();
    } else {
      w.begin_array();
      w.value(node_name(c, lt.from[f.lanes[0]]));
      for (auto l : f.lanes) w.value(node_name(c, lt.to[l]));
      w.end_array();
    }
    w.key("modes").begin_array();
    for (auto l : f.lanes) w.value(model::to_string(lt.mode[l]));
    w.end_array();
    w.field("unit_transport_cost", f.unit_transport_cost).field("unit_co2", f.unit_co2_kg);
    w.end_object();
  }
  w.end_array();
  w.key("production").begin_array();
  for (const flow::Production& x : p.production) {
    w.begin_object();
    w.field("site", c.site_id(mk.site[x.make])).field("product", c.product_id(mk.product[x.make]));
    w.field("quantity", x.quantity).field("capacity", mk.capacity[x.make]);
    w.end_object();
  }
  w.end_array();
  w.key("unmet").begin_array();
  for (const flow::Unmet& u : p.unmet) {
    w.begin_object();
    w.field("site", c.site_id(h.site[u.holding])).field("product", c.product_id(h.product[u.holding]));
    w.field("quantity", u.quantity).field("demand", u.demand).field("penalty", u.penalty);
    w.end_object();
  }
  w.end_array();
  w.key("bottlenecks").begin_array();
  for (const flow::Bottleneck& b : p.bottlenecks) {
    w.begin_object();
    w.field("kind", flow::to_string(b.kind));
    const BottleneckPlace at = place_of(c, b);
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"from", &at.from}, {"to", &at.to},
                                     {"site", &at.site}, {"product", &at.product}, {"mode", &at.mode}})
      if (!value->empty()) w.field(key, *value);
    w.field("capacity", b.capacity).field("flow", b.flow).field("shadow_price", b.shadow_price);
    w.end_object();
  }
  w.end_array();
}
}  // namespace

std::string format_flow_plan_text(const model::Chain& c, const flow::FlowPlan& p, std::size_t top) {
  const std::string& cur = c.units().currency;
  const std::string& qty = c.units().quantity;
  char buf[512];
  std::string o;
  std::snprintf(buf, sizeof buf, "flow plan: %s (%s method", std::string(flow::to_string(p.status)).c_str(),
                std::string(flow::to_string(p.method)).c_str());
  o += buf;
  if (p.method == flow::PlanMethod::lp) o += ", " + std::to_string(p.rounds) + " round(s), " + std::to_string(p.columns) + " route columns";
  o += ")\n";
  if (p.status == flow::PlanStatus::infeasible) return o;
  std::snprintf(buf, sizeof buf,
                "  total cost      %.10g %s per %s\n  production      %.10g\n  transport       %.10g\n"
                "  carbon          %.10g (%.10g kg CO2 at %.6g %s/kg)\n  lost sales      %.10g\n"
                "  demand served   %.10g of %.10g %s (%.1f%%)\n",
                p.total_cost, cur.c_str(), c.units().time.c_str(), p.production_cost, p.transport_cost, p.carbon_cost,
                p.co2_kg, p.carbon_price, cur.c_str(), p.lost_sale_cost, p.served, p.demand, qty.c_str(),
                p.demand > 0 ? 100.0 * p.served / p.demand : 100.0);
  o += buf;
  if (p.unrouted_supplies > 0)
    o += "  note: " + std::to_string(p.unrouted_supplies) + " supplies have no lane route and move without transport cost\n";
  const auto& h = c.holdings();
  if (!p.unmet.empty()) {
    o += "unmet demand:\n";
    for (std::size_t i = 0; i < p.unmet.size() && i < top; ++i) {
      const flow::Unmet& u = p.unmet[i];
      std::snprintf(buf, sizeof buf, "  %-24s %-20s %.10g of %.10g\n", std::string(c.site_id(h.site[u.holding])).c_str(),
                    std::string(c.product_id(h.product[u.holding])).c_str(), u.quantity, u.demand);
      o += buf;
    }
    if (p.unmet.size() > top) o += "  ... " + std::to_string(p.unmet.size() - top) + " more\n";
  }
  if (!p.bottlenecks.empty()) {
    o += "bottlenecks (shadow price per unit of capacity):\n";
    for (std::size_t i = 0; i < p.bottlenecks.size() && i < top; ++i) {
      const flow::Bottleneck& b = p.bottlenecks[i];
      const BottleneckPlace at = place_of(c, b);
      std::string what;
      switch (b.kind) {
        case flow::BottleneckKind::lane: what = "lane " + at.from + " -" + at.mode + "-> " + at.to; break;
        case flow::BottleneckKind::supply: what = "supply " + at.from + " -> " + at.to + " (" + at.product + ")"; break;
        case flow::BottleneckKind::production: what = "production " + at.site + " (" + at.product + ")"; break;
      }
      std::snprintf(buf, sizeof buf, "  %-60s %12.6g  (capacity %.6g)\n", what.c_str(), b.shadow_price, b.capacity);
      o += buf;
    }
    if (p.bottlenecks.size() > top) o += "  ... " + std::to_string(p.bottlenecks.size() - top) + " more\n";
  }
  return o;
}

std::vector<std::pair<std::string, std::string>> flow_plan_tables(const model::Chain& c, const flow::FlowPlan& p) {
  const auto& st = c.supplies();
  const auto& lt = c.lanes();
  const auto& mk = c.makes();
  const auto& h = c.holdings();
  std::vector<std::pair<std::string, std::string>> t;
  // Parallel supplies (same seller, buyer and product) are told apart by `occurrence`: 1 for the
  // first in scenario order, 2 for the next, ... as in compare_flows.csv.
  std::vector<std::uint32_t> occurrence(st.size(), 1);
  {
    std::vector<model::SupplyId> order(st.size());
    for (model::SupplyId e = 0; e < st.size(); ++e) order[e] = e;
    std::stable_sort(order.begin(), order.end(), [&](model::SupplyId a, model::SupplyId b) {
      return std::tie(st.seller[a], st.buyer[a], st.product[a]) < std::tie(st.seller[b], st.buyer[b], st.product[b]);
    });
    for (std::size_t i = 1; i < order.size(); ++i) {
      const model::SupplyId a = order[i - 1], b = order[i];
      if (st.seller[a] == st.seller[b] && st.buyer[a] == st.buyer[b] && st.product[a] == st.product[b])
        occurrence[b] = occurrence[a] + 1;
    }
  }
  std::string o = "from,to,product,occurrence,quantity,unit_transport_cost,unit_co2,legs,modes\n";
  std::string legs = "from,to,product,occurrence,leg,lane_from,lane_to,mode,quantity\n";
  for (const flow::RoutedFlow& f : p.flows) {
    std::string key;
    append_csv_field(key, c.site_id(st.seller[f.supply]));
    key += ',';
    append_csv_field(key, c.site_id(st.buyer[f.supply]));
    key += ',';
    append_csv_field(key, c.product_id(st.product[f.supply]));
    key += ',' + std::to_string(occurrence[f.supply]);
    std::string modes;
    for (std::size_t k = 0; k < f.lanes.size(); ++k) {
      const model::LaneId l = f.lanes[k];
      modes += (modes.empty() ? "" : "+") + std::string(model::to_string(lt.mode[l]));
      legs += key + ',' + std::to_string(k + 1) + ',';
      append_csv_field(legs, node_name(c, lt.from[l]));
      legs += ',';
      append_csv_field(legs, node_name(c, lt.to[l]));
      legs += ',' + std::string(model::to_string(lt.mode[l])) + ',' + num(f.quantity) + '\n';
    }
    o += key + ',' + num(f.quantity) + ',' + num(f.unit_transport_cost) + ',' + num(f.unit_co2_kg) + ',' +
         std::to_string(f.lanes.size()) + ',' + modes + '\n';
  }
  t.emplace_back("flows.csv", std::move(o));
  t.emplace_back("flow_legs.csv", std::move(legs));
  o = "site,product,quantity,capacity,lat,lon\n";
  for (const flow::Production& x : p.production) {
    append_csv_field(o, c.site_id(mk.site[x.make]));
    o += ',';
    append_csv_field(o, c.product_id(mk.product[x.make]));
    o += ',' + num(x.quantity) + ',' + num(mk.capacity[x.make]);
    append_site_coordinates(o, c, mk.site[x.make]);
    o += '\n';
  }
  t.emplace_back("production.csv", std::move(o));
  o = "site,product,quantity,demand,penalty,lat,lon\n";
  for (const flow::Unmet& u : p.unmet) {
    append_csv_field(o, c.site_id(h.site[u.holding]));
    o += ',';
    append_csv_field(o, c.product_id(h.product[u.holding]));
    o += ',' + num(u.quantity) + ',' + num(u.demand) + ',' + num(u.penalty);
    append_site_coordinates(o, c, h.site[u.holding]);
    o += '\n';
  }
  t.emplace_back("unmet.csv", std::move(o));
  o = "kind,from,to,site,product,mode,capacity,flow,shadow_price\n";
  for (const flow::Bottleneck& b : p.bottlenecks) {
    const BottleneckPlace at = place_of(c, b);
    o += std::string(flow::to_string(b.kind)) + ',';
    for (const std::string* f : {&at.from, &at.to, &at.site, &at.product, &at.mode}) {
      append_csv_field(o, *f);
      o += ',';
    }
    o += num(b.capacity) + ',' + num(b.flow) + ',' + num(b.shadow_price) + '\n';
  }
  t.emplace_back("bottlenecks.csv", std::move(o));
  return t;
}

}  // namespace chainnet::io

namespace chainnet::io {

void write_replan_json(JsonWriter& w, const model::Chain& c, const flow::Replan& r, const std::string& label) {
  const auto& S = c.supplies();
  const auto& H = c.holdings();
  w.begin_object();
  flow_plan_fields(w, c, r.replanned);
  w.field("shock", label);
  w.field("closed_supplies", r.replanned.closed_supplies);
  const flow::FlowPlan& n = r.normal;
  w.key("normal").begin_object();
  w.field("total_cost", n.total_cost).field("production_cost", n.production_cost).field("transport_cost", n.transport_cost);
  w.field("carbon_cost", n.carbon_cost).field("lost_sale_cost", n.lost_sale_cost).field("co2", n.co2_kg).field("served", n.served);
  w.end_object();
  const flow::PlanDelta& d = r.delta;
  w.key("delta").begin_object();
  w.field("total_cost", d.total_cost).field("production_cost", d.production_cost).field("transport_cost", d.transport_cost);
  w.field("carbon_cost", d.carbon_cost).field("lost_sale_cost", d.lost_sale_cost).field("co2", d.co2_kg);
  w.field("lost_sales_value", d.lost_sales_value);
  w.key("flows").begin_array();
  for (const flow::FlowChange& f : d.flows) {
    w.begin_object();
    w.field("from", c.site_id(S.seller[f.supply])).field("to", c.site_id(S.buyer[f.supply])).field("product", c.product_id(S.product[f.supply]));
    w.field("normal", f.normal).field("replanned", f.replanned).field("change", f.replanned - f.normal).field("rerouted", f.rerouted);
    w.field("normal_unit_cost", f.normal_unit_cost).field("replanned_unit_cost", f.replanned_unit_cost);
    w.end_object();
  }
  w.end_array();
  w.key("markets").begin_array();
  for (const flow::MarketChange& m : d.markets) {
    w.begin_object();
    w.field("market", c.site_id(H.site[m.holding])).field("product", c.product_id(H.product[m.holding]));
    w.field("normal_unmet", m.normal_unmet).field("replanned_unmet", m.replanned_unmet).field("lost_value", m.lost_value);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_object();
}

std::string format_replan_text(const model::Chain& c, const flow::Replan& r, const std::string& label, std::size_t top) {
  const std::string& cur = c.units().currency;
  auto n = [](double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%+.6g", x);
    return std::string(buf);
  };
  const flow::PlanDelta& d = r.delta;
  std::string o = "re-plan with " + label + " in force\n";
  o += format_flow_plan_text(c, r.replanned, top);
  o += "against the normal plan, per period: total cost " + n(d.total_cost) + " " + cur + " (production " +
       n(d.production_cost) + ", transport " + n(d.transport_cost) + ", carbon " + n(d.carbon_cost) + ", lost sales " +
       n(d.lost_sale_cost) + "), CO2 " + n(d.co2_kg) + " kg, demand value lost " + n(d.lost_sales_value) + " " + cur + "\n";
  const auto& S = c.supplies();
  std::size_t shown = 0;
  for (const flow::FlowChange& f : d.flows) {
    if (shown++ == top) {
      o += "  ... " + std::to_string(d.flows.size() - top) + " more changed flows\n";
      break;
    }
    o += "  " + std::string(c.site_id(S.seller[f.supply])) + " -> " + std::string(c.site_id(S.buyer[f.supply])) + " " +
         std::string(c.product_id(S.product[f.supply])) + ": " + num(f.normal) + " -> " + num(f.replanned) +
         (f.rerouted ? " (rerouted)" : "") + "\n";
  }
  return o;
}

std::vector<std::pair<std::string, std::string>> replan_tables(const model::Chain& c, const flow::Replan& r) {
  auto t = flow_plan_tables(c, r.replanned);
  const auto& S = c.supplies();
  std::string o = "from,to,product,normal,replanned,change,rerouted,normal_unit_cost,replanned_unit_cost\n";
  for (const flow::FlowChange& f : r.delta.flows) {
    append_csv_field(o, c.site_id(S.seller[f.supply]));
    o += ',';
    append_csv_field(o, c.site_id(S.buyer[f.supply]));
    o += ',';
    append_csv_field(o, c.product_id(S.product[f.supply]));
    o += ',' + num(f.normal) + ',' + num(f.replanned) + ',' + num(f.replanned - f.normal) + ',' + (f.rerouted ? "true" : "false") +
         ',' + num(f.normal_unit_cost) + ',' + num(f.replanned_unit_cost) + '\n';
  }
  t.emplace_back("delta.csv", std::move(o));
  return t;
}

}  // namespace chainnet::io
