"""Keywords of each report: term frequency × inverse document frequency (genre or corpus).

:func:`keywords` works on a single report without a corpus: its idf comes from the
shipped reference document frequencies of the genre (:func:`reference_df`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.stats._common import as_dtm

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.tokenize.policy import PolicyTokenizer

__all__ = ["keywords", "reference_df"]


@functools.lru_cache(maxsize=1)
def reference_df() -> tuple[int, dict[str, int]]:
    """The shipped reference document-frequency table of the genre.

    Returns
    -------
    (n_docs, {term: df})
        Number of reports the table was computed from, and each term's document
        frequency (terms in fewer than 2 reports are absent: count them as 0). See
        ``govtext/stats/reference/README.md`` for how it was built.

    Examples
    --------
    >>> n, df = reference_df()
    >>> n > 100 and df["工作"] > 0.9 * n
    True
    """
    from importlib import resources

    text = (
        resources.files("govtext.stats.reference").joinpath("reference_df.tsv").read_text("utf-8")
    )
    n_docs = 0
    table: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# n_docs="):
                n_docs = int(line.split("=", 1)[1])
            continue
        term, _, df = line.partition("\t")
        if term == "term" or not df:
            continue
        table[term] = int(df)
    return n_docs, table


def keywords(
    x: Any,
    top: int = 20,
    *,
    tokenizer: PolicyTokenizer | None = None,
    idf: str = "genre",
    min_count: int = 1,
    reference: tuple[int, dict[str, int]] | None = None,
) -> pd.DataFrame:
    """Keywords of each report: term frequency × inverse document frequency.

    Parameters
    ----------
    x : Report, str, Corpus or DocumentTermMatrix
        A single report works without a corpus.
    top : int, default 20
        Keywords per report.
    tokenizer : PolicyTokenizer, optional
        Used when ``x`` is text (default ``PolicyTokenizer()``).
    idf : {"genre", "corpus"}, default "genre"
        ``"genre"``: document frequencies of the shipped reference table of
        government work reports (``govtext/stats/reference/reference_df.tsv``, N reports) plus
        those of ``x`` itself, ``idf = ln((N + n + 1) / (df_ref + df_x + 1))`` where n is the
        number of reports in ``x``. Words every report uses get an idf near 0, so keywords
        carry content whatever the boilerplate list holds. ``"corpus"``: scikit-learn's
        smoothed idf within ``x`` only (needs several reports).
    min_count : int, default 1
        Ignore terms occurring fewer times in the report.
    reference : (n_docs, {term: df}), optional
        Your own reference table for ``idf="genre"`` (default :func:`reference_df`).

    Returns
    -------
    pandas.DataFrame
        Long table, one row per keyword of a report: ``report, rank, term, score, count``
        (``score = count / tokens × idf``), reports in matrix order, ranks ascending.

    Examples
    --------
    >>> import govtext as gt
    >>> r = gt.datasets.load_sample()["2023_township_天津市津南区北闸口镇"]
    >>> kw = gt.keywords(r, top=10)
    >>> list(kw.columns)
    ['report', 'rank', 'term', 'score', 'count']
    >>> "工作" in set(kw["term"])
    False
    """
    import pandas as pd

    if top < 1:
        raise InputError(f"top must be at least 1, not {top}")
    m = as_dtm(x, tokenizer)
    n = len(m)
    df_x = m.doc_freq().astype(float)
    if idf == "genre":
        n_ref, table = reference_df() if reference is None else reference
        df_ref = np.array([table.get(t, 0) for t in m.vocab], dtype=float)
        w = np.log((n_ref + n + 1) / (df_ref + df_x + 1))
    elif idf == "corpus":
        w = np.log((n + 1) / (df_x + 1)) + 1.0
    else:
        raise InputError(f"idf must be 'genre' or 'corpus', not {idf!r}")
    X = m.matrix.tocsr()
    lengths = m.doc_lengths().astype(float)
    rows = []
    vocab = np.asarray(m.vocab, dtype=object)
    for i, doc in enumerate(m.docs):
        lo, hi = X.indptr[i], X.indptr[i + 1]
        idx, cnt = X.indices[lo:hi], X.data[lo:hi]
        ok = cnt >= min_count
        idx, cnt = idx[ok], cnt[ok]
        if len(idx) == 0:
            continue
        score = cnt / max(lengths[i], 1.0) * w[idx]
        # ties: higher count first, then the term itself (deterministic)
        order = np.lexsort((vocab[idx], -cnt, -score))[:top]
        for r, j in enumerate(order, 1):
            rows.append((doc, r, vocab[idx[j]], float(score[j]), int(cnt[j])))
    return pd.DataFrame(rows, columns=["report", "rank", "term", "score", "count"])
