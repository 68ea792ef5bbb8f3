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
    m = as_dtm(dtm)
    check_column(m, by)
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
