"""Communities of co-occurrence graphs (seeded Louvain) and their colours.

The colours are shared by every drawing and export of a graph (:mod:`govtext.viz.network`,
:mod:`govtext.readwrite.graphs`), so a community has the same colour in a PNG and in Gephi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["louvain", "community_colour", "PALETTE"]

# tab20-like colours (hex), by community number
PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
]  # fmt: skip


def community_colour(community: Any) -> str:
    """Hex colour of a community number (grey for a missing or negative one).

    Examples
    --------
    >>> community_colour(0), community_colour(21), community_colour(None)
    ('#1f77b4', '#ff7f0e', '#999999')
    """
    try:
        k = int(community)
    except (TypeError, ValueError):
        k = -1
    return PALETTE[k % len(PALETTE)] if k >= 0 else "#999999"


def louvain(G: nx.Graph, seed: int) -> list[list[Any]]:
    """Seeded Louvain communities, largest first, independent of the string-hash seed.

    networkx's Louvain keeps communities in sets; with str nodes their iteration order
    (and so the result) would change with ``PYTHONHASHSEED``. Running it on integer labels
    in the graph's node order makes it reproducible across processes.
    """
    import networkx as nx

    nodes = list(G.nodes())
    idx = {n: i for i, n in enumerate(nodes)}
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_weighted_edges_from(
        (idx[u], idx[v], float(d.get("weight", 1.0))) for u, v, d in G.edges(data=True)
    )
    comms = nx.community.louvain_communities(H, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))
    return [[nodes[i] for i in c] for c in ordered]
