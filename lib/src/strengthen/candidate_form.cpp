#include "strengthen/candidate_form.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "io/text.hpp"

namespace chainnet::strengthen {
namespace {

using io::did_you_mean;
using io::suggest;

constexpr std::array<std::string_view, 5> kKinds = {"supply", "capacity", "stock", "lane", "site"};

constexpr std::array<std::string_view, 11> kSupplyAll = {"id", "kind", "cost", "group", "requires", "name",
                                                         "from", "to", "product", "capacity", "lead_time"};
constexpr std::array<std::string_view, 9> kCapacity = {"id", "kind", "cost", "group", "requires", "name",
                                                        "site", "product", "capacity"};
constexpr std::array<std::string_view, 9> kStock = {"id", "kind", "cost", "group", "requires", "name",
                                                     "site", "product", "quantity"};
constexpr std::array<std::string_view, 14> kLane = {"id", "kind", "cost", "group", "requires", "name", "from",
                                                    "to", "mode", "unit_cost", "time_h", "distance_km", "capacity", "co2"};
constexpr std::array<std::string_view, 18> kSite = {"id",   "kind", "cost",   "group",  "requires", "name",
                                                    "site", "site_kind", "region", "lat", "lon", "location",
                                                    "firm", "ttr", "tags", "makes", "stock", "supplies"};
constexpr std::array<std::string_view, 29> kColumns = {
    "id",       "kind",   "cost",   "group",     "requires",  "name",   "from",     "to",
    "product",  "capacity", "lead_time", "site", "quantity",  "mode",   "unit_cost", "time_h",
    "distance_km", "co2",  "site_kind", "region", "lat",     "lon",    "firm",     "ttr",
    "tags",     "makes",  "stock",  "supplies",  "location"};
constexpr std::array<std::string_view, 5> kSupplyRow = {"from", "to", "product", "capacity", "lead_time"};

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

std::string_view to_string(CandidateKind k) { return kKinds[static_cast<int>(k)]; }
std::span<const std::string_view> candidate_kinds() { return kKinds; }
std::span<const std::string_view> candidate_columns() { return kColumns; }

std::span<const std::string_view> candidate_keys(CandidateKind kind) {
  switch (kind) {
    case CandidateKind::supply: return kSupplyAll;
    case CandidateKind::capacity: return kCapacity;
    case CandidateKind::stock: return kStock;
    case CandidateKind::lane: return kLane;
    case CandidateKind::site: return kSite;
  }
  return kSupplyAll;
}

bool check_candidate_form(const YAML::Node& n, std::vector<variant::Issue>& issues) {
  bool ok = true;
  auto error = [&](const YAML::Node& at, std::string msg) {
    issues.push_back({at.Mark(), std::move(msg), false});
    ok = false;
  };
  if (!n.IsMap()) {
    error(n, "expected a candidate {id, kind, cost, ...}");
    return false;
  }
  const YAML::Node id = n["id"];
  if (!id || !id.IsScalar() || io::trim(id.Scalar()).empty()) error(id ? id : n, "a candidate needs an 'id'");
  const YAML::Node kind = n["kind"];
  CandidateKind k = CandidateKind::supply;
  if (!kind || !kind.IsScalar()) {
    error(kind ? kind : n, "a candidate needs a 'kind': supply, capacity, stock, lane or site");
    return false;
  }
  {
    const auto it = std::find(kKinds.begin(), kKinds.end(), kind.Scalar());
    if (it == kKinds.end()) {
      error(kind, "unknown candidate kind " + q(kind.Scalar()) + " (expected supply, capacity, stock, lane or site)" +
                      did_you_mean(suggest(kind.Scalar(), kKinds)));
      return false;
    }
    k = static_cast<CandidateKind>(it - kKinds.begin());
  }
  const auto keys = candidate_keys(k);
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      error(it->first, "unknown key " + q(key) + " in a " + std::string(kind.Scalar()) + " candidate" +
                           did_you_mean(suggest(key, keys)));
  }
  auto text = [&](const char* key, bool required) {
    const YAML::Node v = n[key];
    if (!v || v.IsNull()) {
      if (required) error(n, std::string("a ") + kind.Scalar() + " candidate needs '" + key + "'");
      return;
    }
    if (!v.IsScalar() || io::trim(v.Scalar()).empty()) error(v, std::string("'") + key + "' is an id, found " + (v.IsScalar() ? "nothing" : "a list or map"));
  };
  auto number = [&](const YAML::Node& v, const std::string& what, bool required, bool positive) {
    if (!v || v.IsNull()) {
      if (required) error(n, std::string("a ") + kind.Scalar() + " candidate needs '" + what + "'");
      return;
    }
    const auto x = v.IsScalar() ? io::parse_double(v.Scalar()) : std::nullopt;
    if (!x || !std::isfinite(*x) || *x < 0 || (positive && *x == 0))
      error(v, "'" + what + "' expects a number " + (positive ? "> 0" : ">= 0") + ", found " +
                   (v.IsScalar() ? q(v.Scalar()) : std::string("a list or map")));
  };
  number(n["cost"], "cost", true, false);
  for (const char* key : {"group", "requires", "name"}) text(key, false);
  switch (k) {
    case CandidateKind::supply:
      text("from", true), text("to", true), text("product", true);
      number(n["capacity"], "capacity", true, true);
      number(n["lead_time"], "lead_time", false, false);
      break;
    case CandidateKind::capacity:
      text("site", true), text("product", true);
      number(n["capacity"], "capacity", true, true);
      break;
    case CandidateKind::stock:
      text("site", true), text("product", true);
      number(n["quantity"], "quantity", true, true);
      break;
    case CandidateKind::lane:
      text("from", true), text("to", true), text("mode", true);
      for (const char* key : {"unit_cost", "time_h", "distance_km", "capacity", "co2"}) number(n[key], key, false, false);
      break;
    case CandidateKind::site: {
      text("site", true), text("site_kind", false), text("region", false), text("firm", false);
      for (const char* key : {"lat", "lon", "ttr"}) number(n[key], key, false, false);
      const YAML::Node makes = n["makes"];
      if (!makes || !makes.IsMap() || makes.size() == 0)
        error(makes ? makes : n, "a site candidate needs 'makes': {product: capacity, ...} (what the new site makes)");
      const YAML::Node supplies = n["supplies"];
      if (supplies && !supplies.IsNull()) {
        if (!supplies.IsSequence()) {
          error(supplies, "'supplies' expects a list of {from, to, product, capacity, lead_time}");
        } else {
          for (const YAML::Node& s : supplies) {
            if (!s.IsMap()) {
              error(s, "expected a supply {from, to, product, capacity, lead_time}");
              continue;
            }
            for (auto it = s.begin(); it != s.end(); ++it)
              if (std::find(kSupplyRow.begin(), kSupplyRow.end(), it->first.Scalar()) == kSupplyRow.end())
                error(it->first, "unknown key " + q(it->first.Scalar()) + " in a site candidate's supply" +
                                     did_you_mean(suggest(it->first.Scalar(), kSupplyRow)));
            for (const char* key : {"from", "to", "product"})
              if (!s[key] || !s[key].IsScalar()) error(s, std::string("a site candidate's supply needs '") + key + "'");
            number(s["capacity"], "capacity", true, true);
            number(s["lead_time"], "lead_time", false, false);
          }
        }
      }
      break;
    }
  }
  return ok;
}

std::vector<std::tuple<std::string, std::string, std::string>> site_candidate_supplies(const Candidate& c) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;
  const YAML::Node n = YAML::Load(c.yaml);
  if (const YAML::Node s = n["supplies"]; s && s.IsSequence())
    for (const YAML::Node& row : s)
      out.emplace_back(std::string(io::trim(row["from"].Scalar())), std::string(io::trim(row["to"].Scalar())),
                       std::string(io::trim(row["product"].Scalar())));
  return out;
}

}  // namespace chainnet::strengthen
