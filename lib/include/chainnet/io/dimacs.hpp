// Readers of the 9th DIMACS implementation challenge road formats (.gr arcs, .co coordinates).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chainnet/error.hpp"

namespace chainnet::io {

/// A road graph as read: nodes 0..n-1 (DIMACS ids minus one), directed arcs with their weights.
struct DimacsGraph {
  std::uint32_t nodes = 0;
  std::vector<std::uint32_t> tail, head;
  std::vector<double> weight;
};

/// Reads `p sp N M` then `a U V W` lines (`c` lines are comments). Every problem is collected as
/// a Diagnostic `FILE:LINE:COLUMN` (a bad header, an arc outside 1..N, a negative or non-numeric
/// weight, a count that differs from M, ...); `shown` names the file in them.
/// Throws IoError when the file cannot be read. Complexity: linear in the file's size.
DimacsGraph read_dimacs_graph(const std::string& path, const std::string& shown, std::vector<Diagnostic>& out);

/// Reads `p aux sp co N` then `v ID X Y` lines: X is the longitude and Y the latitude, both in
/// millionths of a degree. Returns lat/lon in degrees per node (NaN where a node has no line).
void read_dimacs_coords(const std::string& path, const std::string& shown, std::uint32_t nodes,
                        std::vector<double>& lat, std::vector<double>& lon, std::vector<Diagnostic>& out);

}  // namespace chainnet::io
