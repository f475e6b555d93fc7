#include "chainnet/io/criticality_report.hpp"

#include <cmath>
#include <cstdio>
#include <numeric>

#include "chainnet/io/files.hpp"

namespace chainnet::io {
namespace {

using Cell = ReportCell;
Cell text(std::string_view s) { return {Cell::Kind::text, std::string(s)}; }
Cell num(double x) {
  Cell c;
  c.kind = std::isfinite(x) ? Cell::Kind::number : Cell::Kind::none;
  c.number = x;
  return c;
}
Cell flag(bool b) {
  Cell c;
  c.kind = Cell::Kind::boolean;
  c.flag = b;
  return c;
}
/// lat, lon of site s as two cells (empty without coordinates), appended to per-site rows.
void add_coordinates(std::vector<Cell>& row, const model::Chain& c, model::SiteId s) {
  row.push_back(num(c.sites().lat[s]));
  row.push_back(num(c.sites().lon[s]));
}

std::string region_name(const model::Chain& c, model::RegionId r) {
  return r == model::kInvalidId ? std::string() : std::string(c.regions().codes.name(r));
}

Cell cut_cell(const model::Chain& c, const std::vector<weak::CutArc>& cut) {
  JsonWriter w;
  std::string csv;
  w.begin_array();
  for (const weak::CutArc& a : cut) {
    w.begin_object();
    w.field("kind", weak::to_string(a.kind));
    std::string where;
    switch (a.kind) {
      case weak::CutArc::Kind::production:
        where = c.site_id(c.makes().site[a.id]);
        w.field("site", where);
        break;
      case weak::CutArc::Kind::supply:
        w.field("from", c.site_id(c.supplies().seller[a.id])).field("to", c.site_id(c.supplies().buyer[a.id]));
        where = std::string(c.site_id(c.supplies().seller[a.id])) + "->" + std::string(c.site_id(c.supplies().buyer[a.id]));
        if (a.lane != model::kInvalidId) {
          const auto& lt = c.lanes();
          w.key("lane").begin_object();
          w.field("from", c.node_ids().name(lt.from[a.lane])).field("to", c.node_ids().name(lt.to[a.lane]));
          w.field("mode", model::to_string(lt.mode[a.lane]));
          w.end_object();
          where += " via lane " + std::string(c.node_ids().name(lt.from[a.lane])) + "->" +
                   std::string(c.node_ids().name(lt.to[a.lane]));
        }
        break;
      case weak::CutArc::Kind::demand:
        where = c.site_id(c.holdings().site[a.id]);
        w.field("site", where);
        break;
    }
    w.field("capacity", a.capacity);
    w.end_object();
    if (!csv.empty()) csv += ';';
    csv += std::string(weak::to_string(a.kind)) + ":" + where + "(" + format_number(a.capacity) + ")";
  }
  w.end_array();
  Cell cell;
  cell.kind = Cell::Kind::raw;
  cell.json = w.take();
  cell.text = std::move(csv);
  return cell;
}

std::string cell_csv(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::text:
    case Cell::Kind::raw: {
      std::string o;
      append_csv_field(o, c.text);
      return o;
    }
    case Cell::Kind::number: return format_number(c.number);
    case Cell::Kind::boolean: return c.flag ? "true" : "false";
    case Cell::Kind::none: return {};
  }
  return {};
}

std::string cell_text(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::text:
    case Cell::Kind::raw: return c.text;
    case Cell::Kind::number: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", c.number);
      return buf;
    }
    case Cell::Kind::boolean: return c.flag ? "yes" : "no";
    case Cell::Kind::none: return "-";
  }
  return {};
}

}  // namespace

