#include "chainnet/strengthen/candidates.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "chainnet/error.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/variant/variant.hpp"
#include "io/text.hpp"
#include "strengthen/candidate_form.hpp"
#include "variant/change_form.hpp"

namespace chainnet::strengthen {
namespace {

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string text(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? std::string(io::trim(v.Scalar())) : std::string();
}

double number(const YAML::Node& n, const char* key, double absent = 0) {
  const YAML::Node v = n[key];
  if (!v || !v.IsScalar()) return absent;
  return io::parse_double(v.Scalar()).value_or(absent);
}

YAML::Node num(double x) { return YAML::Node(io::format_number_exact(x)); }

model::ChangeSpec spec_at(const YAML::Node& change, const Candidate& c) {
  return {variant::to_flow(change), c.file, c.line, c.column};
}

// The changes that add candidate c (supply, lane, site); capacities and stocks are summed per
// line and holding by portfolio_changes.
void adding_changes(const Candidate& c, std::vector<model::ChangeSpec>& out) {
  const YAML::Node n = YAML::Load(c.yaml);
  auto add = [&](const char* table, const YAML::Node& row) {
    YAML::Node ch(YAML::NodeType::Map);
    ch["table"] = table;
    ch["action"] = "add";
    YAML::Node rows(YAML::NodeType::Sequence);
    rows.push_back(row);
    ch["rows"] = rows;
    out.push_back(spec_at(ch, c));
  };
  if (c.kind == CandidateKind::supply) {
    YAML::Node row(YAML::NodeType::Map);
    row["from"] = c.from;
    row["to"] = c.to;
    row["product"] = c.product;
    row["capacity"] = num(c.amount);
    if (n["lead_time"]) row["lead_time"] = n["lead_time"];
    add("supplies", row);
  } else if (c.kind == CandidateKind::lane) {
    YAML::Node row(YAML::NodeType::Map);
    row["from"] = c.from;
    row["to"] = c.to;
    row["mode"] = n["mode"];
    if (n["unit_cost"]) row["cost"] = n["unit_cost"];
    for (const char* key : {"time_h", "distance_km", "capacity", "co2"})
      if (n[key]) row[key] = n[key];
    add("lanes", row);
  } else if (c.kind == CandidateKind::site) {
    YAML::Node row(YAML::NodeType::Map);
    row["id"] = c.site;
    row["kind"] = n["site_kind"] ? n["site_kind"] : YAML::Node("plant");
    for (const char* key : {"region", "lat", "lon", "location", "firm", "ttr", "tags", "makes", "stock"})
      if (n[key]) row[key] = n[key];
    add("sites", row);
    if (const YAML::Node supplies = n["supplies"]; supplies && supplies.IsSequence())
      for (const YAML::Node& s : supplies) add("supplies", s);
  }
}

}  // namespace

bool admissible(std::span<const Candidate> candidates, const std::vector<char>& chosen, double budget) {
  double cost = 0;
  std::vector<const std::string*> groups;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!chosen[i]) continue;
    const Candidate& c = candidates[i];
    cost += c.cost;
    if (c.required >= 0 && !chosen[static_cast<std::size_t>(c.required)]) return false;
    if (!c.group.empty()) {
      for (const std::string* g : groups)
        if (*g == c.group) return false;
      groups.push_back(&c.group);
    }
  }
  return cost <= budget * (1 + 1e-9) + 1e-9;
}

double portfolio_cost(std::span<const Candidate> candidates, const std::vector<char>& chosen) {
  double cost = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (chosen[i]) cost += candidates[i].cost;
  return cost;
}

