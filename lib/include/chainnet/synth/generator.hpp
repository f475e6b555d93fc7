// Synthetic but realistic chains for tests and benchmarks.
#pragma once

#include <cstdint>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::synth {

struct GeneratorOptions {
  std::uint32_t sites = 1000;  ///< total sites (>= 30)
  std::uint64_t seed = 1;
};

/// What the generator made, to check a load against.
struct GeneratorCounts {
  std::uint32_t products = 0;
  std::uint32_t sites = 0;
  std::uint32_t hubs = 0;
  std::uint32_t supplies = 0;
  std::uint32_t lanes = 0;
};

/// Generates a chain of about `sites` sites, deterministic for a seed:
/// - products on four BOM levels (raw materials, processed materials, components, finished
///   goods), each product above level 0 made from 2-5 inputs of lower levels;
/// - sites in tiers: raw-material suppliers (25 %), processors (20 %), component makers (20 %),
///   assemblers (10 %), warehouses (8 %), markets (17 %), spread over countries and provinces
///   (region codes like `C03-P07`); makers per product follow a Zipf-like popularity, so a few
///   products have many makers and some have one;
/// - supplies: every input of every production line bought from 1 supplier (about 30 %, the
///   single-sourced ones) or a heavy-tailed number of them, mostly in the buyer's own country,
///   popular suppliers chosen more often (heavy-tailed fan-in and fan-out); warehouses resell
///   finished goods to markets;
/// - capacities sized by propagating market demand down the BOMs with 10-60 % slack, contract
///   capacities on half of the supplies, stock at a third of the sites;
/// - hubs (one per province, ports per country) and lanes: each site to its province hub by road,
///   provinces to their nearest neighbours by road and rail, ports to their provinces by rail and
///   to the nearest foreign ports by sea;
/// - a chain master (the largest assembler), three disruptions, a Monte Carlo block.
/// Complexity: O(N log N) time, O(N) memory. 1,000,000 sites take a few seconds.
/// Throws InvalidInput when sites < 30.
model::Chain generate_chain(const GeneratorOptions& options, GeneratorCounts* counts = nullptr);

/// Generates a tiered chain shaped like the public stress-test reference (Simchi-Levi et al.):
/// `tiers[0]` plants each make one finished product with market demand at the plant itself;
/// the sites of tier k (k >= 1) make the materials of BOM level k, each material made by one,
/// two or three of them; every product above the last level needs one to three inputs of the
/// next level, and each buyer buys each input from one, two or three of its makers (every maker
/// sells to someone). Capacities carry 10-60 % slack over the normal flows, about half of the
/// buyers hold stock of their inputs and of their output, every site has its own time to
/// recover (1-12 periods). `tiers = {200, 500, 1000}` gives about 1,700 sites and 2,000
/// supplies. Deterministic for a seed. Complexity: O(sites + supplies) time and memory.
/// Throws InvalidInput unless 2 <= tiers.size() <= 6 and every tier has 1 to 10,000,000 sites.
model::Chain generate_tiered_chain(const std::vector<std::uint32_t>& tiers, std::uint64_t seed,
                                   GeneratorCounts* counts = nullptr);

}  // namespace chainnet::synth
