#include "chainnet/io/scenario_writer.hpp"

#include <cmath>
#include <filesystem>

#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"

namespace chainnet::io {
namespace {

using namespace model;

// Appends a number (empty for NaN, and for infinity where that means "not given").
void num(std::string& o, double x) {
  if (std::isfinite(x)) o += format_number(x);
}

void text(std::string& o, std::string_view s) { append_csv_field(o, s); }

// YAML double-quoted scalars accept JSON string syntax.
std::string y(std::string_view s) {
  std::string o;
  append_json_string(o, s);
  return o;
}

std::string region_code(const Chain& c, RegionId r) {
  return r == kInvalidId ? std::string() : std::string(c.regions().codes.name(r));
}

void write_yaml(const Chain& c, const std::vector<std::string>& tables, AtomicFile& f) {
  std::string o;
  o += "chainnet: 1\n";
  o += "name: " + y(c.name()) + "\n";
  if (!c.description().empty()) o += "description: " + y(c.description()) + "\n";
  o += "units: {quantity: " + y(c.units().quantity) + ", time: " + y(c.units().time) +
       ", currency: " + y(c.units().currency) + "}\n";
  const Settings& s = c.settings();
  o += "settings:\n  carbon_price: " + format_number(s.carbon_price) +
       "\n  value_of_time: " + format_number(s.value_of_time) +
       "\n  horizon: " + std::to_string(s.horizon) + "\n  ttr: " + format_number(s.ttr) +
       "\n  seed: " + std::to_string(s.seed) + "\n";
  for (const std::string& t : tables) o += t + ": {csv: " + t + ".csv}\n";
  if (!c.disruptions().empty()) {
    o += "disruptions:\n";
    for (const Disruption& d : c.disruptions()) {
      o += "  - id: " + y(d.id) + "\n";
      if (!d.name.empty()) o += "    name: " + y(d.name) + "\n";
      switch (d.target) {
        case DisruptionTarget::sites: {
          o += "    sites: [";
          for (std::size_t i = 0; i < d.sites.size(); ++i) o += (i ? ", " : "") + y(c.site_id(d.sites[i]));
          o += "]\n";
          break;
        }
        case DisruptionTarget::region: o += "    region: " + y(region_code(c, d.region)) + "\n"; break;
        case DisruptionTarget::lanes: {
          o += "    lanes: [";
          for (std::size_t i = 0; i < d.lanes.size(); ++i)
            o += std::string(i ? ", " : "") + "[" + y(c.node_ids().name(c.lanes().from[d.lanes[i]])) + ", " +
                 y(c.node_ids().name(c.lanes().to[d.lanes[i]])) + "]";
          o += "]\n";
          break;
        }
        case DisruptionTarget::mode: o += "    mode: " + std::string(to_string(d.mode)) + "\n"; break;
        case DisruptionTarget::product:
          o += "    product: " + y(c.product_id(d.product)) + "\n";
          if (d.from_region != kInvalidId) o += "    from_region: " + y(region_code(c, d.from_region)) + "\n";
          break;
      }
      o += "    capacity_loss: " + format_number(d.capacity_loss) + "\n    start: " + std::to_string(d.start) +
           "\n    duration: " + std::to_string(d.duration) + "\n";
    }
  }
  const MonteCarloSpec& mc = c.montecarlo();
  if (mc.present) {
    o += "montecarlo:\n  runs: " + std::to_string(mc.runs) + "\n  seed: " + std::to_string(mc.seed) + "\n  events:\n";
    if (mc.events.empty()) o.replace(o.size() - 1, 1, " []\n");
    for (const MonteCarloEvent& e : mc.events) {
      o += "    - {";
      if (e.all_sites) {
        o += "sites: all";
      } else if (e.region != kInvalidId) {
        o += "region: " + y(region_code(c, e.region));
      } else {
        o += "sites: [";
        for (std::size_t i = 0; i < e.sites.size(); ++i) o += (i ? ", " : "") + y(c.site_id(e.sites[i]));
        o += "]";
      }
      o += ", probability: " + format_number(e.probability) + ", duration: {";
      const DurationDistribution& d = e.duration;
      switch (d.kind) {
        case DurationDistribution::Kind::fixed: o += "fixed: " + format_number(d.a); break;
        case DurationDistribution::Kind::uniform: o += "uniform: [" + format_number(d.a) + ", " + format_number(d.b) + "]"; break;
        case DurationDistribution::Kind::lognormal: o += "lognormal: [" + format_number(d.a) + ", " + format_number(d.b) + "]"; break;
        case DurationDistribution::Kind::empirical:
          o += "empirical: [";
          for (std::size_t i = 0; i < d.values.size(); ++i) o += (i ? ", " : "") + format_number(d.values[i]);
          o += "]";
          break;
      }
      o += "}, capacity_loss: " + format_number(e.capacity_loss) + "}\n";
    }
  }
  if (!c.analyses().empty()) {
    o += "analyses: [";
    for (std::size_t i = 0; i < c.analyses().size(); ++i) o += (i ? ", " : "") + c.analyses()[i];
    o += "]\n";
  }
  f.write(o);
}

}  // namespace

std::vector<std::string> write_scenario(const Chain& c, const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<AtomicFile> files;
  std::vector<std::string> tables;
  auto open = [&](const std::string& name, std::string_view header) -> AtomicFile& {
    files.emplace_back((fs::path(dir) / (name + ".csv")).string());
    files.back().write(header);
    tables.push_back(name);
    return files.back();
  };
  const ProductTable& pt = c.products();
  {
    AtomicFile& f = open("products", "id,name,value\n");
    for (ProductId p = 0; p < pt.size(); ++p) {
      std::string& o = f.buffer();
      text(o, pt.ids.name(p));
      o += ',';
      text(o, pt.names[p]);
      o += ',';
      num(o, pt.value[p]);
      o += '\n';
      f.maybe_flush();
    }
  }
  {
    AtomicFile& f = open("bom", "product,input,quantity\n");
    for (ProductId p = 0; p < pt.size(); ++p)
      for (std::uint32_t k = pt.bom.first[p]; k < pt.bom.first[p + 1]; ++k) {
        std::string& o = f.buffer();
        text(o, pt.ids.name(p));
        o += ',';
        text(o, pt.ids.name(pt.bom.items[k]));
        o += ',';
        num(o, pt.bom_quantity[k]);
        o += '\n';
        f.maybe_flush();
      }
  }
  const SiteTable& st = c.sites();
  {
    AtomicFile& f = open("sites", "id,name,firm,kind,region,lat,lon,ttr,tags\n");
    for (SiteId s = 0; s < st.size(); ++s) {
      std::string& o = f.buffer();
      text(o, c.site_id(s));
      o += ',';
      text(o, st.names[s]);
      o += ',';
      if (c.firms().name(st.firm[s]) != c.site_id(s)) text(o, c.firms().name(st.firm[s]));
      o += ',';
      o += to_string(st.kind[s]);
      o += ',';
      text(o, region_code(c, st.region[s]));
      o += ',';
      num(o, st.lat[s]);
      o += ',';
      num(o, st.lon[s]);
      o += ',';
      num(o, st.ttr[s]);
      o += ',';
      std::string tags;
      for (TagId t : st.tags[s]) tags += (tags.empty() ? "" : ";") + std::string(c.tags().name(t));
      text(o, tags);
      o += '\n';
      f.maybe_flush();
    }
  }
  {
    AtomicFile& f = open("hubs", "id,name,region,lat,lon\n");
    const HubTable& hb = c.hubs();
    for (HubId h = 0; h < hb.size(); ++h) {
      std::string& o = f.buffer();
      text(o, c.node_ids().name(c.num_sites() + h));
      o += ',';
      text(o, hb.names[h]);
      o += ',';
      text(o, region_code(c, hb.region[h]));
      o += ',';
      num(o, hb.lat[h]);
      o += ',';
      num(o, hb.lon[h]);
      o += '\n';
      f.maybe_flush();
    }
  }
  const MakeTable& mt = c.makes();
  {
    AtomicFile& f = open("capacities", "site,product,capacity,cost,co2\n");
    for (MakeId m = 0; m < mt.size(); ++m) {
      std::string& o = f.buffer();
      text(o, c.site_id(mt.site[m]));
      o += ',';
      text(o, c.product_id(mt.product[m]));
      o += ',';
      num(o, mt.capacity[m]);
      o += ',';
      num(o, mt.unit_cost[m]);
      o += ',';
      num(o, mt.co2_kg[m]);
      o += '\n';
      f.maybe_flush();
    }
  }
  bool own = false;
  for (MakeId m = 0; m < mt.size(); ++m) own = own || mt.own_recipe[m];
  if (own) {
    AtomicFile& f = open("recipes", "site,product,input,quantity\n");
    for (MakeId m = 0; m < mt.size(); ++m) {
      if (!mt.own_recipe[m]) continue;
      for (std::uint32_t k = mt.recipe.first[m]; k < mt.recipe.first[m + 1]; ++k) {
        std::string& o = f.buffer();
        text(o, c.site_id(mt.site[m]));
        o += ',';
        text(o, c.product_id(mt.product[m]));
        o += ',';
        text(o, c.product_id(mt.recipe.items[k]));
        o += ',';
        num(o, mt.recipe_quantity[k]);
        o += '\n';
      }
      f.maybe_flush();
    }
  }
  const HoldingTable& ht = c.holdings();
  for (bool demand : {false, true}) {
    AtomicFile& f = open(demand ? "demands" : "stocks", "site,product,quantity\n");
    for (HoldingId h = 0; h < ht.size(); ++h) {
      const double q = demand ? ht.demand[h] : ht.stock[h];
      if (q == 0) continue;
      std::string& o = f.buffer();
      text(o, c.site_id(ht.site[h]));
      o += ',';
      text(o, c.product_id(ht.product[h]));
      o += ',';
      num(o, q);
      o += '\n';
      f.maybe_flush();
    }
  }
  {
    AtomicFile& f = open("supplies", "from,to,product,capacity,share,lead_time\n");
    const SupplyTable& sp = c.supplies();
    for (SupplyId e = 0; e < sp.size(); ++e) {
      std::string& o = f.buffer();
      text(o, c.site_id(sp.seller[e]));
      o += ',';
      text(o, c.site_id(sp.buyer[e]));
      o += ',';
      text(o, c.product_id(sp.product[e]));
      o += ',';
      num(o, sp.capacity[e]);
      o += ',';
      if (sp.share_given[e]) num(o, sp.share[e]);
      o += ',';
      o += std::to_string(sp.lead_time[e]);
      o += '\n';
      f.maybe_flush();
    }
  }
  {
    AtomicFile& f = open("lanes", "from,to,mode,distance_km,cost,time_h,capacity,co2\n");
    const LaneTable& lt = c.lanes();
    for (LaneId l = 0; l < lt.size(); ++l) {
      std::string& o = f.buffer();
      text(o, c.node_ids().name(lt.from[l]));
      o += ',';
      text(o, c.node_ids().name(lt.to[l]));
      o += ',';
      o += to_string(lt.mode[l]);
      o += ',';
      num(o, lt.distance_km[l]);
      o += ',';
      num(o, lt.cost[l]);
      o += ',';
      num(o, lt.time_h[l]);
      o += ',';
      num(o, lt.capacity[l]);
      o += ',';
      num(o, lt.co2_kg[l]);
      o += '\n';
      f.maybe_flush();
    }
  }
  files.emplace_back((fs::path(dir) / "scenario.yaml").string());
  write_yaml(c, tables, files.back());
  for (AtomicFile& f : files) f.close();
  std::vector<std::string> paths;
  for (AtomicFile& f : files) {
    f.commit();
    paths.push_back(f.path());
  }
  return paths;
}

}  // namespace chainnet::io
