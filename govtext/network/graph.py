"""Keyword co-occurrence networks: counts, association measures, backbone, communities.

The pipeline is sparse matrix algebra until the very end:

1. :func:`cooccurrence` turns token windows (sentences, paragraphs, reports, or a sliding
   window of ``distance`` tokens) into a symmetric terms × terms count matrix with one
   sparse product ``Xᵀ·X`` of the binary window × term matrix ``X``.
2. :func:`association` turns counts into PMI, NPMI, Jaccard, Dice, conditional
   probability or log-likelihood G², again on the sparse entries only.
3. :func:`cooccurrence_graph` selects the ``top_n`` terms *first*, then builds a small
   networkx graph with node and edge attributes, an optional disparity-filter backbone
   (:func:`disparity_filter`), seeded Louvain communities, centralities and a seeded layout.
4. :func:`graphs_by` builds one graph per group (year, region …) on a shared vocabulary and
   :func:`compare_graphs` tells what changed between two of them.

Export and drawing (:func:`write_gexf`, :func:`write_graphml`, :func:`write_json`,
:func:`draw_network`) live in ``govtext.netplot`` and are re-exported here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import os

    import networkx as nx
    import pandas as pd
    import scipy.sparse as sp

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = [
    "Cooccurrence",
    "cooccurrence",
    "association",
    "MEASURES",
    "split_windows",
    "cooccurrence_graph",
    "disparity_filter",
    "layout",
    "graphs_by",
    "GraphComparison",
    "compare_graphs",
]

MEASURES = ("count", "pmi", "npmi", "jaccard", "dice", "conditional", "g2")
WINDOWS = ("sentence", "paragraph", "report")
_SENTENCE_END = frozenset("。！？；!?;\n")


# ---------------------------------------------------------------------------- counting
@dataclass(eq=False)
class Cooccurrence:
    """Co-occurrence counts of terms in windows.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Symmetric ``(n_terms, n_terms)`` integer counts (int32; int64 with ``distance``).
        Off the diagonal: the number of windows in which both terms occur (with
        ``distance``: the number of token pairs at most ``distance`` apart). The
        diagonal: the number of windows in which the term occurs (with ``distance``: its
        token count). Column indices within a row are not sorted.
    vocab : list of str
        Term of each row/column.
    n_windows : int
        Number of windows (with ``distance``: number of tokens), the ``N`` of the
        association measures.
    frequency : numpy.ndarray
        Token count of each term over all windows.
    doc_freq : numpy.ndarray
        Number of documents (reports; or windows when built from plain token lists)
        containing each term; ``n_docs`` is their number.
    window : str
        How the windows were made (``"sentence"``, ``"paragraph"``, ``"report"``,
        ``"given"`` or ``"distance=k"``).

    Examples
    --------
    >>> c = cooccurrence([["a", "b"], ["a", "c"], ["a", "b", "b"]])
    >>> c.vocab, c.n_windows
    (['a', 'b', 'c'], 3)
    >>> c.matrix.toarray().tolist()
    [[3, 2, 1], [2, 2, 0], [1, 0, 1]]
    >>> c.count("a", "b"), c.frequency.tolist()
    (2, [3, 3, 1])
    """

    matrix: sp.csr_matrix
    vocab: list[str]
    n_windows: int
    frequency: np.ndarray
    doc_freq: np.ndarray
    n_docs: int
    window: str = "given"
    _index: dict[str, int] | None = field(default=None, repr=False, compare=False)

    @property
    def term_index(self) -> dict[str, int]:
        """Row/column of each term."""
        if self._index is None:
            self._index = {t: i for i, t in enumerate(self.vocab)}
        return self._index

    @property
    def window_count(self) -> np.ndarray:
        """Number of windows containing each term (the diagonal)."""
        return np.asarray(self.matrix.diagonal()).astype(np.int64)

    def count(self, a: str, b: str) -> int:
        """Co-occurrence count of two terms (0 if either is unknown)."""
        ti = self.term_index
        if a not in ti or b not in ti:
            return 0
        return int(self.matrix[ti[a], ti[b]])

    def select(self, terms: Iterable[str]) -> Cooccurrence:
        """The sub-matrix for ``terms`` (in that order; unknown terms are skipped).

        ``n_windows`` is kept, so association measures on the selection equal those on
        the full matrix.
        """
        ti = self.term_index
        idx = np.array([ti[t] for t in terms if t in ti], dtype=np.int64)
        sub = self.matrix[idx][:, idx].tocsr()
        return Cooccurrence(
            sub,
            [self.vocab[i] for i in idx],
            self.n_windows,
            self.frequency[idx],
            self.doc_freq[idx],
            self.n_docs,
            self.window,
        )

    def top_terms(self, n: int, by: str = "frequency") -> list[str]:
        """The ``n`` most frequent terms (``by="frequency"``, ``"window_count"`` or ``"tfidf"``);
        ties broken by term."""
        score = {
            "frequency": self.frequency,
            "window_count": self.window_count,
            "tfidf": self.tfidf(),
        }.get(by)
        if score is None:
            raise InputError(f"by must be 'frequency', 'window_count' or 'tfidf', not {by!r}")
        order = sorted(range(len(self.vocab)), key=lambda i: (-score[i], self.vocab[i]))
        return [self.vocab[i] for i in order[:n]]

    def tfidf(self) -> np.ndarray:
        """Frequency × smoothed IDF over documents: ``freq * (ln((1+D)/(1+df)) + 1)``.

        With a single document the IDF is 1 and the score is the frequency.
        """
        idf = np.log((1.0 + self.n_docs) / (1.0 + self.doc_freq)) + 1.0
        return self.frequency * idf

    def pairs(self, min_count: int = 1) -> pd.DataFrame:
        """Co-occurring pairs as a table ``term1, term2, count`` (term1 < term2), most frequent first."""
        import pandas as pd
        import scipy.sparse as sp

        up = sp.triu(self.matrix, k=1).tocoo()
        keep = up.data >= min_count
        v = np.array(self.vocab, dtype=object)
        df = pd.DataFrame(
            {"term1": v[up.row[keep]], "term2": v[up.col[keep]], "count": up.data[keep]}
        )
        return df.sort_values(
            ["count", "term1", "term2"], ascending=[False, True, True], ignore_index=True
        )

    def to_frame(self) -> pd.DataFrame:
        """Dense terms × terms DataFrame (only for small vocabularies)."""
        import pandas as pd

        return pd.DataFrame(self.matrix.toarray(), index=self.vocab, columns=self.vocab)

    def __repr__(self) -> str:
        return (
            f"Cooccurrence({len(self.vocab)} terms, {self.n_windows} windows ({self.window}), "
            f"{self.matrix.nnz} non-zeros)"
        )


def split_windows(
    pieces: Sequence[str], window: str, tokenizer: PolicyTokenizer
) -> list[list[str]]:
    """Split the pieces of one report (from ``PolicyTokenizer.cut``) into windows of tokens.

    Sentences end at 。！？； (and their half-width forms) and at line breaks; paragraphs
    at line breaks; ``"report"`` gives a single window. Empty windows are dropped.

    Examples
    --------
    >>> import govtext as gt
    >>> tok = gt.PolicyTokenizer()
    >>> split_windows(tok.cut("乡村振兴。营商环境；\\n高质量发展"), "sentence", tok)
    [['乡村振兴'], ['营商环境'], ['高质量发展']]
    """
    if window not in WINDOWS:
        raise InputError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    if window == "report":
        toks = tokenizer.filter(pieces)
        return [toks] if toks else []
    ends = _SENTENCE_END if window == "sentence" else frozenset("\n")
    out: list[list[str]] = []
    start = 0
    n = len(pieces)
    for i, p in enumerate(pieces):
        if i + 1 == n or not ends.isdisjoint(p):
            toks = tokenizer.filter(pieces[start : i + 1])
            if toks:
                out.append(toks)
            start = i + 1
    return out


def _corpus_windows(
    data: Any,
    tokenizer: PolicyTokenizer | None,
    window: str,
    n_jobs: int | None = 1,
    cache_dir: Any = None,
) -> tuple[list[list[str]], np.ndarray, Any]:
    """Windows of a corpus/report/texts with the document index of each window."""
    from govtext.corpus.reports import Corpus, Report, corpus_from_texts
    from govtext.tokenize.policy import PolicyTokenizer

    if isinstance(data, Report):
        data = Corpus([data])
    elif isinstance(data, str):
        data = corpus_from_texts([data])
    elif not isinstance(data, Corpus):
        data = corpus_from_texts(list(data))
    if len(data) == 0:
        raise InputError("the corpus is empty")
    if window not in WINDOWS:
        raise InputError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    tok = tokenizer or PolicyTokenizer()
    if n_jobs not in (None, 1) or cache_dir is not None:
        from govtext.features.tokens import (
            cut_texts,  # workers and/or the token cache: the same pieces
        )

        pieces = cut_texts(data.texts, tok, n_jobs=n_jobs, cache=cache_dir)
    else:
        pieces = (tok.cut(r.text) for r in data)
    windows: list[list[str]] = []
    doc: list[int] = []
    for d, p in enumerate(pieces):
        ws = split_windows(p, window, tok)
        windows.extend(ws)
        doc.extend([d] * len(ws))
    return windows, np.asarray(doc, dtype=np.int64), data


def _encode(
    windows: Sequence[Sequence[str]], vocab: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Flatten windows to (term ids, window id of each token, vocab); unknown terms dropped."""
    lengths = np.fromiter(map(len, windows), dtype=np.int64, count=len(windows))
    import pandas as pd

    flat = np.fromiter(
        itertools.chain.from_iterable(windows), dtype=object, count=int(lengths.sum())
    )
    if vocab is None:
        codes, uniques = pd.factorize(flat, sort=False)  # hashing in C
        seen = list(uniques)
        # numpy's unicode order is code-point order, the same as Python's str order
        order = np.argsort(np.array(seen, dtype=str), kind="stable") if seen else np.zeros(0, int)
        rank = np.empty(len(seen), dtype=np.int64)
        rank[order] = np.arange(len(seen), dtype=np.int64)
        ids = rank[codes] if len(codes) else codes.astype(np.int64)
        vocab = [seen[i] for i in order.tolist()]
    else:
        vocab = list(vocab)
        if len(set(vocab)) != len(vocab):
            raise InputError("vocab must not repeat terms")
        ids = pd.Index(vocab, dtype=object).get_indexer(flat).astype(np.int64)
    rows = np.repeat(np.arange(len(windows), dtype=np.int64), lengths)
    keep = ids >= 0
    if not keep.all():
        ids, rows = ids[keep], rows[keep]
    return ids, rows, vocab


