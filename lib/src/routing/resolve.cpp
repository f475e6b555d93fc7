#include "chainnet/routing/resolve.hpp"

#include <cmath>

#include "chainnet/error.hpp"
#include "io/text.hpp"

namespace chainnet::routing {

NodeId resolve_node(const model::Chain& c, std::string_view id) {
  const NodeId n = c.find_node(id);
  if (n != model::kInvalidId) return n;
  throw InvalidInput("no site or hub '" + std::string(id) + "'" + io::did_you_mean(io::suggest(id, c.node_ids())));
}

Avoid resolve_avoid(const model::Chain& c, const std::vector<std::string>& words) {
  Avoid a;
  for (const std::string& w : words) {
    std::string_view kind, name = w;
    if (const auto colon = w.find(':'); colon != std::string::npos) {
      kind = std::string_view(w).substr(0, colon);
      name = std::string_view(w).substr(colon + 1);
    }
    if ((kind.empty() || kind == "site" || kind == "hub") && c.find_node(name) != model::kInvalidId) {
      a.nodes.push_back(c.find_node(name));
    } else if ((kind.empty() || kind == "region") && c.regions().codes.find(name) != model::kInvalidId) {
      a.regions.push_back(c.regions().codes.find(name));
    } else if ((kind.empty() || kind == "mode") && model::parse_mode(name)) {
      a.modes.push_back(*model::parse_mode(name));
    } else if (!kind.empty() && kind != "site" && kind != "hub" && kind != "region" && kind != "mode") {
      throw InvalidInput("avoid '" + w + "': expected site:, hub:, region: or mode: before the colon");
    } else {
      std::string hint = io::did_you_mean(io::suggest(name, c.node_ids()));
      if (hint.empty()) hint = io::did_you_mean(io::suggest(name, c.regions().codes));
      throw InvalidInput("avoid '" + w + "' is neither a site, hub, region nor mode" + hint);
    }
  }
  return a;
}

std::vector<NodeId> resolve_nodes(const model::Chain& c, const std::vector<std::string>& words) {
  std::vector<NodeId> out;
  if (words.size() == 1 && words[0] == "all") {
    for (model::SiteId s = 0; s < c.num_sites(); ++s) out.push_back(s);
    return out;
  }
  for (const std::string& w : words) out.push_back(resolve_node(c, w));
  return out;
}

Metric resolve_metric(std::string_view text) {
  if (auto m = parse_metric(text)) return *m;
  throw InvalidInput("unknown metric '" + std::string(text) + "' (expected cost, time, distance, co2 or generalized)");
}

Prices prices_of(const model::Chain& c, double carbon_price, double value_of_time) {
  Prices p{c.settings().carbon_price, c.settings().value_of_time};
  if (!std::isnan(carbon_price)) p.carbon_price = carbon_price;
  if (!std::isnan(value_of_time)) p.value_of_time = value_of_time;
  if (!(p.carbon_price >= 0) || !(p.value_of_time >= 0) || !std::isfinite(p.carbon_price) || !std::isfinite(p.value_of_time))
    throw InvalidInput("carbon price and value of time must be finite numbers >= 0");
  return p;
}

MatrixMethod resolve_matrix_method(std::string_view text) {
  for (MatrixMethod m : {MatrixMethod::automatic, MatrixMethod::dijkstra, MatrixMethod::hierarchy})
    if (to_string(m) == text) return m;
  throw InvalidInput("unknown matrix method '" + std::string(text) + "' (expected auto, dijkstra or ch)");
}

}  // namespace chainnet::routing
