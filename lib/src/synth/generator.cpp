#include "chainnet/synth/generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>

#include "chainnet/error.hpp"
#include "chainnet/model/chain_builder.hpp"
#include "synth/rng.hpp"

namespace chainnet::synth {
namespace {

using model::kInvalidId;
using model::ProductId;
using model::SiteId;

enum Tier : std::uint8_t { kRaw, kProc, kComp, kAsm, kWh, kMkt, kNumTiers };
constexpr std::array<const char*, kNumTiers> kTierPrefix = {"raw", "proc", "comp", "asm", "wh", "mkt"};
constexpr std::array<double, kNumTiers> kTierShare = {0.25, 0.20, 0.20, 0.10, 0.08, 0.17};
constexpr std::array<const char*, 4> kLevelPrefix = {"raw", "mat", "part", "fin"};
constexpr std::array<const char*, 4> kLevelName = {"Raw material", "Processed material", "Component",
                                                   "Finished good"};

double km_between(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

double round_to(double x, double step) { return std::round(x / step) * step; }

std::string pad_num(std::uint64_t n, int width) {
  std::string s = std::to_string(n);
  if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), '0');
  return s;
}

struct Province {
  double lat, lon;
  std::uint32_t country;
  std::string code;
};

struct Supply {
  SiteId seller, buyer;
  ProductId product;
  double share;  // NaN: default
  double flow = 0;
};

class Generator {
 public:
  explicit Generator(const GeneratorOptions& o) : o_(o), rng_(o.seed) {}
  model::Chain run(GeneratorCounts* counts);

 private:
  void geography();
  void products();
  void sites();
  void producer_supplies();
  void warehouse_and_market_supplies();
  void size_capacities();
  void lanes();
  void scenario_blocks();

  // The index of a pick among n items, skewed towards the front (popular first).
  std::uint32_t popular(std::size_t n, double skew) {
    return static_cast<std::uint32_t>(std::min<double>(n - 1, std::floor(n * std::pow(rng_.uniform(), skew))));
  }
  std::uint32_t country_of(SiteId s) const { return provinces_[site_province_[s]].country; }
  // Picks up to k distinct sites from `pool`, popular ones first, preferring `country`.
  void pick(const std::vector<SiteId>& pool, std::uint32_t k, std::uint32_t country, SiteId self,
            std::vector<SiteId>& out);
  // Slot of product p among what site s sells (made or carried), for summing sold flows.
  std::size_t sell_slot(SiteId s, ProductId p) const {
    const auto& v = sells_[s];
    return static_cast<std::size_t>(std::find(v.begin(), v.end(), p) - v.begin());
  }

  GeneratorOptions o_;
  Rng rng_;
  model::ChainBuilder b_;

  std::vector<Province> provinces_;
  std::vector<std::uint32_t> country_first_province_;  // CSR over countries
  std::vector<std::array<double, 2>> ports_;           // lat, lon per port hub
  std::vector<std::uint32_t> port_country_;

  std::array<std::vector<ProductId>, 4> level_products_;
  std::vector<std::vector<std::pair<ProductId, double>>> bom_;
  std::vector<double> product_cost_;     // full cost of one unit, inputs included
  std::vector<double> conversion_cost_;  // what making one unit adds (a site's unit cost)

