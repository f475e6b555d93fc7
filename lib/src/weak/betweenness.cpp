#include "chainnet/weak/betweenness.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "chainnet/model/csr.hpp"

namespace chainnet::weak {
namespace {

using model::SiteId;

struct Search {
  std::vector<std::int32_t> dist;
  std::vector<double> sigma, delta;
  std::vector<SiteId> order;
  explicit Search(std::uint32_t n) : dist(n, -1), sigma(n, 0.0), delta(n, 0.0) { order.reserve(n); }
};

struct Sums {
  std::vector<double> sum, sumsq;
};

}  // namespace

Betweenness betweenness(const model::Chain& c, const BetweennessOptions& options) {
  const std::uint32_t S = c.num_sites();
  const auto& sp = c.supplies();
  // the site graph: one arc per (seller, buyer) pair, forward and reverse CSR
  std::vector<std::uint64_t> pairs;
  pairs.reserve(sp.size());
  for (model::SupplyId e = 0; e < sp.size(); ++e)
    if (sp.capacity[e] > 0 && sp.seller[e] != sp.buyer[e])
      pairs.push_back(static_cast<std::uint64_t>(sp.seller[e]) << 32 | sp.buyer[e]);
  model::sort_unique(pairs);
  std::vector<std::uint32_t> tail(pairs.size()), head(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    tail[i] = static_cast<std::uint32_t>(pairs[i] >> 32);
    head[i] = static_cast<std::uint32_t>(pairs[i]);
  }
  model::Csr out = model::csr_from_rows(S, tail);
  for (auto& x : out.items) x = head[x];
  model::Csr in = model::csr_from_rows(S, head);
  for (auto& x : in.items) x = tail[x];

  std::vector<SiteId> sources(S);
  std::iota(sources.begin(), sources.end(), 0u);
  Betweenness result;
  result.exact = options.samples == 0 || options.samples >= S;
  if (!result.exact) {
    std::mt19937_64 rng(options.seed);
    for (std::uint32_t i = 0; i < options.samples; ++i) {
      std::uniform_int_distribution<std::uint32_t> pick(i, S - 1);
      std::swap(sources[i], sources[pick(rng)]);
    }
    sources.resize(options.samples);
    std::sort(sources.begin(), sources.end());
  }
  const auto k = static_cast<std::uint32_t>(sources.size());
  result.sources = k;
  const bool squares = !result.exact;

  tbb::enumerable_thread_specific<Search> searches([S] { return Search(S); });
  Sums identity{std::vector<double>(S, 0.0), squares ? std::vector<double>(S, 0.0) : std::vector<double>()};
  // A fixed grain makes the reduction tree depend on k only, not on the threads.
  const std::size_t grain = std::max<std::size_t>(1, (k + 127) / 128);
  Sums total = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, k, grain), identity,
      [&](const tbb::blocked_range<std::size_t>& r, Sums acc) {
        Search& w = searches.local();
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          const SiteId s = sources[i];
          w.order.clear();
          w.dist[s] = 0;
          w.sigma[s] = 1.0;
          w.order.push_back(s);
          for (std::size_t q = 0; q < w.order.size(); ++q) {
            const SiteId v = w.order[q];
            for (SiteId x : out[v]) {
              if (w.dist[x] < 0) {
                w.dist[x] = w.dist[v] + 1;
                w.order.push_back(x);
              }
              if (w.dist[x] == w.dist[v] + 1) w.sigma[x] += w.sigma[v];
            }
          }
          for (std::size_t q = w.order.size(); q-- > 1;) {  // order[0] is the source
            const SiteId x = w.order[q];
            const double coeff = (1.0 + w.delta[x]) / w.sigma[x];
            for (SiteId v : in[x])
              if (w.dist[v] == w.dist[x] - 1) w.delta[v] += w.sigma[v] * coeff;
            acc.sum[x] += w.delta[x];
            if (squares) acc.sumsq[x] += w.delta[x] * w.delta[x];
          }
          for (SiteId x : w.order) {
            w.dist[x] = -1;
            w.sigma[x] = 0.0;
            w.delta[x] = 0.0;
          }
        }
        return acc;
      },
      [&](Sums a, const Sums& b) {
        for (std::uint32_t v = 0; v < S; ++v) a.sum[v] += b.sum[v];
        if (squares)
          for (std::uint32_t v = 0; v < S; ++v) a.sumsq[v] += b.sumsq[v];
        return a;
      });
  result.value = std::move(total.sum);
  if (!result.exact) {
    const double scale = static_cast<double>(S) / k;
    const double fpc = S > 1 ? static_cast<double>(S - k) / (S - 1) : 0.0;
    result.standard_error.assign(S, 0.0);
    for (std::uint32_t v = 0; v < S; ++v) {
      const double mean = result.value[v] / k;
      const double var = k > 1 ? std::max(0.0, (total.sumsq[v] - k * mean * mean) / (k - 1)) : 0.0;
      result.standard_error[v] = S * std::sqrt(var / k * fpc);
      result.value[v] *= scale;
    }
  }
  return result;
}

}  // namespace chainnet::weak
