#include "strengthen/candidate_columns.hpp"

#include <deque>
#include <map>
#include <tuple>

#include "chainnet/error.hpp"
#include "strengthen/candidate_form.hpp"

namespace chainnet::strengthen {

using model::HoldingId;
using model::MakeId;
using model::SiteId;
using model::SupplyId;

CandidateColumns candidate_columns(const model::Chain& chain, std::span<const Candidate> candidates) {
  const std::size_t n = candidates.size();
  CandidateColumns out{apply_portfolio(chain, candidates, std::vector<char>(n, 1)), {}, {}, {}, {}, {}, {}, {}};
  const model::Chain& all = out.all;
  const model::HoldingTable& H = all.holdings();
  const model::MakeTable& M = all.makes();
  const model::SupplyTable& E = all.supplies();
  // The site candidate that adds a site (by the new site's id).
  auto site_candidate = [&](std::string_view site) -> std::int64_t {
    for (std::uint32_t c = 0; c < n; ++c)
      if (candidates[c].kind == CandidateKind::site && candidates[c].site == site) return c;
    return -1;
  };
  auto base_holding = [&](HoldingId h) {
    const SiteId s = chain.find_site(all.site_id(H.site[h]));
    const model::ProductId p = chain.find_product(all.product_id(H.product[h]));
    return s == model::kInvalidId || p == model::kInvalidId ? model::kInvalidId : chain.find_holding(s, p);
  };
  out.stock.assign(H.size(), 0.0);
  out.demand.assign(H.size(), 0.0);
  out.stock_of.resize(H.size());
  for (HoldingId h = 0; h < H.size(); ++h) {
    if (const HoldingId b = base_holding(h); b != model::kInvalidId) {
      out.stock[h] = chain.holdings().stock[b];
      out.demand[h] = chain.holdings().demand[b];
    } else if (H.stock[h] > 0) {  // a new site's own stock opens with the site
      const std::int64_t c = site_candidate(all.site_id(H.site[h]));
      if (c >= 0) out.stock_of[h].emplace_back(static_cast<std::uint32_t>(c), H.stock[h]);
    }
  }
  auto holding_of = [&](const std::string& site, const std::string& product) {
    return all.find_holding(all.find_site(site), all.find_product(product));
  };
  for (std::uint32_t c = 0; c < n; ++c)
    if (candidates[c].kind == CandidateKind::stock)
      out.stock_of[holding_of(candidates[c].site, candidates[c].product)].emplace_back(c, candidates[c].amount);
  out.line_capacity.resize(M.size());
  out.extra_capacity.resize(M.size());
  out.line_opened_by.assign(M.size(), -1);
  for (MakeId m = 0; m < M.size(); ++m) {
    const HoldingId b = base_holding(M.holding[m]);
    const MakeId bm = b == model::kInvalidId ? model::kInvalidId : chain.holdings().make[b];
    if (bm != model::kInvalidId) {
      out.line_capacity[m] = chain.makes().capacity[bm];
    } else {
      out.line_capacity[m] = M.capacity[m];
      out.line_opened_by[m] = site_candidate(all.site_id(M.site[m]));
    }
  }
  for (std::uint32_t c = 0; c < n; ++c)
    if (candidates[c].kind == CandidateKind::capacity) {
      const HoldingId h = holding_of(candidates[c].site, candidates[c].product);
      out.extra_capacity[H.make[h]].emplace_back(c, candidates[c].amount);
    }
  // Supplies: the chain's own of one (seller, buyer, product) come first in `all`, then the
  // candidates' in the order portfolio_changes adds them (site candidates' supplies, then
  // supply candidates).
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::uint32_t> base_count;
  for (SupplyId e = 0; e < chain.supplies().size(); ++e)
    ++base_count[{std::string(chain.site_id(chain.supplies().seller[e])), std::string(chain.site_id(chain.supplies().buyer[e])),
                  std::string(chain.product_id(chain.supplies().product[e]))}];
  std::map<Key, std::deque<std::uint32_t>> opener;
  for (CandidateKind kind : {CandidateKind::site, CandidateKind::supply})
    for (std::uint32_t c = 0; c < n; ++c) {
      if (candidates[c].kind != kind) continue;
      if (kind == CandidateKind::supply) {
        opener[{candidates[c].from, candidates[c].to, candidates[c].product}].push_back(c);
      } else {
        for (const auto& [from, to, product] : site_candidate_supplies(candidates[c])) opener[{from, to, product}].push_back(c);
      }
    }
  out.supply_opened_by.assign(E.size(), -1);
  std::map<Key, std::uint32_t> seen;
  for (SupplyId e = 0; e < E.size(); ++e) {
    const Key k{std::string(all.site_id(E.seller[e])), std::string(all.site_id(E.buyer[e])), std::string(all.product_id(E.product[e]))};
    const std::uint32_t i = seen[k]++;
    const auto bc = base_count.find(k);
    if (bc != base_count.end() && i < bc->second) continue;
    auto& q = opener[k];
    if (q.empty()) throw Error("internal: a supply of the strengthened chain that no candidate adds");
    out.supply_opened_by[e] = q.front();
    q.pop_front();
  }
  return out;
}

}  // namespace chainnet::strengthen