def _binary(rows: np.ndarray, ids: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """Binary CSR matrix (sorted indices, no duplicates) with a 1 at each (row, id)."""
    import scipy.sparse as sp

    n_rows, n_cols = shape
    key = np.sort(rows * max(n_cols, 1) + ids)
    if len(key):
        key = key[np.r_[True, key[1:] != key[:-1]]]
    r, c = np.divmod(key, max(n_cols, 1))
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n_rows), out=indptr[1:])
    # int32 counts are half the memory traffic of int64 in the product (fine below 2**31 windows)
    dtype = np.int32 if n_rows < 2**31 - 1 else np.int64
    X = sp.csr_matrix((np.ones(len(c), dtype=dtype), c, indptr), shape=shape)
    X.has_sorted_indices = True
    return X


# below this many multiply-adds per thread, one product beats starting threads
_THREAD_MIN_WORK = 1_000_000
_BLOCKS_PER_THREAD = 4


def _n_threads() -> int:
    """Threads for the product: the CPUs this process may use that are not busy (1 to 8).

    On a machine whose cores are all taken by other programs, two threads of the product
    on one core were measured slower than one thread, so cores busy by the 1-minute load
    average (beyond this process itself) are not counted. The result does not depend on it.
    """
    import os

    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    try:
        busy = max(0.0, os.getloadavg()[0] - 1.0)
    except (AttributeError, OSError):  # pragma: no cover - no load average
        busy = 0.0
    return max(1, min(round(n - busy), n, 8))


