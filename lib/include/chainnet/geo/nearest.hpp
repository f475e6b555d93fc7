// Nearest point on the globe: which road node is closest to a site.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace chainnet::geo {

/// Great-circle distance in km between two points given in degrees (haversine, R = 6371 km).
double distance_km(double lat1, double lon1, double lat2, double lon2);

/// An exact nearest-neighbour index over points on the sphere. Points are stored as 3-D unit
/// vectors in a k-d tree (median splits, built in place): the chord between unit vectors grows
/// with the great-circle distance, so the Euclidean nearest is the nearest on the globe, with no
/// special cases at the poles or the date line.
/// Complexity: O(n log n) to build, about O(log n) per query; 24 bytes + 4 per point.
class NearestPoint {
 public:
  NearestPoint() = default;
  /// Indexes points (degrees); points with a NaN coordinate are left out.
  NearestPoint(std::span<const double> lat, std::span<const double> lon);
  /// Index of the nearest point (ties: any of them), or UINT32_MAX when the index is empty.
  [[nodiscard]] std::uint32_t nearest(double lat, double lon) const;
  [[nodiscard]] std::size_t size() const { return ids_.size(); }

 private:
  void build(std::size_t lo, std::size_t hi, int depth);
  struct P {
    double x, y, z;
  };
  std::vector<P> pts_;
  std::vector<std::uint32_t> ids_;
};

}  // namespace chainnet::geo
