"""Keyness: terms a target uses more (or less) than a reference (log-odds, χ², G², PMI)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from govtext.errors import InputError
from govtext.stats._common import as_dtm, check_column

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["keyness", "MEASURES"]

MEASURES = ("log_odds", "chi2", "g2", "pmi")
_COLUMNS = ("term", "score", "target_count", "reference_count", "delta", "z", "p")


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


def _keyness_by(m: Any, by: str, measure: str, kw: dict[str, Any]) -> pd.DataFrame:
    """Each group of the metadata column ``by`` against every other row, stacked."""
    import pandas as pd

    check_column(m, by)
    if by in _COLUMNS:
        raise InputError(f"by={by!r} would clash with a result column of the same name")
    values = m.meta[by]
    groups = sorted(values.dropna().unique(), key=lambda v: (str(type(v)), v))
    parts = []
    for g in groups:
        t = np.asarray((values == g).fillna(False), dtype=bool)
        if t.all():
            continue
        part = keyness(m, t, ~t, measure, **kw)
        part.insert(0, by, g)
        parts.append(part)
    if not parts:
        raise InputError(f"{by!r} has fewer than two groups")
    return pd.concat(parts, ignore_index=True)


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
        result gets a column named ``by`` holding the group (``target``/``reference`` are
        then ignored).
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
        ``p`` (chi2, g2); sorted by score (descending), ties by term. With ``by``, the
        group column (named ``by``) comes first and the groups follow in sorted order.

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

    m = as_dtm(dtm)
    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if prior not in ("all", "pooled"):
        raise InputError(f"prior must be 'all' or 'pooled', not {prior!r}")
    if by is not None:
        kw = {"min_count": min_count, "prior": prior, "prior_mass": prior_mass, "top": top}
        return _keyness_by(m, by, measure, kw)
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
    terms, rank = m.vocab_ranks()
    # score descending (NaN last, as pandas sorts), ties by term: one numeric sort
    order = np.lexsort((rank[keep], -scores["score"]))
    if top is not None:
        order = order[:top]
    cols: dict[str, Any] = {
        "term": terms[keep][order],
        "score": scores["score"][order],
        "target_count": a[keep][order].astype(np.int64),
        "reference_count": b[keep][order].astype(np.int64),
    }
    for extra in ("delta", "z", "p"):
        if extra in scores:
            cols[extra] = scores[extra][order]
    return pd.DataFrame(cols)
