"""Tiers and BOM depth against networkx on generated chains (an independent implementation)."""
import networkx as nx
import pytest

import chainnet as cn


@pytest.mark.parametrize("seed", range(1, 31))
def test_tiers_and_bom_depth_match_networkx(seed):
    chain = cn.generate(sites=40 + 37 * seed, seed=seed)
    info = chain.info()
    g = chain.to_networkx()
    rev = g.reverse(copy=False)
    markets = [s for s, k in chain.sites["kind"].items() if k == "market"]
    dist = nx.multi_source_dijkstra_path_length(rev, markets, weight=lambda u, v, d: 1)
    counts = [0] * (max(dist.values()) + 1)
    for d in dist.values():
        counts[d] += 1
    assert info["sites_by_tier"] == counts
    assert info["max_tier"] == len(counts) - 1
    assert info["untiered_sites"] == chain.info()["sites"] - len(dist)
    master = info["chain_masters"][0]
    mdist = nx.single_source_shortest_path_length(rev, master)
    mcounts = [0] * (max(mdist.values()) + 1)
    for d in mdist.values():
        mcounts[d] += 1
    assert info["sites_by_master_tier"] == mcounts
    bom = nx.DiGraph()
    bom.add_nodes_from(chain.products.index)
    bom.add_edges_from(zip(chain.bom["input"], chain.bom["product"]))
    assert info["bom_depth"] == nx.dag_longest_path_length(bom)
    assert info["raw_materials"] == sum(1 for p in bom if bom.in_degree(p) == 0)
