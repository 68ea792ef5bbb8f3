"""Seeded, reproducible node positions for co-occurrence graphs."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["layout", "ordered_subgraph"]


def layout(
    G: nx.Graph, seed: int = 0, weight: str | None = "weight"
) -> dict[Any, tuple[float, float]]:
    """Seeded, reproducible 2-D positions in [-1, 1], rounded to 6 decimals.

    Each connected component gets its own spring layout (networkx, seeded), scaled with
    the square root of its size; the largest sits on top and the smaller ones are set in
    rows below it, so that a few small islands do not squeeze the main component.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> layout(G, seed=1) == layout(G, seed=1)
    True
    """
    import networkx as nx

    if G.number_of_nodes() == 0:
        return {}
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: (-len(c), str(c[0]))
    )
    out: dict[Any, np.ndarray] = {}
    main_r = math.sqrt(len(comps[0]))
    x0, y0, row_h = -main_r, -main_r - 0.6, 0.0
    for k, comp in enumerate(comps):
        r = math.sqrt(len(comp)) * (1.0 if k == 0 else 0.6)
        if len(comp) == 1:
            pts = {comp[0]: np.zeros(2)}
        else:
            sub = ordered_subgraph(G, comp)
            pos = nx.spring_layout(
                sub, k=2.5 / math.sqrt(len(comp)), weight=weight, seed=seed, iterations=200
            )
            arr = np.array([pos[n] for n in comp])
            arr = arr - arr.mean(axis=0)
            scale = np.abs(arr).max() or 1.0
            pts = {n: arr[i] / scale * r for i, n in enumerate(comp)}
        if k == 0:
            centre = np.zeros(2)
        else:
            if x0 + 2 * r > main_r and x0 > -main_r:  # next row
                x0, y0, row_h = -main_r, y0 - 2 * row_h - 0.6, 0.0
            centre = np.array([x0 + r, y0 - r])
            x0 += 2 * r + 0.6
            row_h = max(row_h, r)
        for n, p in pts.items():
            out[n] = p + centre
        if k == 0:  # the rows of smaller components start just below the largest one
            y0 = min(float(p[1]) for p in pts.values()) - 0.6
    arr = np.array(list(out.values()))
    arr = arr - (arr.max(axis=0) + arr.min(axis=0)) / 2
    scale = np.abs(arr).max() or 1.0
    return {
        n: (round(float(p[0] / scale), 6), round(float(p[1] / scale), 6)) for n, p in zip(out, arr)
    }


def ordered_subgraph(G: nx.Graph, nodes: list[Any]) -> nx.Graph:
    """A copy of ``G`` restricted to ``nodes``, in that order.

    ``G.subgraph`` iterates over a set of nodes, whose order for str nodes changes with
    the string-hash seed of the process; a seeded layout would then differ between runs.
    """
    import networkx as nx

    keep = set(nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((u, v, d) for u, v, d in G.edges(nodes, data=True) if v in keep)
    return H