def _one_pass_matmat() -> Any:
    """scipy's numeric sparse product kernel, or None if this scipy does not expose it."""
    try:
        from scipy.sparse._sparsetools import csr_matmat
    except ImportError:  # pragma: no cover - private module of scipy, may move
        return None
    return csr_matmat


# largest result buffer (entries) sized by the work bound; beyond it, scipy's exact two passes
_ONE_PASS_MAX = 2**27


def _one_pass_blocks(
    XT: sp.csr_matrix,
    X: sp.csr_matrix,
    spans: list[tuple[int, int]],
    cap: np.ndarray,
    matmat: Any,
    n_threads: int,
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Row blocks of ``XT @ X`` by scipy's numeric kernel into one buffer of ``cap`` entries."""
    from concurrent.futures import ThreadPoolExecutor

    n, m = XT.shape[0], X.shape[1]
    size = int(cap.sum())
    big = max(size, XT.nnz, X.nnz, n, m, XT.shape[1]) > np.iinfo(np.int32).max
    idx = np.dtype(np.int64 if big else np.int32)
    Ap, Aj = XT.indptr.astype(idx, copy=False), XT.indices.astype(idx, copy=False)
    Bp, Bj = X.indptr.astype(idx, copy=False), X.indices.astype(idx, copy=False)
    out_j = np.empty(size, dtype=idx)
    out_x = np.empty(size, dtype=np.result_type(XT.data, X.data))
    first = np.r_[0, np.cumsum(cap)].astype(np.int64)
    ptrs = [np.empty(b - a + 1, dtype=idx) for a, b in spans]

    def run(k: int) -> None:
        a, b = spans[k]
        s, e = int(Ap[a]), int(Ap[b])
        o, p = int(first[a]), int(first[b])
        matmat(
            b - a, m, Ap[a : b + 1] - Ap[a], Aj[s:e], XT.data[s:e], Bp, Bj, X.data,
            ptrs[k], out_j[o:p], out_x[o:p],
        )  # fmt: skip

    if len(spans) == 1 or n_threads == 1:
        for k in range(len(spans)):
            run(k)
    else:
        with ThreadPoolExecutor(min(n_threads, len(spans))) as pool:
            list(pool.map(run, range(len(spans))))
    pos = 0
    for k, (a, _) in enumerate(spans):  # close the gaps left by the bounds
        cnt, o = int(ptrs[k][-1]), int(first[a])
        if o != pos:
            out_j[pos : pos + cnt] = out_j[o : o + cnt]
            out_x[pos : pos + cnt] = out_x[o : o + cnt]
        pos += cnt
    out_j.resize(pos, refcheck=False)  # shrinks in place (realloc), no copy
    out_x.resize(pos, refcheck=False)
    return [out_x], [out_j], ptrs


def _gram(X: sp.csr_matrix, n_threads: int | None = None, one_pass: bool = True) -> sp.csr_matrix:
    """``Xᵀ·X`` of a CSR matrix, row blocks of the result computed in parallel threads.

    Row ``i`` of a sparse product depends only on row ``i`` of the left factor, so the row
    blocks of ``Xᵀ`` multiplied by ``X`` one by one and stacked give exactly the matrix of
    one product (same entries, same index order in each row), whatever ``n_threads`` is.
    scipy's sparsetools release the GIL, so the blocks run on separate cores. Blocks are cut
    at equal shares of the work: result row ``i`` costs the summed lengths of the windows
    that hold term ``i``, and that sum (at most the number of columns) also bounds its
    number of entries. With ``one_pass``, the result is written straight into one buffer of
    that size by scipy's numeric kernel, skipping the symbolic pass that counts the entries
    first (a third of the product's time), then compacted and shrunk in place.
    """
    import scipy.sparse as sp

    XT = X.T.tocsr()
    n, m = XT.shape[0], X.shape[1]
    lens = np.diff(X.indptr)
    work = np.bincount(X.indices, weights=np.repeat(lens, lens).astype(float), minlength=n)
    total = float(work.sum())
    if n_threads is None:
        n_threads = _n_threads()
    # a few blocks per thread: a thread whose core is busy elsewhere then takes fewer blocks
    n_blocks = max(1, min(_BLOCKS_PER_THREAD * n_threads, int(total // _THREAD_MIN_WORK), n))
    cuts = np.searchsorted(np.cumsum(work), total * np.arange(1, n_blocks) / n_blocks)
    rows = np.unique(np.r_[0, np.minimum(cuts + 1, n), n]).tolist() if n else [0, 0]
    cap = np.minimum(work, m).astype(np.int64)
    size = int(cap.sum())
    matmat = _one_pass_matmat() if one_pass and size <= _ONE_PASS_MAX else None
    from concurrent.futures import ThreadPoolExecutor

    spans = list(zip(rows[:-1], rows[1:]))
    parts_of = None
    if matmat is not None:
        try:
            parts_of = _one_pass_blocks(XT, X, spans, cap, matmat, n_threads)
        except (TypeError, ValueError):  # pragma: no cover - private kernel changed
            parts_of = None
    if parts_of is not None:
        datas, indices_parts, ptrs = parts_of
    else:
        if len(spans) == 1:
            return XT @ X
        blocks = []
        for a, b in spans:
            s, e = int(XT.indptr[a]), int(XT.indptr[b])
            blocks.append(
                sp.csr_matrix(
                    (XT.data[s:e], XT.indices[s:e], XT.indptr[a : b + 1] - s),
                    shape=(b - a, XT.shape[1]),
                )
            )
        with ThreadPoolExecutor(min(n_threads, len(blocks))) as pool:
            parts = list(pool.map(lambda B: B @ X, blocks))
        datas = [P.data for P in parts]
        indices_parts = [P.indices for P in parts]
        ptrs = [P.indptr for P in parts]
    counts = [int(P[-1]) for P in ptrs]
    nnz = sum(counts)
    idx = np.dtype(np.int64) if nnz > np.iinfo(np.int32).max else np.dtype(np.int32)
    offsets = np.cumsum([0] + counts).tolist()
    indptr = np.concatenate(
        [np.zeros(1, dtype=idx)] + [P[1:].astype(idx) + o for P, o in zip(ptrs, offsets[:-1])]
    )
    data = datas[0] if len(datas) == 1 else np.concatenate(datas)
    indices = indices_parts[0] if len(indices_parts) == 1 else np.concatenate(indices_parts)
    return sp.csr_matrix((data, indices.astype(idx, copy=False), indptr), shape=(n, m))


def _distance_counts(ids: np.ndarray, rows: np.ndarray, n_terms: int, k: int) -> sp.csr_matrix:
    """Token pairs at most ``k`` apart within the same window (diagonal = token counts)."""
    import scipy.sparse as sp

    r, c = [], []
    for d in range(1, k + 1):  # loop over distances, not pairs
        same = rows[d:] == rows[:-d]
        a, b = ids[:-d][same], ids[d:][same]
        diff = a != b
        r.append(a[diff])
        c.append(b[diff])
    r_all = np.concatenate(r) if r else np.zeros(0, np.int64)
    c_all = np.concatenate(c) if c else np.zeros(0, np.int64)
    ones = np.ones(2 * len(r_all), dtype=np.int64)
    M = sp.csr_matrix(
        (ones, (np.concatenate([r_all, c_all]), np.concatenate([c_all, r_all]))),
        shape=(n_terms, n_terms),
    )
    M.sum_duplicates()
    M = M + sp.diags(
        np.bincount(ids, minlength=n_terms).astype(np.int64), format="csr", dtype=np.int64
    )
    return M.tocsr()


def cooccurrence(
    data: Any,
    vocab: Sequence[str] | None = None,
    min_count: int = 1,
    *,
    tokenizer: PolicyTokenizer | None = None,
    window: str = "sentence",
    distance: int | None = None,
    n_jobs: int | None = 1,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Cooccurrence:
    """Count in how many windows each pair of terms occurs together.

    Parameters
    ----------
    data : iterable of token lists, or Corpus, Report, or iterable of str
        Token lists are used as they are, one window each. Reports and texts are cut by
        ``tokenizer`` and split into windows by ``window``.
    vocab : sequence of str, optional
        Count only these terms, in this order (others are ignored). Default: every term,
        sorted.
    min_count : int, default 1
        Keep only terms occurring in at least this many windows. With ``vocab`` given,
        ``min_count=1`` keeps every vocab term (all-zero rows for absent ones), so that
        matrices built on a shared vocabulary line up.
    tokenizer : PolicyTokenizer, optional
        For reports and texts (default ``PolicyTokenizer()``).
    window : {"sentence", "paragraph", "report"}, default "sentence"
        Window for reports and texts. Sentences end at 。！？； and line breaks;
        paragraphs at line breaks.
    distance : int, optional
        Sliding window instead: count token pairs at most ``distance`` tokens apart
        inside each window (so never across a window boundary); the diagonal holds token
        counts and ``n_windows`` the number of tokens.
    n_jobs : int, default 1
        Worker processes cutting reports and texts (joblib, spawn-safe; -1 = all cores);
        the result is the same for any number.
    cache_dir : path, optional
        Token cache folder (:class:`govtext.cache.TokenCache`): reports cut before with
        the same tokenizer configuration are read back instead of cut again.

    Returns
    -------
    Cooccurrence

    Notes
    -----
    One sparse product ``Xᵀ·X`` of the binary window × term matrix ``X``: no loop over
    pairs, memory proportional to the number of co-occurring pairs. Row blocks of the
    product run on parallel threads (one per CPU); the result is the same, byte for byte,
    whatever the number of threads.

    Examples
    --------
    >>> c = cooccurrence([["乡村振兴", "产业"], ["乡村振兴", "人才"], ["产业", "乡村振兴"]])
    >>> c.count("乡村振兴", "产业"), c.count("乡村振兴", "乡村振兴")
    (2, 3)
    >>> cooccurrence([["a", "b", "c", "a"]], distance=1).count("a", "c")
    1
    >>> import govtext as gt
    >>> c = cooccurrence("推进乡村振兴和产业发展。乡村振兴要靠人才。")
    >>> c.count("乡村振兴", "人才"), c.n_windows
    (1, 2)
    """

    if min_count < 1:
        raise InputError(f"min_count must be at least 1, not {min_count}")
    if distance is not None and (not isinstance(distance, (int, np.integer)) or distance < 1):
        raise InputError(f"distance must be a positive integer, not {distance!r}")
    from govtext.corpus.reports import Corpus, Report

    if isinstance(data, (Corpus, Report, str)):
        items: list[Any] | None = None
    else:
        try:
            items = list(data)
        except TypeError:
            raise InputError(
                f"cooccurrence needs token windows, reports or texts, not {type(data).__name__}"
            ) from None
    if items is not None and (
        set(map(type, items)) <= {list, tuple} or all(isinstance(w, (list, tuple)) for w in items)
    ):
        windows = items
        doc = np.arange(len(windows), dtype=np.int64)
        n_docs = len(windows)
        label = "given"
    else:
        windows, doc, corpus = _corpus_windows(
            data if items is None else items, tokenizer, window, n_jobs, cache_dir
        )
        n_docs = len(corpus)
        label = window
    first = next((w[0] for w in windows if w), "")
    if not isinstance(first, str):
        raise InputError(f"windows must hold str tokens, not {type(first).__name__}")
    ids, rows, vocab = _encode(windows, vocab)
    n_terms = len(vocab)
    freq = np.bincount(ids, minlength=n_terms).astype(np.int64)
    X = _binary(rows, ids, (len(windows), n_terms))
    wcount = np.bincount(X.indices, minlength=n_terms).astype(np.int64)
    if min_count > 1:
        keep = np.flatnonzero(wcount >= min_count)
        remap = np.full(n_terms, -1, dtype=np.int64)
        remap[keep] = np.arange(len(keep))
        m = remap[ids] >= 0
        ids, rows = remap[ids[m]], rows[m]
        vocab = [vocab[i] for i in keep]
        freq = freq[keep]
        n_terms = len(vocab)
        X = _binary(rows, ids, (len(windows), n_terms))
    if label == "given":  # each window is its own document
        doc_freq = wcount
    else:
        D = _binary(doc[rows], ids, (n_docs, n_terms))
        doc_freq = np.bincount(D.indices, minlength=n_terms).astype(np.int64)
    if distance is not None:
        C = _distance_counts(ids, rows, n_terms, int(distance))
        n_win = len(ids)
        label = f"distance={distance}"
    else:
        C = _gram(X)  # indices left unsorted (sorting would cost more than the product)
        n_win = len(windows)
    return Cooccurrence(C, list(vocab), int(n_win), freq, doc_freq, int(n_docs), label)


# ------------------------------------------------------------------------ association
def association(cooc: Cooccurrence, measure: str = "npmi") -> sp.csr_matrix:
    """Association of every co-occurring pair of terms (sparse, same vocabulary).

    With ``N`` = ``cooc.n_windows``, ``a`` = windows with both terms, ``nᵢ`` and ``nⱼ`` =
    windows with each term (the diagonal), natural logarithms:

    ============  ===========================================================
    count         ``a``
    pmi           ``ln(a·N / (nᵢ·nⱼ))``
    npmi          ``pmi / -ln(a/N)`` (1 when ``a = N``), in [-1, 1]
    jaccard       ``a / (nᵢ + nⱼ - a)``
    dice          ``2a / (nᵢ + nⱼ)``
    conditional   ``P(j | i) = a / nᵢ`` (row i, column j: not symmetric)
    g2            log-likelihood ``2 Σ O·ln(O/E)`` over the 2×2 table
                  ``O = [[a, nᵢ-a], [nⱼ-a, N-nᵢ-nⱼ+a]]``, ``E`` = row × column / N
    ============  ===========================================================

    Only pairs that co-occur have entries; the diagonal is left empty.

    Examples
    --------
    >>> c = cooccurrence([["a", "b"], ["a", "c"], ["a", "b"], ["d"]])
    >>> round(float(association(c, "jaccard")[0, 1]), 4)  # 2 / (3 + 2 - 2)
    0.6667
    >>> round(float(association(c, "pmi")[0, 1]), 4)  # ln(2·4 / (3·2))
    0.2877
    """
    import scipy.sparse as sp

    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    C = cooc.matrix.tocoo()
    off = C.row != C.col
    i, j = C.row[off], C.col[off]
    a = C.data[off].astype(np.float64)
    diag = np.asarray(cooc.matrix.diagonal(), dtype=np.float64)
    ni, nj = diag[i], diag[j]
    N = float(cooc.n_windows)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "count":
            v = a
        elif measure == "pmi":
            v = np.log(a * N / (ni * nj))
        elif measure == "npmi":
            pmi = np.log(a * N / (ni * nj))
            h = -np.log(a / N)
            v = np.where(h > 0, pmi / np.where(h > 0, h, 1.0), 1.0)
        elif measure == "jaccard":
            v = a / (ni + nj - a)
        elif measure == "dice":
            v = 2 * a / (ni + nj)
        elif measure == "conditional":
            v = a / ni
        else:  # g2
            v = _g2(a, ni, nj, N)
    n = len(cooc.vocab)
    out = sp.csr_matrix((v, (i, j)), shape=(n, n))
    out.sort_indices()
    return out


def _g2(a: np.ndarray, ni: np.ndarray, nj: np.ndarray, N: float) -> np.ndarray:
    obs = [a, ni - a, nj - a, N - ni - nj + a]
    exp = [ni * nj / N, ni * (N - nj) / N, (N - ni) * nj / N, (N - ni) * (N - nj) / N]
    g = np.zeros_like(a)
    for o, e in zip(obs, exp):
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / np.where(e > 0, e, 1.0)), 0.0)
        g += t
    return 2.0 * g


# ---------------------------------------------------------------------------- graphs
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
            sub = _ordered_subgraph(G, comp)
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


def _ordered_subgraph(G: nx.Graph, nodes: list[Any]) -> nx.Graph:
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


def _louvain(G: nx.Graph, seed: int) -> list[list[Any]]:
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
        comm = {n: k for k, c in enumerate(_louvain(G, random_state)) for n in c}
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


def cooccurrence_graph(
    data: Any,
    *,
    tokenizer: PolicyTokenizer | None = None,
    window: str = "sentence",
    top_n: int = 60,
    terms: Iterable[str] | None = None,
    select_by: str = "frequency",
    measure: str = "jaccard",
    min_count: int = 2,
    min_weight: float | None = None,
    max_edges: int | None = None,
    backbone: str | None = None,
    alpha: float = 0.05,
    drop_isolates: bool = True,
    communities: bool = True,
    positions: bool = True,
    random_state: int = 0,
    n_jobs: int | None = 1,
    cache_dir: str | os.PathLike[str] | None = None,
) -> nx.Graph:
    """Keyword co-occurrence network of a corpus, a report, texts or a :class:`Cooccurrence`.

    Terms are selected on the sparse counts first (``top_n`` or ``terms``), so networkx only
    sees the selected terms.

    Parameters
    ----------
    data : Corpus, Report, str, iterable of str, list of token lists, or Cooccurrence
    tokenizer, window, n_jobs, cache_dir
        As in :func:`cooccurrence` (ignored for a ``Cooccurrence``).
    top_n : int, default 60
        Number of terms, chosen by ``select_by`` (``"frequency"``, ``"window_count"`` or
        ``"tfidf"``), unless ``terms`` is given.
    measure : str, default "jaccard"
        Edge weight, one of :data:`MEASURES` (see :func:`association`). For ``pmi``,
        ``npmi`` and ``g2`` only pairs co-occurring more often than expected are kept;
        for ``conditional`` the edge weight is the larger of P(j | i) and P(i | j).
    min_count : int, default 2
        Fewest co-occurrences for an edge.
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
        Remove terms left without edges.
    communities, positions : bool, default True
        Add Louvain communities / seeded layout coordinates ``x``, ``y``.
    random_state : int, default 0
        Seed of the Louvain communities and the layout.

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
    >>> G = gt.cooccurrence_graph(corpus["2023_township_天津市津南区北闸口镇"], top_n=30)
    >>> 0 < G.number_of_nodes() <= 30, sorted(G.nodes[next(iter(G))])[:4]
    (True, ['betweenness', 'community', 'degree', 'degree_centrality'])
    """
    if top_n < 1:
        raise InputError(f"top_n must be at least 1, not {top_n}")
    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    cooc = (
        data
        if isinstance(data, Cooccurrence)
        else cooccurrence(
            data, tokenizer=tokenizer, window=window, n_jobs=n_jobs, cache_dir=cache_dir
        )
    )
    if terms is not None:
        chosen = [t for t in dict.fromkeys(terms) if t in cooc.term_index]
        if not chosen:
            raise InputError("none of the given terms occurs in the corpus")
    else:
        chosen = cooc.top_terms(top_n, by=select_by)
    if not chosen:
        raise InputError("no terms to build a graph from (the corpus has no analysis tokens)")
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


def graphs_by(
    corpus: Any,
    by: str = "year",
    *,
    tokenizer: PolicyTokenizer | None = None,
    window: str = "sentence",
    top_n: int = 60,
    terms: Iterable[str] | None = None,
    measure: str = "jaccard",
    min_count: int = 2,
    min_weight: float | None = None,
    max_edges: int | None = None,
    backbone: str | None = None,
    alpha: float = 0.05,
    random_state: int = 0,
) -> dict[Any, nx.Graph]:
    """One co-occurrence graph per metadata group, all on the same vocabulary.

    The reports are tokenised once; the shared terms are the ``top_n`` most frequent over
    the whole corpus (or ``terms``); every graph has all of them as nodes (isolated ones
    included), so centralities compare across groups. Other parameters as in
    :func:`cooccurrence_graph` (``backbone`` defaults to None here so that edge changes
    reflect the counts, not the filter).

    Returns
    -------
    dict
        Group value → graph, in sorted group order. Reports with no value are left out.

    Examples
    --------
    >>> import govtext as gt
    >>> c = gt.datasets.load_sample().filter(region="河北省保定市顺平县")
    >>> gs = gt.graphs_by(c, "year", top_n=20)
    >>> list(gs), len({frozenset(g.nodes) for g in gs.values()})
    ([2020, 2021, 2022, 2023, 2024], 1)
    """
    from govtext.corpus.reports import Corpus

    if not isinstance(corpus, Corpus):
        raise InputError("graphs_by needs a Corpus (e.g. govtext.load_corpus(...))")
    if by not in corpus.meta.columns:
        raise InputError(
            f"cannot group by {by!r}: no such metadata column; columns are {', '.join(map(str, corpus.meta.columns))}"
        )
    windows, doc, _ = _corpus_windows(corpus, tokenizer, window)
    values = corpus.meta[by].tolist()
    overall = cooccurrence(windows)
    if terms is not None:
        shared = [t for t in dict.fromkeys(terms) if t in overall.term_index]
    else:
        shared = overall.top_terms(top_n)
    if not shared:
        raise InputError("no terms to build graphs from")
    groups = sorted(
        {v for v in values if v is not None and v == v}, key=lambda v: (str(type(v)), v)
    )
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
            _doc_freq(ws, doc[np.isin(doc, list(docs))], shared),
            len(docs),
            window,
        )
        G = _build_graph(
            c,
            shared,
            measure=measure,
            min_count=min_count,
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


def _doc_freq(windows: list[list[str]], doc: np.ndarray, vocab: list[str]) -> np.ndarray:
    ids, rows, _ = _encode(windows, vocab)
    _, d = np.unique(doc, return_inverse=True)
    D = _binary(d[rows], ids, (int(d.max()) + 1 if len(d) else 0, len(vocab)))
    return np.bincount(D.indices, minlength=len(vocab)).astype(np.int64)


# ------------------------------------------------------------------------ comparison
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


def __getattr__(name: str) -> Any:  # export and drawing live in govtext.netplot
    if name in ("write_gexf", "write_graphml", "write_json", "draw_network"):
        from govtext.viz import network as netplot

        return getattr(netplot, name)
    raise AttributeError(f"module 'govtext.network' has no attribute {name!r}")
