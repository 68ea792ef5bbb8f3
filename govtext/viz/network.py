"""Export and drawing of co-occurrence graphs (GEXF/GraphML for Gephi, JSON for D3, PNG/SVG).

Every writer is deterministic: the same graph gives the same bytes (GEXF's modification
date is left out), and files are written atomically.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["write_gexf", "write_graphml", "write_json", "node_link", "draw_network", "PALETTE"]

# tab20-like colours (hex), by community number
PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
]  # fmt: skip


def _colour(community: Any) -> str:
    try:
        k = int(community)
    except (TypeError, ValueError):
        k = -1
    return PALETTE[k % len(PALETTE)] if k >= 0 else "#999999"


def _plain(G: nx.Graph) -> nx.Graph:
    """Copy with plain Python attribute values (no None, no numpy scalars)."""

    def conv(d: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            if hasattr(v, "item") and not isinstance(v, (str, bytes)):
                v = v.item()
            if isinstance(v, (list, tuple, dict, set)):
                v = json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
            out[str(k)] = v
        return out

    H = G.__class__()
    H.graph.update(conv(G.graph))
    H.add_nodes_from((n, conv(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, conv(d)) for u, v, d in G.edges(data=True))
    return H


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write a GEXF file for Gephi, with positions, sizes and community colours.

    Node ``x``/``y`` attributes become Gephi positions, ``frequency`` the size and
    ``community`` the colour.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5, "count": 3})])
    >>> p = write_gexf(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> "乡村振兴" in p.read_text(encoding="utf-8")
    True
    """
    import networkx as nx

    from govtext._runtime.files import atomic_write_text

    H = _plain(G)
    for _, d in H.nodes(data=True):
        viz: dict[str, Any] = {}
        if "x" in d and "y" in d:
            viz["position"] = {"x": float(d["x"]) * 500, "y": float(d["y"]) * 500, "z": 0.0}
        if "frequency" in d:
            viz["size"] = float(4 + d["frequency"] ** 0.5)
        if "community" in d:
            c = _colour(d["community"]).lstrip("#")
            viz["color"] = {
                "r": int(c[0:2], 16),
                "g": int(c[2:4], 16),
                "b": int(c[4:6], 16),
                "a": 1.0,
            }
        if viz:
            d["viz"] = viz
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True)
    text = re.sub(r' lastmodifieddate="[^"]*"', "", buf.getvalue().decode("utf-8"))
    return atomic_write_text(path, text)


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write a GraphML file (Gephi, Cytoscape, igraph, R).

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> p = write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(p).number_of_edges()
    1
    """
    import networkx as nx

    from govtext._runtime.files import atomic_write_text

    buf = io.BytesIO()
    nx.write_graphml(_plain(G), buf, encoding="utf-8", prettyprint=True)
    return atomic_write_text(path, buf.getvalue().decode("utf-8"))


def node_link(G: nx.Graph) -> dict[str, Any]:
    """Node-link data (``{"nodes": [...], "links": [...]}``) as used by D3.

    Examples
    --------
    >>> import networkx as nx
    >>> node_link(nx.Graph([("a", "b", {"weight": 1.0})]))["links"]
    [{'weight': 1.0, 'source': 'a', 'target': 'b'}]
    """
    import networkx as nx

    H = _plain(G)
    try:
        return nx.node_link_data(H, edges="links")
    except TypeError:  # networkx < 3.4
        return nx.node_link_data(H)


def write_json(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write node-link JSON for D3 (``nodes`` with ``id`` and attributes, ``links``).

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib, json
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> p = write_json(G, pathlib.Path(tempfile.mkdtemp()) / "g.json")
    >>> [n["id"] for n in json.loads(p.read_text(encoding="utf-8"))["nodes"]]
    ['乡村振兴', '产业']
    """
    from govtext._runtime.files import atomic_write_text

    return atomic_write_text(path, json.dumps(node_link(G), ensure_ascii=False, indent=1) + "\n")


def draw_network(
    G: nx.Graph,
    path: str | os.PathLike[str] | None = None,
    *,
    ax: Any = None,
    title: str | None = None,
    seed: int = 0,
    figsize: tuple[float, float] = (9.0, 9.0),
    font_size: float = 9.0,
    dpi: int = 120,
) -> Any:
    """Draw a co-occurrence graph with Chinese labels (``plot`` extra).

    Node size follows ``frequency``, colour ``community``, edge width ``weight``.
    Positions come from the nodes' ``x``/``y`` (as set by ``cooccurrence_graph``) or a
    layout seeded with ``seed``.

    Parameters
    ----------
    G : networkx.Graph
    path : path, optional
        Save to this PNG/SVG file (deterministic bytes) and return its path.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    title : str, optional

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

    from govtext.network.layout import layout
    from govtext.viz.figures import pyplot, save

    plt = pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
        if path is not None:
            raise InputError("give either ax or path, not both")
    nodes = list(G.nodes())
    if all("x" in G.nodes[n] and "y" in G.nodes[n] for n in nodes):
        pos = {n: (float(G.nodes[n]["x"]), float(G.nodes[n]["y"])) for n in nodes}
    else:
        pos = layout(G, seed=seed)
    if G.number_of_edges():
        w = np.array([float(d.get("weight", 1.0)) for *_, d in G.edges(data=True)])
        lo, hi = float(w.min()), float(w.max())
        widths = 0.6 + 3.0 * ((w - lo) / (hi - lo) if hi > lo else np.full_like(w, 0.5))
        for (u, v), lw in zip(G.edges(), widths):
            (x1, y1), (x2, y2) = pos[u], pos[v]
            ax.plot([x1, x2], [y1, y2], color="#888888", linewidth=float(lw), alpha=0.55, zorder=1)
    if nodes:
        freq = np.array([float(G.nodes[n].get("frequency", 1.0)) for n in nodes])
        sizes = (
            60 + 700 * np.sqrt(freq / freq.max()) if freq.max() > 0 else np.full(len(nodes), 200.0)
        )
        colours = [_colour(G.nodes[n].get("community", 0)) for n in nodes]
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