std::vector<model::ChangeSpec> portfolio_changes(const model::Chain& chain, std::span<const Candidate> candidates,
                                                 const std::vector<char>& chosen) {
  std::vector<model::ChangeSpec> out;
  // Sites first: supplies and lanes may name them.
  for (CandidateKind kind : {CandidateKind::site, CandidateKind::supply, CandidateKind::lane})
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (chosen[i] && candidates[i].kind == kind) adding_changes(candidates[i], out);
  // Capacities and stocks: the chosen amounts summed per (site, product).
  for (CandidateKind kind : {CandidateKind::capacity, CandidateKind::stock}) {
    std::map<std::pair<std::string, std::string>, std::pair<double, const Candidate*>> sum;
    std::vector<std::pair<std::string, std::string>> order;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const Candidate& c = candidates[i];
      if (!chosen[i] || c.kind != kind) continue;
      const auto key = std::make_pair(c.site, c.product);
      auto [it, fresh] = sum.try_emplace(key, 0.0, &c);
      if (fresh) order.push_back(key);
      it->second.first += c.amount;
    }
    for (const auto& key : order) {
      const auto& [amount, first] = sum.at(key);
      const model::SiteId s = chain.find_site(key.first);
      const model::ProductId p = chain.find_product(key.second);
      YAML::Node ch(YAML::NodeType::Map);
      YAML::Node where(YAML::NodeType::Map);
      where["site"] = key.first;
      where["product"] = key.second;
      if (kind == CandidateKind::capacity) {
        const model::HoldingId h = chain.find_holding(s, p);
        const double base = chain.makes().capacity[chain.holdings().make[h]];
        ch["table"] = "capacities";
        ch["action"] = "set";
        ch["where"] = where;
        YAML::Node values(YAML::NodeType::Map);
        values["capacity"] = num(base + amount);
        ch["values"] = values;
      } else {
        const model::HoldingId h = s == model::kInvalidId || p == model::kInvalidId ? model::kInvalidId : chain.find_holding(s, p);
        const double base = h == model::kInvalidId ? 0.0 : chain.holdings().stock[h];
        ch["table"] = "stocks";
        if (base > 0) {
          ch["action"] = "set";
          ch["where"] = where;
          YAML::Node values(YAML::NodeType::Map);
          values["quantity"] = num(base + amount);
          ch["values"] = values;
        } else {
          ch["action"] = "add";
          YAML::Node row(YAML::NodeType::Map);
          row["site"] = key.first;
          row["product"] = key.second;
          row["quantity"] = num(amount);
          YAML::Node rows(YAML::NodeType::Sequence);
          rows.push_back(row);
          ch["rows"] = rows;
        }
      }
      out.push_back(spec_at(ch, *first));
    }
  }
  return out;
}

model::Chain apply_portfolio(const model::Chain& chain, std::span<const Candidate> candidates,
                             const std::vector<char>& chosen) {
  const auto changes = portfolio_changes(chain, candidates, chosen);
  return variant::apply_changes(chain, changes, "portfolio", " / strengthened").chain;
}

