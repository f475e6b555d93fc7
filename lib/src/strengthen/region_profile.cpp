#include "chainnet/strengthen/region_profile.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "chainnet/error.hpp"
#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/model/tiers.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "io/text.hpp"
#include "variant/change_form.hpp"

namespace chainnet::strengthen {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string_view region_of(const model::Chain& c, model::SiteId s) {
  const model::RegionId r = c.sites().region[s];
  return r == model::kInvalidId ? std::string_view() : c.regions().codes.name(r);
}

std::string_view country_of(std::string_view region) { return region.substr(0, region.find('-')); }

}  // namespace

RegionProfile region_profile(const model::Chain& c, const std::string& region) {
  RegionProfile out;
  out.region = region;
  const std::uint32_t S = c.num_sites();
  std::vector<char> here(S, 0);
  for (model::SiteId s = 0; s < S; ++s)
    if (!region.empty() && variant::matches("region", region_of(c, s), region)) {
      here[s] = 1;
      out.sites.push_back(s);
    }
  if (out.sites.empty())
    throw InvalidInput("no site lies in region '" + region + "'" + io::did_you_mean(io::suggest(region, c.regions().codes)));
  const flow::NormalPlan plan = flow::normal_plan(c);
  const std::vector<std::uint32_t> level = model::bom_levels(c);
  const model::ProductTable& P = c.products();
  const model::MakeTable& M = c.makes();
  const model::SupplyTable& E = c.supplies();
  const model::HoldingTable& H = c.holdings();

  std::vector<ProductInRegion> prod(P.size());
  std::vector<std::map<std::string, double>> by_country(P.size()), by_region(P.size());
  std::vector<double> produced(P.size(), 0), produced_here(P.size(), 0);
  std::vector<char> unlimited(P.size(), 0), used_here(P.size(), 0);
  for (model::ProductId p = 0; p < P.size(); ++p) {
    prod[p].product = p;
    prod[p].level = level[p] == model::kInvalidId ? 0 : level[p];
  }
  for (model::MakeId m = 0; m < M.size(); ++m) {
    const model::ProductId p = M.product[m];
    const double cap = M.capacity[m];
    ProductInRegion& x = prod[p];
    ++x.makers;
    produced[p] += plan.production[m];
    if (here[M.site[m]]) {
      ++x.makers_here;
      x.capacity_here += cap;
      produced_here[p] += plan.production[m];
    }
    x.capacity += cap;
    if (std::isinf(cap)) {
      unlimited[p] = 1;
      continue;
    }
    const std::string_view r = region_of(c, M.site[m]);
    by_country[p][std::string(country_of(r))] += cap;
    by_region[p][std::string(r)] += cap;
  }
  // Imports, exports and what the region uses.
  for (model::SupplyId e = 0; e < E.size(); ++e) {
    const double v = plan.supply[e] * P.value[E.product[e]];
    const bool in_seller = here[E.seller[e]], in_buyer = here[E.buyer[e]];
    if (in_buyer) used_here[E.product[e]] = 1;
    if (in_buyer && !in_seller) {
      prod[E.product[e]].import_value += v;
      out.import_value += v;
    } else if (in_seller && !in_buyer) {
      out.export_value += v;
    }
  }
  for (model::HoldingId h = 0; h < H.size(); ++h)
    if (here[H.site[h]] && H.demand[h] > 0) used_here[H.product[h]] = 1;
  for (model::ProductId p = 0; p < P.size(); ++p) {
    ProductInRegion& x = prod[p];
    x.capacity_share = unlimited[p] ? kNaN : (x.capacity > 0 ? x.capacity_here / x.capacity : 0.0);
    x.production_share = produced[p] > 0 ? produced_here[p] / produced[p] : 0.0;
    out.production_value += produced_here[p] * P.value[p];
    double total = 0;
    for (const auto& [k, v] : by_country[p]) total += v;
    if (total > 0 && !unlimited[p]) {
      for (const auto& [k, v] : by_country[p]) {
        const double s = v / total;
        x.hhi_country += s * s;
        if (s > x.top_country_share) x.top_country_share = s, x.top_country = k;
      }
      for (const auto& [k, v] : by_region[p]) x.hhi_region += (v / total) * (v / total);
    } else {
      x.hhi_country = x.hhi_region = x.top_country_share = kNaN;
    }
  }
  // Stages.
  std::uint32_t depth = 0;
  for (const auto& x : prod) depth = std::max(depth, x.level);
  out.stages.resize(depth + 1);
  for (std::uint32_t l = 0; l <= depth; ++l) out.stages[l].level = l;
  for (model::ProductId p = 0; p < P.size(); ++p) {
    StageInRegion& st = out.stages[prod[p].level];
    ++st.products;
    if (prod[p].makers_here > 0) ++st.made_here;
    else if (used_here[p]) ++st.imported;
    st.production_value += produced_here[p] * P.value[p];
    st.import_value += prod[p].import_value;
  }
  for (StageInRegion& st : out.stages) {
    const double t = st.production_value + st.import_value;
    st.value_share = t > 0 ? st.production_value / t : 0.0;
  }
  // Candidates that would make in the region what it imports.
  if (!c.candidates().empty()) {
    const std::vector<Candidate> cands = resolve_candidates(c);
    for (std::uint32_t i = 0; i < cands.size(); ++i) {
      const Candidate& k = cands[i];
      auto in_region = [&](const std::string& id, const std::string& candidate_region) {
        const model::SiteId s = c.find_site(id);
        if (s != model::kInvalidId) return static_cast<bool>(here[s]);
        return !candidate_region.empty() && variant::matches("region", candidate_region, region);
      };
      if (k.kind == CandidateKind::supply) {
        const model::ProductId p = c.find_product(k.product);
        if (p == model::kInvalidId || prod[p].import_value <= 0 || !in_region(k.from, "") || !in_region(k.to, "")) continue;
        out.candidates.push_back({i, k.id, p, std::min(prod[p].import_value, k.amount * P.value[p])});
      } else if (k.kind == CandidateKind::site) {
        const YAML::Node n = YAML::Load(k.yaml);
        const std::string r = n["region"] && n["region"].IsScalar() ? n["region"].Scalar() : std::string();
        if (!variant::matches("region", r, region)) continue;
        if (const YAML::Node makes = n["makes"]; makes && makes.IsMap())
          for (auto it = makes.begin(); it != makes.end(); ++it) {
            const model::ProductId p = c.find_product(it->first.Scalar());
            if (p == model::kInvalidId || prod[p].import_value <= 0) continue;
            double cap = HUGE_VAL;
            const YAML::Node spec = it->second;
            const YAML::Node cn = spec.IsMap() ? spec["capacity"] : spec;
            if (cn && cn.IsScalar()) cap = io::parse_double(cn.Scalar()).value_or(HUGE_VAL);
            out.candidates.push_back({i, k.id, p, std::min(prod[p].import_value, cap * P.value[p])});
          }
      }
    }
    std::stable_sort(out.candidates.begin(), out.candidates.end(), [](const auto& a, const auto& b) {
      return a.import_value_removed > b.import_value_removed;
    });
  }
  std::stable_sort(prod.begin(), prod.end(), [](const ProductInRegion& a, const ProductInRegion& b) {
    if (a.import_value != b.import_value) return a.import_value > b.import_value;
    if (a.level != b.level) return a.level < b.level;
    return a.product < b.product;
  });
  out.products = std::move(prod);
  return out;
}

}  // namespace chainnet::strengthen
