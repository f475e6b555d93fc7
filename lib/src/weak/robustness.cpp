#include "chainnet/weak/robustness.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace chainnet::weak {
namespace {

using model::HoldingId;
using model::MakeId;
using model::SiteId;

// Availability as sites come back one by one (it only grows): forward chaining with counters.
class Regrowth {
 public:
  Regrowth(const model::Chain& c, bool count_stock) : c_(c), count_stock_(count_stock) {}

  // Served demand value after adding the sites of `order` from the back; served[j] = value with
  // the first j sites of the order removed, for the j in `marks` (ascending).
  void run(std::span<const SiteId> order, std::span<const std::uint32_t> marks, std::vector<double>& served) {
    const auto& ht = c_.holdings();
    const auto& mt = c_.makes();
    const auto& sp = c_.supplies();
    up_.assign(c_.num_sites(), 0);
    avail_.assign(ht.size(), 0);
    missing_.resize(mt.size());
    for (MakeId m = 0; m < mt.size(); ++m) missing_[m] = mt.recipe.degree(m);
    served.assign(marks.size(), 0.0);
    double value = 0.0;
    std::size_t next_mark = marks.size();  // marks are filled from the largest j down
    auto mark = [&](HoldingId h) {
      if (avail_[h] || !up_[ht.site[h]]) return;
      avail_[h] = 1;
      queue_.push_back(h);
    };
    const auto n = static_cast<std::uint32_t>(order.size());
    for (std::uint32_t i = n + 1; i-- > 0;) {
      // sites order[i..n) are up: record the marks j == i
      while (next_mark > 0 && marks[next_mark - 1] == i) served[--next_mark] = value;
      if (i == 0) break;
      const SiteId s = order[i - 1];
      up_[s] = 1;
      queue_.clear();
      for (HoldingId h : c_.sites().holdings[s]) {
        const MakeId m = ht.make[h];
        if ((m != model::kInvalidId && missing_[m] == 0 && mt.capacity[m] > 0) || (count_stock_ && ht.stock[h] > 0)) {
          mark(h);
          continue;
        }
        for (model::SupplyId e : ht.bought[h])
          if (sp.capacity[e] > 0 && avail_[sp.seller_holding[e]]) {
            mark(h);
            break;
          }
      }
      for (std::size_t head = 0; head < queue_.size(); ++head) {
        const HoldingId h = queue_[head];
        value += ht.demand[h] * c_.products().value[ht.product[h]];
        for (model::SupplyId e : ht.sold[h])
          if (sp.capacity[e] > 0) mark(sp.buyer_holding[e]);
        for (std::uint32_t k : ht.used_in[h]) {
          const MakeId m = mt.recipe_make[k];
          if (--missing_[m] == 0 && mt.capacity[m] > 0) mark(mt.holding[m]);
        }
      }
    }
  }

 private:
  const model::Chain& c_;
  bool count_stock_;
  std::vector<std::uint8_t> up_, avail_;
  std::vector<std::uint32_t> missing_;
  std::vector<HoldingId> queue_;
};

}  // namespace

RobustnessCurve robustness(const model::Chain& c, std::span<const SiteId> targeted, const RobustnessOptions& options) {
  const std::uint32_t S = c.num_sites();
  const auto& ht = c.holdings();
  RobustnessCurve curve;
  curve.orders = options.orders;
  const std::uint32_t points = std::max<std::uint32_t>(2, options.points);
  std::vector<std::uint32_t> marks(points);
  for (std::uint32_t k = 0; k < points; ++k) {
    curve.removed_fraction.push_back(static_cast<double>(k) / (points - 1));
    marks[k] = static_cast<std::uint32_t>(std::llround(curve.removed_fraction[k] * S));
  }
  double total = 0.0;
  for (HoldingId h = 0; h < ht.size(); ++h) total += ht.demand[h] * c.products().value[ht.product[h]];
  const double scale = total > 0 ? 1.0 / total : 0.0;

  // targeted order: the given sites first, the others after in id order
  std::vector<SiteId> order;
  std::vector<std::uint8_t> listed(S, 0);
  for (SiteId s : targeted)
    if (s < S && !listed[s]) {
      listed[s] = 1;
      order.push_back(s);
    }
  for (SiteId s = 0; s < S; ++s)
    if (!listed[s]) order.push_back(s);
  std::vector<double> served;
  Regrowth(c, options.structural.count_stock).run(order, marks, served);
  for (double v : served) curve.served_targeted.push_back(v * scale);

  std::vector<std::vector<double>> runs(options.orders);
  tbb::enumerable_thread_specific<Regrowth> growth([&] { return Regrowth(c, options.structural.count_stock); });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, options.orders, 1), [&](const auto& r) {
    std::vector<SiteId> perm(S);
    for (std::uint32_t k = r.begin(); k != r.end(); ++k) {
      std::iota(perm.begin(), perm.end(), 0u);
      std::seed_seq seq{static_cast<std::uint32_t>(options.seed), static_cast<std::uint32_t>(options.seed >> 32), k};
      std::mt19937_64 rng(seq);
      for (std::uint32_t i = S; i > 1; --i) {  // Fisher-Yates with our own index draw: portable
        const auto j = static_cast<std::uint32_t>(rng() % i);
        std::swap(perm[i - 1], perm[j]);
      }
      growth.local().run(perm, marks, runs[k]);
    }
  });
  for (std::uint32_t p = 0; p < points; ++p) {
    std::vector<double> at;
    for (const auto& run : runs) at.push_back(run[p] * scale);
    std::sort(at.begin(), at.end());
    double mean = 0.0;
    for (double v : at) mean += v;
    const std::size_t n = at.size();
    curve.served_random.push_back(n ? mean / n : 0.0);
    auto rank = [&](double q) {
      const auto r = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * static_cast<double>(n))));
      return at[std::min(n, r) - 1];
    };
    curve.served_random_low.push_back(n ? rank(0.05) : 0.0);
    curve.served_random_high.push_back(n ? rank(0.95) : 0.0);
  }
  return curve;
}

}  // namespace chainnet::weak
