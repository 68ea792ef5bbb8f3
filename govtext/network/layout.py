"""Seeded, reproducible node positions for co-occurrence graphs."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["layout", "ordered_subgraph", "spread_labels"]


def layout(
    G: nx.Graph, seed: int = 0, weight: str | None = "weight"
) -> dict[Any, tuple[float, float]]:
    """Seeded, reproducible 2-D positions in [-1, 1], rounded to 6 decimals.

    Each connected component gets its own spring layout (networkx, seeded), scaled with
    the square root of its size; the largest sits on top and the smaller ones are set in
    rows below it, so that a few small islands do not squeeze the main component; then
    :func:`spread_labels` moves points apart until the terms written at them do not overlap.

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
    names = list(out)
    strength = dict(G.degree(weight=weight)) if weight else dict(G.degree())
    first = sorted(range(len(names)), key=lambda i: (-strength.get(names[i], 0), str(names[i])))
    arr = spread_labels(arr / scale, [str(n) for n in names], order=first)
    return {n: (round(float(p[0]), 6), round(float(p[1]), 6)) for n, p in zip(out, arr)}


#: a label's size in layout units ([-1, 1] drawn about 4.6 inches wide): the width of one
#: Chinese character at 10.5 pt and the height of a line
CHAR_WIDTH, LINE_HEIGHT = 0.07, 0.08


def spread_labels(
    points: np.ndarray,
    labels: list[str],
    *,
    order: list[int] | None = None,
    char_width: float = CHAR_WIDTH,
    line_height: float = LINE_HEIGHT,
) -> np.ndarray:
    """Move points, as little as needed, so that their centred labels do not overlap.

    Each label is a box ``char_width`` per character wide and ``line_height`` high around
    its point. The labels are placed one at a time in ``order`` (default: as given; the
    layout puts the most connected terms first, so they keep their places): a label that
    would overlap one already placed goes to the nearest free spot on rings around its
    point (wider than high, as labels are), inside [-1, 1]; where no spot is free, to the
    spot of least overlap. Deterministic, with no random step. A dense core of a spring
    layout otherwise draws its terms on top of each other.

    Parameters
    ----------
    points : numpy.ndarray
        ``(n, 2)`` positions in [-1, 1].
    labels : list of str
        The text drawn at each point.
    order : list of int, optional
        The order in which the labels are placed (the first never moves).

    Returns
    -------
    numpy.ndarray
        The moved positions (a new array), in [-1, 1].

    Examples
    --------
    >>> import numpy as np
    >>> p = spread_labels(np.array([[0.0, 0.0], [0.01, 0.0]]), ["乡村振兴", "营商环境"])
    >>> p[0].tolist(), bool(abs(p[0, 1] - p[1, 1]) >= LINE_HEIGHT)
    ([0.0, 0.0], True)
    """
    P = np.array(points, dtype=float, copy=True)
    n = len(P)
    if n < 2:
        return P
    half = np.array([char_width * len(t) + 0.03 for t in labels]) / 2
    offsets = _RINGS
    placed: list[int] = []
    for i in order if order is not None else range(n):
        if placed:
            cand = np.clip(P[i] + offsets, -1.0, 1.0)
            q = np.asarray(placed)
            ox = half[i] + half[q][None, :] - np.abs(cand[:, 0:1] - P[q, 0][None, :])
            oy = line_height - np.abs(cand[:, 1:2] - P[q, 1][None, :])
            area = (np.clip(ox, 0, None) * np.clip(oy, 0, None)).sum(axis=1)
            free = np.flatnonzero(area <= 1e-12)
            P[i] = cand[free[0] if len(free) else int(np.argmin(area))]
        placed.append(i)
    return P


def _rings(step: float = 0.02, rings: int = 60, per_ring: int = 24) -> np.ndarray:
    """Offsets to try, nearest first: the point itself, then rings twice as wide as high."""
    out = [(0.0, 0.0)]
    for k in range(1, rings + 1):
        r = step * k
        for a in range(per_ring):
            t = 2 * math.pi * a / per_ring
            out.append((2.0 * r * math.cos(t), r * math.sin(t)))
    arr = np.array(out)
    dist = np.hypot(arr[:, 0] / 2.0, arr[:, 1])
    return arr[np.argsort(dist, kind="stable")]


_RINGS = _rings()


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
