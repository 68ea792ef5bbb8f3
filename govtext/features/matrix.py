"""``DocumentTermMatrix`` and the one way counts become one: token lists -> matrix.

:func:`from_token_lists` (token lists of documents) and :func:`from_counts` (count
matrices already merged, as :func:`govtext.features.dtm.stream_dtm` makes them) apply
the same document-frequency bounds and vocabulary rules as scikit-learn's
``CountVectorizer``, so every matrix govtext builds (report, section, paragraph or
sentence rows; in one process, in workers, streamed) comes out of the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from numbers import Integral
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse as sp

__all__ = ["DocumentTermMatrix", "from_token_lists", "from_counts"]


@dataclass
class DocumentTermMatrix:
    """Documents × terms counts with aligned metadata.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, shape ``(n_docs, n_terms)``, integer dtype.
    vocab : list of str
        Term of each column (sorted).
    meta : pandas.DataFrame
        One row per document, aligned with ``matrix`` rows (index = document names).

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.corpus_from_texts(["乡村振兴 乡村振兴 营商环境", "营商环境"]))
    >>> m.shape, m.vocab
    ((2, 2), ['乡村振兴', '营商环境'])
    """

    matrix: sp.csr_matrix
    vocab: list[str]
    meta: pd.DataFrame

    def __post_init__(self) -> None:
        if self.matrix.shape != (len(self.meta), len(self.vocab)):
            raise InputError(
                f"matrix shape {self.matrix.shape} does not match {len(self.meta)} documents "
                f"and {len(self.vocab)} terms"
            )
        self._term_index: dict[str, int] | None = None
        self._vocab_sorted: tuple[list[str], np.ndarray, np.ndarray] | None = None
        # (corpus, tokenizer, its config hash then) of a report matrix made from a corpus
        # (govtext.dtm): its rows' paragraphs can be cut again, as topic-model units; kept
        # by subset and select, not by group_by (a matrix holding it keeps its corpus alive)
        self._source: tuple[Any, Any, str] | None = None

    def _keeping_source(self, other: DocumentTermMatrix) -> DocumentTermMatrix:
        other._source = self._source
        return other

    # ------------------------------------------------------------------ basics
    @property
    def shape(self) -> tuple[int, int]:
        """``(n_docs, n_terms)``."""
        return self.matrix.shape

    @property
    def docs(self) -> list[str]:
        """Document names (row labels)."""
        return [str(i) for i in self.meta.index]

    @property
    def term_index(self) -> dict[str, int]:
        """Column index of each term."""
        if self._term_index is None:
            self._term_index = {t: i for i, t in enumerate(self.vocab)}
        return self._term_index

    def vocab_ranks(self) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary as an object array and each term's rank in sorted (code point)
        order, to sort tables by term with numbers; made once per vocabulary list.

        Examples
        --------
        >>> import scipy.sparse as sp, pandas as pd
        >>> m = DocumentTermMatrix(sp.csr_matrix([[1, 2]]), ["营商环境", "乡村振兴"], pd.DataFrame(index=[0]))
        >>> terms, rank = m.vocab_ranks()
        >>> list(terms), rank.tolist()
        (['营商环境', '乡村振兴'], [1, 0])
        """
        got = self._vocab_sorted
        if got is None or got[0] is not self.vocab or len(got[1]) != len(self.vocab):
            terms = np.asarray(self.vocab, dtype=object)
            rank = np.empty(len(terms), dtype=np.int64)
            rank[np.argsort(terms, kind="stable")] = np.arange(len(terms))
            got = self._vocab_sorted = (self.vocab, terms, rank)
        return got[1], got[2]

    def doc_lengths(self) -> np.ndarray:
        """Number of analysis tokens per document."""
        return np.asarray(self.matrix.sum(axis=1)).ravel()

    def term_counts(self) -> np.ndarray:
        """Total count of each term over all documents."""
        return np.asarray(self.matrix.sum(axis=0)).ravel()

    def doc_freq(self) -> np.ndarray:
        """Number of documents containing each term."""
        return np.diff(self.matrix.tocsc().indptr)

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def __repr__(self) -> str:
        return f"DocumentTermMatrix({self.shape[0]} docs × {self.shape[1]} terms, {self.matrix.nnz} non-zeros)"

    # --------------------------------------------------------------- selection
    def mask(self, condition: Any) -> np.ndarray:
        """Boolean row mask from a mask, a pandas query string or a dict of metadata values.

        ``None`` selects every row; a boolean pandas Series with missing values (from a
        nullable ``year`` column) counts missing as ``False``.

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.dtm(gt.datasets.load_sample())
        >>> int(m.mask("year == 2022 and level == 'county'").sum())
        9
        """
        if isinstance(condition, str):
            try:
                idx = self.meta.query(condition, engine="python").index
            except Exception as exc:
                raise InputError(f"cannot evaluate condition {condition!r}: {exc}") from None
            return self.meta.index.isin(idx)
        if isinstance(condition, dict):
            out = np.ones(len(self), dtype=bool)
            for k, v in condition.items():
                if k not in self.meta.columns:
                    raise InputError(
                        f"no metadata column {k!r}; columns are {', '.join(map(str, self.meta.columns))}"
                    )
                col = self.meta[k]
                out &= np.asarray(
                    col.isin(list(v))
                    if isinstance(v, (list, tuple, set))
                    else (col == v).fillna(False),
                    dtype=bool,
                )
            return out
        if condition is None:
            return np.ones(len(self), dtype=bool)
        if hasattr(condition, "fillna") and hasattr(condition, "dtype"):  # pandas Series / array
            condition = condition.fillna(False)
            condition = (
                np.asarray(condition, dtype=bool) if len(condition) == len(self) else condition
            )
        arr = np.asarray(condition)
        if arr.dtype != bool or arr.shape != (len(self),):
            raise InputError(
                f"mask must be {len(self)} booleans, got shape {arr.shape} of {arr.dtype}"
            )
        return arr

    def subset(self, condition: Any) -> DocumentTermMatrix:
        """Reports (rows) matching a mask, query string or dict (see :meth:`mask`).

        Named after quanteda's ``dfm_subset``; the vocabulary is kept.

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.dtm(gt.datasets.load_sample())
        >>> m.subset("level == 'township'").shape[0]
        1
        """
        m = self.mask(condition)
        return self._keeping_source(
            DocumentTermMatrix(self.matrix[m], list(self.vocab), self.meta[m])
        )

    def select(self, terms: Any) -> DocumentTermMatrix:
        """Terms (columns): a term, a list of terms (in that order) or a boolean column mask.

        Named after quanteda's ``dfm_select`` (rows are picked by :meth:`subset`). Terms
        not in the vocabulary are left out.

        Raises
        ------
        InputError
            A string that looks like a row condition (``"year == 2022"``): use
            :meth:`subset` for rows.

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.dtm(gt.corpus_from_texts(["乡村振兴 营商环境", "营商环境"]))
        >>> m.select(["营商环境", "不存在"]).matrix.toarray().tolist()
        [[1], [1]]
        """
        if isinstance(terms, str):
            if terms not in self.term_index and any(op in terms for op in ("==", "!=", "<", ">")):
                raise InputError(
                    f"select() picks terms; {terms!r} looks like a row condition: use subset()"
                )
            terms = [terms]
        if isinstance(terms, np.ndarray) and terms.dtype == bool:
            if terms.shape != (len(self.vocab),):
                raise InputError(
                    f"term mask must be {len(self.vocab)} booleans, got shape {terms.shape}"
                )
            cols = np.flatnonzero(terms)
        else:
            ti = self.term_index
            cols = np.array([ti[t] for t in terms if t in ti], dtype=int)
        return self._keeping_source(
            DocumentTermMatrix(
                self.matrix[:, cols].tocsr(), [self.vocab[i] for i in cols], self.meta
            )
        )

    def select_terms(self, terms_or_mask: Any) -> DocumentTermMatrix:
        """Same as :meth:`select` (the name used before 0.x; kept as an alias)."""
        return self.select(terms_or_mask)

    def group_by(self, by: str | Sequence[str]) -> DocumentTermMatrix:
        """Sum rows per metadata group (``"year"``, ``"region"``, ``["region", "year"]``).

        Rows with a missing value in ``by`` are left out. The result's ``meta`` has one row
        per group with the grouping columns and ``n_docs``.

        Examples
        --------
        >>> import govtext as gt
        >>> g = gt.dtm(gt.datasets.load_sample()).group_by("level")
        >>> sorted(g.meta["level"])
        ['city', 'county', 'national', 'province', 'township']
        """
        import pandas as pd
        import scipy.sparse as sp

        cols = [by] if isinstance(by, str) else list(by)
        for c in cols:
            if c not in self.meta.columns:
                raise InputError(
                    f"cannot group by {c!r}: no such metadata column; columns are {', '.join(map(str, self.meta.columns))}"
                )
        keys = self.meta[cols].astype(object)
        ok = ~keys.isna().any(axis=1).to_numpy()
        tuples = [tuple(r) for r in keys[ok].itertuples(index=False)]
        uniq = sorted(
            set(tuples),
            key=lambda t: tuple(
                str(x) if not isinstance(x, (int, float)) else f"{x:020.6f}" for x in t
            ),
        )
        pos = {t: i for i, t in enumerate(uniq)}
        rows = np.array([pos[t] for t in tuples], dtype=int)
        src = np.flatnonzero(ok)
        agg = sp.csr_matrix((np.ones(len(rows)), (rows, src)), shape=(len(uniq), len(self)))
        mat = (agg @ self.matrix).tocsr().astype(self.matrix.dtype)
        meta = pd.DataFrame(uniq, columns=cols)
        meta["n_docs"] = np.bincount(rows, minlength=len(uniq))
        meta.index = ["|".join(map(str, t)) for t in uniq]
        return DocumentTermMatrix(mat, list(self.vocab), meta)

    def counts(self, terms: str | Sequence[str]) -> pd.DataFrame:
        """Counts of some terms per document (0 for a term not in the vocabulary).

        Examples
        --------
        >>> import govtext as gt
        >>> m = gt.dtm(gt.corpus_from_texts(["乡村振兴 乡村振兴", "营商环境"]))
        >>> m.counts(["乡村振兴", "不存在"]).to_numpy().tolist()
        [[2, 0], [0, 0]]
        """
        import pandas as pd

        terms = [terms] if isinstance(terms, str) else list(terms)
        ti = self.term_index
        out = np.zeros((len(self), len(terms)), dtype=np.int64)
        cols = [(j, ti[t]) for j, t in enumerate(terms) if t in ti]
        if cols:
            sub = self.matrix[:, [c for _, c in cols]].toarray()
            out[:, [j for j, _ in cols]] = sub
        return pd.DataFrame(out, index=self.meta.index, columns=terms)

    # ---------------------------------------------------------------- weighting
    def tfidf(self, *, sublinear_tf: bool = True, norm: str | None = "l2", smooth_idf: bool = True):
        """TF-IDF weights (scikit-learn's ``TfidfTransformer``), same shape and vocabulary.

        Returns
        -------
        scipy.sparse.csr_matrix
        """
        from sklearn.feature_extraction.text import TfidfTransformer

        return (
            TfidfTransformer(sublinear_tf=sublinear_tf, norm=norm, smooth_idf=smooth_idf)
            .fit_transform(self.matrix)
            .tocsr()
        )

    def to_frame(self, weights: str = "count") -> pd.DataFrame:
        """Dense DataFrame (documents × terms) of counts, ``"tfidf"`` or ``"relative"`` frequencies."""
        import pandas as pd

        if weights == "count":
            m = self.matrix
        elif weights == "tfidf":
            m = self.tfidf()
        elif weights == "relative":
            lengths = self.doc_lengths().astype(float)
            lengths[lengths == 0] = 1
            m = self.matrix.multiply(1 / lengths[:, None]).tocsr()
        else:
            raise InputError(f"weights must be 'count', 'tfidf' or 'relative', not {weights!r}")
        return pd.DataFrame(m.toarray(), index=self.meta.index, columns=self.vocab)


