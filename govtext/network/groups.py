"""Graphs of groups that compare: which groups to compare, per-report means, one map.

A change table between two co-occurrence graphs is only worth reading when the two
groups are alike and the graphs do not simply reflect how many reports each group has.
:func:`comparable_pairs` picks the pairs (consecutive available years of one level or
region, neighbouring administrative levels), :func:`mean_graphs` builds each group's
graph as the mean of its reports' graphs, and :func:`align_graphs` puts every term in
the same place, with the same community colour, in all the figures;
:func:`community_names` names the communities by their strongest terms for a legend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = [
    "align_graphs",
    "community_names",
    "comparable_pairs",
    "level_order",
    "mean_graphs",
    "pair_masks",
]


# ---------------------------------------------------------------- comparable groups
def _level_rank(value: Any) -> tuple[int, str]:
    from govtext.corpus.meta import LEVELS

    rank = {lev: i for i, lev in enumerate(LEVELS)}
    return (rank.get(str(value), len(rank)), str(value))


def level_order(levels: Any) -> list[Any]:
    """Levels in the administrative order township < county < district < city < province
    < national (unknown levels last, alphabetically).

    Examples
    --------
    >>> level_order(["province", "city", "national", "county", "township", "district"])
    ['township', 'county', 'district', 'city', 'province', 'national']
    """
    return sorted(dict.fromkeys(levels), key=_level_rank)


def _natural(value: Any) -> tuple[int, Any]:
    return (
        (0, value) if isinstance(value, (int, float, np.integer, np.floating)) else (1, str(value))
    )


def _whole(value: Any) -> Any:
    """2015.0 (a year read with missing values) as 2015; anything else as it is."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    return value


def _present(values: Any) -> list[Any]:
    return [v for v in dict.fromkeys(values) if v is not None and v == v]


def _gap(a: Any, b: Any) -> str:
    """The years strictly between ``a`` and ``b`` (``"2023–2025"``), or ``""``."""
    try:
        lo, hi = int(a) + 1, int(b) - 1
    except (TypeError, ValueError):
        return ""
    if hi < lo:
        return ""
    return str(lo) if lo == hi else f"{lo}–{hi}"


