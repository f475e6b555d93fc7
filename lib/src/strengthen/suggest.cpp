#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/chain_editor.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/weak/sourcing.hpp"
#include "chainnet/weak/structural_loss.hpp"
#include "variant/change_form.hpp"

namespace chainnet::strengthen {

std::vector<model::CandidateSpec> suggest_candidates(const model::Chain& chain, const std::string& file, std::size_t max) {
  const model::CandidateRules& rules = chain.settings().candidates;
  const flow::NormalPlan plan = flow::normal_plan(chain);
  const weak::StructuralLoss loss(chain);
  const auto pairs = weak::sourcing_pairs(loss);
  const model::HoldingTable& H = chain.holdings();
  const model::MakeTable& M = chain.makes();
  const model::SupplyTable& E = chain.supplies();
  std::vector<model::CandidateSpec> out;
  std::set<std::string> taken;
  for (const auto& c : chain.candidates()) taken.insert(c.id);
  auto unique = [&](std::string id) {
    std::string u = id;
    for (int k = 2; taken.count(u); ++k) u = id + "_" + std::to_string(k);
    taken.insert(u);
    return u;
  };
  auto num = [](double x) { return YAML::Node(io::format_number_exact(x)); };
  // Whether the last add() was kept (a capacity requiring a supply cut off is cut too).
  auto add = [&](YAML::Node n) {
    if (out.size() >= max) return false;
    model::CandidateSpec s;
    s.id = n["id"].Scalar();
    s.yaml = variant::to_flow(n);
    s.file = file;
    s.line = static_cast<std::uint32_t>(out.size() + 1);
    s.column = 1;
    out.push_back(std::move(s));
    return true;
  };
  std::set<std::pair<model::SiteId, model::ProductId>> capacity_done;
  auto add_capacity = [&](model::MakeId m, const std::string& requires_id) {
    if (!std::isfinite(M.capacity[m]) || M.capacity[m] <= 0 || rules.capacity_share <= 0) return;
    if (requires_id.empty() && !capacity_done.insert({M.site[m], M.product[m]}).second) return;
    const double extra = rules.capacity_share * M.capacity[m];
    const double value = chain.products().value[M.product[m]];
    YAML::Node n(YAML::NodeType::Map);
    n["id"] = unique("capacity_" + std::string(chain.product_id(M.product[m])) + "_" + std::string(chain.site_id(M.site[m])));
    n["kind"] = "capacity";
    n["site"] = std::string(chain.site_id(M.site[m]));
    n["product"] = std::string(chain.product_id(M.product[m]));
    n["capacity"] = num(extra);
    n["cost"] = num(rules.capacity_periods * extra * value);
    if (!requires_id.empty()) n["requires"] = requires_id;
    add(n);
  };
  for (const weak::SourcingPair& p : pairs) {
    if (out.size() >= max) break;
    if (p.value_at_risk <= 0) continue;
    const bool single = p.suppliers == 1;
    const bool one_region = p.common_region != model::kInvalidId;
    if (!single && !one_region) continue;
    const model::HoldingId h = p.buyer_holding;
    const model::SiteId buyer = H.site[h];
    const model::ProductId product = H.product[h];
    const double value = chain.products().value[product];
    double inflow = 0, ttr = 0;
    std::vector<model::SiteId> sellers;
    for (model::SupplyId e : H.bought[h]) {
      inflow += plan.supply[e];
      sellers.push_back(E.seller[e]);
      ttr = std::max(ttr, chain.site_ttr(E.seller[e]));
    }
    if (inflow <= 0) continue;
    const std::string pid(chain.product_id(product)), bid(chain.site_id(buyer));
    // Second sources: other makers with spare capacity in the normal plan.
    for (model::MakeId m = 0; m < M.size(); ++m) {
      if (M.product[m] != product || M.site[m] == buyer) continue;
      if (std::find(sellers.begin(), sellers.end(), M.site[m]) != sellers.end()) continue;
      const double spare = M.capacity[m] - plan.production[m];
      if (!(spare > 1e-9)) continue;
      const double cap = std::min(spare, inflow);
      YAML::Node n(YAML::NodeType::Map);
      const std::string sid(chain.site_id(M.site[m]));
      const std::string id = unique("second_" + pid + "_" + sid + "_" + bid);
      n["id"] = id;
      n["kind"] = "supply";
      n["from"] = sid;
      n["to"] = bid;
      n["product"] = pid;
      n["capacity"] = num(cap);
      n["lead_time"] = 1;
      n["cost"] = num(rules.supply_periods * cap * value);
      if (add(n)) add_capacity(m, id);
    }
    // Stock at the buyer for the sellers' recovery.
    if (rules.stock_share > 0 && ttr > 0) {
      const double q = inflow * ttr;
      YAML::Node n(YAML::NodeType::Map);
      n["id"] = unique("stock_" + pid + "_" + bid);
      n["kind"] = "stock";
      n["site"] = bid;
      n["product"] = pid;
      n["quantity"] = num(q);
      n["cost"] = num(rules.stock_share * q * value);
      add(n);
    }
    // More capacity at the makers already selling to the buyer.
    for (model::SiteId s : sellers) {
      const model::HoldingId sh = chain.find_holding(s, product);
      if (sh != model::kInvalidId && H.make[sh] != model::kInvalidId) add_capacity(H.make[sh], "");
    }
  }
  return out;
}

model::Chain with_suggested_candidates(const model::Chain& chain, std::size_t max) {
  std::vector<model::CandidateSpec> all = chain.candidates();
  for (auto& s : suggest_candidates(chain, "<suggested>", max)) all.push_back(std::move(s));
  model::ChainEditor ed(chain);
  ed.set_candidates(std::move(all));
  return ed.take();
}

}  // namespace chainnet::strengthen
