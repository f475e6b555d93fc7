#include "chainnet/model/chain.hpp"

#include "chainnet/error.hpp"

#include <cctype>
#include <string>

#include <algorithm>
#include <array>

namespace chainnet::model {

double hours_in(std::string_view unit) {
  std::string u(unit);
  for (char& ch : u) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (u.size() > 1 && u.back() == 's') u.pop_back();
  if (u == "hour" || u == "h") return 1;
  if (u == "day" || u == "d") return 24;
  if (u == "week" || u == "wk") return 168;
  if (u == "month") return 730;
  if (u == "quarter") return 2190;
  if (u == "year" || u == "yr") return 8760;
  return 0;
}
namespace {

constexpr std::array<std::string_view, kNumSiteKinds> kSiteKindNames = {
    "supplier", "plant", "warehouse", "port", "market"};
constexpr std::array<std::string_view, kNumModes> kModeNames = {
    "road", "rail", "sea", "air", "inland_water", "pipeline"};

template <class V>
std::size_t bytes(const V& v) {
  return v.capacity() * sizeof(typename V::value_type);
}
std::size_t bytes(const Csr& c) { return bytes(c.first) + bytes(c.items); }

}  // namespace

std::string_view to_string(SiteKind kind) { return kSiteKindNames[static_cast<int>(kind)]; }

std::optional<SiteKind> parse_site_kind(std::string_view text) {
  for (int i = 0; i < kNumSiteKinds; ++i)
    if (kSiteKindNames[i] == text) return static_cast<SiteKind>(i);
  return std::nullopt;
}

std::string_view to_string(Mode mode) { return kModeNames[static_cast<int>(mode)]; }

std::optional<Mode> parse_mode(std::string_view text) {
  for (int i = 0; i < kNumModes; ++i)
    if (kModeNames[i] == text) return static_cast<Mode>(i);
  return std::nullopt;
}

SiteId Chain::find_site(std::string_view id) const {
  const NodeId n = node_ids_->find(id);
  return n < sites_->size() ? n : kInvalidId;
}

HoldingId Chain::find_holding(SiteId s, ProductId p) const {
  const auto b = holdings_->product.begin();
  auto it = std::lower_bound(b + sites_->holdings.first[s], b + sites_->holdings.first[s + 1], p);
  return (it != b + sites_->holdings.first[s + 1] && *it == p) ? static_cast<HoldingId>(it - b) : kInvalidId;
}

const Disruption& Chain::disruption(std::string_view id) const {
  for (const Disruption& d : disruptions_)
    if (d.id == id) return d;
  std::string known;
  for (const Disruption& d : disruptions_) known += (known.empty() ? "" : ", ") + d.id;
  throw InvalidInput("no disruption '" + std::string(id) + "' in the scenario" +
                     (known.empty() ? std::string(" (it defines none)") : " (it defines: " + known + ")"));
}

bool Chain::operator==(const Chain& o) const {
  return name_ == o.name_ && description_ == o.description_ && units_ == o.units_ && settings_ == o.settings_ &&
         *products_ == *o.products_ && *sites_ == *o.sites_ && *hubs_ == *o.hubs_ && *holdings_ == *o.holdings_ &&
         *makes_ == *o.makes_ && *supplies_ == *o.supplies_ && *lanes_ == *o.lanes_ && *regions_ == *o.regions_ &&
         *firms_ == *o.firms_ && *tags_ == *o.tags_ && *node_ids_ == *o.node_ids_ && disruptions_ == o.disruptions_ &&
         montecarlo_ == o.montecarlo_ && analyses_ == o.analyses_ && variants_ == o.variants_;
}

const VariantSpec* Chain::find_variant(std::string_view id) const {
  for (const VariantSpec& v : variants_)
    if (v.id == id) return &v;
  return nullptr;
}

std::vector<SiteId> Chain::chain_masters() const {
  std::vector<SiteId> out;
  const TagId master = tags_->find("chain_master");
  if (master == kInvalidId) return out;
  for (SiteId s = 0; s < sites_->size(); ++s)
    for (TagId t : sites_->tags[s])
      if (t == master) {
        out.push_back(s);
        break;
      }
  return out;
}

bool Chain::has_demand(SiteId s) const {
  for (HoldingId h : sites_->holdings[s])
    if (holdings_->demand[h] > 0) return true;
  return false;
}

std::size_t Chain::memory_bytes() const {
  std::size_t b = products_->ids.memory_bytes() + bytes(products_->value) + bytes(products_->bom) +
                  bytes(products_->bom_quantity);
  b += bytes(sites_->kind) + bytes(sites_->region) + bytes(sites_->firm) + bytes(sites_->lat) +
       bytes(sites_->lon) + bytes(sites_->ttr) + bytes(sites_->tags) + bytes(sites_->holdings.first) +
       bytes(sites_->makes.first) + bytes(sites_->supplies_out) + bytes(sites_->supplies_in);
  b += bytes(holdings_->site) + bytes(holdings_->product) + bytes(holdings_->stock) +
       bytes(holdings_->demand);
  b += bytes(makes_->site) * 3 + bytes(makes_->capacity) * 3 + bytes(makes_->recipe) +
       bytes(makes_->recipe_holding) + bytes(makes_->recipe_quantity);
  b += bytes(supplies_->seller) * 5 + bytes(supplies_->capacity) * 2 + bytes(supplies_->share_given) +
       bytes(supplies_->lead_time);
  b += bytes(lanes_->from) * 2 + bytes(lanes_->mode) + bytes(lanes_->cost) * 5 + bytes(lanes_->out) +
       bytes(lanes_->in);
  b += node_ids_->memory_bytes() + firms_->memory_bytes() + regions_->codes.memory_bytes();
  return b;
}

}  // namespace chainnet::model
