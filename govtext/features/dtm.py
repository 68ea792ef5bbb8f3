"""Document-term matrices of a corpus: :func:`dtm` (through the token hub) and
:func:`stream_dtm` (reports read chunk by chunk). Both end in
:func:`govtext.features.matrix.from_counts`, so they give the same matrix and ``meta``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govtext.errors import InputError
from govtext.features.matrix import DocumentTermMatrix

if TYPE_CHECKING:  # pragma: no cover
    from govtext.corpus.reports import Corpus
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["DocumentTermMatrix", "dtm", "stream_dtm", "tokenize_corpus"]


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
    n_jobs: int | None = None,
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
    n_jobs : int, optional (default: ``govtext.get_config()``, 1)
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
    >>> int(m.subset("level == 'township'").matrix.sum()) > 1000
    True
    """
    from govtext.features.hub import TokenizedCorpus

    if isinstance(corpus, str):
        raise InputError("dtm() needs a Corpus or a list of texts, not a single str")
    hub = TokenizedCorpus(
        corpus, tokenizer, n_jobs=n_jobs, backend=backend, client=client, cache_dir=cache_dir
    )
    return hub.dtm(
        "report",
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
        vocabulary=vocabulary,
    )


def stream_dtm(
    reports: Iterable[Any],
    tokenizer: PolicyTokenizer | None = None,
    *,
    chunksize: int = 64,
    n_jobs: int | None = None,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    max_features: int | None = None,
) -> DocumentTermMatrix:
    """Document-term matrix over reports read lazily, chunk by chunk.

    Only one chunk of texts is in memory at a time; the counts of earlier chunks are kept
    as sparse matrices. The result (matrix and ``meta``) equals :func:`govtext.dtm` on
    the same reports: both end in :func:`govtext.features.matrix.from_counts`.

    Parameters
    ----------
    reports : iterable of Report (or str)
        E.g. :func:`govtext.corpus.iter_reports` over a folder.
    chunksize : int
        Reports per chunk (and per worker task).
    n_jobs : int
        Worker processes.
    min_df, max_df, max_features
        As in :func:`dtm`.

    Examples
    --------
    >>> import govtext as gt
    >>> from govtext.corpus.loading import iter_reports
    >>> m = stream_dtm(iter_reports(gt.datasets.sample_path()), chunksize=8)
    >>> m.shape[0]
    30
    """
    import pandas as pd

    from govtext._runtime.config import resolve_option
    from govtext.corpus.reports import Corpus, Report
    from govtext.features.matrix import from_counts
    from govtext.features.tokens import chunked, count_chunks, merge_counts
    from govtext.tokenize.policy import PolicyTokenizer

    n_jobs = resolve_option("n_jobs", n_jobs)
    tok = tokenizer or PolicyTokenizer()
    parts = []
    metas = []
    n = 0
    for block in chunked(reports, chunksize * max(1, n_jobs if n_jobs and n_jobs > 0 else 2)):
        block = [
            r if isinstance(r, Report) else Report.from_text(r, name=f"doc{n + k}")
            for k, r in enumerate(block)
        ]
        n += len(block)
        metas.append(Corpus(block).meta)  # the metadata table a Corpus has, chunk by chunk
        parts.extend(count_chunks([r.text for r in block], tok, n_jobs=n_jobs, chunksize=chunksize))
    if not metas:
        raise InputError("no reports to count")
    vocab, mat = merge_counts(parts)
    meta = pd.concat(metas) if len(metas) > 1 else metas[0]
    return from_counts(vocab, mat, meta, min_df=min_df, max_df=max_df, max_features=max_features)
