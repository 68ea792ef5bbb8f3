"""Terms over groups (years by default): rates, first appearance, emerging and fading terms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.stats._common import as_dtm, check_column
from govtext.stats.keyness import keyness

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["trends", "first_appearance", "emerging_terms"]


def trends(
    dtm: Any,
    by: str = "year",
    terms: Sequence[str] | str | None = None,
    *,
    per: float = 10_000,
) -> pd.DataFrame:
    """Count and frequency per ``per`` (10,000) tokens of terms in each group.

    Parameters
    ----------
    dtm : DocumentTermMatrix (or Corpus)
    by : str, default "year"
        Metadata column to group by (rows are summed, then divided by the group's tokens).
    terms : str or list of str, optional
        Terms to return (a term absent from the vocabulary gives zeros); default every
        term of the vocabulary.
    per : float, default 10000

    Returns
    -------
    pandas.DataFrame
        Long table, one row per term and group: ``term``, the group column (named
        ``by``), ``count`` (occurrences in the group's reports) and ``rate``
        (``count / tokens of the group × per``). Terms in the order given (vocabulary
        order by default), each with every group in sorted order, zeros included.
        ``t.pivot(index=by, columns="term", values="rate")`` gives the wide table.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> t = gt.trends(m, "year", ["新质生产力"])
    >>> list(t.columns)
    ['term', 'year', 'count', 'rate']
    >>> rate = t.set_index("year")["rate"]
    >>> float(rate[2023]), float(rate[2024]) > 0
    (0.0, True)
    """
    import pandas as pd

    m = as_dtm(dtm)
    check_column(m, by)
    if by in ("term", "count", "rate"):
        raise InputError(f"by={by!r} would clash with a result column of the same name")
    g = m.group_by(by)
    if terms is not None:
        terms = [terms] if isinstance(terms, str) else list(terms)
        counts = g.counts(terms).to_numpy()
        cols = terms
    else:
        counts = g.matrix.toarray()
        cols = list(g.vocab)
    total = g.doc_lengths().astype(float)
    total[total == 0] = 1.0
    rate = counts.astype(float) / total[:, None] * per
    n_groups, n_terms = counts.shape
    groups = g.meta[by].iloc[np.tile(np.arange(n_groups), n_terms)].reset_index(drop=True)
    return pd.DataFrame(
        {
            "term": pd.Series(np.repeat(np.asarray(cols, dtype=object), n_groups), dtype=object),
            by: groups,
            "count": counts.T.ravel().astype(np.int64),
            "rate": rate.T.ravel(),
        }
    )


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
        ``term``, ``first`` (the group value, e.g. the year; NA when never reached),
        ``count`` (occurrences in that group), ``total`` (occurrences overall) and
        ``n_groups`` (groups reaching ``min_count``); sorted by ``first`` then term.

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> fa = gt.first_appearance(m, terms="新质生产力")
    >>> list(fa.columns)
    ['term', 'first', 'count', 'total', 'n_groups']
    >>> int(fa.loc[0, "first"])
    2024
    """
    import pandas as pd

    m = as_dtm(dtm)
    check_column(m, by)
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
            "term": pd.Series(vocab, dtype=object),
            "first": first,
            "count": np.where(any_, C[first_idx, np.arange(C.shape[1])], 0).astype(np.int64),
            "total": C.sum(axis=0).astype(np.int64),
            "n_groups": reached.sum(axis=0).astype(np.int64),
        }
    )
    out = out.sort_values(["first", "term"], na_position="last", kind="mergesort")
    return out.reset_index(drop=True)


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
    nested: bool = True,
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
       in the window where it is more frequent;
    4. with ``nested`` (default), the ratio of criterion 2 also holds for the term's
       *nested count* — itself plus the longer tokens built on it
       (:mod:`govtext.stats.nested`: 高质量 in 高质量发展) — so a term is not "new" only
       because the segmenter kept it inside a longer token in the earlier years.

    Returns
    -------
    pandas.DataFrame
        ``term, direction ("emerging"/"fading"), recent_rate, baseline_rate, ratio, z,
        recent_count, baseline_count``; emerging first, each by |z| descending. The groups
        compared follow from the arguments alone: with ``values`` the sorted distinct
        values of ``by``, recent = ``values[-recent:]`` and baseline =
        ``values[-recent - baseline:-recent]`` (``values[:-recent]`` when ``baseline`` is
        None).

    Examples
    --------
    >>> import govtext as gt
    >>> m = gt.dtm(gt.datasets.load_sample().filter(level="national"))
    >>> e = gt.emerging_terms(m, recent=1, baseline=3, min_count=3)
    >>> set(e["direction"]) <= {"emerging", "fading"}
    True
    """
    import pandas as pd

    m = as_dtm(dtm)
    check_column(m, by)
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
    if nested:
        from govtext.stats.nested import nested_counts

        # only the terms of the two windows can nest in them: the same counts, from a
        # nesting matrix over those terms instead of the whole vocabulary
        used = m.select(np.asarray(m.matrix[rec | base].sum(axis=0)).ravel() > 0)
        Xn = nested_counts(used)
        col = k["term"].map(used.term_index).to_numpy()
        a = np.asarray(Xn[rec].sum(axis=0)).ravel()[col]
        b = np.asarray(Xn[base].sum(axis=0)).ravel()[col]
        nratio = ((a + 0.5) / nr) / ((b + 0.5) / nb)
        em &= nratio >= min_ratio
        fa &= 1 / nratio >= min_ratio
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
    return out.reset_index(drop=True)
