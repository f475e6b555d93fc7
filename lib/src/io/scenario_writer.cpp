#include "chainnet/io/scenario_writer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"

namespace chainnet::io {
namespace {

using namespace model;

// Where the rows of the tables go: CSV files (write_scenario) or text tables in memory
// (scenario_tables). Both get the same cells, so a variant materialised in memory equals the
// one written out and loaded again.
class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void begin(const std::string& table, std::initializer_list<std::string_view> columns) = 0;
  virtual void field(std::string_view cell) = 0;
  virtual void end_row() = 0;
};

// One row, field by field: Row(sink).text(a).num(x).end(). Non-finite numbers are written as
// empty cells (NaN: not given; infinity: unlimited, the default).
class Row {
 public:
  explicit Row(TableSink& s) : s_(s) {}
  Row& text(std::string_view v) {
    s_.field(v);
    return *this;
  }
  Row& num(double x) {
    s_.field(std::isfinite(x) ? format_number_exact(x) : std::string());
    return *this;
  }
  Row& whole(std::uint64_t x) {
    s_.field(std::to_string(x));
    return *this;
  }
  void end() { s_.end_row(); }

 private:
  TableSink& s_;
};

class CsvSink final : public TableSink {
 public:
  explicit CsvSink(const std::string& dir) : dir_(dir) {}
  void begin(const std::string& table, std::initializer_list<std::string_view> columns) override {
    files_.emplace_back((std::filesystem::path(dir_) / (table + ".csv")).string());
    tables_.push_back(table);
    std::string& o = files_.back().buffer();
    bool first = true;
    for (std::string_view c : columns) {
      if (!first) o += ',';
      o += c;
      first = false;
    }
    o += '\n';
    first_ = true;
  }
  void field(std::string_view cell) override {
    std::string& o = files_.back().buffer();
    if (!first_) o += ',';
    append_csv_field(o, cell);
    first_ = false;
  }
  void end_row() override {
    files_.back().buffer() += '\n';
    files_.back().maybe_flush();
    first_ = true;
  }
  std::vector<AtomicFile> files_;
  std::vector<std::string> tables_;

 private:
  std::string dir_;
  bool first_ = true;
};

class TextSink final : public TableSink {
 public:
  void begin(const std::string& table, std::initializer_list<std::string_view> columns) override {
    TextTable& t = tables_[table];
    t.name = table + ".csv";
    t.columns.assign(columns.begin(), columns.end());
    t.cells.assign(t.columns.size(), {});
    cur_ = &t;
    col_ = 0;
  }
  void field(std::string_view cell) override { cur_->cells[col_++].emplace_back(cell); }
  void end_row() override { col_ = 0; }
  std::map<std::string, TextTable> tables_;

 private:
  TextTable* cur_ = nullptr;
  std::size_t col_ = 0;
};

// YAML double-quoted scalars accept JSON string syntax.
std::string y(std::string_view s) {
  std::string o;
  append_json_string(o, s);
  return o;
}

std::string region_code(const Chain& c, RegionId r) {
  return r == kInvalidId ? std::string() : std::string(c.regions().codes.name(r));
}

}  // namespace

