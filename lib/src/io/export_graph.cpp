// The chain as a graph file: GraphML, GEXF 1.2 and DOT. Node ids are the scenario's ids; the
// attribute `id` is therefore not repeated (graph readers keep it as the node's name).
#include <charconv>
#include <cmath>
#include <string>

#include "chainnet/io/export.hpp"
#include "io/export_attributes.hpp"

namespace chainnet::io {
namespace {

void num(std::string& o, double x) {
  if (x == 0) x = 0;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  o.append(buf, r.ptr);
}

// XML text and attribute values; control characters XML 1.0 cannot hold become U+FFFD.
void xml(std::string& o, std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') o += "\xEF\xBF\xBD";
        else o += ch;
    }
  }
}

// A DOT quoted string.
void dot_string(std::string& o, std::string_view s) {
  o += '"';
  for (char ch : s) {
    if (ch == '"' || ch == '\\') o += '\\', o += ch;
    else if (ch == '\n') o += "\\n";
    else if (ch == '\r') continue;
    else o += ch;
  }
  o += '"';
}

void value_text(std::string& o, AttrType type, const AttrValue& v, bool for_xml) {
  if (type == AttrType::text) {
    if (for_xml) xml(o, v.text);
    else o += v.text;
  } else if (type == AttrType::boolean) {
    o += v.number != 0 ? "true" : "false";
  } else {
    num(o, v.number);
  }
}

std::string_view graphml_type(AttrType t) {
  switch (t) {
    case AttrType::text: return "string";
    case AttrType::number: return "double";
    case AttrType::integer: return "int";
    case AttrType::boolean: return "boolean";
  }
  return "string";
}
std::string_view gexf_type(AttrType t) { return t == AttrType::integer ? "integer" : graphml_type(t); }

}  // namespace

std::string export_graphml(const model::Chain& chain, const ExportJoins& joins) {
  const auto nspec = node_attributes(joins);
  const auto espec = edge_attributes(joins);
  const NodeJoins nj = node_joins(chain, joins);
  std::string o =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (std::size_t i = 1; i < nspec.size(); ++i) {
    o += "  <key id=\"n" + std::to_string(i) + "\" for=\"node\" attr.name=\"" + std::string(nspec[i].name) +
         "\" attr.type=\"" + std::string(graphml_type(nspec[i].type)) + "\"/>\n";
  }
  for (std::size_t i = 0; i < espec.size(); ++i) {
    o += "  <key id=\"e" + std::to_string(i) + "\" for=\"edge\" attr.name=\"" + std::string(espec[i].name) +
         "\" attr.type=\"" + std::string(graphml_type(espec[i].type)) + "\"/>\n";
  }
  o += "  <graph id=\"";
  xml(o, chain.name().empty() ? std::string_view("chain") : std::string_view(chain.name()));
  o += "\" edgedefault=\"directed\">\n";
  std::vector<AttrValue> v;
  for (model::NodeId n = 0; n < chain.num_nodes(); ++n) {
    node_values(chain, n, joins, nj, v);
    o += "    <node id=\"";
    xml(o, v[0].text);
    o += "\">";
    for (std::size_t i = 1; i < nspec.size(); ++i) {
      if (!v[i].present) continue;
      o += "<data key=\"n" + std::to_string(i) + "\">";
      value_text(o, nspec[i].type, v[i], true);
      o += "</data>";
    }
    o += "</node>\n";
  }
  v.clear();  // sized for edges from here
  for (std::size_t e = 0; e < edge_count(chain); ++e) {
    edge_values(chain, e, joins, v);
    o += "    <edge id=\"edge" + std::to_string(e) + "\" source=\"";
    xml(o, v[1].text);
    o += "\" target=\"";
    xml(o, v[2].text);
    o += "\">";
    for (std::size_t i = 0; i < espec.size(); ++i) {
      if (!v[i].present) continue;
      o += "<data key=\"e" + std::to_string(i) + "\">";
      value_text(o, espec[i].type, v[i], true);
      o += "</data>";
    }
    o += "</edge>\n";
  }
  o += "  </graph>\n</graphml>\n";
  return o;
}

