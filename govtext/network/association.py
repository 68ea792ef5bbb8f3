"""Association measures of co-occurring terms (PMI, NPMI, Jaccard, Dice, conditional, G²).

Computed on the sparse entries of a :class:`~govtext.network.cooccurrence.Cooccurrence`
only: pairs that never co-occur cost nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from govtext.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

    from govtext.network.cooccurrence import Cooccurrence

__all__ = ["MEASURES", "association"]

MEASURES = ("count", "pmi", "npmi", "jaccard", "dice", "conditional", "g2")


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
    >>> import govtext as gt
    >>> c = gt.cooccurrence([["a", "b"], ["a", "c"], ["a", "b"], ["d"]])
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
