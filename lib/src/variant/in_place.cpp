#include "variant/in_place.hpp"

#include <cmath>
#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <tuple>
#include <utility>

#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "chainnet/model/csr.hpp"
#include "chainnet/model/validation.hpp"
#include "io/text.hpp"

namespace chainnet::variant {
namespace {

using namespace model;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

// A column's cell text in a row, as write_scenario writes it (buf holds formatted numbers).
using Cell = std::function<std::string_view(std::size_t row, std::string& buf)>;

std::string_view number_cell(double x, std::string& buf) {
  buf = std::isfinite(x) ? io::format_number_exact(x) : std::string();
  return buf;
}

std::string_view region_text(const Chain& c, RegionId r) {
  return r == kInvalidId ? std::string_view() : c.regions().codes.name(r);
}

// Derived columns of a site: its region, kind and firm.
std::optional<Cell> site_attribute(const Chain& c, std::string_view what, std::function<SiteId(std::size_t)> site_of) {
  if (what == "region") return Cell([&c, site_of](std::size_t r, std::string&) { return region_text(c, c.sites().region[site_of(r)]); });
  if (what == "kind") return Cell([&c, site_of](std::size_t r, std::string&) { return to_string(c.sites().kind[site_of(r)]); });
  if (what == "firm") return Cell([&c, site_of](std::size_t r, std::string&) { return c.firms().name(c.sites().firm[site_of(r)]); });
  return std::nullopt;
}

// The region of a node (site or hub).
std::string_view node_region(const Chain& c, NodeId n) {
  return c.is_hub(n) ? region_text(c, c.hubs().region[n - c.num_sites()]) : region_text(c, c.sites().region[n]);
}

// A numeric column of one table: read a row, write a row (false: the loader would not take the
// value as is, or it would change the chain's structure).
struct Field {
  std::function<double(std::size_t)> get;
  std::function<bool(std::size_t, double)> put;
  double unset = kNaN;  ///< what an empty cell (a null value) means; NaN: not allowed here
};

bool whole(double x) { return x >= 0 && x <= 4.0e9 && x == std::floor(x); }

class InPlace {
 public:
  InPlace(ChainEditor& ed, std::vector<std::pair<int, std::string>>& warnings) : ed_(ed), warnings_(warnings) {}

  /// Whether supplies were added or removed, or shares changed (the result's supplies are then
  /// checked), and whether some were removed (demand may have become unreachable).
  [[nodiscard]] bool supplies_changed() const { return structural_; }
  [[nodiscard]] bool supplies_removed() const { return removed_supplies_; }

  bool apply(const Change& ch, int k) {
    k_ = k;
    const std::string_view t = ch.table->name;
    const bool rows_table = t == "lanes" || t == "supplies";
    if (ch.action == Action::add && t == "sites") return add_sites(ch);
    if (ch.action == Action::add) return rows_table && (t == "lanes" ? add_lanes(ch) : add_supplies(ch));
    if (ch.action == Action::remove && !rows_table) return false;
    if (t == "settings") return settings(ch);
    if (t == "disruptions") return disruptions(ch);
    // Rows and their where mask.
    std::vector<HoldingId> held;
    if (t == "stocks" || t == "demands") {
      const HoldingTable& H = c().holdings();
      for (HoldingId h = 0; h < H.size(); ++h)
        if ((t == "stocks" ? H.stock[h] : H.demand[h]) != 0) held.push_back(h);
    }
    const std::size_t n = rows(t, held);
    std::vector<char> hit(n, 1);
    for (const Condition& cond : ch.where) {
      // Columns that name an entity (a site, product, region, node, ...): match each entity once,
      // then look rows up by entity.
      if (const auto key = key_of(t, cond.column, held)) {
        std::vector<char> ok(key->count + 1, 0);
        for (std::uint32_t i = 0; i <= key->count; ++i) {
          const std::string_view x = i == key->count ? std::string_view() : key->text(i);
          for (const std::string& v : cond.values) ok[i] = ok[i] || matches(cond.column, x, v);
        }
        for (std::size_t r = 0; r < n; ++r)
          if (hit[r]) hit[r] = ok[std::min(key->entity(r), key->count)];
        continue;
      }
      const auto cell = cell_of(t, cond.column, held);
      if (!cell) return false;
      std::string buf;
      for (std::size_t r = 0; r < n; ++r) {
        if (!hit[r]) continue;
        const std::string_view x = (*cell)(r, buf);
        bool any = false;
        for (const std::string& v : cond.values) any = any || matches(cond.column, x, v);
        hit[r] = any;
      }
    }
    std::size_t count = 0;
    for (char h : hit) count += h;
    if (count == 0) {
      warn("where matched no row of table " + q(t));
      return true;
    }
    if (ch.action == Action::remove) return t == "lanes" ? remove_lanes(hit) : remove_supplies(hit);
    if (t == "supplies" && (ch.column == "share" || (ch.action == Action::set && ch.values["share"]))) shares_dirty_ = true;
    const bool ok = set_or_scale(ch, t, held, hit, n, count);
    if (shares_dirty_) resolve_shares();
    return ok;
  }

 private:
  bool set_or_scale(const Change& ch, std::string_view t, const std::vector<HoldingId>& held, const std::vector<char>& hit,
                    std::size_t n, std::size_t count) {
    if (ch.action == Action::scale) {
      const auto col = column(t, ch.column, held);
      if (!col) return false;
      std::size_t blank = 0;
      for (std::size_t r = 0; r < n; ++r) {
        if (!hit[r]) continue;
        const double v = col->get(r);
        if (!std::isfinite(v)) {
          ++blank;
          continue;
        }
        if (!col->put(r, v * ch.factor)) return false;
      }
      if (blank > 0)
        warn(std::to_string(blank) + " of the " + std::to_string(count) + " rows matched have no " + q(ch.column) +
             " (its default: unlimited or not given) and were left as they are");
      return true;
    }
    for (auto it = ch.values.begin(); it != ch.values.end(); ++it) {
      const std::string name = it->first.Scalar();
      const auto col = column(t, name, held);
      if (!col) return false;
      double v;
      if (it->second.IsNull() || (it->second.IsScalar() && io::trim(it->second.Scalar()).empty())) {
        if (std::isnan(col->unset) && name != "lat" && name != "lon" && name != "ttr" && name != "share") return false;
        v = col->unset;
      } else {
        if (!it->second.IsScalar()) return false;
        const auto parsed = io::parse_double(it->second.Scalar());
        if (!parsed || !std::isfinite(*parsed)) return false;
        v = *parsed;
      }
      for (std::size_t r = 0; r < n; ++r)
        if (hit[r] && !col->put(r, v)) return false;
    }
    return true;
  }

