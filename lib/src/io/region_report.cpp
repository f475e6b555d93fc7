#include "chainnet/io/region_report.hpp"

#include <cmath>
#include <cstdio>


namespace chainnet::io {
namespace {

std::string num(double x) { return std::isfinite(x) ? format_number(x) : std::string(); }

std::string g4(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "-" : "unlimited";
  char b[48];
  std::snprintf(b, sizeof b, "%.4g", x);
  return b;
}

std::string pct(double x) {
  if (!std::isfinite(x)) return "-";
  char b[48];
  std::snprintf(b, sizeof b, "%.1f %%", 100 * x);
  return b;
}

}  // namespace

void write_region_json(JsonWriter& w, const model::Chain& c, const strengthen::RegionProfile& r) {
  w.begin_object();
  w.field("region", r.region);
  w.key("sites").begin_array();
  for (model::SiteId s : r.sites) w.value(c.site_id(s));
  w.end_array();
  w.field("production_value", r.production_value).field("import_value", r.import_value).field("export_value", r.export_value);
  w.key("stages").begin_array();
  for (const auto& s : r.stages) {
    w.begin_object();
    w.field("level", s.level).field("products", s.products).field("made_here", s.made_here).field("imported", s.imported);
    w.field("production_value", s.production_value).field("import_value", s.import_value).field("value_share", s.value_share);
    w.end_object();
  }
  w.end_array();
  w.key("products").begin_array();
  for (const auto& p : r.products) {
    w.begin_object();
    w.field("product", c.product_id(p.product)).field("level", p.level).field("makers", p.makers).field("makers_here", p.makers_here);
    w.field("capacity", p.capacity).field("capacity_here", p.capacity_here).field("capacity_share", p.capacity_share);
    w.field("production_share", p.production_share).field("import_value", p.import_value);
    w.field("top_country", p.top_country).field("top_country_share", p.top_country_share);
    w.field("hhi_country", p.hhi_country).field("hhi_region", p.hhi_region);
    w.end_object();
  }
  w.end_array();
  w.key("candidates").begin_array();
  for (const auto& k : r.candidates) {
    w.begin_object();
    w.field("candidate", k.id).field("product", c.product_id(k.product));
    w.field("import_value_removed", k.import_value_removed);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::vector<std::pair<std::string, std::string>> region_csv(const model::Chain& c, const strengthen::RegionProfile& r) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string s = "level,products,made_here,imported,production_value,import_value,value_share\n";
  for (const auto& x : r.stages)
    s += std::to_string(x.level) + "," + std::to_string(x.products) + "," + std::to_string(x.made_here) + "," +
         std::to_string(x.imported) + "," + num(x.production_value) + "," + num(x.import_value) + "," + num(x.value_share) + "\n";
  out.emplace_back("region_stages.csv", s);
  std::string p =
      "product,level,makers,makers_here,capacity,capacity_here,capacity_share,production_share,import_value,top_country,"
      "top_country_share,hhi_country,hhi_region\n";
  for (const auto& x : r.products)
    p += std::string(c.product_id(x.product)) + "," + std::to_string(x.level) + "," + std::to_string(x.makers) + "," +
         std::to_string(x.makers_here) + "," + (std::isinf(x.capacity) ? std::string("inf") : num(x.capacity)) + "," +
         (std::isinf(x.capacity_here) ? std::string("inf") : num(x.capacity_here)) + "," + num(x.capacity_share) + "," +
         num(x.production_share) + "," + num(x.import_value) + "," + x.top_country + "," + num(x.top_country_share) + "," +
         num(x.hhi_country) + "," + num(x.hhi_region) + "\n";
  out.emplace_back("region_products.csv", p);
  std::string k = "candidate,product,import_value_removed\n";
  for (const auto& x : r.candidates)
    k += x.id + "," + std::string(c.product_id(x.product)) + "," + num(x.import_value_removed) + "\n";
  out.emplace_back("region_candidates.csv", k);
  return out;
}

std::string format_region_text(const model::Chain& c, const strengthen::RegionProfile& r, std::size_t top) {
  std::string o = "region " + r.region + ": " + std::to_string(r.sites.size()) + " sites; makes " + g4(r.production_value) +
                  ", imports " + g4(r.import_value) + ", exports " + g4(r.export_value) + " a period (value, normal plan)\n";
  o += "  stage (BOM level)  products  made here  imported  share of value made here\n";
  for (const auto& s : r.stages)
    o += "  " + std::to_string(s.level) + "  " + std::to_string(s.products) + "  " + std::to_string(s.made_here) + "  " +
         std::to_string(s.imported) + "  " + pct(s.value_share) + "\n";
  o += "  products imported most (concentration of their making)\n";
  o += "  product  level  makers (here)  capacity share here  top country (share)  HHI by country  import value\n";
  std::size_t n = 0;
  for (const auto& p : r.products) {
    if (p.import_value <= 0 || n++ >= top) continue;
    o += "  " + std::string(c.product_id(p.product)) + "  " + std::to_string(p.level) + "  " + std::to_string(p.makers) + " (" +
         std::to_string(p.makers_here) + ")  " + pct(p.capacity_share) + "  " + (p.top_country.empty() ? "-" : p.top_country) +
         " (" + pct(p.top_country_share) + ")  " + g4(p.hhi_country) + "  " + g4(p.import_value) + "\n";
  }
  if (!r.candidates.empty()) {
    o += "  candidates that would make here what the region imports (import value they can replace)\n";
    for (std::size_t i = 0; i < r.candidates.size() && i < top; ++i)
      o += "  " + r.candidates[i].id + "  " + std::string(c.product_id(r.candidates[i].product)) + "  " +
           g4(r.candidates[i].import_value_removed) + "\n";
  }
  return o;
}

}  // namespace chainnet::io