  std::vector<Tier> site_tier_;
  std::vector<std::uint32_t> site_province_;
  std::vector<double> site_lat_, site_lon_;
  std::vector<std::vector<ProductId>> sells_;       // made products, or carried (warehouses)
  std::vector<std::vector<double>> sold_;           // flow sold per sells_ slot
  std::vector<std::vector<std::pair<ProductId, double>>> market_demand_;
  std::vector<std::vector<SiteId>> makers_;         // per product
  std::vector<std::vector<SiteId>> carriers_;       // warehouses per finished product
  std::array<std::vector<SiteId>, kNumTiers> tier_sites_;
  std::vector<Supply> supplies_;
  std::vector<model::HubId> province_hub_;
  std::vector<model::HubId> port_hub_;
};

void Generator::pick(const std::vector<SiteId>& pool, std::uint32_t k, std::uint32_t country,
                     SiteId self, std::vector<SiteId>& out) {
  out.clear();
  k = std::min<std::uint32_t>(k, static_cast<std::uint32_t>(pool.size()));
  for (std::uint32_t attempts = 0; out.size() < k && attempts < 12 * k + 12; ++attempts) {
    const SiteId c = pool[popular(pool.size(), 2.0)];
    if (c == self || std::find(out.begin(), out.end(), c) != out.end()) continue;
    // Most buyers buy at home: a foreign candidate is taken only on later attempts.
    if (country_of(c) != country && attempts < 3 && rng_.uniform() < 0.7) continue;
    out.push_back(c);
  }
  if (out.empty())
    for (SiteId c : pool)
      if (c != self) {
        out.push_back(c);
        break;
      }
}

void Generator::geography() {
  const std::uint32_t n = o_.sites;
  const std::uint32_t countries = std::clamp<std::uint32_t>(n / 25000 + 4, 4, 30);
  const std::uint32_t per_country = std::clamp<std::uint32_t>(n / (countries * 2000) + 2, 2, 34);
  country_first_province_.push_back(0);
  for (std::uint32_t c = 0; c < countries; ++c) {
    const double clat = -35 + 90 * rng_.uniform(), clon = -120 + 260 * rng_.uniform();
    for (std::uint32_t p = 0; p < per_country; ++p) {
      Province pr;
      pr.lat = round_to(std::clamp(clat + 8 * (rng_.uniform() - 0.5), -80.0, 80.0), 1e-4);
      pr.lon = round_to(std::clamp(clon + 10 * (rng_.uniform() - 0.5), -179.0, 179.0), 1e-4);
      pr.country = c;
      pr.code = "C" + pad_num(c + 1, 2) + "-P" + pad_num(p + 1, 2);
      const std::string id = "hub_" + pr.code;
      province_hub_.push_back(b_.add_hub({id, "Logistics hub " + pr.code, pr.code, pr.lat, pr.lon}));
      provinces_.push_back(std::move(pr));
    }
    country_first_province_.push_back(static_cast<std::uint32_t>(provinces_.size()));
    // one or two seaports per country, at its first provinces
    const std::uint32_t ports = 1 + (per_country > 4 ? 1 : 0);
    for (std::uint32_t k = 0; k < ports; ++k) {
      const Province& at = provinces_[country_first_province_[c] + k];
      const std::string id = "port_C" + pad_num(c + 1, 2) + "_" + std::to_string(k + 1);
      const double lat = round_to(at.lat + 0.3, 1e-4), lon = round_to(at.lon + 0.3, 1e-4);
      port_hub_.push_back(b_.add_hub({id, "Seaport " + std::to_string(k + 1) + " of C" + pad_num(c + 1, 2), at.code, lat, lon}));
      ports_.push_back({lat, lon});
      port_country_.push_back(c);
    }
  }
}

void Generator::products() {
  const std::uint32_t n = o_.sites;
  const std::array<std::uint32_t, 4> count = {std::max(3u, n / 400), std::max(3u, n / 300),
                                              std::max(4u, n / 200), std::max(2u, n / 1000)};
  for (int l = 0; l < 4; ++l) {
    for (std::uint32_t i = 0; i < count[l]; ++i) {
      const std::string id = std::string(kLevelPrefix[l]) + "_" + std::to_string(i + 1);
      const std::string name = std::string(kLevelName[l]) + " " + std::to_string(i + 1);
      std::vector<std::pair<ProductId, double>> inputs;
      double cost = 0, inputs_cost = 0;
      if (l == 0) {
        cost = round_to(rng_.uniform(20, 2000), 0.01);
      } else {
        const std::uint32_t k = 2 + (rng_.uniform() < 0.5 ? 0 : rng_.uniform() < 0.6 ? 1 : rng_.uniform() < 0.75 ? 2 : 3);
        for (std::uint32_t j = 0; j < k * 4 && inputs.size() < k; ++j) {
          const int from = (l >= 2 && rng_.uniform() < 0.2) ? l - 2 : l - 1;
          const auto& pool = level_products_[from];
          const ProductId in = pool[popular(pool.size(), 1.5)];
          if (std::any_of(inputs.begin(), inputs.end(), [&](auto& x) { return x.first == in; })) continue;
          const double q = round_to(rng_.uniform(0.1, 3.0), 0.01);
          inputs.emplace_back(in, q);
          cost += q * product_cost_[in];
        }
        inputs_cost = cost;
        cost = round_to(cost * rng_.uniform(1.15, 1.6) + rng_.uniform(5, 50), 0.01);
      }
      const ProductId p = b_.add_product({id, name, round_to(cost * 1.25, 0.01)});
      for (const auto& [in, q] : inputs) b_.add_bom_input(p, in, q);
      bom_.push_back(std::move(inputs));
      product_cost_.push_back(cost);
      conversion_cost_.push_back(cost - inputs_cost);
      level_products_[l].push_back(p);
    }
  }
  makers_.resize(b_.num_products());
  carriers_.resize(b_.num_products());
}

void Generator::sites() {
  const std::uint32_t n = o_.sites;
  std::array<std::uint32_t, kNumTiers> count{};
  std::uint32_t assigned = 0;
  for (int t = 0; t < kMkt; ++t) {
    count[t] = std::max<std::uint32_t>(static_cast<std::uint32_t>(n * kTierShare[t]), 2);
    assigned += count[t];
  }
  count[kMkt] = n > assigned + 2 ? n - assigned : 2;
  const std::uint32_t P = static_cast<std::uint32_t>(provinces_.size());
  std::vector<std::uint32_t> mining(P);  // raw materials concentrate in a few provinces
  std::iota(mining.begin(), mining.end(), 0);
  for (std::uint32_t i = P; i > 1; --i) std::swap(mining[i - 1], mining[rng_.below(i)]);
  std::vector<std::uint32_t> firm_founder;
  std::vector<std::string_view> tags;
  for (int t = 0; t < kNumTiers; ++t) {
    for (std::uint32_t i = 0; i < count[t]; ++i) {
      const SiteId s = static_cast<SiteId>(site_tier_.size());
      const std::uint32_t prov = t == kRaw ? mining[popular(P, 3.0)] : static_cast<std::uint32_t>(rng_.below(P));
      const Province& pr = provinces_[prov];
      const double lat = round_to(std::clamp(pr.lat + 1.5 * (rng_.uniform() - 0.5), -89.0, 89.0), 1e-4);
      const double lon = round_to(std::clamp(pr.lon + 1.5 * (rng_.uniform() - 0.5), -179.5, 179.5), 1e-4);
      // a third of the sites belong to a firm with other sites of the same tier
      std::uint32_t founder = s;
      if (i > 0 && rng_.uniform() < 0.3) founder = firm_founder[s - 1 - rng_.below(std::min<std::uint32_t>(i, 50))];
      firm_founder.push_back(founder);
      const std::string id = std::string(kTierPrefix[t]) + "_" + std::to_string(i + 1);
      const std::string firm = "firm_" + std::to_string(founder + 1);
      model::SiteSpec spec;
      spec.id = id;
      spec.firm = firm;
      spec.kind = t == kAsm ? model::SiteKind::plant
                  : t == kWh ? model::SiteKind::warehouse
                  : t == kMkt ? model::SiteKind::market
                              : model::SiteKind::supplier;
      spec.region = pr.code;
      spec.lat = lat;
      spec.lon = lon;
      if (t == kRaw && rng_.uniform() < 0.2) spec.ttr = static_cast<double>(4 + rng_.below(9));  // mines recover slowly
      b_.add_site(spec);
      site_tier_.push_back(static_cast<Tier>(t));
      site_province_.push_back(prov);
      site_lat_.push_back(lat);
      site_lon_.push_back(lon);
      tier_sites_[t].push_back(s);
      sells_.emplace_back();
      // producers make one product of their level (the first ones cover every product)
      if (t <= kAsm) {
        const auto& pool = level_products_[t];
        const ProductId p = i < pool.size() ? pool[i] : pool[popular(pool.size(), 2.0)];
        sells_[s].push_back(p);
        if (rng_.uniform() < 0.1) {
          const ProductId q = pool[rng_.below(pool.size())];
          if (q != p) sells_[s].push_back(q);
        }
        for (ProductId x : sells_[s]) makers_[x].push_back(s);
      }
    }
  }
  sold_.resize(site_tier_.size());
  market_demand_.resize(site_tier_.size());
}

void Generator::producer_supplies() {
  std::vector<SiteId> chosen;
  std::vector<ProductId> inputs;
  std::vector<double> weights;
  for (int t = kProc; t <= kAsm; ++t) {
    for (SiteId s : tier_sites_[t]) {
      inputs.clear();
      for (ProductId p : sells_[s])
        for (const auto& [in, q] : bom_[p])
          if (std::find(inputs.begin(), inputs.end(), in) == inputs.end()) inputs.push_back(in);
      for (ProductId in : inputs) {
        // 30 % single-sourced, else a heavy-tailed number of suppliers
        const std::uint32_t k = rng_.uniform() < 0.3 ? 1 : 2 + static_cast<std::uint32_t>(std::min(6.0, -std::log(1.0 - rng_.uniform()) * 1.3));
        pick(makers_[in], k, country_of(s), s, chosen);
        const bool explicit_shares = chosen.size() > 1 && rng_.uniform() < 0.2;
        weights.assign(chosen.size(), 1.0);
        if (explicit_shares) {
          double sum = 0;
          for (double& w : weights) sum += (w = rng_.uniform(0.2, 1.0));
          for (double& w : weights) w = std::floor(w / sum * 1000) / 1000;
        }
        for (std::size_t i = 0; i < chosen.size(); ++i)
          supplies_.push_back({chosen[i], s, in, explicit_shares ? weights[i] : model::kNotGiven});
      }
    }
  }
}

void Generator::warehouse_and_market_supplies() {
  const auto& finished = level_products_[3];
  std::vector<SiteId> chosen;
  for (SiteId w : tier_sites_[kWh]) {
    const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng_.below(4));
    for (std::uint32_t j = 0; j < 3 * k && sells_[w].size() < k; ++j) {
      const ProductId p = finished[popular(finished.size(), 1.5)];
      if (std::find(sells_[w].begin(), sells_[w].end(), p) != sells_[w].end()) continue;
      sells_[w].push_back(p);
      carriers_[p].push_back(w);
      pick(makers_[p], 1 + static_cast<std::uint32_t>(rng_.below(3)), country_of(w), w, chosen);
      for (SiteId a : chosen) supplies_.push_back({a, w, p, model::kNotGiven});
    }
  }
  std::vector<std::uint8_t> carried_sold;  // per (warehouse slot) whether someone buys it
  for (SiteId m : tier_sites_[kMkt]) {
    const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng_.below(3));
    for (std::uint32_t j = 0; j < 3 * k && market_demand_[m].size() < k; ++j) {
      const ProductId p = finished[popular(finished.size(), 1.5)];
      auto& d = market_demand_[m];
      if (std::any_of(d.begin(), d.end(), [&](auto& x) { return x.first == p; })) continue;
      d.emplace_back(p, round_to(rng_.lognormal(40.0, 0.8), 0.1) + 0.1);
      const bool via_warehouse = !carriers_[p].empty() && rng_.uniform() < 0.7;
      pick(via_warehouse ? carriers_[p] : makers_[p], 1 + static_cast<std::uint32_t>(rng_.below(3)),
           country_of(m), m, chosen);
      for (SiteId x : chosen) supplies_.push_back({x, m, p, model::kNotGiven});
    }
  }
  // A warehouse must resell what it buys: give each unsold carried product a market nearby.
  std::vector<std::vector<std::uint8_t>> resold(site_tier_.size());
  for (SiteId w : tier_sites_[kWh]) resold[w].assign(sells_[w].size(), 0);
  for (const Supply& e : supplies_)
    if (site_tier_[e.seller] == kWh) resold[e.seller][sell_slot(e.seller, e.product)] = 1;
  const auto& markets = tier_sites_[kMkt];
  for (SiteId w : tier_sites_[kWh])
    for (std::size_t i = 0; i < sells_[w].size(); ++i) {
      if (resold[w][i]) continue;
      const ProductId p = sells_[w][i];
      const SiteId m = markets[rng_.below(markets.size())];
      auto& d = market_demand_[m];
      if (std::none_of(d.begin(), d.end(), [&](auto& x) { return x.first == p; }))
        d.emplace_back(p, round_to(rng_.lognormal(10.0, 0.5), 0.1) + 0.1);
      supplies_.push_back({w, m, p, model::kNotGiven});
    }
}

