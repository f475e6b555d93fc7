#include "chainnet/io/compare_report.hpp"

#include <cmath>
#include <cstdio>

#include "chainnet/io/files.hpp"

namespace chainnet::io {
namespace {

std::string num(double x) { return std::isfinite(x) ? format_number(x) : std::isnan(x) ? std::string() : (x > 0 ? "inf" : "-inf"); }

std::string text_number(double x) {
  if (std::isnan(x)) return "-";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

// value - baseline, with infinities: equal infinities differ by 0.
double delta(double v, double b) {
  if (v == b) return 0.0;
  return v - b;
}

void csv_row(std::string& o, std::initializer_list<std::string> cells) {
  bool first = true;
  for (const std::string& c : cells) {
    if (!first) o += ',';
    append_csv_field(o, c);
    first = false;
  }
  o += '\n';
}

}  // namespace

void write_chain_diff_fields(JsonWriter& w, const variant::ChainDiff& d) {
  w.key("tables").begin_array();
  for (const variant::TableDiff& t : d.tables) {
    w.begin_object();
    w.field("table", t.table).field("added", static_cast<std::uint64_t>(t.added)).field("removed", static_cast<std::uint64_t>(t.removed))
        .field("changed", static_cast<std::uint64_t>(t.changed));
    w.end_object();
  }
  w.end_array();
  w.key("rows").begin_array();
  for (const variant::RowDiff& r : d.rows) {
    w.begin_object();
    w.field("table", r.table).field("key", r.key).field("change", variant::to_string(r.kind));
    w.key("cells").begin_array();
    for (const auto& cell : r.cells) {
      w.begin_object();
      w.field("column", cell.column).field("before", cell.before).field("after", cell.after);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

std::string format_chain_diff_text(const variant::ChainDiff& d, const std::string& a, const std::string& b) {
  if (d.empty()) return "no differences between " + a + " and " + b + "\n";
  std::string s = "differences from " + a + " to " + b + ":\n";
  for (const variant::TableDiff& t : d.tables)
    s += "  " + t.table + ": " + std::to_string(t.added) + " added, " + std::to_string(t.removed) + " removed, " +
         std::to_string(t.changed) + " changed\n";
  std::string table;
  for (const variant::RowDiff& r : d.rows) {
    if (r.table != table) {
      table = r.table;
      s += "\n" + table + "\n";
    }
    const char sign = r.kind == variant::RowDiff::Kind::added ? '+' : r.kind == variant::RowDiff::Kind::removed ? '-' : '~';
    s += std::string("  ") + sign + " " + r.key;
    std::string cells;
    for (const auto& c : r.cells) {
      if (r.kind == variant::RowDiff::Kind::changed)
        cells += (cells.empty() ? "" : ", ") + c.column + ": " + (c.before.empty() ? "-" : c.before) + " -> " + (c.after.empty() ? "-" : c.after);
      else
        cells += (cells.empty() ? "" : ", ") + c.column + "=" + (c.before.empty() ? c.after : c.before);
    }
    s += (cells.empty() ? "" : "  (" + cells + ")") + "\n";
  }
  return s;
}

void write_compare_json(JsonWriter& w, const compare::Comparison& c) {
  w.begin_object();
  w.field("baseline", c.chains[0].name);
  w.key("variants").begin_array();
  for (std::size_t i = 1; i < c.chains.size(); ++i) w.value(c.chains[i].name);
  w.end_array();
  w.key("analyses").begin_array();
  for (const auto& a : c.analyses) w.value(a);
  w.end_array();
  w.key("kpis").begin_array();
  const auto& base = c.chains[0].kpis;
  for (std::size_t k = 0; k < base.size(); ++k) {
    w.begin_object();
    w.field("kpi", base[k].name).field("analysis", base[k].analysis).field("unit", base[k].unit);
    w.field("lower_is_better", base[k].lower_is_better);
    w.key("values").begin_object();
    for (const auto& ch : c.chains) w.field(ch.name, ch.kpis[k].value);
    w.end_object();
    w.key("deltas").begin_object();
    for (std::size_t i = 1; i < c.chains.size(); ++i) w.field(c.chains[i].name, delta(c.chains[i].kpis[k].value, base[k].value));
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("diffs").begin_object();
  for (std::size_t i = 0; i < c.diffs.size(); ++i) {
    const compare::VariantDiff& d = c.diffs[i];
    w.key(c.chains[i + 1].name).begin_object();
    write_chain_diff_fields(w, d.tables);
    w.field("flows_moved", static_cast<std::uint64_t>(d.flows_moved));
    w.key("flows").begin_array();
    for (const auto& f : d.flows) {
      w.begin_object();
      w.field("from", f.from).field("to", f.to).field("product", f.product).field("occurrence", f.occurrence);
      w.field("before", f.before).field("after", f.after).field("value_change", f.value_change);
      w.end_object();
    }
    w.end_array();
    w.key("spofs").begin_array();
    for (const auto& s : d.spofs) {
      w.begin_object();
      w.field("site", s.site).field("market", s.market).field("product", s.product).field("change", s.gained ? "gained" : "lost");
      w.end_object();
    }
    w.end_array();
    w.key("sites").begin_array();
    for (const auto& s : d.sites) {
      w.begin_object();
      w.field("site", s.site).field("tts_before", s.tts_before).field("tts_after", s.tts_after);
      w.field("performance_impact_before", s.pi_before).field("performance_impact_after", s.pi_after);
      w.field("loss_share_before", s.share_before).field("loss_share_after", s.share_after);
      w.end_object();
    }
    w.end_array();
    w.key("montecarlo");
    if (!d.montecarlo) {
      w.null();
    } else {
      const compare::PairedLoss& p = *d.montecarlo;
      w.begin_object();
      w.field("runs", p.runs).field("mean_difference", p.mean_difference);
      w.key("paired_interval").begin_array().value(p.paired_low).value(p.paired_high).end_array();
      w.key("unpaired_interval").begin_array().value(p.unpaired_low).value(p.unpaired_high).end_array();
      w.field("correlation", p.correlation);
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

std::string format_compare_text(const compare::Comparison& c, std::size_t top) {
  std::string o = "comparison of " + std::to_string(c.chains.size()) + " chains (baseline: " + c.chains[0].name + ")\n";
  for (std::size_t i = 1; i < c.chains.size(); ++i) o += "  [" + std::to_string(i) + "] " + c.chains[i].name + "\n";
  o += "\n  kpi  baseline";
  for (std::size_t i = 1; i < c.chains.size(); ++i) o += "  [" + std::to_string(i) + "]  (change)";
  o += "  unit\n";
  const auto& base = c.chains[0].kpis;
  for (std::size_t k = 0; k < base.size(); ++k) {
    o += "  " + base[k].name + "  " + text_number(base[k].value);
    for (std::size_t i = 1; i < c.chains.size(); ++i) {
      const double v = c.chains[i].kpis[k].value, d = delta(v, base[k].value);
      o += "  " + text_number(v) + "  (" + (d > 0 ? "+" : "") + text_number(d) + ")";
    }
    o += "  " + base[k].unit + "\n";
  }
  for (std::size_t i = 0; i < c.diffs.size(); ++i) {
    const compare::VariantDiff& d = c.diffs[i];
    o += "\n[" + std::to_string(i + 1) + "] " + c.chains[i + 1].name + ":\n";
    std::string rows;
    for (const auto& t : d.tables.tables)
      rows += (rows.empty() ? "" : ", ") + t.table + " +" + std::to_string(t.added) + " -" + std::to_string(t.removed) + " ~" + std::to_string(t.changed);
    o += "  rows: " + (rows.empty() ? std::string("no table differs") : rows) + "\n";
    if (d.flows_moved > 0) {
      o += "  flows moved: " + std::to_string(d.flows_moved) + "; largest by value:\n";
      for (std::size_t k = 0; k < d.flows.size() && k < top; ++k) {
        const auto& f = d.flows[k];
        o += "    " + f.from + " -> " + f.to + " (" + f.product + ")  " + text_number(f.before) + " -> " + text_number(f.after) + "\n";
      }
    }
    for (const auto& s : d.spofs)
      o += std::string("  single point of failure ") + (s.gained ? "gained: " : "lost: ") + s.site + " for " + s.market + " (" + s.product + ")\n";
    if (!d.sites.empty()) {
      o += "  sites that changed most (tts before -> after, performance impact before -> after):\n";
      for (std::size_t k = 0; k < d.sites.size() && k < top; ++k) {
        const auto& s = d.sites[k];
        o += "    " + s.site + "  " + text_number(s.tts_before) + " -> " + text_number(s.tts_after) + "  " + text_number(s.pi_before) +
             " -> " + text_number(s.pi_after) + "\n";
      }
    }
    if (d.montecarlo) {
      const auto& p = *d.montecarlo;
      o += "  expected loss change " + text_number(p.mean_difference) + ", 95 % interval paired [" + text_number(p.paired_low) + ", " +
           text_number(p.paired_high) + "] (unpaired it would be [" + text_number(p.unpaired_low) + ", " + text_number(p.unpaired_high) +
           "]; " + std::to_string(p.runs) + " common-random-number runs)\n";
    }
  }
  return o;
}

std::vector<std::pair<std::string, std::string>> compare_csv(const compare::Comparison& c,
                                                             const std::vector<const model::Chain*>& chains) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string k = "variant,kpi,analysis,value,delta,unit\n";
  const auto& base = c.chains[0].kpis;
  for (std::size_t i = 0; i < c.chains.size(); ++i)
    for (std::size_t j = 0; j < base.size(); ++j) {
      const auto& x = c.chains[i].kpis[j];
      csv_row(k, {c.chains[i].name, x.name, x.analysis, num(x.value), num(delta(x.value, base[j].value)), x.unit});
    }
  out.emplace_back("compare_kpis.csv", std::move(k));
  std::string f = "variant,from,to,product,occurrence,before,after,value_change\n";
  std::string s = "variant,site,market,product,change\n";
  std::string t =
      "variant,site,tts_before,tts_after,performance_impact_before,performance_impact_after,loss_share_before,"
      "loss_share_after,lat,lon\n";
  std::string r = "variant,table,key,change,column,before,after\n";
  std::string m = "variant,runs,mean_difference,paired_low,paired_high,unpaired_low,unpaired_high,correlation\n";
  for (std::size_t i = 0; i < c.diffs.size(); ++i) {
    const std::string& v = c.chains[i + 1].name;
    const auto& d = c.diffs[i];
    for (const auto& x : d.flows)
      csv_row(f, {v, x.from, x.to, x.product, std::to_string(x.occurrence), num(x.before), num(x.after), num(x.value_change)});
    for (const auto& x : d.spofs) csv_row(s, {v, x.site, x.market, x.product, x.gained ? "gained" : "lost"});
    for (const auto& x : d.sites) {
      double lat = std::nan(""), lon = std::nan("");
      for (std::size_t k : {i + 1, std::size_t{0}}) {
        if (k >= chains.size() || chains[k] == nullptr) continue;
        const model::SiteId s = chains[k]->find_site(x.site);
        if (s == model::kInvalidId || s >= chains[k]->num_sites()) continue;
        lat = chains[k]->sites().lat[s];
        lon = chains[k]->sites().lon[s];
        break;
      }
      csv_row(t, {v, x.site, num(x.tts_before), num(x.tts_after), num(x.pi_before), num(x.pi_after), num(x.share_before),
                  num(x.share_after), num(lat), num(lon)});
    }
    for (const auto& row : d.tables.rows)
      for (const auto& cell : row.cells)
        csv_row(r, {v, row.table, row.key, variant::to_string(row.kind), cell.column, cell.before, cell.after});
    if (d.montecarlo) {
      const auto& p = *d.montecarlo;
      csv_row(m, {v, std::to_string(p.runs), num(p.mean_difference), num(p.paired_low), num(p.paired_high), num(p.unpaired_low),
                  num(p.unpaired_high), num(p.correlation)});
    }
  }
  out.emplace_back("compare_flows.csv", std::move(f));
  out.emplace_back("compare_spofs.csv", std::move(s));
  out.emplace_back("compare_sites.csv", std::move(t));
  out.emplace_back("compare_rows.csv", std::move(r));
  out.emplace_back("compare_montecarlo.csv", std::move(m));
  return out;
}

}  // namespace chainnet::io
