"""What changed between two co-occurrence graphs: edges gained, lost, re-weighted, ranks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["GraphComparison", "compare_graphs"]


@dataclass
class GraphComparison:
    """What changed between two graphs (see :func:`compare_graphs`).

    Attributes
    ----------
    edges : pandas.DataFrame
        One row per edge in either graph: ``source, target, weight_1, weight_2, change,
        status`` (``gained``, ``lost``, ``strengthened``, ``weakened``, ``unchanged``),
        largest absolute change first.
    nodes : pandas.DataFrame
        One row per node in either graph: ``term, in_1, in_2, <centrality>_1,
        <centrality>_2, rank_1, rank_2, rank_change`` (positive = moved up), sorted by
        ``rank_2``.
    summary : pandas.Series
        ``nodes_1, nodes_2, edges_1, edges_2, common_edges, gained, lost, strengthened,
        weakened, edge_jaccard, node_jaccard, density_1, density_2``.
    """

    edges: pd.DataFrame
    nodes: pd.DataFrame
    summary: pd.Series

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"GraphComparison(edges {int(s['edges_1'])} → {int(s['edges_2'])}: "
            f"{int(s['gained'])} gained, {int(s['lost'])} lost, {int(s['strengthened'])} strengthened, "
            f"{int(s['weakened'])} weakened; edge Jaccard {s['edge_jaccard']:.3f})"
        )


def compare_graphs(
    g1: nx.Graph,
    g2: nx.Graph,
    *,
    weight: str = "weight",
    centrality: str = "degree_centrality",
    tol: float = 1e-12,
) -> GraphComparison:
    """Edges gained, lost, strengthened and weakened, and centrality rank changes.

    Parameters
    ----------
    g1, g2 : networkx.Graph
        Earlier and later graph (best built by :func:`graphs_by` on a shared vocabulary).
    weight : str, default "weight"
    centrality : str, default "degree_centrality"
        A node attribute (``degree_centrality``, ``betweenness``, ``eigenvector``,
        ``strength`` …); computed as weighted degree when missing.
    tol : float
        Weight changes within ``tol`` count as unchanged.

    Returns
    -------
    GraphComparison
        ``.edges``, ``.nodes`` and ``.summary``.

    Examples
    --------
    >>> import networkx as nx
    >>> a = nx.Graph([("x", "y", {"weight": 1.0}), ("y", "z", {"weight": 2.0})])
    >>> b = nx.Graph([("x", "y", {"weight": 3.0}), ("x", "z", {"weight": 1.0})])
    >>> cmp = compare_graphs(a, b)
    >>> cmp.edges[["source", "target", "status"]].values.tolist()
    [['x', 'y', 'strengthened'], ['y', 'z', 'lost'], ['x', 'z', 'gained']]
    >>> float(cmp.summary["edge_jaccard"])  # 1 common edge of 3
    0.3333333333333333
    """
    import networkx as nx
    import pandas as pd

    def key(u: Any, v: Any) -> tuple[Any, Any]:
        return (u, v) if str(u) <= str(v) else (v, u)

    e1 = {key(u, v): float(d.get(weight, 1.0)) for u, v, d in g1.edges(data=True)}
    e2 = {key(u, v): float(d.get(weight, 1.0)) for u, v, d in g2.edges(data=True)}
    rows = []
    for k in sorted(set(e1) | set(e2), key=lambda t: (str(t[0]), str(t[1]))):
        w1, w2 = e1.get(k), e2.get(k)
        if w1 is None:
            status, change = "gained", w2
        elif w2 is None:
            status, change = "lost", -w1
        else:
            change = w2 - w1
            status = (
                "strengthened" if change > tol else "weakened" if change < -tol else "unchanged"
            )
        rows.append((k[0], k[1], w1, w2, change, status))
    edges = pd.DataFrame(
        rows, columns=["source", "target", "weight_1", "weight_2", "change", "status"]
    )
    edges["weight_1"] = edges["weight_1"].astype(float)
    edges["weight_2"] = edges["weight_2"].astype(float)
    if len(edges):
        order = np.lexsort(
            (
                edges["target"].astype(str),
                edges["source"].astype(str),
                -edges["change"].abs().to_numpy(),
            )
        )
        edges = edges.iloc[order].reset_index(drop=True)

    def cent(G: nx.Graph) -> dict[Any, float]:
        vals = nx.get_node_attributes(G, centrality)
        if len(vals) < G.number_of_nodes():
            vals = dict(G.degree(weight=weight))
        return {n: float(v) for n, v in vals.items()}

    c1, c2 = cent(g1), cent(g2)
    nodes = sorted(set(g1.nodes()) | set(g2.nodes()), key=str)
    nd = pd.DataFrame({"term": nodes})
    nd["in_1"] = [n in g1 for n in nodes]
    nd["in_2"] = [n in g2 for n in nodes]
    nd[f"{centrality}_1"] = [c1.get(n, np.nan) for n in nodes]
    nd[f"{centrality}_2"] = [c2.get(n, np.nan) for n in nodes]
    nd["rank_1"] = nd[f"{centrality}_1"].rank(ascending=False, method="min")
    nd["rank_2"] = nd[f"{centrality}_2"].rank(ascending=False, method="min")
    nd["rank_change"] = nd["rank_1"] - nd["rank_2"]
    nd = nd.sort_values(["rank_2", "term"], na_position="last", ignore_index=True)
    s1, s2 = set(e1), set(e2)
    union = len(s1 | s2)
    n1, n2 = set(g1.nodes()), set(g2.nodes())
    status = edges["status"].value_counts()
    summary = pd.Series(
        {
            "nodes_1": g1.number_of_nodes(),
            "nodes_2": g2.number_of_nodes(),
            "edges_1": g1.number_of_edges(),
            "edges_2": g2.number_of_edges(),
            "common_edges": len(s1 & s2),
            "gained": int(status.get("gained", 0)),
            "lost": int(status.get("lost", 0)),
            "strengthened": int(status.get("strengthened", 0)),
            "weakened": int(status.get("weakened", 0)),
            "edge_jaccard": len(s1 & s2) / union if union else 1.0,
            "node_jaccard": len(n1 & n2) / len(n1 | n2) if n1 | n2 else 1.0,
            "density_1": nx.density(g1) if len(n1) > 1 else 0.0,
            "density_2": nx.density(g2) if len(n2) > 1 else 0.0,
        },
        name="value",
        dtype=float,
    )
    return GraphComparison(edges, nd, summary)