void Generator::size_capacities() {
  // Flows follow demand down the chain: buyers are always on a later tier than their sellers,
  // so visiting tiers from the markets up gives every seller its full outflow before its turn.
  const std::uint32_t S = static_cast<std::uint32_t>(site_tier_.size());
  std::vector<std::uint32_t> first(S + 1, 0), order(supplies_.size());
  for (const Supply& e : supplies_) ++first[e.buyer + 1];
  for (std::uint32_t s = 0; s < S; ++s) first[s + 1] += first[s];
  {
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t i = 0; i < supplies_.size(); ++i) order[next[supplies_[i].buyer]++] = i;
  }
  for (SiteId s = 0; s < S; ++s) sold_[s].assign(sells_[s].size(), 0.0);
  auto distribute = [&](SiteId buyer, ProductId p, double need) {
    double given = 0;
    std::uint32_t missing = 0;
    for (std::uint32_t k = first[buyer]; k < first[buyer + 1]; ++k) {
      const Supply& e = supplies_[order[k]];
      if (e.product != p) continue;
      if (std::isnan(e.share)) ++missing;
      else given += e.share;
    }
    for (std::uint32_t k = first[buyer]; k < first[buyer + 1]; ++k) {
      Supply& e = supplies_[order[k]];
      if (e.product != p) continue;
      const double share = std::isnan(e.share) ? std::max(0.0, 1.0 - given) / missing : e.share;
      const double total = given + (missing ? std::max(0.0, 1.0 - given) : 0.0);
      e.flow = total > 0 ? need * share / total : 0;
      sold_[e.seller][sell_slot(e.seller, p)] += e.flow;
    }
  };
  for (int t = kMkt; t >= kRaw; --t) {
    for (SiteId s : tier_sites_[t]) {
      if (t == kMkt) {
        for (const auto& [p, d] : market_demand_[s]) {
          b_.add_demand(s, p, d);
          distribute(s, p, d);
        }
        continue;
      }
      if (t == kWh) {
        for (std::size_t i = 0; i < sells_[s].size(); ++i) {
          distribute(s, sells_[s][i], sold_[s][i]);
          if (rng_.uniform() < 0.6) b_.add_stock(s, sells_[s][i], round_to(sold_[s][i] * rng_.uniform(1, 4), 0.1));
        }
        continue;
      }
      std::vector<std::pair<ProductId, double>> need;
      for (std::size_t i = 0; i < sells_[s].size(); ++i) {
        const ProductId p = sells_[s][i];
        const double out = sold_[s][i];
        const double cap = out > 0 ? round_to(out * rng_.uniform(1.1, 1.6), 0.1) + 1
                                   : round_to(rng_.lognormal(50, 0.5), 0.1) + 1;
        const double unit_cost = round_to(conversion_cost_[p] * rng_.uniform(0.85, 1.1), 0.01);
        const double co2 = round_to((t == kRaw ? rng_.uniform(1, 20) : rng_.uniform(0.5, 8)) * (1 + product_cost_[p] / 1000), 0.01);
        b_.add_make({s, p, cap, unit_cost, co2});
        if (rng_.uniform() < 0.33) b_.add_stock(s, p, round_to(std::max(out, 1.0) * rng_.uniform(0.5, 3), 0.1));
        for (const auto& [in, q] : bom_[p]) {
          auto it = std::find_if(need.begin(), need.end(), [&](auto& x) { return x.first == in; });
          if (it == need.end()) need.emplace_back(in, out * q);
          else it->second += out * q;
        }
      }
      for (const auto& [in, amount] : need) distribute(s, in, amount);
    }
  }
  b_.reserve_supplies(supplies_.size());
  for (const Supply& e : supplies_) {
    model::SupplySpec spec;
    spec.seller = e.seller;
    spec.buyer = e.buyer;
    spec.product = e.product;
    spec.share = e.share;
    if (e.flow > 0 && rng_.uniform() < 0.5) spec.capacity = round_to(e.flow * rng_.uniform(1.2, 2.0), 0.1) + 1;
    // lead times grow with distance: same province 0-1 periods, abroad 2-6
    const double km = km_between(site_lat_[e.seller], site_lon_[e.seller], site_lat_[e.buyer], site_lon_[e.buyer]);
    spec.lead_time = static_cast<std::uint32_t>(std::min(6.0, km / 1500.0 + rng_.uniform(0, 1.0)));
    b_.add_supply(spec);
  }
}