def comparable_pairs(meta: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """The pairs of groups whose change is worth reading: like compared with like.

    * ``by="year"``: consecutive available years *within one level* (national 2015 →
      2016, county 2022 → 2023, province 2022 → 2026 …): a year of county reports is
      never compared with a year of the State Council's;
    * ``by="level"``: neighbouring levels in the administrative order township <
      county < district < city < province < national (county and district are both
      county-level units);
    * ``by="region"``: consecutive available years of the same region;
    * any other column: consecutive values in their natural order (numbers, then text).

    "Available" means the next year with a report: the column ``gap`` names the years
    skipped (``"2023–2025"``), so a table can say the years are not adjacent.

    Parameters
    ----------
    meta : pandas.DataFrame
        Report metadata (``Corpus.meta``), with the ``by`` column (and ``level`` /
        ``year`` where used).
    by : str, default "year"

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``held`` (the column held fixed: ``level``, ``region`` or
        ``""``), ``value`` (its value), ``varies`` (the column that changes), ``from``,
        ``to``, ``gap``, ``n_from``, ``n_to`` (number of reports). Use
        :func:`pair_masks` to get the reports of each side.

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.DataFrame({"year": [2021, 2022, 2022, 2026, 2022],
    ...                      "level": ["national", "national", "county", "national", "county"]})
    >>> comparable_pairs(meta, "year")[["value", "from", "to", "gap"]].values.tolist()
    [['national', 2021, 2022, ''], ['national', 2022, 2026, '2023–2025']]
    """
    import pandas as pd

    cols = ["held", "value", "varies", "from", "to", "gap", "n_from", "n_to"]
    if by not in meta.columns:
        return pd.DataFrame(columns=cols)
    rows: list[tuple[Any, ...]] = []

    def chain(held: str, value: Any, varies: str, sub: pd.DataFrame, key: Any) -> None:
        counts = sub[varies].value_counts()
        vals = sorted(_present(sub[varies].tolist()), key=key)
        for a, b in zip(vals, vals[1:]):
            gap = _gap(a, b) if varies == "year" else ""
            n_a, n_b = int(counts[a]), int(counts[b])
            rows.append((held, value, varies, _whole(a), _whole(b), gap, n_a, n_b))

    if by == "level":
        chain("", "", "level", meta, _level_rank)
    elif by == "year":
        if "level" not in meta.columns:
            chain("", "", "year", meta, _natural)
        else:
            for value in sorted(_present(meta["level"].tolist()), key=_level_rank):
                chain("level", value, "year", meta[meta["level"] == value], _natural)
    elif by == "region":  # regions have no order: the years of each one
        if "year" in meta.columns:
            for value in sorted(_present(meta["region"].tolist()), key=str):
                chain("region", value, "year", meta[meta["region"] == value], _natural)
    else:
        chain("", "", by, meta, _natural)
    return pd.DataFrame(rows, columns=cols)


def pair_masks(meta: pd.DataFrame, pair: Any) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the reports on each side of a row of :func:`comparable_pairs`.

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.DataFrame({"year": [2021, 2022, 2022], "level": ["county"] * 3})
    >>> row = comparable_pairs(meta).iloc[0]
    >>> [m.tolist() for m in pair_masks(meta, row)]
    [[True, False, False], [False, True, True]]
    """
    held = np.ones(len(meta), dtype=bool)
    if pair["held"]:
        held = (meta[pair["held"]] == pair["value"]).to_numpy(dtype=bool)
    col = meta[pair["varies"]]
    return held & (col == pair["from"]).to_numpy(dtype=bool), held & (col == pair["to"]).to_numpy(
        dtype=bool
    )


# ------------------------------------------------------------ per-report mean graphs
def _report_weights(
    windows: list[list[str]], terms: list[str], measure: str, min_count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One report's link weights (0 below ``min_count``), counts and term frequencies."""
    from govtext.network.association import association
    from govtext.network.cooccurrence import cooccurrence

    n = len(terms)
    if not windows:
        return np.zeros((n, n)), np.zeros((n, n)), np.zeros(n)
    c = cooccurrence(windows, vocab=terms)
    C = c.matrix.toarray().astype(float)
    np.fill_diagonal(C, 0.0)
    W = association(c, measure).toarray()
    keep = C >= min_count
    if measure in ("pmi", "npmi", "g2"):  # attracting pairs only, as cooccurrence_graph
        wc = c.window_count.astype(float)
        keep &= C > np.outer(wc, wc) / max(c.n_windows, 1)
    if measure == "conditional":
        W = np.maximum(W, W.T)
    return np.where(keep, W, 0.0), np.where(keep, C, 0.0), c.frequency.astype(float)


def mean_graphs(
    data: Any,
    groups: Mapping[Any, Any],
    terms: Sequence[str],
    *,
    tokenizer: Any = None,
    window: str = "sentence",
    measure: str = "jaccard",
    min_count: int = 2,
    max_edges: int | None = 60,
    random_state: int = 0,
) -> dict[Any, nx.Graph]:
    """One graph per group of reports: the mean of its reports' graphs.

    Each report gets its own co-occurrence graph on ``terms`` (a link where two terms
    share ``min_count`` windows of that report, weighted by ``measure``); a group's graph
    has, for every pair, the mean of these weights over the group's reports (0 for a
    report without the link) and keeps its ``max_edges`` strongest links. A group of
    twelve reports then looks like an average report of the group, not like one long
    report with twelve times the chances of a link, so graphs of groups of different
    sizes compare: their change counts links that moved, not reports added.

    Parameters
    ----------
    data : Corpus or TokenizedCorpus
    groups : mapping
        Group key → boolean mask (or list of row positions) of the reports of the group.
    terms : sequence of str
        The shared vocabulary (e.g. the nodes of :func:`graphs_by`'s graphs).
    tokenizer, window, measure, min_count
        As in :func:`cooccurrence_graph`.
    max_edges : int or None, default 60
        Links kept per group (the same for every group, so no group has more links just
        because it has more reports); None keeps all.
    random_state : int, default 0
        Seed of the Louvain communities.

    Returns
    -------
    dict
        Group key → networkx.Graph with every term as a node (``label``, ``frequency``
        summed over the group's reports, and the ``community``, ``degree``, ``strength``
        and centralities of :func:`cooccurrence_graph`; no positions: see
        :func:`align_graphs`) and edges ``weight`` (mean over the reports), ``count``
        (co-occurrences summed) and ``reports`` (reports with the link); ``G.graph``
        holds ``measure``, ``window``, ``mean_over="report"`` and ``reports`` (the
        group's number of reports).

    Examples
    --------
    >>> import govtext as gt
    >>> c = gt.corpus_from_texts(["乡村振兴带动产业。乡村振兴带动产业。", "乡村振兴。产业。"])
    >>> gs = mean_graphs(c, {"one": [0], "both": [0, 1]}, ["乡村振兴", "产业"])
    >>> gs["one"]["乡村振兴"]["产业"]["weight"], gs["both"]["乡村振兴"]["产业"]["weight"]
    (1.0, 0.5)
    """
    import networkx as nx

    from govtext.network.graph import _annotate
    from govtext.network.windows import corpus_windows

    terms = list(dict.fromkeys(terms))
    windows, doc, corpus = corpus_windows(data, tokenizer, window)
    n_docs = len(corpus)
    by_doc: list[list[list[str]]] = [[] for _ in range(n_docs)]
    for w, d in zip(windows, doc):
        by_doc[int(d)].append(w)
    cache: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    out: dict[Any, nx.Graph] = {}
    iu = np.triu_indices(len(terms), k=1)
    for key, sel in groups.items():
        rows = np.flatnonzero(np.asarray(sel)) if _is_mask(sel, n_docs) else np.asarray(sel)
        W, C, F = np.zeros((len(terms), len(terms))), 0.0, np.zeros(len(terms))
        R = np.zeros((len(terms), len(terms)))
        for d in (int(r) for r in rows):
            if d not in cache:
                cache[d] = _report_weights(by_doc[d], terms, measure, min_count)
            w, c, f = cache[d]
            W, C, F, R = W + w, C + c, F + f, R + (c > 0)
        W = W / max(len(rows), 1)
        w_u = W[iu]
        order = np.lexsort((iu[1], iu[0], -w_u))
        order = order[w_u[order] > 0]
        if max_edges is not None:
            order = order[:max_edges]
        G = nx.Graph(measure=measure, window=window, mean_over="report", reports=len(rows))
        for k, t in enumerate(terms):
            G.add_node(t, label=t, frequency=int(F[k]))
        C = np.broadcast_to(C, W.shape)
        for e in order:
            i, j = int(iu[0][e]), int(iu[1][e])
            G.add_edge(
                terms[i],
                terms[j],
                weight=round(float(W[i, j]), 10),
                count=int(C[i, j]),
                reports=int(R[i, j]),
            )
        out[key] = _annotate(G, random_state, True, False)
    return out


def _is_mask(sel: Any, n: int) -> bool:
    from govtext.errors import InputError

    arr = np.asarray(sel)
    if arr.dtype == bool and arr.shape != (n,):
        raise InputError(f"a group's mask must have one value per report ({n}), not {arr.shape}")
    return arr.dtype == bool


# ------------------------------------------------------------- one map for all graphs
def align_graphs(
    graphs: Mapping[Any, nx.Graph], *, random_state: int = 0, weight: str = "weight"
) -> nx.Graph:
    """Give every graph the same node positions and communities: those of their union.

    The union graph has every node of the graphs and, for each pair, the mean of its
    weight over the graphs (0 where a graph lacks the link), so each graph counts the
    same however many reports it stands for. Its seeded layout
    (:func:`govtext.network.layout.layout`) and Louvain communities are written into
    each graph's ``x``, ``y`` and ``community`` (in place): a term sits in the same place
    and has the same colour in every figure, so a change between two figures is a change
    of links, not of the drawing.

    Parameters
    ----------
    graphs : mapping
        Name → networkx.Graph (e.g. from :func:`graphs_by` or :func:`mean_graphs`).
    random_state : int, default 0
        Seed of the layout and the communities.
    weight : str, default "weight"

    Returns
    -------
    networkx.Graph
        The union graph, with ``x``, ``y``, ``community`` and ``strength`` on its nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> a = nx.Graph([("x", "y", {"weight": 1.0})])
    >>> b = nx.Graph([("y", "z", {"weight": 0.5})])
    >>> U = align_graphs({"a": a, "b": b})
    >>> U["x"]["y"]["weight"], a.nodes["y"]["x"] == b.nodes["y"]["x"]
    (0.5, True)
    """
    import networkx as nx

    from govtext.network.communities import louvain
    from govtext.network.layout import layout, ordered_subgraph

    U = nx.Graph()
    for G in graphs.values():
        U.add_nodes_from(n for n in G.nodes if n not in U)
    n_graphs = max(len(graphs), 1)
    for G in graphs.values():
        for u, v, d in G.edges(data=True):
            w = float(d.get(weight, 1.0)) / n_graphs
            if U.has_edge(u, v):
                U[u][v][weight] += w
            else:
                U.add_edge(u, v, **{weight: w})
    for *_, d in U.edges(data=True):
        d[weight] = round(d[weight], 10)
    linked = [n for n in U.nodes if U.degree(n) > 0]
    comm: dict[Any, int] = {}
    if U.number_of_edges():
        sub = ordered_subgraph(U, linked)
        comm = {n: k for k, c in enumerate(louvain(sub, random_state)) for n in c}
    pos = layout(ordered_subgraph(U, linked), seed=random_state, weight=weight) if linked else {}
    for n in U.nodes:
        U.nodes[n]["community"] = comm.get(n, -1)
        U.nodes[n]["strength"] = round(float(U.degree(n, weight=weight)), 10)
        if n in pos:
            U.nodes[n]["x"], U.nodes[n]["y"] = pos[n]
    for G in graphs.values():
        for n in G.nodes:
            d = G.nodes[n]
            d["community"] = comm.get(n, -1)
            if n in pos:
                d["x"], d["y"] = pos[n]
            else:  # a term without links anywhere: no place on the shared map
                d.pop("x", None)
                d.pop("y", None)
    return U


def community_names(G: nx.Graph, top: int = 3, *, weight: str = "weight") -> dict[int, str]:
    """Name each community of ``G`` by its ``top`` strongest terms (``"a · b · c"``).

    Terms are ranked by weighted degree (strength) inside the graph, ties by term;
    communities are those of the node attribute ``community`` (negative ones skipped).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
    >>> nx.set_node_attributes(G, {"a": 0, "b": 0, "c": 1}, "community")
    >>> community_names(G, top=2)
    {0: 'b · a', 1: 'c'}
    """
    members: dict[int, list[tuple[float, str, Any]]] = {}
    for n, d in G.nodes(data=True):
        k = d.get("community")
        if k is None or int(k) < 0:
            continue
        members.setdefault(int(k), []).append((-float(G.degree(n, weight=weight)), str(n), n))
    return {k: " · ".join(str(m[2]) for m in sorted(ms)[:top]) for k, ms in sorted(members.items())}
