"""Comparison of reports: keywords, keyness, trends, similarity and vertical comparison.

Every function takes a :class:`~govtext.DocumentTermMatrix` (or something
:func:`govtext.dtm` accepts) and returns a pandas DataFrame. The formulas are written
out in each docstring and in ``docs/comparison.md`` so that a figure can be checked by
hand; :func:`govtext.kwic` shows the passages behind any count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.dtm import DocumentTermMatrix
    from govtext.tokenize.policy import PolicyTokenizer

__all__ = [
    "keywords",
    "keyness",
    "trends",
    "first_appearance",
    "emerging_terms",
    "similarity",
    "nearest",
    "shingle_reuse",
    "compare_vertical",
    "find_parent",
    "reference_df",
    "VerticalComparison",
    "MEASURES",
]

MEASURES = ("log_odds", "chi2", "g2", "pmi")

# rank of each administrative level (county and district are the same rank)
_RANK = {"township": 0, "county": 1, "district": 1, "city": 2, "province": 3, "national": 4}


# --------------------------------------------------------------------------- helpers
def _as_dtm(x: Any, tokenizer: PolicyTokenizer | None = None) -> DocumentTermMatrix:
    from govtext.corpus.reports import Corpus, Report, corpus_from_texts
    from govtext.features.dtm import DocumentTermMatrix, dtm

    if isinstance(x, DocumentTermMatrix):
        return x
    if isinstance(x, str):
        return dtm(corpus_from_texts([x], names=["text"]), tokenizer=tokenizer)
    if isinstance(x, Report):
        return dtm(Corpus([x]), tokenizer=tokenizer)
    if isinstance(x, Corpus):
        return dtm(x, tokenizer=tokenizer)
    raise InputError(
        f"expected a DocumentTermMatrix, Corpus, Report or str, not {type(x).__name__}"
    )


def _col(m: DocumentTermMatrix, by: str) -> None:
    if by not in m.meta.columns:
        raise InputError(
            f"no metadata column {by!r}; columns are {', '.join(map(str, m.meta.columns))}"
        )


# --------------------------------------------------------------------------- keywords
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
        Columns ``doc, rank, term, score, count``; ``score = count / tokens × idf``.

    Examples
    --------
    >>> import govtext as gt
    >>> r = gt.datasets.load_sample()["2023_township_天津市津南区北闸口镇"]
    >>> kw = gt.keywords(r, top=10)
    >>> list(kw.columns)
    ['doc', 'rank', 'term', 'score', 'count']
    >>> "工作" in set(kw["term"])
    False
    """
    import pandas as pd

    if top < 1:
        raise InputError(f"top must be at least 1, not {top}")
    m = _as_dtm(x, tokenizer)
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
    return pd.DataFrame(rows, columns=["doc", "rank", "term", "score", "count"])


