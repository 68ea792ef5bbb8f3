"""Backbone extraction of weighted graphs: the disparity filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["disparity_filter"]


def disparity_filter(
    G: nx.Graph, alpha: float = 0.05, weight: str = "weight", keep_nodes: bool = True
) -> nx.Graph:
    """Backbone of a weighted graph by the disparity filter (Serrano, Boguñá & Vespignani 2009).

    For an edge (i, j) seen from node i with degree ``kᵢ`` and strength ``sᵢ`` (sum of
    weights), ``pᵢⱼ = wᵢⱼ / sᵢ`` and the p-value is ``αᵢⱼ = (1 - pᵢⱼ)^(kᵢ - 1)``. An edge
    is kept when it is significant for at least one of its two nodes
    (``min(αᵢⱼ, αⱼᵢ) < alpha``); a node of degree 1 never makes its edge significant
    (``0⁰ = 1``). Kept edges get the attribute ``alpha`` (that minimum).

    Parameters
    ----------
    G : networkx.Graph
        Weights must be positive.
    alpha : float, default 0.05
    weight : str, default "weight"
    keep_nodes : bool, default True
        Keep nodes left without edges.

    Returns
    -------
    networkx.Graph
        A new graph (node and edge attributes copied).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "b", 10), ("a", "c", 1), ("a", "d", 1), ("b", "c", 1)])
    >>> sorted(disparity_filter(G, alpha=0.2).edges())
    [('a', 'b')]
    """
    import networkx as nx

    if not 0 < alpha <= 1:
        raise InputError(f"alpha must be in (0, 1], not {alpha!r}")
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    edges = list(G.edges(data=True))
    if edges:
        nodes = list(G.nodes())
        pos = {n: k for k, n in enumerate(nodes)}
        u = np.array([pos[e[0]] for e in edges])
        v = np.array([pos[e[1]] for e in edges])
        w = np.array([float(e[2].get(weight, 1.0)) for e in edges])
        if (w <= 0).any() or not np.isfinite(w).all():
            raise InputError(
                f"the disparity filter needs positive finite edge weights ({weight!r})"
            )
        loops = u == v
        k = np.bincount(np.r_[u[~loops], v[~loops]], minlength=len(nodes)).astype(float)
        s = np.bincount(
            np.r_[u[~loops], v[~loops]], weights=np.r_[w[~loops], w[~loops]], minlength=len(nodes)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            a_u = np.power(1.0 - w / s[u], k[u] - 1.0)
            a_v = np.power(1.0 - w / s[v], k[v] - 1.0)
        a_u[k[u] <= 1] = 1.0
        a_v[k[v] <= 1] = 1.0
        p = np.minimum(a_u, a_v)
        for (x, y, d), pv, lp in zip(edges, p, loops):
            if not lp and pv < alpha:
                H.add_edge(x, y, **d, alpha=float(pv))
    if not keep_nodes:
        H.remove_nodes_from([n for n in list(H.nodes()) if H.degree(n) == 0])
    return H