std::string scenario_yaml(const Chain& c, const std::vector<std::string>& tables, bool with_variants) {
  std::string o;
  o += "chainnet: 1\n";
  o += "name: " + y(c.name()) + "\n";
  if (!c.description().empty()) o += "description: " + y(c.description()) + "\n";
  o += "units: {quantity: " + y(c.units().quantity) + ", time: " + y(c.units().time) +
       ", currency: " + y(c.units().currency) + "}\n";
  const Settings& s = c.settings();
  o += "settings:\n  carbon_price: " + format_number_exact(s.carbon_price) +
       "\n  value_of_time: " + format_number_exact(s.value_of_time) +
       "\n  horizon: " + std::to_string(s.horizon) + "\n  ttr: " + format_number_exact(s.ttr) +
       "\n  seed: " + std::to_string(s.seed) + "\n  hours_per_period: " + format_number_exact(s.hours_per_period) + "\n";
  if (!(s.candidates == CandidateRules{}))
    o += "  candidates: {supply_periods: " + format_number_exact(s.candidates.supply_periods) +
         ", stock_share: " + format_number_exact(s.candidates.stock_share) +
         ", capacity_periods: " + format_number_exact(s.candidates.capacity_periods) +
         ", capacity_share: " + format_number_exact(s.candidates.capacity_share) + "}\n";
  if (!(s.report == model::ReportSettings{})) {
    o += "  report: {objective: " + y(s.report.objective);
    if (!s.report.tiles.empty()) o += ", tiles: " + y(s.report.tiles);
    if (s.report.budget >= 0) o += ", budget: " + format_number_exact(s.report.budget);
    o += "}\n";
  }
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
        case DisruptionTarget::hubs: {
          o += "    hubs: [";
          for (std::size_t i = 0; i < d.hubs.size(); ++i) o += (i ? ", " : "") + y(c.node_ids().name(d.hubs[i]));
          o += "]\n";
          break;
        }
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
      o += "    capacity_loss: " + format_number_exact(d.capacity_loss) + "\n    start: " + std::to_string(d.start) +
           "\n    duration: " + std::to_string(d.duration) + "\n";
      if (d.stock_lost) o += "    stock: lost\n";
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
      o += ", probability: " + format_number_exact(e.probability) + ", duration: {";
      const DurationDistribution& d = e.duration;
      switch (d.kind) {
        case DurationDistribution::Kind::fixed: o += "fixed: " + format_number_exact(d.a); break;
        case DurationDistribution::Kind::uniform: o += "uniform: [" + format_number_exact(d.a) + ", " + format_number_exact(d.b) + "]"; break;
        case DurationDistribution::Kind::lognormal: o += "lognormal: [" + format_number_exact(d.a) + ", " + format_number_exact(d.b) + "]"; break;
        case DurationDistribution::Kind::empirical:
          o += "empirical: [";
          for (std::size_t i = 0; i < d.values.size(); ++i) o += (i ? ", " : "") + format_number_exact(d.values[i]);
          o += "]";
          break;
      }
      o += "}, capacity_loss: " + format_number_exact(e.capacity_loss) + "}\n";
    }
  }
  if (!c.analyses().empty()) {
    o += "analyses: [";
    for (std::size_t i = 0; i < c.analyses().size(); ++i) o += (i ? ", " : "") + c.analyses()[i];
    o += "]\n";
  }
  if (with_variants && !c.variants().empty()) {
    o += "variants:\n";
    for (const VariantSpec& v : c.variants()) {
      o += "  - id: " + y(v.id) + "\n";
      if (!v.name.empty()) o += "    name: " + y(v.name) + "\n";
      if (!v.base.empty()) o += "    base: " + y(v.base) + "\n";
      o += "    changes:";
      if (v.changes.empty()) o += " []";
      o += "\n";
      for (const ChangeSpec& ch : v.changes) o += "      - " + ch.yaml + "\n";
    }
  }
  if (with_variants && !c.candidates().empty()) {
    o += "candidates:\n";
    for (const CandidateSpec& x : c.candidates()) o += "  - " + x.yaml + "\n";
  }
  return o;
}

