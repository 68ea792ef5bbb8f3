"""Co-occurrence graphs to files: GEXF and GraphML (Gephi, Cytoscape), node-link JSON (D3).

Every format has two forms: ``to_<format>(G)`` returns the text, ``write_<format>(G,
path)`` writes that same text atomically and returns the path. Both are deterministic:
the same graph gives the same bytes (GEXF's modification date is left out).

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
>>> to_json(G).splitlines()[1]
' "directed": false,'
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtext.network.communities import community_colour

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "to_gexf",
    "to_graphml",
    "to_json",
    "node_link",
    "write_gexf",
    "write_graphml",
    "write_json",
]


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


def to_gexf(G: nx.Graph) -> str:
    """GEXF text for Gephi, with positions, sizes and community colours.

    Node ``x``/``y`` attributes become Gephi positions, ``frequency`` the size and
    ``community`` the colour (:func:`govtext.network.communities.community_colour`).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5, "count": 3})])
    >>> text = to_gexf(G)
    >>> "乡村振兴" in text, "lastmodifieddate" in text
    (True, False)
    """
    import networkx as nx

    H = _plain(G)
    for _, d in H.nodes(data=True):
        viz: dict[str, Any] = {}
        if "x" in d and "y" in d:
            viz["position"] = {"x": float(d["x"]) * 500, "y": float(d["y"]) * 500, "z": 0.0}
        if "frequency" in d:
            viz["size"] = float(4 + d["frequency"] ** 0.5)
        if "community" in d:
            c = community_colour(d["community"]).lstrip("#")
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
    return re.sub(r' lastmodifieddate="[^"]*"', "", buf.getvalue().decode("utf-8"))


def to_graphml(G: nx.Graph) -> str:
    """GraphML text (Gephi, Cytoscape, igraph, R).

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> nx.read_graphml(io.BytesIO(to_graphml(G).encode("utf-8"))).number_of_edges()
    1
    """
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(_plain(G), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


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


def to_json(G: nx.Graph) -> str:
    """Node-link JSON text for D3 (``nodes`` with ``id`` and attributes, ``links``).

    Examples
    --------
    >>> import json, networkx as nx
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> [n["id"] for n in json.loads(to_json(G))["nodes"]]
    ['乡村振兴', '产业']
    """
    return json.dumps(node_link(G), ensure_ascii=False, indent=1) + "\n"


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_gexf` to ``path`` (atomically) and return the path.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5, "count": 3})])
    >>> p = write_gexf(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> "乡村振兴" in p.read_text(encoding="utf-8")
    True
    """
    from govtext._runtime.files import atomic_write_text

    return atomic_write_text(path, to_gexf(G))


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_graphml` to ``path`` (atomically) and return the path.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> p = write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(p).number_of_edges()
    1
    """
    from govtext._runtime.files import atomic_write_text

    return atomic_write_text(path, to_graphml(G))


def write_json(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_json` to ``path`` (atomically) and return the path.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib, json
    >>> G = nx.Graph([("乡村振兴", "产业", {"weight": 0.5})])
    >>> p = write_json(G, pathlib.Path(tempfile.mkdtemp()) / "g.json")
    >>> [n["id"] for n in json.loads(p.read_text(encoding="utf-8"))["nodes"]]
    ['乡村振兴', '产业']
    """
    from govtext._runtime.files import atomic_write_text

    return atomic_write_text(path, to_json(G))
