#include "chainnet/geo/nearest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace chainnet::geo {
namespace {

constexpr double kRad = M_PI / 180.0;

struct Vec {
  double x, y, z;
};

Vec unit(double lat, double lon) {
  const double cl = std::cos(lat * kRad);
  return {cl * std::cos(lon * kRad), cl * std::sin(lon * kRad), std::sin(lat * kRad)};
}

double axis(const Vec& v, int a) { return a == 0 ? v.x : a == 1 ? v.y : v.z; }

}  // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

NearestPoint::NearestPoint(std::span<const double> lat, std::span<const double> lon) {
  for (std::uint32_t i = 0; i < lat.size(); ++i) {
    if (std::isnan(lat[i]) || std::isnan(lon[i])) continue;
    const Vec v = unit(lat[i], lon[i]);
    pts_.push_back({v.x, v.y, v.z});
    ids_.push_back(i);
  }
  build(0, pts_.size(), 0);
}

// Implicit tree: the median of [lo, hi) sits at mid, the left half below, the right half above.
void NearestPoint::build(std::size_t lo, std::size_t hi, int depth) {
  if (hi - lo <= 1) return;
  const int a = depth % 3;
  const std::size_t mid = (lo + hi) / 2;
  std::vector<std::size_t> order(hi - lo);
  std::iota(order.begin(), order.end(), lo);
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(mid - lo), order.end(),
                   [&](std::size_t i, std::size_t j) {
                     const Vec vi{pts_[i].x, pts_[i].y, pts_[i].z}, vj{pts_[j].x, pts_[j].y, pts_[j].z};
                     return axis(vi, a) < axis(vj, a);
                   });
  std::vector<P> p(hi - lo);
  std::vector<std::uint32_t> id(hi - lo);
  for (std::size_t k = 0; k < order.size(); ++k) {
    p[k] = pts_[order[k]];
    id[k] = ids_[order[k]];
  }
  std::copy(p.begin(), p.end(), pts_.begin() + static_cast<std::ptrdiff_t>(lo));
  std::copy(id.begin(), id.end(), ids_.begin() + static_cast<std::ptrdiff_t>(lo));
  build(lo, mid, depth + 1);
  build(mid + 1, hi, depth + 1);
}

std::uint32_t NearestPoint::nearest(double lat, double lon) const {
  if (pts_.empty()) return std::numeric_limits<std::uint32_t>::max();
  const Vec q = unit(lat, lon);
  double best = std::numeric_limits<double>::infinity();
  std::size_t best_at = 0;
  struct Frame {
    std::size_t lo, hi;
    int depth;
    double bound;  // squared distance from the query to the region's splitting plane
  };
  Frame stack[128];
  int top = 0;
  stack[top++] = {0, pts_.size(), 0, 0.0};
  while (top > 0) {
    const Frame f = stack[--top];
    if (f.hi <= f.lo || f.bound >= best) continue;
    const std::size_t mid = (f.lo + f.hi) / 2;
    const P& p = pts_[mid];
    const double dx = p.x - q.x, dy = p.y - q.y, dz = p.z - q.z;
    const double d = dx * dx + dy * dy + dz * dz;
    if (d < best) {
      best = d;
      best_at = mid;
    }
    const int a = f.depth % 3;
    const double diff = axis(q, a) - axis(Vec{p.x, p.y, p.z}, a);
    const Frame near = diff < 0 ? Frame{f.lo, mid, f.depth + 1, f.bound} : Frame{mid + 1, f.hi, f.depth + 1, f.bound};
    const Frame far = diff < 0 ? Frame{mid + 1, f.hi, f.depth + 1, diff * diff} : Frame{f.lo, mid, f.depth + 1, diff * diff};
    // far side only if the splitting plane is closer than the best so far (pushed first: visited last)
    if (diff * diff < best) stack[top++] = far;
    stack[top++] = near;
  }
  return ids_[best_at];
}

}  // namespace chainnet::geo
