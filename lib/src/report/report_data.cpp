// The report's data document: what the page draws, aggregated or sampled to the limits.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/io/criticality_report.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/summary.hpp"
#include "chainnet/report/report.hpp"

namespace chainnet::report {
namespace {

using model::Chain;
using model::NodeId;
using model::SiteId;

constexpr std::uint8_t kSpof = 1, kAtRisk = 2, kDisrupted = 4;

std::string thousands(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

/// Per node (sites then hubs): is it hit by some scenario disruption? And per lane.
void mark_disrupted(const Chain& c, std::vector<std::uint8_t>& node_flags, std::vector<std::uint8_t>& lane_hit) {
  const auto& st = c.sites();
  const auto& lt = c.lanes();
  for (const model::Disruption& d : c.disruptions()) {
    switch (d.target) {
      case model::DisruptionTarget::sites:
        for (SiteId s : d.sites) node_flags[s] |= kDisrupted;
        break;
      case model::DisruptionTarget::region:
        for (SiteId s = 0; s < c.num_sites(); ++s)
          if (st.region[s] != model::kInvalidId && c.regions().within(st.region[s], d.region)) node_flags[s] |= kDisrupted;
        for (std::uint32_t h = 0; h < c.hubs().size(); ++h)
          if (c.hubs().region[h] != model::kInvalidId && c.regions().within(c.hubs().region[h], d.region))
            node_flags[c.num_sites() + h] |= kDisrupted;
        break;
      case model::DisruptionTarget::product: {
        const auto& mk = c.makes();
        for (model::MakeId m = 0; m < mk.size(); ++m) {
          if (mk.product[m] != d.product) continue;
          const SiteId s = mk.site[m];
          if (d.from_region == model::kInvalidId ||
              (st.region[s] != model::kInvalidId && c.regions().within(st.region[s], d.from_region)))
            node_flags[s] |= kDisrupted;
        }
        break;
      }
      case model::DisruptionTarget::lanes:
        for (model::LaneId l : d.lanes) lane_hit[l] = 1;
        break;
      case model::DisruptionTarget::mode:
        for (model::LaneId l = 0; l < lt.size(); ++l)
          if (lt.mode[l] == d.mode) lane_hit[l] = 1;
        break;
      case model::DisruptionTarget::hubs:
        for (NodeId h : d.hubs) {
          node_flags[h] |= kDisrupted;
          for (model::LaneId l = 0; l < lt.size(); ++l)
            if (lt.from[l] == h || lt.to[l] == h) lane_hit[l] = 1;
        }
        break;
    }
  }
}

/// `"key": [value(0), ..., value(n - 1)]`: the data document is mostly such columns.
template <class Value>
void array(io::JsonWriter& w, std::string_view key, std::size_t n, Value&& value) {
  w.key(key).begin_array();
  for (std::size_t i = 0; i < n; ++i) value(i);
  w.end_array();
}

void cell_value(io::JsonWriter& w, const io::ReportCell& x) {
  switch (x.kind) {
    case io::ReportCell::Kind::text:
    case io::ReportCell::Kind::raw: w.value(x.text); break;  // raw: its readable form (a list as text)
    case io::ReportCell::Kind::number: w.value(x.number); break;
    case io::ReportCell::Kind::boolean: w.value(x.flag); break;
    case io::ReportCell::Kind::none: w.null(); break;
  }
}

struct TableOut {
  std::string key, title, note;
  std::vector<std::string> columns;
  const std::vector<std::vector<io::ReportCell>>* rows = nullptr;
  std::vector<std::size_t> order;  ///< rows to show, in order (empty: the first ones)
};

void write_table(io::JsonWriter& w, const TableOut& t, std::size_t limit) {
  w.begin_object();
  w.field("key", t.key).field("title", t.title).field("note", t.note);
  w.key("columns").begin_array();
  for (const std::string& col : t.columns) w.value(col);
  w.end_array();
  const std::size_t total = t.rows->size();
  w.field("total", static_cast<std::uint64_t>(total));
  w.key("rows").begin_array();
  const std::size_t n = std::min(total, limit);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& row = (*t.rows)[t.order.empty() ? i : t.order[i]];
    w.begin_array();
    for (const io::ReportCell& x : row) cell_value(w, x);
    w.end_array();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string report_data_json(const ReportInputs& in, const ReportLimits& lim) {
  if (in.chain == nullptr) throw InvalidInput("report: no chain given");
  const Chain& c = *in.chain;
  const auto& st = c.sites();
  const auto& ht = c.hubs();
  const auto& lt = c.lanes();
  const auto& sp = c.supplies();
  const auto& value = c.products().value;
  const std::uint32_t num_sites = c.num_sites();
  const std::uint32_t num_nodes = c.num_nodes();
  std::vector<std::string> notes;

  // Per node: flags, throughput, tier, survival.
  std::vector<std::uint8_t> flags(num_nodes, 0), lane_hit(lt.size(), 0);
  mark_disrupted(c, flags, lane_hit);
  if (in.criticality)
    for (const weak::SinglePoint& p : in.criticality->single_points.sites) flags[p.site] |= kSpof;
  std::vector<double> tts(num_sites, std::nan("")), ttr(num_sites, std::nan("")), impact(num_sites, std::nan(""));
  if (in.survival)
    for (const stress::SiteSurvival& s : in.survival->sites) {
      if (s.at_risk) flags[s.site] |= kAtRisk;
      tts[s.site] = s.tts;
      ttr[s.site] = s.ttr;
      impact[s.site] = s.performance_impact;
    }
  std::vector<double> share(num_sites, std::nan(""));
  if (in.sweep)
    for (const stress::SiteImportance& s : in.sweep->sites) share[s.site] = s.lost_value_share;
  std::vector<double> throughput(num_nodes, 0.0);
  if (in.normal) {
    for (model::SupplyId e = 0; e < sp.size() && e < in.normal->supply.size(); ++e)
      throughput[sp.seller[e]] += in.normal->supply[e];
    const auto& hd = c.holdings();
    for (model::HoldingId h = 0; h < hd.size() && h < in.normal->sales.size(); ++h) throughput[hd.site[h]] += in.normal->sales[h];
  }
  std::vector<double> lane_flow(lt.size(), 0.0);
  if (in.flow)
    for (const flow::RoutedFlow& f : in.flow->flows)
      for (model::LaneId l : f.lanes) lane_flow[l] += f.quantity;
  if (in.flow)  // hubs' throughput: what passes through them
    for (model::LaneId l = 0; l < lt.size(); ++l)
      if (c.is_hub(lt.to[l])) throughput[lt.to[l]] += lane_flow[l];
  const model::ChainSummary summary = model::summarize(c);
  const auto& tier = summary.tiers.tier;
  auto tier_of = [&](SiteId s) -> std::int64_t {
    return s < tier.size() && tier[s] != model::kInvalidId ? static_cast<std::int64_t>(tier[s]) : -1;
  };

  // The map's nodes: flagged sites first, then by throughput, then by id; hubs count as nodes.
  std::vector<NodeId> order(num_nodes);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
    if ((flags[a] != 0) != (flags[b] != 0)) return flags[a] != 0;
    return throughput[a] > throughput[b];
  });
  const std::size_t shown = std::min<std::size_t>(num_nodes, lim.map_sites);
  order.resize(shown);
  std::sort(order.begin(), order.end());  // id order: the page's tables and the data read naturally
  std::vector<std::int64_t> index(num_nodes, -1);
  for (std::size_t i = 0; i < order.size(); ++i) index[order[i]] = static_cast<std::int64_t>(i);
  if (shown < num_nodes)
    notes.push_back("The map shows " + thousands(shown) + " of " + thousands(num_nodes) +
                    " sites and hubs: every flagged one (single point of failure, at risk, disrupted), then those "
                    "with the most throughput. Tables and charts cover the whole chain.");

  io::JsonWriter w(false);
  w.begin_object();
  w.key("meta").begin_object();
  w.field("chainnet", CHAINNET_VERSION).field("name", c.name()).field("description", c.description());
  w.field("scenario", in.scenario_path);
  w.key("units").begin_object();
  w.field("quantity", c.units().quantity).field("time", c.units().time).field("currency", c.units().currency);
  w.end_object();
  w.field("tiles", c.settings().report.tiles);
  w.end_object();

  std::size_t located = 0;
  for (SiteId s = 0; s < num_sites; ++s) located += std::isfinite(st.lat[s]) && std::isfinite(st.lon[s]);
  w.key("counts").begin_object();
  w.field("sites", num_sites).field("hubs", ht.size()).field("supplies", sp.size()).field("lanes", lt.size());
  w.field("products", c.products().size()).field("located_sites", static_cast<std::uint64_t>(located));
  w.field("max_tier", summary.tiers.max_tier);
  w.field("demand_value", in.normal ? in.normal->demand_value : std::nan(""));
  std::uint64_t spofs = 0, at_risk = 0;
  for (SiteId s = 0; s < num_sites; ++s) {
    spofs += (flags[s] & kSpof) != 0;
    at_risk += (flags[s] & kAtRisk) != 0;
  }
  w.field("spof_sites", spofs).field("at_risk_sites", at_risk);
  w.end_object();

  // Nodes, column by column (smaller than one object per node).
  w.key("nodes").begin_object();
  auto column = [&](std::string_view key, auto&& fn) {
    w.key(key).begin_array();
    for (NodeId n : order) fn(n);
    w.end_array();
  };
  column("id", [&](NodeId n) { w.value(c.node_ids().name(n)); });
  column("name", [&](NodeId n) { w.value(c.is_hub(n) ? ht.names[n - num_sites] : st.names[n]); });
  column("kind", [&](NodeId n) { w.value(c.is_hub(n) ? std::string_view("hub") : model::to_string(st.kind[n])); });
  column("tier", [&](NodeId n) {
    const std::int64_t t = c.is_hub(n) ? -1 : tier_of(n);
    if (t < 0) w.null(); else w.value(t);
  });
  column("region", [&](NodeId n) {
    const model::RegionId r = c.is_hub(n) ? ht.region[n - num_sites] : st.region[n];
    w.value(r == model::kInvalidId ? std::string_view() : c.regions().codes.name(r));
  });
  column("lat", [&](NodeId n) { w.value(c.is_hub(n) ? ht.lat[n - num_sites] : st.lat[n]); });
  column("lon", [&](NodeId n) { w.value(c.is_hub(n) ? ht.lon[n - num_sites] : st.lon[n]); });
  column("throughput", [&](NodeId n) { w.value(throughput[n]); });
  column("flags", [&](NodeId n) { w.value(static_cast<std::uint32_t>(flags[n])); });
  column("tts", [&](NodeId n) { w.value(c.is_hub(n) ? std::nan("") : tts[n]); });
  column("ttr", [&](NodeId n) { w.value(c.is_hub(n) ? std::nan("") : ttr[n]); });
  column("impact", [&](NodeId n) { w.value(c.is_hub(n) ? std::nan("") : impact[n]); });
  column("share", [&](NodeId n) { w.value(c.is_hub(n) ? std::nan("") : share[n]); });
  w.end_object();

  // Links between drawn nodes: lanes (by flow), and supplies (by planned flow).
  auto write_links = [&](std::string_view key, std::size_t count, auto&& ends, auto&& weight, auto&& extra) {
    std::vector<std::uint32_t> keep;
    for (std::uint32_t e = 0; e < count; ++e) {
      const auto [a, b] = ends(e);
      if (index[a] >= 0 && index[b] >= 0) keep.push_back(e);
    }
    const std::size_t between = keep.size();
    if (keep.size() > lim.map_links) {
      std::stable_sort(keep.begin(), keep.end(), [&](std::uint32_t x, std::uint32_t y) { return weight(x) > weight(y); });
      keep.resize(lim.map_links);
      std::sort(keep.begin(), keep.end());
    }
    if (keep.size() < count)
      notes.push_back("The map draws " + thousands(keep.size()) + " of " + thousands(count) + " " + std::string(key) +
                      (between > keep.size() ? " (those with the most flow between the nodes shown)." : " (those between the nodes shown)."));
    w.key(key).begin_object();
    w.key("from").begin_array();
    for (std::uint32_t e : keep) w.value(index[ends(e).first]);
    w.end_array();
    w.key("to").begin_array();
    for (std::uint32_t e : keep) w.value(index[ends(e).second]);
    w.end_array();
    w.key("flow").begin_array();
    for (std::uint32_t e : keep) w.value(weight(e));
    w.end_array();
    extra(keep);
    w.end_object();
  };
  write_links(
      "lanes", lt.size(), [&](std::uint32_t l) { return std::pair<NodeId, NodeId>(lt.from[l], lt.to[l]); },
      [&](std::uint32_t l) { return in.flow ? lane_flow[l] : std::nan(""); },
      [&](const std::vector<std::uint32_t>& keep) {
        w.key("mode").begin_array();
        for (std::uint32_t l : keep) w.value(model::to_string(lt.mode[l]));
        w.end_array();
        w.key("disrupted").begin_array();
        for (std::uint32_t l : keep) w.value(lane_hit[l] != 0);
        w.end_array();
      });
  write_links(
      "supplies", sp.size(), [&](std::uint32_t e) { return std::pair<NodeId, NodeId>(sp.seller[e], sp.buyer[e]); },
      [&](std::uint32_t e) { return in.normal && e < in.normal->supply.size() ? in.normal->supply[e] : std::nan(""); },
      [&](const std::vector<std::uint32_t>& keep) {
        w.key("product").begin_array();
        for (std::uint32_t e : keep) w.value(c.product_id(sp.product[e]));
        w.end_array();
      });

  // The chain by tier: sites per tier and kind; value shipped by each tier's sites.
  {
    const std::uint32_t tiers = summary.tiers.max_tier + 1;
    std::vector<std::string_view> kinds;
    for (SiteId s = 0; s < num_sites; ++s)
      if (std::find(kinds.begin(), kinds.end(), model::to_string(st.kind[s])) == kinds.end())
        kinds.push_back(model::to_string(st.kind[s]));
    std::sort(kinds.begin(), kinds.end());
    std::vector<std::vector<std::uint64_t>> count(kinds.size(), std::vector<std::uint64_t>(tiers + 1, 0));
    std::vector<double> shipped(tiers + 1, 0.0);
    for (SiteId s = 0; s < num_sites; ++s) {
      const std::int64_t t = tier_of(s);
      const std::size_t col = t < 0 ? tiers : static_cast<std::size_t>(t);
      const auto k = std::find(kinds.begin(), kinds.end(), model::to_string(st.kind[s])) - kinds.begin();
      ++count[static_cast<std::size_t>(k)][col];
    }
    if (in.normal)
      for (model::SupplyId e = 0; e < sp.size() && e < in.normal->supply.size(); ++e) {
        const std::int64_t t = tier_of(sp.seller[e]);
        shipped[t < 0 ? tiers : static_cast<std::size_t>(t)] += in.normal->supply[e] * value[sp.product[e]];
      }
    w.key("tiers").begin_object();
    w.key("labels").begin_array();
    for (std::uint32_t t = 0; t < tiers; ++t) w.value("tier " + std::to_string(t));
    w.value("no tier");
    w.end_array();
    w.key("kinds").begin_array();
    for (std::string_view k : kinds) w.value(k);
    w.end_array();
    w.key("sites").begin_array();
    for (const auto& row : count) {
      w.begin_array();
      for (std::uint64_t x : row) w.value(x);
      w.end_array();
    }
    w.end_array();
    w.key("shipped_value");
    if (in.normal) {
      w.begin_array();
      for (double x : shipped) w.value(x);
      w.end_array();
    } else {
      w.null();
    }
    w.end_object();
  }

  // Stress timelines, one line per disruption (the worst ones when there are many).
  w.key("stress");
  if (in.stress && !in.stress->empty()) {
    std::vector<std::size_t> idx(in.stress->size());
    std::iota(idx.begin(), idx.end(), 0u);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return (*in.stress)[a].outcome.excess_lost_value > (*in.stress)[b].outcome.excess_lost_value; });
    if (idx.size() > lim.chart_items) {
      notes.push_back("The stress chart draws the " + std::to_string(lim.chart_items) + " disruptions with the largest loss of " +
                      thousands(idx.size()) + ".");
      idx.resize(lim.chart_items);
    }
    w.begin_array();
    for (std::size_t i : idx) {
      const stress::StressResult& r = (*in.stress)[i];
      w.begin_object();
      w.field("label", r.label).field("lost_value", r.outcome.excess_lost_value);
      w.field("recovery_period", r.outcome.recovery_period);
      array(w, "lost_value_by_period", r.lost_value_by_period.size(), [&](std::size_t i) { w.value(r.lost_value_by_period[i]); });
      w.end_object();
    }
    w.end_array();
  } else {
    w.null();
  }