# --------------------------------------------------------------------------- keyness
def _keyness_scores(
    a: np.ndarray,
    b: np.ndarray,
    measure: str,
    prior: np.ndarray | None,
    prior_mass: float,
    na: float | None = None,
    nb: float | None = None,
    prior_total: float | None = None,
) -> dict[str, np.ndarray]:
    """Vectorised keyness of target counts ``a`` against reference counts ``b``.

    ``na``/``nb`` are the token totals of each side (default: sums of ``a``/``b``);
    ``prior`` is the prior term distribution (any scale) for log-odds.
    """
    from scipy import stats

    a = a.astype(float)
    b = b.astype(float)
    na = float(a.sum()) if na is None else float(na)
    nb = float(b.sum()) if nb is None else float(nb)
    if na == 0 or nb == 0:
        raise InputError("target and reference must both contain tokens")
    n = na + nb
    out: dict[str, np.ndarray] = {}
    if measure == "log_odds":
        if prior is None:
            prior = a + b
        prior = prior.astype(float)
        alpha = prior_mass * prior / (prior_total if prior_total else prior.sum())
        alpha = np.where(alpha > 0, alpha, 1e-9 * prior_mass)
        a0 = alpha.sum()
        delta = np.log((a + alpha) / (na + a0 - a - alpha)) - np.log(
            (b + alpha) / (nb + a0 - b - alpha)
        )
        var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
        z = delta / np.sqrt(var)
        out["score"] = z
        out["delta"] = delta
        out["z"] = z
        out["p"] = 2 * stats.norm.sf(np.abs(z))
    elif measure in ("chi2", "g2"):
        c, d = na - a, nb - b
        row_w, row_o = a + b, c + d
        e_a, e_b = row_w * na / n, row_w * nb / n
        e_c, e_d = row_o * na / n, row_o * nb / n
        sign = np.sign(a / na - b / nb)
        if measure == "chi2":
            stat = (a - e_a) ** 2 / e_a + (b - e_b) ** 2 / e_b
            stat = stat + (c - e_c) ** 2 / e_c + (d - e_d) ** 2 / e_d
        else:

            def xlogy(o: np.ndarray, e: np.ndarray) -> np.ndarray:
                with np.errstate(divide="ignore", invalid="ignore"):
                    return np.where(o > 0, o * np.log(o / e), 0.0)

            stat = 2 * (xlogy(a, e_a) + xlogy(b, e_b) + xlogy(c, e_c) + xlogy(d, e_d))
        out["score"] = sign * stat
        out["p"] = stats.chi2.sf(stat, 1)
    elif measure == "pmi":
        with np.errstate(divide="ignore"):
            out["score"] = np.log2(a * n / ((a + b) * na))
    else:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    return out