def from_token_lists(
    token_lists: Sequence[Sequence[str]],
    meta: pd.DataFrame,
    *,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    max_features: int | None = None,
    vocabulary: Iterable[str] | None = None,
) -> DocumentTermMatrix:
    """Count the tokens of each document into a :class:`DocumentTermMatrix`.

    Parameters
    ----------
    token_lists : sequence of sequence of str
        Analysis tokens of each document (one row each, in order).
    meta : pandas.DataFrame
        One row per document.
    min_df, max_df, max_features, vocabulary
        As in scikit-learn's ``CountVectorizer`` (see :func:`from_counts`).

    Examples
    --------
    >>> import pandas as pd
    >>> m = from_token_lists([["乙", "甲", "乙"], ["甲"]], pd.DataFrame(index=["a", "b"]))
    >>> m.vocab, m.matrix.toarray().tolist()
    (['乙', '甲'], [[2, 1], [0, 1]])
    """
    from govtext.features.tokens import count_tokens

    vocab, counts = count_tokens(token_lists)
    return from_counts(
        vocab,
        counts,
        meta,
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
        vocabulary=vocabulary,
    )


def _check_bounds(min_df: Any, max_df: Any, max_features: Any) -> None:
    for name, v in (("min_df", min_df), ("max_df", max_df)):
        ok = (
            v >= 0
            if isinstance(v, Integral) and not isinstance(v, bool)
            else isinstance(v, float) and 0.0 <= v <= 1.0
        )
        if not ok:
            raise InputError(
                f"cannot build the document-term matrix: {name} must be an int >= 0 "
                f"or a float in [0, 1], not {v!r}"
            )
    if max_features is not None and not (
        isinstance(max_features, Integral)
        and not isinstance(max_features, bool)
        and max_features >= 1
    ):
        raise InputError(
            f"cannot build the document-term matrix: max_features must be an int >= 1 "
            f"or None, not {max_features!r}"
        )