void Generator::lanes() {
  const std::uint32_t P = static_cast<std::uint32_t>(provinces_.size());
  // Trunk capacities scale with the tonnage the chain moves: rail lanes carry a few times a
  // province's average outflow, sea lanes a good part of all trade between countries, so that
  // some saturate (the flow plan's bottlenecks) without cutting countries off.
  double total = 0, abroad = 0;
  for (const Supply& e : supplies_) {
    total += e.flow;
    if (country_of(e.seller) != country_of(e.buyer)) abroad += e.flow;
  }
  const double rail_scale = std::max(100.0, total / std::max(1u, P));
  const double sea_scale = std::max(100.0, abroad);
  auto hub = [&](std::uint32_t prov) { return model::NodeRef{true, province_hub_[prov]}; };
  auto add = [&](model::NodeRef a, model::NodeRef z, model::Mode mode, double km) {
    struct ModeCost {
      double speed_kmh, cost_km, co2_km, detour, handling_h;
    };
    static constexpr std::array<ModeCost, 3> kCost = {{{60, 0.10, 0.090, 1.3, 2},     // road
                                                       {40, 0.04, 0.025, 1.2, 6},     // rail
                                                       {28, 0.008, 0.012, 1.5, 24}}};  // sea
    const ModeCost& c = kCost[static_cast<int>(mode)];
    model::LaneSpec l;
    l.from = a;
    l.to = z;
    l.mode = mode;
    l.distance_km = round_to(std::max(1.0, km * c.detour), 0.1);
    l.time_h = round_to(l.distance_km / c.speed_kmh + c.handling_h, 0.1);
    l.cost = round_to(l.distance_km * c.cost_km + 1, 0.01);
    l.co2_kg = round_to(l.distance_km * c.co2_km, 0.01);
    if (mode == model::Mode::rail) l.capacity = round_to(rail_scale * rng_.uniform(0.5, 4.0), 1);
    if (mode == model::Mode::sea) l.capacity = round_to(sea_scale * rng_.uniform(0.3, 1.2), 1);
    b_.add_lane(l);
    std::swap(l.from, l.to);
    b_.add_lane(l);
  };
  // each site to its province hub by road (both ways)
  for (SiteId s = 0; s < site_tier_.size(); ++s) {
    const Province& pr = provinces_[site_province_[s]];
    add({false, s}, hub(site_province_[s]), model::Mode::road,
        km_between(site_lat_[s], site_lon_[s], pr.lat, pr.lon));
  }
  // provinces of a country: each to its two nearest later ones by road and rail
  for (std::uint32_t a = 0; a < P; ++a) {
    const std::uint32_t c = provinces_[a].country;
    std::vector<std::pair<double, std::uint32_t>> near;
    for (std::uint32_t z = a + 1; z < country_first_province_[c + 1]; ++z)
      near.emplace_back(km_between(provinces_[a].lat, provinces_[a].lon, provinces_[z].lat, provinces_[z].lon), z);
    std::sort(near.begin(), near.end());
    for (std::size_t i = 0; i < near.size() && i < 2; ++i) {
      add(hub(a), hub(near[i].second), model::Mode::road, near[i].first);
      add(hub(a), hub(near[i].second), model::Mode::rail, near[i].first);
    }
  }
  // ports: rail to every province hub of their country, sea to the three nearest foreign ports
  for (std::uint32_t k = 0; k < ports_.size(); ++k) {
    const std::uint32_t c = port_country_[k];
    for (std::uint32_t z = country_first_province_[c]; z < country_first_province_[c + 1]; ++z)
      add({true, port_hub_[k]}, hub(z), model::Mode::rail,
          km_between(ports_[k][0], ports_[k][1], provinces_[z].lat, provinces_[z].lon));
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sea;
  for (std::uint32_t a = 0; a < ports_.size(); ++a) {
    std::vector<std::pair<double, std::uint32_t>> near;
    for (std::uint32_t z = 0; z < ports_.size(); ++z)
      if (port_country_[z] != port_country_[a])
        near.emplace_back(km_between(ports_[a][0], ports_[a][1], ports_[z][0], ports_[z][1]), z);
    std::sort(near.begin(), near.end());
    for (std::size_t i = 0; i < near.size() && i < 3; ++i)
      sea.emplace_back(std::min(a, near[i].second), std::max(a, near[i].second));
  }
  std::sort(sea.begin(), sea.end());
  sea.erase(std::unique(sea.begin(), sea.end()), sea.end());
  for (const auto& [a, z] : sea)
    add({true, port_hub_[a]}, {true, port_hub_[z]}, model::Mode::sea,
        km_between(ports_[a][0], ports_[a][1], ports_[z][0], ports_[z][1]));
}

void Generator::scenario_blocks() {
  // chain master: the assembler that sells the most
  SiteId master = tier_sites_[kAsm].front();
  double best = -1;
  for (SiteId s : tier_sites_[kAsm]) {
    double out = 0;
    for (double x : sold_[s]) out += x;
    if (out > best) {
      best = out;
      master = s;
    }
  }
  b_.add_tag(master, "chain_master");
  // the province with the most raw-material suppliers floods
  std::vector<std::uint32_t> raw_in(provinces_.size(), 0);
  for (SiteId s : tier_sites_[kRaw]) ++raw_in[site_province_[s]];
  const std::uint32_t flood = static_cast<std::uint32_t>(std::max_element(raw_in.begin(), raw_in.end()) - raw_in.begin());
  model::Disruption d1;
  d1.id = "flood_" + provinces_[flood].code;
  d1.name = "Flood in the main mining province";
  d1.target = model::DisruptionTarget::region;
  d1.region = b_.find_region(provinces_[flood].code);
  d1.start = 2;
  d1.duration = 6;
  b_.add_disruption(d1);
  // the busiest seller burns
  std::vector<std::uint32_t> out_degree(site_tier_.size(), 0);
  for (const Supply& e : supplies_) ++out_degree[e.seller];
  const SiteId busiest = static_cast<SiteId>(std::max_element(out_degree.begin(), out_degree.end()) - out_degree.begin());
  model::Disruption d2;
  d2.id = "fire_" + std::string(b_.site_id(busiest));
  d2.name = "Fire at the busiest supplier";
  d2.target = model::DisruptionTarget::sites;
  d2.sites = {busiest};
  d2.start = 1;
  d2.duration = 8;
  b_.add_disruption(d2);
  model::Disruption d3;
  d3.id = "port_strike";
  d3.name = "Dock strike: sea lanes at 30 %";
  d3.target = model::DisruptionTarget::mode;
  d3.mode = model::Mode::sea;
  d3.capacity_loss = 0.7;
  d3.start = 3;
  d3.duration = 3;
  b_.add_disruption(d3);
  model::MonteCarloSpec mc;
  mc.present = true;
  mc.runs = 1000;
  mc.seed = o_.seed;
  model::MonteCarloEvent e1;
  e1.all_sites = true;
  e1.probability = 0.01;
  e1.duration.kind = model::DurationDistribution::Kind::uniform;
  e1.duration.a = 1;
  e1.duration.b = 6;
  mc.events.push_back(e1);
  model::MonteCarloEvent e2;
  e2.region = b_.find_region(provinces_[flood].code.substr(0, 3));
  e2.probability = 0.05;
  e2.duration.a = e2.duration.b = 4;
  e2.capacity_loss = 0.6;
  mc.events.push_back(e2);
  b_.set_montecarlo(std::move(mc));
}

model::Chain Generator::run(GeneratorCounts* counts) {
  if (o_.sites < 30) throw InvalidInput("generate needs at least 30 sites (got " + std::to_string(o_.sites) + ")");
  if (o_.sites > 50'000'000) throw InvalidInput("generate makes at most 50,000,000 sites");
  b_.set_name("Synthetic chain (" + std::to_string(o_.sites) + " sites, seed " + std::to_string(o_.seed) + ")");
  b_.set_description("Generated by chainnet generate: illustrative, not real data.");
  b_.set_units({"t", "week", "USD"});
  model::Settings settings;
  settings.seed = o_.seed;
  b_.set_settings(settings);
  b_.set_analyses({"validate", "info"});
  geography();
  products();
  sites();
  producer_supplies();
  warehouse_and_market_supplies();
  size_capacities();
  lanes();
  scenario_blocks();
  if (counts) {
    counts->products = b_.num_products();
    counts->sites = b_.num_sites();
    counts->hubs = b_.num_hubs();
    counts->supplies = static_cast<std::uint32_t>(supplies_.size());
  }
  return b_.build();
}

}  // namespace

model::Chain generate_chain(const GeneratorOptions& options, GeneratorCounts* counts) {
  Generator g(options);
  model::Chain c = g.run(counts);
  if (counts) counts->lanes = c.lanes().size();
  return c;
}

}  // namespace chainnet::synth