def keyness(
    dtm: Any,
    target: Any = None,
    reference: Any = None,
    measure: str = "log_odds",
    *,
    by: str | None = None,
    min_count: int = 1,
    prior: str = "pooled",
    prior_mass: float | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Terms used more (positive score) or less (negative) in a target than a reference.

    Parameters
    ----------
    dtm : DocumentTermMatrix (or Corpus)
    target, reference : mask, query string or dict
        Rows of each side (see :meth:`DocumentTermMatrix.mask`). ``reference=None`` means
        every row not in the target.
    measure : {"log_odds", "chi2", "g2", "pmi"}
        With target count a, reference count b, target and reference token totals
        Na, Nb and N = Na + Nb:

        * ``"log_odds"`` — log-odds ratio with an informative Dirichlet prior (Monroe,
          Colaresi & Quinn 2008, eq. 16–22): ``α_w = α0 · π_w`` with π the prior term
          distribution (``prior``) and α0 = ``prior_mass``; ``δ = ln((a+α_w)/(Na+α0−a−α_w))
          − ln((b+α_w)/(Nb+α0−b−α_w))``, ``σ² = 1/(a+α_w) + 1/(b+α_w)``, ``score = z = δ/σ``
          (columns ``delta``, ``z`` and the two-sided normal ``p``).
        * ``"chi2"`` — Pearson's χ² of the 2×2 table (a, b / Na−a, Nb−b), no continuity
          correction, signed by the direction of the difference; ``p`` from χ²(1).
        * ``"g2"`` — log-likelihood G² = 2 Σ O ln(O/E) over the same four cells (Dunning
          1993), signed; ``p`` from χ²(1).
        * ``"pmi"`` — pointwise mutual information of term and target,
          ``log2(a · N / ((a + b) · Na))`` (−inf when a = 0); no p-value.
    by : str, optional
        Each group of this metadata column against all other rows, in one call; the
        result gets a ``group`` column (``target``/``reference`` are then ignored).
    min_count : int, default 1
        Keep terms with at least this count in target + reference.
    prior : {"pooled", "all"}, default "pooled"
        Prior term distribution π for ``log_odds``: the target and reference rows together
        (``"pooled"``), or every row of ``dtm`` (``"all"``, a background corpus).
    prior_mass : float, optional
        α0 for ``log_odds``; default 0.1 × (Na + Nb): the prior adds pseudo-counts worth a
        tenth of the data compared (a prior as heavy as the data shrinks every z towards 0;
        a very light one lets rare terms dominate).
    top : int, optional
        Keep the ``top`` highest scores (per group with ``by``).

    Returns
    -------
    pandas.DataFrame
        ``term, score, target_count, reference_count`` plus ``delta, z, p`` (log_odds),
        ``p`` (chi2, g2); sorted by score (descending), ties by term.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> k = gt.keyness(m, "year == 2020", "year == 2019", measure="g2")
    >>> list(k.columns)
    ['term', 'score', 'target_count', 'reference_count', 'p']
    >>> bool((k["score"].diff().dropna() <= 0).all())
    True
    """
    import pandas as pd

    m = _as_dtm(dtm)
    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if prior not in ("all", "pooled"):
        raise InputError(f"prior must be 'all' or 'pooled', not {prior!r}")
    if by is not None:
        _col(m, by)
        values = m.meta[by]
        groups = sorted(values.dropna().unique(), key=lambda v: (str(type(v)), v))
        parts = []
        for g in groups:
            t = np.asarray((values == g).fillna(False), dtype=bool)
            if t.all():
                continue
            part = keyness(
                m,
                t,
                ~t,
                measure,
                min_count=min_count,
                prior=prior,
                prior_mass=prior_mass,
                top=top,
            )
            part.insert(0, "group", g)
            parts.append(part)
        if not parts:
            raise InputError(f"{by!r} has fewer than two groups")
        return pd.concat(parts, ignore_index=True)
    if target is None:
        raise InputError("give a target (mask, query string or dict), or by=...")
    t = m.mask(target)
    r = ~t if reference is None else m.mask(reference)
    if not t.any():
        raise InputError(f"the target {target!r} selects no report")
    if not r.any():
        raise InputError(f"the reference {reference!r} selects no report")
    X = m.matrix
    a = np.asarray(X[t].sum(axis=0)).ravel()
    b = np.asarray(X[r].sum(axis=0)).ravel()
    pri = None
    if measure == "log_odds":
        pri = m.term_counts() if prior == "all" else a + b
        if prior_mass is None:
            prior_mass = 0.1 * float(a.sum() + b.sum())
    keep = (a + b) >= max(min_count, 1)
    scores = _keyness_scores(
        a[keep],
        b[keep],
        measure,
        None if pri is None else pri[keep],
        prior_mass or 0.0,
        na=float(a.sum()),
        nb=float(b.sum()),
        prior_total=None if pri is None else float(pri.sum()),
    )
    cols: dict[str, Any] = {
        "term": np.asarray(m.vocab, dtype=object)[keep],
        "score": scores["score"],
        "target_count": a[keep].astype(np.int64),
        "reference_count": b[keep].astype(np.int64),
    }
    for extra in ("delta", "z", "p"):
        if extra in scores:
            cols[extra] = scores[extra]
    out = pd.DataFrame(cols)
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="mergesort")
    if top is not None:
        out = out.head(top)
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- trajectories
def trends(
    dtm: Any,
    by: str = "year",
    terms: Sequence[str] | str | None = None,
    *,
    per: float = 10_000,
) -> pd.DataFrame:
    """Frequency of terms per ``per`` (10,000) tokens in each group.

    Parameters
    ----------
    dtm : DocumentTermMatrix (or Corpus)
    by : str, default "year"
        Metadata column to group by (rows are summed, then divided by the group's tokens).
    terms : str or list of str, optional
        Columns to return (a term absent from the vocabulary gives zeros); default all.
    per : float, default 10000

    Returns
    -------
    pandas.DataFrame
        One row per group (index = group value, sorted), one column per term.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> t = gt.trends(m, "year", ["新质生产力"])
    >>> float(t.loc[2023, "新质生产力"]), float(t.loc[2024, "新质生产力"]) > 0
    (0.0, True)
    """
    m = _as_dtm(dtm)
    _col(m, by)
    g = m.group_by(by)
    if terms is not None:
        terms = [terms] if isinstance(terms, str) else list(terms)
        counts = g.counts(terms).to_numpy().astype(float)
        cols = terms
    else:
        counts = g.matrix.toarray().astype(float)
        cols = list(g.vocab)
    total = g.doc_lengths().astype(float)
    total[total == 0] = 1.0
    import pandas as pd

    out = pd.DataFrame(counts / total[:, None] * per, columns=cols)
    out.index = pd.Index(g.meta[by].tolist(), name=by)
    return out


def first_appearance(
    dtm: Any,
    by: str = "year",
    *,
    min_count: int = 1,
    terms: Sequence[str] | str | None = None,
) -> pd.DataFrame:
    """First group (e.g. year) in which each term reaches ``min_count`` occurrences.

    Parameters
    ----------
    dtm : DocumentTermMatrix (or Corpus)
    by : str, default "year"
        Groups are ordered by their value (years ascending).
    min_count : int, default 1
        Occurrences needed within one group (summed over its reports).
    terms : str or list of str, optional
        Restrict to these terms (a term never reaching ``min_count`` gets ``first`` NA).

    Returns
    -------
    pandas.DataFrame
        Index ``term``; columns ``first`` (group value), ``count`` (occurrences in that
        group), ``total`` (occurrences overall) and ``n_groups`` (groups reaching
        ``min_count``); sorted by ``first`` then term.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> int(gt.first_appearance(m, terms="新质生产力").loc["新质生产力", "first"])
    2024
    """
    import pandas as pd

    m = _as_dtm(dtm)
    _col(m, by)
    g = m.group_by(by)
    if terms is not None:
        terms = [terms] if isinstance(terms, str) else list(terms)
        C = g.counts(terms).to_numpy()
        vocab = terms
    else:
        C = g.matrix.toarray()
        vocab = list(g.vocab)
    reached = C >= min_count
    any_ = reached.any(axis=0)
    first_idx = np.argmax(reached, axis=0)
    values = g.meta[by].tolist()
    first = pd.array([values[i] if ok else pd.NA for i, ok in zip(first_idx, any_)])
    out = pd.DataFrame(
        {
            "first": first,
            "count": np.where(any_, C[first_idx, np.arange(C.shape[1])], 0),
            "total": C.sum(axis=0),
            "n_groups": reached.sum(axis=0),
        },
        index=pd.Index(vocab, name="term"),
    )
    out["_t"] = out.index
    out = out.sort_values(["first", "_t"], na_position="last", kind="mergesort")
    return out.drop(columns="_t")


def emerging_terms(
    dtm: Any,
    by: str = "year",
    *,
    recent: int = 1,
    baseline: int | None = 3,
    min_count: int = 5,
    min_ratio: float = 2.0,
    z: float = 2.58,
    top: int | None = None,
) -> pd.DataFrame:
    """Terms rising (emerging) or falling (fading) in the latest groups.

    Criterion (all three must hold):

    1. the ``recent`` last groups (e.g. the last year) are compared with the ``baseline``
       groups just before them (default the 3 preceding years; ``None`` = all earlier);
    2. the rate per 10,000 tokens changes by at least ``min_ratio`` (recent/baseline ≥
       ``min_ratio`` for emerging, baseline/recent ≥ ``min_ratio`` for fading, with 0.5
       added to each count so that a term new in the recent window has a finite ratio);
    3. the log-odds z-score (Monroe et al. 2008, see :func:`keyness`) of recent against
       baseline is at least ``z`` (default 2.58, p < 0.01 two-sided) in absolute value, and the term occurs ``min_count`` times
       in the window where it is more frequent.

    Returns
    -------
    pandas.DataFrame
        ``term, direction ("emerging"/"fading"), recent_rate, baseline_rate, ratio, z,
        recent_count, baseline_count``; emerging first, each by |z| descending.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> e = gt.emerging_terms(m, recent=1, baseline=3, min_count=3)
    >>> set(e["direction"]) <= {"emerging", "fading"}
    True
    """
    import pandas as pd

    m = _as_dtm(dtm)
    _col(m, by)
    if recent < 1:
        raise InputError(f"recent must be at least 1, not {recent}")
    values = sorted(v.item() if hasattr(v, "item") else v for v in m.meta[by].dropna().unique())
    if len(values) <= recent:
        raise InputError(f"{by!r} has {len(values)} groups: need more than recent={recent}")
    rec_vals = values[-recent:]
    base_vals = values[:-recent] if baseline is None else values[-recent - baseline : -recent]
    rec = m.mask({by: list(rec_vals)})
    base = m.mask({by: list(base_vals)})
    k = keyness(m, rec, base, "log_odds", prior="pooled")
    nr = float(m.matrix[rec].sum())
    nb = float(m.matrix[base].sum())
    rr = k["target_count"] / nr * 10_000
    br = k["reference_count"] / nb * 10_000
    ratio = ((k["target_count"] + 0.5) / nr) / ((k["reference_count"] + 0.5) / nb)
    em = (ratio >= min_ratio) & (k["z"] >= z) & (k["target_count"] >= min_count)
    fa = (1 / ratio >= min_ratio) & (k["z"] <= -z) & (k["reference_count"] >= min_count)
    out = pd.DataFrame(
        {
            "term": k["term"],
            "direction": np.where(em, "emerging", "fading"),
            "recent_rate": rr,
            "baseline_rate": br,
            "ratio": ratio,
            "z": k["z"],
            "recent_count": k["target_count"],
            "baseline_count": k["reference_count"],
        }
    )[em | fa]
    out["_a"] = -out["z"].abs()
    out["_d"] = out["direction"] != "emerging"
    out = out.sort_values(["_d", "_a", "term"], kind="mergesort").drop(columns=["_a", "_d"])
    if top is not None:
        out = out.groupby("direction", sort=False).head(top)
    out.attrs["recent"] = list(rec_vals)
    out.attrs["baseline"] = list(base_vals)
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- similarity
def _weighted(m: DocumentTermMatrix, weights: str):
    if weights == "tfidf":
        return m.tfidf()
    if weights == "count":
        return m.matrix.astype(float)
    if weights == "relative":
        lengths = m.doc_lengths().astype(float)
        lengths[lengths == 0] = 1
        return m.matrix.multiply(1 / lengths[:, None]).tocsr()
    raise InputError(f"weights must be 'tfidf', 'count' or 'relative', not {weights!r}")


def similarity(dtm: Any, metric: str = "cosine", *, weights: str = "tfidf") -> pd.DataFrame:
    """Report × report similarity.

    Parameters
    ----------
    dtm : DocumentTermMatrix (or Corpus)
    metric : {"cosine", "jaccard"}, default "cosine"
        ``cosine`` of the weighted rows; ``jaccard`` = shared terms / terms in either
        (weights ignored).
    weights : {"tfidf", "count", "relative"}, default "tfidf"

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, indexed and labelled by document name; 1 on the diagonal
        (for non-empty rows).

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.corpus_from_texts(["乡村振兴 营商环境", "乡村振兴", "专精特新"]))
    >>> similarity(m, "jaccard").round(2).to_numpy().tolist()
    [[1.0, 0.5, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    import pandas as pd

    m = _as_dtm(dtm)
    if metric == "cosine":
        from sklearn.metrics.pairwise import cosine_similarity

        S = cosine_similarity(_weighted(m, weights))
    elif metric == "jaccard":
        B = (m.matrix > 0).astype(np.float64)
        inter = (B @ B.T).toarray()
        sizes = np.asarray(B.sum(axis=1)).ravel()
        union = sizes[:, None] + sizes[None, :] - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            S = np.where(union > 0, inter / union, 0.0)
    else:
        raise InputError(f"metric must be 'cosine' or 'jaccard', not {metric!r}")
    return pd.DataFrame(S, index=m.docs, columns=m.docs)


def nearest(
    dtm: Any, doc: str, n: int = 5, *, metric: str = "cosine", weights: str = "tfidf"
) -> pd.DataFrame:
    """The ``n`` reports most similar to ``doc`` (itself excluded).

    Returns
    -------
    pandas.DataFrame
        ``doc, similarity`` plus the metadata columns ``year, level, region`` when present.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.corpus_from_texts(["乡村振兴 营商环境", "乡村振兴", "专精特新"]))
    >>> nearest(m, "doc0", n=1)["doc"].tolist()
    ['doc1']
    """
    m = _as_dtm(dtm)
    if doc not in m.meta.index:
        raise InputError(f"no report named {doc!r}")
    S = similarity(m, metric, weights=weights)
    s = S[doc].drop(index=doc)
    order = sorted(s.index, key=lambda d: (-s[d], d))[:n]
    out = s.loc[order].rename("similarity").rename_axis("doc").reset_index()
    for c in ("year", "level", "region"):
        if c in m.meta.columns:
            out[c] = m.meta.loc[order, c].to_numpy()
    return out


# --------------------------------------------------------------------------- vertical
_NON_HAN = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z%]+")


def _shingles(text: str, n: int) -> set[str]:
    from govtext.text.normalize import normalize

    s = _NON_HAN.sub("", normalize(text))
    return {s[i : i + n] for i in range(len(s) - n + 1)}


def shingle_reuse(child: Any, parent: Any, n: int = 8) -> float:
    """Share of the child's character ``n``-gram shingles that also occur in the parent.

    Texts are normalised and stripped of punctuation and whitespace before shingling, so
    a phrase reused with different line breaks or punctuation still counts. The share is
    ``|S(child) ∩ S(parent)| / |S(child)|`` over distinct shingles (0 for a child shorter
    than ``n``).

    Parameters
    ----------
    child, parent : Report or str
    n : int, default 8
        Shingle length in characters (8 Han characters ≈ a short policy phrase).

    Examples
    --------
    >>> shingle_reuse("全面推进乡村振兴，", "要全面推进乡村振兴", n=4)
    1.0
    >>> shingle_reuse("优化营商环境", "全面推进乡村振兴", n=4)
    0.0
    """
    if n < 1:
        raise InputError(f"n must be at least 1, not {n}")
    a = _shingles(getattr(child, "text", child), n)
    if not a:
        return 0.0
    b = _shingles(getattr(parent, "text", parent), n)
    return len(a & b) / len(a)


def find_parent(corpus: Corpus, name: str, *, max_year_gap: int = 1) -> str | None:
    """Name of the report one administrative level above ``name``, or None.

    The parent is the report whose ``region`` is a proper prefix of the child's region
    (national reports, region ``中国``, are the parent of every province), at the nearest
    higher level present (township → county/district → city → province → national), with
    the closest year within ``max_year_gap`` (same year first, then the earlier year).

    Examples
    --------
    >>> import govtext as gt
    >>> c = gt.datasets.load_sample()
    >>> find_parent(c, "2022_county_河北省保定市顺平县")
    '2022_city_河北省保定市'
    >>> find_parent(c, "2022_city_河北省保定市")
    '2022_province_河北省'
    """
    meta = corpus.meta
    if name not in meta.index:
        raise InputError(f"no report named {name!r}")
    row = meta.loc[name]
    lvl, region, year = row.get("level"), row.get("region"), row.get("year")
    if lvl not in _RANK or not isinstance(region, str):
        return None
    best: tuple | None = None
    for other, o in meta.iterrows():
        ol, orr, oy = o.get("level"), o.get("region"), o.get("year")
        if other == name or ol not in _RANK or _RANK[ol] <= _RANK[lvl] or not isinstance(orr, str):
            continue
        if ol == "national":
            ok = True
        else:
            ok = region.startswith(orr) and len(orr) < len(region)
        if not ok:
            continue
        if year is None or oy is None or year is np.nan or oy is np.nan:
            gap = 0 if (year is None and oy is None) else max_year_gap + 1
        else:
            try:
                gap = abs(int(oy) - int(year))
            except (TypeError, ValueError):
                gap = max_year_gap + 1
        if gap > max_year_gap:
            continue
        key = (
            _RANK[ol],
            gap,
            0 if (oy is not None and year is not None and oy <= year) else 1,
            other,
        )
        if best is None or key < best[0]:
            best = (key, other)
    return None if best is None else best[1]


@dataclass
class VerticalComparison:
    """Result of :func:`compare_vertical`.

    Attributes
    ----------
    pairs : pandas.DataFrame
        One row per child with a parent: ``child, parent, child_level, parent_level,
        child_year, parent_year, reuse`` (share of the child's shingles found in the
        parent) and ``reuse_parent`` (share of the parent's shingles found in the child).
    keyness : pandas.DataFrame
        Keyness of each child against its parent (``child`` column + :func:`keyness`
        columns), the ``top`` terms the child uses more than its parent.
    """

    pairs: pd.DataFrame
    keyness: pd.DataFrame


def compare_vertical(
    corpus: Corpus,
    child: str | Sequence[str] | None = None,
    *,
    n: int = 8,
    measure: str = "log_odds",
    top: int = 20,
    tokenizer: PolicyTokenizer | None = None,
    dtm: DocumentTermMatrix | None = None,
    max_year_gap: int = 1,
) -> VerticalComparison:
    """Compare reports with the report one level above them (see :func:`find_parent`).

    Parameters
    ----------
    corpus : Corpus
    child : str or list of str, optional
        Report name(s); default every report that has a parent in ``corpus``.
    n : int, default 8
        Shingle length for :func:`shingle_reuse`.
    measure : str, default "log_odds"
        Keyness measure of child against parent.
    top : int, default 20
        Keyness terms kept per child.
    tokenizer : PolicyTokenizer, optional
    dtm : DocumentTermMatrix, optional
        A matrix of ``corpus`` already built (rows named like the reports), to save time.
    max_year_gap : int, default 1

    Returns
    -------
    VerticalComparison

    Examples
    --------
    >>> import govtext as gt
    >>> c = gt.datasets.load_sample()
    >>> v = gt.compare_vertical(c, "2022_county_河北省保定市顺平县", top=5)
    >>> v.pairs[["child", "parent"]].values.tolist()
    [['2022_county_河北省保定市顺平县', '2022_city_河北省保定市']]
    >>> bool(0 < v.pairs["reuse"].iloc[0] < 1)
    True
    """
    import pandas as pd

    from govtext.corpus.reports import Corpus as _Corpus

    if not isinstance(corpus, _Corpus):
        raise InputError(f"compare_vertical needs a Corpus, not {type(corpus).__name__}")
    names = corpus.names if child is None else ([child] if isinstance(child, str) else list(child))
    pairs = []
    for c in names:
        p = find_parent(corpus, c, max_year_gap=max_year_gap)
        if p is None:
            if child is not None:
                raise InputError(f"no parent report for {c!r} in the corpus")
            continue
        pairs.append((c, p))
    cols = ["child", "parent", "child_level", "parent_level", "child_year", "parent_year"]
    kcols = ["child", "term", "score", "target_count", "reference_count"]
    if not pairs:
        return VerticalComparison(
            pd.DataFrame(columns=[*cols, "reuse", "reuse_parent"]), pd.DataFrame(columns=kcols)
        )
    involved = sorted({x for pr in pairs for x in pr}, key=corpus.names.index)
    if dtm is None:
        from govtext.features.dtm import dtm as _dtm

        dtm = _dtm(_Corpus(corpus[x] for x in involved), tokenizer=tokenizer)
    rows, ks = [], []
    meta = corpus.meta
    for c, p in pairs:
        rc, rp = corpus[c], corpus[p]
        rows.append(
            (
                c,
                p,
                meta.loc[c, "level"],
                meta.loc[p, "level"],
                meta.loc[c, "year"],
                meta.loc[p, "year"],
                shingle_reuse(rc, rp, n),
                shingle_reuse(rp, rc, n),
            )
        )
        t = np.asarray(dtm.meta.index == c)
        r = np.asarray(dtm.meta.index == p)
        k = keyness(dtm, t, r, measure, prior="pooled", top=top)
        k.insert(0, "child", c)
        ks.append(k)
    out = pd.DataFrame(rows, columns=[*cols, "reuse", "reuse_parent"])
    return VerticalComparison(out, pd.concat(ks, ignore_index=True))
