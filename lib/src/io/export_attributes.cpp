#include "io/export_attributes.hpp"

#include <cmath>

namespace chainnet::io {

using model::NodeId;
using model::SiteId;

std::vector<AttrSpec> node_attributes(const ExportJoins& joins) {
  std::vector<AttrSpec> a = {{"id", AttrType::text},     {"node", AttrType::text},  {"name", AttrType::text},
                             {"kind", AttrType::text},   {"region", AttrType::text}, {"firm", AttrType::text},
                             {"lat", AttrType::number},  {"lon", AttrType::number}, {"ttr", AttrType::number},
                             {"tags", AttrType::text}};
  if (joins.flow) a.push_back({"throughput", AttrType::number});
  if (joins.survival) {
    a.push_back({"tts", AttrType::number});
    a.push_back({"performance_impact", AttrType::number});
    a.push_back({"at_risk", AttrType::boolean});
  }
  return a;
}

std::vector<AttrSpec> edge_attributes(const ExportJoins& joins) {
  std::vector<AttrSpec> a = {{"edge", AttrType::text},         {"from", AttrType::text},    {"to", AttrType::text},
                             {"product", AttrType::text},      {"capacity", AttrType::number},
                             {"share", AttrType::number},      {"lead_time", AttrType::integer},
                             {"mode", AttrType::text},         {"distance_km", AttrType::number},
                             {"time_h", AttrType::number},     {"cost", AttrType::number},
                             {"co2", AttrType::number}};
  if (joins.flow) a.push_back({"flow", AttrType::number});
  return a;
}

NodeJoins node_joins(const model::Chain& chain, const ExportJoins& joins) {
  NodeJoins nj;
  if (joins.flow) {
    const flow::NormalPlan& p = *joins.flow;
    nj.throughput.assign(chain.num_sites(), 0.0);
    const model::SupplyTable& E = chain.supplies();
    for (model::SupplyId e = 0; e < E.size(); ++e) nj.throughput[E.seller[e]] += p.supply[e];
    const model::HoldingTable& H = chain.holdings();
    for (model::HoldingId h = 0; h < H.size() && h < p.sales.size(); ++h) nj.throughput[H.site[h]] += p.sales[h];
  }
  if (joins.survival) {
    nj.tts.assign(chain.num_sites(), std::nan(""));
    nj.impact.assign(chain.num_sites(), std::nan(""));
    nj.at_risk.assign(chain.num_sites(), -1);
    for (const stress::SiteSurvival& s : joins.survival->sites) {
      nj.tts[s.site] = s.tts;
      nj.impact[s.site] = s.performance_impact;
      nj.at_risk[s.site] = s.at_risk ? 1 : 0;
    }
  }
  return nj;
}

namespace {

void text(AttrValue& v, std::string_view s) {
  v.present = true;
  v.text.assign(s);
}
void number(AttrValue& v, double x) {
  v.present = std::isfinite(x);
  v.number = x;
}
std::string_view region_code(const model::Chain& c, model::RegionId r) {
  return r == model::kInvalidId ? std::string_view() : c.regions().codes.name(r);
}

}  // namespace

void node_values(const model::Chain& chain, NodeId n, const ExportJoins& joins, const NodeJoins& nj,
                 std::vector<AttrValue>& out) {
  if (out.empty()) out.resize(node_attributes(joins).size());
  for (AttrValue& v : out) v.present = false;
  text(out[0], chain.node_ids().name(n));
  if (chain.is_hub(n)) {
    const std::uint32_t h = n - chain.num_sites();
    const model::HubTable& hubs = chain.hubs();
    text(out[1], "hub");
    if (!hubs.names[h].empty()) text(out[2], hubs.names[h]);
    if (const auto r = region_code(chain, hubs.region[h]); !r.empty()) text(out[4], r);
    number(out[6], hubs.lat[h]);
    number(out[7], hubs.lon[h]);
    return;
  }
  const SiteId s = n;
  const model::SiteTable& st = chain.sites();
  text(out[1], "site");
  if (!st.names[s].empty()) text(out[2], st.names[s]);
  text(out[3], to_string(st.kind[s]));
  if (const auto r = region_code(chain, st.region[s]); !r.empty()) text(out[4], r);
  if (st.firm[s] != model::kInvalidId) text(out[5], chain.firms().name(st.firm[s]));
  number(out[6], st.lat[s]);
  number(out[7], st.lon[s]);
  number(out[8], chain.site_ttr(s));
  if (st.tags.degree(s) > 0) {
    std::string tags;
    for (std::uint32_t t : st.tags[s]) {
      if (!tags.empty()) tags += ';';
      tags += chain.tags().name(t);
    }
    text(out[9], tags);
  }
  std::size_t k = 10;
  if (joins.flow) number(out[k++], nj.throughput[s]);
  if (joins.survival) {
    number(out[k], nj.tts[s]);  // infinite (the site is not needed) is left out, as in JSON
    number(out[k + 1], nj.impact[s]);
    if (nj.at_risk[s] >= 0) {
      out[k + 2].present = true;
      out[k + 2].number = nj.at_risk[s];
    }
  }
}

std::size_t edge_count(const model::Chain& chain) { return chain.supplies().size() + chain.lanes().size(); }

std::pair<NodeId, NodeId> edge_ends(const model::Chain& chain, std::size_t e) {
  const model::SupplyTable& E = chain.supplies();
  if (e < E.size()) return {E.seller[e], E.buyer[e]};
  const std::size_t l = e - E.size();
  return {chain.lanes().from[l], chain.lanes().to[l]};
}

void edge_values(const model::Chain& chain, std::size_t e, const ExportJoins& joins, std::vector<AttrValue>& out) {
  if (out.empty()) out.resize(edge_attributes(joins).size());
  for (AttrValue& v : out) v.present = false;
  const auto [from, to] = edge_ends(chain, e);
  text(out[1], chain.node_ids().name(from));
  text(out[2], chain.node_ids().name(to));
  const model::SupplyTable& E = chain.supplies();
  if (e < E.size()) {
    text(out[0], "supply");
    text(out[3], chain.product_id(E.product[e]));
    number(out[4], E.capacity[e]);
    number(out[5], E.share[e]);
    out[6].present = true;
    out[6].number = E.lead_time[e];
    if (joins.flow) number(out[12], joins.flow->supply[e]);
    return;
  }
  const std::size_t l = e - E.size();
  const model::LaneTable& L = chain.lanes();
  text(out[0], "lane");
  number(out[4], L.capacity[l]);
  text(out[7], to_string(L.mode[l]));
  number(out[8], L.distance_km[l]);
  number(out[9], L.time_h[l]);
  number(out[10], L.cost[l]);
  number(out[11], L.co2_kg[l]);
}

}  // namespace chainnet::io
