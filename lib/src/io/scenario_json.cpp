#include <yaml-cpp/yaml.h>

#include <array>
#include <cmath>

#include "chainnet/error.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/scenario_writer.hpp"
#include "io/text.hpp"

namespace chainnet::io {
namespace {

// YAML as JSON: plain scalars that read as finite numbers become numbers, true/false booleans,
// null/~ null; everything else is text.
void to_json(const YAML::Node& n, JsonWriter& w) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      w.begin_object();
      for (auto it = n.begin(); it != n.end(); ++it) {
        w.key(it->first.Scalar());
        to_json(it->second, w);
      }
      w.end_object();
      break;
    case YAML::NodeType::Sequence:
      w.begin_array();
      for (const YAML::Node& x : n) to_json(x, w);
      w.end_array();
      break;
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() != "!") {  // plain (not quoted)
        if (s == "true" || s == "false") {
          w.value(s == "true");
          break;
        }
        if (s == "null" || s == "~") {
          w.null();
          break;
        }
        if (const auto v = parse_double(s); v && std::isfinite(*v)) {
          w.value(*v);
          break;
        }
      }
      w.value(s);
      break;
    }
    default: w.null();
  }
}

}  // namespace

std::string scenario_json(const model::Chain& chain, std::string_view key) {
  static constexpr std::array<std::string_view, 7> kKeys = {"settings", "disruptions", "montecarlo", "variants",
                                                            "candidates", "analyses", "units"};
  if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
    throw InvalidInput("scenario_json: no key '" + std::string(key) + "'");
  const YAML::Node doc = YAML::Load(scenario_yaml(chain, {}, true));
  JsonWriter w(false);
  const YAML::Node n = doc[std::string(key)];
  if (!n) w.null();
  else to_json(n, w);
  return w.take();
}

}  // namespace chainnet::io