  // Rows added and removed: lanes and supplies between existing sites, hubs and holdings. ----------
  // Reads a lane or supply row's number: absent or null gives `absent`; false when the loader
  // would not take it (not a number, negative, out of range).
  static bool row_number(const YAML::Node& row, const char* key, double absent, double& out, double hi = HUGE_VAL) {
    const YAML::Node v = row[key];
    if (!v || v.IsNull()) {
      out = absent;
      return true;
    }
    if (!v.IsScalar()) return false;
    const auto x = io::parse_double(v.Scalar());
    if (!x || !std::isfinite(*x) || *x < 0 || *x > hi) return false;
    out = *x;
    return true;
  }

  bool add_lanes(const Change& ch) {
    const Chain& cc = c();
    struct New {
      NodeId from, to;
      Mode mode;
      double distance, time, cost, capacity, co2;
    };
    std::vector<New> rows;
    for (const YAML::Node& row : ch.rows) {
      New x{};
      for (const char* key : {"from", "to", "mode"})
        if (!row[key] || !row[key].IsScalar()) return false;
      x.from = cc.find_node(row["from"].Scalar());
      x.to = cc.find_node(row["to"].Scalar());
      const auto mode = parse_mode(row["mode"].Scalar());
      if (x.from == kInvalidId || x.to == kInvalidId || !mode || x.from == x.to) return false;
      x.mode = *mode;
      if (!row_number(row, "distance_km", 0, x.distance) || !row_number(row, "time_h", 0, x.time) ||
          !row_number(row, "cost", 0, x.cost) || !row_number(row, "co2", 0, x.co2) ||
          !row_number(row, "capacity", HUGE_VAL, x.capacity))
        return false;
      rows.push_back(x);
    }
    LaneTable& lt = ed_.lanes();
    const std::size_t k = rows.size();
    lt.from.make_room(k), lt.to.make_room(k), lt.mode.make_room(k), lt.distance_km.make_room(k), lt.time_h.make_room(k);
    lt.cost.make_room(k), lt.capacity.make_room(k), lt.co2_kg.make_room(k);
    for (const New& x : rows) {
      lt.from.push_back(x.from);
      lt.to.push_back(x.to);
      lt.mode.push_back(x.mode);
      lt.distance_km.push_back(x.distance);
      lt.time_h.push_back(x.time);
      lt.cost.push_back(x.cost);
      lt.capacity.push_back(x.capacity);
      lt.co2_kg.push_back(x.co2);
    }
    std::vector<NodeId> from, to;
    for (const New& x : rows) from.push_back(x.from), to.push_back(x.to);
    lt.out = csr_append_items(lt.out, from);
    lt.in = csr_append_items(lt.in, to);
    return true;  // lanes change no finding but self-loops, which the full way reports
  }

