#include "chainnet/model/holding_order.hpp"

namespace chainnet::model {

HoldingOrder holding_order(const Chain& c) {
  const auto& H = c.holdings();
  const auto& S = c.supplies();
  const auto& M = c.makes();
  const std::uint32_t n = H.size();
  HoldingOrder out;
  out.inert.assign(S.size(), 0);
  std::vector<std::uint8_t> colour(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<HoldingId> post;
  post.reserve(n);
  struct Frame {
    HoldingId h;
    std::uint32_t next;  // arcs visited: sold supplies first, then recipe uses
  };
  std::vector<Frame> stack;
  for (HoldingId root = 0; root < n; ++root) {
    if (colour[root]) continue;
    colour[root] = 1;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const auto sold = H.sold[f.h];
      const auto used = H.used_in[f.h];
      if (f.next < sold.size() + used.size()) {
        const std::uint32_t i = f.next++;
        HoldingId to;
        if (i < sold.size()) to = S.buyer_holding[sold[i]];
        else to = M.holding[M.recipe_make[used[i - sold.size()]]];
        if (colour[to] == 0) {
          colour[to] = 1;
          stack.push_back({to, 0});
        } else if (colour[to] == 1 && i < sold.size()) {
          out.inert[sold[i]] = 1;
          ++out.inert_count;
        }
      } else {
        colour[f.h] = 2;
        post.push_back(f.h);
        stack.pop_back();
      }
    }
  }
  out.topo.assign(post.rbegin(), post.rend());
  out.rank.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) out.rank[out.topo[i]] = i;
  return out;
}

}  // namespace chainnet::model
