"""Drawing co-occurrence graphs (PNG/SVG) with Chinese labels.

The same graph gives the same bytes. Writing graphs to GEXF, GraphML and JSON is in
:mod:`govtext.readwrite.graphs`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["draw_network"]


def draw_network(
    G: nx.Graph,
    path: str | os.PathLike[str] | None = None,
    *,
    ax: Any = None,
    title: str | None = None,
    random_state: int = 0,
    figsize: tuple[float, float] = (9.0, 9.0),
    font_size: float = 9.0,
    dpi: int = 120,
    seed: int | None = None,  # renamed random_state; accepted, with a FutureWarning, one release
) -> Any:
    """Draw a co-occurrence graph with Chinese labels (``plot`` extra).

    Node size follows ``frequency``, colour ``community``, edge width ``weight``.
    Positions come from the nodes' ``x``/``y`` (as set by ``cooccurrence_graph``) or a
    layout seeded with ``random_state``.

    Parameters
    ----------
    G : networkx.Graph
    path : path, optional
        Save to this PNG/SVG file (deterministic bytes) and return its path.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    title : str, optional
    random_state : int, default 0
        Seed of the layout when the nodes have no ``x``/``y``.

    Returns
    -------
    pathlib.Path or matplotlib.figure.Figure
        The file written, else the figure.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> draw_network(G, pathlib.Path(tempfile.mkdtemp()) / "g.png").suffix
    '.png'
    """
    import numpy as np

    from govtext._runtime.config import renamed_keyword
    from govtext.network.communities import community_colour
    from govtext.network.layout import layout
    from govtext.viz.figures import pyplot, save

    if seed is not None:
        random_state = renamed_keyword("seed", "random_state", seed)
    plt = pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
        if path is not None:
            raise InputError("give either ax or path, not both")
    # nodes and edges in one canonical order, whatever order the graph was built in
    # (a graph built from a set would otherwise stack its lines differently per process)
    nodes = sorted(G.nodes(), key=str)
    edges = sorted(
        (tuple(sorted((u, v), key=str)) + (d,) for u, v, d in G.edges(data=True)),
        key=lambda e: (str(e[0]), str(e[1])),
    )
    if all("x" in G.nodes[n] and "y" in G.nodes[n] for n in nodes):
        pos = {n: (float(G.nodes[n]["x"]), float(G.nodes[n]["y"])) for n in nodes}
    else:
        pos = layout(G, seed=random_state)
    if G.number_of_edges():
        w = np.array([float(d.get("weight", 1.0)) for *_, d in edges])
        lo, hi = float(w.min()), float(w.max())
        widths = 0.6 + 3.0 * ((w - lo) / (hi - lo) if hi > lo else np.full_like(w, 0.5))
        for (u, v, _), lw in zip(edges, widths):
            (x1, y1), (x2, y2) = pos[u], pos[v]
            ax.plot([x1, x2], [y1, y2], color="#888888", linewidth=float(lw), alpha=0.55, zorder=1)
    if nodes:
        freq = np.array([float(G.nodes[n].get("frequency", 1.0)) for n in nodes])
        sizes = (
            60 + 700 * np.sqrt(freq / freq.max()) if freq.max() > 0 else np.full(len(nodes), 200.0)
        )
        colours = [community_colour(G.nodes[n].get("community", 0)) for n in nodes]
        xy = np.array([pos[n] for n in nodes])
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=sizes,
            c=colours,
            alpha=0.85,
            edgecolors="white",
            linewidths=0.8,
            zorder=2,
        )
        for n, (x, y) in zip(nodes, xy):
            ax.text(x, y, str(n), fontsize=font_size, ha="center", va="center", zorder=3)
    ax.set_axis_off()
    ax.margins(0.08)
    if title:
        ax.set_title(title)
    if path is not None:
        return save(fig, path, dpi=dpi)
    return fig