def from_counts(
    vocab: Sequence[str],
    counts: sp.csr_matrix,
    meta: pd.DataFrame,
    *,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    max_features: int | None = None,
    vocabulary: Iterable[str] | None = None,
) -> DocumentTermMatrix:
    """A :class:`DocumentTermMatrix` from counts over a sorted vocabulary, bounds applied.

    The rules are scikit-learn's ``CountVectorizer`` ones, to the same result: terms in
    fewer than ``min_df`` or more than ``max_df`` documents (an int is a count, a float a
    share) are dropped, then at most ``max_features`` of the most frequent are kept; a
    fixed ``vocabulary`` gives exactly those columns in that order (no bounds applied).

    Raises
    ------
    InputError
        No token in any document, bounds that leave no term, a repeated vocabulary term.

    Examples
    --------
    >>> import pandas as pd, scipy.sparse as sp
    >>> m = from_counts(["乙", "甲"], sp.csr_matrix([[2, 1], [0, 1]]), pd.DataFrame(index=["a", "b"]),
    ...                 min_df=2)
    >>> m.vocab, m.matrix.toarray().tolist()
    (['甲'], [[1], [1]])
    """
    import scipy.sparse as sp

    counts = sp.csr_matrix(counts, dtype=np.int64)
    vocab = list(vocab)
    if vocabulary is not None:
        fixed = list(vocabulary)
        if len(set(fixed)) != len(fixed):
            raise InputError("cannot build the document-term matrix: vocabulary repeats a term")
        if not fixed:
            raise InputError("cannot build the document-term matrix: empty vocabulary passed")
        index = {t: i for i, t in enumerate(vocab)}
        pairs = [(j, index[t]) for j, t in enumerate(fixed) if t in index]
        src = np.array([i for _, i in pairs], dtype=np.int64)
        dst = np.array([j for j, _ in pairs], dtype=np.int64)
        pick = sp.csr_matrix(
            (np.ones(len(pairs), dtype=np.int64), (src, dst)), shape=(len(vocab), len(fixed))
        )
        mat = (counts @ pick).tocsr()
        mat.sort_indices()
        return DocumentTermMatrix(mat, fixed, meta)
    _check_bounds(min_df, max_df, max_features)
    if not vocab:
        raise InputError("no report has any analysis token after filtering")
    n_doc = counts.shape[0]
    high = max_df if isinstance(max_df, Integral) else max_df * n_doc
    low = min_df if isinstance(min_df, Integral) else min_df * n_doc
    if high < low:
        raise InputError(
            "cannot build the document-term matrix: max_df corresponds to < documents than min_df"
        )
    dfs = (
        np.bincount(counts.indices, minlength=len(vocab))
        if counts.nnz
        else np.zeros(len(vocab), int)
    )
    mask = (dfs <= high) & (dfs >= low)
    if max_features is not None and mask.sum() > max_features:
        tfs = np.asarray(counts.sum(axis=0)).ravel()
        order = (-tfs[mask]).argsort()[:max_features]  # the very call scikit-learn makes
        keep = np.zeros(len(dfs), dtype=bool)
        keep[np.where(mask)[0][order]] = True
        mask = keep
    cols = np.flatnonzero(mask)
    if len(cols) == 0:
        raise InputError(
            "cannot build the document-term matrix: After pruning, no terms remain. "
            "Try a lower min_df or a higher max_df."
        )
    if len(cols) < len(vocab):
        counts = counts[:, cols].tocsr()
        vocab = [vocab[i] for i in cols]
    counts.sort_indices()
    return DocumentTermMatrix(counts, vocab, meta)