std::vector<ReportTable> criticality_tables(const model::Chain& c, const weak::CriticalityReport& r) {
  const auto& ht = c.holdings();
  const auto& value = c.products().value;
  auto market = [&](model::HoldingId h) { return text(c.site_id(ht.site[h])); };
  auto product = [&](model::HoldingId h) { return text(c.product_id(ht.product[h])); };
  std::vector<ReportTable> t;

  ReportTable spof{"single_points_of_failure", "single_points_of_failure.csv", {"market", "product", "site", "demand_value"}, {}};
  for (const weak::SinglePoint& p : r.single_points.sites)
    spof.rows.push_back({market(p.demand), product(p.demand), text(c.site_id(p.site)),
                         num(ht.demand[p.demand] * value[ht.product[p.demand]])});
  t.push_back(std::move(spof));

  ReportTable reg{"regional_single_points_of_failure", "regional_single_points_of_failure.csv",
                  {"market", "product", "region", "only_as_region"}, {}};
  for (const weak::RegionalSinglePoint& p : r.single_points.regions)
    reg.rows.push_back({market(p.demand), product(p.demand), text(region_name(c, p.region)), flag(p.only_as_region)});
  t.push_back(std::move(reg));

  ReportTable uns{"unservable", "unservable.csv", {"market", "product", "demand"}, {}};
  for (model::HoldingId h : r.single_points.unservable) uns.rows.push_back({market(h), product(h), num(ht.demand[h])});
  t.push_back(std::move(uns));

  ReportTable impact{"site_impact", "site_impact.csv", {"site", "lost_demand_value", "lost_demands", "lat", "lon"}, {}};
  for (model::SiteId s : r.ranking)
    if (r.single_points.lost_demand_value[s] > 0 && (r.include_markets || c.sites().kind[s] != model::SiteKind::market)) {
      impact.rows.push_back({text(c.site_id(s)), num(r.single_points.lost_demand_value[s]), num(r.single_points.lost_demands[s])});
      add_coordinates(impact.rows.back(), c, s);
    }
  t.push_back(std::move(impact));

  ReportTable single{"single_sourced", "single_sourced.csv", {"buyer", "product", "supplier", "value_at_risk", "demands_at_risk"}, {}};
  ReportTable region{"single_region", "single_region.csv", {"buyer", "product", "region", "suppliers", "value_at_risk"}, {}};
  ReportTable hhi{"hhi", "hhi.csv", {"buyer", "product", "hhi", "suppliers", "value_at_risk"}, {}};
  for (const weak::SourcingPair& p : r.sourcing) {
    const auto buyer = text(c.site_id(ht.site[p.buyer_holding]));
    const auto prod = product(p.buyer_holding);
    if (p.suppliers == 1)
      single.rows.push_back({buyer, prod, text(c.site_id(p.supplier)), num(p.value_at_risk), num(p.demands_at_risk)});
    else if (p.common_region != model::kInvalidId)
      region.rows.push_back({buyer, prod, text(region_name(c, p.common_region)), num(p.suppliers), num(p.value_at_risk)});
    hhi.rows.push_back({buyer, prod, num(p.hhi), num(p.suppliers), num(p.value_at_risk)});
  }
  t.push_back(std::move(single));
  t.push_back(std::move(region));
  t.push_back(std::move(hhi));

  ReportTable deep{"deep_tier", "deep_tier.csv",
                   {"site", "tiers", "lowest_tier", "tier1_dependents", "master_value_share", "hidden", "lat", "lon"}, {}};
  if (r.deep_tier)
    for (const weak::DeepTierSite& d : r.deep_tier->sites) {
      Cell tiers;
      tiers.kind = Cell::Kind::raw;
      tiers.json = "[";
      for (std::uint32_t x : d.tier_list()) {
        if (tiers.json.size() > 1) {
          tiers.json += ',';
          tiers.text += ';';
        }
        tiers.json += std::to_string(x);
        tiers.text += std::to_string(x);
      }
      tiers.json += ']';
      deep.rows.push_back({text(c.site_id(d.site)), tiers, num(d.lowest_tier()), num(d.tier1_dependents),
                           num(d.master_value_share), flag(d.hidden())});
      add_coordinates(deep.rows.back(), c, d.site);
    }
  t.push_back(std::move(deep));

  ReportTable bn{"bottlenecks", "max_flow_bottlenecks.csv", {"product", "max_flow", "demand", "unmet", "cut"}, {}};
  for (const weak::ProductBottleneck& b : r.bottlenecks)
    bn.rows.push_back({text(c.product_id(b.product)), num(b.max_flow), num(b.demand), num(b.unmet()), cut_cell(c, b.cut)});
  t.push_back(std::move(bn));

  ReportTable bc{"betweenness", "betweenness.csv", {"site", "value"}, {}};
  const bool se = !r.betweenness.standard_error.empty();
  if (se) bc.columns.push_back("standard_error");
  bc.columns.push_back("lat");
  bc.columns.push_back("lon");
  std::vector<model::SiteId> order(c.num_sites());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](model::SiteId a, model::SiteId b) { return r.betweenness.value[a] > r.betweenness.value[b]; });
  for (model::SiteId s : order) {
    bc.rows.push_back({text(c.site_id(s)), num(r.betweenness.value[s])});
    if (se) bc.rows.back().push_back(num(r.betweenness.standard_error[s]));
    add_coordinates(bc.rows.back(), c, s);
  }
  t.push_back(std::move(bc));

  ReportTable rb{"robustness", "robustness.csv",
                 {"removed_fraction", "served_fraction_random", "served_fraction_random_low",
                  "served_fraction_random_high", "served_fraction_targeted"}, {}};
  const auto& cv = r.robustness;
  for (std::size_t k = 0; k < cv.removed_fraction.size(); ++k)
    rb.rows.push_back({num(cv.removed_fraction[k]), num(cv.served_random[k]), num(cv.served_random_low[k]),
                       num(cv.served_random_high[k]), num(cv.served_targeted[k])});
  t.push_back(std::move(rb));
  return t;
}