  // A new site that supplies, plants, stores or ships (not a market: its demand needs the
  // reachability check), in a region the chain already names, making products by their BOMs and
  // holding stock: appended after the sites, so every id stays and the hubs' node ids shift.
  bool add_sites(const Change& ch) {
    struct New {
      std::string id, name, firm, region;
      SiteKind kind = SiteKind::supplier;
      RegionId region_id = kInvalidId;
      double lat = kNaN, lon = kNaN, ttr = kNaN;
      std::vector<std::string> tags;
      std::vector<std::tuple<ProductId, double, double, double>> makes;  // product, capacity, cost, co2
      std::vector<std::pair<ProductId, double>> stock;
    };
    const Chain& cc = c();
    std::vector<New> rows;
    auto scalar = [](const YAML::Node& v, std::string& out) {
      if (!v || v.IsNull()) return true;
      if (!v.IsScalar()) return false;
      out = v.Scalar();
      return true;
    };
    auto number = [](const YAML::Node& v, double& out, double lo, double hi) {
      if (!v || v.IsNull()) return true;
      if (!v.IsScalar()) return false;
      const auto x = io::parse_double(v.Scalar());
      if (!x || !std::isfinite(*x) || *x < lo || *x > hi) return false;
      out = *x;
      return true;
    };
    std::vector<std::string> seen;
    for (const YAML::Node& row : ch.rows) {
      New x;
      std::string kind;
      if (!scalar(row["id"], x.id) || x.id.empty() || !scalar(row["name"], x.name) || !scalar(row["firm"], x.firm) ||
          !scalar(row["kind"], kind) || !scalar(row["region"], x.region))
        return false;
      if (cc.find_node(x.id) != kInvalidId || std::find(seen.begin(), seen.end(), x.id) != seen.end()) return false;
      seen.push_back(x.id);
      const auto k = parse_site_kind(kind);
      if (!k || *k == SiteKind::market || row["demand"]) return false;
      x.kind = *k;
      if (!x.region.empty()) {
        x.region_id = cc.regions().codes.find(x.region);
        if (x.region_id == kInvalidId || !cc.regions().assigned[x.region_id]) return false;
      }
      if (const YAML::Node loc = row["location"]) {
        if (!loc.IsSequence() || loc.size() != 2 || row["lat"] || row["lon"]) return false;
        if (!number(loc[0], x.lat, -90, 90) || !number(loc[1], x.lon, -180, 180)) return false;
      }
      if (!number(row["lat"], x.lat, -90, 90) || !number(row["lon"], x.lon, -180, 180) ||
          !number(row["ttr"], x.ttr, 0, HUGE_VAL))
        return false;
      if (std::isnan(x.lat) != std::isnan(x.lon)) return false;
      if (const YAML::Node t = row["tags"]) {
        if (t.IsSequence()) {
          for (const YAML::Node& w : t) {
            if (!w.IsScalar() || io::trim(w.Scalar()).empty()) return false;
            x.tags.emplace_back(io::trim(w.Scalar()));
          }
        } else if (t.IsScalar()) {
          std::string_view rest = t.Scalar();
          while (!rest.empty()) {
            const std::size_t cut = rest.find(';');
            const std::string_view w = io::trim(rest.substr(0, cut));
            if (!w.empty()) x.tags.emplace_back(w);
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
          }
        } else if (!t.IsNull()) {
          return false;
        }
      }
      if (const YAML::Node m = row["makes"]) {
        if (!m.IsMap()) return false;
        for (auto it = m.begin(); it != m.end(); ++it) {
          const ProductId p = cc.find_product(it->first.Scalar());
          if (p == kInvalidId) return false;
          double cap = HUGE_VAL, cost = 0, co2 = 0;
          const YAML::Node spec = it->second;
          if (spec.IsMap()) {
            for (auto f = spec.begin(); f != spec.end(); ++f) {
              const std::string key = f->first.Scalar();
              if (key != "capacity" && key != "cost" && key != "co2") return false;  // inputs: the full way
            }
            if (!number(spec["capacity"], cap, 0, HUGE_VAL) || !number(spec["cost"], cost, 0, HUGE_VAL) ||
                !number(spec["co2"], co2, 0, HUGE_VAL))
              return false;
          } else if (!spec.IsNull() && !number(spec, cap, 0, HUGE_VAL)) {
            return false;
          }
          for (const auto& made : x.makes)
            if (std::get<0>(made) == p) return false;
          x.makes.emplace_back(p, cap, cost, co2);
        }
      }
      if (const YAML::Node st = row["stock"]) {
        if (!st.IsMap()) return false;
        for (auto it = st.begin(); it != st.end(); ++it) {
          const ProductId p = cc.find_product(it->first.Scalar());
          double q = 0;
          if (p == kInvalidId || !number(it->second, q, 0, HUGE_VAL)) return false;
          for (const auto& have : x.stock)
            if (have.first == p) return false;
          if (q > 0) x.stock.emplace_back(p, q);
        }
      }
      rows.push_back(std::move(x));
    }
    const std::uint32_t S = cc.num_sites(), H = cc.hubs().size(), k = static_cast<std::uint32_t>(rows.size());
    const ProductTable& pt = cc.products();
    // Node ids: the sites, the new sites, then the hubs.
    {
      std::vector<std::string> fresh;
      for (const New& x : rows) fresh.push_back(x.id);
      ed_.set_node_ids(IdIndex::overlay(ed_.shared_node_ids(), S, fresh));
    }
    // Firms not yet named (a site without one is its own firm), after the others.
    {
      std::vector<std::string> fresh;
      for (const New& x : rows) {
        const std::string& f = x.firm.empty() ? x.id : x.firm;
        if (cc.firms().find(f) == kInvalidId && std::find(fresh.begin(), fresh.end(), f) == fresh.end()) fresh.push_back(f);
      }
      if (!fresh.empty()) ed_.set_firms(IdIndex::overlay(ed_.shared_firms(), cc.firms().size(), fresh));
    }
    const HoldingId h_before = ht_size();
    const std::uint32_t r_before = static_cast<std::uint32_t>(cc.makes().recipe_holding.size());
    SiteTable& st = ed_.sites();
    HoldingTable& ht = ed_.holdings();
    MakeTable& mt = ed_.makes();
    for (std::uint32_t i = 0; i < k; ++i) {
      const New& x = rows[i];
      const SiteId s = S + i;
      st.names.push_back(x.name);
      st.kind.push_back(x.kind);
      st.region.push_back(x.region_id);
      st.firm.push_back(c().firms().find(x.firm.empty() ? x.id : x.firm));
      st.lat.push_back(x.lat);
      st.lon.push_back(x.lon);
      st.ttr.push_back(x.ttr);
      for (const std::string& tag : x.tags) {
        const TagId t = ed_.tags().insert(tag).first;
        const Csr& tags = std::as_const(st).tags;
        const auto mine = tags.items.begin() + tags.first[s];
        if (std::find(mine, tags.items.end(), t) == tags.items.end()) st.tags.items.push_back(t);
      }
      st.tags.first.push_back(static_cast<std::uint32_t>(st.tags.items.size()));
      // Its holdings: what it makes, stocks and needs, by product.
      std::vector<ProductId> products;
      for (const auto& m : x.makes) {
        products.push_back(std::get<0>(m));
        for (ProductId in : pt.bom[std::get<0>(m)]) products.push_back(in);
      }
      for (const auto& q : x.stock) products.push_back(q.first);
      model::sort_unique(products);
      const HoldingId h0 = ht.size();
      auto holding = [&](ProductId p) {
        return h0 + static_cast<HoldingId>(std::lower_bound(products.begin(), products.end(), p) - products.begin());
      };
      auto made = x.makes;
      std::sort(made.begin(), made.end(), [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
      const MakeId m0 = mt.size();
      for (ProductId p : products) {
        ht.site.push_back(s);
        ht.product.push_back(p);
        double q = 0;
        for (const auto& have : x.stock)
          if (have.first == p) q = have.second;
        ht.stock.push_back(q);
        ht.demand.push_back(0.0);
        MakeId make = kInvalidId;
        for (std::size_t j = 0; j < made.size(); ++j)
          if (std::get<0>(made[j]) == p) make = m0 + static_cast<MakeId>(j);
        ht.make.push_back(make);
        for (Csr* c : {&ht.sold, &ht.bought}) c->first.push_back(std::as_const(c->first).back());
      }
      for (const auto& [p, cap, cost, co2] : made) {
        const MakeId m = mt.size();
        mt.site.push_back(s);
        mt.product.push_back(p);
        mt.holding.push_back(holding(p));
        mt.capacity.push_back(cap);
        mt.unit_cost.push_back(cost);
        mt.co2_kg.push_back(co2);
        mt.own_recipe.push_back(0);
        const std::uint32_t b = pt.bom.first[p], e = pt.bom.first[p + 1];
        for (std::uint32_t j = b; j < e; ++j) {
          mt.recipe.items.push_back(pt.bom.items[j]);
          mt.recipe_holding.push_back(holding(pt.bom.items[j]));
          mt.recipe_quantity.push_back(pt.bom_quantity[j]);
          mt.recipe_make.push_back(m);
        }
        mt.recipe.first.push_back(static_cast<std::uint32_t>(mt.recipe.items.size()));
      }
      st.holdings.first.push_back(ht.size());
      st.makes.first.push_back(mt.size());
      for (Csr* c : {&st.supplies_out, &st.supplies_in}) c->first.push_back(std::as_const(c->first).back());
    }
    // Which recipe entries need each holding: the new entries need only the new holdings, so the
    // index grows by rows at its end.
    {
      const HoldingId h_after = ht.size();
      const std::span<const HoldingId> rh = std::as_const(mt).recipe_holding;
      std::vector<std::uint32_t> count(h_after - h_before + 1, 0);
      for (std::uint32_t j = r_before; j < rh.size(); ++j) ++count[rh[j] - h_before + 1];
      for (std::size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
      std::vector<std::uint32_t> items(rh.size() - r_before);
      std::vector<std::uint32_t> next(count.begin(), count.end() - 1);
      for (std::uint32_t j = r_before; j < rh.size(); ++j) items[next[rh[j] - h_before]++] = j;
      const std::uint32_t base = std::as_const(ht.used_in.first).back();
      for (HoldingId h = h_before; h < h_after; ++h) ht.used_in.first.push_back(base + count[h - h_before + 1]);
      ht.used_in.items.insert_at_end(items.begin(), items.end());
    }
    // The hubs moved up by k node ids.
    if (H > 0) {
      LaneTable& lt = ed_.lanes();
      for (model::Column<NodeId>* ends : {&lt.from, &lt.to})
        ends->edit([&](std::vector<NodeId>& v) {
          for (NodeId& n : v)
            if (n >= S) n += k;
        });
      for (Disruption& d : ed_.disruptions())
        for (NodeId& n : d.hubs) n += k;
    }
    // The new sites' rows in the lane index: empty, before the hubs' (lane ids unchanged).
    LaneTable& lt = ed_.lanes();
    lt.out = csr_insert_empty_rows(lt.out, S, k);
    lt.in = csr_insert_empty_rows(lt.in, S, k);
    return true;
  }

  template <class T>
  static void keep_rows(model::Column<T>& v, const std::vector<char>& hit) {
    std::vector<T> kept;
    std::size_t n = 0;
    for (char h : hit) n += !h;
    kept.reserve(n + n / 64 + 16);  // room for rows a later change adds
    const T* old = std::as_const(v).data();
    for (std::size_t r = 0; r < v.size(); ++r)
      if (!hit[r]) kept.push_back(old[r]);
    v = std::move(kept);
  }

  bool remove_lanes(const std::vector<char>& hit) {
    for (const Disruption& d : c().disruptions())
      if (d.target == DisruptionTarget::lanes) return false;  // their lane ids: the full way
    LaneTable& lt = ed_.lanes();
    keep_rows(lt.from, hit);
    keep_rows(lt.to, hit);
    keep_rows(lt.mode, hit);
    keep_rows(lt.distance_km, hit);
    keep_rows(lt.time_h, hit);
    keep_rows(lt.cost, hit);
    keep_rows(lt.capacity, hit);
    keep_rows(lt.co2_kg, hit);
    lt.out = csr_from_rows(c().num_nodes(), lt.from, false);
    lt.in = csr_from_rows(c().num_nodes(), lt.to, false);
    return true;
  }

  bool add_supplies(const Change& ch) {
    const Chain& cc = c();
    struct New {
      SiteId seller, buyer;
      ProductId product;
      HoldingId hs, hb;
      double capacity, share, lead;
    };
    std::vector<New> rows;
    for (const YAML::Node& row : ch.rows) {
      New x{};
      for (const char* key : {"from", "to", "product"})
        if (!row[key] || !row[key].IsScalar()) return false;
      x.seller = cc.find_site(row["from"].Scalar());
      x.buyer = cc.find_site(row["to"].Scalar());
      x.product = cc.find_product(row["product"].Scalar());
      if (x.seller == kInvalidId || x.buyer == kInvalidId || x.product == kInvalidId || x.seller == x.buyer) return false;
      // A supply that makes a new (site, product) holding changes the holdings: the full way.
      x.hs = cc.find_holding(x.seller, x.product);
      x.hb = cc.find_holding(x.buyer, x.product);
      if (x.hs == kInvalidId || x.hb == kInvalidId) return false;
      if (!row_number(row, "capacity", HUGE_VAL, x.capacity) || !row_number(row, "share", kNaN, x.share, 1.0) ||
          !row_number(row, "lead_time", 0, x.lead) || !whole(x.lead))
        return false;
      rows.push_back(x);
    }
    SupplyTable& sp = ed_.supplies();
    const std::size_t k = rows.size();
    sp.seller.make_room(k), sp.buyer.make_room(k), sp.product.make_room(k), sp.seller_holding.make_room(k);
    sp.buyer_holding.make_room(k), sp.capacity.make_room(k), sp.share.make_room(k), sp.share_given.make_room(k);
    sp.lead_time.make_room(k);
    std::vector<std::uint32_t> sellers, buyers, sold, bought;
    for (const New& x : rows) {
      sellers.push_back(x.seller), buyers.push_back(x.buyer), sold.push_back(x.hs), bought.push_back(x.hb);
      new_supplies_.push_back(static_cast<SupplyId>(sp.seller.size()));
      share_groups_.push_back(x.hb);
      sp.seller.push_back(x.seller);
      sp.buyer.push_back(x.buyer);
      sp.product.push_back(x.product);
      sp.seller_holding.push_back(x.hs);
      sp.buyer_holding.push_back(x.hb);
      sp.capacity.push_back(x.capacity);
      sp.share.push_back(x.share);
      sp.share_given.push_back(std::isnan(x.share) ? 0 : 1);
      sp.lead_time.push_back(static_cast<std::uint32_t>(x.lead));
    }
    // The new supplies at the end of their sites' and holdings' rows, as a rebuild would put them
    // (no holding loses its last use by an addition).
    SiteTable& st = ed_.sites();
    st.supplies_out = csr_append_items(st.supplies_out, sellers);
    st.supplies_in = csr_append_items(st.supplies_in, buyers);
    HoldingTable& ht = ed_.holdings();
    ht.sold = csr_append_items(ht.sold, sold);
    ht.bought = csr_append_items(ht.bought, bought);
    structural_ = true;
    resolve_shares();
    return true;
  }

  bool remove_supplies(const std::vector<char>& hit) {
    SupplyTable& sp = ed_.supplies();
    keep_rows(sp.seller, hit);
    keep_rows(sp.buyer, hit);
    keep_rows(sp.product, hit);
    keep_rows(sp.seller_holding, hit);
    keep_rows(sp.buyer_holding, hit);
    keep_rows(sp.capacity, hit);
    keep_rows(sp.share, hit);
    keep_rows(sp.share_given, hit);
    keep_rows(sp.lead_time, hit);
    removed_supplies_ = true;
    return reindex_supplies();
  }

  // The site and holding indexes of the supplies, and the effective shares; false when some
  // holding is left with nothing naming it (a fresh load would drop it: the full way).
  bool reindex_supplies() {
    const SupplyTable& sp = ed_.chain().supplies();
    SiteTable& st = ed_.sites();
    st.supplies_out = csr_from_rows(c().num_sites(), sp.seller, false);
    st.supplies_in = csr_from_rows(c().num_sites(), sp.buyer, false);
    HoldingTable& ht = ed_.holdings();
    ht.sold = csr_from_rows(ht.size(), sp.seller_holding, false);
    ht.bought = csr_from_rows(ht.size(), sp.buyer_holding, false);
    for (HoldingId h = 0; h < ht.size(); ++h)
      if (ht.make[h] == kInvalidId && ht.stock[h] == 0 && ht.demand[h] == 0 && ht.sold.degree(h) == 0 &&
          ht.bought.degree(h) == 0 && ht.used_in.degree(h) == 0)
        return false;
    structural_ = true;
    resolve_shares();
    return true;
  }

  // The shares not given, resolved as the builder resolves them, for the groups that changed
  // (every group after a removal: supply ids moved).
  void resolve_shares() {
    const HoldingTable& ht = ed_.chain().holdings();
    std::vector<HoldingId> all;
    if (removed_supplies_) {
      all.resize(ht.size());
      for (HoldingId h = 0; h < ht.size(); ++h) all[h] = h;
    }
    model::sort_unique(share_groups_);
    model::resolve_default_shares(ed_.supplies(), ht.bought, removed_supplies_ ? all : share_groups_);
    shares_dirty_ = false;
    structural_ = true;
  }

 public:
  // The checks of model::check_semantics that the supplies added and the shares changed can
  // fail (removals are checked as a whole: see apply_in_place).
  [[nodiscard]] bool local_checks_pass() const {
    return model::check_supplies_at(c(), new_supplies_, share_groups_).empty();
  }


 private:

  const Chain& c() const { return ed_.chain(); }
  HoldingId ht_size() const { return c().holdings().size(); }
  void warn(std::string m) { warnings_.emplace_back(k_, std::move(m)); }

  std::size_t rows(std::string_view t, const std::vector<HoldingId>& held) const {
    if (t == "products") return c().products().size();
    if (t == "sites") return c().num_sites();
    if (t == "hubs") return c().hubs().size();
    if (t == "capacities") return c().makes().size();
    if (t == "stocks" || t == "demands") return held.size();
    if (t == "supplies") return c().supplies().size();
    if (t == "lanes") return c().lanes().size();
    return 0;  // bom, recipes: not here
  }

  // A column whose cells are the names of entities: how many entities, the name of each, and the
  // entity of each row (kInvalidId or any value >= count: an empty cell).
  struct Key {
    std::uint32_t count = 0;
    std::function<std::string_view(std::uint32_t)> text;
    std::function<std::uint32_t(std::size_t)> entity;
  };

  std::optional<Key> key_of(std::string_view t, const std::string& col, const std::vector<HoldingId>& held) const {
    const Chain* cp = &c();
    const Key site{cp->num_sites(), [cp](std::uint32_t i) { return cp->site_id(i); }, nullptr};
    const Key product{cp->products().size(), [cp](std::uint32_t i) { return cp->product_id(i); }, nullptr};
    const Key region{cp->regions().size(), [cp](std::uint32_t i) { return cp->regions().codes.name(i); }, nullptr};
    const Key kind{kNumSiteKinds, [](std::uint32_t i) { return to_string(static_cast<SiteKind>(i)); }, nullptr};
    const Key firm{cp->firms().size(), [cp](std::uint32_t i) { return cp->firms().name(i); }, nullptr};
    const Key node{cp->num_nodes(), [cp](std::uint32_t i) { return cp->node_ids().name(i); }, nullptr};
    const Key mode{kNumModes, [](std::uint32_t i) { return to_string(static_cast<Mode>(i)); }, nullptr};
    auto with = [](Key k, std::function<std::uint32_t(std::size_t)> e) {
      k.entity = std::move(e);
      return std::optional<Key>(std::move(k));
    };
    // The region, kind or firm of the site a row names.
    auto of_site = [&](std::string_view what, std::function<SiteId(std::size_t)> s) -> std::optional<Key> {
      if (what == "region") return with(region, [cp, s](std::size_t r) { return cp->sites().region[s(r)]; });
      if (what == "kind") return with(kind, [cp, s](std::size_t r) { return static_cast<std::uint32_t>(cp->sites().kind[s(r)]); });
      if (what == "firm") return with(firm, [cp, s](std::size_t r) { return cp->sites().firm[s(r)]; });
      return std::nullopt;
    };
    const std::vector<HoldingId>* hp = &held;
    if (t == "products" && col == "id") return with(product, [](std::size_t r) { return static_cast<std::uint32_t>(r); });
    if (t == "sites") {
      if (col == "id") return with(site, [](std::size_t r) { return static_cast<std::uint32_t>(r); });
      return of_site(col, [](std::size_t r) { return static_cast<SiteId>(r); });
    }
    if (t == "hubs") {
      const std::uint32_t S = cp->num_sites();
      if (col == "id") return with(node, [S](std::size_t r) { return static_cast<std::uint32_t>(S + r); });
      if (col == "region") return with(region, [cp](std::size_t r) { return cp->hubs().region[r]; });
      return std::nullopt;
    }
    if (t == "capacities") {
      if (col == "site") return with(site, [cp](std::size_t r) { return cp->makes().site[r]; });
      if (col == "product") return with(product, [cp](std::size_t r) { return cp->makes().product[r]; });
      return of_site(col, [cp](std::size_t r) { return cp->makes().site[r]; });
    }
    if (t == "stocks" || t == "demands") {
      if (col == "site") return with(site, [cp, hp](std::size_t r) { return cp->holdings().site[(*hp)[r]]; });
      if (col == "product") return with(product, [cp, hp](std::size_t r) { return cp->holdings().product[(*hp)[r]]; });
      return of_site(col, [cp, hp](std::size_t r) { return cp->holdings().site[(*hp)[r]]; });
    }
    if (t == "supplies") {
      if (col == "from") return with(site, [cp](std::size_t r) { return cp->supplies().seller[r]; });
      if (col == "to") return with(site, [cp](std::size_t r) { return cp->supplies().buyer[r]; });
      if (col == "product") return with(product, [cp](std::size_t r) { return cp->supplies().product[r]; });
      if (col == "from_region" || col == "from_kind")
        return of_site(col.substr(5), [cp](std::size_t r) { return cp->supplies().seller[r]; });
      if (col == "to_region" || col == "to_kind") return of_site(col.substr(3), [cp](std::size_t r) { return cp->supplies().buyer[r]; });
      return std::nullopt;
    }
    if (t == "lanes") {
      if (col == "from") return with(node, [cp](std::size_t r) { return cp->lanes().from[r]; });
      if (col == "to") return with(node, [cp](std::size_t r) { return cp->lanes().to[r]; });
      if (col == "mode") return with(mode, [cp](std::size_t r) { return static_cast<std::uint32_t>(cp->lanes().mode[r]); });
      if (col == "from_region" || col == "to_region") {
        const bool from = col == "from_region";
        return with(region, [cp, from](std::size_t r) {
          const NodeId v = from ? cp->lanes().from[r] : cp->lanes().to[r];
          return cp->is_hub(v) ? cp->hubs().region[v - cp->num_sites()] : cp->sites().region[v];
        });
      }
      return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<Cell> cell_of(std::string_view t, const std::string& col, const std::vector<HoldingId>& held) const {
    const Chain& ch = c();
    const Chain* cp = &ch;
    auto num = [](std::function<double(std::size_t)> f) { return Cell([f](std::size_t r, std::string& b) { return number_cell(f(r), b); }); };
    if (t == "products") {
      if (col == "id") return Cell([cp](std::size_t r, std::string&) { return cp->product_id(r); });
      if (col == "name") return Cell([cp](std::size_t r, std::string&) { return cp->products().names[r]; });
      if (col == "value") return num([cp](std::size_t r) { return cp->products().value[r]; });
      return std::nullopt;
    }
    if (t == "sites") {
      if (col == "id") return Cell([cp](std::size_t r, std::string&) { return cp->site_id(r); });
      if (col == "name") return Cell([cp](std::size_t r, std::string&) { return cp->sites().names[r]; });
      if (col == "firm")
        return Cell([cp](std::size_t r, std::string&) {
          const std::string_view f = cp->firms().name(cp->sites().firm[r]);
          return f != cp->site_id(r) ? f : std::string_view();
        });
      if (col == "kind" || col == "region") return site_attribute(ch, col, [](std::size_t r) { return static_cast<SiteId>(r); });
      if (col == "lat") return num([cp](std::size_t r) { return cp->sites().lat[r]; });
      if (col == "lon") return num([cp](std::size_t r) { return cp->sites().lon[r]; });
      if (col == "ttr") return num([cp](std::size_t r) { return cp->sites().ttr[r]; });
      if (col == "tags")
        return Cell([cp](std::size_t r, std::string& b) {
          b.clear();
          for (TagId tag : cp->sites().tags[static_cast<SiteId>(r)]) b += (b.empty() ? "" : ";") + std::string(cp->tags().name(tag));
          return std::string_view(b);
        });
      return std::nullopt;
    }
    if (t == "hubs") {
      const std::uint32_t S = ch.num_sites();
      if (col == "id") return Cell([cp, S](std::size_t r, std::string&) { return cp->node_ids().name(S + r); });
      if (col == "name") return Cell([cp](std::size_t r, std::string&) { return cp->hubs().names[r]; });
      if (col == "region") return Cell([cp](std::size_t r, std::string&) { return region_text(*cp, cp->hubs().region[r]); });
      if (col == "lat") return num([cp](std::size_t r) { return cp->hubs().lat[r]; });
      if (col == "lon") return num([cp](std::size_t r) { return cp->hubs().lon[r]; });
      return std::nullopt;
    }
    if (t == "capacities") {
      if (col == "site") return Cell([cp](std::size_t r, std::string&) { return cp->site_id(cp->makes().site[r]); });
      if (col == "product") return Cell([cp](std::size_t r, std::string&) { return cp->product_id(cp->makes().product[r]); });
      if (col == "capacity") return num([cp](std::size_t r) { return cp->makes().capacity[r]; });
      if (col == "cost") return num([cp](std::size_t r) { return cp->makes().unit_cost[r]; });
      if (col == "co2") return num([cp](std::size_t r) { return cp->makes().co2_kg[r]; });
      return site_attribute(ch, col, [cp](std::size_t r) { return cp->makes().site[r]; });
    }
    if (t == "stocks" || t == "demands") {
      const std::vector<HoldingId>* hp = &held;
      const bool stock = t == "stocks";
      if (col == "site") return Cell([cp, hp](std::size_t r, std::string&) { return cp->site_id(cp->holdings().site[(*hp)[r]]); });
      if (col == "product") return Cell([cp, hp](std::size_t r, std::string&) { return cp->product_id(cp->holdings().product[(*hp)[r]]); });
      if (col == "quantity")
        return num([cp, hp, stock](std::size_t r) { return stock ? cp->holdings().stock[(*hp)[r]] : cp->holdings().demand[(*hp)[r]]; });
      return site_attribute(ch, col, [cp, hp](std::size_t r) { return cp->holdings().site[(*hp)[r]]; });
    }
    if (t == "supplies") {
      if (col == "from") return Cell([cp](std::size_t r, std::string&) { return cp->site_id(cp->supplies().seller[r]); });
      if (col == "to") return Cell([cp](std::size_t r, std::string&) { return cp->site_id(cp->supplies().buyer[r]); });
      if (col == "product") return Cell([cp](std::size_t r, std::string&) { return cp->product_id(cp->supplies().product[r]); });
      if (col == "capacity") return num([cp](std::size_t r) { return cp->supplies().capacity[r]; });
      if (col == "share") return num([cp](std::size_t r) { return cp->supplies().share_given[r] ? cp->supplies().share[r] : kNaN; });
      if (col == "lead_time") return num([cp](std::size_t r) { return cp->supplies().lead_time[r]; });
      const bool from = col.rfind("from_", 0) == 0;
      const std::string what = col.substr(col.find('_') + 1);
      if (col.rfind("from_", 0) == 0 || col.rfind("to_", 0) == 0) {
        if (what == "region" || what == "kind")
          return site_attribute(ch, what, [cp, from](std::size_t r) { return from ? cp->supplies().seller[r] : cp->supplies().buyer[r]; });
      }
      return std::nullopt;
    }
    if (t == "lanes") {
      if (col == "from") return Cell([cp](std::size_t r, std::string&) { return cp->node_ids().name(cp->lanes().from[r]); });
      if (col == "to") return Cell([cp](std::size_t r, std::string&) { return cp->node_ids().name(cp->lanes().to[r]); });
      if (col == "mode") return Cell([cp](std::size_t r, std::string&) { return to_string(cp->lanes().mode[r]); });
      if (col == "distance_km") return num([cp](std::size_t r) { return cp->lanes().distance_km[r]; });
      if (col == "cost") return num([cp](std::size_t r) { return cp->lanes().cost[r]; });
      if (col == "time_h") return num([cp](std::size_t r) { return cp->lanes().time_h[r]; });
      if (col == "capacity") return num([cp](std::size_t r) { return cp->lanes().capacity[r]; });
      if (col == "co2") return num([cp](std::size_t r) { return cp->lanes().co2_kg[r]; });
      if (col == "from_region") return Cell([cp](std::size_t r, std::string&) { return node_region(*cp, cp->lanes().from[r]); });
      if (col == "to_region") return Cell([cp](std::size_t r, std::string&) { return node_region(*cp, cp->lanes().to[r]); });
      return std::nullopt;
    }
    return std::nullopt;
  }

  // Numeric columns that set and scale may write here. Non-negative unless said; a capacity or
  // quantity that becomes 0 changes what is available (the full way decides it).
  std::optional<Field> column(std::string_view t, const std::string& col, const std::vector<HoldingId>& held) {
    auto nonneg = [](double v) { return std::isfinite(v) && v >= 0; };
    auto capacity = [](double v) { return std::isinf(v) ? v > 0 : (std::isfinite(v) && v > 0); };
    ChainEditor& ed = ed_;
    if (t == "products" && col == "value")
      return Field{[&ed](std::size_t r) { return ed.chain().products().value[r]; },
                    [&ed, nonneg](std::size_t r, double v) { return nonneg(v) && (ed.products().value[r] = v, true); }, 1.0};
    if (t == "sites" && (col == "lat" || col == "lon" || col == "ttr")) {
      const double lim = col == "lat" ? 90 : col == "lon" ? 180 : -1;
      auto pick = [col](SiteTable& s) -> model::Column<double>& { return col == "lat" ? s.lat : col == "lon" ? s.lon : s.ttr; };
      auto pickc = [col](const SiteTable& s) -> const model::Column<double>& { return col == "lat" ? s.lat : col == "lon" ? s.lon : s.ttr; };
      return Field{[&ed, pickc](std::size_t r) { return pickc(ed.chain().sites())[r]; },
                    [&ed, pick, lim](std::size_t r, double v) {
                      if (!std::isnan(v) && (lim < 0 ? !(v >= 0) : !(v >= -lim && v <= lim))) return false;
                      pick(ed.sites())[r] = v;
                      return true;
                    },
                    kNaN};
    }
    if (t == "hubs" && (col == "lat" || col == "lon")) {
      const double lim = col == "lat" ? 90 : 180;
      const bool lat = col == "lat";
      return Field{[&ed, lat](std::size_t r) { return lat ? ed.chain().hubs().lat[r] : ed.chain().hubs().lon[r]; },
                    [&ed, lat, lim](std::size_t r, double v) {
                      if (!std::isnan(v) && !(v >= -lim && v <= lim)) return false;
                      (lat ? ed.hubs().lat : ed.hubs().lon)[r] = v;
                      return true;
                    },
                    kNaN};
    }
    if (t == "capacities") {
      if (col == "capacity")
        return Field{[&ed](std::size_t r) { return ed.chain().makes().capacity[r]; },
                      [&ed, capacity](std::size_t r, double v) { return capacity(v) && (ed.makes().capacity[r] = v, true); },
                      std::numeric_limits<double>::infinity()};
      if (col == "cost" || col == "co2") {
        const bool cost = col == "cost";
        return Field{[&ed, cost](std::size_t r) { return cost ? ed.chain().makes().unit_cost[r] : ed.chain().makes().co2_kg[r]; },
                      [&ed, cost, nonneg](std::size_t r, double v) {
                        if (!nonneg(v)) return false;
                        (cost ? ed.makes().unit_cost : ed.makes().co2_kg)[r] = v;
                        return true;
                      },
                      0.0};
      }
      return std::nullopt;
    }
    if ((t == "stocks" || t == "demands") && col == "quantity") {
      const bool stock = t == "stocks";
      const std::vector<HoldingId>* hp = &held;
      return Field{[&ed, hp, stock](std::size_t r) {
                      return stock ? ed.chain().holdings().stock[(*hp)[r]] : ed.chain().holdings().demand[(*hp)[r]];
                    },
                    [&ed, hp, stock](std::size_t r, double v) {
                      if (!(std::isfinite(v) && v > 0)) return false;
                      (stock ? ed.holdings().stock : ed.holdings().demand)[(*hp)[r]] = v;
                      return true;
                    },
                    kNaN};
    }
    if (t == "supplies") {
      if (col == "capacity")
        return Field{[&ed](std::size_t r) { return ed.chain().supplies().capacity[r]; },
                      [&ed, capacity](std::size_t r, double v) { return capacity(v) && (ed.supplies().capacity[r] = v, true); },
                      std::numeric_limits<double>::infinity()};
      if (col == "lead_time")
        return Field{[&ed](std::size_t r) { return static_cast<double>(ed.chain().supplies().lead_time[r]); },
                      [&ed](std::size_t r, double v) {
                        if (!whole(v)) return false;
                        ed.supplies().lead_time[r] = static_cast<std::uint32_t>(v);
                        return true;
                      },
                      0.0};
      std::vector<HoldingId>* groups = &share_groups_;
      if (col == "share")
        return Field{[&ed](std::size_t r) { return ed.chain().supplies().share_given[r] ? ed.chain().supplies().share[r] : kNaN; },
                      [&ed, groups](std::size_t r, double v) {
                        if (!std::isnan(v) && !(v >= 0 && v <= 1)) return false;
                        SupplyTable& sp = ed.supplies();
                        groups->push_back(sp.buyer_holding[r]);
                        sp.share_given[r] = std::isnan(v) ? 0 : 1;
                        if (!std::isnan(v)) sp.share[r] = v;
                        return true;
                      },
                      kNaN};
      return std::nullopt;
    }
    if (t == "lanes") {
      if (col == "capacity")
        return Field{[&ed](std::size_t r) { return ed.chain().lanes().capacity[r]; },
                      [&ed, capacity](std::size_t r, double v) { return capacity(v) && (ed.lanes().capacity[r] = v, true); },
                      std::numeric_limits<double>::infinity()};
      auto pick = [col](LaneTable& l) -> model::Column<double>* {
        return col == "distance_km" ? &l.distance_km : col == "cost" ? &l.cost : col == "time_h" ? &l.time_h : col == "co2" ? &l.co2_kg : nullptr;
      };
      auto pickc = [col](const LaneTable& l) -> const model::Column<double>* {
        return col == "distance_km" ? &l.distance_km : col == "cost" ? &l.cost : col == "time_h" ? &l.time_h : col == "co2" ? &l.co2_kg : nullptr;
      };
      if (pickc(c().lanes()) == nullptr) return std::nullopt;
      return Field{[&ed, pickc](std::size_t r) { return (*pickc(ed.chain().lanes()))[r]; },
                    [&ed, pick, nonneg](std::size_t r, double v) {
                      if (!nonneg(v)) return false;
                      (*pick(ed.lanes()))[r] = v;
                      return true;
                    },
                    0.0};
    }
    return std::nullopt;
  }

  bool settings(const Change& ch) {
    Settings& s = ed_.settings();
    auto put = [&](const std::string& key, double v) {
      if (!std::isfinite(v)) return false;
      if (key == "carbon_price" && v >= 0) s.carbon_price = v;
      else if (key == "value_of_time" && v >= 0) s.value_of_time = v;
      else if (key == "ttr" && v >= 0) s.ttr = v;
      else if (key == "hours_per_period" && v > 0) s.hours_per_period = v;
      else if (key == "horizon" && whole(v) && v >= 1) s.horizon = static_cast<std::uint32_t>(v);
      else if (key == "seed" && v >= 0 && v <= 9.0e15 && v == std::floor(v)) s.seed = static_cast<std::uint64_t>(v);
      else return false;
      return true;
    };
    auto get = [&](const std::string& key) -> double {
      if (key == "carbon_price") return s.carbon_price;
      if (key == "value_of_time") return s.value_of_time;
      if (key == "ttr") return s.ttr;
      if (key == "hours_per_period") return s.hours_per_period;
      if (key == "horizon") return s.horizon;
      if (key == "seed") return static_cast<double>(s.seed);
      return kNaN;
    };
    if (ch.action == Action::scale) return put(ch.column, get(ch.column) * ch.factor);
    for (auto it = ch.values.begin(); it != ch.values.end(); ++it) {
      if (!it->second.IsScalar()) return false;
      const auto v = io::parse_double(it->second.Scalar());
      if (!v || !put(it->first.Scalar(), *v)) return false;
    }
    return true;
  }

  bool disruptions(const Change& ch) {
    std::vector<Disruption>& ds = ed_.disruptions();
    const Chain& cc = c();
    std::vector<char> hit(ds.size(), 1);
    for (const Condition& cond : ch.where) {
      for (std::size_t i = 0; i < ds.size(); ++i) {
        if (!hit[i]) continue;
        const Disruption& d = ds[i];
        std::vector<std::string> cells;
        const std::string& k = cond.column;
        if (k == "id") cells = {d.id};
        else if (k == "name") cells = {d.name};
        else if (k == "region") cells = {d.target == DisruptionTarget::region ? std::string(region_text(cc, d.region)) : ""};
        else if (k == "mode") cells = {d.target == DisruptionTarget::mode ? std::string(to_string(d.mode)) : ""};
        else if (k == "product") cells = {d.target == DisruptionTarget::product ? std::string(cc.product_id(d.product)) : ""};
        else if (k == "from_region") cells = {std::string(region_text(cc, d.from_region))};
        else if (k == "capacity_loss") cells = {io::format_number_exact(d.capacity_loss)};
        else if (k == "start") cells = {std::to_string(d.start)};
        else if (k == "duration") cells = {std::to_string(d.duration)};
        else if (k == "stock") cells = {d.stock_lost ? "lost" : ""};
        else if (k == "sites" && d.target == DisruptionTarget::sites)
          for (SiteId s : d.sites) cells.emplace_back(cc.site_id(s));
        else if (k == "hubs" && d.target == DisruptionTarget::hubs)
          for (NodeId h : d.hubs) cells.emplace_back(cc.node_ids().name(h));
        else if (k == "sites" || k == "hubs") cells = {""};
        else return false;  // lanes: the full way
        bool any = false;
        for (const std::string& want : cond.values)
          for (const std::string& x : cells) any = any || matches(k, x, want);
        hit[i] = any;
      }
    }
    std::size_t count = 0;
    for (char h : hit) count += h;
    if (count == 0) {
      warn("where matched no disruption");
      return true;
    }
    auto put = [](Disruption& d, const std::string& key, double v) {
      if (key == "capacity_loss" && v > 0 && v <= 1) d.capacity_loss = v;
      else if (key == "start" && whole(v)) d.start = static_cast<std::uint32_t>(v);
      else if (key == "duration" && whole(v) && v >= 1) d.duration = static_cast<std::uint32_t>(v);
      else return false;
      return true;
    };
    for (std::size_t i = 0; i < ds.size(); ++i) {
      if (!hit[i]) continue;
      Disruption& d = ds[i];
      if (ch.action == Action::scale) {
        const double v = ch.column == "capacity_loss" ? d.capacity_loss : ch.column == "start" ? d.start : d.duration;
        if (!put(d, ch.column, v * ch.factor)) return false;
      } else {
        for (auto it = ch.values.begin(); it != ch.values.end(); ++it) {
          if (!it->second.IsScalar()) return false;
          const auto v = io::parse_double(it->second.Scalar());
          if (!v || !put(d, it->first.Scalar(), *v)) return false;
        }
      }
    }
    return true;
  }

  ChainEditor& ed_;
  std::vector<std::pair<int, std::string>>& warnings_;
  int k_ = 0;
  bool structural_ = false;
  bool removed_supplies_ = false;
  bool shares_dirty_ = false;
  std::vector<SupplyId> new_supplies_;
  std::vector<HoldingId> share_groups_;
};

}  // namespace

bool apply_in_place(const std::vector<Change>& changes, ChainEditor& editor,
                    std::vector<std::pair<int, std::string>>& warnings) {
  InPlace ip(editor, warnings);
  for (std::size_t k = 0; k < changes.size(); ++k)
    if (!ip.apply(changes[k], static_cast<int>(k))) return false;
  // Supplies added or removed, or shares changed: the result's supplies must pass the scenario's
  // checks with nothing to say (else the full way reports it, each finding at the change that
  // caused it). Removing supplies can leave demand unreachable; adding them cannot.
  if (ip.supplies_removed()) return model::check_supply_rows(editor.chain(), true).empty();
  return !ip.supplies_changed() || ip.local_checks_pass();
}

}  // namespace chainnet::variant
