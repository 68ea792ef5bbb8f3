"""``DocumentTermMatrix``: sparse counts of analysis tokens per report, with metadata."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse as sp

    from govtext.corpus.reports import Corpus
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["DocumentTermMatrix", "dtm", "tokenize_corpus"]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


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

    def select(self, condition: Any) -> DocumentTermMatrix:
        """Rows matching a mask, query string or dict (see :meth:`mask`); vocabulary kept."""
        m = self.mask(condition)
        return DocumentTermMatrix(self.matrix[m], list(self.vocab), self.meta[m])

    def select_terms(self, terms_or_mask: Any) -> DocumentTermMatrix:
        """Columns for the given terms (in that order) or a boolean column mask."""
        if isinstance(terms_or_mask, np.ndarray) and terms_or_mask.dtype == bool:
            cols = np.flatnonzero(terms_or_mask)
        else:
            ti = self.term_index
            cols = np.array([ti[t] for t in terms_or_mask if t in ti], dtype=int)
        return DocumentTermMatrix(
            self.matrix[:, cols].tocsr(), [self.vocab[i] for i in cols], self.meta
        )

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


def tokenize_corpus(
    corpus: Corpus | Iterable[str], tokenizer: PolicyTokenizer | None = None
) -> list[list[str]]:
    """Analysis tokens of every report (a list per report).

    Examples
    --------
    >>> tokenize_corpus(["推进乡村振兴", "营商环境与专精特新"])
    [['乡村振兴'], ['营商环境', '专精特新']]
    """
    from govtext.tokenize.policy import PolicyTokenizer

    tok = tokenizer or PolicyTokenizer()
    return [tok.tokenize(getattr(r, "text", r)) for r in corpus]


def dtm(
    corpus: Corpus | Iterable[str],
    tokenizer: PolicyTokenizer | None = None,
    *,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    max_features: int | None = None,
    vocabulary: Iterable[str] | None = None,
    n_jobs: int | None = 1,
    backend: str = "local",
    client: Any = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> DocumentTermMatrix:
    """Build a document-term matrix with scikit-learn's ``CountVectorizer``.

    The vectorizer's analyzer is the tokenizer's :meth:`~govtext.PolicyTokenizer.tokenize`,
    so the columns are exactly the analysis tokens (policy terms whole; stopwords,
    boilerplate, punctuation and numbers removed as the tokenizer is configured).

    Parameters
    ----------
    corpus : Corpus or iterable of str
    tokenizer : PolicyTokenizer, optional
        Default: ``PolicyTokenizer()`` (policy mode, stopwords and boilerplate removed).
    min_df, max_df : int or float
        Document-frequency bounds as in scikit-learn (int = count, float = share).
    max_features : int, optional
        Keep only the most frequent terms.
    vocabulary : iterable of str, optional
        Fixed vocabulary (columns in this order).
    n_jobs : int, default 1
        Worker processes for tokenization (joblib, spawn-safe; -1 = all cores).
    backend : {"local", "dask"}, default "local"
        ``"dask"`` tokenizes on a ``dask.distributed`` Client (``client`` or the current
        one; ``dask`` extra). The matrix is identical to the local one.
    client : dask.distributed.Client, optional
    cache_dir : path, optional
        Token cache folder (:class:`govtext.cache.TokenCache`): texts tokenized before with
        the same tokenizer configuration are not tokenized again.

    Returns
    -------
    DocumentTermMatrix

    Raises
    ------
    InputError
        An empty corpus, no token left after filtering, or bounds that leave no term.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample(), min_df=2)
    >>> m.shape[0]
    30
    >>> int(m.select("level == 'township'").matrix.sum()) > 1000
    True
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from govtext.corpus.reports import Corpus, corpus_from_texts
    from govtext.tokenize.policy import PolicyTokenizer

    if isinstance(corpus, str):
        raise InputError("dtm() needs a Corpus or a list of texts, not a single str")
    if not isinstance(corpus, Corpus):
        corpus = corpus_from_texts([getattr(r, "text", r) for r in corpus])
    if len(corpus) == 0:
        raise InputError("the corpus is empty")
    tok = tokenizer or PolicyTokenizer()
    parallel = n_jobs not in (None, 1) or backend != "local" or cache_dir is not None
    if parallel:  # tokenize first (workers, Dask or cache), then count the token lists
        from govtext.features.tokens import tokenize_texts

        docs: list[Any] = tokenize_texts(
            corpus.texts, tok, n_jobs=n_jobs, backend=backend, client=client, cache=cache_dir
        )
        analyzer: Any = _identity
    else:
        docs, analyzer = corpus.texts, tok.tokenize
    vec = CountVectorizer(
        analyzer=analyzer,
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
        vocabulary=list(vocabulary) if vocabulary is not None else None,
        dtype=np.int64,
    )
    try:
        X = vec.fit_transform(docs)
    except ValueError as exc:
        if "empty vocabulary" in str(exc):
            raise InputError("no report has any analysis token after filtering") from None
        raise InputError(f"cannot build the document-term matrix: {exc}") from None
    vocab = list(vec.get_feature_names_out())
    return DocumentTermMatrix(X.tocsr(), vocab, corpus.meta)