std::vector<Candidate> resolve_candidates(const model::Chain& chain) {
  std::vector<Candidate> out;
  std::vector<Diagnostic> errors;
  auto error = [&](const Candidate& c, std::string msg) {
    errors.push_back({c.file, c.line, c.column, Severity::error, "candidate " + q(c.id) + ": " + std::move(msg)});
  };
  std::vector<YAML::Node> nodes;
  for (const model::CandidateSpec& spec : chain.candidates()) {
    Candidate c;
    c.id = spec.id;
    c.yaml = spec.yaml;
    c.file = spec.file;
    c.line = spec.line;
    c.column = spec.column;
    YAML::Node n;
    try {
      n = YAML::Load(spec.yaml);
    } catch (const YAML::Exception& e) {
      error(c, std::string("cannot be read: ") + e.what());
      continue;
    }
    std::vector<variant::Issue> issues;
    if (!check_candidate_form(n, issues)) {
      for (const auto& i : issues) error(c, i.message);
      continue;
    }
    const std::string kind = text(n, "kind");
    const auto kinds = candidate_kinds();
    c.kind = static_cast<CandidateKind>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
    c.cost = number(n, "cost");
    c.group = text(n, "group");
    c.name = text(n, "name");
    c.from = text(n, "from");
    c.to = text(n, "to");
    c.site = text(n, "site");
    c.product = text(n, "product");
    c.amount = c.kind == CandidateKind::stock ? number(n, "quantity") : number(n, "capacity", HUGE_VAL);
    out.push_back(std::move(c));
    nodes.push_back(n);
  }
  // Requirements: known, not itself, no cycle.
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string r = text(nodes[i], "requires");
    if (r.empty()) continue;
    const auto it = std::find_if(out.begin(), out.end(), [&](const Candidate& x) { return x.id == r; });
    if (it == out.end()) {
      std::vector<std::string_view> ids;
      for (const auto& x : out) ids.push_back(x.id);
      error(out[i], "requires unknown candidate " + q(r) + io::did_you_mean(io::suggest(r, ids)));
    } else if (it - out.begin() == static_cast<std::ptrdiff_t>(i)) {
      error(out[i], "requires itself");
    } else {
      out[i].required = static_cast<std::int32_t>(it - out.begin());
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::size_t at = i;
    for (std::size_t steps = 0; steps <= out.size() && out[at].required >= 0; ++steps) {
      at = static_cast<std::size_t>(out[at].required);
      if (at == i) {
        error(out[i], "its requirements form a cycle");
        out[i].required = -1;
        break;
      }
    }
  }
  // Names, and what each kind needs of the chain.
  std::vector<std::string> new_sites;
  for (const Candidate& c : out)
    if (c.kind == CandidateKind::site) new_sites.push_back(c.site);
  auto known_site = [&](const Candidate& c, const std::string& id, const char* field) {
    if (chain.find_site(id) != model::kInvalidId) return true;
    if (std::find(new_sites.begin(), new_sites.end(), id) != new_sites.end()) {
      // A site another candidate adds: this one must require it (directly or through others).
      for (std::int32_t r = c.required; r >= 0; r = out[static_cast<std::size_t>(r)].required)
        if (out[static_cast<std::size_t>(r)].kind == CandidateKind::site && out[static_cast<std::size_t>(r)].site == id)
          return true;
      error(c, std::string("'") + field + "' names " + q(id) + ", a site that a candidate adds: 'requires' that candidate");
      return false;
    }
    error(c, std::string("'") + field + "' names unknown site " + q(id) + io::did_you_mean(io::suggest(id, chain.node_ids())));
    return false;
  };
  auto known_product = [&](const Candidate& c) {
    if (chain.find_product(c.product) != model::kInvalidId) return true;
    error(c, "unknown product " + q(c.product) + io::did_you_mean(io::suggest(c.product, chain.products().ids)));
    return false;
  };
  const std::size_t before_names = errors.size();
  for (const Candidate& c : out) {
    switch (c.kind) {
      case CandidateKind::supply:
        known_site(c, c.from, "from"), known_site(c, c.to, "to"), known_product(c);
        if (c.from == c.to) error(c, "a supply from a site to itself");
        break;
      case CandidateKind::capacity: {
        if (!known_site(c, c.site, "site") || !known_product(c)) break;
        const model::HoldingId h = chain.find_holding(chain.find_site(c.site), chain.find_product(c.product));
        if (h == model::kInvalidId || chain.holdings().make[h] == model::kInvalidId) {
          error(c, q(c.site) + " does not make " + q(c.product) + ": extra capacity needs a production line (a new one is a site candidate)");
        } else if (std::isinf(chain.makes().capacity[chain.holdings().make[h]])) {
          error(c, q(c.site) + " makes " + q(c.product) + " without a capacity limit: more capacity changes nothing");
        }
        break;
      }
      case CandidateKind::stock: {
        if (!known_site(c, c.site, "site") || !known_product(c)) break;
        if (chain.find_site(c.site) == model::kInvalidId) break;  // a new site's: checked when applied
        if (chain.find_holding(chain.find_site(c.site), chain.find_product(c.product)) == model::kInvalidId)
          error(c, q(c.site) + " neither makes, buys nor sells " + q(c.product) + ": a stock there would serve nothing");
        break;
      }
      case CandidateKind::lane:
        if (chain.find_node(c.from) == model::kInvalidId) known_site(c, c.from, "from");
        if (chain.find_node(c.to) == model::kInvalidId) known_site(c, c.to, "to");
        break;
      case CandidateKind::site:
        if (chain.find_node(c.site) != model::kInvalidId) error(c, "the new site's id " + q(c.site) + " is taken");
        break;
    }
  }
  // Each candidate with what it requires, applied alone: the chain it gives must be valid (the
  // variant's errors, at the candidate that caused them).
  if (errors.size() == before_names) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      std::vector<char> chosen(out.size(), 0);
      for (std::int32_t r = static_cast<std::int32_t>(i); r >= 0; r = out[static_cast<std::size_t>(r)].required)
        chosen[static_cast<std::size_t>(r)] = 1;
      try {
        (void)apply_portfolio(chain, out, chosen);
      } catch (const ScenarioError& e) {
        for (const Diagnostic& d : e.diagnostics())
          if (d.severity == Severity::error) errors.push_back({d.file, d.line, d.column, Severity::error, "candidate " + q(out[i].id) + ": " + d.message});
      }
    }
  }
  if (!errors.empty()) {
    std::sort(errors.begin(), errors.end(), diagnostic_less);
    errors.erase(std::unique(errors.begin(), errors.end(),
                             [](const Diagnostic& a, const Diagnostic& b) { return a.to_string() == b.to_string(); }),
                 errors.end());
    throw ScenarioError(std::move(errors));
  }
  return out;
}

}  // namespace chainnet::strengthen