void write_criticality_json(JsonWriter& w, const model::Chain& c, const weak::CriticalityReport& r) {
  w.begin_object();
  w.field("method", weak::to_string(r.single_points.method)).field("count_stock", r.structural.count_stock);
  w.key("master");
  if (r.deep_tier) {
    w.begin_object();
    w.field("site", c.site_id(r.deep_tier->master)).field("input_value", r.deep_tier->master_input_value);
    w.key("sites").begin_array();
    for (model::SiteId m : r.deep_tier->masters) w.value(c.site_id(m));
    w.end_array();
    w.field("tier1_suppliers", r.deep_tier->tier1_suppliers).field("tiers_truncated", r.deep_tier->tiers_truncated);
    w.end_object();
  } else {
    w.null();
  }
  w.field("bottleneck_lanes", r.bottleneck_lanes);
  w.field("betweenness_exact", r.betweenness.exact).field("betweenness_sources", r.betweenness.sources);
  w.field("robustness_orders", r.robustness.orders);
  for (const ReportTable& t : criticality_tables(c, r)) {
    w.key(t.key).begin_array();
    for (const auto& row : t.rows) {
      w.begin_object();
      for (std::size_t i = 0; i < row.size(); ++i) {
        w.key(t.columns[i]);
        const Cell& x = row[i];
        switch (x.kind) {
          case Cell::Kind::text: w.value(x.text); break;
          case Cell::Kind::number: w.value(x.number); break;
          case Cell::Kind::boolean: w.value(x.flag); break;
          case Cell::Kind::none: w.null(); break;
          case Cell::Kind::raw: w.raw(x.json); break;
        }
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

std::vector<std::pair<std::string, std::string>> criticality_csv(const model::Chain& c, const weak::CriticalityReport& r) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const ReportTable& t : criticality_tables(c, r)) {
    // A list never shares a cell: its column (deep_tier's tiers, a max-flow cut) becomes a long
    // table of its own below.
    std::vector<char> keep(t.columns.size(), 1);
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      keep[i] = !((t.key == "deep_tier" && t.columns[i] == "tiers") || (t.key == "bottlenecks" && t.columns[i] == "cut"));
    std::string o;
    bool first = true;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      if (keep[i]) {
        o += (first ? "" : ",") + t.columns[i];
        first = false;
      }
    o += '\n';
    for (const auto& row : t.rows) {
      first = true;
      for (std::size_t i = 0; i < row.size(); ++i)
        if (keep[i]) {
          o += (first ? "" : ",") + cell_csv(row[i]);
          first = false;
        }
      o += '\n';
    }
    files.emplace_back(t.file, std::move(o));
  }
  std::string tiers = "site,tier\n";
  if (r.deep_tier)
    for (const weak::DeepTierSite& d : r.deep_tier->sites)
      for (std::uint32_t x : d.tier_list()) {
        append_csv_field(tiers, c.site_id(d.site));
        tiers += "," + std::to_string(x) + "\n";
      }
  files.emplace_back("deep_tier_tiers.csv", std::move(tiers));
  std::string cuts = "product,kind,site,from,to,lane_from,lane_to,lane_mode,capacity\n";
  for (const weak::ProductBottleneck& b : r.bottlenecks)
    for (const weak::CutArc& a : b.cut) {
      std::string site, from, to, lane_from, lane_to, mode;
      switch (a.kind) {
        case weak::CutArc::Kind::production: site = c.site_id(c.makes().site[a.id]); break;
        case weak::CutArc::Kind::demand: site = c.site_id(c.holdings().site[a.id]); break;
        case weak::CutArc::Kind::supply:
          from = c.site_id(c.supplies().seller[a.id]);
          to = c.site_id(c.supplies().buyer[a.id]);
          if (a.lane != model::kInvalidId) {
            lane_from = c.node_ids().name(c.lanes().from[a.lane]);
            lane_to = c.node_ids().name(c.lanes().to[a.lane]);
            mode = model::to_string(c.lanes().mode[a.lane]);
          }
          break;
      }
      append_csv_field(cuts, c.product_id(b.product));
      cuts += "," + std::string(weak::to_string(a.kind));
      for (const std::string* f : {&site, &from, &to, &lane_from, &lane_to, &mode}) {
        cuts += ',';
        append_csv_field(cuts, *f);
      }
      cuts += "," + format_number(a.capacity) + "\n";
    }
  files.emplace_back("max_flow_cuts.csv", std::move(cuts));
  return files;
}

std::string format_criticality_text(const model::Chain& c, const weak::CriticalityReport& r, std::size_t top) {
  const auto tables = criticality_tables(c, r);
  auto find = [&](std::string_view key) -> const ReportTable& {
    for (const auto& t : tables)
      if (t.key == key) return t;
    return tables.front();
  };
  std::string o;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "weak links (%s, stock %s)\n  single points of failure: %zu (market, product, site); regional: %zu; "
                "unservable demands: %zu\n",
                std::string(weak::to_string(r.single_points.method)).c_str(), r.structural.count_stock ? "counted" : "not counted",
                r.single_points.sites.size(), r.single_points.regions.size(), r.single_points.unservable.size());
  o += buf;
  std::snprintf(buf, sizeof buf, "  single-sourced inputs: %zu; single-region inputs: %zu\n", find("single_sourced").rows.size(),
                find("single_region").rows.size());
  o += buf;
  auto section = [&](const std::string& title, const ReportTable& t, std::size_t limit,
                     const std::function<bool(const std::vector<Cell>&)>& keep = nullptr) {
    std::size_t shown = 0, kept = 0;
    std::string body;
    for (const auto& row : t.rows) {
      if (keep && !keep(row)) continue;
      ++kept;
      if (shown == limit) continue;
      ++shown;
      body += "   ";
      for (std::size_t i = 0; i < row.size(); ++i)
        if (t.columns[i] != "lat" && t.columns[i] != "lon") body += " " + cell_text(row[i]);
      body += '\n';
    }
    if (kept == 0) return;
    o += title + " (" + std::to_string(kept) + "):\n   ";
    for (const auto& col : t.columns)
      if (col != "lat" && col != "lon") o += " " + col;
    o += '\n' + body;
    if (kept > shown) o += "    ... " + std::to_string(kept - shown) + " more\n";
  };
  if (r.deep_tier) {
    std::string names;
    for (model::SiteId m : r.deep_tier->masters) names += (names.empty() ? "" : ", ") + std::string(c.site_id(m));
    o += "chain master " + names + ": " + std::to_string(r.deep_tier->tier1_suppliers) + " tier-1 suppliers, " +
         std::to_string(r.deep_tier->sites.size()) + " upstream sites\n";
    section("HIDDEN deep-tier dependencies (not on the master's tier-1 list)", find("deep_tier"), top,
            [](const std::vector<Cell>& row) { return row[5].flag && (row[4].number > 0 || row[3].number >= 2); });
  }
  section("sites whose loss alone loses the most demand value", find("site_impact"), top);
  section("single points of failure", find("single_points_of_failure"), top);
  section("regional single points of failure", find("regional_single_points_of_failure"), top);
  section("single-sourced inputs by value at risk", find("single_sourced"), top);
  section("inputs whose suppliers all sit in one region", find("single_region"), top);
  section("products whose markets cannot be fully served even intact (max flow < demand)", find("bottlenecks"), top,
          [](const std::vector<Cell>& row) { return row[3].number > 0; });
  section("betweenness", find("betweenness"), std::min<std::size_t>(top, 5));
  const auto& cv = r.robustness;
  o += "robustness (served share of demand value as sites fail):\n    removed  random (5%-95%)        targeted\n";
  for (std::size_t k = 0; k < cv.removed_fraction.size(); ++k) {
    if (k > 0 && cv.served_random[k - 1] <= 0 && cv.served_targeted[k - 1] <= 0) break;  // nothing left
    std::snprintf(buf, sizeof buf, "    %5.0f%%   %.3f (%.3f-%.3f)    %.3f\n", 100 * cv.removed_fraction[k], cv.served_random[k],
                  cv.served_random_low[k], cv.served_random_high[k], cv.served_targeted[k]);
    o += buf;
  }
  return o;
}

}  // namespace chainnet::io