namespace {

// The tables of the chain, row by row, into `sink`.
void emit_tables(const Chain& c, TableSink& sink) {
  auto open = [&](const std::string& name, std::initializer_list<std::string_view> columns) -> TableSink& {
    sink.begin(name, columns);
    return sink;
  };
  const ProductTable& pt = c.products();
  {
    TableSink& f = open("products", {"id", "name", "value"});
    for (ProductId p = 0; p < pt.size(); ++p) Row(f).text(pt.ids.name(p)).text(pt.names[p]).num(pt.value[p]).end();
  }
  {
    TableSink& f = open("bom", {"product", "input", "quantity"});
    for (ProductId p = 0; p < pt.size(); ++p)
      for (std::uint32_t k = pt.bom.first[p]; k < pt.bom.first[p + 1]; ++k)
        Row(f).text(pt.ids.name(p)).text(pt.ids.name(pt.bom.items[k])).num(pt.bom_quantity[k]).end();
  }
  const SiteTable& st = c.sites();
  {
    TableSink& f = open("sites", {"id", "name", "firm", "kind", "region", "lat", "lon", "ttr", "tags"});
    std::string tags;
    for (SiteId s = 0; s < st.size(); ++s) {
      const std::string_view firm = c.firms().name(st.firm[s]);
      tags.clear();
      for (TagId t : st.tags[s]) tags += (tags.empty() ? "" : ";") + std::string(c.tags().name(t));
      Row(f).text(c.site_id(s)).text(st.names[s]).text(firm != c.site_id(s) ? firm : "")
          .text(to_string(st.kind[s])).text(region_code(c, st.region[s]))
          .num(st.lat[s]).num(st.lon[s]).num(st.ttr[s]).text(tags).end();
    }
  }
  {
    TableSink& f = open("hubs", {"id", "name", "region", "lat", "lon"});
    const HubTable& hb = c.hubs();
    for (HubId h = 0; h < hb.size(); ++h)
      Row(f).text(c.node_ids().name(c.num_sites() + h)).text(hb.names[h]).text(region_code(c, hb.region[h]))
          .num(hb.lat[h]).num(hb.lon[h]).end();
  }
  const MakeTable& mt = c.makes();
  {
    TableSink& f = open("capacities", {"site", "product", "capacity", "cost", "co2"});
    for (MakeId m = 0; m < mt.size(); ++m)
      Row(f).text(c.site_id(mt.site[m])).text(c.product_id(mt.product[m]))
          .num(mt.capacity[m]).num(mt.unit_cost[m]).num(mt.co2_kg[m]).end();
  }
  if (std::any_of(mt.own_recipe.begin(), mt.own_recipe.end(), [](std::uint8_t x) { return x != 0; })) {
    TableSink& f = open("recipes", {"site", "product", "input", "quantity"});
    for (MakeId m = 0; m < mt.size(); ++m)
      if (mt.own_recipe[m])
        for (std::uint32_t k = mt.recipe.first[m]; k < mt.recipe.first[m + 1]; ++k)
          Row(f).text(c.site_id(mt.site[m])).text(c.product_id(mt.product[m]))
              .text(c.product_id(mt.recipe.items[k])).num(mt.recipe_quantity[k]).end();
  }
  const HoldingTable& ht = c.holdings();
  for (bool demand : {false, true}) {
    TableSink& f = open(demand ? "demands" : "stocks", {"site", "product", "quantity"});
    for (HoldingId h = 0; h < ht.size(); ++h) {
      const double q = demand ? ht.demand[h] : ht.stock[h];
      if (q != 0) Row(f).text(c.site_id(ht.site[h])).text(c.product_id(ht.product[h])).num(q).end();
    }
  }
  {
    TableSink& f = open("supplies", {"from", "to", "product", "capacity", "share", "lead_time"});
    const SupplyTable& sp = c.supplies();
    for (SupplyId e = 0; e < sp.size(); ++e)
      Row(f).text(c.site_id(sp.seller[e])).text(c.site_id(sp.buyer[e])).text(c.product_id(sp.product[e]))
          .num(sp.capacity[e]).num(sp.share_given[e] ? sp.share[e] : NAN).whole(sp.lead_time[e]).end();
  }
  {
    TableSink& f = open("lanes", {"from", "to", "mode", "distance_km", "cost", "time_h", "capacity", "co2"});
    const LaneTable& lt = c.lanes();
    for (LaneId l = 0; l < lt.size(); ++l)
      Row(f).text(c.node_ids().name(lt.from[l])).text(c.node_ids().name(lt.to[l])).text(to_string(lt.mode[l]))
          .num(lt.distance_km[l]).num(lt.cost[l]).num(lt.time_h[l]).num(lt.capacity[l]).num(lt.co2_kg[l]).end();
  }
}

}  // namespace

std::map<std::string, TextTable> scenario_tables(const Chain& c) {
  TextSink sink;
  emit_tables(c, sink);
  return std::move(sink.tables_);
}

std::vector<std::string> write_scenario(const Chain& c, const std::string& dir, bool with_variants) {
  CsvSink sink(dir);
  emit_tables(c, sink);
  std::vector<AtomicFile>& files = sink.files_;
  files.emplace_back((std::filesystem::path(dir) / "scenario.yaml").string());
  files.back().write(scenario_yaml(c, sink.tables_, with_variants));
  for (AtomicFile& f : files) f.close();
  std::vector<std::string> paths;
  for (AtomicFile& f : files) {
    f.commit();
    paths.push_back(f.path());
  }
  return paths;
}

}  // namespace chainnet::io