  // Monte Carlo: the loss distribution as a histogram, with VaR and CVaR at 95 %.
  w.key("montecarlo");
  if (in.montecarlo && !in.montecarlo->lost_value.empty()) {
    const stress::MonteCarloResult& m = *in.montecarlo;
    const double hi = *std::max_element(m.lost_value.begin(), m.lost_value.end());
    const std::size_t bins = std::max<std::size_t>(1, lim.histogram_bins);
    const double width = hi > 0 ? hi / static_cast<double>(bins) : 1.0;
    std::vector<std::uint64_t> h(bins, 0);
    for (double x : m.lost_value)
      ++h[std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, x) / width))];
    w.begin_object();
    w.field("runs", static_cast<std::uint64_t>(m.lost_value.size()));
    w.field("mean", m.mean).field("var95", m.p95).field("cvar95", m.cvar95).field("p_any_loss", m.p_any_loss);
    w.field("bin_width", width);
    array(w, "counts", h.size(), [&](std::size_t i) { w.value(h[i]); });
    w.end_object();
  } else {
    w.null();
  }

  // Robustness curves.
  w.key("robustness");
  if (in.criticality && !in.criticality->robustness.removed_fraction.empty()) {
    const weak::RobustnessCurve& r = in.criticality->robustness;
    w.begin_object();
    auto arr = [&](std::string_view k, const std::vector<double>& v) {
      array(w, k, v.size(), [&](std::size_t i) { w.value(v[i]); });
    };
    arr("removed_fraction", r.removed_fraction);
    arr("random", r.served_random);
    arr("random_low", r.served_random_low);
    arr("random_high", r.served_random_high);
    arr("targeted", r.served_targeted);
    w.end_object();
  } else {
    w.null();
  }

  // TTS against TTR: the sites with the largest impact.
  w.key("survival");
  if (in.survival && !in.survival->sites.empty()) {
    const auto& ss = in.survival->sites;  // by rei, largest first
    const std::size_t n = std::min(ss.size(), lim.scatter_points);
    if (n < ss.size())
      notes.push_back("The TTS/TTR chart plots the " + thousands(n) + " sites with the largest performance impact of " +
                      thousands(ss.size()) + ".");
    w.begin_object();
    w.field("baseline_tts", in.survival->baseline_tts);
    array(w, "site", n, [&](std::size_t i) { w.value(c.site_id(ss[i].site)); });
    array(w, "tts", n, [&](std::size_t i) { w.value(ss[i].tts); });
    array(w, "ttr", n, [&](std::size_t i) { w.value(ss[i].ttr); });
    array(w, "at_risk", n, [&](std::size_t i) { w.value(ss[i].at_risk); });
    w.end_object();
  } else {
    w.null();
  }

  // The sweep's most important sites.
  w.key("sweep");
  if (in.sweep && !in.sweep->sites.empty()) {
    const std::size_t n = std::min(in.sweep->sites.size(), lim.chart_items);
    w.begin_object();
    w.field("duration", in.sweep->options.duration);
    array(w, "site", n, [&](std::size_t i) { w.value(c.site_id(in.sweep->sites[i].site)); });
    array(w, "lost_value_share", n, [&](std::size_t i) { w.value(in.sweep->sites[i].lost_value_share); });
    w.end_object();
  } else {
    w.null();
  }

  // Variants side by side.
  w.key("compare");
  if (in.comparison && in.comparison->chains.size() > 1) {
    const compare::Comparison& cmp = *in.comparison;
    w.begin_object();
    w.key("chains").begin_array();
    for (const compare::ChainResults& r : cmp.chains) w.value(r.name);
    w.end_array();
    w.key("kpis").begin_array();
    for (std::size_t k = 0; k < cmp.chains.front().kpis.size(); ++k) {
      const compare::Kpi& base = cmp.chains.front().kpis[k];
      w.begin_object();
      w.field("kpi", base.name).field("analysis", base.analysis).field("unit", base.unit);
      w.field("lower_is_better", base.lower_is_better);
      w.key("values").begin_array();
      for (const compare::ChainResults& r : cmp.chains) w.value(k < r.kpis.size() ? r.kpis[k].value : std::nan(""));
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }

  // The strengthen plan and its budget frontier.
  w.key("strengthen");
  if (in.strengthen) {
    const strengthen::StrengthenResult& s = *in.strengthen;
    auto cand = [&](std::uint32_t i) -> std::string {
      return in.candidates && i < in.candidates->size() ? (*in.candidates)[i].id : std::to_string(i);
    };
    w.begin_object();
    w.field("objective", strengthen::to_string(s.objective)).field("unit", s.unit).field("method", strengthen::to_string(s.method));
    w.field("budget", s.budget).field("before", s.before).field("after", s.after).field("total_cost", s.total_cost);
    w.field("proof", s.proof);
    w.key("steps").begin_array();
    for (const strengthen::PlanStep& p : s.steps) {
      w.begin_object();
      w.field("candidate", cand(p.candidate));
      if (in.candidates && p.candidate < in.candidates->size()) {
        const strengthen::Candidate& x = (*in.candidates)[p.candidate];
        w.field("kind", strengthen::to_string(x.kind)).field("name", x.name).field("cost", x.cost);
      }
      w.field("cost_so_far", p.cost_so_far).field("objective_after", p.objective_after).field("gain", p.gain);
      w.end_object();
    }
    w.end_array();
    w.key("frontier").begin_array();
    for (const strengthen::FrontierPoint& f : s.frontier) {
      w.begin_object();
      w.field("budget", f.budget).field("objective", f.objective).field("cost", f.cost);
      w.key("chosen").begin_array();
      for (std::uint32_t i : f.chosen) w.value(cand(i));
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }

  // Tables.
  w.key("tables").begin_array();
  if (in.criticality) {
    const std::vector<io::ReportTable> tables = io::criticality_tables(c, *in.criticality);
    auto find = [&](std::string_view key) -> const io::ReportTable& {
      for (const io::ReportTable& t : tables)
        if (t.key == key) return t;
      throw std::logic_error("report: no criticality table " + std::string(key));
    };
    auto emit = [&](const io::ReportTable& t, std::string title, std::string note, std::vector<std::size_t> order = {}) {
      TableOut o{t.key, std::move(title), std::move(note), t.columns, &t.rows, std::move(order)};
      write_table(w, o, lim.table_rows);
    };
    emit(find("single_points_of_failure"), "Single points of failure",
         "A site whose failure alone cuts a market off from a product (demand value per " + c.units().time + ").");
    emit(find("single_sourced"), "Stuck-neck inputs (single-sourced)",
         "A buyer with one supplier of an input; value at risk per " + c.units().time + ".");
    const io::ReportTable& deep = find("deep_tier");
    std::vector<std::size_t> hidden_first(deep.rows.size());
    std::iota(hidden_first.begin(), hidden_first.end(), 0u);
    const std::size_t hidden =
        static_cast<std::size_t>(std::find(deep.columns.begin(), deep.columns.end(), "hidden") - deep.columns.begin());
    std::stable_sort(hidden_first.begin(), hidden_first.end(),
                     [&](std::size_t a, std::size_t b) { return deep.rows[a][hidden].flag && !deep.rows[b][hidden].flag; });
    emit(deep, "Hidden deep-tier dependencies",
         "Sites below tier 1 of the chain master on which a share of its input value depends; hidden: not a tier-1 supplier.",
         std::move(hidden_first));
    emit(find("bottlenecks"), "Flow bottlenecks (max-flow cuts)",
         "Per product: the most that can reach its markets, and the minimum cut that limits it.");
  }
  if (in.flow && !in.flow->bottlenecks.empty()) {
    std::vector<std::vector<io::ReportCell>> rows;
    auto txt = [](std::string_view s) { return io::ReportCell{io::ReportCell::Kind::text, std::string(s)}; };
    auto num = [](double x) {
      io::ReportCell r;
      r.kind = std::isfinite(x) ? io::ReportCell::Kind::number : io::ReportCell::Kind::none;
      r.number = x;
      return r;
    };
    for (const flow::Bottleneck& b : in.flow->bottlenecks) {
      std::string from, to, product;
      switch (b.kind) {
        case flow::BottleneckKind::lane:
          from = c.node_ids().name(lt.from[b.id]);
          to = c.node_ids().name(lt.to[b.id]);
          break;
        case flow::BottleneckKind::supply:
          from = c.site_id(sp.seller[b.id]);
          to = c.site_id(sp.buyer[b.id]);
          product = c.product_id(sp.product[b.id]);
          break;
        case flow::BottleneckKind::production:
          from = c.site_id(c.makes().site[b.id]);
          product = c.product_id(c.makes().product[b.id]);
          break;
      }
      rows.push_back({txt(flow::to_string(b.kind)), txt(from), txt(to), txt(product), num(b.capacity), num(b.flow),
                      num(b.shadow_price)});
    }
    TableOut o{"flow_bottlenecks", "Binding capacities of the flow plan",
               "Capacities the least-cost plan fills; shadow price: " + c.units().currency + " saved per extra unit per " +
                   c.units().time + ".",
               {"kind", "from", "to", "product", "capacity", "flow", "shadow_price"}, &rows, {}};
    write_table(w, o, lim.table_rows);
  }
  w.end_array();

  w.key("notes").begin_array();
  for (const std::string& n : notes) w.value(n);
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace chainnet::report
