#include "chainnet/io/info_report.hpp"

#include <cstdio>

#include "chainnet/io/files.hpp"

namespace chainnet::io {
namespace {

std::string pad(std::string s, std::size_t n) {
  if (s.size() < n) s.append(n - s.size(), ' ');
  return s;
}

std::string num(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, x >= 1e6 ? "%.4g" : "%.10g", x);
  return buf;
}

std::string histogram(const std::vector<std::uint32_t>& v) {
  std::string s;
  for (std::size_t t = 0; t < v.size(); ++t) {
    if (!s.empty()) s += ", ";
    s += std::to_string(t) + ": " + std::to_string(v[t]);
  }
  return s;
}

}  // namespace

void write_info_json(JsonWriter& w, const model::Chain& c, const model::ChainSummary& s) {
  w.begin_object();
  w.field("name", c.name());
  w.field("products", s.products);
  w.field("raw_materials", s.raw_materials);
  w.field("sites", s.sites);
  w.field("hubs", s.hubs);
  w.field("supplies", s.supplies);
  w.field("lanes", s.lanes);
  w.field("regions", s.regions);
  w.field("firms", s.firms);
  w.field("production_lines", s.production_lines);
  w.field("markets", s.markets);
  w.field("single_sourced", s.single_sourced);
  w.key("sites_by_kind").begin_object();
  for (int k = 0; k < model::kNumSiteKinds; ++k)
    w.field(model::to_string(static_cast<model::SiteKind>(k)), s.sites_by_kind[k]);
  w.end_object();
  w.key("lanes_by_mode").begin_object();
  for (int m = 0; m < model::kNumModes; ++m)
    w.field(model::to_string(static_cast<model::Mode>(m)), s.lanes_by_mode[m]);
  w.end_object();
  w.field("max_tier", s.tiers.max_tier);
  w.key("sites_by_tier").begin_array();
  for (auto n : s.tiers.sites_per_tier) w.value(n);
  w.end_array();
  w.field("untiered_sites", s.tiers.unreached);
  w.key("chain_masters").begin_array();
  for (auto m : s.masters) w.value(c.site_id(m));
  w.end_array();
  if (s.masters.empty()) {
    w.key("max_master_tier").null();
  } else {
    w.field("max_master_tier", s.master_tiers.max_tier);
  }
  w.key("sites_by_master_tier").begin_array();
  for (auto n : s.master_tiers.sites_per_tier) w.value(n);
  w.end_array();
  w.field("bom_depth", s.bom_depth);
  w.field("demand_per_period", s.demand_per_period);
  w.field("demand_value_per_period", s.demand_value_per_period);
  w.key("units").begin_object();
  w.field("quantity", c.units().quantity);
  w.field("time", c.units().time);
  w.field("currency", c.units().currency);
  w.end_object();
  w.end_object();
}

std::string format_info_text(const model::Chain& c, const model::ChainSummary& s) {
  std::string o;
  auto line = [&](const std::string& k, const std::string& v) { o += "  " + pad(k, 22) + v + "\n"; };
  o += c.name().empty() ? std::string("chain\n") : c.name() + "\n";
  line("products", std::to_string(s.products) + " (" + std::to_string(s.raw_materials) +
                       " raw materials, BOM depth " + std::to_string(s.bom_depth) + ")");
  std::string kinds;
  for (int k = 0; k < model::kNumSiteKinds; ++k)
    if (s.sites_by_kind[k] > 0)
      kinds += (kinds.empty() ? "" : ", ") + std::to_string(s.sites_by_kind[k]) + " " +
               std::string(model::to_string(static_cast<model::SiteKind>(k)));
  line("sites", std::to_string(s.sites) + (kinds.empty() ? "" : " (" + kinds + ")"));
  line("firms", std::to_string(s.firms));
  line("regions", std::to_string(s.regions));
  line("supplies", std::to_string(s.supplies) + " (" + std::to_string(s.single_sourced) +
                       " buyer-product pairs single-sourced)");
  std::string modes;
  for (int m = 0; m < model::kNumModes; ++m)
    if (s.lanes_by_mode[m] > 0)
      modes += (modes.empty() ? "" : ", ") + std::to_string(s.lanes_by_mode[m]) + " " +
               std::string(model::to_string(static_cast<model::Mode>(m)));
  line("lanes", std::to_string(s.lanes) + (modes.empty() ? "" : " (" + modes + ")"));
  line("hubs", std::to_string(s.hubs));
  line("demand per " + c.units().time,
       num(s.demand_per_period) + " " + c.units().quantity + ", worth " +
           num(s.demand_value_per_period) + " " + c.units().currency);
  line("tiers from markets", "max " + std::to_string(s.tiers.max_tier) + "  [sites per tier " +
                                 histogram(s.tiers.sites_per_tier) + "]" +
                                 (s.tiers.unreached ? ", " + std::to_string(s.tiers.unreached) + " sites supply no market" : ""));
  if (!s.masters.empty()) {
    std::string names;
    for (auto m : s.masters) names += (names.empty() ? "" : ", ") + std::string(c.site_id(m));
    line("chain master", names);
    line("tiers from master", "max " + std::to_string(s.master_tiers.max_tier) + "  [sites per tier " +
                                  histogram(s.master_tiers.sites_per_tier) + "]");
  }
  return o;
}

std::string format_tiers_csv(const model::Chain& c, const model::ChainSummary& s) {
  std::string o = "site,kind,region,tier,master_tier,lat,lon\n";
  const auto& st = c.sites();
  for (model::SiteId i = 0; i < c.num_sites(); ++i) {
    append_csv_field(o, c.site_id(i));
    o += ',';
    o += model::to_string(st.kind[i]);
    o += ',';
    if (st.region[i] != model::kInvalidId) append_csv_field(o, c.regions().codes.name(st.region[i]));
    o += ',';
    if (s.tiers.tier[i] != model::kInvalidId) o += std::to_string(s.tiers.tier[i]);
    o += ',';
    if (!s.master_tiers.tier.empty() && s.master_tiers.tier[i] != model::kInvalidId)
      o += std::to_string(s.master_tiers.tier[i]);
    append_site_coordinates(o, c, i);
    o += '\n';
  }
  return o;
}

}  // namespace chainnet::io
