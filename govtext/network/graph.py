"""Keyword co-occurrence graphs: terms selected on the sparse counts, then networkx.

:func:`cooccurrence_graph` selects the ``top`` terms *first*, then builds a small
networkx graph with node and edge attributes, an optional disparity-filter backbone
(:func:`~govtext.network.backbone.disparity_filter`), seeded Louvain communities,
centralities and a seeded layout. :func:`graphs_by` builds one graph per group (year,
region …) on a shared vocabulary, for :func:`~govtext.network.compare.compare_graphs`.

Writing graphs to files is in :mod:`govtext.readwrite.graphs`, drawing them in
:mod:`govtext.viz.network`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext._runtime.config import renamed_keyword
from govtext.errors import InputError
from govtext.network.association import MEASURES, association
from govtext.network.backbone import disparity_filter
from govtext.network.communities import louvain
from govtext.network.cooccurrence import Cooccurrence, cooccurrence, doc_frequency
from govtext.network.layout import layout
from govtext.network.selection import left_out, select_terms
from govtext.network.windows import corpus_windows

if TYPE_CHECKING:  # pragma: no cover
    import os

    import networkx as nx

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["cooccurrence_graph", "graphs_by"]


def _eigenvector(G: nx.Graph, nodes: list[Any], weight: str) -> np.ndarray:
    """Leading eigenvector of the weighted adjacency (dense, deterministic), unit norm."""
    import networkx as nx

    if not nodes or G.number_of_edges() == 0:
        return np.zeros(len(nodes))
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight)
    vals, vecs = np.linalg.eigh(A)
    vec = np.abs(vecs[:, -1])
    vec[vec < 1e-12] = 0.0
    norm = np.linalg.norm(vec)
    return vec / norm if norm > 0 else vec


def _annotate(G: nx.Graph, random_state: int, communities: bool, positions: bool) -> nx.Graph:
    """Add community, centralities, strength and layout positions to the nodes."""
    import networkx as nx

    nodes = list(G.nodes())
    deg = nx.degree_centrality(G) if len(nodes) > 1 else {n: 0.0 for n in nodes}
    btw = nx.betweenness_centrality(G, normalized=True)
    eig = _eigenvector(G, nodes, "weight")
    if communities and G.number_of_edges():
        comm = {n: k for k, c in enumerate(louvain(G, random_state)) for n in c}
    else:
        comm = {n: k for k, n in enumerate(nodes)}
    pos = layout(G, seed=random_state, weight=None) if positions else {}
    for idx, n in enumerate(nodes):
        d = G.nodes[n]
        d["community"] = int(comm.get(n, -1))
        d["degree"] = int(G.degree(n))
        d["strength"] = round(float(G.degree(n, weight="weight")), 10)
        d["degree_centrality"] = round(float(deg[n]), 10)
        d["betweenness"] = round(float(btw[n]), 10)
        d["eigenvector"] = round(float(eig[idx]), 10)
        if n in pos:
            d["x"], d["y"] = pos[n]
    return G


def _build_graph(
    cooc: Cooccurrence,
    terms: list[str],
    *,
    measure: str,
    min_count: int,
    min_weight: float | None,
    max_edges: int | None,
    backbone: str | None,
    alpha: float,
    drop_isolates: bool,
    communities: bool,
    positions: bool,
    random_state: int,
) -> nx.Graph:
    import networkx as nx
    import scipy.sparse as sp

    sub = cooc.select(terms)
    W = association(sub, measure)
    C = sp.triu(sub.matrix, k=1).tocsr()
    Wu = (
        sp.triu(W, k=1).tocsr()
        if measure != "conditional"
        else sp.triu(W.maximum(W.T), k=1).tocsr()
    )
    Ccoo = C.tocoo()
    i, j, cnt = Ccoo.row, Ccoo.col, Ccoo.data
    w = np.asarray(Wu[i, j]).ravel() if len(i) else np.zeros(0)
    keep = cnt >= min_count
    if measure in ("pmi", "npmi", "g2"):  # attracting pairs only
        diag = sub.window_count.astype(float)
        expected = diag[i] * diag[j] / max(sub.n_windows, 1)
        keep &= cnt > expected
    if min_weight is not None:
        keep &= w >= min_weight
    i, j, cnt, w = i[keep], j[keep], cnt[keep], w[keep]
    order = np.lexsort((j, i, -w))  # strongest first, ties by position
    if max_edges is not None:
        order = order[:max_edges]
    G = nx.Graph()
    G.graph.update(
        measure=measure,
        window=cooc.window,
        n_windows=int(cooc.n_windows),
        backbone=backbone or "none",
        alpha=float(alpha),
        random_state=int(random_state),
    )
    tfidf = sub.tfidf()
    wc = sub.window_count
    for k, t in enumerate(sub.vocab):
        G.add_node(
            t,
            label=t,
            frequency=int(sub.frequency[k]),
            window_count=int(wc[k]),
            tfidf=round(float(tfidf[k]), 6),
        )
    for e in order:
        G.add_edge(sub.vocab[i[e]], sub.vocab[j[e]], count=int(cnt[e]), weight=float(w[e]))
    if backbone == "disparity":
        G = disparity_filter(G, alpha=alpha)
    elif backbone is not None:
        raise InputError(f"backbone must be 'disparity' or None, not {backbone!r}")
    if drop_isolates:
        G.remove_nodes_from([n for n in list(G.nodes()) if G.degree(n) == 0])
    return _annotate(G, random_state, communities, positions)


def _seen_twice(cooc: Cooccurrence) -> list[str]:
    """The terms counted twice or more (the only ones keyness selects)."""
    return [cooc.vocab[i] for i in np.flatnonzero(cooc.frequency >= 2)]


def _chosen(
    data: Any,
    cooc: Cooccurrence,
    terms: Iterable[str] | None,
    top: int,
    select_by: str,
    tokenizer: PolicyTokenizer | None,
    keep_region: bool,
    min_count: int,
    linked: bool,
) -> list[str]:
    """The nodes of :func:`cooccurrence_graph`: ``terms`` given, or selected by ``select_by``."""
    if terms is not None:
        chosen = [t for t in dict.fromkeys(terms) if t in cooc.term_index]
        if not chosen:
            raise InputError("none of the given terms occurs in the corpus")
        return chosen
    drop = frozenset() if keep_region else left_out(data, _seen_twice(cooc), tokenizer)
    if select_by == "keyness":  # isolated terms give way to the next
        chosen = select_terms(
            cooc, top, tokenizer=tokenizer, drop=drop, min_count=min_count, linked=linked
        )
    else:
        chosen = cooc.top_terms(top, by=select_by, tokenizer=tokenizer, drop=drop)
    if not chosen:
        raise InputError("no terms to build a graph from (the corpus has no analysis tokens)")
    return chosen


def cooccurrence_graph(
    data: Any,
    *,
    tokenizer: PolicyTokenizer | None = None,
    window: str = "sentence",
    top: int = 60,
    terms: Iterable[str] | None = None,
    select_by: str = "keyness",
    measure: str = "jaccard",
    min_count: int | None = None,
    min_weight: float | None = None,
    max_edges: int | None = None,
    backbone: str | None = None,
    alpha: float = 0.05,
    drop_isolates: bool = True,
    communities: bool = True,
    positions: bool = True,
    random_state: int = 0,
    keep_region: bool = False,
    n_jobs: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    top_n: int | None = None,  # renamed ``top``; accepted, with a FutureWarning, for one release
) -> nx.Graph:
    """Keyword co-occurrence network of a corpus, a report, texts or a :class:`Cooccurrence`.

    Terms are selected on the sparse counts first, so networkx only sees those.

    Parameters
    ----------
    data : Corpus, Report, str, iterable of str, TokenizedCorpus, token lists or Cooccurrence
    tokenizer, window, n_jobs, cache_dir
        As in :func:`cooccurrence` (ignored for a ``Cooccurrence``).
    top : int, default 60
        Most terms, chosen by ``select_by`` unless ``terms`` is given.
    select_by : {"keyness", "frequency", "window_count", "tfidf"}, default "keyness"
        ``"keyness"``: the policy terms of the report (or texts) ranked as
        :func:`govtext.keywords` ranks them — log-odds against the genre's reference
        counts, whole terms seen at least twice and at least 1.5 times as often as in
        government work reports generally, never one of the genre's 100 most frequent
        words (发展, 建设 ...) — so a graph shows what this text is about rather than the
        words every report uses (it may hold fewer than ``top`` terms); plain words only
        fill a graph of fewer than 20 terms (:func:`~govtext.network.selection.select_terms`).
        The others take the ``top`` terms of highest frequency, window count or TF-IDF.
    measure : str, default "jaccard"
        Edge weight, one of :data:`MEASURES` (see :func:`association`). For ``pmi``,
        ``npmi`` and ``g2`` only pairs co-occurring more often than expected are kept;
        for ``conditional`` the edge weight is the larger of P(j | i) and P(i | j).
    min_count : int, optional
        Fewest co-occurrences for an edge. Default: 1 for a single report or text (its
        key terms seldom share a sentence twice), 2 for several reports or token lists.
    min_weight : float, optional
        Smallest edge weight.
    max_edges : int, optional
        Keep only the strongest edges (ties broken by term order).
    backbone : {"disparity", None}, default None
        Keep only the edges the disparity filter (:func:`disparity_filter`, on the edge
        weights) finds significant at ``alpha``. It needs many edges per node to find
        any significant: use it with ``measure="count"``, ``min_count=1`` and a larger
        corpus, not on a single short report.
    drop_isolates : bool, default True
        Remove terms left without edges (isolated terms give their place to the next).
    communities, positions : bool, default True
        Add Louvain communities / seeded layout coordinates ``x``, ``y``.
    random_state : int, default 0
        Seed of the Louvain communities and the layout.
    keep_region : bool, default False
        Keep the report's own region and its parents (涞源, 保定市, 河北省 in a report of
        河北省保定市涞源县) and, in a graph of several reports, every place name among
        the selected terms; by default they are left out
        (:func:`~govtext.network.selection.left_out`; ``terms`` given are always kept).

    Returns
    -------
    networkx.Graph
        Node attributes ``label, frequency, window_count, tfidf, community, degree,
        strength, degree_centrality, betweenness, eigenvector, x, y``; edge attributes
        ``count`` and ``weight``; ``G.graph`` records the settings.

    Examples
    --------
    >>> import govtext as gt
    >>> corpus = gt.datasets.load_sample()
    >>> G = gt.cooccurrence_graph(corpus["2023_township_天津市津南区北闸口镇"], top=30)
    >>> 0 < G.number_of_nodes() <= 30, sorted(G.nodes[next(iter(G))])[:4]
    (True, ['betweenness', 'community', 'degree', 'degree_centrality'])
    """
    if top_n is not None:
        top = renamed_keyword("top_n", "top", top_n)
    if top < 1:
        raise InputError(f"top must be at least 1, not {top}")
    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    cooc = (
        data
        if isinstance(data, Cooccurrence)
        else cooccurrence(
            data, tokenizer=tokenizer, window=window, n_jobs=n_jobs, cache_dir=cache_dir
        )
    )
    if min_count is None:  # a single report's key terms seldom share a sentence twice
        min_count = 1 if cooc.n_docs == 1 else 2
    elif min_count < 1:
        raise InputError(f"min_count must be at least 1, not {min_count}")
    chosen = _chosen(
        data, cooc, terms, top, select_by, tokenizer, keep_region, min_count, drop_isolates
    )
    return _build_graph(
        cooc,
        chosen,
        measure=measure,
        min_count=min_count,
        min_weight=min_weight,
        max_edges=max_edges,
        backbone=backbone,
        alpha=alpha,
        drop_isolates=drop_isolates,
        communities=communities,
        positions=positions,
        random_state=random_state,
    )


def _turns(
    overall: Cooccurrence,
    windows: list[list[str]],
    doc: np.ndarray,
    values: list[Any],
    groups: list[Any],
    top: int,
    tokenizer: PolicyTokenizer | None,
    drop: frozenset[str] = frozenset(),
) -> list[str]:
    """Each group's policy terms (keyness against the genre) found in two groups or more,
    taken in turn up to ``top`` (never one of ``drop``, never an organisation: 市委 and
    省委 lead every report's work and would sit at the centre of every group's graph)."""
    import scipy.sparse as sp

    from govtext.stats.keywords import _token_types, rank_terms

    ti = overall.term_index
    gid = {g: k for k, g in enumerate(groups)}
    row_of = np.array([gid.get(v, -1) if v == v else -1 for v in values], dtype=np.int64)
    rows, cols = [], []
    for w, d in zip(windows, doc):
        r = row_of[d]
        if r >= 0:
            rows.extend([r] * len(w))
            cols.extend(ti[t] for t in w)
    X = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(groups), len(overall.vocab)))
    # shared terms link groups: a term of one group only would be isolated in all the others
    spread = np.asarray((X > 0).sum(axis=0)).ravel() >= min(2, len(groups))
    shared = [overall.vocab[j] for j in np.flatnonzero(spread)]
    kinds = _token_types(tokenizer, shared) if shared else []
    drop = drop | {w for w, k in zip(shared, kinds) if k == "organisation"}
    pooled = sp.csr_matrix(X.sum(axis=0))
    ranked = rank_terms(
        sp.vstack([pooled, X]).tocsr(),
        overall.vocab,
        tokenizer=tokenizer,
        min_ratio=1.5,
        drop=drop,
        terms_first=True,
    )
    ranked = [[j for j in r if spread[j]] for r in ranked]
    chosen: dict[str, None] = {}
    for j in ranked[0][: top // 2]:  # half: the terms of all the groups together
        chosen.setdefault(overall.vocab[j])
    ranked = ranked[1:]
    for k in range(max((len(r) for r in ranked), default=0)):
        for r in ranked:
            if k < len(r) and len(chosen) < top:
                chosen.setdefault(overall.vocab[r[k]])
    return list(chosen)


def graphs_by(
    corpus: Any,
    by: str = "year",
    *,
    tokenizer: PolicyTokenizer | None = None,
    window: str = "sentence",
    top: int = 60,
    terms: Iterable[str] | None = None,
    select_by: str = "keyness",
    measure: str = "jaccard",
    min_count: int | None = None,
    min_weight: float | None = None,
    max_edges: int | None = None,
    backbone: str | None = None,
    alpha: float = 0.05,
    random_state: int = 0,
    keep_region: bool = False,
    top_n: int | None = None,  # renamed ``top``; accepted, with a FutureWarning, for one release
) -> dict[Any, nx.Graph]:
    """One co-occurrence graph per metadata group, all on the same vocabulary.

    The reports are tokenised once; the shared terms (unless ``terms`` is given) are, with
    ``select_by="keyness"``, each group's own policy terms against the genre (ranked as in
    :func:`cooccurrence_graph`) that at least one other group uses too, taken in turn
    from every group's ranking — the best of each group, then the second best … — up to
    ``top``; with another ``select_by``, the
    ``top`` best over the whole corpus. Every graph has all of them as nodes (isolated
    ones included), so centralities compare across groups. Other parameters as in
    :func:`cooccurrence_graph` (``backbone`` defaults to None here so that edge changes
    reflect the counts, not the filter; ``min_count=None``, the default, takes per group
    the rule of :func:`cooccurrence_graph`: 1 for a group of one report, 2 for several).
    Unless ``keep_region``, place names (token type
    ``place``: the counties of a year's reports, their provinces …) are never selected:
    they say where the reports come from, not what they are about; organisations (市委,
    省委 …) are never selected by keyness either: every report names them.

    Returns
    -------
    dict
        Group value → graph, in sorted group order. Reports with no value are left out.

    Examples
    --------
    >>> import govtext as gt
    >>> c = gt.datasets.load_sample().filter(region="河北省保定市顺平县")
    >>> gs = gt.graphs_by(c, "year", top=20)
    >>> list(gs), len({frozenset(g.nodes) for g in gs.values()})
    ([2020, 2021, 2022, 2023, 2024], 1)
    """
    from govtext.corpus.reports import Corpus
    from govtext.features.hub import TokenizedCorpus

    hub = corpus if isinstance(corpus, TokenizedCorpus) else None
    corpus = hub.corpus if hub is not None else corpus
    if not isinstance(corpus, Corpus):
        raise InputError("graphs_by needs a Corpus (e.g. govtext.load_corpus(...))")
    if top_n is not None:
        top = renamed_keyword("top_n", "top", top_n)
    if by not in corpus.meta.columns:
        raise InputError(
            f"cannot group by {by!r}: no such metadata column; columns are {', '.join(map(str, corpus.meta.columns))}"
        )
    windows, doc, _ = corpus_windows(hub or corpus, tokenizer, window)
    values = corpus.meta[by].tolist()
    overall = cooccurrence(windows)
    if terms is not None:
        shared = [t for t in dict.fromkeys(terms) if t in overall.term_index]
    groups = sorted(
        {v for v in values if v is not None and v == v}, key=lambda v: (str(type(v)), v)
    )
    drop = (
        frozenset()
        if keep_region or terms is not None
        else left_out(hub or corpus, _seen_twice(overall), tokenizer, several=True)
    )
    if terms is None and select_by == "keyness":
        shared = _turns(overall, windows, doc, values, groups, top, tokenizer, drop)
    elif terms is None:
        shared = overall.top_terms(top, by=select_by, drop=drop)
    if not shared:
        raise InputError("no terms to build graphs from")
    if min_count is not None and min_count < 1:
        raise InputError(f"min_count must be at least 1, not {min_count}")
    out: dict[Any, nx.Graph] = {}
    for g in groups:
        docs = {d for d, v in enumerate(values) if v == g}
        ws = [w for w, d in zip(windows, doc) if d in docs]
        c = cooccurrence(ws, vocab=shared)
        c = Cooccurrence(
            c.matrix,
            c.vocab,
            c.n_windows,
            c.frequency,
            doc_frequency(ws, doc[np.isin(doc, list(docs))], shared),
            len(docs),
            window,
        )
        G = _build_graph(
            c,
            shared,
            measure=measure,
            min_count=(1 if len(docs) == 1 else 2) if min_count is None else min_count,
            min_weight=min_weight,
            max_edges=max_edges,
            backbone=backbone,
            alpha=alpha,
            drop_isolates=False,
            communities=True,
            positions=True,
            random_state=random_state,
        )
        G.graph["group"] = str(g)
        out[g] = G
    return out
