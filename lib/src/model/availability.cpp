#include "chainnet/model/availability.hpp"

namespace chainnet::model {

std::vector<std::uint8_t> structural_availability(const Chain& chain,
                                                  std::span<const std::uint8_t> site_down) {
  const HoldingTable& ht = chain.holdings();
  const MakeTable& mt = chain.makes();
  const SupplyTable& sp = chain.supplies();
  auto up = [&](SiteId s) { return site_down.empty() || !site_down[s]; };

  std::vector<std::uint8_t> available(ht.size(), 0);
  std::vector<HoldingId> queue;
  queue.reserve(ht.size());
  auto mark = [&](HoldingId h) {
    if (!available[h] && up(ht.site[h])) {
      available[h] = 1;
      queue.push_back(h);
    }
  };
  // missing[m]: recipe inputs of line m not yet available at its site.
  std::vector<std::uint32_t> missing(mt.size());
  for (MakeId m = 0; m < mt.size(); ++m) {
    missing[m] = mt.recipe.degree(m);
    if (missing[m] == 0 && mt.capacity[m] > 0) mark(mt.holding[m]);
  }
  for (HoldingId h = 0; h < ht.size(); ++h)
    if (ht.stock[h] > 0) mark(h);

  for (std::size_t head = 0; head < queue.size(); ++head) {
    const HoldingId h = queue[head];
    for (SupplyId e : ht.sold[h])
      if (sp.capacity[e] > 0) mark(sp.buyer_holding[e]);
    for (std::uint32_t k : ht.used_in[h]) {
      const MakeId m = mt.recipe_make[k];
      if (--missing[m] == 0 && mt.capacity[m] > 0) mark(mt.holding[m]);
    }
  }
  return available;
}

}  // namespace chainnet::model
