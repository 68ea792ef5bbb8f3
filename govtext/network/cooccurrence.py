"""Co-occurrence counts of terms in windows: one sparse product ``Xᵀ·X``.

:func:`cooccurrence` turns token windows (sentences, paragraphs, reports, or a sliding
window of ``distance`` tokens) into a symmetric terms × terms count matrix, a
:class:`Cooccurrence`, with one sparse product ``Xᵀ·X`` of the binary window × term matrix
``X`` (:func:`govtext._runtime.sparse.gram`): no loop over pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext._runtime.sparse import gram
from govtext.errors import InputError
from govtext.network.windows import corpus_windows

if TYPE_CHECKING:  # pragma: no cover
    import os

    import pandas as pd
    import scipy.sparse as sp

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["Cooccurrence", "cooccurrence", "doc_frequency"]


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

        ``select`` picks terms, as quanteda's ``fcm_select`` and
        :meth:`DocumentTermMatrix.select <govtext.features.matrix.DocumentTermMatrix.select>`
        do (``subset`` picks rows of a matrix; a ``Cooccurrence`` keeps no windows, so it has
        none). ``n_windows`` is kept, so association measures on the selection equal those
        on the full matrix.

        Examples
        --------
        >>> c = cooccurrence([["a", "b"], ["a", "c"], ["a", "b", "b"]])
        >>> s = c.select(["b", "a", "zzz"])
        >>> s.vocab, s.matrix.toarray().tolist(), s.n_windows
        (['b', 'a'], [[2, 2], [2, 3]], 3)
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

    def top_terms(
        self,
        top: int,
        by: str = "frequency",
        *,
        tokenizer: PolicyTokenizer | None = None,
        drop: Iterable[str] = (),
    ) -> list[str]:
        """The ``top`` best terms by ``"frequency"``, ``"window_count"``, ``"tfidf"`` or ``"keyness"``.

        ``"keyness"`` ranks the policy terms of these windows as :func:`govtext.keywords`
        ranks a report's (:func:`govtext.stats.keywords.rank_terms`: log-odds against the
        genre's reference counts; whole terms seen twice and at least 1.5 times as often as
        in the genre; never one of the genre's 100 most frequent words; terms of the
        lexicon or of a term type before plain words), so it may return fewer than ``top``.
        The others: highest first, ties broken by term. Terms in ``drop`` are never
        returned.

        Examples
        --------
        >>> c = cooccurrence([["发展", "数字经济", "数字经济"], ["发展", "数字经济"]])
        >>> c.top_terms(2), c.top_terms(2, by="keyness")
        (['数字经济', '发展'], ['数字经济'])
        """
        if by == "keyness":
            from govtext.stats.keywords import rank_terms

            order = rank_terms(
                self.frequency[None, :],
                self.vocab,
                tokenizer=tokenizer,
                min_ratio=1.5,
                terms_first=True,
                drop=drop,
            )[0]
            return [self.vocab[i] for i in order[:top]]
        score = {
            "frequency": self.frequency,
            "window_count": self.window_count,
            "tfidf": self.tfidf(),
        }.get(by)
        if score is None:
            raise InputError(
                f"by must be 'keyness', 'frequency', 'window_count' or 'tfidf', not {by!r}"
            )
        left = frozenset(drop)
        order = sorted(
            (i for i in range(len(self.vocab)) if self.vocab[i] not in left),
            key=lambda i: (-score[i], self.vocab[i]),
        )
        return [self.vocab[i] for i in order[:top]]

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


def _windows_of(
    data: Any, tokenizer: PolicyTokenizer | None, window: str, n_jobs: int | None, cache_dir: Any
) -> tuple[list[Any], np.ndarray, int, str]:
    """(windows, document of each window, number of documents, window label) of ``data``.

    Token lists are windows as they are, each its own document (label ``"given"``);
    reports and texts are cut and split by :func:`~govtext.network.windows.corpus_windows`.
    """
    from govtext.corpus.reports import Corpus, Report
    from govtext.features.hub import TokenizedCorpus

    if isinstance(data, (Corpus, Report, str, TokenizedCorpus)):
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
        return items, np.arange(len(items), dtype=np.int64), len(items), "given"
    windows, doc, corpus = corpus_windows(
        data if items is None else items, tokenizer, window, n_jobs, cache_dir
    )
    return windows, doc, len(corpus), window


def cooccurrence(
    data: Any,
    vocab: Sequence[str] | None = None,
    min_count: int = 1,
    *,
    tokenizer: PolicyTokenizer | None = None,
    window: str = "sentence",
    distance: int | None = None,
    n_jobs: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Cooccurrence:
    """Count in how many windows each pair of terms occurs together.

    Parameters
    ----------
    data : iterable of token lists, or Corpus, Report, str, iterable of str, TokenizedCorpus
        Token lists are used as they are, one window each. Reports and texts are cut by
        ``tokenizer`` into a token hub (:class:`govtext.features.hub.TokenizedCorpus`; a
        hub given is used as it is) and split into windows by ``window``.
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
    n_jobs : int, optional (default: ``govtext.get_config()``, 1)
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
    windows, doc, n_docs, label = _windows_of(data, tokenizer, window, n_jobs, cache_dir)
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
        C = gram(X)  # indices left unsorted (sorting would cost more than the product)
        n_win = len(windows)
    return Cooccurrence(C, list(vocab), int(n_win), freq, doc_freq, int(n_docs), label)


def doc_frequency(
    windows: Sequence[Sequence[str]], doc: np.ndarray, vocab: Sequence[str]
) -> np.ndarray:
    """Number of documents in which each ``vocab`` term occurs.

    ``doc[k]`` is the document of ``windows[k]``; terms outside ``vocab`` are ignored.

    Examples
    --------
    >>> import numpy as np
    >>> doc_frequency([["a", "b"], ["a"], ["b", "c"]], np.array([0, 0, 1]), ["a", "b"]).tolist()
    [1, 2]
    """
    ids, rows, _ = _encode(windows, vocab)
    _, d = np.unique(doc, return_inverse=True)
    D = _binary(d[rows], ids, (int(d.max()) + 1 if len(d) else 0, len(vocab)))
    return np.bincount(D.indices, minlength=len(vocab)).astype(np.int64)