std::string export_gexf(const model::Chain& chain, const ExportJoins& joins) {
  const auto nspec = node_attributes(joins);
  const auto espec = edge_attributes(joins);
  const NodeJoins nj = node_joins(chain, joins);
  std::string o =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
      "  <meta><creator>chainnet</creator><description>";
  xml(o, chain.name());
  o += "</description></meta>\n  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  o += "    <attributes class=\"node\">\n";
  for (std::size_t i = 1; i < nspec.size(); ++i)
    o += "      <attribute id=\"" + std::to_string(i) + "\" title=\"" + std::string(nspec[i].name) + "\" type=\"" +
         std::string(gexf_type(nspec[i].type)) + "\"/>\n";
  o += "    </attributes>\n    <attributes class=\"edge\">\n";
  for (std::size_t i = 0; i < espec.size(); ++i)
    o += "      <attribute id=\"" + std::to_string(i) + "\" title=\"" + std::string(espec[i].name) + "\" type=\"" +
         std::string(gexf_type(espec[i].type)) + "\"/>\n";
  o += "    </attributes>\n    <nodes>\n";
  std::vector<AttrValue> v;
  auto attvalues = [&](const std::vector<AttrSpec>& spec, std::size_t from) {
    o += "<attvalues>";
    for (std::size_t i = from; i < spec.size(); ++i) {
      if (!v[i].present) continue;
      o += "<attvalue for=\"" + std::to_string(i) + "\" value=\"";
      value_text(o, spec[i].type, v[i], true);
      o += "\"/>";
    }
    o += "</attvalues>";
  };
  for (model::NodeId n = 0; n < chain.num_nodes(); ++n) {
    node_values(chain, n, joins, nj, v);
    o += "      <node id=\"";
    xml(o, v[0].text);
    o += "\" label=\"";
    xml(o, v[2].present ? v[2].text : v[0].text);
    o += "\">";
    attvalues(nspec, 1);
    o += "</node>\n";
  }
  o += "    </nodes>\n    <edges>\n";
  v.clear();  // sized for edges from here
  for (std::size_t e = 0; e < edge_count(chain); ++e) {
    edge_values(chain, e, joins, v);
    o += "      <edge id=\"" + std::to_string(e) + "\" source=\"";
    xml(o, v[1].text);
    o += "\" target=\"";
    xml(o, v[2].text);
    o += "\">";
    attvalues(espec, 0);
    o += "</edge>\n";
  }
  o += "    </edges>\n  </graph>\n</gexf>\n";
  return o;
}

std::string export_dot(const model::Chain& chain, const ExportJoins& joins) {
  const auto nspec = node_attributes(joins);
  const auto espec = edge_attributes(joins);
  const NodeJoins nj = node_joins(chain, joins);
  std::string o = "digraph ";
  dot_string(o, chain.name().empty() ? std::string_view("chain") : std::string_view(chain.name()));
  o += " {\n  node [shape=box];\n";
  std::vector<AttrValue> v;
  auto attrs = [&](const std::vector<AttrSpec>& spec, std::size_t from, std::string_view label) {
    o += " [label=";
    dot_string(o, label);
    for (std::size_t i = from; i < spec.size(); ++i) {
      if (!v[i].present) continue;
      o += ", ";
      dot_string(o, spec[i].name);  // quoted: `node` and `edge` are DOT keywords
      o += '=';
      std::string text;
      value_text(text, spec[i].type, v[i], false);
      dot_string(o, text);
    }
    o += "];\n";
  };
  for (model::NodeId n = 0; n < chain.num_nodes(); ++n) {
    node_values(chain, n, joins, nj, v);
    o += "  ";
    dot_string(o, v[0].text);
    attrs(nspec, 1, v[2].present ? v[2].text : v[0].text);
  }
  v.clear();  // sized for edges from here
  for (std::size_t e = 0; e < edge_count(chain); ++e) {
    edge_values(chain, e, joins, v);
    o += "  ";
    dot_string(o, v[1].text);
    o += " -> ";
    dot_string(o, v[2].text);
    attrs(espec, 0, v[0].text == "supply" ? v[3].text : v[7].text);
  }
  o += "}\n";
  return o;
}

}  // namespace chainnet::io
