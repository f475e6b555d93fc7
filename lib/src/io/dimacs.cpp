#include "chainnet/io/dimacs.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "io/text.hpp"

namespace chainnet::io {
namespace {

constexpr std::size_t kMaxErrors = 100;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Splits a line into whitespace-separated words with their 1-based columns.
struct Words {
  std::string_view w[6];
  std::uint32_t col[6];
  int n = 0;
};

Words split(std::string_view line) {
  Words r;
  std::size_t i = 0;
  while (i < line.size() && r.n < 6) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i >= line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    r.col[r.n] = static_cast<std::uint32_t>(start + 1);
    r.w[r.n++] = line.substr(start, i - start);
  }
  return r;
}

// Calls f(line_number, line) for every line of the text.
template <class F>
void for_each_line(const std::string& text, F&& f) {
  std::size_t pos = 0;
  std::uint32_t line = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    ++line;
    if (!f(line, std::string_view(text).substr(pos, end - pos))) return;
    pos = end + 1;
  }
}

}  // namespace

DimacsGraph read_dimacs_graph(const std::string& path, const std::string& shown, std::vector<Diagnostic>& out) {
  const std::string text = slurp(path);
  DimacsGraph g;
  std::uint64_t declared = 0;
  bool header = false;
  std::uint32_t header_line = 1;
  std::size_t errors = 0;
  auto error = [&](std::uint32_t line, std::uint32_t col, std::string msg) {
    if (errors++ < kMaxErrors) out.push_back({shown, line, col, Severity::error, std::move(msg)});
  };
  for_each_line(text, [&](std::uint32_t line, std::string_view s) {
    const Words w = split(s);
    if (w.n == 0 || w.w[0] == "c") return true;
    if (w.w[0] == "p") {
      const auto n = w.n >= 4 ? parse_whole(w.w[2]) : std::nullopt;
      const auto m = w.n >= 4 ? parse_whole(w.w[3]) : std::nullopt;
      if (header) error(line, 1, "a second problem line 'p'");
      else if (w.n != 4 || w.w[1] != "sp" || !n || !m || *n > 0xFFFFFFF0u)
        error(line, 1, "expected the problem line 'p sp NODES ARCS', found \"" + std::string(s) + "\"");
      else {
        g.nodes = static_cast<std::uint32_t>(*n);
        declared = *m;
        g.tail.reserve(declared);
        g.head.reserve(declared);
        g.weight.reserve(declared);
      }
      header = true;
      header_line = line;
      return true;
    }
    if (w.w[0] != "a") {
      error(line, 1, "unknown line type '" + std::string(w.w[0]) + "' (expected c, p or a)");
      return errors < kMaxErrors;
    }
    if (!header) {
      error(line, 1, "arc before the problem line 'p sp NODES ARCS'");
      header = true;
      return true;
    }
    if (w.n != 4) {
      error(line, 1, "expected 'a FROM TO WEIGHT', found \"" + std::string(s) + "\"");
      return errors < kMaxErrors;
    }
    const auto u = parse_whole(w.w[1]), v = parse_whole(w.w[2]);
    const auto wt = parse_double(w.w[3]);
    bool ok = true;
    if (!u || *u < 1 || *u > g.nodes) {
      error(line, w.col[1], "node \"" + std::string(w.w[1]) + "\" is not in 1.." + std::to_string(g.nodes));
      ok = false;
    }
    if (!v || *v < 1 || *v > g.nodes) {
      error(line, w.col[2], "node \"" + std::string(w.w[2]) + "\" is not in 1.." + std::to_string(g.nodes));
      ok = false;
    }
    if (!wt || !std::isfinite(*wt) || *wt < 0) {
      error(line, w.col[3], "weight \"" + std::string(w.w[3]) + "\" must be a finite number >= 0");
      ok = false;
    }
    if (ok) {
      g.tail.push_back(static_cast<std::uint32_t>(*u - 1));
      g.head.push_back(static_cast<std::uint32_t>(*v - 1));
      g.weight.push_back(*wt);
    }
    return errors < kMaxErrors;
  });
  if (!header) error(1, 0, "no problem line 'p sp NODES ARCS'");
  else if (errors == 0 && g.tail.size() != declared)
    error(header_line, 1, "the problem line declares " + std::to_string(declared) + " arcs, the file has " +
                              std::to_string(g.tail.size()));
  return g;
}

void read_dimacs_coords(const std::string& path, const std::string& shown, std::uint32_t nodes,
                        std::vector<double>& lat, std::vector<double>& lon, std::vector<Diagnostic>& out) {
  const std::string text = slurp(path);
  lat.assign(nodes, NAN);
  lon.assign(nodes, NAN);
  std::size_t errors = 0;
  auto error = [&](std::uint32_t line, std::uint32_t col, std::string msg) {
    if (errors++ < kMaxErrors) out.push_back({shown, line, col, Severity::error, std::move(msg)});
  };
  for_each_line(text, [&](std::uint32_t line, std::string_view s) {
    const Words w = split(s);
    if (w.n == 0 || w.w[0] == "c" || w.w[0] == "p") return true;
    if (w.w[0] != "v" || w.n != 4) {
      error(line, 1, "expected 'v ID LONGITUDE LATITUDE' (millionths of degrees), found \"" + std::string(s) + "\"");
      return errors < kMaxErrors;
    }
    const auto id = parse_whole(w.w[1]);
    const auto x = parse_double(w.w[2]), y = parse_double(w.w[3]);
    if (!id || *id < 1 || *id > nodes) {
      error(line, w.col[1], "node \"" + std::string(w.w[1]) + "\" is not in 1.." + std::to_string(nodes));
    } else if (!x || !y || std::fabs(*x) > 180e6 || std::fabs(*y) > 90e6) {
      error(line, w.col[2], "coordinates must be a longitude and a latitude in millionths of degrees");
    } else {
      lon[*id - 1] = *x / 1e6;
      lat[*id - 1] = *y / 1e6;
    }
    return errors < kMaxErrors;
  });
}

}  // namespace chainnet::io
